from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from .search import search
from .views import favicon

# Errors raised outside DRF: JSON under /api/, the site's pages elsewhere (ogptracker/views.py).
handler400 = "ogptracker.views.bad_request"
handler403 = "ogptracker.views.permission_denied"
handler404 = "ogptracker.views.page_not_found"
handler500 = "ogptracker.views.server_error"

urlpatterns = [
    path("favicon.ico", favicon),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("ogptracker.api_urls")),
    path("accounts/", include("ogptracker.account_urls")),
    # Parents of public addresses lead to their list rather than a 404: the IRM reports, and the
    # data releases for the downloads (each download is linked from its list page).
    path("irm/", RedirectView.as_view(pattern_name="reviews:reports", permanent=True)),
    path("irm/", include("reviews.urls")),
    path("downloads/", RedirectView.as_view(pattern_name="releases:index", permanent=True)),
    path("downloads/", include("ogptracker.download_urls")),
    path("data/", include("releases.urls")),
    path("search/", search, name="search"),
    path("", include("questions.urls")),
    path("", include("ogptracker.page_urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.STATIC_URL, document_root=settings.STATIC_ROOT)
