from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_comments(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Existing cases keep the words of the feedback that opened them."""
    Case = apps.get_model("cases", "Case")
    Response = apps.get_model("feedback", "Response")
    Case.objects.filter(response__isnull=False).update(
        comment=Subquery(Response.objects.filter(pk=OuterRef("response_id")).values("comment")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_defaults_for_existing_organisations"),
        ("feedback", "0006_response_customer_history"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="comment",
            field=models.TextField(
                blank=True,
                help_text="What the customer wrote in the feedback that opened the case, kept with the case so the inboxes search it without reading the feedback table.",
            ),
        ),
        migrations.RunPython(copy_comments, migrations.RunPython.noop, elidable=True),
    ]
