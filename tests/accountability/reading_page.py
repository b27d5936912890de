"""The indicator reading page as the tests post to it: a valid reading unless `fields` say
otherwise, by `user`, in `language`."""

from __future__ import annotations


def form_url(indicator) -> str:
    return f"/indicators/{indicator.pk}/readings/new/"


def post_reading(client, user, indicator, language: str, **fields: str):
    client.force_login(user)
    data = {"value": "12.5", "as_of": "2016-06-30", **fields}
    return client.post(form_url(indicator), data, HTTP_ACCEPT_LANGUAGE=language)
