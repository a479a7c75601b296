"""How the teams a team serves rate it, for pages of other apps (a team's page, the teams list)
and for a team-rating survey's waves: each tag reads through ``feedback.team_ratings``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from centric.core.permissions import sees_whole_organisation
from centric.feedback import team_ratings as selectors
from centric.feedback.models import Survey
from centric.people.models import Team, User

register = template.Library()


@register.inclusion_tag("feedback/_team_ratings.html")
def team_ratings(team: Team, user: User) -> dict[str, Any]:
    """The team page's section: how the teams it serves rate it, as the reader may see it."""
    return {
        "found": selectors.team_ratings(actor=user, team=team),
        "team": team,
        "can_start": sees_whole_organisation(user),
        "shown_apart_from": selectors.SHOWN_APART_FROM,
    }


@register.inclusion_tag("feedback/_behaviour_waves.html")
def behaviour_waves(survey: Survey, user: User) -> dict[str, Any]:
    """A team-rating survey's six behaviours wave by wave, for its waves table."""
    return {"ratings": selectors.survey_ratings(actor=user, survey=survey), "survey": survey}


@register.simple_tag
def team_rating_rows(
    teams: Iterable[Team], user: User
) -> list[tuple[Team, selectors.TeamHeadline | None]]:
    """Each of ``teams`` with its latest rating, if any the reader may see, for the teams list:
    read at once for all of them (``team_headlines``)."""
    teams = list(teams)
    headlines = selectors.team_headlines(actor=user, teams=teams)
    return [(team, headlines.get(team.pk)) for team in teams]
