"""Pages for teams, business units, people and personal API tokens. Each view parses input, calls
one selector or service, and renders."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from centric.core import clock
from centric.core.htmx import render_page
from centric.core.models import ID_MAX, Role
from centric.core.permissions import (
    is_admin,
    require_admin,
    require_org_wide,
    sees_whole_organisation,
)
from centric.people import selectors, services
from centric.people.auth import AuthedRequest
from centric.people.forms import ApiTokenForm, BusinessUnitForm, PersonForm, ProfileForm, TeamForm


def _int(value: str | None) -> int | None:
    """The id a filter in the query string gives, or None for none (or for no id at all)."""
    if not value or not (value.isascii() and value.isdigit()) or int(value) > ID_MAX:
        return None
    return int(value)


def team_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    search = request.GET.get("q", "").strip()
    business_unit_id = _int(request.GET.get("business_unit"))
    teams = selectors.team_list(actor=user, search=search, business_unit_id=business_unit_id)
    context = {
        "teams": teams,
        "search": search,
        "business_units": selectors.business_unit_list(actor=user),
        "business_unit_id": business_unit_id,
        "filtered": bool(search or business_unit_id),
        "can_add": sees_whole_organisation(user),
    }
    return render_page(request, "people/team_list.html", "people/_team_table.html", context)


def team_detail(request: AuthedRequest, team_id: int) -> HttpResponse:
    user = request.user
    team = selectors.team_access(actor=user, team_id=team_id)
    context = {
        "team": team,
        "members": team.members.order_by("first_name"),
        "serves": team.serves.select_related("lead").order_by("name"),
        "served_by": team.served_by.select_related("lead").order_by("name"),
        "can_edit": selectors.team_can_edit(actor=user, team=team),
    }
    return render(request, "people/team_detail.html", context)


def team_create(request: AuthedRequest) -> HttpResponse:
    user = request.user
    require_org_wide(user)
    form = TeamForm(request.POST or None, organisation_id=user.organisation_id)
    if request.method == "POST" and form.is_valid():
        team = services.team_create(actor=user, values=form.changed_values())
        messages.success(request, f"Team “{team}” created.")
        return redirect("people:team_detail", team_id=team.pk)
    return render(
        request,
        "form.html",
        {"form": form, "title": "New team", "back": reverse("people:team_list")},
    )


def team_edit(request: AuthedRequest, team_id: int) -> HttpResponse:
    user = request.user
    team = selectors.team_access(actor=user, team_id=team_id)
    if not selectors.team_can_edit(actor=user, team=team):
        raise PermissionDenied
    form = TeamForm(
        request.POST or None,
        instance=team,
        organisation_id=user.organisation_id,
        can_change_serves=selectors.team_can_change_whom_it_serves(actor=user),
    )
    if request.method == "POST" and form.is_valid():
        services.team_update(actor=user, team=team, values=form.changed_values())
        messages.success(request, "Team saved.")
        return redirect("people:team_detail", team_id=team.pk)
    return render(request, "form.html", {"form": form, "title": f"Edit {team}", "cancel": team})


def business_unit_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    units = selectors.business_unit_list(actor=user).prefetch_related("teams")
    return render(request, "people/business_unit_list.html", {"business_units": units})


def business_unit_create(request: AuthedRequest) -> HttpResponse:
    user = request.user
    require_admin(user)
    form = BusinessUnitForm(request.POST or None, organisation_id=user.organisation_id)
    if request.method == "POST" and form.is_valid():
        services.business_unit_create(actor=user, values=form.changed_values())
        messages.success(request, "Business unit created.")
        return redirect("people:business_unit_list")
    return render(
        request,
        "form.html",
        {"form": form, "title": "New business unit", "back": reverse("people:business_unit_list")},
    )


def business_unit_edit(request: AuthedRequest, business_unit_id: int) -> HttpResponse:
    user = request.user
    require_admin(user)
    unit = selectors.business_unit_access(actor=user, business_unit_id=business_unit_id)
    form = BusinessUnitForm(
        request.POST or None, instance=unit, organisation_id=user.organisation_id
    )
    if request.method == "POST" and form.is_valid():
        services.business_unit_update(actor=user, business_unit=unit, values=form.changed_values())
        messages.success(request, "Business unit saved.")
        return redirect("people:business_unit_list")
    return render(
        request,
        "form.html",
        {"form": form, "title": f"Edit {unit}", "back": reverse("people:business_unit_list")},
    )


def person_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    search = request.GET.get("q", "").strip()
    team_id = _int(request.GET.get("team"))
    role = request.GET.get("role", "")
    people = selectors.person_list(actor=user, search=search, team_id=team_id, role=role)
    page = Paginator(people, 25).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "search": search,
        "team_id": team_id,
        "role": role,
        "roles": Role.choices,
        "teams": selectors.teams_visible_to(user).order_by("name"),
        "can_add": is_admin(user),
    }
    return render_page(request, "people/person_list.html", "people/_person_table.html", context)


def person_detail(request: AuthedRequest, person_id: int) -> HttpResponse:
    user = request.user
    person = selectors.person_access(actor=user, person_id=person_id)
    context = {
        "person": person,
        "teams": person.teams.order_by("name"),
        "teams_led": person.teams_led.order_by("name"),
        "can_edit": is_admin(user),
        "invitation_expires": (
            selectors.invitation_expiry(person.invited_at) if person.invited_at else None
        ),
        "now": clock.now(),
    }
    return render(request, "people/person_detail.html", context)


def person_create(request: AuthedRequest) -> HttpResponse:
    user = request.user
    require_admin(user)
    form = PersonForm(request.POST or None, organisation_id=user.organisation_id)
    if request.method == "POST" and form.is_valid():
        values = form.changed_values()
        teams = values.pop("teams")
        person = services.person_create(actor=user, values=values, teams=list(teams))
        if person.invited_at:
            messages.success(request, f"{person} was added and has been emailed an invitation.")
        else:
            messages.error(
                request,
                f"{person} was added, but the invitation could not be sent: the mail server "
                "did not take it. Send it again below once mail works.",
            )
        return redirect("people:person_detail", person_id=person.pk)
    return render(
        request,
        "form.html",
        {"form": form, "title": "Add a person", "back": reverse("people:person_list")},
    )


def person_edit(request: AuthedRequest, person_id: int) -> HttpResponse:
    user = request.user
    require_admin(user)
    person = selectors.person_access(actor=user, person_id=person_id)
    form = PersonForm(request.POST or None, instance=person, organisation_id=user.organisation_id)
    if request.method == "POST" and form.is_valid():
        services.person_update(actor=user, person=person, values=form.changed_values())
        messages.success(request, "Saved.")
        return redirect("people:person_detail", person_id=person.pk)
    return render(request, "form.html", {"form": form, "title": f"Edit {person}", "cancel": person})


@require_POST
def person_deactivate(request: AuthedRequest, person_id: int) -> HttpResponse:
    user = request.user
    person = selectors.person_access(actor=user, person_id=person_id)
    services.person_deactivate(actor=user, person=person)
    messages.success(request, f"{person} can no longer sign in.")
    return redirect("people:person_list")


@require_POST
def person_invitation_resend(request: AuthedRequest, person_id: int) -> HttpResponse:
    user = request.user
    person = selectors.person_access(actor=user, person_id=person_id)
    try:
        sent = services.person_invitation_resend(actor=user, person=person)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if sent:
            messages.success(request, f"A new invitation is on its way to {person.email}.")
        else:
            messages.error(request, f"{services.INVITATION_NOT_SENT} Try again once mail works.")
    return redirect("people:person_detail", person_id=person.pk)


@require_POST
def person_reactivate(request: AuthedRequest, person_id: int) -> HttpResponse:
    user = request.user
    person = selectors.person_access(actor=user, person_id=person_id)
    services.person_reactivate(actor=user, person=person)
    messages.success(request, f"{person} can sign in again.")
    return redirect("people:person_detail", person_id=person.pk)


def profile(request: AuthedRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.profile_update(person=request.user, values=form.cleaned_data)
        messages.success(request, "Your profile is saved.")
        return redirect("people:profile")
    context = {"form": form, "title": "Your profile", "back": reverse("home")}
    return render(request, "form.html", context)


def api_token_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    form = ApiTokenForm(request.POST or None)
    created_secret = None
    if request.method == "POST" and form.is_valid():
        _, created_secret = services.api_token_create(user=user, name=form.cleaned_data["name"])
        form = ApiTokenForm()
    context = {
        "tokens": selectors.api_token_list(user=user),
        "form": form,
        "created_secret": created_secret,
    }
    return render(request, "people/api_tokens.html", context)


@require_POST
def api_token_revoke(request: AuthedRequest, token_id: int) -> HttpResponse:
    user = request.user
    token = get_object_or_404(selectors.api_token_list(user=user), pk=token_id)
    services.api_token_revoke(user=user, token=token)
    messages.success(request, f"Token “{token.name}” revoked.")
    return redirect("people:api_tokens")
