"""The main navigation is assembled from the installed apps: each app's ``AppConfig`` lists its
entries, so the menu shows only what exists and a new module adds itself."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.http import HttpRequest
from django.urls import reverse

from centric.core.permissions import Actor, can_write, is_admin


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    order: int
    visible_to: Callable[[Actor], bool] = lambda actor: True


def for_writers(actor: Actor) -> bool:
    return can_write(actor)


def for_admins(actor: Actor) -> bool:
    return is_admin(actor)


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not getattr(user, "organisation_id", None):
        return {"nav_items": []}
    items: list[NavItem] = []
    for config in apps.get_app_configs():
        items.extend(getattr(config, "navigation", ()))
    entries = []
    for item in sorted(items, key=lambda item: item.order):
        if item.visible_to(user):
            url = reverse(item.url_name)
            current = request.path == url if url == "/" else request.path.startswith(url)
            entries.append({"label": item.label, "url": url, "current": current})
    return {"nav_items": entries}
