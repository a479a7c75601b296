"""What the home page reads beyond the organisation's structure: the cases waiting for the
signed-in person and the customer's voice lately."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import polars as pl

from centric.cases.selectors import inbox_counts
from centric.core import clock
from centric.core.permissions import can_write
from centric.feedback.models import Response
from centric.feedback.selectors import responses_visible_to, scores_of
from centric.insights.metrics import Estimate, ces, csat, nps
from centric.people.models import User


@dataclass(frozen=True)
class Waiting:
    """Open cases by the inboxes a person starts from; ``works`` whether they may work cases
    (a viewer follows their teams' cases instead of owning any)."""

    works: bool
    mine: int
    mine_overdue: int
    team: int
    overdue: int
    soon: int
    unassigned: int


def waiting_for(*, actor: User) -> Waiting:
    counts = inbox_counts(actor=actor)
    return Waiting(
        works=can_write(actor),
        mine=counts["mine"],
        mine_overdue=counts["mine_overdue"],
        team=counts["team"],
        overdue=counts["overdue"],
        soon=counts["soon"],
        unassigned=counts["unassigned"],
    )


@dataclass(frozen=True)
class VoiceOfCustomer:
    days: int
    scores: list[tuple[str, Estimate]]
    latest: list[Response]


def voice_of_customer(*, actor: User, days: int = 90) -> VoiceOfCustomer:
    """NPS, CSAT and CES over the last ``days`` with honest intervals, and the latest comments,
    from the feedback the actor may see (``responses_visible_to``: of a team's ratings, only
    those of the actor's own teams, unless they see the whole organisation)."""
    recent = responses_visible_to(actor).filter(
        responded_at__gte=clock.now() - timedelta(days=days)
    )
    scores = []
    for score_type, label, estimator in (
        ("nps", "NPS", nps),
        ("csat", "CSAT", csat),
        ("ces", "CES", ces),
    ):
        values = [score for (score,) in scores_of(recent, score_type)]
        scores.append((label, estimator(pl.Series(label, values, dtype=pl.Int64))))
    latest = list(
        recent.exclude(comment="")
        .select_related("customer__account", "customer__team", "survey__subject_team")
        .order_by("-responded_at")[:6]
    )
    return VoiceOfCustomer(days=days, scores=scores, latest=latest)
