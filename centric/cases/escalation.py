"""SLA breaches climb a chain: the team lead and the case's owner hear first, the CX leads
next if the breach persists. A periodic task calls ``breaches_escalate``; each step is a row
that can exist once (``Escalation``'s unique constraint), written in the same transaction as its
notifications, so a retried, duplicated or restarted run never notifies anyone twice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db import IntegrityError, transaction
from django.db.models import Q

from centric.cases import sla, webhooks
from centric.cases.models import Case, CaseEvent, Escalation
from centric.cases.selectors import OPEN_STATES
from centric.cases.services import calendar_of, notify
from centric.core import clock
from centric.core.roles import Role
from centric.people.models import User

# Level 1 (the team lead) at the breach; level 2 (the CX leads) once the breach has lasted this
# much more business time.
SECOND_LEVEL_AFTER = dt.timedelta(hours=4)
LEVELS = ((1, dt.timedelta(0)), (2, SECOND_LEVEL_AFTER))


def breaches_escalate(*, now: dt.datetime | None = None) -> int:
    """Escalate every breached clock of every open case that has not yet reached its level.
    Returns the number of escalation steps taken."""
    now = now or clock.now()
    taken = 0
    calendars: dict[int, sla.Calendar] = {}
    for case, which, due in _breached(now):
        if case.organisation_id not in calendars:
            calendars[case.organisation_id] = calendar_of(case.organisation_id)
        calendar = calendars[case.organisation_id]
        overdue = sla.business_time_between(calendar, due, now) if due < now else dt.timedelta(0)
        for level, after in LEVELS:
            if overdue >= after and _escalate(case, which, level, now):
                taken += 1
    return taken


def _breached(now: dt.datetime) -> Iterator[tuple[Case, str, dt.datetime]]:
    cases = (
        Case.objects.filter(state__in=OPEN_STATES)
        .filter(
            Q(first_contacted_at__isnull=True, first_contact_due__lte=now)
            | Q(resolution_due__lte=now)
        )
        .exclude(escalations__level=len(LEVELS), escalations__clock=Escalation.Clock.RESOLUTION)
        .select_related("team__lead", "owner")
        .order_by("pk")
    )
    for case in cases.iterator(chunk_size=500):
        if case.first_contacted_at is None and case.first_contact_due <= now:
            yield case, Escalation.Clock.FIRST_CONTACT, case.first_contact_due
        if case.resolution_due <= now:
            yield case, Escalation.Clock.RESOLUTION, case.resolution_due


def recipients(case: Case, level: int) -> list[User]:
    """Level 1: the lead of the case's team (the CX leads if it has none), and the case's
    owner, who must hear of their own breach (once, if they are the lead too). Level 2: the
    CX leads (the admins if there are none). The first named is the one escalated to."""
    lead = case.team.lead if case.team is not None else None
    if level == 1 and lead is not None and lead.is_active:
        people = [lead]
    else:
        active = User.objects.filter(organisation_id=case.organisation_id, is_active=True)
        people = list(active.filter(role=Role.CX_LEAD)) or list(active.filter(role=Role.ADMIN))
    owner = case.owner
    if level == 1 and owner is not None and owner.is_active and owner not in people:
        people.append(owner)
    return people


def _escalate(case: Case, which: str, level: int, now: dt.datetime) -> bool:
    """Take one step, once. False when it was taken before (by this run or any other)."""
    people = recipients(case, level)
    try:
        with transaction.atomic():
            escalation, created = Escalation.objects.get_or_create(
                case=case,
                clock=which,
                level=level,
                defaults={"recipient": people[0] if people else None, "created_at": now},
            )
            if not created:
                return False
            label = Escalation.Clock(which).label.lower()
            message = f"SLA breached ({label}), level {level}: {case.title}"
            for person in people:
                notify(person, case, message, email=True)
            CaseEvent.objects.create(
                organisation_id=case.organisation_id,
                case=case,
                kind=CaseEvent.Kind.ESCALATED,
                data={
                    "clock": which,
                    "level": level,
                    "to": [str(p) for p in people],
                    "to_ids": [p.pk for p in people],
                },
                at=now,
            )
            escalation.notified_at = now
            escalation.save(update_fields=["notified_at"])
            webhooks.publish(case=case, event="case.escalated")
    except IntegrityError:  # another worker took this step at the same moment
        return False
    return True
