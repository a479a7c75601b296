"""Analysed feedback is routed by the rules moments later, in the background; what other apps
tell people joins their notifications; a customer who changes the answers a case was opened on
is heard on the case's timeline."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from centric.cases.models import Case, CaseEvent, Notification
from centric.cases.tasks import route_responses
from centric.core.background import enqueue_after_commit
from centric.feedback.models import GivenAnswers, Response
from centric.people.models import User

SCORE_LABELS = dict(Response.ScoreType.choices)


def route_analysed_feedback(sender: object, *, response_ids: Sequence[int], **kwargs: Any) -> None:
    ids = list(response_ids)
    enqueue_after_commit(route_responses, ids)


def notify_told(
    sender: object, *, user_ids: Sequence[int], message: str, link: str, **kwargs: Any
) -> None:
    """What another app told people of — a spike or shift in Insights, a survey that closed by
    itself — joins their notifications (the mail, for those who take it, went with it)."""
    Notification.objects.bulk_create(
        Notification(
            organisation_id=person.organisation_id, recipient=person, message=message, link=link
        )
        for person in User.objects.filter(pk__in=user_ids)
    )


def record_changed_answers(
    sender: object,
    *,
    response_id: int,
    before: GivenAnswers,
    after: GivenAnswers,
    **kwargs: Any,
) -> None:
    """Each case opened on the response gets an event saying what the customer changed: their
    score ("NPS 3 → 9") and, when they changed it, the comment they had written, which the
    case would otherwise lose."""
    score_type = after.score_type or before.score_type
    lines = []
    if (before.score, before.score_type) != (after.score, after.score_type):
        label = SCORE_LABELS.get(score_type, "Score")
        lines.append(f"{label} {_score(before.score)} → {_score(after.score)}")
    if before.comment != after.comment:
        lines.append(f"Their earlier comment: “{before.comment}”" if before.comment else "")
        lines.append(f"Their comment now: “{after.comment}”" if after.comment else "")
    if not any(lines):
        lines.append("Answers to other questions changed; the score and the comment did not.")
    data = {
        "score": [before.score, after.score],
        "score_type": score_type,
        "comment": [before.comment, after.comment],
    }
    CaseEvent.objects.bulk_create(
        CaseEvent(
            organisation_id=case.organisation_id,
            case=case,
            kind=CaseEvent.Kind.ANSWERS,
            at=after.given_at,
            data=data,
            text="\n".join(line for line in lines if line),
        )
        for case in Case.objects.filter(response_id=response_id)
    )


def _score(value: int | None) -> str:
    return "none" if value is None else str(value)
