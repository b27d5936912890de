"""/data/: the list of releases, each release's page, its files, and the `latest` alias."""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .changelog import KINDS
from .models import DataRelease
from .services import PACKAGE
from .tables import IRM_ATTRIBUTION

MEDIA_TYPES = {".csv": "text/csv; charset=utf-8", ".json": "application/json"}
# Characters that could end a <script> data block or start markup: escaped inside the JSON.
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise Http404(_("No release on that date.")) from None


def _absolute(view: str, *args: str) -> str:
    return f"{settings.SITE_URL}{reverse(view, args=args)}"


def _json_ld(data: dict[str, Any]) -> SafeString:
    """JSON-LD for a <script type="application/ld+json"> data block (never run: not a script)."""
    return mark_safe(json.dumps(data, ensure_ascii=False, indent=1).translate(JSON_ESCAPES))


def _dataset(release: DataRelease) -> dict[str, Any]:
    """A release as a schema.org Dataset that is also a DCAT dataset."""
    day = release.date.isoformat()
    license_url = settings.DATA_RELEASE_LICENSE["path"]
    return {
        "@type": ["Dataset", "dcat:Dataset"],
        "@id": _absolute("releases:detail", day),
        "name": f"OGP Tracker data release {day}",
        "description": (
            "Open Government Partnership action plans, commitments, milestones, civil society's "
            "status updates and the IRM's published findings, as a Frictionless data package."
        ),
        "url": _absolute("releases:detail", day),
        "datePublished": day,
        "dct:issued": {"@value": day, "@type": "xsd:date"},
        "version": day,
        "license": license_url,
        "dct:license": {"@id": license_url},
        "creator": {"@type": "Organization", "name": IRM_ATTRIBUTION},
        "isAccessibleForFree": True,
        "distribution": [
            {
                "@type": ["DataDownload", "dcat:Distribution"],
                "name": entry["name"],
                "contentUrl": _absolute("releases:file", day, entry["name"]),
                "dcat:downloadURL": {"@id": _absolute("releases:file", day, entry["name"])},
                "encodingFormat": MEDIA_TYPES[entry["name"][entry["name"].rfind(".") :]].split(";")[
                    0
                ],
                "contentSize": str(entry["bytes"]),
                "dcat:byteSize": entry["bytes"],
                "sha256": entry["sha256"],
            }
            for entry in release.resources
        ],
    }


CONTEXT = {
    "@vocab": "https://schema.org/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sha256": "http://spdx.org/rdf/terms#checksumValue",
}


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    releases = list(DataRelease.objects.for_list())
    catalog = {
        "@context": CONTEXT,
        "@type": ["DataCatalog", "dcat:Catalog"],
        "@id": _absolute("releases:index"),
        "name": "OGP Tracker data releases",
        "url": _absolute("releases:index"),
        "license": settings.DATA_RELEASE_LICENSE["path"],
        "dataset": [_dataset(release) for release in releases],
    }
    return render(
        request,
        "releases/index.html",
        {
            "releases": releases,
            "json_ld": _json_ld(catalog),
            "license": settings.DATA_RELEASE_LICENSE,
        },
    )


@require_safe
def detail(request: HttpRequest, day: str) -> HttpResponse:
    release = get_object_or_404(DataRelease.objects.select_related("previous"), date=_day(day))
    shown = release.changes.get("shown", {})
    changes = [
        (kind, release.changes.get("counts", {}).get(kind, 0), shown.get(kind, []))
        for kind in KINDS
    ]
    return render(
        request,
        "releases/detail.html",
        {
            "release": release,
            "changes": changes,
            "json_ld": _json_ld({"@context": CONTEXT, **_dataset(release)}),
            "license": settings.DATA_RELEASE_LICENSE,
        },
    )


@require_safe
def release_file(request: HttpRequest, day: str, name: str) -> FileResponse:
    release = get_object_or_404(DataRelease, date=_day(day))
    entry = release.resource(name)
    if entry is None:
        raise Http404(_("This release has no such file."))
    try:
        handle = default_storage.open(entry["path"], "rb")
    except FileNotFoundError:
        raise Http404(_("This file is no longer available.")) from None
    response = FileResponse(
        handle, content_type=MEDIA_TYPES.get(name[name.rfind(".") :], "application/octet-stream")
    )
    # A dated file never changes.
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    response["ETag"] = f'"{entry["sha256"]}"'
    if name != PACKAGE:
        response["Content-Disposition"] = f'inline; filename="{release.date}-{name}"'
    return response


@require_safe
def latest(request: HttpRequest, name: str = "") -> HttpResponse:
    """The newest release (its page, or one of its files), by a redirect to its dated address."""
    release = DataRelease.objects.latest_first().only("date").first()
    if release is None:
        raise Http404(_("No data release has been made yet."))
    day = release.date.isoformat()
    response = redirect(
        reverse("releases:file", args=[day, name])
        if name
        else reverse("releases:detail", args=[day])
    )
    response["Cache-Control"] = "public, max-age=300"
    return response
