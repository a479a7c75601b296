"""The overview's segment comparison: each segment's score against all other customers' in a
segment, as ``compare_segments`` computes it, within what the reader may see; and the segment
filter, which does not apply to internal customers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
from django.http import HttpResponse
from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import timezone

from centric.customers.models import Customer, Segment
from centric.customers.services import customer_ensure_for_team
from centric.feedback.models import Response
from centric.insights.metrics import Csat, Nps, compare_segments
from centric.insights.page_charts import segment_chart
from centric.insights.selectors import SegmentComparison, SegmentRow
from tests.factories import AccountFactory, SegmentFactory
from tests.personas import PersonasTestCase

SCRIPT = '<script>alert("segment")</script>'
ENTERPRISE = [10, 9, 9, 10, 8, 9, 10, 7, 9, 10] * 4
MID_MARKET = [6, 3, 8, 5, 9, 2, 7, 6, 4, 10] * 4
SMALL = [10, 2, 9, 5, 0]  # too few to test
PUBLIC = [8, 9, 6, 10, 7, 9, 3] * 5  # an account no team serves: only the whole organisation's
INTERNAL = [2, 3, 4]  # Customer Success rating Finance: no segment
CSAT = {"Enterprise": [5, 4, 5, 5, 4, 3] * 5, "Mid-market": [2, 3, 4, 1, 5, 2] * 5}
HTMX = {"HX-Request": "true", "HX-Target": "results"}


class SegmentsTestCase(PersonasTestCase):
    """Northwind's four segments and an internal customer, with answers in each."""

    mid_market: Segment
    small: Segment
    public: Segment

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.mid_market = SegmentFactory.create(organisation=cls.org, name="Mid-market")
        cls.small = SegmentFactory.create(organisation=cls.org, name=SCRIPT)
        cls.public = SegmentFactory.create(organisation=cls.org, name="Public sector")
        served = {"owner": cls.owner, "team": cls.team}
        customers = {
            "Enterprise": Customer.objects.get(account=cls.account),
            "Mid-market": cls.customer("Beta", cls.mid_market, **served),
            SCRIPT: cls.customer("Gamma", cls.small, **served),
            "Public sector": cls.customer("Delta", cls.public),
        }
        for name, scores in (
            ("Enterprise", ENTERPRISE),
            ("Mid-market", MID_MARKET),
            (SCRIPT, SMALL),
            ("Public sector", PUBLIC),
        ):
            cls.answers(customers[name], scores, comment=f"A comment from {name}.")
        for name, scores in CSAT.items():
            cls.answers(customers[name], scores, score_type="csat")
        # Finance serves Customer Success: its feedback is an internal customer's
        cls.answers(
            customer_ensure_for_team(team=cls.team), INTERNAL, comment="Finance never answers."
        )
        # a year ago: counted in the last 365 days only
        cls.answers(customers["Enterprise"], [0] * 10, days_ago=200)

    @classmethod
    def customer(cls, name: str, segment: Segment, **served: Any) -> Customer:
        account = AccountFactory.create(organisation=cls.org, name=name, segment=segment, **served)
        return Customer.objects.get(account=account)

    @classmethod
    def answers(
        cls,
        customer: Customer,
        scores: list[int],
        *,
        score_type: str = "nps",
        days_ago: int = 1,
        comment: str = "",
    ) -> None:
        now = timezone.now()
        Response.objects.bulk_create(
            Response(
                organisation=cls.org,
                customer=customer,
                channel=Response.Channel.API,
                score=score,
                score_type=score_type,
                comment=comment,
                responded_at=now - dt.timedelta(days=days_ago + i % 50),
            )
            for i, score in enumerate(scores)
        )

    def get(self, name: str = "overview", **params: Any) -> Any:
        return self.client.get(reverse(f"insights:{name}"), params)

    def get_fragment(self, name: str, **params: Any) -> Any:
        """What htmx asks for when a filter changes: the results alone."""
        return self.client.get(reverse(f"insights:{name}"), params, headers=HTMX)

    def section(self, page: HttpResponse) -> str:
        """The segment comparison section of an overview page."""
        return page.content.decode().split('id="segments-h"')[1].split("</section>")[0]

    def expected(self, groups: dict[str, list[int]], metric: Any) -> list[tuple[Any, ...]]:
        frame = pl.DataFrame(
            {
                "segment": [name for name, scores in groups.items() for _ in scores],
                "score": [score for scores in groups.values() for score in scores],
            }
        )
        found = compare_segments(frame, metric, segment_column="segment")
        return [
            (
                row["segment"],
                row["n"],
                row["value"],
                row["low"],
                row["high"],
                row["difference"],
                row["difference_low"],
                row["difference_high"],
                row["significant"],
            )
            for row in found.iter_rows(named=True)
        ]

    def shown(self, comparison: Any) -> list[tuple[Any, ...]]:
        return [
            (
                row.name,
                row.n,
                row.value,
                row.low,
                row.high,
                row.difference,
                row.difference_low,
                row.difference_high,
                row.significant,
            )
            for row in comparison.rows
        ]


class SegmentComparisonTest(SegmentsTestCase):
    def test_each_segment_is_compared_with_the_rest_as_the_metrics_library_does(self) -> None:
        self.login(self.cx_lead)
        page = self.get()
        nps, csat = page.context["insights"].segments
        self.assertEqual(nps.label, "NPS")
        groups = {
            "Enterprise": ENTERPRISE,
            "Mid-market": MID_MARKET,
            "Public sector": PUBLIC,
            SCRIPT: SMALL,
        }
        self.assertEqual(self.shown(nps), self.expected(groups, Nps(column="score")))
        self.assertEqual(self.shown(csat), self.expected(CSAT, Csat(column="score")))
        self.assertEqual((nps.tested, nps.unsegmented), (3, len(INTERNAL)))
        section = self.section(page)
        self.assertIn("compared with all other customers in a segment", section)
        self.assertIn("corrected for 3 comparisons", section)
        self.assertIn("3 answers from customers in no segment", section)
        self.assertIn("an association, not a cause", section)

    def test_the_page_writes_out_each_segments_figures_and_verdict(self) -> None:
        self.login(self.cx_lead)
        section = self.section(self.get())
        enterprise = section.split(">Enterprise</a>")[1].split("</tr>")[0]
        mid_market = section.split(">Mid-market</a>")[1].split("</tr>")[0]
        self.assertIn('<td class="num" data-label="Answers">40</td>', enterprise)
        self.assertIn("Higher than the rest", enterprise)
        self.assertIn("Lower than the rest", mid_market)
        self.assertIn(" points (", enterprise)

    def test_a_small_segment_is_listed_but_too_few_to_test(self) -> None:
        self.login(self.cx_lead)
        nps = self.get().context["insights"].segments[0]
        small = next(row for row in nps.rows if row.name == SCRIPT)
        self.assertEqual(small.n, len(SMALL))
        self.assertFalse(small.tested)
        self.assertFalse(small.significant)
        self.assertIsNone(small.difference)
        row = self.section(self.get()).split(f"segment={self.small.pk}&amp;")[1].split("</tr>")[0]
        self.assertIn("Too few answers to test", row)
        self.assertNotIn("than the rest", row)

    def test_segment_names_are_escaped(self) -> None:
        self.login(self.cx_lead)
        page = self.get()
        self.assertNotContains(page, SCRIPT)
        escaped = "&lt;script&gt;alert(&quot;segment&quot;)&lt;/script&gt;"
        self.assertIn(f">{escaped}</a>", self.section(page))  # the row's link to its comments

    def test_each_segment_links_to_its_comments_in_the_same_period_and_customers(self) -> None:
        self.login(self.cx_lead)
        section = self.section(self.get(days="30", who="external"))
        self.assertIn(
            f'href="/insights/comments/?segment={self.mid_market.pk}&amp;days=30&amp;who=external"',
            section,
        )
        comments = self.get("comments", segment=str(self.mid_market.pk), days="30")
        self.assertEqual(
            {row["response"].comment for row in comments.context["rows"]},
            {"A comment from Mid-market."},
        )

    def test_only_the_scores_with_answers_are_compared(self) -> None:
        self.login(self.cx_lead)
        labels = [c.label for c in self.get().context["insights"].segments]
        self.assertEqual(labels, ["NPS", "CSAT"])  # no CES answers in the organisation

    def test_the_comparison_keeps_to_the_period(self) -> None:
        self.login(self.cx_lead)
        for days, answers in (("90", len(ENTERPRISE)), ("365", len(ENTERPRISE) + 10)):
            with self.subTest(days=days):
                nps = self.get(days=days).context["insights"].segments[0]
                enterprise = next(row for row in nps.rows if row.name == "Enterprise")
                self.assertEqual(enterprise.n, answers)

    def test_every_segment_is_compared_whichever_the_page_is_filtered_to(self) -> None:
        self.login(self.cx_lead)
        page = self.get(segment=str(self.mid_market.pk))
        self.assertEqual(page.context["insights"].scores[0].current.n, len(MID_MARKET))
        names = {row.name for row in page.context["insights"].segments[0].rows}
        self.assertEqual(names, {"Enterprise", "Mid-market", "Public sector", SCRIPT})
        self.assertIn("whichever segment the page is filtered to", self.section(page))

    def test_a_member_compares_only_the_segments_of_the_customers_they_serve(self) -> None:
        for person in (self.owner, self.viewer):
            with self.subTest(person=person.email):
                self.login(person)
                nps = self.get().context["insights"].segments[0]
                self.assertEqual(
                    self.shown(nps),
                    self.expected(
                        {"Enterprise": ENTERPRISE, "Mid-market": MID_MARKET, SCRIPT: SMALL},
                        Nps(column="score"),
                    ),
                )
                self.assertEqual(nps.tested, 2)

    def test_someone_who_serves_none_of_the_accounts_sees_no_segment(self) -> None:
        self.login(self.outsider)
        page = self.get()
        self.assertEqual(page.context["insights"].segments[0].rows, [])
        self.assertNotIn("Enterprise</a>", self.section(page))

    def test_a_stranger_sees_none_of_northwinds_segments(self) -> None:
        self.login(self.stranger)
        page = self.get()
        self.assertEqual(page.context["insights"].segments[0].rows, [])
        self.assertNotContains(page, "Mid-market")
        self.assertNotContains(page, "&lt;script&gt;")

    def test_the_section_works_without_javascript_and_as_an_htmx_fragment(self) -> None:
        self.login(self.cx_lead)
        whole = self.get()
        fragment = self.get_fragment("overview")
        self.assertContains(whole, "<html")
        self.assertNotContains(fragment, "<html")
        for page in (whole, fragment):
            self.assertIn("Mid-market</a>", self.section(page))


class SegmentFilterForInternalCustomersTest(SegmentsTestCase):
    """Segments group accounts; internal customers are teams, so the two never combine."""

    def test_with_internal_customers_the_overview_says_segments_do_not_apply(self) -> None:
        self.login(self.cx_lead)
        page = self.get(who="internal")
        self.assertEqual(page.context["insights"].segments, [])
        section = self.section(page)
        self.assertIn("do not apply to internal customers", section)
        self.assertNotIn("<table", section)

    def test_the_segment_select_is_disabled_for_internal_customers(self) -> None:
        self.login(self.cx_lead)
        for name in ("overview", "comments"):
            with self.subTest(page=name):
                internal = self.get(name, who="internal").content.decode()
                select = internal.split('<select name="segment"')[1].split(">")[0]
                self.assertIn("disabled", select)
                self.assertIn("Segments group accounts, not teams", internal)
                everyone = self.get(name).content.decode()
                select = everyone.split('<select name="segment"')[1].split(">")[0]
                self.assertNotIn("disabled", select)

    def test_a_segment_asked_for_with_internal_customers_is_ignored_and_said_so(self) -> None:
        self.login(self.cx_lead)
        segment = str(self.segment.pk)
        overview = self.get(who="internal", segment=segment)
        self.assertIsNone(overview.context["filters"]["segment_id"])
        self.assertEqual(overview.context["insights"].scores[0].current.n, len(INTERNAL))
        self.assertContains(overview, "The segment filter is left out")
        self.assertNotContains(overview, f"segment={segment}")  # no link carries it on
        comments = self.get("comments", who="internal", segment=segment)
        self.assertEqual(
            {row["response"].comment for row in comments.context["rows"]},
            {"Finance never answers."},
        )
        self.assertContains(comments, "The segment filter is left out")
        export = self.get("comments_csv", who="internal", segment=segment)
        self.assertIn("Finance never answers.", b"".join(export.streaming_content).decode())
        self.assertNotContains(self.get(who="internal"), "The segment filter is left out")

    def test_choosing_internal_customers_swaps_in_a_disabled_segment_select(self) -> None:
        self.login(self.cx_lead)
        for name in ("overview", "comments"):
            with self.subTest(page=name):
                fragment = self.get_fragment(name, who="internal").content.decode()
                swapped = fragment.split('id="segment-filter"')[1].split("</label>")[0]
                self.assertIn('hx-swap-oob="true"', swapped)
                self.assertIn("disabled", swapped.split('<select name="segment"')[1].split(">")[0])

    def test_the_filters_listen_for_changes_from_selects_swapped_in_later(self) -> None:
        # htmx binds "from:select" to the selects there when the page loads; the segment select
        # is swapped in anew, so the forms filter the events that bubble up to them instead
        self.login(self.cx_lead)
        for name in ("overview", "comments"):
            with self.subTest(page=name):
                page = self.get(name)
                self.assertContains(page, "change target:select")
                self.assertNotContains(page, "from:select")


class SegmentChartTest(SimpleTestCase):
    def comparison(self, *rows: SegmentRow) -> SegmentComparison:
        tested = sum(row.tested for row in rows)
        return SegmentComparison("NPS", "", 0, list(rows), tested=tested, unsegmented=0)

    def row(self, name: str, difference: float | None = None) -> SegmentRow:
        return SegmentRow(
            segment_id=1,
            name=name,
            n=40,
            value=20.0,
            low=5.0,
            high=35.0,
            difference=difference,
            difference_low=None if difference is None else difference - 10,
            difference_high=None if difference is None else difference + 10,
            significant=False,
            sentence=f"{name}.",
        )

    def test_it_says_how_many_comparisons_were_corrected_for(self) -> None:
        two = self.comparison(self.row("A", 12.0), self.row("B", -12.0))
        self.assertEqual(two.correction, "corrected for 2 comparisons (Holm)")
        one = self.comparison(self.row("A", 12.0), self.row("B"))
        self.assertEqual(one.correction, "one comparison, so nothing to correct for")

    def test_a_segment_too_small_to_test_has_no_chart_row_or_figure(self) -> None:
        chart = segment_chart(self.comparison(self.row("A", -4.2), self.row("Small")))
        (_, figure, svg), (_, untested_figure, untested_svg) = chart.rows
        self.assertEqual(figure, "−4 points (−14 to 6)")
        self.assertIn('aria-label="A."', str(svg))
        self.assertEqual((untested_figure, untested_svg), ("", None))
        self.assertIn("+15 points", str(chart.axis))  # the widest end, 14.2, rounded up

    def test_nothing_tested_no_axis(self) -> None:
        self.assertIsNone(segment_chart(self.comparison(self.row("A"))).axis)
