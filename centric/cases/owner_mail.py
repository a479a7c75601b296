"""What the mail to the people who work cases says: what happened, and what is asked of them by
when — the customer, the priority, the deadlines in the reader's time zone, a short quote of what
the customer said — with a link to the case. Plain text: nothing in it is read as HTML, so the
customer's words go in as they are."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.urls import reverse
from django.utils import dateformat

from centric.cases.models import Case
from centric.core.mail import one_line
from centric.people.models import User

QUOTE_LENGTH = 280
# a digest lists this many cases; the rest are in the inbox it links to
DIGEST_LISTS = 50


@dataclass(frozen=True)
class Mail:
    subject: str
    body: str


def quote(text: str, length: int = QUOTE_LENGTH) -> str:
    """The customer's words on one line, cut at a word near ``length`` characters ("" for
    none)."""
    text = one_line(text)
    if len(text) <= length:
        return text
    cut = text[:length].rsplit(" ", 1)[0] or text[:length]
    return f"{cut.rstrip(' ,.;:')}…"


def zone_of(user: User) -> ZoneInfo:
    try:
        return ZoneInfo(user.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def moment(when: dt.datetime, zone: ZoneInfo) -> str:
    """A moment on the reader's clock, whole, as a mail read tomorrow still means it: "Mon 23
    Nov 2026, 11:00"."""
    return dateformat.format(when.astimezone(zone), "D j M Y, H:i")


def case_mail(*, message: str, case: Case, recipient: User, now: dt.datetime) -> Mail:
    """One notification about ``case`` for ``recipient``: ``message`` (what happened) as the
    subject and first line, then the case in short and what to do."""
    zone = zone_of(recipient)
    lines = [one_line(message), ""]
    lines += _facts(case, zone, now)
    said = quote(case.comment)
    if said:
        lines += ["", f"What they said: “{said}”"]
    lines += ["", f"What to do: {todo(case, recipient, zone, now)}", ""]
    lines += [f"Open the case: {settings.SITE_URL}{case.get_absolute_url()}", ""]
    return Mail(subject=one_line(message)[:150], body="\n".join(lines))


def new_cases_mail(*, cases: Sequence[Case], recipient: User, now: dt.datetime) -> Mail:
    """Several cases opened for one person at once, in one mail that lists them (most urgent
    deadline first) rather than one mail each."""
    zone = zone_of(recipient)
    listed = sorted(cases, key=lambda case: (case.first_contact_due, case.pk))
    count = len(listed)
    lines = [
        f"{count} new cases for you. For each, reach the customer by its first-contact deadline "
        "and record the attempt on the case; then put it right by its resolution deadline.",
        "",
    ]
    for number, case in enumerate(listed[:DIGEST_LISTS], start=1):
        lines.append(f"{number}. {one_line(case.title)}")
        lines.append(
            f"   {case.get_priority_display()} priority. First contact "
            f"{_deadline(case.first_contact_due, case.first_contacted_at, zone, now)}; resolution "
            f"{_deadline(case.resolution_due, case.resolved_at, zone, now)}."
        )
        said = quote(case.comment, 160)
        if said:
            lines.append(f"   What they said: “{said}”")
        lines.append(f"   {settings.SITE_URL}{case.get_absolute_url()}")
        lines.append("")
    if count > DIGEST_LISTS:
        lines += [f"And {count - DIGEST_LISTS} more.", ""]
    lines.append(f"Times are in {zone.key}.")
    lines.append(f"Your cases: {settings.SITE_URL}{reverse('cases:inbox')}?inbox=mine")
    lines.append("")
    return Mail(subject=f"{count} new cases for you", body="\n".join(lines))


def _facts(case: Case, zone: ZoneInfo, now: dt.datetime) -> list[str]:
    customer = one_line(str(case.customer)) if case.customer is not None else "unknown"
    if case.contact is not None and one_line(str(case.contact)):
        customer = f"{customer} — {one_line(str(case.contact))}"
    owner = one_line(str(case.owner)) if case.owner is not None else "nobody yet"
    return [
        f"Customer: {customer}",
        f"Priority: {case.get_priority_display()}",
        f"Owner: {owner}",
        "First contact: "
        + _deadline(case.first_contact_due, case.first_contacted_at, zone, now, made="made"),
        "Resolution: " + _deadline(case.resolution_due, case.resolved_at, zone, now),
        f"(Times in {zone.key}.)",
    ]


def _deadline(
    due: dt.datetime,
    done: dt.datetime | None,
    zone: ZoneInfo,
    now: dt.datetime,
    *,
    made: str = "done",
) -> str:
    if done is not None:
        return f"{made} {moment(done, zone)}"
    if due <= now:
        return f"was due {moment(due, zone)}, and that has passed"
    return f"due {moment(due, zone)}"


def todo(case: Case, recipient: User, zone: ZoneInfo, now: dt.datetime) -> str:
    """What is asked of ``recipient`` now, in a sentence or two: of the owner, the next step and
    its deadline; of anyone else (a team lead, the CX leads), to see that the owner takes it."""
    if case.state in (Case.State.RESOLVED, Case.State.CLOSED):
        return f"Nothing for now: the case is {case.get_state_display().lower()}."
    if case.owner_id is None:
        return "Nobody owns this case yet: hand it to someone who can reach the customer."
    if case.owner_id != recipient.pk:
        return (
            f"It is {one_line(str(case.owner))}’s case. See that it moves: help them, or hand "
            "it to someone who can."
        )
    if case.first_contacted_at is None:
        due = moment(case.first_contact_due, zone)
        if case.first_contact_due <= now:
            return (
                f"Reach the customer now: the first-contact deadline ({due}) has passed. Record "
                "the attempt on the case; if you cannot take it, hand the case to someone who can."
            )
        return (
            f"Reach the customer by {due}: call or write, and record the attempt on the case. "
            "Then find out what went wrong and put it right."
        )
    due = moment(case.resolution_due, zone)
    if case.resolution_due <= now:
        return (
            f"Put it right now: the resolution deadline ({due}) has passed. Record the root "
            "cause and what was done, resolve the case and close the loop with the customer; if "
            "you cannot, hand the case to someone who can."
        )
    return (
        f"Put it right by {due}: record the root cause and what was done, resolve the case, then "
        "close the loop with the customer."
    )
