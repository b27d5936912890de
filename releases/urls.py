from django.urls import path

from . import views

app_name = "releases"

urlpatterns = [
    path("", views.index, name="index"),
    path("latest/", views.latest, name="latest"),
    path("latest/<str:name>", views.latest, name="latest_file"),
    path("<str:day>/", views.detail, name="detail"),
    path("<str:day>/<str:name>", views.release_file, name="file"),
]
