"""The ingestion API's write path: a batch of feedback items (survey scores, reviews, tickets,
notes) checked item by item, then stored all or nothing — or only the valid items, if asked — once
per ``Idempotency-Key`` and once per ``source_ref``."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q

from centric.core import clock
from centric.core.audit import audit_record
from centric.core.models import AuditEvent
from centric.core.permissions import require_write
from centric.customers.models import Contact, Customer
from centric.customers.selectors import (
    accounts_visible_to,
    contacts_visible_to,
    customers_visible_to,
)
from centric.feedback.models import IdempotentRequest, JourneyStage, Response, Touchpoint
from centric.feedback.scales import SCORE_RANGES
from centric.feedback.signals import feedback_received_send
from centric.people.models import User

MAX_ITEMS = 500
MAX_COMMENT = 20_000
MAX_SOURCE_REF = 200
MAX_ATTRIBUTES_JSON = 10_000
# a client's clock may run a little ahead of ours; further ahead is a mistake
CLOCK_SKEW = timedelta(minutes=5)
CUSTOMER_FIELDS = ("customer_id", "contact_email", "account_external_id")
FIELDS = frozenset(
    {
        "kind",
        "score",
        "score_type",
        "comment",
        "responded_at",
        *CUSTOMER_FIELDS,
        "stage",
        "touchpoint",
        "language",
        "source_ref",
        "attributes",
    }
)
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,4})?$")


@dataclass(frozen=True)
class ItemError:
    index: int
    field: str
    reason: str


@dataclass(frozen=True)
class Outcome:
    """What the API answers: a status code and a JSON-ready body. ``replayed`` is true when the
    answer is the stored first answer to an earlier request with the same ``Idempotency-Key``."""

    status_code: int
    body: dict[str, Any]
    replayed: bool = False


@dataclass
class _Item:
    index: int
    values: dict[str, Any] = field(default_factory=dict)
    customer_ref: tuple[str, Any] | None = None


def feedback_ingest(
    *,
    actor: User,
    items: object,
    partial: bool = False,
    idempotency_key: str | None = None,
) -> Outcome:
    """Store a batch of feedback items for the actor's organisation.

    Every item is checked first; with any invalid item nothing is stored (422) unless ``partial``,
    which stores the valid items and reports the others. An item whose ``source_ref`` is already
    stored is reported as a duplicate and stored again never. With an ``idempotency_key``, the
    first successful answer is kept: a retry with the same request gets it again and writes
    nothing, and the key with a different request is refused (422)."""
    require_write(actor)
    digest = _request_digest(items, partial)
    if idempotency_key is not None:
        key_error = _check_key(idempotency_key)
        if key_error:
            return Outcome(422, {"detail": key_error, "errors": []})
        stored = _stored_answer(actor, idempotency_key)
        if stored is not None:
            return _replay(stored, digest)
    if not isinstance(items, list) or not 1 <= len(items) <= MAX_ITEMS:
        sent = f"{len(items)} items" if isinstance(items, list) else "no list"
        detail = (
            f"Send an object whose `items` is a list of 1 to {MAX_ITEMS} feedback items "
            f"(you sent {sent})."
        )
        return Outcome(422, {"detail": detail, "errors": []})

    valid, errors = _check(actor, items)
    if errors and not partial:
        return Outcome(
            422,
            {
                "detail": f"{_invalid_count(errors)} of {len(items)} items are invalid, so "
                "nothing was stored. Fix them, or send ?partial=true to keep the valid ones.",
                "errors": [_error_body(error) for error in errors],
            },
        )
    with transaction.atomic():
        claim = None
        if idempotency_key is not None:
            claim = _claim(actor, idempotency_key, digest)
            if claim is None:
                stored = _stored_answer(actor, idempotency_key)
                assert stored is not None
                return _replay(stored, digest)
        outcome = _store_batch(actor, valid, errors)
        if claim is not None:
            claim.status_code, claim.response_body = outcome.status_code, outcome.body
            claim.save(update_fields=["status_code", "response_body", "updated_at"])
    return outcome


def _stored_answer(actor: User, key: str) -> IdempotentRequest | None:
    return IdempotentRequest.objects.filter(organisation_id=actor.organisation_id, key=key).first()


def _claim(actor: User, key: str, digest: str) -> IdempotentRequest | None:
    """Take the key for this request, or None if a twin request holds it. The unique constraint
    is the lock: a twin racing this one waits on it until this transaction ends, then finds the
    key taken and replays the answer stored with it. The answer is filled in before commit, so
    no one ever reads the placeholder."""
    try:
        with transaction.atomic():
            return IdempotentRequest.objects.create(
                organisation_id=actor.organisation_id,
                key=key,
                body_digest=digest,
                status_code=0,
                response_body={},
            )
    except IntegrityError:
        return None


def _store_batch(actor: User, items: list[_Item], errors: list[ItemError]) -> Outcome:
    created, duplicates = _store(actor, items)
    feedback_received_send(
        organisation_id=actor.organisation_id, response_ids=[r.pk for _, r in created]
    )
    if created:
        audit_record(
            organisation=actor.organisation_id,
            actor=actor,
            action=AuditEvent.Action.IMPORT,
            instance=created[0][1],
            changes={
                "responses received through the API": [None, len(created)],
                "ids": [None, ", ".join(str(response.pk) for _, response in created)],
            },
        )
    return Outcome(
        201 if created else 200,
        {
            "created": [{"index": index, "id": response.pk} for index, response in created],
            "duplicates": [{"index": index, "source_ref": ref} for index, ref in duplicates],
            "errors": [_error_body(error) for error in errors],
        },
    )


def _request_digest(items: object, partial: bool) -> str:
    canonical = json.dumps(
        {"items": items, "partial": partial},
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def _check_key(key: str) -> str:
    if not key.strip():
        return "The Idempotency-Key header is empty."
    if len(key) > 200:
        return "The Idempotency-Key header may be at most 200 characters long."
    return ""


def _replay(stored: IdempotentRequest, digest: str) -> Outcome:
    if stored.body_digest != digest:
        return Outcome(
            422,
            {
                "detail": "This Idempotency-Key was already used for a different request. "
                "Send a new key with a new request.",
                "errors": [],
            },
        )
    return Outcome(stored.status_code, stored.response_body, replayed=True)


def _error_body(error: ItemError) -> dict[str, Any]:
    return {"index": error.index, "field": error.field, "reason": error.reason}


def _invalid_count(errors: list[ItemError]) -> int:
    return len({error.index for error in errors})


# Checking --------------------------------------------------------------------------------------


def _check(actor: User, raw_items: Sequence[object]) -> tuple[list[_Item], list[ItemError]]:
    """Parse every item, then resolve customers, stages and touchpoints in one query each."""
    parsed: list[_Item] = []
    errors: list[ItemError] = []
    for index, raw in enumerate(raw_items):
        item, item_errors = _parse(index, raw)
        errors.extend(item_errors)
        if not item_errors:
            parsed.append(item)
    resolved, lookup_errors = _resolve(actor, parsed)
    errors.extend(lookup_errors)
    errors.sort(key=lambda error: error.index)
    return resolved, errors


def _parse(index: int, raw: object) -> tuple[_Item, list[ItemError]]:
    """The item's own values, checked without the database."""
    item = _Item(index)
    if not isinstance(raw, Mapping):
        return item, [ItemError(index, "item", "must be a JSON object")]
    errors: list[ItemError] = []

    def refuse(name: str, reason: str) -> None:
        errors.append(ItemError(index, name, reason))

    for name in sorted(set(raw) - FIELDS):
        # the name is stored with the answer to an Idempotency-Key, where NUL cannot go
        refuse(str(name).replace("\x00", "\ufffd"), "is not a known field")
    with_nul = [name for name in sorted(FIELDS & set(raw)) if _has_nul(raw[name])]
    for name in with_nul:
        refuse(name, "must not contain a NUL character (\\u0000)")
    if with_nul:  # a name with NUL in it cannot even be looked up
        return item, errors

    kind = raw.get("kind")
    if kind not in Response.Kind.values:
        refuse("kind", f"must be one of {', '.join(Response.Kind.values)}")
    item.values["kind"] = kind

    score, score_type = raw.get("score"), raw.get("score_type")
    if score is None and score_type not in (None, ""):
        refuse("score", f"is required with score_type “{score_type}”")
    elif score is not None:
        if score_type not in SCORE_RANGES:
            refuse("score_type", f"must be one of {', '.join(SCORE_RANGES)} when a score is sent")
        elif isinstance(score, bool) or not isinstance(score, int):
            refuse("score", "must be a whole number")
        else:
            low, high = SCORE_RANGES[score_type]
            if not low <= score <= high:
                refuse("score", f"must be from {low} to {high} for {score_type} (it is {score})")
            item.values.update(score=score, score_type=score_type)

    comment = raw.get("comment", "")
    if not isinstance(comment, str):
        refuse("comment", "must be text")
    elif len(comment) > MAX_COMMENT:
        refuse("comment", f"must be at most {MAX_COMMENT} characters (it has {len(comment)})")
    else:
        item.values["comment"] = comment.strip()
        if score is None and not comment.strip():
            refuse("comment", "is required when there is no score")

    item.values["responded_at"] = _parse_moment(raw.get("responded_at"), refuse)

    given = [(name, raw[name]) for name in CUSTOMER_FIELDS if raw.get(name) not in (None, "")]
    if len(given) != 1:
        refuse("customer_id", "give exactly one of customer_id, contact_email, account_external_id")
    else:
        name, value = given[0]
        if name == "customer_id" and (isinstance(value, bool) or not isinstance(value, int)):
            refuse(name, "must be a whole number")
        elif name != "customer_id" and not isinstance(value, str):
            refuse(name, "must be text")
        else:
            if name == "contact_email":
                value = value.strip().lower()
            elif name == "account_external_id":
                value = value.strip()
            item.customer_ref = (name, value)

    for name in ("stage", "touchpoint"):
        value = raw.get(name)
        if value not in (None, "") and not isinstance(value, str):
            refuse(name, "must be a name (text)")
        item.values[name] = (value or "").strip() if isinstance(value, str) else ""

    language = raw.get("language")
    if isinstance(language, str):  # "EN" and "De-AT" are en and de-AT, as in a file import
        code, dash, region = language.partition("-")
        language = f"{code.lower()}{dash}{region}"
    if language is not None and (
        not isinstance(language, str) or not LANGUAGE_CODE.match(language)
    ):
        refuse("language", "must be a language code such as en, de or pt-BR")
    item.values["language"] = language

    source_ref = raw.get("source_ref", "")
    if not isinstance(source_ref, str):
        refuse("source_ref", "must be text")
    elif len(source_ref.strip()) > MAX_SOURCE_REF:
        refuse("source_ref", f"must be at most {MAX_SOURCE_REF} characters")
    else:
        item.values["source_ref"] = source_ref.strip()

    attributes = raw.get("attributes", {})
    if not isinstance(attributes, dict):
        refuse("attributes", "must be a JSON object")
    elif len(json.dumps(attributes, default=str)) > MAX_ATTRIBUTES_JSON:
        refuse("attributes", f"must be at most {MAX_ATTRIBUTES_JSON} characters as JSON")
    else:
        item.values["attributes"] = attributes
    return item, errors


def _has_nul(value: object) -> bool:
    """Whether ``value`` holds a NUL character, which PostgreSQL stores in no text or JSON."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(key) or _has_nul(inner) for key, inner in value.items())
    if isinstance(value, list):
        return any(_has_nul(inner) for inner in value)
    return False


def _parse_moment(value: object, refuse: Any) -> datetime | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        refuse("responded_at", "must be an ISO 8601 date and time")
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        refuse("responded_at", "must be an ISO 8601 date and time, e.g. 2025-03-01T09:30:00Z")
        return None
    if moment.tzinfo is None:
        refuse("responded_at", "must include a time zone, e.g. 2025-03-01T09:30:00Z")
        return None
    if moment > clock.now() + CLOCK_SKEW:
        refuse("responded_at", "is in the future")
        return None
    return moment


def _resolve(actor: User, items: list[_Item]) -> tuple[list[_Item], list[ItemError]]:
    """Find each item's customer within the actor's scope (so an id outside it reads as unknown),
    and its stage and touchpoint by name within the organisation."""
    wanted: dict[str, set[Any]] = {name: set() for name in CUSTOMER_FIELDS}
    for item in items:
        assert item.customer_ref is not None
        wanted[item.customer_ref[0]].add(item.customer_ref[1])
    found: dict[tuple[str, Any], tuple[Customer, Contact | None]] = {}
    for customer in customers_visible_to(actor).filter(pk__in=wanted["customer_id"]):
        found["customer_id", customer.pk] = (customer, None)
    if wanted["contact_email"]:
        # addresses are stored as typed, so they are matched without regard to case
        matches_any = Q()
        for email in wanted["contact_email"]:
            matches_any |= Q(email__iexact=email)
        for contact in (
            contacts_visible_to(actor).filter(matches_any).select_related("account__customer")
        ):
            found["contact_email", contact.email.lower()] = (contact.account.customer, contact)
    for account in (
        accounts_visible_to(actor)
        .filter(external_id__in=wanted["account_external_id"])
        .select_related("customer")
    ):
        found["account_external_id", account.external_id] = (account.customer, None)
    organisation_id = actor.organisation_id
    stages = {
        stage.name.lower(): stage
        for stage in JourneyStage.objects.filter(organisation_id=organisation_id)
    }
    touchpoints = {
        touchpoint.name.lower(): touchpoint
        for touchpoint in Touchpoint.objects.filter(organisation_id=organisation_id)
    }

    valid: list[_Item] = []
    errors: list[ItemError] = []
    for item in items:
        item_errors = []
        assert item.customer_ref is not None
        if item.customer_ref in found:
            item.values["customer"], item.values["contact"] = found[item.customer_ref]
        else:
            name, value = item.customer_ref
            item_errors.append(
                ItemError(item.index, name, f"“{value}” matches no customer you can see")
            )
        for name, known in (("stage", stages), ("touchpoint", touchpoints)):
            wanted_name = item.values.pop(name)
            if wanted_name and wanted_name.lower() not in known:
                item_errors.append(
                    ItemError(item.index, name, f"there is no {name} “{wanted_name}”")
                )
            item.values[name] = known.get(wanted_name.lower()) if wanted_name else None
        errors.extend(item_errors)
        if not item_errors:
            valid.append(item)
    return valid, errors


# Storing ---------------------------------------------------------------------------------------


def _store(
    actor: User, items: list[_Item]
) -> tuple[list[tuple[int, Response]], list[tuple[int, str]]]:
    """Create a response per item, skipping those whose ``source_ref`` is stored already (or comes
    earlier in the same batch). Returns (index, response) created and (index, source_ref)
    skipped as duplicates."""
    refs = {item.values["source_ref"] for item in items if item.values["source_ref"]}
    seen = set(
        Response.objects.filter(
            organisation_id=actor.organisation_id, source_ref__in=refs
        ).values_list("source_ref", flat=True)
    )
    now = clock.now()
    fresh: list[tuple[int, Response]] = []
    duplicates: list[tuple[int, str]] = []
    for item in items:
        ref = item.values["source_ref"]
        if ref and ref in seen:
            duplicates.append((item.index, ref))
            continue
        seen.add(ref)
        fresh.append((item.index, _response(actor, item, now)))
    try:
        with transaction.atomic():
            Response.objects.bulk_create([response for _, response in fresh])
        return fresh, duplicates
    except IntegrityError:
        pass
    # Another request stored one of these source_refs since we looked: one at a time, then.
    created: list[tuple[int, Response]] = []
    for index, response in fresh:
        response.pk = None
        try:
            with transaction.atomic():
                response.save(force_insert=True)
        except IntegrityError:
            duplicates.append((index, response.source_ref))
        else:
            created.append((index, response))
    duplicates.sort()
    return created, duplicates


def _response(actor: User, item: _Item, now: datetime) -> Response:
    values = item.values
    contact: Contact | None = values["contact"]
    return Response(
        organisation_id=actor.organisation_id,
        kind=values["kind"],
        channel=Response.Channel.API,
        customer=values["customer"],
        contact=contact,
        stage=values["stage"],
        touchpoint=values["touchpoint"],
        language=values["language"] or (contact.language if contact else "en"),
        score=values.get("score"),
        score_type=values.get("score_type", ""),
        comment=values["comment"],
        responded_at=values["responded_at"] or now,
        submitted_at=now,
        source_ref=values["source_ref"],
        attributes=values["attributes"],
    )
