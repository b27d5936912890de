"""Public keys in one case, so an address or filter typed in any case names one record: plan ids
and member codes in capitals (AP_PER01, PER, PE), organisation slugs in lower case (minjus).
Importers already write them so; a key typed otherwise in the admin is put in its case first, and
two records whose keys differ only by case stop the migration, named, for a person to merge."""

import django.db.models.functions.text
from django.db import migrations, models

# (model, field, the case it is kept in)
KEYS = [
    ("ActionPlan", "ogp_id", str.upper),
    ("Member", "code", str.upper),
    ("Member", "iso_alpha2", str.upper),
    ("Organization", "slug", str.lower),
]


def keys_in_one_case(apps, schema_editor):
    for model_name, field, case in KEYS:
        model = apps.get_model("commitments", model_name)
        keys = list(model.objects.exclude(**{field: ""}).values_list("pk", field))
        taken: dict[str, str] = {}
        for _pk, key in keys:
            other = taken.setdefault(case(key), key)
            if other != key:
                raise RuntimeError(
                    f"{model_name}.{field}: {other!r} and {key!r} differ only by case; merge "
                    "or rename one, then migrate again."
                )
        for pk, key in keys:
            if case(key) != key:
                model.objects.filter(pk=pk).update(**{field: case(key)})


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0028_refresh_corrected_statuses"),
    ]

    operations = [
        migrations.RunPython(keys_in_one_case, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="actionplan",
            constraint=models.CheckConstraint(
                condition=models.Q(("ogp_id", django.db.models.functions.text.Upper("ogp_id"))),
                name="plan_ogp_id_upper_case",
                violation_error_message="Write the plan's id in capitals (AP_PER01).",
            ),
        ),
        migrations.AddConstraint(
            model_name="member",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("code", django.db.models.functions.text.Upper("code")),
                    ("iso_alpha2", django.db.models.functions.text.Upper("iso_alpha2")),
                ),
                name="member_codes_upper_case",
                violation_error_message="Write the OGP and ISO codes in capitals (PER, PE).",
            ),
        ),
        migrations.AddConstraint(
            model_name="organization",
            constraint=models.CheckConstraint(
                condition=models.Q(("slug", django.db.models.functions.text.Lower("slug"))),
                name="organization_slug_lower_case",
                violation_error_message="Write the slug in lower case (minjus, not MINJUS).",
            ),
        ),
    ]
