"""Reads: which teams and people a person may see. Admins and CX leads see the whole organisation;
members and viewers see the teams they belong to (as member or lead), the teams those teams serve
(their internal customers), and the people in them."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from centric.core.permissions import WRITE_ROLES, sees_whole_organisation
from centric.people.models import ApiToken, BusinessUnit, Team, User


def working(people: QuerySet[User]) -> QuerySet[User]:
    """Those of ``people`` who are active and work, not only look (viewers): who may own an
    account or a case."""
    return people.filter(is_active=True, role__in=WRITE_ROLES)


def team_ids_of(user: User) -> set[int]:
    """The teams a person belongs to, as a member or as the lead."""
    return set(Team.objects.filter(Q(members=user) | Q(lead=user)).values_list("id", flat=True))


def teams_visible_to(actor: User) -> QuerySet[Team]:
    teams = Team.objects.filter(organisation_id=actor.organisation_id)
    if sees_whole_organisation(actor):
        return teams
    own = team_ids_of(actor)
    return teams.filter(Q(id__in=own) | Q(served_by__in=own)).distinct()


def team_list(
    *, actor: User, search: str = "", business_unit_id: int | None = None
) -> QuerySet[Team]:
    teams = teams_visible_to(actor).select_related("business_unit", "lead")
    if search:
        teams = teams.filter(Q(name__icontains=search) | Q(description__icontains=search))
    if business_unit_id:
        teams = teams.filter(business_unit_id=business_unit_id)
    return teams.annotate(
        member_count=Count("members", distinct=True),
        serves_count=Count("serves", distinct=True),
    ).order_by("business_unit__name", "name", "id")


def team_access(*, actor: User, team_id: int) -> Team:
    """The team if the actor may see it; 404 otherwise, so its existence is not revealed."""
    try:
        return teams_visible_to(actor).select_related("business_unit", "lead").get(pk=team_id)
    except Team.DoesNotExist:
        raise Http404("No such team") from None


def team_can_edit(*, actor: User, team: Team) -> bool:
    """Admins and CX leads edit every team; a team lead edits their own team."""
    return sees_whole_organisation(actor) or team.lead_id == actor.pk


def team_can_change_whom_it_serves(*, actor: User) -> bool:
    """Only admins and CX leads, who see the whole organisation anyway: whom a team serves
    decides what its members see (the teams it serves, their people and their customers), so
    a team's lead changing it would widen their own view."""
    return sees_whole_organisation(actor)


TEAM_SERVES_REFUSED = (
    "Only an admin or a CX lead can change which teams a team serves: it decides who sees "
    "whose people and customers."
)


def people_in_scope(actor: User) -> QuerySet[User]:
    """The people the actor may look up, those who have left included: an account's owner or
    a team's member is still shown by id after they were deactivated."""
    people = User.objects.filter(organisation_id=actor.organisation_id)
    if sees_whole_organisation(actor):
        return people
    visible_teams = teams_visible_to(actor)
    return people.filter(
        Q(pk=actor.pk) | Q(teams__in=visible_teams) | Q(teams_led__in=visible_teams)
    ).distinct()


def people_visible_to(actor: User) -> QuerySet[User]:
    """Those in scope who can still sign in."""
    return people_in_scope(actor).filter(is_active=True)


def person_list(
    *,
    actor: User,
    search: str = "",
    team_id: int | None = None,
    role: str = "",
    is_active: bool = True,
) -> QuerySet[User]:
    people = people_in_scope(actor).filter(is_active=is_active)
    if search:
        people = people.filter(
            Q(first_name__icontains=search)
            | Q(last_name__icontains=search)
            | Q(email__icontains=search)
            | Q(job_title__icontains=search)
        )
    if team_id is not None:
        people = people.filter(Q(teams=team_id) | Q(teams_led=team_id)).distinct()
    if role:
        people = people.filter(role=role)
    # the id last: two people of one name keep their order from one page to the next
    return people.prefetch_related("teams").order_by("first_name", "last_name", "id")


def invitation_expiry(sent_at: dt.datetime) -> dt.datetime:
    """Until when an invitation sent at ``sent_at`` works: its link is a password-reset link,
    valid for ``PASSWORD_RESET_TIMEOUT`` seconds."""
    return sent_at + dt.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)


def people_not_joined(email: str) -> QuerySet[User]:
    """Those with this address (in capitals or not) who were invited and can sign in but have
    not joined yet: no password of their own, never signed in (``User.has_joined``)."""
    return User.objects.filter(
        email__iexact=email,
        is_active=True,
        last_login__isnull=True,
        password__startswith=UNUSABLE_PASSWORD_PREFIX,
    )


def person_access(*, actor: User, person_id: int) -> User:
    """The person if in the actor's scope, whether or not they can still sign in; 404
    otherwise."""
    try:
        return people_in_scope(actor).get(pk=person_id)
    except User.DoesNotExist:
        raise Http404("No such person") from None


def business_unit_list(*, actor: User) -> QuerySet[BusinessUnit]:
    return (
        BusinessUnit.objects.filter(organisation_id=actor.organisation_id)
        .select_related("head")
        .annotate(team_count=Count("teams"))
        .order_by("name", "id")
    )


def business_unit_access(*, actor: User, business_unit_id: int) -> BusinessUnit:
    try:
        return business_unit_list(actor=actor).get(pk=business_unit_id)
    except BusinessUnit.DoesNotExist:
        raise Http404("No such business unit") from None


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)
