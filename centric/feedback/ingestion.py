"""The ingestion API's write path: a batch of feedback items (survey scores, reviews, tickets,
notes) checked item by item, then stored all or nothing — or only the valid items, if asked — once
per ``Idempotency-Key`` and once per ``source_ref``."""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q

from centric.core import clock
from centric.core.audit import audit_record
from centric.core.models import ID_MAX, AuditEvent
from centric.core.permissions import require_write
from centric.customers.models import Contact, Customer
from centric.customers.selectors import (
    accounts_visible_to,
    contacts_visible_to,
    customers_visible_to,
)
from centric.feedback.languages import LANGUAGE_CODE, LANGUAGES_KNOWN
from centric.feedback.models import IdempotentRequest, JourneyStage, Response, Touchpoint
from centric.feedback.scales import SCORE_RANGES
from centric.feedback.signals import feedback_received_send
from centric.people.models import User

MAX_ITEMS = 500
MAX_COMMENT = 20_000
MAX_SOURCE_REF = 200
MAX_ATTRIBUTES_JSON = 10_000
MAX_KEY = 200
# half of a UTF-16 pair on its own, which JSON's \ud800 escapes can carry but no UTF-8 text can
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
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
    batch: object,
    partial: bool = False,
    idempotency_key: str | None = None,
) -> Outcome:
    """Store a batch of feedback items for the actor's organisation. ``batch`` is the request's
    body as sent (None when it is empty): an object whose ``items`` is a list of items.

    Every item is checked first; with any invalid item nothing is stored (422) unless ``partial``,
    which stores the valid items and reports the others. An item whose ``source_ref`` is already
    stored is reported as a duplicate and stored again never. With an ``idempotency_key``, the
    first successful answer is kept: a retry with the same request gets it again and writes
    nothing, and the key with a different request is refused (422)."""
    require_write(actor)
    items = batch.get("items") if isinstance(batch, dict) else None
    digest = _request_digest(items, partial)
    if idempotency_key is not None:
        key_error = key_problem(idempotency_key)
        if key_error:
            return Outcome(422, {"detail": key_error, "errors": []})
        stored = stored_answer(actor, idempotency_key)
        if stored is not None:
            return _replay(stored, digest)
    batch_error = _check_batch(batch)
    if batch_error:
        return Outcome(422, {"detail": batch_error, "errors": []})
    assert isinstance(items, list)

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
            claim = key_claim(actor, idempotency_key, digest)
            if claim is None:
                stored = stored_answer(actor, idempotency_key)
                assert stored is not None
                return _replay(stored, digest)
        outcome = _store_batch(actor, valid, errors)
        if claim is not None:
            claim.status_code, claim.response_body = outcome.status_code, outcome.body
            claim.save(update_fields=["status_code", "response_body", "updated_at"])
    return outcome


def stored_answer(actor: User, key: str) -> IdempotentRequest | None:
    """What was answered to the actor's organisation's request with ``key``, if any."""
    return IdempotentRequest.objects.filter(organisation_id=actor.organisation_id, key=key).first()


def key_claim(actor: User, key: str, digest: str) -> IdempotentRequest | None:
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


def key_problem(key: str) -> str:
    """What is wrong with an ``Idempotency-Key`` header's value ("" for nothing)."""
    if not key.strip():
        return "The Idempotency-Key header is empty."
    if len(key) > MAX_KEY:
        return f"The Idempotency-Key header may be at most {MAX_KEY} characters long."
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
    # the answer is stored with its Idempotency-Key, where neither NUL nor a lone surrogate can
    # go; a field name or a reason may quote what was sent
    field, reason = (
        LONE_SURROGATE.sub("\ufffd", text.replace("\x00", "\ufffd"))
        for text in (error.field, error.reason)
    )
    return {"index": error.index, "field": field, "reason": reason}


def _invalid_count(errors: list[ItemError]) -> int:
    return len({error.index for error in errors})


# Checking --------------------------------------------------------------------------------------


def _check_batch(batch: object) -> str:
    """What is wrong with the batch as a whole, or "" when it is a list of items to check."""
    if batch is None:
        problem = "The body is empty (or null)."
    elif not isinstance(batch, dict):
        problem = f"The body is {_kind(batch)}, not an object."
    elif "items" not in batch:
        problem = "The body has no `items`."
    elif not isinstance(batch["items"], list):
        problem = f"`items` is {_kind(batch['items'])}, not a list."
    elif not batch["items"]:
        problem = "`items` is an empty list."
    elif set(batch) != {"items"}:
        others = ", ".join(f"`{name}`" for name in sorted(set(batch) - {"items"}))
        problem = (
            f"The body holds {others} beside `items`: send ?partial=true in the address, and an "
            "Idempotency-Key as a header."
        )
    elif len(batch["items"]) > MAX_ITEMS:
        return (
            f"`items` holds {len(batch['items'])} feedback items: send at most {MAX_ITEMS} in "
            "one request."
        )
    else:
        return ""
    return f"{problem} Send an object whose `items` is a list of 1 to {MAX_ITEMS} feedback items."


def _kind(value: object) -> str:
    """What a JSON value is, as a message names it: a number, as itself."""
    if value is None or isinstance(value, bool | int | float):
        return json.dumps(value)
    if isinstance(value, str):
        return "text"
    return "a list" if isinstance(value, list) else "an object"


def _check(actor: User, raw_items: Sequence[object]) -> tuple[list[_Item], list[ItemError]]:
    """Check every item's own values, then look up all items' customers, stages and
    touchpoints at once (one query each), so that an item's answer names all its errors: the
    first for each field."""
    items = [_parse(index, raw) for index, raw in enumerate(raw_items)]
    errors = [error for _, item_errors in items for error in item_errors]
    errors += _resolve(actor, [item for item, _ in items])
    first: dict[tuple[int, str], ItemError] = {}
    for error in errors:
        first.setdefault((error.index, error.field), error)
    invalid = {index for index, _ in first}
    valid = [item for item, _ in items if item.index not in invalid]
    return valid, sorted(first.values(), key=lambda error: error.index)


def _parse(index: int, raw: object) -> tuple[_Item, list[ItemError]]:
    """The item's own values, checked without the database."""
    item = _Item(index)
    if not isinstance(raw, Mapping):
        return item, [ItemError(index, "item", f"must be a JSON object (it is {_kind(raw)})")]
    errors: list[ItemError] = []

    def refuse(name: str, reason: str) -> None:
        errors.append(ItemError(index, name, reason))

    for name in sorted(set(raw) - FIELDS):
        refuse(str(name), "is not a known field")
    # checked first, so that this is the reason given for such a field
    unstorable = {name: _unstorable(raw[name]) for name in FIELDS & set(raw)}
    unstorable = {name: reason for name, reason in unstorable.items() if reason}
    for name in sorted(unstorable):
        refuse(name, unstorable[name])

    kind = raw.get("kind")
    if kind is None:
        refuse("kind", f"is required: one of {', '.join(Response.Kind.values)}")
    elif kind not in Response.Kind.values:
        refuse("kind", f"must be one of {', '.join(Response.Kind.values)}")
    item.values["kind"] = kind

    score, score_type = raw.get("score"), raw.get("score_type")
    score_types = ", ".join(SCORE_RANGES)
    if score_type not in (None, "") and not (
        isinstance(score_type, str) and score_type in SCORE_RANGES
    ):
        refuse("score_type", f"must be one of {score_types}")
    elif score is None and score_type:
        refuse("score", f"is required with score_type {score_type}")
    elif score is not None and not score_type:
        refuse("score_type", f"is required with a score: one of {score_types}")
    if score is not None and (isinstance(score, bool) or not isinstance(score, int)):
        refuse("score", f"must be a whole number (it is {_kind(score)})")
    elif score is not None and isinstance(score_type, str) and score_type in SCORE_RANGES:
        low, high = SCORE_RANGES[score_type]
        if not low <= score <= high:
            refuse("score", f"must be from {low} to {high} for {score_type} (it is {score})")
        item.values.update(score=score, score_type=score_type)

    comment = raw.get("comment", "")
    if not isinstance(comment, str):
        refuse("comment", f"must be text (it is {_kind(comment)})")
    elif len(comment) > MAX_COMMENT:
        refuse("comment", f"must be at most {MAX_COMMENT} characters (it has {len(comment)})")
    else:
        item.values["comment"] = comment.strip()
        if score is None and not comment.strip():
            refuse("comment", "is required when there is no score")

    item.values["responded_at"] = _parse_moment(raw.get("responded_at"), refuse)

    given = [(name, raw[name]) for name in CUSTOMER_FIELDS if raw.get(name) not in (None, "")]
    if len(given) != 1:
        one_of = f"give exactly one of {', '.join(CUSTOMER_FIELDS)}"
        if given:
            names = " and ".join(name for name, _ in given)
            refuse(given[0][0], f"{one_of} (this item gives {names})")
        else:
            refuse("customer_id", one_of)
    else:
        name, value = given[0]
        if name == "customer_id" and (isinstance(value, bool) or not isinstance(value, int)):
            refuse(name, f"must be a whole number (it is {_kind(value)})")
        elif name == "customer_id" and not 1 <= value <= ID_MAX:
            # no customer's id, and beyond what the database can even look up
            refuse(name, f"“{value}” matches no customer you can see")
        elif name != "customer_id" and not isinstance(value, str):
            refuse(name, f"must be text (it is {_kind(value)})")
        elif name not in unstorable:  # the database cannot even look such text up
            item.customer_ref = (name, value.strip() if isinstance(value, str) else value)

    for name in ("stage", "touchpoint"):
        value = raw.get(name)
        if value not in (None, "") and not isinstance(value, str):
            refuse(name, f"must be a name (it is {_kind(value)})")
        item.values[name] = (value or "").strip() if isinstance(value, str) else ""

    language = raw.get("language")
    if isinstance(language, str):  # "EN" and "De-AT" are en and de-AT, as in a file import
        code, dash, region = language.partition("-")
        language = f"{code.lower()}{dash}{region}"
    if language is not None and (
        not isinstance(language, str) or not LANGUAGE_CODE.match(language)
    ):
        refuse("language", "must be a language code such as en, de or pt-BR")
    elif language is not None and language.partition("-")[0] not in LANGUAGES_KNOWN:
        refuse(
            "language", f"“{language}” is not the code of a language: give one such as en or pt-BR"
        )
    item.values["language"] = language

    source_ref = raw.get("source_ref", "")
    if not isinstance(source_ref, str):
        refuse("source_ref", f"must be text (it is {_kind(source_ref)})")
    elif len(source_ref.strip()) > MAX_SOURCE_REF:
        refuse(
            "source_ref",
            f"must be at most {MAX_SOURCE_REF} characters (it has {len(source_ref.strip())})",
        )
    else:
        item.values["source_ref"] = source_ref.strip()

    attributes = raw.get("attributes", {})
    if not isinstance(attributes, dict):
        refuse("attributes", f"must be a JSON object (it is {_kind(attributes)})")
    elif not _finite(attributes):
        # Python's json writes float("nan") as NaN unless told not to; no database stores it
        refuse(
            "attributes",
            "must not contain NaN or Infinity, which are not JSON numbers: send null, or the "
            "value as text",
        )
    elif (size := len(json.dumps(attributes, default=str))) > MAX_ATTRIBUTES_JSON:
        refuse(
            "attributes",
            f"must be at most {MAX_ATTRIBUTES_JSON} characters as JSON (it has {size})",
        )
    else:
        item.values["attributes"] = attributes
    return item, errors


def _unstorable(value: object) -> str:
    """Why ``value`` cannot be stored, or "": a NUL character, which PostgreSQL stores in no
    text or JSON, or a lone surrogate (``\\ud800``), which is not Unicode text at all."""
    texts = _texts(value)
    if any("\x00" in text for text in texts):
        return "must not contain a NUL character (\\u0000)"
    if any(LONE_SURROGATE.search(text) for text in texts):
        return (
            "must not contain half of a UTF-16 surrogate pair on its own (\\ud800 to "
            "\\udfff), which is not text"
        )
    return ""


def _texts(value: object) -> list[str]:
    """Every text in a JSON value, keys included."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for key, inner in value.items() for text in (key, *_texts(inner))]
    if isinstance(value, list):
        return [text for inner in value for text in _texts(inner)]
    return []


def _finite(value: object) -> bool:
    """Whether every number in a JSON value is one (NaN and Infinity are not)."""
    try:
        json.dumps(value, allow_nan=False, default=str)
    except ValueError:
        return False
    return True


def _parse_moment(value: object, refuse: Any) -> datetime | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        refuse("responded_at", f"must be an ISO 8601 date and time as text (it is {_kind(value)})")
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        refuse("responded_at", "must be an ISO 8601 date and time, e.g. 2025-03-01T09:30:00Z")
        return None
    if moment.tzinfo is None:
        refuse("responded_at", "must include a time zone, e.g. 2025-03-01T09:30:00Z")
        return None
    try:
        moment.astimezone(UTC)  # as the database keeps it
    except OverflowError:
        refuse("responded_at", "must be a moment of the years 1 to 9999 in UTC")
        return None
    if moment > clock.now() + CLOCK_SKEW:
        refuse("responded_at", "is in the future")
        return None
    return moment


def _resolve(actor: User, items: list[_Item]) -> list[ItemError]:
    """Find each item's customer within the actor's scope (so an id outside it reads as unknown),
    and its stage and touchpoint by name within the organisation: the errors of those not found.
    A touchpoint lies in its stage, as the survey form and the file import have it: an item
    with a touchpoint and no stage is in the touchpoint's stage, and one naming another stage
    is refused."""
    wanted: dict[str, set[Any]] = {name: set() for name in CUSTOMER_FIELDS}
    for item in items:
        if item.customer_ref is not None:
            wanted[item.customer_ref[0]].add(item.customer_ref[1])
    found: dict[tuple[str, Any], tuple[Customer, Contact | None]] = {}
    for customer in customers_visible_to(actor).filter(pk__in=wanted["customer_id"]):
        found["customer_id", customer.pk] = (customer, None)
    ambiguous: dict[str, list[Contact]] = {}
    if wanted["contact_email"]:
        contacts = _contacts_by_email(actor, wanted["contact_email"])
        for email, (contact, alike) in contacts.items():
            if contact is not None:
                found["contact_email", email] = (contact.account.customer, contact)
            else:
                ambiguous[email] = alike
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
    stages_by_id = {stage.pk: stage for stage in stages.values()}
    touchpoints = {
        touchpoint.name.lower(): touchpoint
        for touchpoint in Touchpoint.objects.filter(organisation_id=organisation_id)
    }

    errors: list[ItemError] = []
    for item in items:
        if item.customer_ref in found:
            item.values["customer"], item.values["contact"] = found[item.customer_ref]
        elif item.customer_ref is not None and item.customer_ref[1] in ambiguous:
            email = item.customer_ref[1]
            addresses = ", ".join(sorted(contact.email for contact in ambiguous[email]))
            errors.append(
                ItemError(
                    item.index,
                    "contact_email",
                    f"“{email}” is the address of {len(ambiguous[email])} contacts, written "
                    f"differently ({addresses}): give it exactly as one of them is written, or "
                    "give customer_id",
                )
            )
        elif item.customer_ref is not None:
            name, value = item.customer_ref
            errors.append(ItemError(item.index, name, f"“{value}” matches no customer you can see"))
        for name, known in (("stage", stages), ("touchpoint", touchpoints)):
            wanted_name = item.values.get(name, "")
            if wanted_name and wanted_name.lower() not in known:
                errors.append(ItemError(item.index, name, f"there is no {name} “{wanted_name}”"))
            item.values[name] = known.get(wanted_name.lower()) if wanted_name else None
        touchpoint = item.values["touchpoint"]
        if touchpoint is None or touchpoint.stage_id is None:
            continue
        stage, its_stage = item.values["stage"], stages_by_id[touchpoint.stage_id]
        if stage is None:
            item.values["stage"] = its_stage
        elif stage != its_stage:
            errors.append(
                ItemError(
                    item.index,
                    "touchpoint",
                    f"“{touchpoint.name}” is a touchpoint of the {its_stage.name} stage, not of "
                    f"{stage.name}: give that stage, or none",
                )
            )
    return errors


def _contacts_by_email(
    actor: User, emails: set[str]
) -> dict[str, tuple[Contact | None, list[Contact]]]:
    """Each address's contact among those the actor may see, in one query: the one written
    exactly so, else the only one written so but for case. Where several differ only in case
    and none is written as sent, none is taken: (None, those contacts)."""
    matches_any = Q()
    for email in emails:
        matches_any |= Q(email__iexact=email)
    alike: defaultdict[str, list[Contact]] = defaultdict(list)
    for contact in (
        contacts_visible_to(actor).filter(matches_any).select_related("account__customer")
    ):
        alike[contact.email.lower()].append(contact)
    chosen: dict[str, tuple[Contact | None, list[Contact]]] = {}
    for email in emails:
        candidates = alike.get(email.lower(), [])
        exact = [contact for contact in candidates if contact.email == email]
        if len(exact) == 1:
            chosen[email] = (exact[0], candidates)
        elif len(candidates) == 1:
            chosen[email] = (candidates[0], candidates)
        elif candidates:
            chosen[email] = (None, candidates)
    return chosen


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
            # only a source_ref stored meanwhile makes a duplicate; any other refusal is a fault
            # to be seen, not an item quietly dropped
            if not _source_ref_stored(actor, response.source_ref):
                raise
            duplicates.append((index, response.source_ref))
        else:
            created.append((index, response))
    duplicates.sort()
    return created, duplicates


def _source_ref_stored(actor: User, source_ref: str) -> bool:
    return bool(source_ref) and (
        Response.objects.filter(
            organisation_id=actor.organisation_id, source_ref=source_ref
        ).exists()
    )


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
