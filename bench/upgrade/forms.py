"""Fill in and send an HTML form the way a browser does, through Django's test client: read the
page, keep every field's current value (hidden ones, the admin's inline management forms, the
selected options), change what the user changes, post. Written for both the first release and
today's code (bench/upgrade_check.py runs it under each), so it reads only HTML."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any


class _Form:
    def __init__(self, attrs: dict[str, str]) -> None:
        self.attrs = attrs
        self.fields: list[tuple[str, str]] = []
        self.names: set[str] = set()
        self.submit_names: list[tuple[str, str]] = []


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[_Form] = []
        self._form: _Form | None = None
        self._select: tuple[str, bool] | None = None
        self._options: list[tuple[str, bool]] = []
        self._option_value: str | None = None
        self._option_selected = False
        self._option_text = ""
        self._in_option = False
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: (v or "") for k, v in attrs_list}
        if tag == "form":
            self._form = _Form(attrs)
            self.forms.append(self._form)
            return
        form = self._form
        if form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            form.names.add(name)
            if kind in ("submit", "image", "button"):
                form.submit_names.append((name, attrs.get("value", "")))
            elif kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    form.fields.append((name, attrs.get("value", "on")))
            elif kind == "file":
                pass
            else:
                form.fields.append((name, attrs.get("value", "")))
        elif tag == "button" and name:
            form.submit_names.append((name, attrs.get("value", "")))
        elif tag == "select" and name:
            form.names.add(name)
            self._select = (name, "multiple" in attrs)
            self._options = []
        elif tag == "option" and self._select:
            self._close_option()
            self._in_option = True
            self._option_value = attrs.get("value")
            self._option_selected = "selected" in attrs
            self._option_text = ""
        elif tag == "textarea" and name:
            form.names.add(name)
            self._textarea = name
            self._text = ""

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text += data
        if self._in_option:
            self._option_text += data

    def _close_option(self) -> None:
        if self._in_option and self._select is not None:
            value = self._option_value
            if value is None:
                value = self._option_text.strip()
            self._options.append((value, self._option_selected))
        self._in_option = False
        self._option_value = None
        self._option_selected = False
        self._option_text = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "option":
            self._close_option()
        elif tag == "select" and self._select and self._form is not None:
            self._close_option()
            name, multiple = self._select
            chosen = [v for v, selected in self._options if selected]
            if not chosen and not multiple and self._options:
                chosen = [self._options[0][0]]
            self._form.fields.extend((name, v) for v in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea and self._form is not None:
            self._form.fields.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None
        elif tag == "form":
            self._form = None


def forms_of(html: str) -> list[_Form]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def pick_form(html: str, having: str | None = None, action: str | None = None) -> _Form:
    """The page's form holding a field named `having` (or posting to a URL containing `action`)."""
    for form in forms_of(html):
        if having is not None and having not in form.names:
            continue
        if action is not None and action not in form.attrs.get("action", ""):
            continue
        return form
    raise LookupError(f"no form with field {having!r} / action {action!r}")


def submit(
    client: Any,
    url: str,
    changes: dict[str, Any] | None = None,
    *,
    having: str | None = None,
    action: str | None = None,
    drop: tuple[str, ...] = (),
    press: str | None = None,
    expect: tuple[int, ...] = (302,),
) -> Any:
    """GET `url`, fill the chosen form with `changes` (a list value sets several values; a file is
    an open file object), POST it to its action, return the response."""
    page = client.get(url)
    assert page.status_code == 200, (url, page.status_code)
    form = pick_form(page.content.decode(), having=having, action=action)
    changes = changes or {}
    data: dict[str, list[Any]] = {}
    for name, value in form.fields:
        if name in changes or name in drop:
            continue
        data.setdefault(name, []).append(value)
    for name, value in changes.items():
        if value is None:
            continue
        data[name] = value if isinstance(value, list) else [value]
    if press:
        data[press] = [dict(form.submit_names).get(press, "")]
    target = form.attrs.get("action") or url
    if target.startswith("?") or not target.startswith("/"):
        target = url.split("?")[0] + (target if target.startswith("?") else "")
    payload = {k: (v[0] if len(v) == 1 else v) for k, v in data.items()}
    response = client.post(target, payload)
    if response.status_code not in expect:
        errors = re.findall(
            r'class="[^"]*error[^"]*"[^>]*>(.{0,300})', response.content.decode(), re.S
        )
        raise AssertionError(f"POST {target}: {response.status_code} {errors[:5]}")
    return response
