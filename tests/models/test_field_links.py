"""`commitment_field` and `action_plan_field` declare the link of every record about one commitment
or one plan, and run only when the models are first imported. A call made now gives the very field
each model was built (and migrated) with: the model linked to, its label, what a deletion does, and
the name the other side reads it by. Without this, a change to either helper would show only as a
migration on the next `makemigrations`, never as a failing test."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.utils import translation

from commitments.models import ActionPlan, Commitment
from commitments.models.commitments import commitment_field
from commitments.models.plans import action_plan_field

HELPERS = {
    Commitment: (commitment_field, "commitment"),
    ActionPlan: (action_plan_field, "action plan"),
}


def links_made_by_a_helper():
    """Every foreign key of the project's models to a commitment or a plan, required and labelled
    as the helpers label it, with the model it belongs to (history tables left out)."""
    with translation.override("en"):
        for model in apps.get_models():
            if model._meta.model_name.startswith("historical"):
                continue
            for field in model._meta.get_fields():
                label = HELPERS.get(getattr(field, "related_model", None), (None, None))[1]
                if (
                    field.concrete
                    and field.many_to_one
                    and not field.null
                    and str(field.verbose_name) == label
                ):
                    yield pytest.param(model, field, id=f"{model._meta.label}.{field.name}")


LINKS = list(links_made_by_a_helper())


def test_the_helpers_declare_the_links_of_many_models():
    assert len({param.values[0] for param in LINKS}) >= 10


@pytest.mark.parametrize(("model", "field"), LINKS)
def test_a_call_now_gives_the_field_the_model_was_built_with(model, field):
    helper = HELPERS[field.related_model][0]
    made = helper(field.remote_field.related_name, on_delete=field.remote_field.on_delete)
    _name, path, args, kwargs = made.deconstruct()
    _name, built_path, built_args, built_kwargs = field.deconstruct()
    assert (path, args) == (built_path, built_args)
    assert {key: str(value) for key, value in kwargs.items()} == {
        key: str(value) for key, value in built_kwargs.items()
    }
    assert made.remote_field.model is field.related_model
