from django.db import migrations

STAGES = ["Shop", "Purchase", "Delivery", "Use", "Maintain", "Replace", "Dispose"]


def add_stages(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Organisations that existed before surveys did get the seed's journey too."""
    Organisation = apps.get_model("core", "Organisation")
    JourneyStage = apps.get_model("feedback", "JourneyStage")
    for organisation in Organisation.objects.all():
        if not JourneyStage.objects.filter(organisation=organisation).exists():
            JourneyStage.objects.bulk_create(
                JourneyStage(organisation=organisation, name=name, position=index) for index, name in enumerate(STAGES)
            )


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial"), ("core", "0003_organisation_time_zone_validator")]
    operations = [migrations.RunPython(add_stages, migrations.RunPython.noop)]
