from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("reports/", views.report_list, name="reports"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("reports/<int:pk>/assess/<str:ogp_id>/", views.assess, name="assess"),
    path("reports/<int:pk>/submit/", views.submit, name="submit"),
    path("reports/<int:pk>/publish/", views.publish, name="publish"),
]
