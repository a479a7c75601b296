"""Imported feedback stored without a date, before every imported row had one, takes the time it
was stored: as an import without a date column now dates its rows, and so that it falls within
the periods Insights reads."""

from django.db import migrations
from django.db.models import F


def date_undated_imports(apps, schema_editor):  # type: ignore[no-untyped-def]
    Response = apps.get_model("feedback", "Response")
    Response.objects.filter(channel="import", responded_at__isnull=True).update(
        responded_at=F("created_at")
    )


class Migration(migrations.Migration):
    dependencies = [("feedback", "0009_answer_response_index_once")]

    operations = [migrations.RunPython(date_undated_imports, migrations.RunPython.noop)]
