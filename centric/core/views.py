"""The audit log and the organisation's settings (admins only)."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from centric.core.forms import OrganisationForm
from centric.core.htmx import render_page
from centric.core.models import AuditEvent, Organisation
from centric.core.permissions import Actor, require_admin
from centric.core.services import organisation_update


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


def organisation_settings(request: HttpRequest) -> HttpResponse:
    actor = cast(Actor, request.user)
    require_admin(actor)
    organisation = Organisation.objects.get(pk=actor.organisation_id)
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        organisation_update(actor=actor, organisation=organisation, values=form.cleaned_data)
        messages.success(request, "Organisation saved.")
        return redirect("organisation_settings")
    context = {"form": form, "title": "Organisation", "back": reverse("home")}
    return render(request, "form.html", context)
