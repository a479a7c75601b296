"""The Insights pages: the overview, the comment explorer and its CSV and XLSX exports. Each view
parses its filters, calls one selector and renders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.utils import timezone
from django.utils.text import capfirst, get_text_list, slugify
from django.views.decorators.http import require_GET

from centric.core.htmx import render_page
from centric.core.periods import CHOSEN, PERIODS, chosen_window, iso_date
from centric.customers.models import Customer
from centric.customers.selectors import customers_visible_to, segment_list
from centric.feedback.exports import Cell, csv_lines, xlsx_bytes
from centric.feedback.models import Response, Survey
from centric.insights import selectors
from centric.insights.exports import comment_rows, theme_table_rows
from centric.insights.highlight import comment_reading
from centric.insights.models import ResponseAnalysis
from centric.insights.page_charts import (
    SegmentChart,
    driver_chart,
    effect_figure,
    impact_figure,
    negative_meter,
    score_figures,
    score_trend,
    segment_chart,
    theme_trend,
    trend_gaps,
    trend_period,
)
from centric.insights.report.numbers import interval_decimals
from centric.people.auth import AuthedRequest
from centric.people.models import User

PAGE_SIZE = 25
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FLAG_CHOICES = [("urgent", "Urgent"), ("churn", "Churn risk"), ("praise", "Praise")]
SENTIMENTS = set(ResponseAnalysis.Label.values)
# an export's file name holds each filter in at most so many characters, and all in so many
FILE_NAME_PART = 40
FILE_NAME_FILTERS = 100


@require_GET
def overview(request: AuthedRequest) -> HttpResponse:
    filters = _scope_filters(request)
    insights = selectors.insights_overview(actor=request.user, **filters)
    impacts = _impact_columns(insights)
    surveys = _surveys(request.user)
    context = {
        "insights": insights,
        "score_rows": [
            (card, score_trend(card), score_figures(card), trend_period(card), trend_gaps(card))
            for card in insights.scores
        ],
        "segment_tables": [_segment_table(comparison) for comparison in insights.segments],
        # segments compare NPS, CSAT and CES: not for a survey that asks none of them
        "segments_section": any(insights.asks(kind) for kind, *_ in selectors.SCORE_KINDS),
        "driver_sections": [
            (
                f"What goes with {label}",
                driver_chart(insights.themes, score=kind, decimals=decimals),
                kind,
            )
            for kind, label, decimals in impacts
        ],
        "theme_rows": [
            (
                row,
                theme_trend(
                    row, insights.period, (insights.window.first, insights.window.last_day)
                ),
                negative_meter(row.negative),
                [
                    (
                        label,
                        row.drivers.get(kind),
                        # in points, as the sentence above the table says
                        impact_figure(row.drivers.get(kind), decimals=decimals),
                    )
                    for kind, label, decimals in impacts
                ],
            )
            for row in insights.themes
        ],
        "impact_labels": [label for _, label, _ in impacts],
        "impact_subject": get_text_list([label for _, label, _ in impacts], "and"),
        "survey_name": dict(surveys).get(filters["survey_id"], ""),
        "filters": filters,
        "period_error": chosen_window(request.GET)[1],
        "customer": _customer(request.user, filters["customer_id"]),
        "everyone": _without(request, "customer"),
        "scope_query": _scope_query(filters),
        # for the links to one segment's comments
        "unsegmented_query": _scope_query({**filters, "segment_id": None}),
        "whos": selectors.WHO,
        "periods": PERIODS,
        "segments": segment_list(actor=request.user),
        "surveys": surveys,
    }
    return render_page(request, "insights/overview.html", "insights/_overview.html", context)


def _segment_table(comparison: selectors.SegmentComparison) -> SegmentChart:
    """``segment_chart``, every difference of the table written with the decimals of the one
    that needs most (``interval_decimals``): −24.5 beside +29 reads as a difference in
    precision that is not there."""
    chart = segment_chart(comparison)
    places = max(
        (
            interval_decimals(row.difference_low, row.difference_high, comparison.decimals)
            for row, _, _ in chart.rows
            if row.difference_low is not None and row.difference_high is not None
        ),
        default=comparison.decimals,
    )
    rows = [
        (
            row,
            effect_figure(
                row.difference, row.difference_low, row.difference_high, places, points=True
            )
            if figure and row.difference is not None
            else figure,
            svg,
        )
        for row, figure, svg in chart.rows
    ]
    return replace(chart, rows=rows)


@require_GET
def comments(request: AuthedRequest) -> HttpResponse:
    filters = _comment_filters(request)
    found = selectors.comment_list(actor=request.user, **filters)
    # Django's paginator takes a page before the first for the last; it is the first here
    page = Paginator(found, PAGE_SIZE).get_page(_int(request.GET.get("page")) or 1)
    segments = list(segment_list(actor=request.user))
    surveys = _surveys(request.user)
    customer = _customer(request.user, filters["customer_id"])
    context = {
        "page": page,
        "rows": [comment_reading(response) for response in page],
        "filters": filters,
        "filters_in_words": _filters_in_words(
            filters,
            surveys=dict(surveys),
            segments={segment.pk: segment.name for segment in segments},
            customer=customer,
        ),
        "period_error": chosen_window(request.GET)[1],
        "periods": PERIODS,
        "segments": segments,
        "whos": selectors.WHO,
        "themes": selectors.themes_seen(actor=request.user),
        "surveys": surveys,
        "sentiments": ResponseAnalysis.Label.choices,
        "flags": FLAG_CHOICES,
        "orders": selectors.ORDERS,
        "languages": selectors.LANGUAGES,
        "query": request.GET.urlencode(),
        "whole_period": _without(request, "week"),
        "customer": customer,
        "everyone": _without(request, "customer"),
        "scope_query": _scope_query(filters),
    }
    return render_page(request, "insights/comments.html", "insights/_comment_list.html", context)


@require_GET
def overview_themes_csv(request: AuthedRequest) -> StreamingHttpResponse:
    rows, name = _theme_table(request)
    return StreamingHttpResponse(
        csv_lines(rows),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": _attachment(name, "csv")},
    )


@require_GET
def overview_themes_xlsx(request: AuthedRequest) -> HttpResponse:
    rows, name = _theme_table(request)
    return HttpResponse(
        xlsx_bytes(rows, title="Themes"),
        content_type=XLSX,
        headers={"Content-Disposition": _attachment(name, "xlsx")},
    )


@require_GET
def comments_csv(request: AuthedRequest) -> StreamingHttpResponse:
    found, name = _comment_export(request)
    return StreamingHttpResponse(
        csv_lines(comment_rows(found)),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": _attachment(name, "csv")},
    )


@require_GET
def comments_xlsx(request: AuthedRequest) -> HttpResponse:
    found, name = _comment_export(request)
    return HttpResponse(
        xlsx_bytes(comment_rows(found), title="Comments"),
        content_type=XLSX,
        headers={"Content-Disposition": _attachment(name, "xlsx")},
    )


def _theme_table(request: AuthedRequest) -> tuple[Iterator[list[Cell]], str]:
    """The overview's theme table for the request's filters, with the impact columns the page
    shows and what it covers in words, and the name of its file."""
    filters = _scope_filters(request)
    insights = selectors.insights_overview(actor=request.user, **filters)
    names = _scope_names(request.user, filters)
    covers = " · ".join(
        [capfirst(insights.window.label), *(name for name in names.values() if name)]
    )
    rows = theme_table_rows(
        insights, scores=[kind for kind, _, _ in _impact_columns(insights)], covers=covers
    )
    return rows, _file_name("themes", filters, names)


def _comment_export(request: AuthedRequest) -> tuple[QuerySet[Response], str]:
    """The explorer's comments for the request's filters, and the name of their file."""
    filters = _comment_filters(request)
    found = selectors.comment_list(actor=request.user, **filters)
    return found, _file_name("comments", filters, _scope_names(request.user, filters))


def _impact_columns(insights: selectors.InsightsOverview) -> list[tuple[str, str, int]]:
    """The scores whose impact the theme table and the driver charts show, as (kind, label,
    decimals): for a survey, those it asks; for all feedback, NPS, and CSAT and CES when some
    theme could be tested against them at all."""

    def shown(kind: str) -> bool:
        if insights.asked is not None:
            return insights.asks(kind)
        return kind == "nps" or any(
            (driver := row.drivers.get(kind)) is not None and driver.effect is not None
            for row in insights.themes
        )

    return [
        (kind, label, metric.decimals)
        for kind, label, metric, _ in selectors.SCORE_KINDS
        if shown(kind)
    ]


def _scope_filters(request: HttpRequest) -> dict[str, Any]:
    """The period, customers, segment and survey asked for: what both pages filter by."""
    who = _who(request)
    return {
        "days": _period(request),
        "window": chosen_window(request.GET)[0],
        "who": who,
        "segment_id": _segment(request, who),
        "survey_id": _int(request.GET.get("survey")),
        "customer_id": _int(request.GET.get("customer")),
    }


def _comment_filters(request: HttpRequest) -> dict[str, Any]:
    return {
        **_scope_filters(request),
        "theme": request.GET.get("theme", "").strip(),
        "sentiment": request.GET.get("sentiment", ""),
        "flag": request.GET.get("flag", ""),
        "search": request.GET.get("q", "").strip(),
        "week": _monday(iso_date(request.GET.get("week"))),
        "order": request.GET.get("order", ""),
        "language": request.GET.get("language", ""),
    }


def _filters_in_words(
    filters: dict[str, Any],
    *,
    surveys: dict[int, str],
    segments: dict[int, str],
    customer: Customer | None,
) -> str:
    """The explorer's filters as its folded filter panel states them: the period, then each
    filter set, by the names its menus give ("Last 90 days · billing · Negative"), and the
    one ``customer`` it keeps to, if the reader may see them ("Acme")."""
    window = filters["window"]
    if filters["week"]:
        period = f"Week of {filters['week'].day} {filters['week']:%b %Y}"
    elif window is not None:
        period = window.label
    else:
        period = f"Last {filters['days']} days"
    order = filters["order"] if filters["order"] != "newest" else ""
    given = [
        f"“{filters['search']}”" if filters["search"] else "",
        filters["theme"],
        dict(ResponseAnalysis.Label.choices).get(filters["sentiment"], ""),
        selectors.LANGUAGES.get(filters["language"], ""),
        surveys.get(filters["survey_id"], ""),
        dict(FLAG_CHOICES).get(filters["flag"], ""),
        customer or "",
        selectors.WHO.get(filters["who"], ""),
        segments.get(filters["segment_id"], ""),
        selectors.ORDERS.get(order, ""),
    ]
    return " · ".join([period, *(str(part) for part in given if part)])


def _scope_query(filters: dict[str, Any]) -> str:
    """The period, segment, customers and survey shown, for the links between the overview and
    the explorer."""
    query = QueryDict(mutable=True)
    window = filters["window"]
    if window is None:
        query["days"] = str(filters["days"])
    else:
        query["days"] = CHOSEN
        query["from"], query["to"] = window.first.isoformat(), window.last_day.isoformat()
    if filters["segment_id"] is not None:
        query["segment"] = str(filters["segment_id"])
    if filters["who"]:
        query["who"] = filters["who"]
    if filters["survey_id"] is not None:
        query["survey"] = str(filters["survey_id"])
    if filters["customer_id"] is not None:
        query["customer"] = str(filters["customer_id"])
    return query.urlencode()


def _customer(user: User, customer_id: int | None) -> Customer | None:
    """The customer whose comments the explorer shows, if the reader may see them."""
    if customer_id is None:
        return None
    return customers_visible_to(user).filter(pk=customer_id).first()


def _surveys(user: User) -> list[tuple[int, str]]:
    """The surveys to filter by: every survey of the organisation, by name."""
    surveys = Survey.objects.filter(organisation_id=user.organisation_id).order_by("name")
    return list(surveys.values_list("pk", "name"))


def _scope_names(user: User, filters: dict[str, Any]) -> dict[str, str]:
    """The survey, customer, customers and segment an export keeps to, by the names the pages
    give them, in the order the explorer states them: "" for those not filtered by, and for
    one the reader may not see (which the export then finds nothing of)."""
    customer = _customer(user, filters["customer_id"])
    return {
        "survey": _name(
            Survey.objects.filter(organisation_id=user.organisation_id), filters["survey_id"]
        ),
        "customer": customer.name if customer else "",
        "who": selectors.WHO.get(filters["who"], ""),
        "segment": _name(segment_list(actor=user), filters["segment_id"]),
    }


def _name(found: QuerySet[Any], pk: int | None) -> str:
    if pk is None:
        return ""
    return found.filter(pk=pk).values_list("name", flat=True).first() or ""


def _file_name(what: str, filters: dict[str, Any], names: dict[str, str]) -> str:
    """An export's file name says what it holds, every filter that narrows it, its period and
    the day it was taken: ``comments-billing-negative-enterprise-30-days-2026-12-03``,
    ``themes-relationship-survey-2026-07-01-to-2026-09-30-2026-12-03``. Each filter is a slug of
    its name (some of which respondents and customers give: a slug holds nothing a file system
    or a header could mistake), and they are cut to a bounded length; the period never is."""
    window = filters["window"]
    if filters.get("week"):
        period = f"week-of-{filters['week']}"
    elif window is not None:
        period = f"{window.first}-to-{window.last_day}"
    else:
        period = f"{filters['days']}-days"
    search = filters.get("search", "")
    given = [
        f"containing {search}" if search else "",
        filters.get("theme", ""),
        filters.get("sentiment", "") if filters.get("sentiment") in SENTIMENTS else "",
        selectors.LANGUAGES.get(filters.get("language", ""), ""),
        names["survey"],
        filters.get("flag", "") if filters.get("flag") in selectors.FLAGS else "",
        names["customer"],
        filters["who"],
        names["segment"],
    ]
    slugs = (slugify(part) for part in given)
    narrowed = "-".join(_cut(slug, FILE_NAME_PART) for slug in slugs if slug)
    return "-".join(
        part
        for part in (what, _cut(narrowed, FILE_NAME_FILTERS), period, str(timezone.localdate()))
        if part
    )


def _cut(slug: str, limit: int) -> str:
    """``slug`` to at most ``limit`` characters: cut at the end of a word where one ends."""
    if len(slug) <= limit:
        return slug
    words = slug[: limit + 1].rsplit("-", 1)[0]
    return words if 0 < len(words) <= limit else slug[:limit].rstrip("-")


def _attachment(name: str, extension: str) -> str:
    return f'attachment; filename="{name}.{extension}"'


def _who(request: HttpRequest) -> str:
    """Whose feedback: "external", "internal", or everyone's (anything else)."""
    who = request.GET.get("who", "")
    return who if who in selectors.WHO else ""


def _segment(request: HttpRequest, who: str) -> int | None:
    """The segment asked for, except with internal customers alone: segments group accounts,
    teams have none, and the two together would find nothing. The pages say it is left out."""
    return None if who == "internal" else _int(request.GET.get("segment"))


def _period(request: HttpRequest) -> int:
    days = _int(request.GET.get("days"))
    return days if days in PERIODS else selectors.DEFAULT_DAYS


def _without(request: HttpRequest, name: str) -> str:
    query = request.GET.copy()
    query.pop(name, None)
    return query.urlencode()


def _monday(day: dt.date | None) -> dt.date | None:
    """The Monday that starts the week of ``day``: a week is Monday to Sunday, whatever day a
    hand-edited link names."""
    return day - dt.timedelta(days=day.weekday()) if day else None


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None
