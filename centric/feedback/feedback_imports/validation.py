"""Turning one record of a file into the fields of a response, or the reasons it cannot be one.

``RowChecker`` holds what a whole file's check needs — the compiled mapping, the records that
names in the file may refer to (``Lookups``, read once from the database by the caller) and the
rows seen so far — and checks one record at a time, so a file of any length streams through it.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo
from typing import Any

from centric.feedback.feedback_imports.mapping import CUSTOMER_TARGETS, KINDS, Mapping
from centric.feedback.feedback_imports.reading import JSONL, Record, Unreadable

SCORE_RANGES = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7), "rating": (1, 5)}
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
DATE_FORMATS = ("%d.%m.%Y", "%d/%m/%Y", "%d.%m.%Y %H:%M", "%d/%m/%Y %H:%M")
MAX_EXTERNAL_ID = 180
# a lone surrogate stands for a byte that was not valid UTF-8; PostgreSQL refuses NUL characters
BAD_TEXT = re.compile("[\x00\udc80-\udcff]")


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
    time_zone: tzinfo
    # people who see only their own customers must say whose feedback each row is
    customer_required: bool = False


@dataclass(slots=True)
class ValidRow:
    line: int
    source_ref: str
    values: dict[str, Any]


@dataclass
class RowChecker:
    mapping: Mapping
    columns: list[str]
    file_format: str
    lookups: Lookups
    check_text: bool = False
    # hash(source_ref) -> the line that first had it, to refuse repeats within the file
    seen: dict[int, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        def key(column: str) -> int | str:
            return column if self.file_format == JSONL else self.columns.index(column)

        self.keys = {target: key(column) for target, column in self.mapping.columns.items()}
        self.attribute_keys = [(column, key(column)) for column in self.mapping.attributes]
        self.customer_targets = [target for target in CUSTOMER_TARGETS if target in self.keys]
        self.width = len(self.columns)

    def check(self, line: int, record: Record) -> tuple[ValidRow | None, list[RowError]]:
        if isinstance(record, Unreadable):
            return None, [RowError(line, "", record.message)]
        if self.file_format == "csv" and len(record) != self.width:
            message = f"The row has {len(record)} fields but the header has {self.width}."
            return None, [RowError(line, "", message)]
        if self.check_text and isinstance(record, list) and BAD_TEXT.search("\x1f".join(record)):
            return None, [self._bad_text(line, record)]
        errors: list[RowError] = []
        values: dict[str, Any] = {}
        attributes: dict[str, Any] = {}
        cells = {target: self._cell(record, key) for target, key in self.keys.items()}
        if isinstance(record, dict):
            errors.extend(self._json_text_errors(line, cells))
        self._score(line, cells, values, errors)
        values["comment"] = _text(cells.get("comment"))
        if values["score"] is None and not values["comment"] and not errors:
            column = self._column("score") or self._column("comment")
            errors.append(
                RowError(line, column, "A required field is missing: a score or a comment.")
            )
        values["responded_at"] = self._date(line, cells.get("responded_at"), errors)
        self._customer(line, cells, values, errors)
        self._journey(line, cells, values, attributes, errors)
        kind = _text(cells.get("kind")).lower()
        values["kind"] = KIND_NAMES.get(kind) if kind else self.mapping.kind
        if values["kind"] is None:
            errors.append(
                RowError(line, self._column("kind"), f"“{kind}” is not one of {', '.join(KINDS)}.")
            )
        channel = _text(cells.get("channel"))
        if channel:
            attributes["channel"] = channel
        for column, key in self.attribute_keys:
            value = self._cell(record, key)
            if value not in (None, ""):
                attributes[column] = _json_value(value)
        values["attributes"] = attributes
        source_ref = self._source_ref(line, cells, values, errors)
        if errors:
            return None, errors
        seen_at = self.seen.setdefault(hash(source_ref), line)
        if seen_at != line:
            what = "external id" if "external_id" in self.keys else "content"
            return None, [RowError(line, "", f"This row repeats line {seen_at} (same {what}).")]
        return ValidRow(line, source_ref, values), []

    def _cell(self, record: list[Any] | dict[str, Any], key: int | str) -> Any:
        if isinstance(record, dict):
            return record.get(str(key))
        index = int(key)
        return record[index] if index < len(record) else None

    def _column(self, target: str) -> str:
        return self.mapping.columns.get(target, "")

    def _bad_text(self, line: int, record: list[Any]) -> RowError:
        for column, value in zip(self.columns, record, strict=False):
            if isinstance(value, str) and BAD_TEXT.search(value):
                return RowError(line, column, _bad_text_reason(value))
        return RowError(line, "", "The row is not valid UTF-8 text.")

    def _json_text_errors(self, line: int, cells: dict[str, Any]) -> list[RowError]:
        return [
            RowError(line, self._column(target), _bad_text_reason(value))
            for target, value in cells.items()
            if isinstance(value, str) and BAD_TEXT.search(value)
        ]

    def _score(
        self, line: int, cells: dict[str, Any], values: dict[str, Any], errors: list[RowError]
    ) -> None:
        values["score"], values["score_type"] = None, ""
        raw = cells.get("score")
        if raw is None or raw == "":
            return
        score = _whole_number(raw)
        if score is None:
            errors.append(RowError(line, self._column("score"), f"“{raw}” is not a whole number."))
            return
        named = _text(cells.get("score_type")).lower()
        score_type = SCORE_TYPE_NAMES.get(named) if named else self.mapping.score_type
        if not score_type:
            column = self._column("score_type") or self._column("score")
            reason = f"“{named}” is not a score type." if named else "The score type is missing."
            errors.append(RowError(line, column, reason))
            return
        low, high = SCORE_RANGES[score_type]
        if not low <= score <= high:
            errors.append(
                RowError(
                    line,
                    self._column("score"),
                    f"{score} is out of range for {score_type.upper()} ({low}–{high}).",
                )
            )
            return
        values["score"], values["score_type"] = score, score_type

    def _date(self, line: int, raw: Any, errors: list[RowError]) -> datetime | None:
        if raw is None or raw == "":
            return None
        parsed: datetime | None
        if isinstance(raw, datetime):
            parsed = raw
        elif isinstance(raw, date):
            parsed = datetime.combine(raw, time())
        else:
            parsed = _parse_date(str(raw).strip())
            if parsed is None:
                errors.append(
                    RowError(
                        line,
                        self._column("responded_at"),
                        f"“{raw}” is not a date (write 2024-03-31, 2024-03-31 14:05 or 31.03.2024).",
                    )
                )
                return None
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=self.lookups.time_zone)
        return parsed

    def _customer(
        self, line: int, cells: dict[str, Any], values: dict[str, Any], errors: list[RowError]
    ) -> None:
        values["customer_id"] = values["contact_id"] = None
        for target in self.customer_targets:
            text = _text(cells.get(target))
            if not text:
                continue
            column = self._column(target)
            if target == "contact_email":
                found = self.lookups.contacts.get(text.lower())
                if found is None:
                    errors.append(
                        RowError(line, column, f"No contact of yours has the email {text}.")
                    )
                else:
                    values["contact_id"], values["customer_id"] = found
            elif target == "account_external_id":
                customer = self.lookups.accounts.get(text.lower())
                if customer is None:
                    errors.append(
                        RowError(line, column, f"No account of yours has the CRM id {text}.")
                    )
                values["customer_id"] = customer
            else:
                number = _whole_number(text)
                if number is None or number not in self.lookups.customers:
                    errors.append(
                        RowError(line, column, f"No customer of yours has the number {text}.")
                    )
                values["customer_id"] = number
            return
        if self.lookups.customer_required:
            column = self._column(self.customer_targets[0]) if self.customer_targets else ""
            errors.append(
                RowError(
                    line,
                    column,
                    "The customer is missing: you can import feedback only for your own customers.",
                )
            )

    def _journey(
        self,
        line: int,
        cells: dict[str, Any],
        values: dict[str, Any],
        attributes: dict[str, Any],
        errors: list[RowError],
    ) -> None:
        values["stage_id"] = values["touchpoint_id"] = None
        segment = _text(cells.get("segment"))
        if segment:
            name = self.lookups.segments.get(segment.lower())
            if name is None:
                errors.append(
                    RowError(
                        line, self._column("segment"), f"There is no segment called “{segment}”."
                    )
                )
            attributes["segment"] = name
        touchpoint = _text(cells.get("touchpoint"))
        if touchpoint:
            found = self.lookups.touchpoints.get(touchpoint.lower())
            if found is None:
                errors.append(
                    RowError(
                        line,
                        self._column("touchpoint"),
                        f"There is no touchpoint called “{touchpoint}”.",
                    )
                )
            else:
                values["touchpoint_id"], values["stage_id"] = found
        stage = _text(cells.get("stage"))
        if stage:
            stage_id = self.lookups.stages.get(stage.lower())
            if stage_id is None:
                errors.append(
                    RowError(
                        line, self._column("stage"), f"There is no journey stage called “{stage}”."
                    )
                )
            values["stage_id"] = stage_id

    def _source_ref(
        self, line: int, cells: dict[str, Any], values: dict[str, Any], errors: list[RowError]
    ) -> str:
        """The row's identity, the same whichever file it arrives in: its external id, or else a
        digest of what it says (so two files with the same rows in another order match)."""
        external_id = _text(cells.get("external_id"))
        if external_id:
            if len(external_id) > MAX_EXTERNAL_ID:
                errors.append(
                    RowError(
                        line,
                        self._column("external_id"),
                        f"The external id is longer than {MAX_EXTERNAL_ID} characters.",
                    )
                )
            return f"import:id:{external_id}"
        when = values["responded_at"]
        content = [
            values["customer_id"],
            values["contact_id"],
            when.isoformat() if when else None,
            values["score"],
            values["score_type"],
            values["kind"],
            values["stage_id"],
            values["touchpoint_id"],
            values["comment"],
            sorted(values["attributes"].items()),
        ]
        digest = hashlib.blake2b(
            json.dumps(content, default=str).encode("utf-8", "surrogatepass"), digest_size=20
        )
        return f"import:row:{digest.hexdigest()}"


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _whole_number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = str(value).strip()
    try:
        return int(text)
    except ValueError:
        try:
            number = float(text)
        except ValueError:
            return None
        return int(number) if number.is_integer() else None


def _parse_date(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    for date_format in DATE_FORMATS:
        try:
            return datetime.strptime(text, date_format)  # noqa: DTZ007 - made aware by the caller
        except ValueError:
            continue
    return None


def _json_value(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return json.dumps(value, default=str)


def _bad_text_reason(value: str) -> str:
    if "\x00" in value:
        return "The text contains a NUL character, which cannot be stored."
    return "The text is not valid UTF-8 (bad encoding); save the file as UTF-8."
