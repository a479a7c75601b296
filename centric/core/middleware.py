"""Middleware of Centric's own.

``method_not_allowed_page``: a page for an address asked for with a method it does not take: a
form's address opened as a link, say. Django answers such a request with 405 and an empty body,
which a browser shows as a blank page; a person gets a page in the site's layout instead, and a
client of the API the JSON every API answer is (``{"detail": …}``, where django-ninja answers in
plain text). Any other 405 a view gave a body of its own stays as it is.

``own_time_zone``: a signed-in person reads every time in the time zone of their profile, and
their "today" is theirs, on the pages and in the API alike (a personal token's person is known
only once the API signs them in, which then calls ``wear_time_zone``); the database keeps UTC.
"""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import render
from django.utils import timezone

API_PREFIX = "/api/"


def method_not_allowed_page(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if not isinstance(response, HttpResponseNotAllowed):
            return response
        allowed = sorted(method.strip() for method in response["Allow"].split(","))
        if request.path.startswith(API_PREFIX):
            answer = JsonResponse(
                {"detail": f"This endpoint takes {', '.join(allowed)}, not {request.method}."},
                status=405,
            )
            answer["Allow"] = ", ".join(allowed)
            return answer
        if response.content or not request.accepts("text/html"):
            return response
        page = render(request, "405.html", {"takes_get": "GET" in allowed}, status=405)
        page["Allow"] = response["Allow"]
        return page

    return middleware


def own_time_zone(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        zone = person_zone(user) if user is not None and user.is_authenticated else None
        # entered even without a zone, so that one worn later in the request ends with it
        with timezone.override(zone):
            return get_response(request)

    return middleware


def person_zone(user: object) -> ZoneInfo | None:
    """The time zone of a person's profile, if it names one."""
    try:
        return ZoneInfo(getattr(user, "time_zone", None) or "")
    except (ZoneInfoNotFoundError, ValueError):
        return None


def wear_time_zone(user: object) -> None:
    """For the rest of this request, read times in ``user``'s zone (``own_time_zone`` ends it)."""
    zone = person_zone(user)
    if zone is not None:
        timezone.activate(zone)
