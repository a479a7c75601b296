"""Outgoing webhooks for case events.

Each event becomes one ``WebhookDelivery`` per subscribed endpoint, written in the transaction
that changed the case and posted by a task once it commits. The body is JSON; the
``Centric-Signature`` header is ``t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>">`` under the
endpoint's secret, so a receiver can check who sent it and refuse replays older than a few
minutes (``verify`` does both). Failures are retried with exponential backoff; every attempt is
in the endpoint's delivery log. Delivery is at least once: a receiver that must not act twice
keeps the ``Centric-Delivery`` ids it has seen.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from centric.core import clock
from centric.core.audit import audit_record, audited_create, audited_delete, audited_update
from centric.core.background import enqueue_after_commit
from centric.core.models import AuditEvent
from centric.core.permissions import Actor, require_admin

if TYPE_CHECKING:
    from centric.cases.models import Case, WebhookDelivery, WebhookEndpoint

EVENTS = (
    "case.opened",
    "case.assigned",
    "case.contacted",
    "case.commented",
    "case.in_progress",
    "case.resolved",
    "case.closed",
    "case.reopened",
    "case.escalated",
)
# The "send test event" button's event; it goes to one endpoint whatever it subscribes to.
PING = "ping"
MAX_ATTEMPTS = 8
TIMEOUT_SECONDS = 10
TOLERANCE_SECONDS = 300


def payload_of(case: Case, event: str, event_id: str) -> dict[str, Any]:
    return {
        "id": event_id,
        "event": event,
        "created_at": clock.now().isoformat(),
        "case": {
            "id": case.pk,
            "title": case.title,
            "state": case.state,
            "priority": case.priority,
            "owner": case.owner.email if case.owner else None,
            "team": case.team.name if case.team else None,
            "customer_id": case.customer_id,
            "response_id": case.response_id,
            "first_contact_due": case.first_contact_due.isoformat(),
            "resolution_due": case.resolution_due.isoformat(),
        },
    }


def publish(*, case: Case, event: str) -> int:
    """Queue ``event`` for every active endpoint of the case's organisation that wants it.
    Returns the number of deliveries queued."""
    return publish_many(cases=[case], event=event)


def publish_many(*, cases: Sequence[Case], event: str) -> int:
    """``publish`` for many cases of one organisation: the endpoints are read once."""
    from centric.cases.models import WebhookEndpoint

    if not cases:
        return 0
    endpoints = [
        endpoint
        for endpoint in WebhookEndpoint.objects.filter(
            organisation_id=cases[0].organisation_id, active=True
        )
        if not endpoint.events or event in endpoint.events
    ]
    for case in cases:
        for endpoint in endpoints:
            _queue(endpoint, event, functools.partial(payload_of, case, event))
    return len(endpoints) * len(cases)


def _queue(
    endpoint: WebhookEndpoint, event: str, payload: Callable[[str], dict[str, Any]]
) -> WebhookDelivery:
    from centric.cases.models import WebhookDelivery
    from centric.cases.tasks import deliver_webhook

    event_id = f"evt_{uuid.uuid4().hex}"
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event=event,
        event_id=event_id,
        payload=payload(event_id),
        created_at=clock.now(),
    )
    enqueue_after_commit(deliver_webhook, delivery.pk)
    return delivery


# --- signing --------------------------------------------------------------------------------


def sign(secret: str, body: bytes, timestamp: int) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def verify(
    secret: str,
    header: str,
    body: bytes,
    *,
    now: float | None = None,
    tolerance: int = TOLERANCE_SECONDS,
) -> bool:
    """Whether ``header`` signs ``body`` under ``secret`` and is recent enough: what a receiver
    runs on each request."""
    try:
        parts = dict(item.strip().split("=", 1) for item in header.split(","))
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs((now if now is not None else time.time()) - timestamp) > tolerance:
        return False
    expected = sign(secret, body, timestamp).split("v1=", 1)[1]
    return hmac.compare_digest(expected, parts.get("v1", ""))


# --- delivering -----------------------------------------------------------------------------


class _RefuseRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, not a delivery: following it would re-send the event as a GET
    without its body (and to an address the admin never chose)."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_opener = urllib.request.build_opener(_RefuseRedirects)


def deliver(delivery_id: int) -> bool | None:
    """Post one delivery. True when delivered, False when it failed and may be retried, None when
    there is nothing (more) to do."""
    from centric.cases.models import WebhookDelivery

    Status = WebhookDelivery.Status
    with transaction.atomic():
        # The row stays locked while the request is out, so a copy of this task running at the
        # same moment (a message delivered twice) skips it instead of posting the event again.
        delivery = (
            WebhookDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("endpoint")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.status != Status.PENDING:
            return None
        endpoint = delivery.endpoint
        if not endpoint.active or urlsplit(endpoint.url).scheme not in ("http", "https"):
            delivery.status = Status.FAILED
            delivery.last_error = "The endpoint is switched off or its address is not http(s)."
            delivery.save(update_fields=["status", "last_error"])
            return None
        delivery.attempts += 1
        delivery.last_status_code, delivery.last_error = _post(endpoint, delivery)
        ok = delivery.last_status_code is not None and 200 <= delivery.last_status_code < 300
        if ok:
            delivery.status, delivery.delivered_at = Status.DELIVERED, clock.now()
        elif delivery.attempts >= MAX_ATTEMPTS:
            delivery.status = Status.FAILED
        delivery.save()
    if ok:
        return True
    return False if delivery.status == Status.PENDING else None


def _post(endpoint: WebhookEndpoint, delivery: WebhookDelivery) -> tuple[int | None, str]:
    """The receiver's status code (None when there was no answer) and what went wrong."""
    body = json.dumps(delivery.payload, cls=DjangoJSONEncoder).encode()
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked to be http(s)
        endpoint.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "Centric-Webhooks/1",
            "Centric-Event": delivery.event,
            "Centric-Delivery": delivery.event_id,
            "Centric-Signature": sign(endpoint.secret, body, int(time.time())),
        },
    )
    try:
        with _opener.open(request, timeout=TIMEOUT_SECONDS) as answer:
            return answer.status, ""
    except urllib.error.HTTPError as error:
        error.close()
        if 300 <= error.code < 400:
            return error.code, f"HTTP {error.code}: redirects are not followed"
        return error.code, f"HTTP {error.code}"
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", None) or error
        return None, str(reason)[:300] or type(error).__name__


def backoff(attempts: int) -> int:
    """Seconds before the next attempt: 30 s, 1 min, 2 min, … up to 1 h."""
    return int(min(30 * 2 ** (attempts - 1), 3600))


# --- the admins' settings -------------------------------------------------------------------


def endpoints_of(actor: Actor) -> QuerySet[WebhookEndpoint]:
    from centric.cases.models import WebhookDelivery, WebhookEndpoint

    require_admin(actor)
    return (
        WebhookEndpoint.objects.filter(organisation_id=actor.organisation_id)
        .annotate(
            failed_count=Count(
                "deliveries", filter=Q(deliveries__status=WebhookDelivery.Status.FAILED)
            )
        )
        .order_by("url", "pk")
    )


def endpoint_access(*, actor: Actor, endpoint_id: int) -> WebhookEndpoint:
    """An endpoint of the actor's organisation, for admins only (403 for anyone else, 404 for
    another organisation's)."""
    from centric.cases.models import WebhookEndpoint

    require_admin(actor)
    endpoint = WebhookEndpoint.objects.filter(
        pk=endpoint_id, organisation_id=actor.organisation_id
    ).first()
    if endpoint is None:
        raise Http404("No such webhook endpoint")
    return endpoint


def deliveries_of(endpoint: WebhookEndpoint) -> QuerySet[WebhookDelivery]:
    return endpoint.deliveries.order_by("-created_at", "-pk")


def endpoint_create(*, actor: Actor, values: Mapping[str, Any]) -> WebhookEndpoint:
    from centric.cases.models import WebhookEndpoint

    require_admin(actor)
    return audited_create(
        actor=actor, organisation_id=actor.organisation_id, model=WebhookEndpoint, values=values
    )


def endpoint_update(
    *, actor: Actor, endpoint: WebhookEndpoint, values: Mapping[str, Any]
) -> WebhookEndpoint:
    require_admin(actor)
    return audited_update(actor=actor, instance=endpoint, values=values)


def endpoint_delete(*, actor: Actor, endpoint: WebhookEndpoint) -> None:
    require_admin(actor)
    audited_delete(actor=actor, instance=endpoint)


@transaction.atomic
def endpoint_ping(*, actor: Actor, endpoint: WebhookEndpoint) -> WebhookDelivery:
    """Send a test event to one endpoint, whichever events it subscribes to."""
    require_admin(actor)
    return _queue(
        endpoint,
        PING,
        lambda event_id: {
            "id": event_id,
            "event": PING,
            "created_at": clock.now().isoformat(),
            "message": "A test event from Centric: this endpoint is set up.",
        },
    )


@transaction.atomic
def delivery_retry(*, actor: Actor, delivery: WebhookDelivery) -> WebhookDelivery:
    """Start a failed delivery over: a fresh round of attempts with the same event id, so a
    receiver that already acted on it can tell."""
    from centric.cases.models import WebhookDelivery
    from centric.cases.tasks import deliver_webhook

    require_admin(actor)
    # a conditional update, so two clicks on "retry" start one round, not two
    restarted = WebhookDelivery.objects.filter(
        pk=delivery.pk, status=WebhookDelivery.Status.FAILED
    ).update(status=WebhookDelivery.Status.PENDING, attempts=0)
    if not restarted:
        raise ValidationError({"status": "Only a failed delivery can be retried."})
    delivery.status, delivery.attempts = WebhookDelivery.Status.PENDING, 0
    audit_record(
        organisation=actor.organisation_id,
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        instance=delivery,
        changes={"status": ["Failed", "Pending"]},
    )
    enqueue_after_commit(deliver_webhook, delivery.pk)
    return delivery
