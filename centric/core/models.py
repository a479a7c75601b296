"""The shared kernel: the organisation every record belongs to, and the audit log."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from centric.core.roles import Role
from centric.core.validators import validate_time_zone

__all__ = ["AuditEvent", "ImportMode", "Organisation", "OrganisationScoped", "Role"]


class Organisation(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60, unique=True)
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class ImportMode(models.TextChoices):
    """What an import does with a file that has bad rows: the user's choice, in every import."""

    ALL_OR_NOTHING = "all_or_nothing", "Import only if every row is valid"
    KEEP_VALID = "keep_valid", "Import the valid rows, skip the others"


class OrganisationScoped(models.Model):
    """Every domain record belongs to exactly one organisation; selectors always filter by it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", "Created"
        UPDATE = "update", "Updated"
        DELETE = "delete", "Deleted"
        IMPORT = "import", "Imported"
        REVOKE = "revoke", "Revoked"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=16, choices=Action.choices)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=200)
    # {field: [before, after]}; values are rendered to JSON-safe strings at write time
    changes: models.JSONField[dict[str, Any]] = models.JSONField(default=dict)
    at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["organisation", "-at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_type} {self.object_repr}"
