"""Writes for the organisation itself."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from centric.core.audit import audited_update
from centric.core.models import Organisation
from centric.core.permissions import Actor, require_admin


def organisation_update(
    *, actor: Actor, organisation: Organisation, values: Mapping[str, Any]
) -> Organisation:
    require_admin(actor)
    return audited_update(actor=actor, instance=organisation, values=values)
