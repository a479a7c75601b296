from django.db import migrations


def add_defaults(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Organisations that existed before cases did get the defaults a new one gets."""
    from centric.cases.models import DEFAULT_ROOT_CAUSES, DEFAULT_SLA_HOURS
    from centric.cases.services import CLOSING_TEMPLATES, DEFAULT_HOURS

    Organisation = apps.get_model("core", "Organisation")
    BusinessCalendar = apps.get_model("cases", "BusinessCalendar")
    SlaPolicy = apps.get_model("cases", "SlaPolicy")
    RootCause = apps.get_model("cases", "RootCause")
    ClosingTemplate = apps.get_model("cases", "ClosingTemplate")
    for organisation in Organisation.objects.all():
        BusinessCalendar.objects.get_or_create(
            organisation=organisation, defaults={"time_zone": organisation.time_zone, "hours": DEFAULT_HOURS}
        )
        for priority, (first, resolution) in DEFAULT_SLA_HOURS.items():
            SlaPolicy.objects.get_or_create(
                organisation=organisation,
                priority=str(priority),
                defaults={"first_contact_hours": first, "resolution_hours": resolution},
            )
        for name, description in DEFAULT_ROOT_CAUSES:
            RootCause.objects.get_or_create(organisation=organisation, name=name, defaults={"description": description})
        for language, (subject, body) in CLOSING_TEMPLATES.items():
            ClosingTemplate.objects.get_or_create(
                organisation=organisation, language=language, defaults={"subject": subject, "body": body}
            )


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
