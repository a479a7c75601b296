"""The JSON API for people, teams and business units: the same permissions and validation as the
pages (each endpoint calls the same selector or service)."""

# No `from __future__ import annotations` here: django-ninja reads the query parameters' types
# at import time.

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from centric.core.api import (
    READ_ERRORS,
    WRITE_ERRORS,
    Body,
    ErrorOut,
    Id,
    InvalidOut,
    Omittable,
    Page,
    api_names,
    validate_with_form,
)
from centric.core.forms import OrganisationForm
from centric.core.models import Organisation, Role
from centric.core.permissions import require_admin, require_org_wide
from centric.core.services import organisation_update
from centric.people import selectors, services
from centric.people.forms import BusinessUnitForm, PersonForm, ProfileForm, TeamForm
from centric.people.models import BusinessUnit, Team, User

router = Router(tags=["people"])


def _actor(request: HttpRequest) -> User:
    return request.auth  # type: ignore[attr-defined,no-any-return]


class OrganisationOut(Schema):
    id: int
    name: str
    time_zone: str
    currency: str = Field(description="ISO 4217 code of the accounts' annual values.")
    mail_sender_name: str = Field(
        description="The sender name of mail to customers; empty: the organisation's name."
    )
    mail_reply_to: str = Field(
        description="Where customers' replies go; empty: the installation's sending address."
    )


class OrganisationPatch(Body):
    name: str = Omittable()
    time_zone: str = Omittable()
    currency: str = Omittable()
    mail_sender_name: str = Omittable()
    mail_reply_to: str = Omittable()


class ProfilePatch(Body):
    first_name: str = Omittable()
    last_name: str = Omittable()
    job_title: str = Omittable()
    language: str = Omittable()
    time_zone: str = Omittable()
    spike_alerts: bool = Omittable()


class PersonOut(Schema):
    id: int
    email: str
    first_name: str
    last_name: str
    job_title: str
    role: Role
    language: str
    time_zone: str
    spike_alerts: bool
    is_active: bool = Field(
        description="False once deactivated: they can no longer sign in, but are still shown "
        "as the owner, lead or member they were."
    )
    joined: bool = Field(
        description="False while they are only invited: they have not chosen a password or "
        "signed in yet."
    )
    invited_at: datetime | None = Field(
        description="When their invitation was last emailed; null if none has been (the mail "
        "server did not take it): `POST /api/people/{id}/invitation` sends it again."
    )
    team_ids: list[int]

    @staticmethod
    def resolve_joined(person: User) -> bool:
        return person.has_joined

    @staticmethod
    def resolve_team_ids(person: User) -> list[int]:
        return [team.pk for team in person.teams.all()]


class PersonIn(Body):
    email: str
    first_name: str
    last_name: str = ""
    job_title: str = ""
    role: Role = Role.MEMBER
    language: str = "en"
    time_zone: str = Field("", description="An IANA time zone; the organisation's if left out.")
    teams: list[Id] = Field(default_factory=list, alias="team_ids")


class PersonPatch(Body):
    email: str = Omittable()
    first_name: str = Omittable()
    last_name: str = Omittable()
    job_title: str = Omittable()
    role: Role = Omittable()
    language: str = Omittable()
    time_zone: str = Omittable()
    teams: list[Id] = Omittable(alias="team_ids")
    is_active: bool = Omittable(
        description="False deactivates them (not yourself), true lets them sign in again."
    )


class TeamOut(Schema):
    id: int
    name: str
    description: str
    business_unit_id: int | None
    lead_id: int | None
    member_ids: list[int]
    serves_team_ids: list[int] = Field(
        description="The teams this team serves: its internal customers."
    )

    @staticmethod
    def resolve_member_ids(team: Team) -> list[int]:
        return [member.pk for member in team.members.all()]

    @staticmethod
    def resolve_serves_team_ids(team: Team) -> list[int]:
        return [served.pk for served in team.serves.all()]


class TeamIn(Body):
    name: str
    description: str = ""
    business_unit: Id | None = Field(None, alias="business_unit_id")
    lead: Id | None = Field(None, alias="lead_id")
    members: list[Id] = Field(default_factory=list, alias="member_ids")
    serves: list[Id] = Field(default_factory=list, alias="serves_team_ids")


class TeamPatch(Body):
    name: str = Omittable()
    description: str = Omittable()
    business_unit: Id | None = Field(None, alias="business_unit_id")
    lead: Id | None = Field(None, alias="lead_id")
    members: list[Id] = Omittable(alias="member_ids")
    serves: list[Id] = Omittable(
        alias="serves_team_ids",
        description="Only admins and CX leads may change it: it decides who sees whose people "
        "and customers.",
    )


class BusinessUnitOut(Schema):
    id: int
    name: str
    description: str
    head_id: int | None


class BusinessUnitIn(Body):
    name: str
    description: str = ""
    head: Id | None = Field(None, alias="head_id")


@router.get(
    "/me",
    response={200: PersonOut, 401: ErrorOut, 422: InvalidOut},
    summary="The person the request is authenticated as",
)
def me(request: HttpRequest) -> User:
    return _actor(request)


@router.patch(
    "/me",
    response={200: PersonOut, 401: ErrorOut, 422: InvalidOut},
    summary="Change your own name, job title, language, time zone or whether spikes are mailed",
)
def update_me(request: HttpRequest, payload: ProfilePatch) -> User:
    actor = _actor(request)
    values = validate_with_form(ProfileForm, payload.dict(exclude_unset=True), instance=actor)
    return services.profile_update(person=actor, values=values)


@router.get("/organisation", response={200: OrganisationOut, 401: ErrorOut, 422: InvalidOut})
def get_organisation(request: HttpRequest) -> Organisation:
    return Organisation.objects.get(pk=_actor(request).organisation_id)


@router.patch(
    "/organisation",
    response={200: OrganisationOut, 401: ErrorOut, 403: ErrorOut, 422: InvalidOut},
    summary="Rename the organisation or change its time zone, currency or customer mail's "
    "sender name and reply-to address (admins)",
)
def update_organisation(request: HttpRequest, payload: OrganisationPatch) -> Organisation:
    actor = _actor(request)
    require_admin(actor)
    organisation = Organisation.objects.get(pk=actor.organisation_id)
    values = validate_with_form(
        OrganisationForm, payload.dict(exclude_unset=True), instance=organisation
    )
    return organisation_update(actor=actor, organisation=organisation, values=values)


@router.get(
    "/people",
    response={200: list[PersonOut], **READ_ERRORS},
    description="Those who can sign in; `is_active=false` lists those deactivated instead.",
)
@paginate(Page)
def list_people(
    request: HttpRequest,
    q: str = "",
    team_id: Id | None = None,
    role: Role | None = None,
    is_active: bool = True,
) -> object:
    return selectors.person_list(
        actor=_actor(request), search=q, team_id=team_id, role=role or "", is_active=is_active
    )


@router.get(
    "/people/{person_id}",
    response={200: PersonOut, **READ_ERRORS},
    description="Anyone in your scope, deactivated or not (`is_active`).",
)
def get_person(request: HttpRequest, person_id: Id) -> User:
    return selectors.person_access(actor=_actor(request), person_id=person_id)


@router.post(
    "/people",
    response={201: PersonOut, **WRITE_ERRORS},
    summary="Add a person (admins); they are emailed an invitation",
)
def create_person(request: HttpRequest, payload: PersonIn) -> Status[User]:
    actor = _actor(request)
    require_admin(actor)
    values = validate_with_form(
        PersonForm,
        payload.dict(),
        names=api_names(PersonIn),
        organisation_id=actor.organisation_id,
    )
    teams = values.pop("teams", [])
    return Status(201, services.person_create(actor=actor, values=values, teams=list(teams)))


@router.post(
    "/people/{person_id}/invitation",
    response={200: PersonOut, 503: ErrorOut, **WRITE_ERRORS},
    summary="Email someone who has not joined yet a fresh invitation (admins)",
    description="For when the last one never arrived or its link has expired; audited. A 422 "
    "if they have already joined or are deactivated, a 503 if the mail server did not take it.",
)
def resend_invitation(request: HttpRequest, person_id: Id) -> User | Status[dict[str, str]]:
    actor = _actor(request)
    person = selectors.person_access(actor=actor, person_id=person_id)
    if not services.person_invitation_resend(actor=actor, person=person):
        return Status(503, {"detail": services.INVITATION_NOT_SENT})
    return person


@router.patch(
    "/people/{person_id}",
    response={200: PersonOut, **WRITE_ERRORS},
    summary="Change a person, or deactivate or reactivate them (admins)",
)
def update_person(request: HttpRequest, person_id: Id, payload: PersonPatch) -> User:
    actor = _actor(request)
    person = selectors.person_access(actor=actor, person_id=person_id)
    require_admin(actor)
    data = payload.dict(exclude_unset=True)
    values = validate_with_form(
        PersonForm,
        data,
        instance=person,
        names=api_names(PersonPatch),
        organisation_id=actor.organisation_id,
    )
    if "is_active" in data:
        values["is_active"] = data["is_active"]
    return services.person_update(actor=actor, person=person, values=values)


@router.get("/teams", response={200: list[TeamOut], **READ_ERRORS})
@paginate(Page)
def list_teams(request: HttpRequest, q: str = "", business_unit_id: Id | None = None) -> object:
    teams = selectors.team_list(actor=_actor(request), search=q, business_unit_id=business_unit_id)
    return teams.prefetch_related("members", "serves")


@router.get("/teams/{team_id}", response={200: TeamOut, **READ_ERRORS})
def get_team(request: HttpRequest, team_id: Id) -> Team:
    return selectors.team_access(actor=_actor(request), team_id=team_id)


@router.post("/teams", response={201: TeamOut, **WRITE_ERRORS})
def create_team(request: HttpRequest, payload: TeamIn) -> Status[Team]:
    actor = _actor(request)
    require_org_wide(actor)
    values = validate_with_form(
        TeamForm, payload.dict(), names=api_names(TeamIn), organisation_id=actor.organisation_id
    )
    return Status(201, services.team_create(actor=actor, values=values))


@router.patch(
    "/teams/{team_id}",
    response={200: TeamOut, **WRITE_ERRORS},
    description="Admins and CX leads change any team; a team's lead changes their own, but not "
    "which teams it serves (`serves_team_ids` sent unchanged is fine).",
)
def update_team(request: HttpRequest, team_id: Id, payload: TeamPatch) -> Team:
    actor = _actor(request)
    team = selectors.team_access(actor=actor, team_id=team_id)
    if not selectors.team_can_edit(actor=actor, team=team):
        raise PermissionDenied("Only an admin, a CX lead or the team's lead can change a team.")
    values = validate_with_form(
        TeamForm,
        payload.dict(exclude_unset=True),
        instance=team,
        names=api_names(TeamPatch),
        organisation_id=actor.organisation_id,
    )
    return services.team_update(actor=actor, team=team, values=values)


@router.get("/business-units", response={200: list[BusinessUnitOut], **READ_ERRORS})
@paginate(Page)
def list_business_units(request: HttpRequest) -> object:
    return selectors.business_unit_list(actor=_actor(request))


@router.post("/business-units", response={201: BusinessUnitOut, **WRITE_ERRORS})
def create_business_unit(request: HttpRequest, payload: BusinessUnitIn) -> Status[BusinessUnit]:
    actor = _actor(request)
    require_admin(actor)
    values = validate_with_form(
        BusinessUnitForm,
        payload.dict(),
        names=api_names(BusinessUnitIn),
        organisation_id=actor.organisation_id,
    )
    return Status(201, services.business_unit_create(actor=actor, values=values))
