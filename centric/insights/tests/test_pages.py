"""The Insights pages: figures from the feedback a person may see, comments shown safely, and a
CSV export that no spreadsheet can turn into a formula."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import timezone

from centric.customers.models import Customer
from centric.feedback.models import Response
from centric.insights import services
from centric.insights.highlight import highlighted
from centric.insights.metrics import nps
from centric.insights.models import ResponseAnalysis
from tests.personas import PersonasTestCase

NPS_SCORES = [10, 9, 9, 8, 7, 6, 3, 10, 9, 5] * 4


class InsightsPagesTest(PersonasTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        acme = Customer.objects.get(account=cls.account)
        comments = [
            "Billing charged me twice and nobody refunded it. We will cancel.",
            "Support was friendly and fast, thank you!",
            "<script>alert(1)</script> the invoice was wrong",
            '=HYPERLINK("http://evil.example") delivery was late',
        ]
        now = timezone.now()
        responses = [
            Response.objects.create(
                organisation=cls.org,
                customer=acme,
                channel=Response.Channel.API,
                score=score,
                score_type="nps",
                comment=comments[i % len(comments)],
                responded_at=now - dt.timedelta(days=1 + i),
            )
            for i, score in enumerate(NPS_SCORES)
        ]
        services.responses_analyse(response_ids=[response.pk for response in responses])

    def get(self, name: str, **params: Any) -> Any:
        return self.client.get(reverse(f"insights:{name}"), params)

    def test_anonymous_visitors_are_sent_to_sign_in(self) -> None:
        for name in ("overview", "comments", "comments_csv"):
            response = self.get(name)
            self.assertEqual(response.status_code, 302)
            self.assertTrue(response["Location"].startswith("/login/"))

    def test_the_owner_sees_scores_that_match_the_metrics_computed_directly(self) -> None:
        self.login(self.owner)
        response = self.get("overview")
        card = response.context["insights"].scores[0]
        expected = nps(pl.Series(NPS_SCORES))
        self.assertEqual(card.label, "NPS")
        self.assertEqual(card.current, expected)
        self.assertContains(response, f"n = {expected.n}")
        self.assertContains(response, f"{expected.value:.0f}")

    def test_the_theme_table_counts_the_stored_mentions(self) -> None:
        self.login(self.owner)
        themes = self.get("overview").context["insights"].themes
        self.assertTrue(themes)
        analysed = ResponseAnalysis.objects.filter(organisation=self.org).count()
        for row in themes:
            mentions = Response.objects.filter(theme_mentions__theme=row.theme).count()
            self.assertEqual(row.volume, mentions)
            self.assertAlmostEqual(row.share, 100 * mentions / analysed)

    def test_an_outsider_sees_nothing_of_the_owners_account(self) -> None:
        self.login(self.outsider)
        overview = self.get("overview")
        self.assertEqual(overview.context["insights"].scores[0].current.n, 0)
        self.assertEqual(overview.context["insights"].themes, [])
        self.assertNotContains(self.get("comments"), "Billing charged me twice")
        self.assertNotContains(self.get("comments_csv"), "Billing charged me twice")

    def test_a_stranger_sees_nothing_of_northwind(self) -> None:
        self.login(self.stranger)
        self.assertEqual(self.get("overview").context["insights"].analysed, 0)
        self.assertNotContains(self.get("comments"), "Billing charged me twice")
        self.assertNotContains(self.get("comments_csv"), "refunded")

    def test_the_explorer_filters_by_theme_flag_and_search(self) -> None:
        self.login(self.owner)
        churn = self.get("comments", flag="churn")
        self.assertContains(churn, "nobody refunded it")
        self.assertNotContains(churn, "friendly and fast")
        self.assertContains(self.get("comments", q="friendly"), "friendly and fast")
        self.assertNotContains(self.get("comments", q="friendly"), "refunded")
        theme = self.get("overview").context["insights"].themes[0].theme
        for row in self.get("comments", theme=theme).context["rows"]:
            self.assertIn(theme, row["themes"])

    def test_comments_are_escaped_and_signals_highlighted(self) -> None:
        self.login(self.owner)
        response = self.get("comments", q="invoice")
        self.assertNotContains(response, "<script>alert(1)</script>")
        self.assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")
        self.assertContains(self.get("comments", flag="churn"), "<mark")

    def test_an_htmx_request_gets_only_the_results(self) -> None:
        self.login(self.owner)
        response = self.client.get(
            reverse("insights:comments"), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results"
        )
        self.assertNotContains(response, "<html")
        self.assertContains(response, "friendly and fast")

    def test_the_csv_export_cannot_become_a_formula(self) -> None:
        self.login(self.owner)
        response = self.get("comments_csv")
        content = b"".join(response.streaming_content).decode()
        self.assertIn("'=HYPERLINK", content)
        self.assertNotIn(",=HYPERLINK", content)
        self.assertNotIn('"=HYPERLINK', content)

    def test_get_changes_nothing(self) -> None:
        self.login(self.owner)
        before = (Response.objects.count(), ResponseAnalysis.objects.count())
        for name in ("overview", "comments", "comments_csv"):
            self.get(name, days="30")
        self.assertEqual((Response.objects.count(), ResponseAnalysis.objects.count()), before)

    def test_an_unknown_period_falls_back_to_ninety_days(self) -> None:
        self.login(self.owner)
        self.assertEqual(self.get("overview", days="7").context["insights"].days, 90)


class HighlightTest(SimpleTestCase):
    def test_it_escapes_text_and_marks_only_valid_spans(self) -> None:
        text = "<b>I fear</b> we & they"
        html = highlighted(
            text,
            [
                {"kind": "fear", "start": 3, "end": 9},
                {"kind": "overlap", "start": 6, "end": 12},
                {"kind": "outside", "start": 20, "end": 99},
            ],
        )
        self.assertEqual(html, '&lt;b&gt;<mark title="fear">I fear</mark>&lt;/b&gt; we &amp; they')
