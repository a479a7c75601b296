"""Reads for the Themes pages: the organisation's taxonomy, the proposals of theme discovery,
re-analysis and the sentiment learnt from scores."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from centric.core.permissions import require_org_wide
from centric.feedback.selectors import responses_visible_to
from centric.insights.models import (
    Reanalysis,
    ResponseAnalysis,
    SentimentCalibration,
    ThemeDefinition,
    ThemeMention,
    ThemeProposal,
)
from centric.insights.services.calibration import scored_counts
from centric.insights.taxonomy import organisation_taxonomy
from centric.insights.text.language import READ_NAMES
from centric.insights.text.teaching import MIN_EACH, learnable
from centric.people.models import User


def theme_list(*, actor: User) -> QuerySet[ThemeDefinition]:
    """The organisation's themes; everyone in it may read the taxonomy."""
    return (
        ThemeDefinition.objects.filter(organisation_id=actor.organisation_id)
        .select_related("parent")
        .order_by("name")
    )


def theme_comment_counts(*, actor: User) -> dict[str, int]:
    """How many of the analysed comments the actor may see each theme was found in, by the
    theme's name: in one grouped query."""
    return dict(
        ThemeMention.objects.filter(response__in=responses_visible_to(actor))
        .values("theme")
        .annotate(comments=Count("pk"))  # one mention per comment and theme
        .values_list("theme", "comments")
        .order_by()
    )


def theme_access(*, actor: User, theme_id: int) -> ThemeDefinition:
    return get_object_or_404(theme_list(actor=actor), pk=theme_id)


def proposal_list(*, actor: User) -> QuerySet[ThemeProposal]:
    """Open proposals. Their examples are comments from the whole organisation, so only the
    people who see the whole organisation see them."""
    require_org_wide(actor)
    return ThemeProposal.objects.filter(
        organisation_id=actor.organisation_id, status=ThemeProposal.Status.OPEN
    )


def proposal_access(*, actor: User, proposal_id: int) -> ThemeProposal:
    require_org_wide(actor)
    return get_object_or_404(
        ThemeProposal.objects.filter(organisation_id=actor.organisation_id), pk=proposal_id
    )


def reanalysis_latest(*, actor: User) -> Reanalysis | None:
    return (
        Reanalysis.objects.filter(organisation_id=actor.organisation_id)
        .select_related("started_by")
        .first()
    )


@dataclass(frozen=True)
class ScoredLanguage:
    """How many comments in one language could teach praise and complaint."""

    language: str
    name: str
    positive: int
    negative: int
    enough: bool


@dataclass(frozen=True)
class SentimentLearning:
    """What the sentiment page shows: the learnt sentiment in use, the latest attempt (which may
    be learning or have failed) and how many scored comments could teach it now: in all, in
    the languages with enough of them, and in each language."""

    in_use: SentimentCalibration | None
    latest: SentimentCalibration | None
    languages: list[ScoredLanguage]

    minimum = MIN_EACH

    @property
    def positive(self) -> int:
        """Of the languages with enough to learn from (of every one, while none has)."""
        return sum(part.positive for part in self._counted())

    @property
    def negative(self) -> int:
        return sum(part.negative for part in self._counted())

    def _counted(self) -> list[ScoredLanguage]:
        return [part for part in self.languages if part.enough] or self.languages

    @property
    def can_learn(self) -> bool:
        return any(part.enough for part in self.languages)


def sentiment_learning(*, actor: User) -> SentimentLearning:
    """For admins and CX leads: the counts are of the whole organisation's comments."""
    require_org_wide(actor)
    rows = SentimentCalibration.objects.filter(organisation_id=actor.organisation_id).defer("model")
    counts = scored_counts(organisation_id=actor.organisation_id)
    enough = learnable(counts)
    return SentimentLearning(
        in_use=rows.filter(status=SentimentCalibration.Status.READY).first(),
        latest=rows.select_related("started_by").first(),
        languages=[
            ScoredLanguage(
                language,
                READ_NAMES[language],
                positive,
                negative,
                language in enough,
            )
            for language, (positive, negative) in counts.items()
        ],
    )


def stale_readings(*, actor: User) -> int:
    """Readings made with another engine or taxonomy than the organisation's current one."""
    version = organisation_taxonomy(organisation_id=actor.organisation_id).version
    return (
        ResponseAnalysis.objects.filter(organisation_id=actor.organisation_id)
        .exclude(engine_version=version)
        .count()
    )
