"""Theme taxonomies: what an organisation wants to hear about, and the default one.

A taxonomy is plain data the organisation edits (usually through the Insights pages); the
matcher in ``themes.py`` reads it. Seed words may be phrases ("charged twice"); they are
matched on word stems, so "refund" also finds "refunds" and "refunded".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Theme:
    """One theme: a name, what it means, the words that signal it and examples of it."""

    name: str
    description: str = ""
    seed_words: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    parent: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Theme:
        """Build a theme from JSON-like data (lists become tuples)."""
        parent = data.get("parent")
        return cls(
            name=str(data["name"]),
            description=str(data.get("description", "")),
            seed_words=tuple(str(w) for w in _iterable(data.get("seed_words"))),
            examples=tuple(str(e) for e in _iterable(data.get("examples"))),
            parent=str(parent) if parent else None,
        )


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """An ordered set of themes with unique names; parents must be themes of the taxonomy.

    ``fallback`` names a catch-all theme given to a comment that matches no other theme
    (for example "general"); it need not be one of ``themes``.
    """

    themes: tuple[Theme, ...]
    fallback: str | None = None
    by_name: dict[str, Theme] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        names = [t.name for t in self.themes]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"theme names must be unique, repeated: {', '.join(duplicates)}")
        unknown = sorted({t.parent for t in self.themes if t.parent and t.parent not in names})
        if unknown:
            raise ValueError(f"parent themes not in the taxonomy: {', '.join(unknown)}")
        object.__setattr__(self, "by_name", {t.name: t for t in self.themes})

    @classmethod
    def from_dicts(
        cls, items: Iterable[Mapping[str, object]], fallback: str | None = None
    ) -> Taxonomy:
        """Build a taxonomy from JSON-like data, as stored by the organisation."""
        return cls(tuple(Theme.from_dict(item) for item in items), fallback=fallback)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.themes)

    def ancestors(self, name: str) -> tuple[str, ...]:
        """Parent, grandparent, ... of the theme ``name`` (cycles are cut)."""
        found: list[str] = []
        parent = self.by_name[name].parent if name in self.by_name else None
        while parent and parent not in found:
            found.append(parent)
            parent = self.by_name[parent].parent
        return tuple(found)


def _iterable(value: object) -> Iterable[object]:
    if value is None:
        return ()
    if isinstance(value, str):
        return [w.strip() for w in value.split(",") if w.strip()]
    if isinstance(value, Iterable):
        return value
    raise TypeError(f"expected a list, got {type(value).__name__}")


def _theme(name: str, description: str, seeds: str, parent: str | None = None) -> Theme:
    return Theme(name, description, tuple(s.strip() for s in seeds.split(",")), parent=parent)


DEFAULT_TAXONOMY = Taxonomy(
    (
        _theme(
            "billing",
            "Invoices, charges, payments, refunds and account balances.",
            # not "paid" alone: "what I paid", "would have paid full price" speak of price
            "bill, billing, invoice, charge, charged, payment, refund, overcharged, fee, "
            "subscription fee, credit card, paid twice, receipt, double charged, direct debit",
        ),
        _theme(
            "refunds",
            "Getting money back after a return or a cancellation.",
            "refund, refunded, money back, reimburse, reimbursement, credit note",
            parent="billing",
        ),
        _theme(
            "price",
            "How much things cost and whether they are worth it.",
            "price, priced, pricey, expensive, cheap, cost, costs, value, worth, overpriced, "
            "affordable, discount, sale, deal, bargain, money",
        ),
        _theme(
            "delivery",
            "Shipping, packaging, delivery times and the state things arrive in.",
            "delivery, deliver, delivered, shipping, shipped, ship, arrived, arrive, package, "
            "parcel, courier, tracking, dispatch, packaging, box, postage, mail",
        ),
        _theme(
            "returns",
            "Sending things back and exchanging them.",
            "return, returned, returning, send back, sent back, exchange, exchanged, "
            "return policy, return label",
        ),
        _theme(
            "support",
            "Customer service: reaching us, getting answers, having problems solved.",
            # the phrases are found beside a garment's words too: "customer support sent the
            # wrong swimsuit"
            "support, customer support, support team, customer service, help desk, helpdesk, "
            "agent, ticket, hotline, call center, chat, on hold, response, responded, resolve, "
            "resolved, representative",
        ),
        _theme(
            "staff",
            "The people customers deal with: their attitude, knowledge and care.",
            "staff, employee, employees, team, manager, waiter, waitress, server, cashier, "
            "associate, salesperson, colleague, technician, attitude, rude, friendly, polite",
        ),
        _theme(
            "product quality",
            "Whether the product is well made, works and lasts.",
            # not "made" alone: "your data made our audit easier", "made us wait"
            "quality, well made, poorly made, badly made, material, fabric, durable, broke, "
            "broken, defect, "
            "defects, defective, faulty, cheaply made, flimsy, sturdy, stitching, seams, tear, "
            "holes, pilling, ripped",
        ),
        _theme(
            "fit and size",
            "Sizing and how things fit.",
            "size, sizing, fit, fits, fitted, small, large, tight, loose, petite, length, "
            "long, short, runs small, runs large, true to size, size up, size down",
        ),
        _theme(
            "design",
            "Look, style, colour and design.",
            "color, colour, colors, style, design, pattern, print, the look, looks good, "
            "looks great, looks nice, looks cheap, cute, "
            "beautiful, pretty, gorgeous, flattering, unflattering, elegant",
        ),
        _theme(
            "usability",
            "How easy the product, website or app is to use.",
            "easy to use, intuitive, confusing, user friendly, interface, navigate, "
            "navigation, website, app, setup, settings, clunky, complicated",
        ),
        _theme(
            "onboarding",
            "Getting started: sign-up, setup, installation, training and first use.",
            "onboarding, sign up, signup, registration, register, getting started, setup, "
            # not "training" alone, which meets "train": "a morning walk to the train"
            "set up, install, installation, training session, training sessions, "
            "training course, user training, trained us, trained our team, tutorial, "
            "welcome call, welcome email, "
            "welcome pack, first login",
        ),
        _theme(
            "communication",
            "Keeping customers informed: emails, updates, notifications, clarity.",
            "email, emails, update, updates, informed, notification, notified, communication, "
            "communicate, told, explained, unclear, follow up, newsletter, message, "
            "nobody tells, no one tells",
        ),
        _theme(
            "relationship",
            "How well we know the customer and work with them: their needs and plans, visits, "
            "regular check-ins and reviews, and acting on what they tell us.",
            "relationship, partnership, account manager, account management, check in, "
            "checks in, checked in, check-ins, visit us, visited us, site visit, on our site, "
            "business review, account review, quarterly review, our plans, our needs, "
            # not "feedback" alone: "I hate to leave negative feedback" is about no relationship
            "understand our business, proactive, proactively, our feedback, your feedback, "
            "gave you feedback, give you feedback, act on feedback, acted on feedback",
        ),
        _theme(
            "reliability",
            "Outages, bugs, errors and things that stop working.",
            "outage, site is down, website is down, portal is down, app is down, system is "
            "down, server is down, downtime, offline, crash, crashes, bug, bugs, error, "
            "errors, glitch, stopped working, is not working, isn't working, not working "
            "properly, reliable, unreliable, froze, freezes up, slow",
        ),
        _theme(
            "availability",
            "Stock, opening hours and being able to get what you want.",
            # what a garment "doesn't come in" is a colour or a size it lacks, no delivery
            "stock, out of stock, sold out, available, availability, unavailable, "
            "backorder, back in stock, opening hours, waitlist, doesn't come in, "
            "does not come in, only comes in, only come in",
        ),
    ),
    fallback=None,
)
