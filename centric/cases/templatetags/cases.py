"""Template helpers for cases: an SLA clock as people read it, and the case a response opened."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from centric.cases.case_forms import OpenCaseForm
from centric.cases.models import Case, CaseEvent, Escalation
from centric.cases.selectors import cases_visible_to
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


def _span(delta: dt.timedelta) -> str:
    minutes = int(abs(delta).total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min"


@register.simple_tag
def sla_clock(due: dt.datetime, done: dt.datetime | None) -> SafeString:
    """ "met", "missed by …", "due in …" or "overdue by …", with the deadline as a tooltip."""
    title = f"Due {due:%d %b %Y %H:%M} UTC"
    if done is not None:
        if done <= due:
            return format_html('<span class="sla met" title="{}">Met</span>', title)
        return format_html(
            '<span class="sla missed" title="{}">Missed by {}</span>', title, _span(done - due)
        )
    left = due - clock.now()
    if left < dt.timedelta(0):
        return format_html(
            '<span class="sla overdue" title="{}">Overdue by {}</span>', title, _span(left)
        )
    soon = " soon" if left <= dt.timedelta(hours=4) else ""
    return format_html('<span class="sla{}" title="{}">Due in {}</span>', soon, title, _span(left))


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
