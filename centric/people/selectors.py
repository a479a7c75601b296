"""Reads: which teams and people a person may see. Admins and CX leads see the whole organisation;
members and viewers see the teams they belong to (as member or lead), the teams those teams serve
(their internal customers), and the people in them."""

from __future__ import annotations

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
    ).order_by("business_unit__name", "name")


def team_access(*, actor: User, team_id: int) -> Team:
    """The team if the actor may see it; 404 otherwise, so its existence is not revealed."""
    try:
        return teams_visible_to(actor).select_related("business_unit", "lead").get(pk=team_id)
    except Team.DoesNotExist:
        raise Http404("No such team") from None


def team_can_edit(*, actor: User, team: Team) -> bool:
    """Admins and CX leads edit every team; a team lead edits their own team."""
    return sees_whole_organisation(actor) or team.lead_id == actor.pk


def people_visible_to(actor: User) -> QuerySet[User]:
    people = User.objects.filter(organisation_id=actor.organisation_id, is_active=True)
    if sees_whole_organisation(actor):
        return people
    visible_teams = teams_visible_to(actor)
    return people.filter(
        Q(pk=actor.pk) | Q(teams__in=visible_teams) | Q(teams_led__in=visible_teams)
    ).distinct()


def person_list(
    *, actor: User, search: str = "", team_id: int | None = None, role: str = ""
) -> QuerySet[User]:
    people = people_visible_to(actor)
    if search:
        people = people.filter(
            Q(first_name__icontains=search)
            | Q(last_name__icontains=search)
            | Q(email__icontains=search)
            | Q(job_title__icontains=search)
        )
    if team_id:
        people = people.filter(Q(teams=team_id) | Q(teams_led=team_id)).distinct()
    if role:
        people = people.filter(role=role)
    return people.prefetch_related("teams").order_by("first_name", "last_name")


def person_access(*, actor: User, person_id: int) -> User:
    try:
        return people_visible_to(actor).get(pk=person_id)
    except User.DoesNotExist:
        raise Http404("No such person") from None


def business_unit_list(*, actor: User) -> QuerySet[BusinessUnit]:
    return (
        BusinessUnit.objects.filter(organisation_id=actor.organisation_id)
        .select_related("head")
        .annotate(team_count=Count("teams"))
    )


def business_unit_access(*, actor: User, business_unit_id: int) -> BusinessUnit:
    try:
        return business_unit_list(actor=actor).get(pk=business_unit_id)
    except BusinessUnit.DoesNotExist:
        raise Http404("No such business unit") from None


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)
