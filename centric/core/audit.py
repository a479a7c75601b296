"""Recording changes: who did what, when, and each field's value before and after.

Services write through ``audited_create`` / ``audited_update`` / ``audited_delete`` so that no
change to a domain record escapes the audit log.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.db.models.fields.related_descriptors import ManyToManyDescriptor

from centric.core import clock
from centric.core.models import AuditEvent, Organisation

M = TypeVar("M", bound=models.Model)


def _render(value: Any) -> Any:
    if hasattr(value, "all"):  # a related manager (many-to-many)
        return sorted(str(item) for item in value.all())
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


NEVER_RECORDED = frozenset({"password"})


def _value(instance: models.Model, name: str) -> Any:
    value = getattr(instance, name)
    try:
        choices = getattr(instance._meta.get_field(name), "flatchoices", None)
    except FieldDoesNotExist:
        choices = None
    if choices:  # people read "At risk", not "at_risk"
        return str(dict(choices).get(value, value))
    return _render(value)


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The audit-friendly value of each field, for comparing before and after a change.
    Secrets are never recorded."""
    return {name: _value(instance, name) for name in fields if name not in NEVER_RECORDED}


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }


def audit_record(
    *,
    organisation: Organisation | int,
    actor: Any,
    action: str,
    instance: models.Model,
    changes: Mapping[str, list[Any]] | None = None,
) -> AuditEvent:
    event = audit_event(
        organisation=organisation, actor=actor, action=action, instance=instance, changes=changes
    )
    event.save()
    return event


def audit_event(
    *,
    organisation: Organisation | int,
    actor: Any,
    action: str,
    instance: models.Model,
    changes: Mapping[str, list[Any]] | None = None,
) -> AuditEvent:
    """The audit record of a change, not yet saved: for writers that store many at once."""
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    return AuditEvent(
        organisation_id=organisation_id,
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=str(instance._meta.verbose_name),
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        changes=dict(changes or {}),
        at=clock.now(),
    )


def _assign(instance: models.Model, values: Mapping[str, Any]) -> dict[str, Any]:
    """Set plain fields on the instance and return the many-to-many values to set after saving."""
    later = {}
    for name, value in values.items():
        # forward and reverse many-to-many relations can only be set once the row exists
        if isinstance(getattr(instance.__class__, name, None), ManyToManyDescriptor):
            later[name] = value
        else:
            setattr(instance, name, value)
    return later


@transaction.atomic
def audited_create(
    *, actor: Any, organisation_id: int, model: type[M], values: Mapping[str, Any]
) -> M:
    instance = model(organisation_id=organisation_id)
    later = _assign(instance, values)
    instance.full_clean()
    instance.save()
    for name, value in later.items():
        getattr(instance, name).set(value)
    after = snapshot(instance, values.keys())
    audit_record(
        organisation=organisation_id,
        actor=actor,
        action=AuditEvent.Action.CREATE,
        instance=instance,
        changes=diff({}, after),
    )
    return instance


@transaction.atomic
def audited_update(*, actor: Any, instance: M, values: Mapping[str, Any]) -> M:
    # Read "before" from the database: a validated form has already set the new values on the
    # instance it was given.
    before = snapshot(instance._meta.default_manager.get(pk=instance.pk), values.keys())  # type: ignore[union-attr]
    later = _assign(instance, values)
    instance.full_clean()
    instance.save()
    for name, value in later.items():
        getattr(instance, name).set(value)
    changes = diff(before, snapshot(instance, values.keys()))
    if changes:
        audit_record(
            organisation=getattr(instance, "organisation_id", instance.pk),
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            instance=instance,
            changes=changes,
        )
    return instance


@transaction.atomic
def audited_delete(*, actor: Any, instance: models.Model) -> None:
    audit_record(
        organisation=instance.organisation_id,  # type: ignore[attr-defined]
        actor=actor,
        action=AuditEvent.Action.DELETE,
        instance=instance,
    )
    instance.delete()
