"""The home page: the organisation at a glance, within what the signed-in person may see."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from centric.customers.selectors import organisation_overview
from centric.dashboard.selectors import voice_of_customer, waiting_for
from centric.people.auth import AuthedRequest


def home(request: AuthedRequest) -> HttpResponse:
    context = {
        "overview": organisation_overview(actor=request.user),
        "waiting": waiting_for(actor=request.user),
        "voice": voice_of_customer(actor=request.user),
    }
    return render(request, "dashboard/home.html", context)
