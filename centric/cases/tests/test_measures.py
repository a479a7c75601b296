"""The measures page and the recurring root causes: the arithmetic without the database, then
the pages for each persona."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any
from unittest import mock

from django.db import connection
from django.test import SimpleTestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from centric.cases import sla
from centric.cases.measure_views import sparkline
from centric.cases.measures import (
    MIN_N,
    case_frame,
    cause_counts,
    measures_summarise,
    small_sample_note,
)
from centric.cases.models import Case, RootCause, Rule
from centric.core import clock
from centric.customers.models import Customer
from centric.feedback.models import Invitation, Response, Survey
from centric.feedback.services import survey_create_from_template
from tests.personas import PersonasTestCase

UTC = dt.UTC
# Monday 2 March 2026, 09:00 UTC; the calendar works 9 to 5 on weekdays
MONDAY = dt.datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
NOW = dt.datetime(2026, 3, 20, 12, 0, tzinfo=UTC)
CALENDAR = sla.Calendar("UTC", {day: (dt.time(9), dt.time(17)) for day in range(5)})
HOSTILE = '<script>alert("x")</script> Charged twice'


def case_row(**values: Any) -> dict[str, Any]:
    """A case as ``values()`` returns it: opened Monday 9:00, first contact due by 17:00."""
    row: dict[str, Any] = {
        "pk": 1,
        "state": "new",
        "opened_at": MONDAY,
        "first_contact_due": MONDAY + dt.timedelta(hours=8),
        "first_contacted_at": None,
        "resolved_at": None,
        "closed_at": None,
        "reopen_count": 0,
        "team_id": 1,
        "team__name": "Customer Success",
        "owner_id": 7,
        "owner__first_name": "Olivia",
        "owner__last_name": "Owner",
        "owner__email": "owner@northwind.example",
        "rule_id": 3,
        "rule__name": "Detractors",
        "response_on_scale": 0.3,  # NPS 3
        "resurvey_on_scale": None,
        "resurvey__response__submitted_at": None,
    }
    row.update(values)
    return row


def summarise(rows: list[dict[str, Any]], group: str = "", days: int = 90) -> Any:
    frame = case_frame(rows, calendar=CALENDAR, now=NOW, days=days)
    return measures_summarise(frame, group=group, days=days)


class MeasureArithmeticTests(SimpleTestCase):
    def test_contact_within_sla_counts_only_decided_clocks(self) -> None:
        rows = [
            case_row(state="contacted", first_contacted_at=MONDAY + dt.timedelta(hours=2)),
            case_row(state="contacted", first_contacted_at=MONDAY + dt.timedelta(days=2)),
            # still open, its clock ran out on Monday: a miss
            case_row(),
            # opened just now, its clock still runs: not decided yet
            case_row(opened_at=NOW, first_contact_due=NOW + dt.timedelta(hours=8)),
        ]
        share = summarise(rows).total.contacted_in_sla
        self.assertEqual((share.hits, share.n), (1, 3))
        self.assertAlmostEqual(share.value, 100 / 3)

    def test_times_are_business_hours_from_opening(self) -> None:
        friday_4pm = dt.datetime(2026, 3, 6, 16, 0, tzinfo=UTC)
        rows = [
            # Friday 16:00 to Monday 10:00 is two business hours, not 66 on the clock
            case_row(
                state="closed",
                opened_at=friday_4pm,
                first_contacted_at=friday_4pm + dt.timedelta(hours=66),
                resolved_at=friday_4pm + dt.timedelta(hours=66),
                closed_at=friday_4pm + dt.timedelta(hours=90),  # Tuesday 10:00
            ),
            case_row(state="contacted", first_contacted_at=MONDAY + dt.timedelta(hours=4)),
        ]
        total = summarise(rows).total
        self.assertEqual(total.first_contact.n, 2)
        self.assertAlmostEqual(total.first_contact.median, 3.0)
        self.assertAlmostEqual(total.first_contact.p90, 2 + 0.9 * 2)
        self.assertEqual(total.to_close.n, 1)
        self.assertAlmostEqual(total.to_close.median, 10.0)

    def test_business_hours_agree_with_the_sla_arithmetic_across_time_zones_and_holidays(
        self,
    ) -> None:
        berlin = sla.Calendar(
            "Europe/Berlin",
            {day: (dt.time(8), dt.time(16, 30)) for day in range(5)},
            frozenset({dt.date(2026, 3, 30), dt.date(2026, 4, 3)}),
        )
        rng = random.Random(6)
        rows = []
        for number in range(300):
            # across the change to summer time on 29 March
            opened = MONDAY + dt.timedelta(minutes=rng.randint(0, 40 * 1440))
            contacted = opened + dt.timedelta(minutes=rng.randint(0, 9 * 1440))
            rows.append(
                case_row(
                    pk=number, state="contacted", opened_at=opened, first_contacted_at=contacted
                )
            )
        frame = case_frame(rows, calendar=berlin, now=NOW, days=90)
        for row, hours in zip(rows, frame.get_column("first_contact_hours"), strict=True):
            expected = sla.business_time_between(
                berlin, row["opened_at"], row["first_contacted_at"]
            )
            self.assertAlmostEqual(hours, expected.total_seconds() / 3600, places=6)

    def test_reopen_rate_is_among_cases_resolved_at_least_once(self) -> None:
        rows = [
            case_row(state="resolved"),
            case_row(state="closed", closed_at=MONDAY + dt.timedelta(days=1)),
            case_row(state="in_progress", reopen_count=1),  # resolved once, then reopened
            case_row(state="new"),
        ]
        share = summarise(rows).total.reopened
        self.assertEqual((share.hits, share.n), (1, 3))

    def test_recovery_is_a_higher_re_survey_score_among_answered_re_surveys(self) -> None:
        answered = {"resurvey__response__submitted_at": MONDAY + dt.timedelta(days=3)}
        rows = [
            case_row(state="closed", resurvey_on_scale=0.9, **answered),
            case_row(state="closed", resurvey_on_scale=0.3, **answered),
            # sent but not answered yet: not counted
            case_row(state="closed"),
        ]
        share = summarise(rows).total.recovered
        self.assertEqual((share.hits, share.n, share.value), (1, 2, 50.0))

    def test_each_group_has_its_own_figures_and_a_label_for_none(self) -> None:
        rows = [case_row(), case_row(), case_row(team_id=None, team__name=None, owner_id=None)]
        by_team = summarise(rows, group="team").rows
        self.assertEqual(
            [(r.label, r.cases) for r in by_team], [("Customer Success", 2), ("No team", 1)]
        )
        by_owner = summarise(rows, group="owner").rows
        self.assertEqual({r.label for r in by_owner}, {"Olivia Owner", "Unassigned"})
        by_rule = summarise(rows, group="rule").rows
        self.assertEqual([(r.label, r.cases) for r in by_rule], [("Detractors", 3)])

    def test_periods_are_weeks_for_a_quarter_and_months_for_a_year(self) -> None:
        rows = [case_row(), case_row(opened_at=MONDAY + dt.timedelta(days=8))]
        weeks = summarise(rows, group="period", days=90).rows
        self.assertEqual([r.label for r in weeks], ["Week of 2 Mar", "Week of 9 Mar"])
        months = summarise(rows, group="period", days=365).rows
        self.assertEqual([(r.label, r.cases) for r in months], [("Mar 2026", 2)])

    def test_small_samples_say_so_in_the_words_of_the_insights_figures(self) -> None:
        self.assertEqual(small_sample_note(0, "recovery rate"), "No cases for recovery rate yet.")
        self.assertEqual(
            small_sample_note(3, "reopen rate"),
            f"Only 3 cases; at least {MIN_N} are needed for a reliable reopen rate.",
        )
        self.assertEqual(
            small_sample_note(1, "reopen rate"),
            f"Only 1 case; at least {MIN_N} are needed for a reliable reopen rate.",
        )
        self.assertIsNone(small_sample_note(MIN_N, "reopen rate"))
        total = summarise([case_row()]).total
        self.assertFalse(total.contacted_in_sla.reliable)
        self.assertIsNone(total.recovered.value)

    def test_no_cases_give_empty_figures_not_errors(self) -> None:
        total = summarise([]).total
        self.assertEqual(total.cases, 0)
        self.assertIsNone(total.first_contact.median)
        self.assertIsNone(total.contacted_in_sla.value)

    def test_root_causes_are_counted_against_the_period_before_with_a_series(self) -> None:
        rows = [
            {"root_cause_id": 1, "root_cause__name": "Billing error", "opened_at": at}
            for at in (
                NOW - dt.timedelta(days=1),
                NOW - dt.timedelta(days=20),
                NOW - dt.timedelta(days=40),
            )
        ] + [
            {
                "root_cause_id": 2,
                "root_cause__name": "Other",
                "opened_at": NOW - dt.timedelta(days=45),
            }
        ]
        counts, series, unit = cause_counts(rows, now=NOW, days=30, zone="UTC")
        self.assertEqual(counts, {1: ("Billing error", 2, 1), 2: ("Other", 0, 1)})
        self.assertEqual(unit, "week")
        self.assertEqual(sum(n for _, n in series[1]), 2)
        self.assertIn(len(series[1]), (5, 6))
        self.assertEqual(series[1][-1][1], 1)

    def test_the_sparkline_escapes_its_labels(self) -> None:
        svg = sparkline([("<b>week</b>", 2), ("next", 0)], unit="week")
        self.assertIn("&lt;b&gt;week&lt;/b&gt;: 2", svg)
        self.assertIn('aria-label="Cases per week, oldest first: 2, 0"', svg)


def frozen(moment: dt.datetime) -> Any:
    return mock.patch("centric.core.clock.now", return_value=moment)


class MeasurePagesTests(PersonasTestCase):
    acme: Customer
    rule: Rule
    billing: RootCause
    survey: Survey

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.acme = Customer.objects.get(account=cls.account)
        cls.rule = Rule.objects.create(organisation=cls.org, name="Detractors")
        cls.billing = RootCause.objects.get(organisation=cls.org, name="Billing error")
        survey = survey_create_from_template(
            actor=cls.admin, template="relationship-nps", values={"name": "NPS"}
        )
        cls.survey = survey
        now = clock.now()
        for number in range(3):
            cls.add_case(now - dt.timedelta(days=number + 1), recovered=number == 0)

    @classmethod
    def add_case(cls, opened: dt.datetime, *, recovered: bool = False) -> Case:
        trigger = Response.objects.create(
            organisation=cls.org,
            survey=cls.survey,
            customer=cls.acme,
            contact=cls.contact,
            channel="email",
            score=2,
            score_type="nps",
            comment=HOSTILE,
            submitted_at=opened,
            responded_at=opened,
        )
        resurvey = None
        if recovered:
            resurvey = Invitation.objects.create(
                organisation=cls.org,
                survey=cls.survey,
                customer=cls.acme,
                contact=cls.contact,
                email=f"resurvey{Invitation.objects.count()}@acme.example",
            )
            Response.objects.create(
                organisation=cls.org,
                survey=cls.survey,
                invitation=resurvey,
                channel="email",
                score=9,
                score_type="nps",
                submitted_at=opened + dt.timedelta(days=1),
            )
        return Case.objects.create(
            organisation=cls.org,
            title=f"Acme: NPS 2 ({opened:%d %b})",
            customer=cls.acme,
            contact=cls.contact,
            response=trigger,
            rule=cls.rule,
            owner=cls.owner,
            team=cls.team,
            state="closed",
            opened_at=opened,
            first_contact_due=opened + dt.timedelta(hours=8),
            resolution_due=opened + dt.timedelta(hours=40),
            first_contacted_at=opened + dt.timedelta(hours=1),
            resolved_at=opened + dt.timedelta(hours=5),
            closed_at=opened + dt.timedelta(hours=6),
            root_cause=cls.billing,
            resolution="Refunded the double charge.",
            resurvey=resurvey,
        )

    def test_the_measures_page_shows_each_figure_with_its_n(self) -> None:
        self.login(self.cx_lead)
        page = self.client.get(reverse("cases:measures"), {"days": "30", "group": "team"})
        self.assertContains(page, "Cases opened in the last 30 days: 3")
        self.assertContains(page, "recovered · n = 1 re-surveys answered")
        self.assertContains(page, "Customer Success")
        self.assertContains(page, f"at least {MIN_N} are needed for a reliable recovery rate")
        self.assertContains(page, "business hours")

    def test_every_grouping_and_period_renders(self) -> None:
        self.login(self.owner)
        for days in ("30", "90", "365", "7", "junk"):
            for group in ("", "team", "owner", "rule", "period", "junk"):
                with self.subTest(days=days, group=group):
                    page = self.client.get(
                        reverse("cases:measures"), {"days": days, "group": group}
                    )
                    self.assertEqual(page.status_code, 200)

    def test_people_count_only_the_cases_they_may_see(self) -> None:
        for person, cases in ((self.teammate, 3), (self.viewer, 3), (self.outsider, 0)):
            with self.subTest(person=person.email):
                self.login(person)
                page = self.client.get(reverse("cases:measures"))
                self.assertContains(page, f"Cases opened in the last 90 days: {cases}")
        self.login(self.stranger)
        self.assertContains(
            self.client.get(reverse("cases:measures")), "Cases opened in the last 90 days: 0"
        )

    def test_signed_out_visitors_are_sent_to_sign_in(self) -> None:
        for name in ("cases:measures", "cases:root_causes"):
            self.assertEqual(self.client.get(reverse(name)).status_code, 302)

    def test_the_pages_cost_the_same_queries_however_many_cases(self) -> None:
        self.login(self.cx_lead)
        urls = [
            reverse("cases:measures") + "?group=owner",
            reverse("cases:root_causes"),
            reverse("cases:root_cause_cases", args=[self.billing.pk]),
        ]
        before = [self.count_queries(url) for url in urls]
        for number in range(5):
            self.add_case(clock.now() - dt.timedelta(days=10 + number), recovered=True)
        self.assertEqual([self.count_queries(url) for url in urls], before)

    def count_queries(self, url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(queries)

    def test_the_root_causes_page_links_each_cause_to_its_cases_and_feedback(self) -> None:
        self.login(self.owner)
        page = self.client.get(reverse("cases:root_causes"), {"days": "30"})
        self.assertContains(page, "Billing error")
        self.assertContains(page, reverse("cases:root_cause_cases", args=[self.billing.pk]))
        self.assertContains(page, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;")
        self.assertNotContains(page, '<script>alert("x")')
        self.assertContains(page, 'aria-label="Cases per week, oldest first:')
        listed = self.client.get(reverse("cases:root_cause_cases", args=[self.billing.pk]))
        self.assertContains(listed, "3 cases you can see")
        self.assertContains(listed, "Refunded the double charge.")
        self.assertContains(listed, "&lt;script&gt;")

    def test_a_root_cause_of_another_organisation_is_not_found(self) -> None:
        other = RootCause.objects.get(organisation=self.other_org, name="Billing error")
        self.login(self.owner)
        url = reverse("cases:root_cause_cases", args=[other.pk])
        self.assertEqual(self.client.get(url).status_code, 404)
        self.login(self.outsider)
        page = self.client.get(reverse("cases:root_cause_cases", args=[self.billing.pk]))
        self.assertContains(page, "0 cases you can see")
        self.assertNotContains(self.client.get(reverse("cases:root_causes")), "Refunded")

    def test_cases_leave_the_period_as_time_passes(self) -> None:
        with frozen(clock.now() + dt.timedelta(days=100)):
            self.login(self.cx_lead)
            page = self.client.get(reverse("cases:measures"), {"days": "90"})
            causes = self.client.get(reverse("cases:root_causes"), {"days": "90"})
        self.assertContains(page, "Cases opened in the last 90 days: 0")
        self.assertContains(causes, "none this period")
