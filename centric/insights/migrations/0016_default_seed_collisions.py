"""Organisations whose onboarding, relationship or product quality themes still have the default
seed words take the new defaults, in which no word means another thing too often: "a morning
walk to the train" is no training (the engine reads "training" and "train" alike), and "I hate
to leave negative feedback" is about no relationship; a dress that "ripped" is product quality.
A theme whose seed words the organisation edited is left as it is. Each organisation's readings
become stale with its themes, and the Themes page offers to read them again."""

from django.db import migrations

CHANGED = {
    "onboarding": (
        "onboarding, sign up, signup, registration, register, getting started, setup, set up, "
        "install, installation, training, tutorial, welcome call, welcome email, welcome "
        "pack, first login",
        "onboarding, sign up, signup, registration, register, getting started, setup, set up, "
        "install, installation, training session, training sessions, training course, user "
        "training, trained us, trained our team, tutorial, welcome call, welcome email, "
        "welcome pack, first login",
    ),
    "relationship": (
        "relationship, partnership, account manager, account management, check in, checks in, "
        "checked in, check-ins, visit us, visited us, site visit, on our site, business "
        "review, account review, quarterly review, our plans, our needs, understand our "
        "business, proactive, proactively, feedback",
        "relationship, partnership, account manager, account management, check in, checks in, "
        "checked in, check-ins, visit us, visited us, site visit, on our site, business "
        "review, account review, quarterly review, our plans, our needs, understand our "
        "business, proactive, proactively, our feedback, your feedback, gave you feedback, "
        "give you feedback, act on feedback, acted on feedback",
    ),
    "product quality": (
        "quality, well made, poorly made, badly made, material, fabric, durable, broke, "
        "broken, defect, defects, defective, faulty, cheaply made, flimsy, sturdy, stitching, "
        "seams, tear, holes, pilling",
        "quality, well made, poorly made, badly made, material, fabric, durable, broke, "
        "broken, defect, defects, defective, faulty, cheaply made, flimsy, sturdy, stitching, "
        "seams, tear, holes, pilling, ripped",
    ),
}


def _words(text: str) -> list[str]:
    return [word.strip() for word in text.split(",")]


def new_defaults(apps, schema_editor):  # type: ignore[no-untyped-def]
    ThemeDefinition = apps.get_model("insights", "ThemeDefinition")
    for name, (old, new) in CHANGED.items():
        ThemeDefinition.objects.filter(name=name, seed_words=_words(old)).update(
            seed_words=_words(new)
        )


def old_defaults(apps, schema_editor):  # type: ignore[no-untyped-def]
    ThemeDefinition = apps.get_model("insights", "ThemeDefinition")
    for name, (old, new) in CHANGED.items():
        ThemeDefinition.objects.filter(name=name, seed_words=_words(new)).update(
            seed_words=_words(old)
        )


class Migration(migrations.Migration):
    dependencies = [("insights", "0015_proposal_language")]
    operations = [migrations.RunPython(new_defaults, old_defaults)]
