"""The outer loop's pages: how well cases are handled (the measures) and which root causes keep
coming back. Everyone who can see cases sees them, over the cases they may see."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET

from centric.cases import measures as selectors
from centric.core.htmx import render_page
from centric.core.periods import PERIODS
from centric.insights.report.charts import ACCENT, GRID
from centric.people.auth import AuthedRequest

PAGE_SIZE = 25


@require_GET
def measures(request: AuthedRequest) -> HttpResponse:
    days, group = _days(request), request.GET.get("group", "")
    result = selectors.case_measures(actor=request.user, days=days, group=group)
    context = {
        "measures": result,
        "periods": PERIODS,
        "groups": selectors.GROUPS,
        "min_n": selectors.MIN_N,
    }
    return render_page(request, "cases/measures.html", "cases/_measures.html", context)


@require_GET
def root_causes(request: AuthedRequest) -> HttpResponse:
    report = selectors.root_cause_report(actor=request.user, days=_days(request))
    context = {
        "report": report,
        "rows": [(row, sparkline(row.buckets, unit=report.bucket_label)) for row in report.rows],
        "periods": PERIODS,
    }
    return render_page(request, "cases/root_causes.html", "cases/_root_causes.html", context)


@require_GET
def root_cause_cases(request: AuthedRequest, root_cause_id: int) -> HttpResponse:
    days = _days(request)
    cause, cases = selectors.root_cause_cases(
        actor=request.user, root_cause_id=root_cause_id, days=days
    )
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"cause": cause, "page": page, "days": days, "periods": PERIODS}
    return render(request, "cases/root_cause_cases.html", context)


def _days(request: HttpRequest) -> int:
    value = request.GET.get("days", "")
    days = int(value) if value.isdigit() else selectors.DEFAULT_DAYS
    return days if days in PERIODS else selectors.DEFAULT_DAYS


def sparkline(buckets: Sequence[tuple[str, int]], *, unit: str) -> SafeString:
    """Cases per week (or month) as small columns, oldest on the left; each column's label and
    count are in its tooltip and the whole series in the accessible name."""
    width, height, gap = 120, 24, 1.0
    most = max((n for _, n in buckets), default=0) or 1
    slot = width / max(len(buckets), 1)
    bars = []
    for i, (label, n) in enumerate(buckets):
        h = max((height - 2) * n / most, 1.0 if n else 0.0)
        bars.append(
            f'<rect x="{i * slot + gap / 2:.1f}" y="{height - h:.1f}" '
            f'width="{max(slot - gap, 1.0):.1f}" height="{h:.1f}" fill="{ACCENT}">'
            f"<title>{escape(label)}: {n}</title></rect>"
        )
    series = ", ".join(str(n) for _, n in buckets)
    body = f'<line x1="0" x2="{width}" y1="{height - 0.5}" y2="{height - 0.5}" stroke="{GRID}"/>'
    label = escape(f"Cases per {unit}, oldest first: {series}")
    svg = (
        f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{label}" '
        f'preserveAspectRatio="none">{body}{"".join(bars)}</svg>'
    )
    # every label drawn here has passed through escape()
    return mark_safe(svg)  # noqa: S308
