"""Which column of a file feeds which field of a response, and the presets that fill the mapping
for the exports people bring most often.

A mapping names columns by their header text, so a saved mapping fits every file of the same
shape even when the columns come in another order; names match ignoring case, spaces, dashes and
underscores (``Submitted at`` = ``submitted_at``, ``E-Mail`` = ``email``).

A proposed mapping never guesses the scale of the scores: it is read from the score column's name
(``CSAT``, ``Likelihood to recommend``) or the preset, else the person mapping the file chooses it.
Names say two more things: a date column named in UTC (``responded_at (UTC)``) is read in UTC, and
a column named ``attribute: <key>`` (as Centric's own export names them) is kept under ``<key>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from centric.feedback.feedback_imports.dates import DATE_ORDERS, SLASHED

# the fields a column can feed, in the order the mapping form shows them
TARGETS: dict[str, str] = {
    "score": "Score",
    "score_type": "Score type (NPS, CSAT, CES, rating)",
    "comment": "Comment",
    "responded_at": "Date",
    "date_fallback": "Date where that column is empty (a second date column)",
    "contact_email": "Contact email",
    "account_external_id": "Account external id (CRM id)",
    "customer_id": "Centric customer number",
    "segment": "Segment",
    "stage": "Journey stage",
    "touchpoint": "Touchpoint",
    "kind": "Kind (survey, review, ticket, note)",
    "channel": "Channel (as the source names it)",
    "language": "Language (a code: en, de, pt-BR)",
    "external_id": "External id (to recognise a row imported before)",
    "source_ref": "Source reference (Centric's own, kept as it is)",
    "status": "Status (rows “Started, not finished” are skipped)",
}
CUSTOMER_TARGETS = ("contact_email", "account_external_id", "customer_id")
SCORE_TYPES = ("nps", "csat", "ces", "rating")
KINDS = ("survey", "review", "ticket", "note")

# header names each field is recognised by when no preset or saved mapping says otherwise, in
# English and then in German (an export from a German tool: "Kommentar", "Datum", "Kundennummer")
ALIASES: dict[str, tuple[str, ...]] = {
    "score": (
        "score",
        "nps",
        "nps score",
        "csat",
        "csat score",
        "satisfaction score",
        "ces",
        "ces score",
        "rating",
        "stars",
        "star rating",
        "bewertung",
        "punktzahl",
        "weiterempfehlung",
        "zufriedenheit",
        "sterne",
    ),
    "score_type": ("score type", "metric", "skala"),
    "comment": (
        "comment",
        "comments",
        "feedback",
        "text",
        "review",
        "body",
        "description",
        "kommentar",
        "kommentare",
        "anmerkung",
        "freitext",
        "rückmeldung",
        "begründung",
        "beschreibung",
        "rezension",
    ),
    "responded_at": (
        "date",
        "responded at",
        "submitted at",
        "created at",
        "timestamp",
        "datum",
        "erstellt am",
        "eingegangen am",
        "zeitstempel",
    ),
    # only where a preset or the person mapping the file names it
    "date_fallback": (),
    "contact_email": (
        "email",
        "contact email",
        "requester email",
        "respondent email",
        "e-mail-adresse",
    ),
    "account_external_id": (
        "account external id",
        "account id",
        "crm id",
        "organization id",
        "kundennummer",
        "kunden-nr",
        "debitorennummer",
    ),
    "customer_id": ("customer id", "customer"),
    "segment": ("segment", "kundensegment"),
    "stage": ("stage", "journey stage", "phase"),
    "touchpoint": ("touchpoint", "kontaktpunkt"),
    "kind": ("kind", "type", "art"),
    "channel": ("channel", "source", "via", "kanal", "quelle"),
    "language": ("language", "lang", "sprache"),
    "external_id": (
        "external id",
        "id",
        "response id",
        "ticket id",
        "review id",
        "ticketnummer",
        "antwort-id",
    ),
    # only where a preset names them: a file imported before without them is still recognised by
    # its rows' ids or content, and a help desk's ticket status is kept as an attribute
    "source_ref": (),
    "status": (),
}
# The words in the name of a score column that say which scale its scores are on. "Rating" may
# be said of another scale ("Satisfaction rating"), so it counts only when no other is named.
SCORE_TYPE_WORDS: dict[str, frozenset[str]] = {
    "nps": frozenset({"nps", "promoter", "recommend", "likelihood", "weiterempfehlung"}),
    "csat": frozenset({"csat", "satisfaction", "zufriedenheit"}),
    "ces": frozenset({"ces", "effort", "aufwand"}),
    "rating": frozenset({"rating", "stars", "star", "bewertung", "sterne"}),
}
SEPARATORS = re.compile(r"[\s_\-\u2010-\u2015]+")
# the words of a name, camel case (npsScore) split too
WORDS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
# what the cells of a column of Centric customer numbers look like: whole numbers (70, 70.0)
CUSTOMER_NUMBER = re.compile(r"\s*\d+(\.0*)?\s*")
# a column Centric's export names after the custom attribute it holds: "attribute: plan"
ATTRIBUTE_COLUMN = re.compile(r"attribute:\s*(.+)", re.IGNORECASE)


@dataclass(frozen=True)
class Preset:
    label: str
    description: str
    score_type: str
    kind: str
    aliases: dict[str, tuple[str, ...]]
    attributes: tuple[str, ...] = ()


# The headers each preset expects are documented in docs/importing-feedback.md.
PRESETS: dict[str, Preset] = {
    # Centric's own export of responses (centric.feedback.exports) is one too: its id or
    # source_ref recognise a row imported before, its dates are in UTC, its status says which
    # answers were started and never sent, and it names each respondent "Name <email>"
    "survey-tool": Preset(
        label="Survey tool export",
        description="One row per answered survey: Response ID, Submitted at, Email, Score, "
        "Comment; optional Segment, Stage, Touchpoint, Language. Centric's own export of "
        "responses too, without its answers started and not finished.",
        score_type="nps",
        kind="survey",
        aliases={
            "external_id": ("response id", "respondent id"),
            "responded_at": ("submitted at", "end date", "date submitted", "responded at (UTC)"),
            "date_fallback": ("submitted at (UTC)",),
            "contact_email": ("email", "email address", "respondent email", "respondent"),
            "score": ("score", "nps", "nps score", "how likely are you to recommend us"),
            "comment": ("comment", "why", "reason for score", "feedback"),
            "source_ref": ("source ref",),
            "status": ("status",),
        },
        attributes=("survey name", "survey"),
    ),
    "help-desk": Preset(
        label="Help-desk ticket export",
        description="One row per ticket: Ticket ID, Created at, Requester email, "
        "Organization external ID, Satisfaction score (1–5), Subject, Description, Channel; "
        "optional Priority, Tags.",
        score_type="csat",
        kind="ticket",
        aliases={
            "external_id": ("ticket id", "id"),
            "responded_at": ("created at", "solved at", "updated at"),
            "contact_email": ("requester email", "requester", "email"),
            "account_external_id": ("organization external id", "organization id"),
            "score": ("satisfaction score", "satisfaction rating", "csat"),
            "comment": ("description", "comment", "satisfaction comment"),
            "channel": ("channel", "via", "source"),
        },
        attributes=("subject", "priority", "tags", "status"),
    ),
    "app-store": Preset(
        label="App-store review export",
        description="One row per review: Review ID, Date, Rating (1–5), Title, Review, "
        "Territory, App version; reviewers are anonymous.",
        score_type="rating",
        kind="review",
        aliases={
            "external_id": ("review id", "id"),
            "responded_at": ("date", "review date", "last updated"),
            "score": ("rating", "star rating", "stars"),
            "comment": ("review", "review text", "body"),
        },
        attributes=("title", "territory", "country", "app version", "device"),
    ),
}


def normalise(name: str) -> str:
    """The name as it is compared: lower case, without spaces, dashes or underscores."""
    return SEPARATORS.sub("", name).lower()


def attribute_key(column: str) -> str:
    """The key a column kept as a custom attribute is kept under: ``plan`` for the column
    ``attribute: plan``, else the column's name."""
    named = ATTRIBUTE_COLUMN.fullmatch(column.strip())
    return named[1].strip() if named else column


def in_utc_by_name(column: str) -> bool:
    """Whether a date column's name says its times are in UTC: ``responded_at (UTC)``."""
    return "utc" in {word.lower() for word in WORDS.findall(column)}


def score_type_named_by(column: str) -> str:
    """The scale a score column's name says its scores are on; empty when it says none, or two."""
    words = {word.lower() for word in WORDS.findall(column)}
    named = [
        score_type for score_type, vocabulary in SCORE_TYPE_WORDS.items() if words & vocabulary
    ]
    if len(named) > 1 and "rating" in named:
        named.remove("rating")
    return named[0] if len(named) == 1 else ""


@dataclass
class Mapping:
    columns: dict[str, str] = field(default_factory=dict)  # target -> header name
    score_type: str = ""  # used when no column gives the score type, or the cell is empty
    kind: str = "survey"  # likewise for the kind
    attributes: list[str] = field(default_factory=list)  # columns kept as custom attributes
    date_order: str = "day"  # which comes first in a date with slashes: "day" or "month"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mapping:
        return cls(
            columns={
                target: str(column)
                for target, column in dict(data.get("columns") or {}).items()
                if target in TARGETS and column
            },
            score_type=str(data.get("score_type") or ""),
            kind=str(data.get("kind") or "survey"),
            attributes=[str(column) for column in data.get("attributes") or []],
            date_order=str(data.get("date_order") or "day"),
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "columns": dict(self.columns),
            "score_type": self.score_type,
            "kind": self.kind,
            "attributes": list(self.attributes),
            "date_order": self.date_order,
        }

    def fitted_to(self, columns: list[str]) -> Mapping:
        """This mapping for a file with ``columns``: names matched loosely, missing ones dropped."""
        by_name = _by_name(columns)
        return Mapping(
            columns={
                target: by_name[normalise(column)]
                for target, column in self.columns.items()
                if normalise(column) in by_name
            },
            score_type=self.score_type,
            kind=self.kind,
            attributes=[
                by_name[normalise(column)]
                for column in self.attributes
                if normalise(column) in by_name
            ],
            date_order=self.date_order,
        )

    def problems(self, columns: list[str]) -> list[str]:
        """What keeps this mapping from being used on a file with ``columns``."""
        found: list[str] = []
        for target, column in self.columns.items():
            if column not in columns:
                found.append(f"The file has no column “{column}” for {TARGETS[target].lower()}.")
        if "score" not in self.columns and "comment" not in self.columns:
            found.append("Choose a column for the score, the comment, or both.")
        if "score" in self.columns and "score_type" not in self.columns and not self.score_type:
            found.append(
                f"Choose the score type of the column “{self.columns['score']}” (NPS 0–10, "
                "CSAT 1–5, CES 1–7 or rating 1–5), or a column that gives it."
            )
        if self.score_type and self.score_type not in SCORE_TYPES:
            found.append(f"“{self.score_type}” is not a score type.")
        if self.kind not in KINDS:
            found.append(f"“{self.kind}” is not a kind of feedback.")
        if self.date_order not in DATE_ORDERS:
            found.append(f"“{self.date_order}” is not a date order.")
        if "date_fallback" in self.columns and "responded_at" not in self.columns:
            found.append(
                f"Choose the date column that “{self.columns['date_fallback']}” stands in for "
                "where it is empty."
            )
        used = set(self.columns.values())
        twice = [column for column in self.attributes if column in used]
        if twice:
            found.append(
                f"These columns already feed a field and cannot also be attributes: "
                f"{', '.join(twice)}."
            )
        return found


def suggest(
    columns: list[str], preset: str = "", preview: list[list[str]] | None = None
) -> Mapping:
    """A first mapping for a file: the preset's names first, then the usual ones. ``preview`` (the
    first rows) keeps a column whose cells are not numbers from feeding the customer number, and
    says the date order when a date there puts a number above 12 second (12/31/2024). Columns
    named ``attribute: <key>`` are kept as attributes."""
    chosen = PRESETS.get(preset)
    by_name = _by_name(columns)
    not_numbers = _columns_not_customer_numbers(columns, preview or [])
    mapped: dict[str, str] = {}
    # a customer column of names (the company's, say) is worth keeping, though not as the number
    kept: list[str] = []
    for target in TARGETS:
        names = (chosen.aliases.get(target, ()) if chosen else ()) + ALIASES[target]
        for name in names:
            column = by_name.get(normalise(name))
            if column is None or column in mapped.values():
                continue
            if target == "customer_id" and column in not_numbers:
                kept.append(column)
                continue
            mapped[target] = column
            break
    presets_attributes = [
        by_name[normalise(name)]
        for name in (chosen.attributes if chosen else ())
        if normalise(name) in by_name
    ]
    named_attributes = [column for column in columns if attribute_key(column) != column]
    attributes = [
        column
        for column in dict.fromkeys(presets_attributes + kept + named_attributes)
        if column not in mapped.values()
    ]
    named = score_type_named_by(mapped["score"]) if "score" in mapped else ""
    return Mapping(
        columns=mapped,
        score_type=named or (chosen.score_type if chosen else ""),
        kind=chosen.kind if chosen else "survey",
        attributes=attributes,
        date_order=_date_order(columns, mapped.get("responded_at"), preview or []),
    )


def _date_order(columns: list[str], date_column: str | None, preview: list[list[str]]) -> str:
    """Month first when a date of ``preview`` reads only that way, else day first."""
    if date_column is None:
        return "day"
    position = columns.index(date_column)
    slashed = [SLASHED.match(row[position]) for row in preview if position < len(row)]
    firsts_and_seconds = [(int(found[1]), int(found[2])) for found in slashed if found]
    if any(second > 12 for _, second in firsts_and_seconds) and all(
        first <= 12 for first, _ in firsts_and_seconds
    ):
        return "month"
    return "day"


def _by_name(columns: list[str]) -> dict[str, str]:
    """Each column by its name as compared; the first of two that compare the same (Email,
    E-Mail)."""
    by_name: dict[str, str] = {}
    for column in columns:
        by_name.setdefault(normalise(column), column)
    return by_name


def _columns_not_customer_numbers(columns: list[str], preview: list[list[str]]) -> set[str]:
    """The columns with a cell in ``preview`` that is not a whole number."""
    return {
        column
        for position, column in enumerate(columns)
        if any(
            position < len(row) and row[position] and not CUSTOMER_NUMBER.fullmatch(row[position])
            for row in preview
        )
    }
