"""SLA breaches climb a chain: the team lead and the case's owner hear first, the CX leads
next if the breach persists. A periodic task calls ``breaches_escalate``; each step is a row
that can exist once per deadline (``Escalation``'s unique constraint), written in the same
transaction as its notifications, so a retried, duplicated or restarted run never notifies
anyone twice. A run takes one step per clock at most, each after the previous one's wait, so a
breach noticed late (the scheduler was down, the demo just loaded) is told to the team lead
first and to the CX leads only if it lasts; a reopened case's fresh deadline climbs anew."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q

from centric.cases import sla, webhooks
from centric.cases.models import Case, CaseEvent, Escalation
from centric.cases.selectors import OPEN_STATES
from centric.cases.services import calendar_of, notify
from centric.core import clock
from centric.core.roles import Role
from centric.people.models import User

Clock = Escalation.Clock
# Level 1 (the team lead) at the breach; level 2 (the CX leads) once it has lasted this much
# more business time after level 1 was told.
SECOND_LEVEL_AFTER = dt.timedelta(hours=4)
# each level and the business time it waits after the one before (level 1: after the deadline)
LEVELS = ((1, dt.timedelta(0)), (2, SECOND_LEVEL_AFTER))
_HOURS = f"{SECOND_LEVEL_AFTER.total_seconds() / 3600:g} working hours"
# what each step tells, in plain words (the SLA's own name first, which people search for)
MESSAGES = {
    (Clock.FIRST_CONTACT, 1): "SLA breached – first-contact deadline passed: {title}",
    (Clock.RESOLUTION, 1): "SLA breached – resolution deadline passed: {title}",
    (Clock.FIRST_CONTACT, 2): (
        f"SLA breached – still no first contact {_HOURS} after the first alert: {{title}}"
    ),
    (Clock.RESOLUTION, 2): (
        f"SLA breached – still not resolved {_HOURS} after the first alert: {{title}}"
    ),
}


def breaches_escalate(*, now: dt.datetime | None = None) -> int:
    """Take the next step of every breached clock of every open case whose step is due: level 1
    once its deadline has passed, each next level once the one before has waited its time.
    Returns the number of escalation steps taken."""
    now = now or clock.now()
    taken = 0
    calendars: dict[int, sla.Calendar] = {}
    for case, which, due in _breached(now):
        steps = {
            step.level: step
            for step in case.escalations.all()
            if step.clock == which and step.due == due
        }
        level = len(steps) + 1
        if level > len(LEVELS):
            continue
        _, wait = LEVELS[level - 1]
        since = due if level == 1 else steps[level - 1].created_at
        if wait:
            if case.organisation_id not in calendars:
                calendars[case.organisation_id] = calendar_of(case.organisation_id)
            calendar = calendars[case.organisation_id]
            if since >= now or sla.business_time_between(calendar, since, now) < wait:
                continue
        if _escalate(case, which, due, level, now):
            taken += 1
    return taken


def _breached(now: dt.datetime) -> Iterator[tuple[Case, str, dt.datetime]]:
    """Each open case's clocks that have run out, with their deadline: first contact while the
    customer has not been reached, resolution always."""
    resolution_done = Escalation.objects.filter(
        case=OuterRef("pk"),
        clock=Clock.RESOLUTION,
        level=len(LEVELS),
        due=OuterRef("resolution_due"),
    )
    cases = (
        Case.objects.filter(state__in=OPEN_STATES)
        .filter(
            Q(first_contacted_at__isnull=True, first_contact_due__lte=now)
            | Q(resolution_due__lte=now)
        )
        .exclude(Exists(resolution_done))  # every step taken (first contact's came before)
        .select_related("team__lead", "owner")
        .prefetch_related("escalations")
        .order_by("pk")
    )
    for case in cases.iterator(chunk_size=500):
        if case.first_contacted_at is None and case.first_contact_due <= now:
            yield case, Clock.FIRST_CONTACT, case.first_contact_due
        if case.resolution_due <= now:
            yield case, Clock.RESOLUTION, case.resolution_due


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


def _still_breached(case: Case, which: str, due: dt.datetime) -> bool:
    """Whether the clock is still running out on the same deadline, read again under the case's
    lock: a case contacted, resolved or reopened (a fresh deadline) since this run read it is
    not escalated on what it read."""
    still = Case.objects.select_for_update().filter(pk=case.pk, state__in=OPEN_STATES)
    if which == Clock.FIRST_CONTACT:
        return still.filter(first_contacted_at__isnull=True, first_contact_due=due).exists()
    return still.filter(resolution_due=due).exists()


def _escalate(case: Case, which: str, due: dt.datetime, level: int, now: dt.datetime) -> bool:
    """Take one step, once. False when it was taken before (by this run or any other), or the
    clock no longer runs out on ``due``."""
    people = recipients(case, level)
    try:
        with transaction.atomic():
            if not _still_breached(case, which, due):
                return False
            escalation, created = Escalation.objects.get_or_create(
                case=case,
                clock=which,
                due=due,
                level=level,
                defaults={"recipient": people[0] if people else None, "created_at": now},
            )
            if not created:
                return False
            message = MESSAGES[(Clock(which), level)].format(title=case.title)
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
