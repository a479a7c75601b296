"""Two changes to the default themes, for organisations still on the defaults:

- product quality no longer takes "made" alone ("your carbon data made our audit easier" is no
  product quality), but "poorly made" and "badly made" beside "well made" and "cheaply made";
  where an organisation edited that theme's seed words, they are left as they are;
- a new default theme, relationship (how well we know the customer and work with them), which a
  business's customers speak of most when asked what we should change. An organisation whose
  themes are still exactly the defaults gets it; one that added, renamed or removed themes has
  chosen its own and is left as it is (it can add the theme on the Themes page).

Each organisation's readings become stale with its themes, and the Themes page offers to read
them again."""

from django.db import migrations

OLD_QUALITY = (
    "quality, well made, made, material, fabric, durable, broke, broken, defect, defects, "
    "defective, faulty, cheaply made, flimsy, sturdy, stitching, seams, tear, holes, pilling"
)
NEW_QUALITY = (
    "quality, well made, poorly made, badly made, material, fabric, durable, broke, broken, "
    "defect, defects, defective, faulty, cheaply made, flimsy, sturdy, stitching, seams, tear, "
    "holes, pilling"
)
DEFAULT_NAMES = {
    "billing", "refunds", "price", "delivery", "returns", "support", "staff", "product quality",
    "fit and size", "design", "usability", "onboarding", "communication", "reliability",
    "availability",
}  # fmt: skip
RELATIONSHIP = {
    "name": "relationship",
    "description": (
        "How well we know the customer and work with them: their needs and plans, visits, "
        "regular check-ins and reviews, and acting on what they tell us."
    ),
    "seed_words": (
        "relationship, partnership, account manager, account management, check in, checks in, "
        "checked in, check-ins, visit us, visited us, site visit, on our site, business review, "
        "account review, quarterly review, our plans, our needs, understand our business, "
        "proactive, proactively, feedback"
    ),
}


def _words(text: str) -> list[str]:
    return [word.strip() for word in text.split(",")]


def new_defaults(apps, schema_editor):  # type: ignore[no-untyped-def]
    ThemeDefinition = apps.get_model("insights", "ThemeDefinition")
    ThemeDefinition.objects.filter(
        name="product quality", seed_words=_words(OLD_QUALITY)
    ).update(seed_words=_words(NEW_QUALITY))
    names: dict[int, set[str]] = {}
    for organisation_id, name in ThemeDefinition.objects.values_list("organisation_id", "name"):
        names.setdefault(organisation_id, set()).add(name)
    ThemeDefinition.objects.bulk_create(
        ThemeDefinition(
            organisation_id=organisation_id,
            name=RELATIONSHIP["name"],
            description=RELATIONSHIP["description"],
            seed_words=_words(RELATIONSHIP["seed_words"]),
            examples=[],
        )
        for organisation_id, found in sorted(names.items())
        if found == DEFAULT_NAMES
    )


def old_defaults(apps, schema_editor):  # type: ignore[no-untyped-def]
    ThemeDefinition = apps.get_model("insights", "ThemeDefinition")
    ThemeDefinition.objects.filter(
        name="product quality", seed_words=_words(NEW_QUALITY)
    ).update(seed_words=_words(OLD_QUALITY))
    ThemeDefinition.objects.filter(
        name=RELATIONSHIP["name"], seed_words=_words(RELATIONSHIP["seed_words"])
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("insights", "0009_default_seed_tells")]
    operations = [migrations.RunPython(new_defaults, old_defaults)]
