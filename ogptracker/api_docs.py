"""The interactive API docs at /api/docs/ (Swagger UI, from the vendored sidecar files, no CDN).
/api/redoc/ (Redoc fetched web fonts from Google) now leads here."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language
from drf_spectacular.plumbing import get_relative_url, set_query_parameters
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.reverse import reverse


class SwaggerDocsView(SpectacularSwaggerSplitView):
    """The interactive docs (Swagger UI, from the vendored sidecar files): no inline style or
    script, and the schema asked for in the page's language."""

    template_name = "api/swagger_ui.html"

    def _get_schema_url(self, request: Any) -> str:
        url = self.url or get_relative_url(reverse(self.url_name, request=request))
        return set_query_parameters(url=url, lang=request.GET.get("lang") or get_language())
