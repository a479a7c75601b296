"""Checking a batch of records (a frame from ``reading``) and turning the good ones into the fields
of responses.

``BatchChecker`` holds what a whole file's check needs — the compiled mapping, the records that
names in the file may refer to (``Lookups``, read once from the database by the caller) and the
rows seen so far — and checks a batch at a time: every test is a column expression over the whole
batch, so the check runs at the speed of Polars, not of a Python loop. Only what Polars cannot do
runs row by row: dates in unusual forms, the content digest of rows without an external id, and
the messages of the rows that are reported.

Every valid row has a date, so no imported feedback falls outside the periods analysed: with a
date column, a row whose date cell is empty is reported; without one, every row is dated with the
import's own time, as the ingestion API dates feedback sent without a date the moment it arrives.
A date after the upload is in the future and refused, as the API refuses one after the moment an
item arrives: the upload is when the file arrived.

A row whose status says it was started and never finished (as Centric's own export marks an answer
begun on a survey's page and never sent) is no feedback: it is skipped and counted, neither stored
nor reported as a problem.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import polars as pl
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from centric.feedback.feedback_imports.dates import (
    UTC_DATETIME,
    date_problem,
    date_read,
    dates_read,
)
from centric.feedback.feedback_imports.mapping import (
    CUSTOMER_TARGETS,
    KINDS,
    Mapping,
    attribute_key,
    in_utc_by_name,
)
from centric.feedback.feedback_imports.reading import cell_name
from centric.feedback.languages import LANGUAGE_CODE, LANGUAGES_KNOWN
from centric.feedback.scales import SCORE_RANGES

# a score type as an error message names it: "NPS (0–10)", "a rating (1–5)"
_SCORE_NAMES = {"nps": "NPS", "csat": "CSAT", "ces": "CES", "rating": "a rating"}

SCORE_TYPE_NAMES = {
    **{name: name for name in SCORE_RANGES},
    "net promoter score": "nps",
    "satisfaction": "csat",
    "effort": "ces",
    "stars": "rating",
}
KIND_NAMES = {
    **{name: name for name in KINDS},
    "support ticket": "ticket",
    "app review": "review",
    "survey response": "survey",
}
MAX_EXTERNAL_ID = 180
# a source reference is stored as the file gives it: the ingestion API's limit (MAX_SOURCE_REF)
MAX_SOURCE_REF = 200
# how far after the upload a date may be, for clocks that run a little ahead: the ingestion API's
# allowance (ingestion.CLOCK_SKEW, which imports Django; a test keeps the two equal)
CLOCK_SKEW = timedelta(minutes=5)
# the apostrophe a spreadsheet-safe export (Centric's own, exports.FORMULA_STARTS) puts before a
# text a spreadsheet would run as a formula: the comment is what follows it
FORMULA_GUARD = r"^'([=+\-@])"
# the statuses of rows that are skipped, in lower case: what Centric's export writes of an answer
# begun and never sent (exports.NOT_SUBMITTED; a test keeps the two equal)
UNFINISHED_STATUSES = ("started, not finished",)
# the address in "Carla Diaz <carla@acme.example>", as Centric's export names a respondent
NAMED_ADDRESS = r"<([^<>\s]+@[^<>\s]+)>$"
# the columns of the valid rows a check hands on, ready to be stored
RESPONSE_COLUMNS = [
    "line",
    "source_ref",
    "kind",
    "customer_id",
    "contact_id",
    "stage_id",
    "touchpoint_id",
    "responded_at",
    "score",
    "score_type",
    "comment",
    "language",
    "attributes",
]


@dataclass(frozen=True)
class RowError:
    line: int  # 0: the file as a whole
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"line": self.line, "column": self.column, "message": self.message}


@dataclass
class Lookups:
    """Everything in the database a row may name, keyed by lower-case text."""

    contacts: dict[str, tuple[int, int]]  # email -> (contact id, customer id)
    accounts: dict[str, int]  # account external id -> customer id
    customers: set[int]  # the customer numbers the uploader may import for
    segments: dict[str, str]  # -> the segment's name
    stages: dict[str, int]
    touchpoints: dict[str, tuple[int, int | None]]  # -> (touchpoint id, its stage id)
    time_zone: str  # the organisation's, for dates without one
    # people who see only their own customers must say whose feedback each row is
    customer_required: bool = False
    # each contact's language: a row without a language is in its contact's, else in this one
    contact_languages: dict[int, str] = field(default_factory=dict)
    default_language: str = "en"


@dataclass
class CheckedBatch:
    rows: pl.DataFrame  # the valid rows, with RESPONSE_COLUMNS
    invalid: int  # how many rows are not valid
    errors: list[RowError]  # the problems of the first invalid rows, as many as asked for
    skipped: int = 0  # how many rows are skipped, neither valid nor invalid: unfinished answers


@dataclass
class BatchChecker:
    mapping: Mapping
    columns: list[str]
    lookups: Lookups
    # one moment for the whole import: the date of every row when no column gives dates
    imported_at: datetime = field(kw_only=True)
    # the source_ref hash of every valid row so far and its line, to refuse repeats in the file
    seen: pl.DataFrame = field(
        default_factory=lambda: pl.DataFrame(schema={"key": pl.UInt64, "seen_at": pl.Int64})
    )

    def check(self, batch: pl.DataFrame, *, report: int) -> CheckedBatch:
        """Check ``batch``; write out the problems of its first ``report`` invalid rows."""
        skipped = 0
        if "status" in self.mapping.columns:
            unfinished = batch.select(self._unfinished()).to_series()
            skipped = int(unfinished.sum())
            batch = batch.filter(~unfinished)
        frame = batch.with_columns(self._values())
        frame = frame.with_columns(self._dates(frame)).with_columns(self._flags())
        frame = frame.with_columns(self._language())
        frame = frame.with_columns(
            failed=pl.col("problem").is_not_null() | pl.any_horizontal(FLAGS)
        )
        frame = self._with_content_refs(frame)
        frame = self._with_repeats(frame)
        invalid = frame.filter(pl.col("failed") | pl.col("repeats").is_not_null())
        errors = [
            error
            for row in invalid.head(report).iter_rows(named=True)
            for error in self._errors(row)
        ]
        rows = frame.filter(~pl.col("failed") & pl.col("repeats").is_null())
        return CheckedBatch(
            rows=rows.select(RESPONSE_COLUMNS), invalid=len(invalid), errors=errors, skipped=skipped
        )

    # the values -----------------------------------------------------------------------------

    def _cell(self, target: str) -> pl.Expr:
        column = self.mapping.columns.get(target)
        if column is None:
            return pl.lit(None, dtype=pl.String)
        return pl.col(cell_name(self.columns.index(column)))

    def _text(self, target: str) -> pl.Expr:
        return self._cell(target).fill_null("").str.strip_chars()

    def _unfinished(self) -> pl.Expr:
        """Whether each record is an answer started and not finished, by its status: skipped. A
        record that cannot be read is reported, whatever its status cell seems to say."""
        status = self._text("status").str.to_lowercase()
        unfinished = status.is_in(pl.Series(UNFINISHED_STATUSES).implode())
        return (unfinished & pl.col("problem").is_null()).alias("unfinished")

    def _zone(self, target: str) -> str:
        """The time zone of a date column's dates without one: UTC when its name says so
        (``responded_at (UTC)``), else the organisation's."""
        column = self.mapping.columns.get(target, "")
        return "UTC" if in_utc_by_name(column) else self.lookups.time_zone

    def _values(self) -> list[pl.Expr]:
        lookups = self.lookups
        contact_emails = self._contact_email().str.to_lowercase()
        account_ids = self._text("account_external_id").str.to_lowercase()
        touchpoints = self._text("touchpoint").str.to_lowercase()
        named_type = self._text("score_type").str.to_lowercase()
        kind = self._text("kind").str.to_lowercase()
        language = self._text("language")
        contacts = lookups.contacts
        # a second date column stands in for the first where that is empty
        from_fallback = (self._text("responded_at") == "") & (self._text("date_fallback") != "")
        return [
            self._cell("score").alias("score_raw"),
            _whole_number(self._text("score")).alias("score_number"),
            named_type.alias("score_type_named"),
            pl.when(named_type != "")
            .then(named_type.replace_strict(SCORE_TYPE_NAMES, default=None))
            .otherwise(pl.lit(self.mapping.score_type or None, dtype=pl.String))
            .alias("score_type_found"),
            self._text("comment").str.replace(FORMULA_GUARD, "$1").alias("comment"),
            from_fallback.alias("date_from_fallback"),
            pl.when(from_fallback)
            .then(self._cell("date_fallback"))
            .otherwise(self._cell("responded_at"))
            .alias("date_raw"),
            pl.when(from_fallback)
            .then(self._text("date_fallback"))
            .otherwise(self._text("responded_at"))
            .alias("date_text"),
            self._contact_email().alias("contact_email"),
            contact_emails.replace_strict(
                {email: ids[0] for email, ids in contacts.items()},
                default=None,
                return_dtype=pl.Int64,
            ).alias("contact_found"),
            contact_emails.replace_strict(
                {email: ids[1] for email, ids in contacts.items()},
                default=None,
                return_dtype=pl.Int64,
            ).alias("contact_customer"),
            self._text("account_external_id").alias("account_external_id"),
            account_ids.replace_strict(lookups.accounts, default=None, return_dtype=pl.Int64).alias(
                "account_customer"
            ),
            self._text("customer_id").alias("customer_number"),
            self._text("segment").alias("segment"),
            self._segment_name().alias("segment_found"),
            self._text("stage").alias("stage"),
            self._text("stage")
            .str.to_lowercase()
            .replace_strict(lookups.stages, default=None, return_dtype=pl.Int64)
            .alias("stage_found"),
            self._text("touchpoint").alias("touchpoint"),
            touchpoints.replace_strict(
                {name: ids[0] for name, ids in lookups.touchpoints.items()},
                default=None,
                return_dtype=pl.Int64,
            ).alias("touchpoint_id"),
            touchpoints.replace_strict(
                {name: ids[1] for name, ids in lookups.touchpoints.items()},
                default=None,
                return_dtype=pl.Int64,
            ).alias("touchpoint_stage"),
            kind.alias("kind_named"),
            pl.when(kind != "")
            .then(kind.replace_strict(KIND_NAMES, default=None))
            .otherwise(pl.lit(self.mapping.kind))
            .alias("kind"),
            self._text("external_id").alias("external_id"),
            self._text("source_ref").alias("source_ref_given"),
            language.alias("language_named"),
            # EN and De-at are read as en and de-at; the region's case is the file's
            pl.concat_str(
                language.str.extract(r"^([^-]*)").str.to_lowercase(),
                language.str.extract(r"(-.*)$").fill_null(""),
            ).alias("language_code"),
            self._attributes().alias("attributes"),
        ]

    def _contact_email(self) -> pl.Expr:
        """The contact's email: the cell, or the address in ``Carla Diaz <carla@acme.example>``."""
        text = self._text("contact_email")
        return pl.coalesce(text.str.extract(NAMED_ADDRESS), text)

    def _dates(self, frame: pl.DataFrame) -> pl.Expr:
        """The rows' dates, in UTC: read from the date column, or the second one where that is
        empty (null where both are empty, or the date is not one), each in its own time zone;
        or the import's own time when no column gives them."""
        if "responded_at" not in self.mapping.columns:
            imported_at = pl.lit(self.imported_at.astimezone(UTC), dtype=UTC_DATETIME)
            return imported_at.alias("responded_at")
        order, texts = self.mapping.date_order, frame["date_text"]
        dates = dates_read(texts, time_zone=self._zone("responded_at"), order=order)
        from_fallback = frame["date_from_fallback"]
        if from_fallback.any():
            indices = from_fallback.arg_true()
            zone = self._zone("date_fallback")
            dates.scatter(indices, dates_read(texts.gather(indices), time_zone=zone, order=order))
        return pl.lit(dates).alias("responded_at")

    def _attributes(self) -> pl.Expr:
        """The custom attributes as a JSON object; empty cells are left out (as nulls, which the
        writer strips)."""
        channel = self._text("channel")
        values: dict[str, pl.Expr] = {
            "segment": self._segment_name(),
            "channel": pl.when(channel != "").then(channel),
        }
        if "segment" not in self.mapping.columns:
            del values["segment"]
        if "channel" not in self.mapping.columns:
            del values["channel"]
        for column in self.mapping.attributes:
            cell = pl.col(cell_name(self.columns.index(column)))
            value: pl.Expr = pl.when(cell != "").then(cell.str.strip_chars())
            key = attribute_key(column)
            if key in values:
                # one key, two columns: the one named after the attribute gives it where filled
                named = key != column
                first, second = (value, values[key]) if named else (values[key], value)
                value = pl.coalesce(first, second)
            values[key] = value
        if not values:
            return pl.lit("{}")
        return pl.struct(expr.alias(name) for name, expr in values.items()).struct.json_encode()

    def _segment_name(self) -> pl.Expr:
        segment = self._text("segment")
        return pl.when(segment != "").then(
            segment.str.to_lowercase().replace_strict(
                self.lookups.segments, default=None, return_dtype=pl.String
            )
        )

    # the tests --------------------------------------------------------------------------------

    def _flags(self) -> list[pl.Expr]:
        has_score = pl.col("score_raw").is_not_null() & (pl.col("score_raw") != "")
        number, score_type = pl.col("score_number"), pl.col("score_type_found")
        low = score_type.replace_strict({k: v[0] for k, v in SCORE_RANGES.items()}, default=None)
        high = score_type.replace_strict({k: v[1] for k, v in SCORE_RANGES.items()}, default=None)
        score_not_number = has_score & number.is_null()
        score_type_unknown = has_score & ~score_not_number & score_type.is_null()
        score_out_of_range = (
            has_score & ~score_not_number & ~score_type_unknown & ~number.is_between(low, high)
        )
        score_bad = score_not_number | score_type_unknown | score_out_of_range
        flags = [
            score_not_number.alias("score_not_number"),
            score_type_unknown.alias("score_type_unknown"),
            score_out_of_range.alias("score_out_of_range"),
            (~has_score & (pl.col("comment") == "")).alias("required_missing"),
            (pl.lit("responded_at" in self.mapping.columns) & (pl.col("date_text") == "")).alias(
                "date_missing"
            ),
            ((pl.col("date_text") != "") & pl.col("responded_at").is_null()).alias(
                "date_unreadable"
            ),
            (pl.col("responded_at") > self._latest_date()).alias("date_in_future"),
            self._customer_flag().alias("customer_unknown"),
            ((pl.col("segment") != "") & pl.col("segment_found").is_null()).alias(
                "segment_unknown"
            ),
            ((pl.col("touchpoint") != "") & pl.col("touchpoint_id").is_null()).alias(
                "touchpoint_unknown"
            ),
            ((pl.col("stage") != "") & pl.col("stage_found").is_null()).alias("stage_unknown"),
            pl.col("kind").is_null().alias("kind_unknown"),
            (pl.col("external_id").str.len_chars() > MAX_EXTERNAL_ID).alias("external_id_long"),
            (pl.col("source_ref_given").str.len_chars() > MAX_SOURCE_REF).alias("source_ref_long"),
            (
                (pl.col("language_named") != "")
                & (
                    ~pl.col("language_code").str.contains(LANGUAGE_CODE.pattern)
                    | ~pl.col("language_code")
                    .str.extract(r"^([^-]*)")
                    .is_in(pl.Series(sorted(LANGUAGES_KNOWN)).implode())
                )
            ).alias("language_unknown"),
        ]
        score = pl.when(has_score & ~score_bad).then(number)
        return [
            # a null would read as "no problem"
            *(flag.fill_null(value=False) for flag in flags),
            score.cast(pl.Int16).alias("score"),
            pl.when(score.is_not_null()).then(score_type).otherwise(pl.lit("")).alias("score_type"),
            self._customer_id().alias("customer_id"),
            pl.when(self._uses("contact_email")).then(pl.col("contact_found")).alias("contact_id"),
            pl.when(pl.col("stage") != "")
            .then(pl.col("stage_found"))
            .otherwise(pl.col("touchpoint_stage"))
            .alias("stage_id"),
            # a source reference is the response's own (Centric's export gives it), so the one
            # it came from, or an import of it before, is recognised; else the external id,
            # under its kind: a help desk's ticket 1 and an app store's review 1 are two rows
            pl.when(pl.col("source_ref_given") != "")
            .then(pl.col("source_ref_given"))
            .when(pl.col("external_id") != "")
            .then(pl.concat_str(pl.lit("import:id"), "kind", "external_id", separator=":"))
            .alias("source_ref"),
        ]

    def _latest_date(self) -> pl.Expr:
        """The latest date a row may have: the upload's time, and the API's allowance."""
        latest = self.imported_at.astimezone(UTC) + CLOCK_SKEW
        return pl.lit(latest, dtype=UTC_DATETIME)

    def _language(self) -> pl.Expr:
        """The language of the file's column, else the contact's, else the default."""
        contact_language = pl.col("contact_id").replace_strict(
            self.lookups.contact_languages, default=None, return_dtype=pl.String
        )
        return (
            pl.when(pl.col("language_named") != "")
            .then(pl.col("language_code"))
            .otherwise(pl.coalesce(contact_language, pl.lit(self.lookups.default_language)))
            .alias("language")
        )

    def _targets(self) -> list[str]:
        return [target for target in CUSTOMER_TARGETS if target in self.mapping.columns]

    def _uses(self, target: str) -> pl.Expr:
        """Whether a row names its customer by ``target``: the first customer column it fills."""
        uses = pl.lit(value=False)
        named_before = pl.lit(value=False)
        for each in self._targets():
            filled = pl.col(_CUSTOMER_TEXT[each]) != ""
            if each == target:
                uses = filled & ~named_before
            named_before = named_before | filled
        return uses

    def _customer_flag(self) -> pl.Expr:
        number = _whole_number(pl.col("customer_number"))
        unknown = {
            "contact_email": pl.col("contact_found").is_null(),
            "account_external_id": pl.col("account_customer").is_null(),
            "customer_id": ~number.is_in(
                pl.Series(sorted(self.lookups.customers), dtype=pl.Int64).implode()
            ).fill_null(value=False),
        }
        flag = pl.lit(value=False)
        named = pl.lit(value=False)
        for target in self._targets():
            flag = flag | (self._uses(target) & unknown[target])
            named = named | (pl.col(_CUSTOMER_TEXT[target]) != "")
        if self.lookups.customer_required:
            flag = flag | ~named
        return flag

    def _customer_id(self) -> pl.Expr:
        found = {
            "contact_email": pl.col("contact_customer"),
            "account_external_id": pl.col("account_customer"),
            "customer_id": _whole_number(pl.col("customer_number")),
        }
        customer = pl.lit(None, dtype=pl.Int64)
        for target in reversed(self._targets()):
            customer = pl.when(self._uses(target)).then(found[target]).otherwise(customer)
        return customer

    # what Polars cannot do --------------------------------------------------------------------

    def _with_content_refs(self, frame: pl.DataFrame) -> pl.DataFrame:
        """A row without a source reference or an external id is known by a digest of what it
        says, so two files with the same rows in another order match."""
        needed = frame.with_row_index("index").filter(
            ~pl.col("failed") & pl.col("source_ref").is_null()
        )
        if needed.is_empty():
            return frame
        # each date in the zone of the column it came from: the first, or the second (True)
        zones = {
            False: ZoneInfo(self._zone("responded_at")),
            True: ZoneInfo(self._zone("date_fallback")),
        }
        refs: list[str | None] = [None] * len(frame)
        content = needed.select(
            "index", "date_raw", "date_from_fallback", "language_named", *CONTENT_COLUMNS
        )
        language_column = self.mapping.columns.get("language", "")
        for row in content.iter_rows(named=True):
            zone = zones[row["date_from_fallback"]]
            refs[row["index"]] = _content_ref(row, zone, language_column, self.mapping.date_order)
        return frame.with_columns(
            source_ref=pl.coalesce(pl.col("source_ref"), pl.Series(refs, dtype=pl.String))
        )

    def _with_repeats(self, frame: pl.DataFrame) -> pl.DataFrame:
        """The earlier line of each valid row that repeats one (same source_ref), in this batch
        or an earlier one; remembers the rest."""
        keyed = frame.with_columns(
            key=pl.when(~pl.col("failed")).then(pl.col("source_ref").hash())
        ).join(self.seen, on="key", how="left", maintain_order="left")
        first = pl.col("line").min().over("key")
        keyed = keyed.with_columns(
            repeats=pl.when(pl.col("key").is_not_null()).then(
                pl.coalesce(pl.col("seen_at"), pl.when(first != pl.col("line")).then(first))
            )
        )
        new = keyed.filter(pl.col("key").is_not_null() & pl.col("repeats").is_null())
        self.seen = pl.concat([self.seen, new.select("key", seen_at="line")], rechunk=False)
        return keyed

    def _errors(self, row: dict[str, Any]) -> list[RowError]:
        """The problems of one invalid row, in the order of its fields."""
        line = row["line"]
        if row["problem"] is not None:
            return [RowError(line, row["problem_column"], row["problem"])]
        column = self.mapping.columns.get
        errors: list[RowError] = []

        def add(target: str, message: str) -> None:
            errors.append(RowError(line, column(target, ""), message))

        if row["score_not_number"]:
            add("score", f"“{row['score_raw']}” is not a whole number.")
        elif row["score_type_unknown"]:
            named = row["score_type_named"]
            reason = f"“{named}” is not a score type." if named else "The score type is missing."
            add("score_type" if "score_type" in self.mapping.columns else "score", reason)
        elif row["score_out_of_range"]:
            score_type = row["score_type_found"]
            low, high = SCORE_RANGES[score_type]
            add(
                "score",
                f"{row['score_number']} is out of range for {_SCORE_NAMES[score_type]} "
                f"({low}–{high}).",
            )
        elif row["required_missing"]:
            add(
                "score" if "score" in self.mapping.columns else "comment",
                "A required field is missing: a score or a comment.",
            )
        date = "date_fallback" if row["date_from_fallback"] else "responded_at"
        if row["date_missing"]:
            add("responded_at", "The date is missing.")
        elif row["date_unreadable"]:
            add(date, date_problem(row["date_raw"], self.mapping.date_order))
        elif row["date_in_future"]:
            add(date, f"“{row['date_raw']}” is in the future.")
        if row["customer_unknown"]:
            errors.append(self._customer_error(line, row))
        if row["segment_unknown"]:
            add("segment", f"There is no segment called “{row['segment']}”.")
        if row["touchpoint_unknown"]:
            add("touchpoint", f"There is no touchpoint called “{row['touchpoint']}”.")
        if row["stage_unknown"]:
            add("stage", f"There is no journey stage called “{row['stage']}”.")
        if row["kind_unknown"]:
            add("kind", f"“{row['kind_named']}” is not one of {', '.join(KINDS)}.")
        if row["external_id_long"]:
            add("external_id", f"The external id is longer than {MAX_EXTERNAL_ID} characters.")
        if row["source_ref_long"]:
            add("source_ref", f"The source reference is longer than {MAX_SOURCE_REF} characters.")
        if row["language_unknown"]:
            named = row["language_named"]
            add(
                "language",
                f"“{named}” is not the code of a language: give one such as en, de or pt-BR."
                if LANGUAGE_CODE.match(row["language_code"])
                else f"“{named}” is not a language code such as en, de or pt-BR.",
            )
        if not errors and row["repeats"] is not None:
            what = "content"
            if row["source_ref_given"]:
                what = "source reference"
            elif row["external_id"]:
                what = "external id"
            errors.append(
                RowError(line, "", f"This row repeats line {row['repeats']} (same {what}).")
            )
        return errors

    def _customer_error(self, line: int, row: dict[str, Any]) -> RowError:
        messages = {
            "contact_email": "No contact of yours has the email {}.",
            "account_external_id": "No account of yours has the CRM id {}.",
            "customer_id": "No customer of yours has the number {}.",
        }
        for target in self._targets():
            text = row[_CUSTOMER_TEXT[target]]
            if text and target == "contact_email" and not _is_email(text):
                return RowError(
                    line, self.mapping.columns[target], f"“{text}” is not an email address."
                )
            if text:
                return RowError(line, self.mapping.columns[target], messages[target].format(text))
        targets = self._targets()
        return RowError(
            line,
            self.mapping.columns[targets[0]] if targets else "",
            "The customer is missing: you can import feedback only for your own customers.",
        )


def _is_email(text: str) -> bool:
    """Whether ``text`` is an address a contact could have (their email field's own check)."""
    try:
        validate_email(text)
    except ValidationError:
        return False
    return True


FLAGS = (
    "score_not_number",
    "score_type_unknown",
    "score_out_of_range",
    "required_missing",
    "date_missing",
    "date_unreadable",
    "date_in_future",
    "customer_unknown",
    "segment_unknown",
    "touchpoint_unknown",
    "stage_unknown",
    "kind_unknown",
    "external_id_long",
    "source_ref_long",
    "language_unknown",
)
# the frame column holding each customer target's text
_CUSTOMER_TEXT = {
    "contact_email": "contact_email",
    "account_external_id": "account_external_id",
    "customer_id": "customer_number",
}


def _whole_number(text: pl.Expr) -> pl.Expr:
    """``text`` as a whole number: ``7``, ``+7`` or ``7.0``; null when it is not one."""
    as_float = text.cast(pl.Float64, strict=False)
    whole = as_float.is_finite() & (as_float == as_float.floor())
    return pl.coalesce(
        text.cast(pl.Int64, strict=False),
        pl.when(whole).then(as_float.cast(pl.Int64, strict=False)),
    )


# what a row without an external id is known by, besides its date
CONTENT_COLUMNS = (
    "customer_id",
    "contact_id",
    "score",
    "score_type",
    "kind",
    "stage_id",
    "touchpoint_id",
    "comment",
    "attributes",
)


def _content_ref(
    row: dict[str, Any], zone: ZoneInfo, language_column: str = "", date_order: str = "day"
) -> str:
    when = date_read(row["date_raw"], zone, date_order) if row["date_raw"] else None
    attributes = {
        name: value for name, value in json.loads(row["attributes"]).items() if value is not None
    }
    if language_column and row["language_named"]:
        # counted as it was when a language column could only be kept as an attribute, so a file
        # imported then without external ids is recognised now
        attributes[language_column] = row["language_named"]
    content = [
        row["customer_id"],
        row["contact_id"],
        when.isoformat() if when else None,
        row["score"],
        row["score_type"],
        row["kind"],
        row["stage_id"],
        row["touchpoint_id"],
        row["comment"],
        sorted(attributes.items()),
    ]
    digest = hashlib.blake2b(json.dumps(content, default=str).encode("utf-8"), digest_size=20)
    return f"import:row:{digest.hexdigest()}"
