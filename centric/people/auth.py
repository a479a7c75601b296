"""Signing in: the typed request of a signed-in person, login throttling, and API authentication
(personal tokens or the browser session)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer

from centric.core.middleware import wear_time_zone
from centric.people.models import User
from centric.people.selectors import people_not_joined
from centric.people.services import api_token_authenticate, person_send_invitation


class AuthedRequest(HttpRequest):
    """A request that passed authentication (every view but login and password reset)."""

    user: User


def _client_ip(request: HttpRequest | None) -> str:
    """The address a request came from. Behind ``PROXY_HOPS`` reverse proxies of the
    installation's own, it is the one the farthest of them was reached from: each appends that
    address to X-Forwarded-For, so it is that many entries from the right, and anything left of
    it the client may have written itself. Without a proxy the header, which anyone can send, is
    ignored; so is one shorter than the proxies would have made it (a request that bypassed
    them)."""
    if request is None:
        return ""
    hops = settings.PROXY_HOPS
    if hops:
        header = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
        forwarded = [address.strip() for address in header.split(",") if address.strip()]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return str(request.META.get("REMOTE_ADDR", ""))


class ThrottledAuthenticationForm(AuthenticationForm):
    """The login form, refusing further attempts for an address or an account after repeated
    failures, so passwords cannot be guessed at speed."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "throttled": "Too many failed sign-in attempts. Try again in %(minutes)d minutes.",
    }

    def _keys(self) -> list[str]:
        email = (self.data.get("username") or "").strip().lower()
        return [f"login-fail:email:{email}", f"login-fail:ip:{_client_ip(self.request)}"]

    def clean(self) -> dict[str, Any]:
        limit = settings.LOGIN_THROTTLE_ATTEMPTS
        if any((cache.get(key) or 0) >= limit for key in self._keys()):
            raise ValidationError(
                self.error_messages["throttled"],
                code="throttled",
                params={"minutes": max(1, settings.LOGIN_THROTTLE_SECONDS // 60)},
            )
        try:
            return super().clean()
        except ValidationError:
            for key in self._keys():
                cache.add(key, 0, settings.LOGIN_THROTTLE_SECONDS)
                cache.incr(key)
            raise


class InvitingPasswordResetForm(PasswordResetForm):
    """The form of "Forgotten your password?", which also lets in those invited who have not
    joined yet: they have no password to reset (Django's form skips them), so they are sent a
    fresh invitation instead, for when the first never arrived or its link has expired. The
    page after it says the same whether or not the address is anyone's."""

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        for person in people_not_joined(self.cleaned_data["email"]):
            person_send_invitation(person=person, invited_by=None)


class TokenAuth(HttpBearer):
    """``Authorization: Bearer cen_…`` with a personal API token."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
            wear_time_zone(user)
        return user


class SessionAuth(APIKeyCookie):
    """The browser's session, so the pages' own scripts can call the API (CSRF-checked). Without
    a signed-in session there is no CSRF token to check: such a request is unauthenticated (401),
    not forged (403)."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        if _session_user(request) is None:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        return _session_user(request) if key else None


def _session_user(request: HttpRequest) -> User | None:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.organisation_id:
        return user  # type: ignore[no-any-return]
    return None
