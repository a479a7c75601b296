"""The JSON API for customers, accounts, contacts, segments and imports: the same permissions and
validation as the pages (each endpoint calls the same selector or service)."""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, File, Form, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status

from centric.core.api import validate_with_form
from centric.core.models import ImportMode
from centric.core.permissions import require_org_wide, require_write
from centric.customers import selectors, services
from centric.customers.forms import AccountForm, ContactForm, SegmentForm
from centric.customers.models import (
    Account,
    Channel,
    Contact,
    Customer,
    ImportJob,
    Influence,
    LifecycleStage,
    Segment,
    Tier,
)
from centric.people.models import User

router = Router(tags=["customers"])


def _actor(request: HttpRequest) -> User:
    return request.auth  # type: ignore[attr-defined,no-any-return]


class CustomerOut(Schema):
    id: int
    kind: Customer.Kind
    name: str
    account_id: int | None = Field(description="Set for an external customer.")
    team_id: int | None = Field(
        description="Set for an internal customer: the team that is served."
    )


class AccountOut(Schema):
    id: int
    customer_id: int
    name: str
    external_id: str
    segment_id: int | None
    lifecycle_stage: LifecycleStage
    tier: Tier
    annual_value: Decimal | None
    owner_id: int | None
    team_id: int | None
    country: str
    website: str
    notes: str
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_customer_id(account: Account) -> int:
        return account.customer.pk


class AccountIn(Schema):
    name: str
    external_id: str = ""
    segment: int | None = Field(None, alias="segment_id")
    lifecycle_stage: LifecycleStage = LifecycleStage.ACTIVE
    tier: Tier = Tier.CORE
    annual_value: Decimal | None = None
    owner: int | None = Field(None, alias="owner_id")
    team: int | None = Field(None, alias="team_id")
    country: str = ""
    website: str = ""
    notes: str = ""


class AccountPatch(Schema):
    name: str | None = None
    external_id: str | None = None
    segment: int | None = Field(None, alias="segment_id")
    lifecycle_stage: LifecycleStage | None = None
    tier: Tier | None = None
    annual_value: Decimal | None = None
    owner: int | None = Field(None, alias="owner_id")
    team: int | None = Field(None, alias="team_id")
    country: str | None = None
    website: str | None = None
    notes: str | None = None


class ContactOut(Schema):
    id: int
    account_id: int
    first_name: str
    last_name: str
    email: str
    phone: str
    job_title: str
    influence: Influence
    preferred_channel: Channel
    language: str
    time_zone: str
    working_hours_start: time
    working_hours_end: time


class ContactIn(Schema):
    account: int = Field(alias="account_id")
    first_name: str
    last_name: str = ""
    email: str
    phone: str = ""
    job_title: str = ""
    influence: Influence = Influence.USER
    preferred_channel: Channel = Channel.EMAIL
    language: str = "en"
    time_zone: str = "UTC"
    working_hours_start: time = time(9)
    working_hours_end: time = time(17)


class ContactPatch(Schema):
    account: int | None = Field(None, alias="account_id")
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    phone: str | None = None
    job_title: str | None = None
    influence: Influence | None = None
    preferred_channel: Channel | None = None
    language: str | None = None
    time_zone: str | None = None
    working_hours_start: time | None = None
    working_hours_end: time | None = None


class SegmentOut(Schema):
    id: int
    name: str
    description: str


class SegmentIn(Schema):
    name: str
    description: str = ""


class ImportErrorOut(Schema):
    line: int = Field(
        description="The line in the file where the row starts; 0 for the whole file."
    )
    column: str
    message: str


class ImportJobOut(Schema):
    id: int
    kind: ImportJob.Kind
    file_name: str
    status: ImportJob.Status
    mode: str
    total_rows: int
    valid_rows: int
    created_count: int
    updated_count: int
    errors: list[ImportErrorOut]
    warnings: list[str]


class ImportApplyIn(Schema):
    mode: ImportMode


@router.get(
    "/customers", response=list[CustomerOut], summary="External and internal customers, in one list"
)
@paginate
def list_customers(request: HttpRequest, q: str = "", kind: str = "") -> object:
    return selectors.customer_list(actor=_actor(request), search=q, kind=kind)


@router.get("/customers/{customer_id}", response=CustomerOut)
def get_customer(request: HttpRequest, customer_id: int) -> Customer:
    return selectors.customer_access(actor=_actor(request), customer_id=customer_id)


@router.get("/accounts", response=list[AccountOut])
@paginate
def list_accounts(
    request: HttpRequest,
    q: str = "",
    segment_id: int | None = None,
    lifecycle_stage: str = "",
    tier: str = "",
    team_id: int | None = None,
    owner_id: int | None = None,
) -> object:
    return selectors.account_list(
        actor=_actor(request),
        search=q,
        segment_id=segment_id,
        lifecycle_stage=lifecycle_stage,
        tier=tier,
        team_id=team_id,
        owner_id=owner_id,
    ).select_related("customer")


@router.get("/accounts/{account_id}", response=AccountOut)
def get_account(request: HttpRequest, account_id: int) -> Account:
    return selectors.account_access(actor=_actor(request), account_id=account_id)


@router.post("/accounts", response={201: AccountOut})
def create_account(request: HttpRequest, payload: AccountIn) -> Status[Account]:
    actor = _actor(request)
    require_write(actor)
    values = validate_with_form(AccountForm, payload.dict(), organisation_id=actor.organisation_id)
    return Status(201, services.account_create(actor=actor, values=values))


@router.patch("/accounts/{account_id}", response=AccountOut)
def update_account(request: HttpRequest, account_id: int, payload: AccountPatch) -> Account:
    actor = _actor(request)
    account = selectors.account_access(actor=actor, account_id=account_id)
    require_write(actor)
    data = payload.dict(exclude_unset=True)
    values = validate_with_form(
        AccountForm, data, instance=account, organisation_id=actor.organisation_id
    )
    return services.account_update(actor=actor, account=account, values=values)


@router.delete("/accounts/{account_id}", response={204: None})
def delete_account(request: HttpRequest, account_id: int) -> Status[None]:
    actor = _actor(request)
    account = selectors.account_access(actor=actor, account_id=account_id)
    services.account_delete(actor=actor, account=account)
    return Status(204, None)


@router.get("/contacts", response=list[ContactOut])
@paginate
def list_contacts(
    request: HttpRequest,
    q: str = "",
    account_id: int | None = None,
    language: str = "",
    influence: str = "",
    preferred_channel: str = "",
) -> object:
    return selectors.contact_list(
        actor=_actor(request),
        search=q,
        account_id=account_id,
        language=language,
        influence=influence,
        preferred_channel=preferred_channel,
    )


@router.get("/contacts/{contact_id}", response=ContactOut)
def get_contact(request: HttpRequest, contact_id: int) -> Contact:
    return selectors.contact_access(actor=_actor(request), contact_id=contact_id)


@router.post("/contacts", response={201: ContactOut})
def create_contact(request: HttpRequest, payload: ContactIn) -> Status[Contact]:
    actor = _actor(request)
    require_write(actor)
    values = validate_with_form(
        ContactForm,
        payload.dict(),
        organisation_id=actor.organisation_id,
        accounts=selectors.accounts_visible_to(actor),
    )
    return Status(201, services.contact_create(actor=actor, values=values))


@router.patch("/contacts/{contact_id}", response=ContactOut)
def update_contact(request: HttpRequest, contact_id: int, payload: ContactPatch) -> Contact:
    actor = _actor(request)
    contact = selectors.contact_access(actor=actor, contact_id=contact_id)
    require_write(actor)
    values = validate_with_form(
        ContactForm,
        payload.dict(exclude_unset=True),
        instance=contact,
        organisation_id=actor.organisation_id,
        accounts=selectors.accounts_visible_to(actor),
    )
    return services.contact_update(actor=actor, contact=contact, values=values)


@router.delete("/contacts/{contact_id}", response={204: None})
def delete_contact(request: HttpRequest, contact_id: int) -> Status[None]:
    actor = _actor(request)
    contact = selectors.contact_access(actor=actor, contact_id=contact_id)
    services.contact_delete(actor=actor, contact=contact)
    return Status(204, None)


@router.get("/segments", response=list[SegmentOut])
def list_segments(request: HttpRequest) -> object:
    return selectors.segment_list(actor=_actor(request))


@router.post("/segments", response={201: SegmentOut})
def create_segment(request: HttpRequest, payload: SegmentIn) -> Status[Segment]:
    actor = _actor(request)
    require_org_wide(actor)
    values = validate_with_form(SegmentForm, payload.dict(), organisation_id=actor.organisation_id)
    return Status(201, services.segment_create(actor=actor, values=values))


@router.post(
    "/imports",
    response={202: ImportJobOut},
    summary="Upload a CSV of accounts or contacts; every row is checked, nothing is imported yet",
)
def start_import(
    request: HttpRequest, kind: Form[ImportJob.Kind], file: File[UploadedFile]
) -> Status[ImportJob]:
    job = services.import_job_start(
        actor=_actor(request), kind=kind, file_name=file.name or "upload.csv", content=file.read()
    )
    return Status(202, job)


@router.get("/imports/{job_id}", response=ImportJobOut)
def get_import(request: HttpRequest, job_id: int) -> ImportJob:
    return get_object_or_404(ImportJob, pk=job_id, created_by=_actor(request))


@router.post(
    "/imports/{job_id}/apply",
    response={202: ImportJobOut},
    summary="Import a checked file: every row (refused if any is invalid) or only the valid ones",
)
def apply_import(request: HttpRequest, job_id: int, payload: ImportApplyIn) -> Status[ImportJob]:
    actor = _actor(request)
    job = get_object_or_404(ImportJob, pk=job_id, created_by=actor)
    return Status(202, services.import_job_apply(actor=actor, job=job, mode=payload.mode))
