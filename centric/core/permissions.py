"""Role checks shared by every app. Object-level scope (which teams and accounts a person may
see) lives with each app's selectors; these helpers answer "may this role do this at all"."""

from __future__ import annotations

from typing import Any, Protocol

from django.core.exceptions import PermissionDenied

from centric.core.roles import Role

ORG_WIDE_ROLES = frozenset({Role.ADMIN, Role.CX_LEAD})
WRITE_ROLES = frozenset({Role.ADMIN, Role.CX_LEAD, Role.MEMBER})


class Actor(Protocol):
    """A signed-in person, as the permission checks see them."""

    @property
    def pk(self) -> Any: ...
    @property
    def role(self) -> str: ...
    @property
    def organisation_id(self) -> int: ...


def sees_whole_organisation(actor: Actor) -> bool:
    return actor.role in ORG_WIDE_ROLES


def can_write(actor: Actor) -> bool:
    return actor.role in WRITE_ROLES


def is_admin(actor: Actor) -> bool:
    return actor.role == Role.ADMIN


def require_admin(actor: Actor) -> None:
    if not is_admin(actor):
        raise PermissionDenied("Only an admin can do this.")


def require_org_wide(actor: Actor) -> None:
    if not sees_whole_organisation(actor):
        raise PermissionDenied("Only an admin or a CX lead can do this.")


def require_write(actor: Actor) -> None:
    if not can_write(actor):
        raise PermissionDenied("Viewers can look but not change anything.")
