"""The language of each reading as a column beside its other filters (the explorer keeps to one
language, and learning and discovery read English comments), filled from the reading itself,
which has said it since the engine began to tell languages."""

from django.db import migrations, models

# the languages ``centric.insights.text.language`` tells besides English
TOLD = ("de", "fr", "es", "nl", "it", "pt")


def from_readings(apps, schema_editor):  # type: ignore[no-untyped-def]
    ResponseAnalysis = apps.get_model("insights", "ResponseAnalysis")
    for code in TOLD:
        ResponseAnalysis.objects.filter(reading__language=code).update(language=code)


class Migration(migrations.Migration):
    dependencies = [("insights", "0011_unread_label_german")]
    operations = [
        migrations.AddField(
            model_name="responseanalysis",
            name="language",
            field=models.CharField(default="en", max_length=8),
        ),
        migrations.RunPython(from_readings, migrations.RunPython.noop),
    ]
