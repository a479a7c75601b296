"""Organisations whose communication theme still has the default seed words take the new
defaults: "Nobody tells us when something changes" is about being kept informed. A theme whose
seed words the organisation edited is left as it is."""

from django.db import migrations

OLD = (
    "email, emails, update, updates, informed, notification, notified, communication, "
    "communicate, told, explained, unclear, follow up, newsletter, message"
)
NEW = f"{OLD}, nobody tells, no one tells"


def _words(text: str) -> list[str]:
    return [word.strip() for word in text.split(",")]


def new_defaults(apps, schema_editor):  # type: ignore[no-untyped-def]
    ThemeDefinition = apps.get_model("insights", "ThemeDefinition")
    ThemeDefinition.objects.filter(name="communication", seed_words=_words(OLD)).update(
        seed_words=_words(NEW)
    )


def old_defaults(apps, schema_editor):  # type: ignore[no-untyped-def]
    ThemeDefinition = apps.get_model("insights", "ThemeDefinition")
    ThemeDefinition.objects.filter(name="communication", seed_words=_words(NEW)).update(
        seed_words=_words(OLD)
    )


class Migration(migrations.Migration):
    dependencies = [("insights", "0008_spike_alert")]
    operations = [migrations.RunPython(new_defaults, old_defaults)]
