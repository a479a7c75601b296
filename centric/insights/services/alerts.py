"""Spikes and sentiment shifts told as they happen: a periodic task looks at this week and last
of every organisation with feedback in them, as the overview's Spikes and Sentiment shifts do
(each theme against its own previous eight weeks, false alarms held to 1%), and mails its CX
leads (its admins if it has none) of each alarm once. An alarm is a ``SpikeAlert`` row that can
exist once, written in the same transaction as its mails, so a retried, duplicated or restarted
run never tells anyone twice; a mail that cannot be sent leaves no row, to try again, and is
logged, without keeping the other alarms from being told."""

from __future__ import annotations

import datetime as dt
import logging
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format

from centric.core import clock
from centric.core.mail import one_line
from centric.core.models import Organisation
from centric.core.roles import Role
from centric.feedback.models import Response
from centric.insights import selectors
from centric.insights.models import SpikeAlert
from centric.insights.report.numbers import number
from centric.insights.selectors import Shift, Spike
from centric.insights.signals import spike_alerted_send
from centric.people.models import User

logger = logging.getLogger(__name__)

# This week and last: an older alarm is history, on the overview, and is not mailed.
ALERT_WEEKS = 2

# How an alarm's week is written, in its mail and notification alike: "30 November 2026".
WEEK_FORMAT = "j F Y"


def spikes_alert(*, now: dt.datetime | None = None) -> int:
    """Tell every organisation's CX leads of each spike and shift of this week or last that
    they have not been told of. Returns the number of alarms told."""
    now = now or clock.now()
    told = 0
    recent = Response.objects.filter(
        responded_at__gte=now - dt.timedelta(weeks=ALERT_WEEKS), analysis__isnull=False
    )
    organisation_ids = recent.order_by().values_list("organisation_id", flat=True).distinct()
    for organisation in Organisation.objects.filter(pk__in=organisation_ids):
        # weeks are the organisation's own calendar weeks
        with timezone.override(ZoneInfo(organisation.time_zone)):
            today = timezone.localdate(now)
            since = today - dt.timedelta(days=today.weekday() + 7 * (ALERT_WEEKS - 1))
            spike_weeks, shifts = selectors.organisation_alarms(
                organisation_id=organisation.pk, since=since, now=now
            )
            alarms: list[Spike | Shift] = [
                *(spike for found in spike_weeks for spike in found.spikes),
                *shifts,
            ]
            for alarm in alarms:
                try:
                    told += _alert(organisation, alarm)
                except Exception:
                    # told again by the next run (no row was written); the others go now
                    logger.exception(
                        "The %s alarm of organisation %s could not be told",
                        alarm.theme,
                        organisation.pk,
                    )
    return told


def recipients(organisation_id: int) -> list[User]:
    """The CX leads, or the admins where there are none, as for escalations. Each is told in
    the app; those of them who asked not to be mailed of spikes are not mailed."""
    people = User.objects.filter(organisation_id=organisation_id, is_active=True)
    role = Role.CX_LEAD if people.filter(role=Role.CX_LEAD).exists() else Role.ADMIN
    return list(people.filter(role=role))


def plainly(alarm: Spike | Shift) -> str:
    """An alarm as a CX lead reads it: what happened, against what is usual, and that it is
    unlikely to be chance (the statistics stay on the overview)."""
    week = date_format(alarm.week, WEEK_FORMAT)
    chance = "unlikely to be chance, even allowing for every theme being checked each week"
    if isinstance(alarm, Spike):
        usual = round(alarm.expected)
        expected = "hardly any" if usual == 0 else "about one" if usual == 1 else f"about {usual}"
        comments = "comment" if alarm.count == 1 else "comments"
        return (
            f"{alarm.count} {comments} mentioned {alarm.theme} in the week of {week}, where "
            f"{expected} would be usual: far more than usual, and {chance}."
        )
    turned = "more negative" if alarm.direction == "down" else "more positive"
    return (
        f"What customers said about {alarm.theme} turned {turned} in the week of {week}: "
        f"{number(alarm.mean, 2)} on average, against {number(alarm.baseline, 2)} in its "
        f"previous weeks, on a scale from −1 (negative) to +1 (positive). A change this large "
        f"is {chance}."
    )


def _alert(organisation: Organisation, alarm: Spike | Shift) -> bool:
    """Tell of one alarm, once. False when it was told before (by this run or another)."""
    kind = SpikeAlert.Kind.VOLUME if isinstance(alarm, Spike) else SpikeAlert.Kind.SENTIMENT
    week, theme = alarm.week, alarm.theme
    people = recipients(organisation.pk)
    mailed = [person for person in people if person.spike_alerts and person.email]
    query = {"theme": theme, "week": week.isoformat()}
    if kind == SpikeAlert.Kind.SENTIMENT:
        query["sentiment"] = "negative"
    comments = f"{reverse('insights:comments')}?{urlencode(query)}"
    said = plainly(alarm)
    context = {
        # the subject is one line, whatever the names stored
        "organisation": one_line(organisation.name),
        "theme": one_line(theme),
        "week": date_format(week, WEEK_FORMAT),
        "kind": kind.label,
        "said": said,
        "comments_url": f"{settings.SITE_URL}{comments}",
        "overview_url": f"{settings.SITE_URL}{reverse('insights:overview')}",
        "profile_url": f"{settings.SITE_URL}{reverse('people:profile')}",
    }
    subject = one_line(render_to_string("insights/email/spike_subject.txt", context))
    body = render_to_string("insights/email/spike.txt", context)
    try:
        with transaction.atomic():
            _, created = SpikeAlert.objects.get_or_create(
                organisation=organisation,
                week=week,
                theme=theme,
                kind=kind,
                defaults={"sentence": alarm.sentence[:500], "recipients": len(mailed)},
            )
            if not created:
                return False
            get_connection().send_messages(
                [EmailMessage(subject=subject, body=body, to=[person.email]) for person in mailed]
            )
            message = f"{kind.label} for {one_line(theme)}: {said}"
            spike_alerted_send(
                user_ids=[person.pk for person in people], message=message[:300], link=comments
            )
    except IntegrityError:  # another run told of it at the same moment
        return False
    return True
