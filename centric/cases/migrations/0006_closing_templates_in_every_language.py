from django.db import migrations


def add_closing_templates(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Organisations made before the closing message spoke every survey language get the
    missing languages' defaults; a template an organisation already has stays as it is."""
    from centric.cases.services import CLOSING_TEMPLATES

    Organisation = apps.get_model("core", "Organisation")
    ClosingTemplate = apps.get_model("cases", "ClosingTemplate")
    for organisation in Organisation.objects.all():
        for language, (subject, body) in CLOSING_TEMPLATES.items():
            ClosingTemplate.objects.get_or_create(
                organisation=organisation, language=language, defaults={"subject": subject, "body": body}
            )


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_notification_link")]
    operations = [migrations.RunPython(add_closing_templates, migrations.RunPython.noop)]
