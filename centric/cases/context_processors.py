"""What every signed-in page shows of the cases app: how many notifications are unread."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.http import HttpRequest

from centric.cases.models import Notification


def notifications(request: HttpRequest) -> dict[str, Any]:
    """``unread_notifications``, counted only if a page shows it, and once however often."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not getattr(user, "organisation_id", None):
        return {}

    @cache
    def unread() -> int:
        return Notification.objects.filter(recipient=user, read_at__isnull=True).count()

    return {"unread_notifications": unread}
