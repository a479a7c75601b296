"""Writes for people, teams, business units and API tokens. Each checks the actor's role, changes
the data in one transaction and leaves an audit record."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from centric.core import clock
from centric.core.audit import audit_record, audited_create, audited_update
from centric.core.models import AuditEvent
from centric.core.permissions import require_admin, require_org_wide
from centric.people.models import ApiToken, BusinessUnit, Team, User
from centric.people.selectors import team_can_edit

PERSON_FIELDS = ("first_name", "last_name", "email", "job_title", "role", "language", "time_zone")


def business_unit_create(*, actor: User, values: Mapping[str, Any]) -> BusinessUnit:
    require_admin(actor)
    return audited_create(
        actor=actor, organisation_id=actor.organisation_id, model=BusinessUnit, values=values
    )


def business_unit_update(
    *, actor: User, business_unit: BusinessUnit, values: Mapping[str, Any]
) -> BusinessUnit:
    require_admin(actor)
    return audited_update(actor=actor, instance=business_unit, values=values)


def team_create(*, actor: User, values: Mapping[str, Any]) -> Team:
    require_org_wide(actor)
    return audited_create(
        actor=actor, organisation_id=actor.organisation_id, model=Team, values=values
    )


def team_update(*, actor: User, team: Team, values: Mapping[str, Any]) -> Team:
    if not team_can_edit(actor=actor, team=team):
        raise PermissionDenied("Only an admin, a CX lead or the team's lead can change a team.")
    if "serves" in values and any(served.pk == team.pk for served in values["serves"]):
        raise PermissionDenied("A team cannot be its own internal customer.")
    return audited_update(actor=actor, instance=team, values=values)


@transaction.atomic
def person_create(
    *, actor: User, values: Mapping[str, Any], teams: list[Team] | None = None
) -> User:
    """Add a person and email them an invitation to choose their password."""
    require_admin(actor)
    person_values = {name: value for name, value in values.items() if name in PERSON_FIELDS}
    person = audited_create(
        actor=actor,
        organisation_id=actor.organisation_id,
        model=User,
        # no password until they follow the invitation and choose one
        values={**person_values, "teams": teams or [], "password": make_password(None)},
    )
    transaction.on_commit(lambda: person_send_invitation(person=person, invited_by=actor))
    return person


def person_update(*, actor: User, person: User, values: Mapping[str, Any]) -> User:
    require_admin(actor)
    if person.pk == actor.pk and values.get("role", actor.role) != actor.role:
        raise PermissionDenied("You cannot change your own role; ask another admin.")
    return audited_update(actor=actor, instance=person, values=values)


def profile_update(*, person: User, values: Mapping[str, Any]) -> User:
    """A person changing their own name, job title, language, time zone, or whether spikes
    are mailed to them."""
    allowed = {"first_name", "last_name", "job_title", "language", "time_zone", "spike_alerts"}
    if set(values) - allowed:
        raise PermissionDenied("Only an admin can change your email address, role or teams.")
    return audited_update(actor=person, instance=person, values=values)


def person_deactivate(*, actor: User, person: User) -> User:
    require_admin(actor)
    if person.pk == actor.pk:
        raise PermissionDenied("You cannot deactivate yourself.")
    return audited_update(actor=actor, instance=person, values={"is_active": False})


def person_send_invitation(*, person: User, invited_by: User) -> None:
    link = settings.SITE_URL + reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(person.pk)),
            "token": default_token_generator.make_token(person),
        },
    )
    context = {"person": person, "invited_by": invited_by, "link": link}
    send_mail(
        subject=f"{invited_by} invited you to Centric",
        message=render_to_string("people/email/invitation.txt", context),
        from_email=None,
        recipient_list=[person.email],
    )


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token and return it with its secret, which is never stored and shown only now."""
    raw = ApiToken.PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip() or "API token", hint=raw[:8], digest=ApiToken.digest_of(raw)
    )
    audit_record(
        organisation=user.organisation_id,
        actor=user,
        action=AuditEvent.Action.CREATE,
        instance=token,
    )
    return token, raw


def api_token_revoke(*, user: User, token: ApiToken) -> None:
    if token.user_id != user.pk:
        raise PermissionDenied("You can only revoke your own tokens.")
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        token.save(update_fields=["revoked_at"])
        audit_record(
            organisation=user.organisation_id,
            actor=user,
            action=AuditEvent.Action.REVOKE,
            instance=token,
        )


def api_token_authenticate(raw: str) -> User | None:
    """The active person behind a token, or None if the token is unknown or revoked."""
    if not raw.startswith(ApiToken.PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=ApiToken.digest_of(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = clock.now()
    # Bookkeeping only, and at most once a minute, so reads through the API stay cheap.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
