"""The JSON API for customers, accounts, contacts, segments and imports: the same permissions and
validation as the pages (each endpoint calls the same selector or service)."""

# No `from __future__ import annotations` here: django-ninja reads the query parameters' types
# at import time.

from datetime import datetime, time
from decimal import Decimal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, File, Form, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status

from centric.core.api import (
    READ_ERRORS,
    WRITE_ERRORS,
    Body,
    Id,
    Omittable,
    Page,
    api_names,
    refuse_query,
    validate_with_form,
)
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
from centric.people.models import LANGUAGES, User

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


class AccountIn(Body):
    name: str
    external_id: str = ""
    segment: Id | None = Field(None, alias="segment_id")
    lifecycle_stage: LifecycleStage = LifecycleStage.ACTIVE
    tier: Tier = Tier.CORE
    annual_value: Decimal | None = None
    owner: Id | None = Field(None, alias="owner_id")
    team: Id | None = Field(None, alias="team_id")
    country: str = ""
    website: str = ""
    notes: str = ""


class AccountPatch(Body):
    """Only the fields sent change; ``null`` clears those that may be empty."""

    name: str = Omittable()
    external_id: str = Omittable()
    segment: Id | None = Field(None, alias="segment_id")
    lifecycle_stage: LifecycleStage = Omittable()
    tier: Tier = Omittable()
    annual_value: Decimal | None = None
    owner: Id | None = Field(None, alias="owner_id")
    team: Id | None = Field(None, alias="team_id")
    country: str = Omittable()
    website: str = Omittable()
    notes: str = Omittable()


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


class ContactIn(Body):
    account: Id = Field(alias="account_id")
    first_name: str
    last_name: str = ""
    email: str
    phone: str = ""
    job_title: str = ""
    influence: Influence = Influence.USER
    preferred_channel: Channel = Channel.EMAIL
    language: str = "en"
    time_zone: str = Field("", description="An IANA time zone; the organisation's if left out.")
    working_hours_start: time = time(9)
    working_hours_end: time = time(17)


class ContactPatch(Body):
    account: Id = Omittable(alias="account_id")
    first_name: str = Omittable()
    last_name: str = Omittable()
    email: str = Omittable()
    phone: str = Omittable()
    job_title: str = Omittable()
    influence: Influence = Omittable()
    preferred_channel: Channel = Omittable()
    language: str = Omittable()
    time_zone: str = Omittable()
    working_hours_start: time = Omittable()
    working_hours_end: time = Omittable()


class SegmentOut(Schema):
    id: int
    name: str
    description: str


class SegmentIn(Body):
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


class ImportApplyIn(Body):
    mode: ImportMode


@router.get(
    "/customers",
    response={200: list[CustomerOut], **READ_ERRORS},
    summary="External and internal customers, in one list",
)
@paginate(Page)
def list_customers(request: HttpRequest, q: str = "", kind: Customer.Kind | None = None) -> object:
    return selectors.customer_list(actor=_actor(request), search=q, kind=kind or "")


@router.get("/customers/{customer_id}", response={200: CustomerOut, **READ_ERRORS})
def get_customer(request: HttpRequest, customer_id: Id) -> Customer:
    return selectors.customer_access(actor=_actor(request), customer_id=customer_id)


@router.get(
    "/accounts",
    response={200: list[AccountOut], **READ_ERRORS},
    description="`q` finds a name (in part) or a CRM id; `external_id` is exactly one CRM id.",
)
@paginate(Page)
def list_accounts(
    request: HttpRequest,
    q: str = "",
    external_id: str = "",
    segment_id: Id | None = None,
    lifecycle_stage: LifecycleStage | None = None,
    tier: Tier | None = None,
    team_id: Id | None = None,
    owner_id: Id | None = None,
) -> object:
    return selectors.account_list(
        actor=_actor(request),
        search=q,
        external_id=external_id,
        segment_id=segment_id,
        lifecycle_stage=lifecycle_stage or "",
        tier=tier or "",
        team_id=team_id,
        owner_id=owner_id,
    ).select_related("customer")


@router.get("/accounts/{account_id}", response={200: AccountOut, **READ_ERRORS})
def get_account(request: HttpRequest, account_id: Id) -> Account:
    return selectors.account_access(actor=_actor(request), account_id=account_id)


@router.post("/accounts", response={201: AccountOut, **WRITE_ERRORS})
def create_account(request: HttpRequest, payload: AccountIn) -> Status[Account]:
    actor = _actor(request)
    require_write(actor)
    values = validate_with_form(
        AccountForm,
        payload.dict(),
        names=api_names(AccountIn),
        organisation_id=actor.organisation_id,
    )
    return Status(201, services.account_create(actor=actor, values=values))


@router.patch("/accounts/{account_id}", response={200: AccountOut, **WRITE_ERRORS})
def update_account(request: HttpRequest, account_id: Id, payload: AccountPatch) -> Account:
    actor = _actor(request)
    account = selectors.account_access(actor=actor, account_id=account_id)
    require_write(actor)
    values = validate_with_form(
        AccountForm,
        payload.dict(exclude_unset=True),
        instance=account,
        names=api_names(AccountPatch),
        organisation_id=actor.organisation_id,
    )
    return services.account_update(actor=actor, account=account, values=values)


@router.delete("/accounts/{account_id}", response={204: None, **WRITE_ERRORS})
def delete_account(request: HttpRequest, account_id: Id) -> Status[None]:
    actor = _actor(request)
    account = selectors.account_access(actor=actor, account_id=account_id)
    services.account_delete(actor=actor, account=account)
    return Status(204, None)


@router.get(
    "/contacts",
    response={200: list[ContactOut], **READ_ERRORS},
    description="`q` finds a name, email address or job title (in part); `email` is exactly "
    "one address, in capitals or not.",
)
@paginate(Page)
def list_contacts(
    request: HttpRequest,
    q: str = "",
    email: str = "",
    account_id: Id | None = None,
    language: str = "",
    influence: Influence | None = None,
    preferred_channel: Channel | None = None,
) -> object:
    if language and language not in dict(LANGUAGES):
        refuse_query("language", f"Give one of {', '.join(dict(LANGUAGES))}.")
    return selectors.contact_list(
        actor=_actor(request),
        search=q,
        email=email,
        account_id=account_id,
        language=language,
        influence=influence or "",
        preferred_channel=preferred_channel or "",
    )


@router.get("/contacts/{contact_id}", response={200: ContactOut, **READ_ERRORS})
def get_contact(request: HttpRequest, contact_id: Id) -> Contact:
    return selectors.contact_access(actor=_actor(request), contact_id=contact_id)


@router.post("/contacts", response={201: ContactOut, **WRITE_ERRORS})
def create_contact(request: HttpRequest, payload: ContactIn) -> Status[Contact]:
    actor = _actor(request)
    require_write(actor)
    values = validate_with_form(
        ContactForm,
        payload.dict(),
        names=api_names(ContactIn),
        organisation_id=actor.organisation_id,
        accounts=selectors.accounts_visible_to(actor),
    )
    return Status(201, services.contact_create(actor=actor, values=values))


@router.patch("/contacts/{contact_id}", response={200: ContactOut, **WRITE_ERRORS})
def update_contact(request: HttpRequest, contact_id: Id, payload: ContactPatch) -> Contact:
    actor = _actor(request)
    contact = selectors.contact_access(actor=actor, contact_id=contact_id)
    require_write(actor)
    values = validate_with_form(
        ContactForm,
        payload.dict(exclude_unset=True),
        instance=contact,
        names=api_names(ContactPatch),
        organisation_id=actor.organisation_id,
        accounts=selectors.accounts_visible_to(actor),
    )
    return services.contact_update(actor=actor, contact=contact, values=values)


@router.delete("/contacts/{contact_id}", response={204: None, **WRITE_ERRORS})
def delete_contact(request: HttpRequest, contact_id: Id) -> Status[None]:
    actor = _actor(request)
    contact = selectors.contact_access(actor=actor, contact_id=contact_id)
    services.contact_delete(actor=actor, contact=contact)
    return Status(204, None)


@router.get("/segments", response={200: list[SegmentOut], **READ_ERRORS})
@paginate(Page)
def list_segments(request: HttpRequest) -> object:
    return selectors.segment_list(actor=_actor(request))


@router.post("/segments", response={201: SegmentOut, **WRITE_ERRORS})
def create_segment(request: HttpRequest, payload: SegmentIn) -> Status[Segment]:
    actor = _actor(request)
    require_org_wide(actor)
    values = validate_with_form(SegmentForm, payload.dict(), organisation_id=actor.organisation_id)
    return Status(201, services.segment_create(actor=actor, values=values))


@router.post(
    "/imports",
    response={202: ImportJobOut, **WRITE_ERRORS},
    summary="Upload a CSV of accounts or contacts; every row is checked, nothing is imported yet",
)
def start_import(
    request: HttpRequest, kind: Form[ImportJob.Kind], file: File[UploadedFile]
) -> Status[ImportJob]:
    job = services.import_job_start(
        actor=_actor(request), kind=kind, file_name=file.name or "upload.csv", content=file.read()
    )
    return Status(202, job)


@router.get("/imports/{job_id}", response={200: ImportJobOut, **READ_ERRORS})
def get_import(request: HttpRequest, job_id: Id) -> ImportJob:
    return get_object_or_404(ImportJob, pk=job_id, created_by=_actor(request))


@router.post(
    "/imports/{job_id}/apply",
    response={202: ImportJobOut, **WRITE_ERRORS},
    summary="Import a checked file: every row (refused if any is invalid) or only the valid ones",
)
def apply_import(request: HttpRequest, job_id: Id, payload: ImportApplyIn) -> Status[ImportJob]:
    actor = _actor(request)
    job = get_object_or_404(ImportJob, pk=job_id, created_by=actor)
    return Status(202, services.import_job_apply(actor=actor, job=job, mode=payload.mode))
