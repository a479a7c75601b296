"""One view, two renderings: the full page, or only the fragment htmx asked for (Wagtail's
``list.html`` + ``_table.html`` pattern)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse


def render_page(
    request: HttpRequest, template: str, partial: str, context: dict[str, Any]
) -> HttpResponse:
    htmx = getattr(request, "htmx", None)
    wants_fragment = bool(htmx) and not htmx.boosted and htmx.target == "results"  # type: ignore[union-attr]
    response = TemplateResponse(request, partial if wants_fragment else template, context)
    response["Vary"] = "HX-Request"
    return response
