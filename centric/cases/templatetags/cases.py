"""Template helpers for cases: an SLA clock as people read it, and the case a response opened."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import dateformat, timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from centric.cases.case_forms import OpenCaseForm
from centric.cases.models import Case, CaseEvent, Escalation
from centric.cases.selectors import SOON, cases_visible_to
from centric.core import clock
from centric.core.permissions import can_write
from centric.feedback.models import Response
from centric.people.models import User

register = template.Library()
LABELS = {
    "channel": dict(CaseEvent.Channel.choices),
    "outcome": dict(CaseEvent.Outcome.choices),
    "state": dict(Case.State.choices),
    "clock": dict(Escalation.Clock.choices),
}


@register.filter
def label(value: str, kind: str) -> str:
    """The label people read for a stored choice value ("left_message" → "Left a message")."""
    return str(LABELS.get(kind, {}).get(value, value))


def _when(moment: dt.datetime, now: dt.datetime) -> str:
    """A moment in the reader's time zone, as short as stays clear: "today 16:30", "tomorrow
    09:00", "Mon 9 Mar 10:00"."""
    local, today = timezone.localtime(moment), timezone.localtime(now).date()
    near = {-1: "yesterday", 0: "today", 1: "tomorrow"}
    day = near.get((local.date() - today).days) or dateformat.format(local, "D j M")
    return f"{day} {local:%H:%M}"


@register.simple_tag
def sla_clock(due: dt.datetime, done: dt.datetime | None) -> SafeString:
    """ "Met", "Missed", "Due …" or "Overdue since …" with the deadline's moment: the SLA counts
    business hours, so a countdown on the wall clock would not match it, while the deadline
    itself is a moment anyone can act on. The full deadline is the tooltip."""
    zone = timezone.get_current_timezone_name()
    title = f"Due {dateformat.format(timezone.localtime(due), 'D j M Y H:i')} ({zone})"
    if done is not None:
        if done <= due:
            return format_html('<span class="sla met" title="{}">Met</span>', title)
        return format_html('<span class="sla missed" title="{}">Missed</span>', title)
    now = clock.now()
    if due < now:
        return format_html(
            '<span class="sla overdue" title="{}">Overdue since {}</span>', title, _when(due, now)
        )
    soon = " soon" if due - now <= SOON else ""
    return format_html('<span class="sla{}" title="{}">Due {}</span>', soon, title, _when(due, now))


@register.inclusion_tag("cases/_response_case.html", takes_context=True)
def response_case(context: template.Context, response: Response, user: User) -> dict[str, object]:
    """The case opened from ``response`` (a response opens one at most), if ``user`` may see it,
    for the response's page; or, where none was opened and ``user`` may write, the form that
    opens one by hand."""
    case = cases_visible_to(user).filter(response=response).select_related("owner").first()
    opened = case is not None or Case.objects.filter(response=response).exists()
    can_open = not opened and can_write(user)
    form = OpenCaseForm(organisation_id=user.organisation_id, initial={"owner": user.pk})
    return {
        "case": case,
        "response": response,
        "form": form if can_open else None,
        "csrf_token": context.get("csrf_token"),
    }
