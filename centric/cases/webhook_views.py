"""Settings → Webhooks (admins only): the endpoints that receive case events, each with its
secret, a test button and its delivery log."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from centric.cases import webhooks
from centric.cases.webhook_forms import WebhookEndpointForm
from centric.core.permissions import require_admin
from centric.people.auth import AuthedRequest

PAGE_SIZE = 25


def webhook_list(request: AuthedRequest) -> HttpResponse:
    endpoints = webhooks.endpoints_of(request.user)
    return render(request, "cases/webhook_list.html", {"endpoints": endpoints})


def webhook_create(request: AuthedRequest) -> HttpResponse:
    user = request.user
    require_admin(user)
    form = WebhookEndpointForm(request.POST or None, organisation_id=user.organisation_id)
    if request.method == "POST" and form.is_valid():
        endpoint = webhooks.endpoint_create(actor=user, values=form.changed_values())
        messages.success(request, "Endpoint added. Copy its signing secret below.")
        return redirect("cases:webhook_detail", endpoint_id=endpoint.pk)
    context = {"form": form, "title": "New webhook endpoint", "back": reverse("cases:webhook_list")}
    return render(request, "form.html", context)


def webhook_detail(request: AuthedRequest, endpoint_id: int) -> HttpResponse:
    endpoint = webhooks.endpoint_access(actor=request.user, endpoint_id=endpoint_id)
    deliveries = webhooks.deliveries_of(endpoint)
    context = {
        "endpoint": endpoint,
        "page": Paginator(deliveries, PAGE_SIZE).get_page(request.GET.get("page")),
        "max_attempts": webhooks.MAX_ATTEMPTS,
    }
    return render(request, "cases/webhook_detail.html", context)


def webhook_edit(request: AuthedRequest, endpoint_id: int) -> HttpResponse:
    user = request.user
    endpoint = webhooks.endpoint_access(actor=user, endpoint_id=endpoint_id)
    form = WebhookEndpointForm(
        request.POST or None, instance=endpoint, organisation_id=user.organisation_id
    )
    if request.method == "POST" and form.is_valid():
        webhooks.endpoint_update(actor=user, endpoint=endpoint, values=form.changed_values())
        messages.success(request, "Endpoint saved.")
        return redirect("cases:webhook_detail", endpoint_id=endpoint.pk)
    back = reverse("cases:webhook_detail", args=[endpoint.pk])
    return render(
        request, "form.html", {"form": form, "title": f"Edit {endpoint.url}", "back": back}
    )


def webhook_delete(request: AuthedRequest, endpoint_id: int) -> HttpResponse:
    user = request.user
    endpoint = webhooks.endpoint_access(actor=user, endpoint_id=endpoint_id)
    if request.method == "POST":
        webhooks.endpoint_delete(actor=user, endpoint=endpoint)
        messages.success(request, f"Endpoint {endpoint.url} and its delivery log were deleted.")
        return redirect("cases:webhook_list")
    return render(request, "cases/webhook_delete.html", {"endpoint": endpoint})


@require_POST
def webhook_test(request: AuthedRequest, endpoint_id: int) -> HttpResponse:
    endpoint = webhooks.endpoint_access(actor=request.user, endpoint_id=endpoint_id)
    webhooks.endpoint_ping(actor=request.user, endpoint=endpoint)
    messages.success(request, "A test event is on its way; its delivery is listed below.")
    return redirect("cases:webhook_detail", endpoint_id=endpoint.pk)


@require_POST
def webhook_retry(request: AuthedRequest, endpoint_id: int, delivery_id: int) -> HttpResponse:
    endpoint = webhooks.endpoint_access(actor=request.user, endpoint_id=endpoint_id)
    delivery = get_object_or_404(webhooks.deliveries_of(endpoint), pk=delivery_id)
    try:
        webhooks.delivery_retry(actor=request.user, delivery=delivery)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Delivery of {delivery.event} is being tried again.")
    return redirect("cases:webhook_detail", endpoint_id=endpoint.pk)
