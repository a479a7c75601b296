"""How well the loop is closed: the measures page and the recurring root causes.

Each figure is computed over the cases opened in the period, from one ``values()`` query, in
Polars. The aggregation functions are pure (plain rows, a calendar and a moment in, figures
out) and tested without the database; ``case_measures`` and ``root_cause_report`` fetch.

Definitions, each shown with its n:

- *Contacted within SLA*: of the cases whose first-contact clock has stopped or run out, the
  share first contacted by the deadline. Cases still inside their clock are not decided yet.
- *Time to first contact* and *time to close*: median and 90th percentile, in business hours
  (the organisation's calendar), from opening to the first contact that reached the customer,
  and to closing the loop.
- *Reopen rate*: of the cases resolved at least once, the share reopened.
- *Recovery rate*: of the cases whose re-survey came back with a score, the share that scored
  higher than the feedback that opened the case, each score as a share of its own scale (an NPS
  8 after a CSAT 5 is lower), as the case page says (``Case.recovered``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import polars as pl
from django.db import models
from django.db.models import F, FloatField, Func, QuerySet, Window
from django.db.models.functions import Cast, RowNumber
from django.shortcuts import get_object_or_404

from centric.cases import sla
from centric.cases.models import Case, RootCause
from centric.cases.selectors import cases_visible_to
from centric.cases.services import calendar_of
from centric.core import clock
from centric.core.periods import PERIODS
from centric.feedback.scales import SCORE_RANGES
from centric.people.models import User

DEFAULT_DAYS = 90
GROUPS = {"": "Everyone", "team": "Team", "owner": "Owner", "rule": "Rule", "period": "Period"}
# Below this many cases a figure is shown with a note rather than as a finding.
MIN_N = 10
NONE_LABEL = {"team": "No team", "owner": "Unassigned", "rule": "Opened by hand"}
OPEN_STATES = ("new", "contacted", "in_progress")


# --- figures --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Share:
    """A share of cases in percent, from ``hits`` of ``n``."""

    hits: int
    n: int
    what: str

    @property
    def value(self) -> float | None:
        return 100.0 * self.hits / self.n if self.n else None

    @property
    def reliable(self) -> bool:
        return self.n >= MIN_N

    @property
    def note(self) -> str | None:
        return small_sample_note(self.n, self.what)


@dataclass(frozen=True)
class Duration:
    """Median and 90th percentile of a duration, in business hours, over ``n`` cases."""

    median: float | None
    p90: float | None
    n: int
    what: str

    @property
    def reliable(self) -> bool:
        return self.n >= MIN_N

    @property
    def note(self) -> str | None:
        return small_sample_note(self.n, self.what)


def small_sample_note(n: int, what: str) -> str | None:
    """Worded like the Insights figures: say when there is nothing, or too little, to go on."""
    if n == 0:
        return f"No cases for {what} yet."
    if n < MIN_N:
        return f"Only {n} case{'s' if n > 1 else ''}; at least {MIN_N} are needed for a reliable {what}."
    return None


@dataclass(frozen=True)
class MeasureRow:
    key: str
    label: str
    cases: int
    contacted_in_sla: Share
    first_contact: Duration
    to_close: Duration
    reopened: Share
    recovered: Share


@dataclass(frozen=True)
class Measures:
    days: int
    group: str
    total: MeasureRow
    rows: list[MeasureRow]
    min_n: int = MIN_N


# --- pure aggregation -----------------------------------------------------------------------


class BusinessClock:
    """Working seconds since the start of a span of days, so that the business time between two
    moments is one subtraction, for a whole column at once. (``sla.business_time_between`` walks
    the days between two moments on every call; the tests check both agree.)"""

    def __init__(self, calendar: sla.Calendar, first: dt.date, last: dt.date) -> None:
        opens, lengths = [], []
        day = first
        while day <= last:
            hours = calendar.hours.get(day.weekday())
            if hours is not None and day not in calendar.holidays:
                # as in sla: wall-clock hours resolved in the zone, arithmetic on UTC instants
                begins = dt.datetime.combine(day, hours[0], tzinfo=calendar.zone).timestamp()
                ends = dt.datetime.combine(day, hours[1], tzinfo=calendar.zone).timestamp()
                if begins < ends:
                    opens.append(begins)
                    lengths.append(ends - begins)
            day += dt.timedelta(days=1)
        self.opens = np.array(opens, dtype=float)
        self.lengths = np.array(lengths, dtype=float)
        # working seconds in all the periods before each one
        self.before = np.concatenate(([0.0], np.cumsum(self.lengths)[:-1])) if opens else self.opens

    def seconds(self, moments: np.ndarray) -> np.ndarray:
        """Working seconds from the start of the span to each moment (Unix seconds; NaN stays
        NaN)."""
        if not len(self.opens):
            return np.where(np.isnan(moments), np.nan, 0.0)
        index = np.searchsorted(self.opens, moments, side="right") - 1
        inside = np.clip(index, 0, None)
        worked = self.before[inside] + np.minimum(
            moments - self.opens[inside], self.lengths[inside]
        )
        return np.where(np.isnan(moments), np.nan, np.where(index < 0, 0.0, worked))


def period_columns(column: str, *, days: int, zone: str) -> list[pl.Expr]:
    """The period a moment falls in, in the organisation's time zone: weeks (from Monday) for 30
    and 90 days, months for a year, as a sortable key and a label."""
    local = pl.col(column).dt.convert_time_zone(zone)
    start = local.dt.truncate("1mo" if days > 90 else "1w")
    label = start.dt.strftime("%b %Y" if days > 90 else "Week of %-d %b")
    return [start.dt.strftime("%Y-%m-%d").alias("period"), label.alias("period_label")]


_ROWS: dict[str, Any] = {
    "state": pl.String,
    "opened_at": pl.Datetime("us", "UTC"),
    "first_contact_due": pl.Datetime("us", "UTC"),
    "first_contacted_at": pl.Datetime("us", "UTC"),
    "closed_at": pl.Datetime("us", "UTC"),
    "reopen_count": pl.Int64,
    "team_id": pl.Int64,
    "team__name": pl.String,
    "owner_id": pl.Int64,
    "owner__first_name": pl.String,
    "owner__last_name": pl.String,
    "owner__email": pl.String,
    "rule_id": pl.Int64,
    "rule__name": pl.String,
    # the scores of the feedback that opened the case and of its re-survey, on one scale
    "response_on_scale": pl.Float64,
    "resurvey_on_scale": pl.Float64,
    "resurvey__response__submitted_at": pl.Datetime("us", "UTC"),
}


class UnixSeconds(Func):
    """A moment as seconds since 1970, a float: a page that reads a year of cases then builds no
    Python datetime per value (parsing them was most of its time)."""

    template = "CAST(EXTRACT(EPOCH FROM %(expressions)s) AS double precision)"
    output_field = FloatField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = "((julianday(%(expressions)s) - 2440587.5) * 86400.0)"
        return self.as_sql(compiler, connection, template=template, **extra)


def score_on_unit_scale(response: str) -> models.Case:
    """The score of the response at the path ``response``, as a share of its scale (0 to 1),
    in the database: what ``Case.recovered`` compares, the same arithmetic on the same
    ranges. Null without a score or for an unknown scale."""
    return models.Case(
        *(
            models.When(
                **{f"{response}__score_type": kind},
                then=Cast(F(f"{response}__score") - low, FloatField()) / float(high - low),
            )
            for kind, (low, high) in SCORE_RANGES.items()
        ),
        output_field=FloatField(),
    )


def _frame(columns: Mapping[str, Sequence[Any]], schema: Mapping[str, Any]) -> pl.DataFrame:
    """A frame from columns of values, moments given as Unix seconds."""
    data: dict[str, pl.Series] = {}
    for key, kind in schema.items():
        if isinstance(kind, pl.Datetime):
            micro = pl.Series(key, columns[key], dtype=pl.Float64) * 1_000_000
            moments = pl.from_epoch(micro.round().cast(pl.Int64), time_unit="us")
            data[key] = moments.dt.replace_time_zone("UTC")
        else:
            data[key] = pl.Series(key, columns[key], dtype=kind)
    return pl.DataFrame(data)


def _columns(rows: Iterable[Mapping[str, Any]], schema: Mapping[str, Any]) -> pl.DataFrame:
    """A frame from rows as ``values()`` gives them (moments as datetimes)."""
    rows = list(rows)
    return _frame(
        {
            key: [
                moment.timestamp() if isinstance(moment := row.get(key), dt.datetime) else moment
                for row in rows
            ]
            for key in schema
        },
        schema,
    )


def _fetch(cases: QuerySet[Case], schema: Mapping[str, Any]) -> pl.DataFrame:
    """One query for the columns of ``schema``, moments read as Unix seconds."""
    wanted = [
        UnixSeconds(key) if isinstance(kind, pl.Datetime) else F(key)
        for key, kind in schema.items()
    ]
    rows = list(cases.values_list(*wanted))
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in schema]
    return _frame(dict(zip(schema, columns, strict=True)), schema)


def _label(key: str, label: pl.Expr) -> pl.Expr:
    """A group's name, or what to call the cases without one (an unassigned case, say)."""
    return (
        pl.when(pl.col(f"{key}_id").is_null())
        .then(pl.lit(NONE_LABEL[key]))
        .otherwise(label)
        .alias(f"{key}_label")
    )


def case_frame(
    rows: Iterable[Mapping[str, Any]], *, calendar: sla.Calendar, now: dt.datetime, days: int
) -> pl.DataFrame:
    """One row per case with what the measures count: the SLA outcome, the business hours to
    first contact and to close, reopen and recovery, and the keys of every grouping. ``rows``
    as ``values()`` gives them."""
    return cases_counted(_columns(rows, _ROWS), calendar=calendar, now=now, days=days)


def cases_counted(
    raw: pl.DataFrame, *, calendar: sla.Calendar, now: dt.datetime, days: int
) -> pl.DataFrame:
    """``case_frame`` for a frame of the raw columns."""
    spans = raw.select(
        pl.col("opened_at").min().alias("first"),
        pl.max_horizontal(
            pl.col("opened_at").max(), pl.col("first_contacted_at").max(), pl.col("closed_at").max()
        ).alias("last"),
    ).row(0)
    one_day = dt.timedelta(days=1)
    clock_ = BusinessClock(
        calendar,
        (spans[0] or now).date() - one_day,
        (spans[1] or now).date() + one_day,
    )

    def worked(column: str) -> np.ndarray:
        return clock_.seconds(raw.get_column(column).dt.epoch("us").to_numpy() / 1e6)

    def hours_to(column: str) -> pl.Series:
        """Business hours from opening to ``column``; null when it has not happened (or, in
        bad data, happened before the opening)."""
        after = (raw.get_column(column) >= raw.get_column("opened_at")).fill_null(False)
        hours = (worked(column) - worked("opened_at")) / 3600
        return pl.Series(np.where(after.to_numpy(), hours, np.nan), nan_to_null=True)

    contacted, due = pl.col("first_contacted_at"), pl.col("first_contact_due")
    answered = (
        pl.col("response_on_scale").is_not_null()
        & pl.col("resurvey_on_scale").is_not_null()
        & pl.col("resurvey__response__submitted_at").is_not_null()
    )
    owner_name = pl.concat_str(
        pl.col("owner__first_name").fill_null(""),
        pl.lit(" "),
        pl.col("owner__last_name").fill_null(""),
    ).str.strip_chars()
    return raw.with_columns(
        first_contact_hours=hours_to("first_contacted_at"),
        close_hours=hours_to("closed_at"),
    ).select(
        (contacted.is_not_null() | (due <= now)).alias("sla_decided"),
        (contacted.is_not_null() & (contacted <= due)).fill_null(False).alias("sla_met"),
        "first_contact_hours",
        pl.when(pl.col("state") == "closed").then(pl.col("close_hours")).alias("close_hours"),
        (pl.col("state").is_in(["resolved", "closed"]) | (pl.col("reopen_count") > 0)).alias(
            "ever_resolved"
        ),
        (pl.col("reopen_count") > 0).alias("reopened"),
        answered.alias("resurveyed"),
        (answered & (pl.col("resurvey_on_scale") > pl.col("response_on_scale")))
        .fill_null(False)
        .alias("recovered"),
        *(
            pl.col(f"{key}_id").cast(pl.String).fill_null("").alias(key)
            for key in ("team", "owner", "rule")
        ),
        _label("team", pl.col("team__name")),
        _label(
            "owner",
            pl.when(owner_name != "").then(owner_name).otherwise(pl.col("owner__email")),
        ),
        _label("rule", pl.col("rule__name")),
        *period_columns("opened_at", days=days, zone=calendar.time_zone),
    )


_AGGREGATES = [
    pl.len().alias("cases"),
    pl.col("sla_decided").sum().alias("sla_n"),
    (pl.col("sla_decided") & pl.col("sla_met")).sum().alias("sla_hits"),
    pl.col("first_contact_hours").count().alias("contact_n"),
    pl.col("first_contact_hours").median().alias("contact_median"),
    pl.col("first_contact_hours").quantile(0.9, interpolation="linear").alias("contact_p90"),
    pl.col("close_hours").count().alias("close_n"),
    pl.col("close_hours").median().alias("close_median"),
    pl.col("close_hours").quantile(0.9, interpolation="linear").alias("close_p90"),
    pl.col("ever_resolved").sum().alias("resolved_n"),
    (pl.col("ever_resolved") & pl.col("reopened")).sum().alias("reopened"),
    pl.col("resurveyed").sum().alias("resurveyed"),
    (pl.col("resurveyed") & pl.col("recovered")).sum().alias("recovered"),
]


def _row(key: str, label: str, figures: Mapping[str, Any]) -> MeasureRow:
    return MeasureRow(
        key=key,
        label=label,
        cases=int(figures["cases"]),
        contacted_in_sla=Share(
            int(figures["sla_hits"]), int(figures["sla_n"]), "share contacted within SLA"
        ),
        first_contact=Duration(
            figures["contact_median"],
            figures["contact_p90"],
            int(figures["contact_n"]),
            "time to first contact",
        ),
        to_close=Duration(
            figures["close_median"], figures["close_p90"], int(figures["close_n"]), "time to close"
        ),
        reopened=Share(int(figures["reopened"]), int(figures["resolved_n"]), "reopen rate"),
        recovered=Share(int(figures["recovered"]), int(figures["resurveyed"]), "recovery rate"),
    )


def measures_summarise(frame: pl.DataFrame, *, group: str, days: int) -> Measures:
    """The figures for all cases in ``frame``, and per team, owner, rule or period."""
    total = _row("", "All cases", frame.select(_AGGREGATES).row(0, named=True))
    rows: list[MeasureRow] = []
    if group in GROUPS and group:
        grouped = frame.group_by(group, f"{group}_label").agg(_AGGREGATES)
        order = [group] if group == "period" else ["cases", f"{group}_label"]
        grouped = grouped.sort(order, descending=[group != "period"] + [False] * (len(order) - 1))
        rows = [
            _row(figures[group], figures[f"{group}_label"], figures)
            for figures in grouped.iter_rows(named=True)
        ]
    return Measures(days=days, group=group, total=total, rows=rows)


# --- recurring root causes ------------------------------------------------------------------


@dataclass(frozen=True)
class CauseRow:
    root_cause_id: int
    name: str
    count: int
    previous: int
    buckets: list[tuple[str, int]]  # (label, cases) oldest first, for the sparkline
    examples: list[Any]  # the most recent cases, with their triggering feedback

    @property
    def change(self) -> int:
        return self.count - self.previous


@dataclass(frozen=True)
class RootCauseReport:
    days: int
    rows: list[CauseRow]
    without_cause: int  # resolved or closed cases in the period with no root cause recorded
    bucket_label: str


_CAUSE_ROWS: dict[str, Any] = {
    "root_cause_id": pl.Int64,
    "root_cause__name": pl.String,
    "opened_at": pl.Datetime("us", "UTC"),
}
CauseCounts = tuple[dict[int, tuple[str, int, int]], dict[int, list[tuple[str, int]]], str]


def cause_counts(
    rows: Iterable[Mapping[str, Any]], *, now: dt.datetime, days: int, zone: str
) -> CauseCounts:
    """Per root cause: (name, cases this period, cases the period before), and cases per week
    (per month for a year) over this period, oldest first. ``rows`` as ``values()`` gives them."""
    return causes_counted(_columns(rows, _CAUSE_ROWS), now=now, days=days, zone=zone)


def causes_counted(raw: pl.DataFrame, *, now: dt.datetime, days: int, zone: str) -> CauseCounts:
    """``cause_counts`` for a frame of the raw columns."""
    start = now - dt.timedelta(days=days)
    previous_start = start - dt.timedelta(days=days)
    frame = raw.rename({"root_cause_id": "cause", "root_cause__name": "name"}).with_columns(
        (pl.col("opened_at") >= start).alias("current"),
        pl.col("opened_at").is_between(previous_start, start, closed="left").alias("previous"),
        *period_columns("opened_at", days=days, zone=zone),
    )
    totals = frame.group_by("cause", "name").agg(
        pl.col("current").sum().alias("count"), pl.col("previous").sum().alias("before")
    )
    seen: dict[int, dict[str, int]] = {}
    per_bucket = frame.filter(pl.col("current")).group_by("cause", "period").agg(pl.len())
    for cause, period, n in per_bucket.iter_rows():
        seen.setdefault(cause, {})[period] = n
    counts = {
        cause: (name, int(count), int(before)) for cause, name, count, before in totals.iter_rows()
    }
    buckets = _buckets(start, now, days, zone)
    series = {
        cause: [(label, seen.get(cause, {}).get(key, 0)) for key, label in buckets]
        for cause in counts
    }
    return counts, series, "month" if days > 90 else "week"


def _buckets(start: dt.datetime, now: dt.datetime, days: int, zone: str) -> list[tuple[str, str]]:
    """Every week (or month) from ``start`` to ``now``, as (key, label), oldest first."""
    moments = pl.datetime_range(start, now, interval="1d", eager=True).append(pl.Series([now]))
    periods = (
        pl.DataFrame({"at": moments.dt.convert_time_zone("UTC")})
        .select(period_columns("at", days=days, zone=zone))
        .unique()
        .sort("period")
    )
    return list(periods.iter_rows())


# --- the selectors --------------------------------------------------------------------------


def _period(days: int) -> int:
    return days if days in PERIODS else DEFAULT_DAYS


def case_measures(*, actor: User, days: int = DEFAULT_DAYS, group: str = "") -> Measures:
    """The measures over the cases the actor may see that were opened in the last ``days``."""
    days, now = _period(days), clock.now()
    cases = (
        cases_visible_to(actor)
        .filter(opened_at__gte=now - dt.timedelta(days=days))
        .annotate(
            response_on_scale=score_on_unit_scale("response"),
            resurvey_on_scale=score_on_unit_scale("resurvey__response"),
        )
    )
    raw = _fetch(cases.order_by(), _ROWS)
    frame = cases_counted(raw, calendar=calendar_of(actor.organisation_id), now=now, days=days)
    return measures_summarise(frame, group=group if group in GROUPS else "", days=days)


EXAMPLES = 3


def root_cause_report(*, actor: User, days: int = DEFAULT_DAYS) -> RootCauseReport:
    """The root causes recorded on the cases the actor may see, opened in the last ``days``,
    most frequent first, against the period before, with the latest cases of each."""
    days, now = _period(days), clock.now()
    visible = cases_visible_to(actor)
    since = now - dt.timedelta(days=2 * days)
    with_cause = visible.filter(opened_at__gte=since, root_cause__isnull=False).order_by()
    raw = _fetch(with_cause, _CAUSE_ROWS)
    zone = calendar_of(actor.organisation_id).time_zone
    counts, series, bucket = causes_counted(raw, now=now, days=days, zone=zone)
    start = now - dt.timedelta(days=days)
    examples: dict[int, list[Case]] = {}
    for case in _latest_per_cause(visible.filter(opened_at__gte=start), EXAMPLES):
        examples.setdefault(case.root_cause_id, []).append(case)  # type: ignore[arg-type]
    report = [
        CauseRow(cause, name, count, before, series[cause], examples.get(cause, []))
        for cause, (name, count, before) in counts.items()
        if count or before
    ]
    report.sort(key=lambda row: (-row.count, -row.previous, row.name))
    without = (
        visible.filter(opened_at__gte=start, root_cause__isnull=True)
        .exclude(state__in=OPEN_STATES)
        .count()
    )
    return RootCauseReport(days, report, without, bucket)


def _latest_per_cause(cases: QuerySet[Case], limit: int) -> list[Case]:
    # rank only ids first: ranking whole rows with their joins costs a period's worth of joins
    ranked = (
        cases.filter(root_cause__isnull=False)
        .order_by()
        .annotate(
            rank=Window(
                RowNumber(), partition_by=F("root_cause_id"), order_by=F("opened_at").desc()
            )
        )
    )
    latest = list(ranked.filter(rank__lte=limit).values_list("pk", flat=True))
    return list(
        Case.objects.filter(pk__in=latest)
        .select_related("customer__account", "customer__team", "response", "owner")
        .order_by("-opened_at")
    )


def root_cause_cases(
    *, actor: User, root_cause_id: int, days: int = DEFAULT_DAYS
) -> tuple[RootCause, QuerySet[Case]]:
    """One root cause of the actor's organisation (404 otherwise) and the cases with it that the
    actor may see, opened in the last ``days``, newest first, with their triggering feedback."""
    cause = get_object_or_404(RootCause, pk=root_cause_id, organisation_id=actor.organisation_id)
    since = clock.now() - dt.timedelta(days=_period(days))
    cases = (
        cases_visible_to(actor)
        .filter(root_cause=cause, opened_at__gte=since)
        .select_related("customer__account", "customer__team", "response", "owner", "team")
        .order_by("-opened_at", "-pk")
    )
    return cause, cases
