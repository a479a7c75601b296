"""Middleware of Centric's own.

``method_not_allowed_page``: a page for an address asked for with a method it does not take: a
form's address opened as a link, say. Django answers such a request with 405 and an empty body,
which a browser shows as a blank page; a person gets a page in the site's layout instead. The
API's answers, and any 405 a view gave a body of its own, stay as they are.

``own_time_zone``: a signed-in person reads every time in the time zone of their profile, and
their "today" is theirs; the database and the API keep UTC.
"""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.utils import timezone

API_PREFIX = "/api/"


def method_not_allowed_page(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if (
            not isinstance(response, HttpResponseNotAllowed)
            or response.content
            or request.path.startswith(API_PREFIX)
            or not request.accepts("text/html")
        ):
            return response
        allowed = [method.strip() for method in response["Allow"].split(",")]
        page = render(request, "405.html", {"takes_get": "GET" in allowed}, status=405)
        page["Allow"] = response["Allow"]
        return page

    return middleware


def own_time_zone(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return get_response(request)
        try:
            zone = ZoneInfo(user.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            return get_response(request)
        with timezone.override(zone):
            return get_response(request)

    return middleware
