"""Build the POST data of a Django admin change form from the page's own context, as a browser
would submit it unchanged: then tests change only the fields they care about."""

from __future__ import annotations

from typing import Any


def _field_value(bound: Any) -> Any:
    value = bound.value()
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _form_data(form: Any, data: dict[str, Any]) -> None:
    for name, field in form.fields.items():
        bound = form[name]
        if getattr(field.widget, "input_type", None) == "checkbox":
            if bound.value():
                data[bound.html_name] = "on"  # an unchecked box is not sent at all
            continue
        data[bound.html_name] = _field_value(bound)


def admin_post_data(response: Any) -> dict[str, Any]:
    """The data the change form in `response` would post if submitted as it is."""
    context = response.context
    data: dict[str, Any] = {}
    _form_data(context["adminform"].form, data)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management[name].html_name] = _field_value(management[name])
        for form in formset.forms:
            _form_data(form, data)
    return data
