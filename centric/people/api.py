"""The JSON API for people, teams and business units: the same permissions and validation as the
pages (each endpoint calls the same selector or service)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from centric.core.api import validate_with_form
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


class OrganisationPatch(Schema):
    name: str | None = None
    time_zone: str | None = None
    currency: str | None = None
    mail_sender_name: str | None = None
    mail_reply_to: str | None = None


class ProfilePatch(Schema):
    first_name: str | None = None
    last_name: str | None = None
    job_title: str | None = None
    language: str | None = None
    time_zone: str | None = None
    spike_alerts: bool | None = None


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
    team_ids: list[int]

    @staticmethod
    def resolve_team_ids(person: User) -> list[int]:
        return [team.pk for team in person.teams.all()]


class PersonIn(Schema):
    email: str
    first_name: str
    last_name: str = ""
    job_title: str = ""
    role: Role = Role.MEMBER
    language: str = "en"
    time_zone: str = "UTC"
    teams: list[int] = Field(default_factory=list, alias="team_ids")


class PersonPatch(Schema):
    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    job_title: str | None = None
    role: Role | None = None
    language: str | None = None
    time_zone: str | None = None
    teams: list[int] | None = Field(None, alias="team_ids")


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


class TeamIn(Schema):
    name: str
    description: str = ""
    business_unit: int | None = Field(None, alias="business_unit_id")
    lead: int | None = Field(None, alias="lead_id")
    members: list[int] = Field(default_factory=list, alias="member_ids")
    serves: list[int] = Field(default_factory=list, alias="serves_team_ids")


class TeamPatch(Schema):
    name: str | None = None
    description: str | None = None
    business_unit: int | None = Field(None, alias="business_unit_id")
    lead: int | None = Field(None, alias="lead_id")
    members: list[int] | None = Field(None, alias="member_ids")
    serves: list[int] | None = Field(None, alias="serves_team_ids")


class BusinessUnitOut(Schema):
    id: int
    name: str
    description: str
    head_id: int | None


class BusinessUnitIn(Schema):
    name: str
    description: str = ""
    head: int | None = Field(None, alias="head_id")


@router.get("/me", response=PersonOut, summary="The person the request is authenticated as")
def me(request: HttpRequest) -> User:
    return _actor(request)


@router.patch(
    "/me",
    response=PersonOut,
    summary="Change your own name, job title, language, time zone or whether spikes are mailed",
)
def update_me(request: HttpRequest, payload: ProfilePatch) -> User:
    actor = _actor(request)
    values = validate_with_form(ProfileForm, payload.dict(exclude_unset=True), instance=actor)
    return services.profile_update(person=actor, values=values)


@router.get("/organisation", response=OrganisationOut)
def get_organisation(request: HttpRequest) -> Organisation:
    return Organisation.objects.get(pk=_actor(request).organisation_id)


@router.patch(
    "/organisation",
    response=OrganisationOut,
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


@router.get("/people", response=list[PersonOut])
@paginate
def list_people(
    request: HttpRequest, q: str = "", team_id: int | None = None, role: str = ""
) -> object:
    return selectors.person_list(actor=_actor(request), search=q, team_id=team_id, role=role)


@router.get("/people/{person_id}", response=PersonOut)
def get_person(request: HttpRequest, person_id: int) -> User:
    return selectors.person_access(actor=_actor(request), person_id=person_id)


@router.post(
    "/people",
    response={201: PersonOut},
    summary="Add a person (admins); they are emailed an invitation",
)
def create_person(request: HttpRequest, payload: PersonIn) -> Status[User]:
    actor = _actor(request)
    require_admin(actor)
    values = validate_with_form(PersonForm, payload.dict(), organisation_id=actor.organisation_id)
    teams = values.pop("teams", [])
    return Status(201, services.person_create(actor=actor, values=values, teams=list(teams)))


@router.patch("/people/{person_id}", response=PersonOut)
def update_person(request: HttpRequest, person_id: int, payload: PersonPatch) -> User:
    actor = _actor(request)
    person = selectors.person_access(actor=actor, person_id=person_id)
    require_admin(actor)
    data = payload.dict(exclude_unset=True)
    values = validate_with_form(
        PersonForm, data, instance=person, organisation_id=actor.organisation_id
    )
    return services.person_update(actor=actor, person=person, values=values)


@router.get("/teams", response=list[TeamOut])
@paginate
def list_teams(request: HttpRequest, q: str = "", business_unit_id: int | None = None) -> object:
    teams = selectors.team_list(actor=_actor(request), search=q, business_unit_id=business_unit_id)
    return teams.prefetch_related("members", "serves")


@router.get("/teams/{team_id}", response=TeamOut)
def get_team(request: HttpRequest, team_id: int) -> Team:
    return selectors.team_access(actor=_actor(request), team_id=team_id)


@router.post("/teams", response={201: TeamOut})
def create_team(request: HttpRequest, payload: TeamIn) -> Status[Team]:
    actor = _actor(request)
    require_org_wide(actor)
    values = validate_with_form(TeamForm, payload.dict(), organisation_id=actor.organisation_id)
    return Status(201, services.team_create(actor=actor, values=values))


@router.patch("/teams/{team_id}", response=TeamOut)
def update_team(request: HttpRequest, team_id: int, payload: TeamPatch) -> Team:
    actor = _actor(request)
    team = selectors.team_access(actor=actor, team_id=team_id)
    if not selectors.team_can_edit(actor=actor, team=team):
        raise PermissionDenied("Only an admin, a CX lead or the team's lead can change a team.")
    data = payload.dict(exclude_unset=True)
    values = validate_with_form(
        TeamForm, data, instance=team, organisation_id=actor.organisation_id
    )
    return services.team_update(actor=actor, team=team, values=values)


@router.get("/business-units", response=list[BusinessUnitOut])
def list_business_units(request: HttpRequest) -> object:
    return selectors.business_unit_list(actor=_actor(request))


@router.post("/business-units", response={201: BusinessUnitOut})
def create_business_unit(request: HttpRequest, payload: BusinessUnitIn) -> Status[BusinessUnit]:
    actor = _actor(request)
    require_admin(actor)
    values = validate_with_form(
        BusinessUnitForm, payload.dict(), organisation_id=actor.organisation_id
    )
    return Status(201, services.business_unit_create(actor=actor, values=values))
