"""The data page links the newest release only when there is one: until 8 December a fresh
`make run` showed "The newest release is always at /data/latest/datapackage.json" beside "No data
release has been made yet.", and that link answered 404 (the site's one broken link)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from releases.services import publish_data_release

pytestmark = pytest.mark.django_db

LATEST = 'href="/data/latest/datapackage.json"'


def test_data_page_before_any_release_links_nothing_that_answers_404(client):
    html = client.get("/data/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "No data release has been made yet." in html
    assert LATEST not in html
    assert client.get("/data/latest/datapackage.json").status_code == 404


def test_data_page_links_the_newest_release_once_there_is_one(client):
    publish_data_release(on=timezone.localdate() - datetime.timedelta(days=1), by=None)
    html = client.get("/data/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert LATEST in html
    assert client.get("/data/latest/datapackage.json").status_code == 302
