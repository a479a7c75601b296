from django.db import migrations


def add_themes(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Organisations that existed before the taxonomy was editable start from the default one,
    which is what their comments were read with so far."""
    from centric.insights.text import DEFAULT_TAXONOMY

    Organisation = apps.get_model("core", "Organisation")
    ThemeDefinition = apps.get_model("insights", "ThemeDefinition")
    for organisation in Organisation.objects.all():
        if ThemeDefinition.objects.filter(organisation=organisation).exists():
            continue
        created = {
            theme.name: ThemeDefinition.objects.create(
                organisation=organisation,
                name=theme.name,
                description=theme.description,
                seed_words=list(theme.seed_words),
                examples=list(theme.examples),
            )
            for theme in DEFAULT_TAXONOMY.themes
        }
        for theme in DEFAULT_TAXONOMY.themes:
            if theme.parent:
                created[theme.name].parent = created[theme.parent]
                created[theme.name].save(update_fields=["parent"])


class Migration(migrations.Migration):
    dependencies = [("insights", "0002_taxonomy_and_reanalysis")]
    operations = [migrations.RunPython(add_themes, migrations.RunPython.noop)]
