"""Importing accounts and contacts from CSV.

Every row is validated by the same forms the pages use, after names in the file (segment, team,
owner email, account) are resolved to records. Each problem is reported with its line, column and
reason. Nothing is written unless the caller applies the result, keeping every row or none.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import models

from centric.customers.forms import AccountForm, ContactForm
from centric.customers.models import Account, Contact, Segment
from centric.customers.selectors import (
    ACCOUNT_PLACEMENT_REFUSED,
    account_placement_allowed,
    accounts_visible_to,
    contacts_visible_to,
)
from centric.people.models import Team, User

MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class RowError:
    line: int  # 0: the file as a whole
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"line": self.line, "column": self.column, "message": self.message}


@dataclass
class ValidRow:
    line: int
    instance: models.Model | None  # the record this row updates, or None for a new one
    values: dict[str, Any]


@dataclass
class Checked:
    total_rows: int = 0
    valid: list[ValidRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class FileProblem(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def decode(data: bytes) -> str:
    """The file as text: UTF-16 when it starts with a UTF-16 byte-order mark, else UTF-8 (with or
    without a byte-order mark). Anything else is refused with the line it breaks on."""
    if len(data) > MAX_FILE_BYTES:
        raise FileProblem(0, f"The file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB.")
    encoding = "utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FileProblem(
            line,
            f"Line {line} is not valid {encoding.upper().replace('-SIG', '')} text; save the file as UTF-8.",
        ) from None


def _header_name(raw: str) -> str:
    return raw.strip().lower().replace(" ", "_").replace("-", "_")


def read_rows(text: str) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The normalised header and an iterator of (first line of the record, fields)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [_header_name(name) for name in next(reader)]
    except StopIteration:
        raise FileProblem(0, "The file is empty.") from None
    except csv.Error as exc:
        raise FileProblem(1, f"The header row cannot be read: {exc}.") from None

    def records() -> Iterator[tuple[int, list[str]]]:
        last_line = reader.line_num
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise FileProblem(
                    last_line + 1, f"Line {last_line + 1} cannot be read: {exc}."
                ) from None
            start, last_line = last_line + 1, reader.line_num
            if any(value.strip() for value in fields):
                yield start, fields

    return header, records()


@dataclass(frozen=True)
class Lookup:
    """A column whose text names a record: ``resolve`` turns the text into the record or None."""

    field: str
    resolve: Callable[[str], Any]
    unknown: str


def _choice(model_field: models.Field[Any, Any]) -> Callable[[str], str | None]:
    by_text = {}
    for value, label in model_field.choices or []:
        by_text[str(value).lower()] = value
        by_text[str(label).lower()] = value
    return lambda text: by_text.get(text.strip().lower())


@dataclass
class Spec:
    """How one kind of import reads its columns."""

    form_class: type[forms.ModelForm]  # type: ignore[type-arg]
    required: tuple[str, ...]
    plain: tuple[str, ...]  # columns passed to the form as they are
    lookups: dict[str, Lookup]
    choices: dict[str, Callable[[str], str | None]]
    key: Callable[[dict[str, Any]], str]  # identifies a row, to find duplicates and updates
    existing: Callable[[str], models.Model | None]
    form_kwargs: dict[str, Any]
    # columns a new record's row reads as empty when the file has none, so that the form gives
    # them their default (a contact's time zone: the organisation's)
    defaulted: tuple[str, ...] = ()


def _index(queryset: models.QuerySet[Any], attribute: str) -> dict[str, Any]:
    return {str(getattr(item, attribute)).strip().lower(): item for item in queryset}


def account_spec(actor: User) -> Spec:
    org = actor.organisation_id
    segments = _index(Segment.objects.filter(organisation_id=org), "name")
    teams = _index(Team.objects.filter(organisation_id=org), "name")
    people = _index(User.objects.filter(organisation_id=org, is_active=True), "email")
    by_external_id = _index(
        Account.objects.filter(organisation_id=org).exclude(external_id=""), "external_id"
    )
    by_name = _index(Account.objects.filter(organisation_id=org), "name")
    visible = set(accounts_visible_to(actor).values_list("pk", flat=True))

    def existing(key: str) -> Account | None:
        account = by_external_id.get(key) or by_name.get(key)
        if account is not None and account.pk not in visible:
            raise PermissionDenied("This account exists but is not one you can change.")
        return account

    return Spec(
        form_class=AccountForm,
        required=("name",),
        plain=("name", "external_id", "annual_value", "country", "website", "notes"),
        lookups={
            "segment": Lookup("segment", segments.get, "There is no segment called “{}”."),
            "team": Lookup("team", teams.get, "There is no team called “{}”."),
            "owner_email": Lookup(
                "owner", people.get, "Nobody in your organisation has the email {}."
            ),
        },
        choices={
            "lifecycle_stage": _choice(Account._meta.get_field("lifecycle_stage")),
            "tier": _choice(Account._meta.get_field("tier")),
        },
        key=lambda row: (row.get("external_id") or row.get("name") or "").strip().lower(),
        existing=existing,
        form_kwargs={"organisation_id": org},
    )


def contact_spec(actor: User) -> Spec:
    accounts = accounts_visible_to(actor)
    by_external_id = _index(accounts.exclude(external_id=""), "external_id")
    by_name = _index(accounts, "name")
    visible_contacts = _index(contacts_visible_to(actor), "email")
    org_emails = set(
        Contact.objects.filter(organisation_id=actor.organisation_id).values_list(
            "email", flat=True
        )
    )

    def existing(key: str) -> Contact | None:
        contact = visible_contacts.get(key)
        if contact is None and key in {email.lower() for email in org_emails}:
            raise PermissionDenied(
                "This email belongs to a contact of an account you cannot change."
            )
        return contact

    return Spec(
        form_class=ContactForm,
        required=("first_name", "email"),
        plain=(
            "first_name",
            "last_name",
            "email",
            "phone",
            "job_title",
            "language",
            "time_zone",
            "working_hours_start",
            "working_hours_end",
        ),
        lookups={
            "account_external_id": Lookup(
                "account", by_external_id.get, "No account of yours has the CRM id {}."
            ),
            "account": Lookup("account", by_name.get, "No account of yours is called “{}”."),
        },
        choices={
            "influence": _choice(Contact._meta.get_field("influence")),
            "preferred_channel": _choice(Contact._meta.get_field("preferred_channel")),
        },
        key=lambda row: (row.get("email") or "").strip().lower(),
        existing=existing,
        form_kwargs={"organisation_id": actor.organisation_id, "accounts": accounts},
        defaulted=("time_zone",),
    )


def _form_field(spec: Spec, column: str) -> str:
    lookup = spec.lookups.get(column)
    return lookup.field if lookup else column


def _form_column(spec: Spec, form_field: str) -> str:
    for column, lookup in spec.lookups.items():
        if lookup.field == form_field:
            return column
    return form_field


def check(*, actor: User, kind: str, data: bytes) -> Checked:
    """Validate every row of the file; write nothing."""
    result = Checked()
    spec = account_spec(actor) if kind == "accounts" else contact_spec(actor)
    try:
        header, records = read_rows(decode(data))
        known = set(spec.plain) | set(spec.lookups) | set(spec.choices)
        missing = [name for name in spec.required if name not in header]
        if kind == "contacts" and not {"account", "account_external_id"} & set(header):
            missing.append("account or account_external_id")
        if missing:
            raise FileProblem(1, f"The header has no column for: {', '.join(missing)}.")
        duplicates = [name for name in set(header) if header.count(name) > 1]
        if duplicates:
            raise FileProblem(
                1, f"The header names these columns twice: {', '.join(sorted(duplicates))}."
            )
        ignored = [name for name in header if name and name not in known]
        if ignored:
            result.warnings.append(
                f"These columns are not used and were ignored: {', '.join(ignored)}."
            )
        used = [name for name in header if name in known]
        seen: dict[str, int] = {}
        for line, fields in records:
            result.total_rows += 1
            if len(fields) != len(header):
                result.errors.append(
                    RowError(
                        line,
                        "",
                        f"The row has {len(fields)} fields but the header has {len(header)}.",
                    )
                )
                continue
            row = {
                name: value.strip()
                for name, value in zip(header, fields, strict=True)
                if name in known
            }
            _check_row(actor, spec, line, row, used, seen, result)
    except FileProblem as problem:
        result.errors.append(RowError(problem.line, "", problem.message))
    return result


def _check_row(
    actor: User,
    spec: Spec,
    line: int,
    row: dict[str, str],
    used: list[str],
    seen: dict[str, int],
    result: Checked,
) -> None:
    errors: list[RowError] = []
    data: dict[str, Any] = {}
    for column in used:
        text = row.get(column, "")
        if column in spec.lookups:
            lookup = spec.lookups[column]
            if text:
                record = lookup.resolve(text.lower())
                if record is None:
                    errors.append(RowError(line, column, lookup.unknown.format(text)))
                else:
                    data[lookup.field] = record.pk
            elif lookup.field not in data:
                data[lookup.field] = ""
        elif column in spec.choices:
            # an empty choice keeps the current value, or the default for a new record
            if text:
                value = spec.choices[column](text)
                if value is None:
                    errors.append(
                        RowError(
                            line, column, f"“{text}” is not a valid {column.replace('_', ' ')}."
                        )
                    )
                data[column] = value
        else:
            data[column] = text
    key = spec.key(row)
    if key and key in seen:
        if "name" in spec.required:  # an account is known by its CRM id or else its name
            errors.append(
                RowError(line, "", f"This row repeats line {seen[key]} (same CRM id or name).")
            )
        else:  # a contact by their email address, however it is capitalised
            errors.append(
                RowError(line, "email", f"This row repeats line {seen[key]} (same email address).")
            )
    try:
        instance = spec.existing(key)
    except PermissionDenied as exc:
        errors.append(RowError(line, "", str(exc)))
        instance = None
    if instance is None:
        for column in spec.defaulted:
            data.setdefault(column, "")
    # the form checks every column that resolved, so one pass reports all of a row's problems
    failed = {_form_field(spec, error.column) for error in errors}
    fields = [name for name in data if name in spec.form_class.base_fields and name not in failed]
    form_class = forms.modelform_factory(
        spec.form_class._meta.model, form=spec.form_class, fields=fields
    )
    form = form_class(data=data, instance=instance, **spec.form_kwargs)
    if not form.is_valid():
        for name, messages in form.errors.items():
            column = "" if name == "__all__" else _form_column(spec, name)
            errors.extend(RowError(line, column, str(message)) for message in messages)
    if errors:
        result.errors.extend(errors)
        return
    seen[key] = line
    values = {name: form.cleaned_data[name] for name in fields}
    if spec.form_class is AccountForm:
        placed = {
            "owner": getattr(instance, "owner", None),
            "team": getattr(instance, "team", None),
            **values,
        }
        if not account_placement_allowed(actor=actor, owner=placed["owner"], team=placed["team"]):
            result.errors.append(RowError(line, "owner_email", ACCOUNT_PLACEMENT_REFUSED))
            return
    result.valid.append(ValidRow(line=line, instance=instance, values=values))
