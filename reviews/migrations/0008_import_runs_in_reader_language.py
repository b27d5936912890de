"""An import run keeps its format as a code and its reports in every site language, so each reader
reads them in theirs. Runs from before keep their reports as written, in their uploader's language
(filed under it), and their format name becomes its code."""

from django.conf import settings
from django.db import migrations, models

# The English names the importer used to store, by code (reviews.models.ImportFormat).
FORMAT_CODES = {
    "IRM Explorer table (2017)": "explorer_2017",
    "OGP commitments sheet (current)": "current_sheet",
}


def keep_written_reports(apps, schema_editor):
    ImportRun = apps.get_model("reviews", "ImportRun")
    for run in ImportRun.objects.all():
        language = run.language or settings.LANGUAGE_CODE
        run.check_reports = {language: run.check_report} if run.check_report else {}
        run.import_reports = {language: run.import_report} if run.import_report else {}
        # Only the importer's two names were ever stored; anything else is said in the reports.
        run.file_format = FORMAT_CODES.get(run.file_format, "")
        run.save(update_fields=["check_reports", "import_reports", "file_format"])


def back_to_written_reports(apps, schema_editor):
    ImportRun = apps.get_model("reviews", "ImportRun")
    names = {code: name for name, code in FORMAT_CODES.items()}
    for run in ImportRun.objects.all():
        language = run.language = next(iter(run.check_reports), "")
        run.check_report = run.check_reports.get(language, "")
        run.import_report = run.import_reports.get(language, "")
        run.file_format = names.get(run.file_format, "")
        run.save(update_fields=["language", "check_report", "import_report", "file_format"])


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0007_asof_irm_level_report"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="importrun",
            name="check_reports",
            field=models.JSONField(default=dict, editable=False, verbose_name="check (dry run)"),
        ),
        migrations.AddField(
            model_name="importrun",
            name="import_reports",
            field=models.JSONField(default=dict, editable=False, verbose_name="import"),
        ),
        migrations.RunPython(keep_written_reports, back_to_written_reports),
        migrations.RemoveField(model_name="importrun", name="check_report"),
        migrations.RemoveField(model_name="importrun", name="import_report"),
        migrations.RemoveField(model_name="importrun", name="language"),
        migrations.AlterField(
            model_name="importrun",
            name="file_format",
            field=models.CharField(
                blank=True,
                choices=[
                    ("explorer_2017", "IRM Explorer table (2017)"),
                    ("current_sheet", "OGP commitments sheet (current)"),
                ],
                editable=False,
                max_length=100,
                verbose_name="format",
            ),
        ),
        migrations.AddConstraint(
            model_name="importrun",
            constraint=models.CheckConstraint(
                condition=models.Q(("file_format__in", ["", "explorer_2017", "current_sheet"])),
                name="importrun_file_format_known",
            ),
        ),
    ]
