"""Writes for people, teams, business units and API tokens. Each checks the actor's role, changes
the data in one transaction and leaves an audit record."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from centric.core import clock
from centric.core.audit import audit_record, audited_create, audited_update
from centric.core.mail import one_line
from centric.core.models import AuditEvent
from centric.core.permissions import require_admin, require_org_wide
from centric.people.models import ApiToken, BusinessUnit, Team, User
from centric.people.selectors import (
    TEAM_SERVES_REFUSED,
    invitation_expiry,
    team_can_change_whom_it_serves,
    team_can_edit,
)

logger = logging.getLogger(__name__)

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
    if "serves" in values:
        serves = {served.pk for served in values["serves"]}
        if team.pk in serves:
            raise PermissionDenied("A team cannot be its own internal customer.")
        if not team_can_change_whom_it_serves(actor=actor) and serves != set(
            team.serves.values_list("pk", flat=True)
        ):
            raise PermissionDenied(TEAM_SERVES_REFUSED)
    return audited_update(actor=actor, instance=team, values=values)


def person_create(
    *, actor: User, values: Mapping[str, Any], teams: list[Team] | None = None
) -> User:
    """Add a person and email them an invitation to choose their password. They are added
    whether or not the mail goes: if it does not, ``invited_at`` stays empty and an admin can
    send it again (``person_invitation_resend``)."""
    require_admin(actor)
    person_values = {name: value for name, value in values.items() if name in PERSON_FIELDS}
    with transaction.atomic():
        person = audited_create(
            actor=actor,
            organisation_id=actor.organisation_id,
            model=User,
            # no password until they follow the invitation and choose one
            values={**person_values, "teams": teams or [], "password": make_password(None)},
        )
    # sent now, not once some outer transaction commits, so that whoever added them can be
    # told at once whether it went
    person_send_invitation(person=person, invited_by=actor)
    return person


def person_update(*, actor: User, person: User, values: Mapping[str, Any]) -> User:
    """An admin changing a person: their details, role, teams, and whether they can sign in
    (``is_active``)."""
    require_admin(actor)
    if person.pk == actor.pk and values.get("role", actor.role) != actor.role:
        raise PermissionDenied("You cannot change your own role; ask another admin.")
    if person.pk == actor.pk and not values.get("is_active", True):
        raise PermissionDenied("You cannot deactivate yourself.")
    return audited_update(actor=actor, instance=person, values=values)


def profile_update(*, person: User, values: Mapping[str, Any]) -> User:
    """A person changing their own name, job title, language, time zone, or whether spikes
    are mailed to them."""
    allowed = {"first_name", "last_name", "job_title", "language", "time_zone", "spike_alerts"}
    if set(values) - allowed:
        raise PermissionDenied("Only an admin can change your email address, role or teams.")
    return audited_update(actor=person, instance=person, values=values)


def person_deactivate(*, actor: User, person: User) -> User:
    """They can no longer sign in (nor use their tokens); what they own stays theirs."""
    return person_update(actor=actor, person=person, values={"is_active": False})


def person_reactivate(*, actor: User, person: User) -> User:
    return person_update(actor=actor, person=person, values={"is_active": True})


INVITATION_NOT_SENT = "The invitation could not be sent: the mail server did not take it."


def person_invitation_resend(*, actor: User, person: User) -> bool:
    """An admin sends someone who has not joined yet a fresh invitation (the last one never
    arrived, or its link has expired). True if it went; False if the mail server did not take
    it (nothing is recorded then)."""
    require_admin(actor)
    if person.has_joined:
        raise ValidationError(
            f"{person} has already joined: they sign in with their own password, and can "
            "choose a new one under “Forgotten your password?”."
        )
    if not person.is_active:
        raise ValidationError(f"{person} is deactivated: reactivate them first.")
    return person_send_invitation(person=person, invited_by=actor)


def person_send_invitation(*, person: User, invited_by: User | None) -> bool:
    """Email ``person`` a link to choose their password, saying until when it works, and
    record when it went (``invited_at``, audited). ``invited_by`` is the admin who sent it, or
    None when the person asked for it themselves ("Forgotten your password?"). False, and
    nothing recorded, if the mail server refused it or did not answer within
    ``EMAIL_TIMEOUT``: the caller says so, and it can be sent again."""
    link = settings.SITE_URL + reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(person.pk)),
            "token": default_token_generator.make_token(person),
        },
    )
    sent_at = clock.now()
    organisation = person.organisation
    context = {
        "person": person,
        "organisation": organisation,
        "invited_by": invited_by,
        "link": link,
        "expires": invitation_expiry(sent_at),
        "login": settings.SITE_URL + reverse("login"),
    }
    # one line, whatever the names stored: a header holds no line break
    subject = one_line(
        f"{invited_by} invited you to {organisation} on Centric"
        if invited_by
        else f"Your invitation to {organisation} on Centric"
    )
    try:
        send_mail(
            subject=subject,
            message=render_to_string("people/email/invitation.txt", context),
            from_email=None,
            recipient_list=[person.email],
        )
    except OSError:  # refused, unreachable or silent (smtplib's errors are OSErrors)
        logger.warning("The invitation to person %s could not be sent", person.pk, exc_info=True)
        return False
    audited_update(actor=invited_by, instance=person, values={"invited_at": sent_at})
    return True


def password_reset_expiry() -> datetime:
    """Until when a password-reset link made now works (``PASSWORD_RESET_TIMEOUT``), as an
    invitation says of its own. The reset mail's template calls it as it renders (see
    ``config.urls``): the view's context is made once, when the URLs are read."""
    return invitation_expiry(clock.now())


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
