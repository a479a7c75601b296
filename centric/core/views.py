"""The audit log page (admins only) and the error pages."""

from __future__ import annotations

from typing import cast

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse

from centric.core.htmx import render_page
from centric.core.models import AuditEvent
from centric.core.permissions import Actor, require_admin


def audit_log(request: HttpRequest) -> HttpResponse:
    actor = cast(Actor, request.user)
    require_admin(actor)
    events = AuditEvent.objects.filter(organisation_id=actor.organisation_id).select_related(
        "actor"
    )
    object_type = request.GET.get("type", "")
    if object_type:
        events = events.filter(object_type=object_type)
    types = (
        AuditEvent.objects.filter(organisation_id=actor.organisation_id)
        .order_by("object_type")
        .values_list("object_type", flat=True)
        .distinct()
    )
    context = {
        "page": Paginator(events, 50).get_page(request.GET.get("page")),
        "object_type": object_type,
        "types": types,
    }
    return render_page(request, "core/audit_log.html", "core/_audit_table.html", context)
