"""Organisations whose billing, support or availability themes still have the default seed words
take the new defaults: "paid" alone is price talk ("what I paid"), not billing; "customer support"
and "support team" keep service talk found beside a garment's words; what a garment "doesn't come
in" is availability. A theme whose seed words the organisation edited is left as it is."""

from django.db import migrations

CHANGED = {
    "billing": (
        "bill, billing, invoice, charge, charged, payment, refund, overcharged, fee, "
        "subscription fee, credit card, paid, receipt, double charged, direct debit",
        "bill, billing, invoice, charge, charged, payment, refund, overcharged, fee, "
        "subscription fee, credit card, paid twice, receipt, double charged, direct debit",
    ),
    "support": (
        "support, customer service, help desk, helpdesk, agent, ticket, hotline, call "
        "center, chat, on hold, response, responded, resolve, resolved, representative",
        "support, customer support, support team, customer service, help desk, helpdesk, "
        "agent, ticket, hotline, call center, chat, on hold, response, responded, resolve, "
        "resolved, representative",
    ),
    "availability": (
        "stock, out of stock, sold out, available, availability, unavailable, "
        "backorder, back in stock, opening hours, waitlist",
        "stock, out of stock, sold out, available, availability, unavailable, "
        "backorder, back in stock, opening hours, waitlist, doesn't come in, "
        "does not come in, only comes in, only come in",
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
    dependencies = [("insights", "0006_analysis_unread_label")]
    operations = [migrations.RunPython(new_defaults, old_defaults)]
