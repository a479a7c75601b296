"""An imported row's external id is kept under its kind ("import:id:ticket:1"), so that a help
desk's ticket 1 and an app store's review 1 are two rows, not one imported twice. The ids stored
before ("import:id:1") take their row's kind, so that importing the same file again still adds
nothing."""

from django.db import migrations
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr

OLD = "import:id:"


def ids_by_kind(apps, schema_editor):  # type: ignore[no-untyped-def]
    Response = apps.get_model("feedback", "Response")
    Response.objects.filter(source_ref__startswith=OLD).update(
        source_ref=Concat(
            Value(OLD), F("kind"), Value(":"), Substr("source_ref", len(OLD) + 1)
        )
    )


def ids_without_kind(apps, schema_editor):  # type: ignore[no-untyped-def]
    Response = apps.get_model("feedback", "Response")
    for kind in ("survey", "review", "ticket", "note"):
        prefix = f"{OLD}{kind}:"
        Response.objects.filter(kind=kind, source_ref__startswith=prefix).update(
            source_ref=Concat(Value(OLD), Substr("source_ref", len(prefix) + 1))
        )


class Migration(migrations.Migration):
    dependencies = [("feedback", "0010_imported_responses_dated")]

    operations = [migrations.RunPython(ids_by_kind, ids_without_kind)]
