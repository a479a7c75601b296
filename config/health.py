"""``/health/``: whether this web process can serve, for a load balancer or a monitor.

A middleware placed first answers it, before Django checks the Host header (a balancer probes
by IP address), redirects plain http to https (it probes on http) or asks anyone to sign in. It
asks the database one cheap question, so a process that cannot reach it is taken out of
rotation: 200 ``{"status": "ok"}``, or 503 with the reason. Never cached.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import Error as DatabaseError
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.utils.cache import add_never_cache_headers

HEALTH_PATHS = frozenset({"/health/", "/health"})
logger = logging.getLogger(__name__)


def health_check(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        if request.path_info not in HEALTH_PATHS:
            return get_response(request)
        if request.method not in {"GET", "HEAD"}:
            return HttpResponseNotAllowed(["GET", "HEAD"])
        response = health()
        add_never_cache_headers(response)
        return response

    return middleware


def health() -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as exc:
        # the reason is logged, not shown: the answer is public and the error may name hosts
        logger.warning("Health check: the database is unreachable: %s", exc)
        return JsonResponse(
            {"status": "unavailable", "reason": "the database is unreachable"}, status=503
        )
    return JsonResponse({"status": "ok"})
