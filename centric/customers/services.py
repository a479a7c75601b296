"""Writes for accounts, contacts, segments and customers. Each checks the actor's role and scope,
changes the data in one transaction and leaves an audit record."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction

from centric.core import clock
from centric.core.audit import audit_record, audited_create, audited_delete, audited_update
from centric.core.models import AuditEvent
from centric.core.permissions import require_org_wide, require_write
from centric.customers import imports
from centric.customers.models import Account, Contact, Customer, ImportJob, Segment
from centric.customers.selectors import ACCOUNT_PLACEMENT_REFUSED, account_placement_allowed
from centric.people.models import Team, User


def customer_ensure_for_team(*, team: Team) -> Customer:
    customer, _ = Customer.objects.get_or_create(
        team=team,
        defaults={"organisation_id": team.organisation_id, "kind": Customer.Kind.INTERNAL},
    )
    return customer


def _check_placement(actor: User, values: Mapping[str, Any]) -> None:
    if not account_placement_allowed(
        actor=actor, owner=values.get("owner"), team=values.get("team")
    ):
        raise PermissionDenied(ACCOUNT_PLACEMENT_REFUSED)


@transaction.atomic
def account_create(*, actor: User, values: Mapping[str, Any]) -> Account:
    require_write(actor)
    _check_placement(actor, values)
    account = audited_create(
        actor=actor, organisation_id=actor.organisation_id, model=Account, values=values
    )
    Customer.objects.create(
        organisation_id=account.organisation_id, kind=Customer.Kind.EXTERNAL, account=account
    )
    return account


def account_update(*, actor: User, account: Account, values: Mapping[str, Any]) -> Account:
    require_write(actor)
    _check_placement(actor, {"owner": account.owner, "team": account.team, **values})
    return audited_update(actor=actor, instance=account, values=values)


def account_delete(*, actor: User, account: Account) -> None:
    require_org_wide(actor)
    audited_delete(actor=actor, instance=account)


def contact_create(*, actor: User, values: Mapping[str, Any]) -> Contact:
    require_write(actor)
    return audited_create(
        actor=actor, organisation_id=actor.organisation_id, model=Contact, values=values
    )


def contact_update(*, actor: User, contact: Contact, values: Mapping[str, Any]) -> Contact:
    require_write(actor)
    return audited_update(actor=actor, instance=contact, values=values)


def contact_delete(*, actor: User, contact: Contact) -> None:
    require_write(actor)
    audited_delete(actor=actor, instance=contact)


def segment_create(*, actor: User, values: Mapping[str, Any]) -> Segment:
    require_org_wide(actor)
    return audited_create(
        actor=actor, organisation_id=actor.organisation_id, model=Segment, values=values
    )


def segment_update(*, actor: User, segment: Segment, values: Mapping[str, Any]) -> Segment:
    require_org_wide(actor)
    return audited_update(actor=actor, instance=segment, values=values)


def import_job_start(*, actor: User, kind: str, file_name: str, content: bytes) -> ImportJob:
    """Store the file and check every row in the background; nothing is imported yet."""
    require_write(actor)
    job = ImportJob.objects.create(
        organisation_id=actor.organisation_id,
        created_by=actor,
        kind=kind,
        file_name=file_name[:255],
        content=content,
    )
    from centric.customers.tasks import import_check

    transaction.on_commit(lambda: import_check.delay(job.pk))
    return job


def import_job_check(*, job: ImportJob) -> ImportJob:
    checked = imports.check(actor=job.created_by, kind=job.kind, data=bytes(job.content))
    job.total_rows = checked.total_rows
    job.valid_rows = len(checked.valid)
    job.errors = [error.as_dict() for error in checked.errors]
    job.warnings = checked.warnings
    job.status = ImportJob.Status.CHECKED
    job.save(
        update_fields=["total_rows", "valid_rows", "errors", "warnings", "status", "updated_at"]
    )
    return job


def import_job_apply(*, actor: User, job: ImportJob, mode: str) -> ImportJob:
    """Queue the import of a checked file: every row, or only the valid ones, as the user chose."""
    require_write(actor)
    if job.created_by_id != actor.pk:
        raise PermissionDenied("Only the person who uploaded the file can import it.")
    # by field, so that the API names what is wrong as it does for any field
    if job.status != ImportJob.Status.CHECKED:
        raise ValidationError(
            {NON_FIELD_ERRORS: "This file has already been imported or cancelled."}
        )
    if mode not in ImportJob.Mode.values:
        raise ValidationError({"mode": f"Unknown import mode “{mode}”."})
    if mode == ImportJob.Mode.ALL_OR_NOTHING and job.errors:
        raise ValidationError(
            {"mode": "Some rows are invalid, so importing every row is not possible."}
        )
    job.mode = mode
    job.status = ImportJob.Status.IMPORTING
    job.save(update_fields=["mode", "status", "updated_at"])
    from centric.customers.tasks import import_apply

    transaction.on_commit(lambda: import_apply.delay(job.pk))
    return job


def import_job_cancel(*, actor: User, job: ImportJob) -> ImportJob:
    if job.created_by_id != actor.pk:
        raise PermissionDenied("Only the person who uploaded the file can cancel it.")
    if job.status == ImportJob.Status.CHECKED:
        job.status = ImportJob.Status.CANCELLED
        job.save(update_fields=["status", "updated_at"])
    return job


def import_job_run(*, job: ImportJob) -> ImportJob:
    """Apply a queued import. The file is checked again (records may have changed since); with
    "all or nothing" any invalid row stops the import before anything is written."""
    actor = job.created_by
    checked = imports.check(actor=actor, kind=job.kind, data=bytes(job.content))
    job.errors = [error.as_dict() for error in checked.errors]
    job.total_rows, job.valid_rows = checked.total_rows, len(checked.valid)
    if job.mode == ImportJob.Mode.ALL_OR_NOTHING and checked.errors:
        job.status = ImportJob.Status.FAILED
    else:
        with transaction.atomic():
            for row in checked.valid:
                _import_row(actor, job.kind, row)
            job.created_count = sum(1 for row in checked.valid if row.instance is None)
            job.updated_count = len(checked.valid) - job.created_count
            job.status = ImportJob.Status.DONE
            audit_record(
                organisation=job.organisation_id,
                actor=actor,
                action=AuditEvent.Action.IMPORT,
                instance=job,
                changes={"rows": [None, job.created_count + job.updated_count]},
            )
    job.finished_at = clock.now()
    job.save()
    return job


def _import_row(actor: User, kind: str, row: imports.ValidRow) -> None:
    if kind == ImportJob.Kind.ACCOUNTS:
        if row.instance is None:
            account_create(actor=actor, values=row.values)
        else:
            account_update(actor=actor, account=row.instance, values=row.values)  # type: ignore[arg-type]
    elif row.instance is None:
        contact_create(actor=actor, values=row.values)
    else:
        contact_update(actor=actor, contact=row.instance, values=row.values)  # type: ignore[arg-type]
