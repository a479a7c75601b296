"""Pages for customers, accounts, contacts, segments and imports. Each view parses input, calls one
selector or service, and renders."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from centric.core.htmx import render_page
from centric.core.models import ID_MAX
from centric.core.permissions import (
    can_write,
    require_org_wide,
    require_write,
    sees_whole_organisation,
)
from centric.customers import selectors, services
from centric.customers.forms import AccountForm, ContactForm, ImportUploadForm, SegmentForm
from centric.customers.models import Channel, Customer, ImportJob, Influence, LifecycleStage, Tier
from centric.people.auth import AuthedRequest
from centric.people.models import LANGUAGES
from centric.people.selectors import teams_visible_to

PAGE_SIZE = 25


def _int(value: str | None) -> int | None:
    """The id a filter in the query string gives, or None for none (or for no id at all)."""
    if not value or not (value.isascii() and value.isdigit()) or int(value) > ID_MAX:
        return None
    return int(value)


def customer_list(request: AuthedRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    customers = selectors.customer_list(actor=request.user, search=search, kind=kind)
    context = {
        "page": Paginator(customers, PAGE_SIZE).get_page(request.GET.get("page")),
        "search": search,
        "kind": kind,
        "kinds": Customer.Kind.choices,
        "filtered": bool(search or kind),
        "can_add": can_write(request.user),
        "sees_all": sees_whole_organisation(request.user),
    }
    return render_page(
        request, "customers/customer_list.html", "customers/_customer_table.html", context
    )


def customer_detail(request: AuthedRequest, customer_id: int) -> HttpResponse:
    customer = selectors.customer_access(actor=request.user, customer_id=customer_id)
    if customer.kind == Customer.Kind.EXTERNAL:
        return redirect("customers:account_detail", account_id=customer.account_id)
    return redirect("people:team_detail", team_id=customer.team_id)


def account_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    filters = {
        "search": request.GET.get("q", "").strip(),
        "segment_id": _int(request.GET.get("segment")),
        "lifecycle_stage": request.GET.get("stage", ""),
        "tier": request.GET.get("tier", ""),
        "team_id": _int(request.GET.get("team")),
        "owner_id": _int(request.GET.get("owner")),
    }
    accounts = selectors.account_list(actor=user, **filters)  # type: ignore[arg-type]
    context = {
        "page": Paginator(accounts, PAGE_SIZE).get_page(request.GET.get("page")),
        "filters": filters,
        "segments": selectors.segment_list(actor=user),
        "stages": LifecycleStage.choices,
        "tiers": Tier.choices,
        "teams": teams_visible_to(user).order_by("name"),
        "can_add": can_write(user),
        "sees_all": sees_whole_organisation(user),
        "filtered": any(filters.values()),
    }
    return render_page(
        request, "customers/account_list.html", "customers/_account_table.html", context
    )


def account_detail(request: AuthedRequest, account_id: int) -> HttpResponse:
    account = selectors.account_access(actor=request.user, account_id=account_id)
    context = {
        "account": account,
        "contacts": account.contacts.order_by("-influence", "first_name"),
        "can_edit": can_write(request.user),
        "can_delete": sees_whole_organisation(request.user),
    }
    return render(request, "customers/account_detail.html", context)


def account_create(request: AuthedRequest) -> HttpResponse:
    user = request.user
    require_write(user)
    form = AccountForm(
        request.POST or None, organisation_id=user.organisation_id, initial={"owner": user}
    )
    if request.method == "POST" and form.is_valid():
        account = services.account_create(actor=user, values=form.changed_values())
        messages.success(request, f"Account “{account}” created.")
        return redirect("customers:account_detail", account_id=account.pk)
    return render(
        request,
        "form.html",
        {"form": form, "title": "New account", "back": reverse("customers:account_list")},
    )


def account_edit(request: AuthedRequest, account_id: int) -> HttpResponse:
    user = request.user
    require_write(user)
    account = selectors.account_access(actor=user, account_id=account_id)
    form = AccountForm(request.POST or None, instance=account, organisation_id=user.organisation_id)
    if request.method == "POST" and form.is_valid():
        services.account_update(actor=user, account=account, values=form.changed_values())
        messages.success(request, "Account saved.")
        return redirect("customers:account_detail", account_id=account.pk)
    return render(
        request, "form.html", {"form": form, "title": f"Edit {account}", "cancel": account}
    )


def account_delete(request: AuthedRequest, account_id: int) -> HttpResponse:
    user = request.user
    require_org_wide(user)
    account = selectors.account_access(actor=user, account_id=account_id)
    if request.method == "POST":
        services.account_delete(actor=user, account=account)
        messages.success(request, f"Account “{account}” and its contacts were deleted.")
        return redirect("customers:account_list")
    return render(request, "customers/confirm_delete.html", {"object": account, "what": "account"})


def contact_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    filters = {
        "search": request.GET.get("q", "").strip(),
        "account_id": _int(request.GET.get("account")),
        "language": request.GET.get("language", ""),
        "influence": request.GET.get("influence", ""),
        "preferred_channel": request.GET.get("channel", ""),
    }
    contacts = selectors.contact_list(actor=user, **filters)  # type: ignore[arg-type]
    context = {
        "page": Paginator(contacts, PAGE_SIZE).get_page(request.GET.get("page")),
        "filters": filters,
        "languages": LANGUAGES,
        "influences": Influence.choices,
        "channels": Channel.choices,
        "can_add": can_write(user),
        "sees_all": sees_whole_organisation(user),
        "filtered": any(filters.values()),
    }
    return render_page(
        request, "customers/contact_list.html", "customers/_contact_table.html", context
    )


def contact_detail(request: AuthedRequest, contact_id: int) -> HttpResponse:
    contact = selectors.contact_access(actor=request.user, contact_id=contact_id)
    context = {"contact": contact, "can_edit": can_write(request.user)}
    return render(request, "customers/contact_detail.html", context)


def contact_create(request: AuthedRequest) -> HttpResponse:
    user = request.user
    require_write(user)
    accounts = selectors.accounts_visible_to(user).order_by("name")
    initial = {"account": _int(request.GET.get("account"))}
    form = ContactForm(
        request.POST or None,
        organisation_id=user.organisation_id,
        accounts=accounts,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        contact = services.contact_create(actor=user, values=form.changed_values())
        messages.success(request, f"Contact {contact} added.")
        return redirect("customers:contact_detail", contact_id=contact.pk)
    return render(
        request,
        "form.html",
        {"form": form, "title": "New contact", "back": reverse("customers:contact_list")},
    )


def contact_edit(request: AuthedRequest, contact_id: int) -> HttpResponse:
    user = request.user
    require_write(user)
    contact = selectors.contact_access(actor=user, contact_id=contact_id)
    accounts = selectors.accounts_visible_to(user).order_by("name")
    form = ContactForm(
        request.POST or None,
        instance=contact,
        organisation_id=user.organisation_id,
        accounts=accounts,
    )
    if request.method == "POST" and form.is_valid():
        services.contact_update(actor=user, contact=contact, values=form.changed_values())
        messages.success(request, "Contact saved.")
        return redirect("customers:contact_detail", contact_id=contact.pk)
    return render(
        request, "form.html", {"form": form, "title": f"Edit {contact}", "cancel": contact}
    )


def contact_delete(request: AuthedRequest, contact_id: int) -> HttpResponse:
    user = request.user
    require_write(user)
    contact = selectors.contact_access(actor=user, contact_id=contact_id)
    if request.method == "POST":
        account_id = contact.account_id
        services.contact_delete(actor=user, contact=contact)
        messages.success(request, f"Contact {contact} deleted.")
        return redirect("customers:account_detail", account_id=account_id)
    return render(request, "customers/confirm_delete.html", {"object": contact, "what": "contact"})


def segment_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    form = SegmentForm(request.POST or None, organisation_id=user.organisation_id)
    if request.method == "POST":
        require_org_wide(user)
        if form.is_valid():
            segment = services.segment_create(actor=user, values=form.changed_values())
            messages.success(request, f"Segment “{segment}” created.")
            return redirect("customers:segment_list")
    context = {
        "segments": selectors.segment_list(actor=user),
        "form": form,
        "can_add": sees_whole_organisation(user),
    }
    return render(request, "customers/segment_list.html", context)


def segment_edit(request: AuthedRequest, segment_id: int) -> HttpResponse:
    user = request.user
    require_org_wide(user)
    segment = get_object_or_404(selectors.segment_list(actor=user), pk=segment_id)
    form = SegmentForm(request.POST or None, instance=segment, organisation_id=user.organisation_id)
    if request.method == "POST" and form.is_valid():
        services.segment_update(actor=user, segment=segment, values=form.changed_values())
        messages.success(request, "Segment saved.")
        return redirect("customers:segment_list")
    context = {"form": form, "title": f"Edit {segment}", "back": reverse("customers:segment_list")}
    return render(request, "form.html", context)


def import_start(request: AuthedRequest) -> HttpResponse:
    user = request.user
    require_write(user)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = services.import_job_start(
            actor=user, kind=form.cleaned_data["kind"], file_name=upload.name, content=upload.read()
        )
        return redirect("customers:import_detail", job_id=job.pk)
    recent = ImportJob.objects.filter(created_by=user).order_by("-created_at")[:10]
    return render(request, "customers/import_start.html", {"form": form, "recent": recent})


def import_detail(request: AuthedRequest, job_id: int) -> HttpResponse:
    job = get_object_or_404(ImportJob, pk=job_id, created_by=request.user)
    context = {"job": job, "errors": job.errors[:500], "modes": ImportJob.Mode}
    return render_page(
        request, "customers/import_detail.html", "customers/_import_report.html", context
    )


@require_POST
def import_apply(request: AuthedRequest, job_id: int) -> HttpResponse:
    job = get_object_or_404(ImportJob, pk=job_id, created_by=request.user)
    try:
        services.import_job_apply(actor=request.user, job=job, mode=request.POST.get("mode", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("customers:import_detail", job_id=job.pk)


@require_POST
def import_cancel(request: AuthedRequest, job_id: int) -> HttpResponse:
    job = get_object_or_404(ImportJob, pk=job_id, created_by=request.user)
    services.import_job_cancel(actor=request.user, job=job)
    messages.info(request, "Nothing was imported.")
    return redirect("customers:import_start")
