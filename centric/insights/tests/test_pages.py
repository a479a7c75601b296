"""The Insights pages: figures from the feedback a person may see, comments shown safely, and a
CSV export that no spreadsheet can turn into a formula."""

from __future__ import annotations

import datetime as dt
import importlib
import io
import re
from collections import defaultdict
from typing import Any

import polars as pl
from django.apps import apps
from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from centric.customers.models import Customer
from centric.feedback import services as feedback_services
from centric.feedback.models import Response
from centric.insights import services
from centric.insights.highlight import highlighted, theme_spans
from centric.insights.metrics import estimate, nps
from centric.insights.models import ResponseAnalysis, ThemeMention
from centric.insights.page_charts import impact_figure, score_figures, score_trend
from centric.insights.report.numbers import number, signed
from centric.insights.selectors import Driver
from centric.insights.tests.test_page_charts import nps_card
from centric.insights.views import XLSX
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

    def analysed(self, comment: str, *, days_ago: int = 0, **values: Any) -> Response:
        """A comment of Acme's (or of ``customer``), ``days_ago``, read by the engine."""
        response = Response.objects.create(
            organisation=self.org,
            customer=values.pop("customer", None) or Customer.objects.get(account=self.account),
            channel=Response.Channel.API,
            comment=comment,
            responded_at=timezone.now() - dt.timedelta(days=days_ago),
            **values,
        )
        services.responses_analyse(response_ids=[response.pk])
        return response

    def test_anonymous_visitors_are_sent_to_sign_in(self) -> None:
        for name in ("overview", "comments", "comments_csv", "comments_xlsx"):
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

    def test_the_overview_can_be_printed_or_saved_as_pdf(self) -> None:
        self.login(self.owner)
        page = self.get("overview")
        # the button prints with JavaScript (print.js) and is hidden without it (centric.css)
        self.assertContains(page, "data-print>Print or save as PDF</button>")
        # hashed in production (print.<hash>.js)
        self.assertRegex(page.content.decode(), r'<script src="/static/centric/print\.(\w+\.)?js"')
        self.assertContains(page, f'class="print-only muted">{self.org} · printed ')

    def test_the_theme_table_counts_the_stored_mentions(self) -> None:
        self.login(self.owner)
        themes = self.get("overview").context["insights"].themes
        self.assertTrue(themes)
        analysed = ResponseAnalysis.objects.filter(organisation=self.org).count()
        for row in themes:
            mentions = Response.objects.filter(theme_mentions__theme=row.theme).count()
            self.assertEqual(row.volume, mentions)
            self.assertAlmostEqual(row.share, 100 * mentions / analysed)

    def test_a_theme_with_few_mentions_gives_a_count_not_a_share(self) -> None:
        self.analysed("The price went up again, far too expensive.")
        self.login(self.owner)
        page = self.get("overview")
        rows = {row.theme: row for row in page.context["insights"].themes}
        self.assertEqual((rows["price"].volume, rows["price"].negative_count), (1, 1))
        self.assertTrue(rows["price"].few)
        self.assertFalse(rows["billing"].few)
        self.assertIn('class="nowrap">1 of 1</a>', page.content.decode())
        self.assertContains(page, "those that do not: an association, not a cause.")

    def test_internal_customers_can_be_read_apart_from_external_ones(self) -> None:
        from centric.customers.services import customer_ensure_for_team

        self.analysed(
            "The IT desk never answers our tickets.",
            customer=customer_ensure_for_team(team=self.team),
            score=2,
            score_type="nps",
        )
        self.login(self.cx_lead)
        everyone = self.get("overview").context["insights"].scores[0].current.n
        internal = self.get("overview", who="internal")
        self.assertEqual(internal.context["insights"].scores[0].current.n, 1)
        self.assertEqual(
            self.get("overview", who="external").context["insights"].scores[0].current.n,
            everyone - 1,
        )
        self.assertContains(internal, '<option value="internal" selected>')
        self.assertContains(internal, "?days=90&amp;who=internal")  # Explore comments keeps it
        comments = self.get("comments", who="internal")
        self.assertEqual(
            [row["response"].comment for row in comments.context["rows"]],
            ["The IT desk never answers our tickets."],
        )
        self.assertEqual(comments.context["scope_query"], "days=90&who=internal")
        self.assertEqual(self.get("overview", who="nobody").context["filters"]["who"], "")

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
        self.assertContains(churn, "me twice and nobody")
        self.assertNotContains(churn, "and fast, thank you")
        self.assertContains(self.get("comments", q="friendly"), "and fast, thank you")
        self.assertNotContains(self.get("comments", q="friendly"), "refunded")
        theme = self.get("overview").context["insights"].themes[0].theme
        for row in self.get("comments", theme=theme).context["rows"]:
            self.assertIn(theme, [mention.theme for mention in row["themes"]])

    def test_with_a_theme_the_sentiment_filter_reads_what_is_said_about_it(self) -> None:
        mixed = self.analysed(
            "The staff were lovely and helpful, but the delivery was three weeks late "
            "and arrived damaged."
        )
        self.login(self.owner)

        def listed(**filters: str) -> bool:
            return mixed in [
                row["response"] for row in self.get("comments", **filters).context["rows"]
            ]

        self.assertTrue(listed(theme="staff", sentiment="positive"))
        self.assertFalse(listed(theme="staff", sentiment="negative"))
        self.assertTrue(listed(theme="delivery", sentiment="negative"))
        self.assertFalse(listed(sentiment="positive"))  # the comment as a whole is negative
        page = self.get("comments", theme="staff", sentiment="positive")
        self.assertContains(page, "what each comment says about staff")
        self.assertContains(page, "staff · positive</span>")
        self.assertContains(page, "delivery · negative</span>")
        overview = self.get("overview").content.decode()
        self.assertIn("?theme=delivery&amp;sentiment=negative&amp;days=90", overview)
        csv = b"".join(self.get("comments_csv", theme="staff").streaming_content).decode()
        self.assertIn("delivery: negative; staff: positive", csv)

    def test_the_explorer_reads_the_comments_of_one_survey(self) -> None:
        survey = feedback_services.survey_create_from_template(
            actor=self.cx_lead, template="relationship-nps", values={"name": "Q4 relationship"}
        )
        self.analysed("The pumps arrive scratched every time.", survey=survey)
        self.login(self.owner)

        page = self.get("comments", survey=str(survey.pk), days="365")

        self.assertEqual(
            [row["response"].comment for row in page.context["rows"]],
            ["The pumps arrive scratched every time."],
        )
        self.assertContains(page, f'<option value="{survey.pk}" selected>Q4 relationship</option>')
        csv = b"".join(self.get("comments_csv", survey=str(survey.pk)).streaming_content)
        self.assertIn(b"scratched", csv)
        self.assertNotIn(b"friendly", csv)

    def test_the_overview_reads_one_surveys_responses(self) -> None:
        survey = feedback_services.survey_create_from_template(
            actor=self.cx_lead, template="relationship-nps", values={"name": "Q4 relationship"}
        )
        for score in (10, 9, 2):
            self.analysed(
                "The pumps arrive scratched.", survey=survey, score=score, score_type="nps"
            )
        self.login(self.owner)

        page = self.get("overview", survey=str(survey.pk))

        nps = page.context["insights"].scores[0]
        self.assertEqual(nps.current.n, 3)  # of the survey's three, not the other forty
        self.assertEqual(page.context["scope_query"], f"days=90&survey={survey.pk}")
        self.assertContains(page, f"/insights/comments/?days=90&amp;survey={survey.pk}")
        self.assertContains(page, f'<option value="{survey.pk}" selected>Q4 relationship</option>')
        every = self.get("overview").context["insights"].scores[0]
        self.assertEqual(every.current.n, len(NPS_SCORES) + 3)

    def test_a_responses_page_shows_what_the_engine_read_in_its_comment(self) -> None:
        read = self.analysed(
            "The staff were lovely, but the <b>delivery</b> was three weeks late. We will cancel."
        )
        unread = Response.objects.create(
            organisation=self.org,
            customer=read.customer,
            channel=Response.Channel.API,
            comment="Not yet read",
            responded_at=timezone.now(),
        )
        self.login(self.owner)

        page = self.client.get(reverse("feedback:response_detail", args=[read.pk]))
        self.assertContains(page, "What the engine read")
        self.assertContains(page, "&lt;b&gt;")  # the comment is escaped
        self.assertNotContains(page, "<b>delivery</b>")
        self.assertContains(page, '<sup class="mark-kind muted">theme: delivery</sup>')
        self.assertContains(page, "delivery · negative</span>")
        self.assertContains(page, "staff · positive</span>")
        self.assertContains(page, '<span class="badge at_risk">Churn risk</span>', html=True)
        # the explorer and the home page lead to it
        detail = reverse("feedback:response_detail", args=[read.pk])
        self.assertContains(self.get("comments", q="three weeks"), f'<a href="{detail}"')
        self.assertContains(self.client.get(reverse("home")), f'<a href="{detail}">')
        waiting = self.client.get(reverse("feedback:response_detail", args=[unread.pk]))
        self.assertContains(waiting, "Not read yet")
        self.login(self.outsider)  # serves none of Acme
        self.assertEqual(
            self.client.get(reverse("feedback:response_detail", args=[read.pk])).status_code, 404
        )

    def test_comments_are_escaped_and_signals_highlighted(self) -> None:
        self.login(self.owner)
        response = self.get("comments", q="invoice")
        self.assertNotContains(response, "<script>alert(1)</script>")
        self.assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")
        self.assertContains(self.get("comments", flag="churn"), "<mark")
        self.assertContains(
            self.get("comments", q="invoice"), '<sup class="mark-kind muted">theme: billing</sup>'
        )

    def test_the_people_and_teams_praised_are_named_in_the_explorer_and_its_exports(self) -> None:
        self.analysed("The Finance team sorted our invoice out the same day, great job.")
        self.login(self.owner)

        page = self.get("comments", flag="praise", q="Finance")
        self.assertContains(page, '<span class="badge done">Praise: Finance</span>', html=True)
        csv = b"".join(self.get("comments_csv", flag="praise", q="Finance").streaming_content)
        header, row = csv.decode("utf-8-sig").splitlines()[:2]
        self.assertIn("praised", header.split(","))
        self.assertIn(",yes,Finance,", row)

    def test_an_htmx_request_gets_only_the_results(self) -> None:
        self.login(self.owner)
        response = self.client.get(
            reverse("insights:comments"), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results"
        )
        self.assertNotContains(response, "<html")
        self.assertContains(response, "and fast, thank you")

    def test_the_export_and_explore_links_follow_the_filters_the_results_were_swapped_for(
        self,
    ) -> None:
        self.login(self.owner)
        htmx = {"HX-Request": "true", "HX-Target": "results"}
        comments = self.client.get(
            reverse("insights:comments"), {"flag": "churn", "days": "30"}, headers=htmx
        )
        self.assertContains(comments, 'id="page-actions" hx-swap-oob="true"')
        self.assertContains(comments, "/insights/comments.csv?flag=churn&amp;days=30")
        self.assertContains(comments, "/insights/comments.xlsx?flag=churn&amp;days=30")
        overview = self.client.get(reverse("insights:overview"), {"days": "365"}, headers=htmx)
        self.assertContains(overview, 'id="page-actions" hx-swap-oob="true"')
        self.assertContains(overview, "/insights/comments/?days=365")
        whole_page = self.get("comments", flag="churn")
        self.assertNotContains(whole_page, "hx-swap-oob")

    def test_the_way_back_to_the_overview_keeps_the_period_and_segment(self) -> None:
        self.login(self.owner)
        comments = self.get("comments", theme="billing", days="365", segment="7")
        self.assertContains(comments, 'href="/insights/?days=365&amp;segment=7">Insights overview')

    def test_an_export_is_named_by_what_it_holds_and_when(self) -> None:
        self.login(self.owner)
        today = timezone.localdate().isoformat()
        csv = self.get("comments_csv", theme="Billing & refunds", sentiment="negative", days="30")
        self.assertEqual(
            csv["Content-Disposition"],
            f'attachment; filename="comments-billing-refunds-negative-30-days-{today}.csv"',
        )
        week = self.get("comments_xlsx", week="2026-09-07", flag="churn")
        self.assertEqual(
            week["Content-Disposition"],
            f'attachment; filename="comments-churn-week-of-2026-09-07-{today}.xlsx"',
        )

    def test_the_csv_export_cannot_become_a_formula(self) -> None:
        self.login(self.owner)
        response = self.get("comments_csv")
        content = b"".join(response.streaming_content).decode()
        self.assertIn("'=HYPERLINK", content)
        self.assertNotIn(",=HYPERLINK", content)
        self.assertNotIn('"=HYPERLINK', content)

    def test_the_xlsx_export_keeps_text_as_text(self) -> None:
        self.login(self.owner)
        response = self.get("comments_xlsx")
        self.assertEqual(response["Content-Type"], XLSX)
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert sheet is not None
        comments = [row[-1] for row in sheet.iter_rows(min_row=2, values_only=True)]
        self.assertIn('=HYPERLINK("http://evil.example") delivery was late', comments)
        cell = next(c for c in sheet["O"] if str(c.value).startswith("=HYPERLINK"))  # comment
        self.assertEqual(cell.data_type, "s")  # shown as typed, never evaluated

    def test_a_stranger_exports_nothing_of_northwind(self) -> None:
        self.login(self.stranger)
        sheet = load_workbook(io.BytesIO(self.get("comments_xlsx").content)).active
        assert sheet is not None
        self.assertEqual(sheet.max_row, 1)  # the header only

    def test_each_score_card_has_a_trend_by_period_with_intervals(self) -> None:
        self.login(self.owner)
        response = self.get("overview", days="90")
        card = response.context["insights"].scores[0]
        self.assertEqual(card.period, "month")
        self.assertEqual(sum(point[4] for point in card.points), len(NPS_SCORES))
        self.assertContains(response, "NPS by month, with 95% intervals")
        self.assertEqual(
            self.get("overview", days="30").context["insights"].scores[0].period, "week"
        )

    def test_themes_have_a_csat_impact_as_well_as_an_nps_one(self) -> None:
        acme = Customer.objects.get(account=self.account)
        now = timezone.now()
        rated = [
            Response.objects.create(
                organisation=self.org,
                customer=acme,
                channel=Response.Channel.API,
                score=2 if i % 2 else 5,
                score_type="csat",
                comment="Billing charged me twice." if i % 2 else "Support was quick and kind.",
                responded_at=now - dt.timedelta(days=1 + i % 30),
            )
            for i in range(60)
        ]
        services.responses_analyse(response_ids=[response.pk for response in rated])
        self.login(self.owner)
        response = self.get("overview")
        billing = next(r for r in response.context["insights"].themes if r.theme == "billing")
        csat = billing.drivers["csat"]
        assert csat.effect is not None
        self.assertLess(csat.effect, 0)
        self.assertContains(response, "What goes with CSAT")
        self.assertContains(response, "CSAT impact (95% CI)")

    def test_the_driver_chart_writes_each_association_out(self) -> None:
        self.login(self.owner)
        response = self.get("overview")
        rows = response.context["driver_sections"][0][1].rows
        self.assertTrue(rows)
        forest = response.content.decode().split('<table class="forest">')[1].split("</table>")[0]
        for _, driver, _, _ in rows:
            figure = (
                f"{signed(driver.effect, 0)} ({number(driver.low, 0)} to {number(driver.high, 0)})"
            )
            self.assertIn(figure, forest)
        self.assertNotIn("title=", forest)

    def test_a_change_in_mentions_from_a_period_without_comments_says_there_is_no_earlier_data(
        self,
    ) -> None:
        self.login(self.owner)
        response = self.get("overview", days="90")  # every comment is from the last 40 days
        self.assertEqual(response.context["insights"].previous_read, 0)
        self.assertContains(response, "no earlier data")
        self.assertNotContains(response, "from 0")

    def test_a_theme_not_mentioned_in_the_period_before_is_new(self) -> None:
        self.analysed("The price went up again and it is far too expensive.", days_ago=2)
        self.login(self.owner)
        response = self.get("overview", days="30")  # days 31 to 40 are the period before
        insights = response.context["insights"]
        row = next(r for r in insights.themes if r.theme == "price")
        self.assertGreater(insights.previous_read, 0)
        self.assertEqual(row.previous_volume, 0)
        table = response.content.decode().split('id="themes-h"')[1].split("</table>")[0]
        price_row = table.split('">price</a></td>')[1].split("</tr>")[0]
        self.assertIn(">new</td>", price_row)
        self.assertNotIn("no earlier data", table)

    def test_the_change_is_in_the_share_of_comments_not_in_raw_mentions(self) -> None:
        # more comments in one period than the other move every count, not the shares
        for days_ago in (35, 36):
            self.analysed("Delivery was late.", days_ago=days_ago)
            self.analysed("Lovely people.", days_ago=days_ago)
        self.login(self.owner)
        before = self.get("overview", days="30").context["insights"]
        delivery = next(r for r in before.themes if r.theme == "delivery")
        self.assertEqual(
            delivery.share_change,
            delivery.share - 100.0 * delivery.previous_volume / before.previous_read,
        )
        table = self.get("overview", days="30").content.decode().split('id="themes-h"')[1]
        row = table.split('">delivery</a></td>')[1].split("</tr>")[0]
        self.assertIn(f"{signed(delivery.share_change, 0)} pts", row)
        self.assertIn(f"from {delivery.previous_share:.0f}%", row)

    def test_the_overview_has_a_sentiment_shift_section(self) -> None:
        self.login(self.owner)
        response = self.get("overview")
        self.assertEqual(response.context["insights"].shifts, [])
        self.assertContains(response, "No sentiment shifts in this period.")

    def burst(self, *comments: str) -> dt.date:
        """Ten weeks of a dozen comments, one about billing, then ``comments`` beside the dozen
        in the week two weeks back, all read; the owner signed in. Returns that week's Monday."""
        acme = Customer.objects.get(account=self.account)
        today = timezone.localdate()
        monday = today - dt.timedelta(days=today.weekday() + 14)
        noon = dt.time(12, tzinfo=timezone.get_current_timezone())
        weeks = [monday - dt.timedelta(weeks=w) for w in range(0, 11)]
        dated = [(day, "Support was friendly and fast.") for day in weeks for _ in range(12)]
        dated += [(day, "The invoice was wrong again.") for day in weeks[1:]]
        dated += [(monday, comment) for comment in comments]
        burst = [
            Response.objects.create(
                organisation=self.org,
                customer=acme,
                channel=Response.Channel.API,
                comment=comment,
                responded_at=dt.datetime.combine(day + dt.timedelta(days=i % 3), noon),
            )
            for i, (day, comment) in enumerate(dated)
        ]
        services.responses_analyse(response_ids=[response.pk for response in burst])
        self.login(self.owner)
        return monday

    def test_a_spike_links_to_the_comments_of_its_own_week(self) -> None:
        monday = self.burst(*["The invoice was wrong again."] * 15)  # fifteen about billing

        overview = self.get("overview")
        (group,) = overview.context["insights"].spike_weeks
        (spike,) = group.spikes
        self.assertEqual(spike.theme, "billing")
        self.assertEqual(spike.week, monday)
        link = f"/insights/comments/?theme=billing&amp;week={monday.isoformat()}"
        self.assertContains(overview, link)

        week = self.get("comments", theme="billing", week=monday.isoformat())
        shown = [row["response"].responded_at for row in week.context["rows"]]
        self.assertEqual(len(shown), spike.count)  # the very mentions the spike counted
        for responded_at in shown:
            day = timezone.localdate(responded_at)
            self.assertEqual(day - dt.timedelta(days=day.weekday()), monday)
        self.assertContains(week, f"Week of {monday:%-d %b %Y}")
        self.assertContains(week, f"week={monday.isoformat()}")  # the exports keep the week

    def test_themes_that_spike_in_the_same_week_are_one_entry(self) -> None:
        # a double charge: the invoice and the refund it calls for, and a few of either alone
        monday = self.burst(
            *["Charged twice on the invoice, and still no refund."] * 12,
            *["The invoice was wrong again."] * 4,
            *["Where is my refund?"] * 4,
        )

        overview = self.get("overview")
        (group,) = overview.context["insights"].spike_weeks
        self.assertEqual(group.week, monday)
        self.assertEqual([spike.theme for spike in group.spikes], ["billing", "refunds"])
        themes = defaultdict(set)  # of every comment of the week, the fixture's included
        for pk, theme in ThemeMention.objects.filter(
            response__responded_at__date__range=(monday, monday + dt.timedelta(days=6))
        ).values_list("response_id", "theme"):
            themes[pk].add(theme)
        in_week = [pk for pk, found in themes.items() if {"billing", "refunds"} <= found]
        self.assertGreaterEqual(len(in_week), 12)  # at least the double charges
        self.assertEqual(group.shared, len(in_week))
        section = overview.content.decode().split('id="spikes-h"')[1].split("</section>")[0]
        self.assertEqual(section.count("<li>"), 1)
        self.assertIn(f"Week of {monday:%-d %b %Y}", section)
        self.assertIn(f"{len(in_week)} comments mention both.", section)
        for theme in ("billing", "refunds"):
            self.assertIn(f"?theme={theme}&amp;week={monday.isoformat()}", section)

    def test_a_week_that_is_not_a_date_is_ignored(self) -> None:
        self.login(self.owner)
        response = self.get("comments", week="last-tuesday")
        self.assertEqual(response.status_code, 200)
        self.assertIsNone(response.context["filters"]["week"])

    def test_a_week_named_by_another_day_is_the_week_that_holds_it(self) -> None:
        self.login(self.owner)
        tuesday = dt.date(2026, 10, 27)
        response = self.get("comments", week=tuesday.isoformat())
        self.assertEqual(response.context["filters"]["week"], dt.date(2026, 10, 26))

    def test_a_page_before_the_first_is_the_first(self) -> None:
        self.login(self.owner)
        for asked in ("-1", "0", "x"):
            self.assertEqual(self.get("comments", page=asked).context["page"].number, 1)

    def test_get_changes_nothing(self) -> None:
        self.login(self.owner)
        before = (Response.objects.count(), ResponseAnalysis.objects.count())
        for name in ("overview", "comments", "comments_csv", "comments_xlsx"):
            self.get(name, days="30")
        self.assertEqual((Response.objects.count(), ResponseAnalysis.objects.count()), before)

    def test_the_home_pages_scores_lead_to_insights_and_read_as_insights_writes_them(
        self,
    ) -> None:
        for _ in range(20):  # the NPS falls below zero
            self.analysed("Terrible.", score=0, score_type="nps")
        self.login(self.cx_lead)

        home = self.client.get(reverse("home"))

        self.assertContains(home, f'href="{reverse("insights:overview")}?days=90"')
        value = nps(pl.Series([*NPS_SCORES, *[0] * 20])).value
        assert value is not None
        self.assertLess(value, 0)
        self.assertContains(home, f'<div class="stat">{number(value, 0)}</div>', html=True)
        self.assertIn("−", number(value, 0))  # a minus sign, as on the Insights pages

    def test_the_explorer_orders_comments_as_asked(self) -> None:
        self.login(self.cx_lead)
        newest = self.get("comments")
        negative = self.get("comments", order="negative")

        scores = [row.analysis.sentiment_score for row in negative.context["page"]]
        self.assertEqual(scores, sorted(scores))
        self.assertContains(
            negative, '<option value="negative" selected>Most negative first</option>'
        )
        dates = [row.responded_at for row in newest.context["page"]]
        self.assertEqual(dates, sorted(dates, reverse=True))

    def test_an_unknown_period_falls_back_to_ninety_days(self) -> None:
        self.login(self.owner)
        self.assertEqual(self.get("overview", days="7").context["insights"].window.days, 90)


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
        self.assertEqual(
            html,
            '&lt;b&gt;<mark>I fear</mark><sup class="mark-kind muted">fear</sup>&lt;/b&gt; we &amp; they',
        )

    def test_each_mark_says_what_it_is_without_hovering(self) -> None:
        html = highlighted("We will cancel", [{"kind": "churn_risk", "start": 8, "end": 14}])
        self.assertEqual(
            html, 'We will <mark>cancel</mark><sup class="mark-kind muted">churn risk</sup>'
        )


class ThemeSpansTest(SimpleTestCase):
    def test_each_themes_evidence_is_found_in_the_text_whatever_its_case(self) -> None:
        text = "Refunded late. The <b>Billing</b> team"
        spans = theme_spans(
            text,
            [
                {"name": "refunds", "evidence": ["refund"]},
                {"name": "billing", "evidence": ["billing", "absent"]},
            ],
        )
        self.assertEqual(
            [(span["kind"], text[span["start"] : span["end"]]) for span in spans],
            [("theme: refunds", "Refunded"), ("theme: billing", "Billing")],
        )
        html = highlighted(text, spans)
        self.assertIn(
            '<mark>Refunded</mark><sup class="mark-kind muted">theme: refunds</sup>', html
        )
        self.assertIn(
            '&lt;b&gt;<mark>Billing</mark><sup class="mark-kind muted">theme: billing</sup>&lt;/b&gt;',
            html,
        )


class ScoreTrendChartTest(SimpleTestCase):
    def test_a_first_or_last_month_counted_only_in_part_is_named_by_its_days(self) -> None:
        months = [dt.date(2026, month, 1) for month in (9, 10, 11, 12)]
        card = nps_card(
            [(month, -8.0, -20.0, 4.0, 85) for month in months],
            covers=(dt.date(2026, 9, 4), dt.date(2026, 12, 3)),
        )
        labels = [row[0] for row in score_figures(card)]
        self.assertEqual(labels, ["4–30 Sep 2026", "Oct 2026", "Nov 2026", "1–3 Dec 2026"])
        chart = score_trend(card)
        assert chart is not None
        self.assertIn(">4–30 Sep</text>", chart)  # the year under it
        self.assertIn(">1–3 Dec</text>", chart)
        self.assertIn("<title>4–30 Sep 2026: −8 (95% CI −20 to 4), n = 85</title>", chart)

    def test_a_part_week_is_named_by_its_days_and_a_whole_one_by_its_monday(self) -> None:
        mondays = [dt.date(2026, 11, 2), dt.date(2026, 11, 9), dt.date(2026, 11, 30)]
        card = nps_card(
            [(monday, 10.0, 0.0, 20.0, 40) for monday in mondays],
            period="week",
            covers=(dt.date(2026, 11, 3), dt.date(2026, 12, 3)),
        )
        self.assertEqual(
            [row[0] for row in score_figures(card)],
            ["3–8 Nov", "week of 9 Nov", "30 Nov–3 Dec"],
        )

    def test_the_score_axis_has_round_ticks(self) -> None:
        months = [dt.date(2026, month, 1) for month in (9, 10, 11)]
        chart = score_trend(
            nps_card(
                [
                    (months[0], -6.0, -22.0, 11.0, 85),
                    (months[1], -6.0, -25.0, 14.0, 68),
                    (months[2], 24.0, 5.0, 41.0, 59),
                ]
            )
        )
        assert chart is not None
        # the labels left of the plot: the score's ticks, then "n" beside the bars (on a card
        # this small a scale of counts under the score's would read as one axis)
        ticks = re.findall(r'dx="-6" y="[\d.]+" text-anchor="end" class="axis">([^<]+)<', chart)
        self.assertEqual(ticks, ["−50", "0", "50", "n"])

    def test_the_line_breaks_where_a_period_has_too_few_answers(self) -> None:
        months = [dt.date(2026, month, 1) for month in (1, 2, 3, 4)]
        chart = score_trend(
            nps_card(
                [
                    (months[0], 20.0, 10.0, 30.0, 40),
                    (months[1], 25.0, 15.0, 35.0, 45),
                    (months[2], None, -20.0, 60.0, 5),
                    (months[3], 30.0, 20.0, 40.0, 50),
                ]
            )
        )
        assert chart is not None
        self.assertEqual(chart.count("<polyline"), 2)
        self.assertEqual(chart.count("<rect"), 4)
        self.assertIn("Mar 2026: too few answers, n = 5", chart)
        self.assertIn("Jan 2026: 20 (95% CI 10 to 30), n = 40", chart)

    def test_a_period_between_two_gaps_still_shows_its_interval(self) -> None:
        months = [dt.date(2026, month, 1) for month in (1, 2, 3)]
        chart = score_trend(
            nps_card(
                [
                    (months[0], None, None, None, 5),
                    (months[1], 20.0, 10.0, 30.0, 40),
                    (months[2], None, None, None, 4),
                ]
            )
        )
        assert chart is not None
        self.assertIn('class="whisker"', chart)

    def test_every_periods_figure_is_written_out_as_well_as_drawn(self) -> None:
        months = [dt.date(2026, month, 1) for month in (1, 2)]
        rows = score_figures(
            nps_card([(months[0], 20.0, 10.0, 30.0, 40), (months[1], None, -20.0, 60.0, 5)])
        )
        self.assertEqual(
            rows,
            [("Jan 2026", "20", "10 to 30", 40), ("Feb 2026", "too few answers", "", 5)],
        )

    def test_no_answers_no_chart(self) -> None:
        self.assertIsNone(score_trend(nps_card([])))


class ImpactFigureTest(SimpleTestCase):
    def driver(self, effect: float, low: float, high: float) -> Driver:
        return Driver(effect, low, high, significant=True, reliable=True, sentence="")

    def test_an_interval_clear_of_zero_is_not_rounded_onto_it(self) -> None:
        self.assertEqual(impact_figure(self.driver(-1.4, -2.8, -0.1)), "−1.4 (−2.8 to −0.1)")
        self.assertEqual(impact_figure(self.driver(30.2, 4.4, 56.0)), "+30 (4 to 56)")
        self.assertEqual(impact_figure(self.driver(-8.1, -16.2, 0.3)), "−8 (−16 to 0)")

    def test_in_the_theme_table_it_says_points(self) -> None:
        self.assertEqual(
            impact_figure(self.driver(-1.2, -30.0, 31.0), points=True), "−1 point (−30 to 31)"
        )
        self.assertEqual(
            impact_figure(self.driver(7.0, -13.0, 26.0), points=True), "+7 points (−13 to 26)"
        )
        self.assertEqual(impact_figure(None), "")


class CentricityCardTest(PersonasTestCase):
    """The customer-centricity index (seed 003): discovery, service and engagement answers."""

    answers: list[tuple[int, int, int]]

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        from centric.feedback import services as feedback_services
        from centric.feedback.models import Answer

        survey = feedback_services.survey_create_from_template(
            actor=cls.admin, template="customer-centricity", values={"name": "How we work"}
        )
        questions = {q.key: q for q in survey.questions.all()}
        acme = Customer.objects.get(account=cls.account)
        cls.answers = [(4, 5, 3), (5, 5, 4), (3, 4, 2), (2, 3, 3), (4, 4, 4)] * 8
        for i, numbers in enumerate(cls.answers):
            response = Response.objects.create(
                organisation=cls.org,
                survey=survey,
                customer=acme,
                channel=Response.Channel.EMAIL,
                responded_at=timezone.now() - dt.timedelta(days=1 + i),
            )
            Answer.objects.bulk_create(
                Answer(response=response, question=questions[key], number=number)
                for key, number in zip(("discovery", "service", "engagement"), numbers, strict=True)
            )
        # a respondent who skipped engagement counts in no index value
        skipped = Response.objects.create(
            organisation=cls.org, survey=survey, customer=acme, channel=Response.Channel.EMAIL
        )
        Answer.objects.create(response=skipped, question=questions["discovery"], number=1)

    def test_the_index_card_matches_the_metric_computed_directly(self) -> None:
        from centric.insights.metrics import CentricityIndex

        self.login(self.owner)
        page = self.client.get(reverse("insights:overview"))
        card = page.context["insights"].scores[-1]
        frame = pl.DataFrame(
            self.answers, schema=["discovery", "service", "engagement"], orient="row"
        )
        expected = estimate(frame, CentricityIndex())
        self.assertEqual(card.label, "Customer-centricity index")
        self.assertEqual(card.current.n, len(self.answers))
        self.assertAlmostEqual(card.current.value, expected.value)
        self.assertContains(page, "Customer-centricity index · n = 40")

    def test_someone_who_may_not_see_the_answers_gets_no_index(self) -> None:
        self.login(self.outsider)
        card = self.client.get(reverse("insights:overview")).context["insights"].scores[-1]
        self.assertEqual(card.current.n, 0)


class UnreadLanguageTest(PersonasTestCase):
    """A comment in a language the engine does not read (Polish, Swedish) is said to be unread,
    not misread."""

    def test_unread_comments_are_left_out_of_theme_shares_and_drivers(self) -> None:
        # every English comment is about billing; the Swedish ones, unread, are the only
        # comments without it, and their themes are unknown: nothing to compare billing with
        acme = Customer.objects.get(account=self.account)
        comments = ["We were charged twice for the same invoice."] * 12 + [
            "Fakturan var dubbel och supporten har inte svarat oss."
        ] * 12
        responses = [
            Response.objects.create(
                organisation=self.org,
                customer=acme,
                channel=Response.Channel.API,
                score=2 if index < 12 else 10,
                score_type="nps",
                comment=comment,
                responded_at=timezone.now() - dt.timedelta(days=1 + index % 5),
            )
            for index, comment in enumerate(comments)
        ]
        services.responses_analyse(response_ids=[response.pk for response in responses])

        self.login(self.owner)
        insights = self.client.get(reverse("insights:overview")).context["insights"]
        self.assertEqual((insights.analysed, insights.unread), (24, 12))
        billing = next(row for row in insights.themes if row.theme == "billing")
        self.assertEqual(billing.volume, 12)
        self.assertEqual(billing.share, 100.0)
        self.assertTrue("nps" not in billing.drivers or not billing.drivers["nps"].reliable)

    def test_a_swedish_comment_is_stored_unread_and_said_so_on_the_pages(self) -> None:
        acme = Customer.objects.get(account=self.account)
        swedish, *others = (
            Response.objects.create(
                organisation=self.org,
                customer=acme,
                channel=Response.Channel.API,
                comment=comment,
                responded_at=timezone.now() - dt.timedelta(days=1),
            )
            for comment in (
                "Delarna är bra. Supporten löste vårt problem direkt, tack och hej.",
                "Dostawa była bardzo szybka, dziękujemy.",
                "Faktura nie zgadza się z ofertą.",
            )
        )
        services.responses_analyse(response_ids=[swedish.pk, *(other.pk for other in others)])
        reading = ResponseAnalysis.objects.get(response=swedish)
        self.assertEqual(reading.sentiment_label, "unread")
        self.assertEqual(reading.reading["language"], "sv")

        self.login(self.owner)
        overview = self.client.get(reverse("insights:overview"))
        self.assertContains(
            overview,
            "of which 3 in a language the engine does not read (Polish 2, Swedish 1) were not read",
        )
        self.assertContains(overview, "the engine reads English, German, French, Spanish, ")
        unread = self.client.get(reverse("insights:comments"), {"sentiment": "unread"})
        self.assertContains(unread, "Not read: SV")
        self.assertContains(unread, "Supporten löste vårt problem")

    def test_a_german_comment_is_read_in_german_and_highlighted(self) -> None:
        acme = Customer.objects.get(account=self.account)
        german = Response.objects.create(
            organisation=self.org,
            customer=acme,
            channel=Response.Channel.API,
            comment="Die Lieferung war zu spät und niemand hat uns informiert. "
            "Wenn sich das nicht bessert, verlängern wir nicht.",
            responded_at=timezone.now() - dt.timedelta(days=1),
        )
        services.responses_analyse(response_ids=[german.pk])
        reading = ResponseAnalysis.objects.get(response=german)
        self.assertEqual((reading.sentiment_label, reading.churn_risk), ("negative", True))
        self.assertEqual(reading.reading["language"], "de")
        self.assertEqual(
            set(german.theme_mentions.values_list("theme", "sentiment_label")),
            {("delivery", "negative"), ("communication", "negative")},
        )

        self.login(self.owner)
        page = self.client.get(reverse("insights:comments"), {"theme": "delivery"})
        self.assertContains(page, "Die <mark")  # the word that found the theme, marked
        self.assertContains(page, "verlängern wir nicht")
        self.assertNotContains(page, "Not read: DE")

    def test_french_and_spanish_comments_are_read_in_their_words_and_found_by_language(
        self,
    ) -> None:
        acme = Customer.objects.get(account=self.account)
        comments = {
            "fr": "La livraison est arrivée en retard et personne ne nous a prévenus. "
            "Si ça continue, nous allons résilier notre contrat.",
            "es": "El técnico fue muy amable y resolvió el problema enseguida.",
        }
        responses = {
            language: Response.objects.create(
                organisation=self.org,
                customer=acme,
                channel=Response.Channel.API,
                comment=comment,
                responded_at=timezone.now() - dt.timedelta(days=1),
            )
            for language, comment in comments.items()
        }
        services.responses_analyse(response_ids=[r.pk for r in responses.values()])
        french = ResponseAnalysis.objects.get(response=responses["fr"])
        spanish = ResponseAnalysis.objects.get(response=responses["es"])
        self.assertEqual((french.language, french.sentiment_label), ("fr", "negative"))
        self.assertTrue(french.churn_risk)
        self.assertIn(
            ("delivery", "negative"),
            set(responses["fr"].theme_mentions.values_list("theme", "sentiment_label")),
        )
        self.assertEqual((spanish.language, spanish.sentiment_label), ("es", "positive"))
        self.assertTrue(spanish.praise)

        self.login(self.owner)
        url = reverse("insights:comments")
        page = self.client.get(url, {"language": "fr", "theme": "delivery"})
        self.assertEqual([r.comment for r in page.context["page"]], [comments["fr"]])
        self.assertContains(page, '<option value="fr" selected>French</option>', html=True)
        self.assertContains(page, "La <mark")  # the word that found the theme, marked
        self.assertNotContains(page, "Not read: FR")
        api = self.client.get("/api/insights/comments", {"language": "es"}).json()["items"]
        self.assertEqual([item["comment"] for item in api], [comments["es"]])

    def test_the_explorer_keeps_to_the_comments_of_one_language(self) -> None:
        acme = Customer.objects.get(account=self.account)
        comments = {
            "en": "The delivery was late again.",
            "de": "Die Lieferung war wieder zu spät.",
            "sv": "Leveransen var sen igen och vi är mycket missnöjda.",
        }
        responses = [
            Response.objects.create(
                organisation=self.org,
                customer=acme,
                channel=Response.Channel.API,
                comment=comment,
                responded_at=timezone.now() - dt.timedelta(days=1),
            )
            for comment in comments.values()
        ]
        services.responses_analyse(response_ids=[response.pk for response in responses])
        self.login(self.owner)
        url = reverse("insights:comments")

        german = self.client.get(url, {"language": "de"})
        every = self.client.get(url, {"language": "sv"})  # not offered: every comment
        api = self.client.get("/api/insights/comments", {"language": "en"}).json()["items"]

        shown = [response.comment for response in german.context["page"]]
        self.assertEqual(shown, [comments["de"]])
        self.assertContains(german, '<option value="de" selected>German</option>', html=True)
        self.assertEqual(len(every.context["page"].object_list), 3)
        self.assertEqual([item["comment"] for item in api], [comments["en"]])
        refused = self.client.get("/api/insights/comments", {"language": "sv"})
        self.assertEqual(refused.status_code, 422)
        self.assertEqual(
            dict(ResponseAnalysis.objects.values_list("response__comment", "language")),
            {comments["en"]: "en", comments["de"]: "de", comments["sv"]: "sv"},
        )
        # readings stored before the column say their language within: the migration reads it
        # (of the languages told then)
        ResponseAnalysis.objects.filter(language="de").update(language="en")
        migration = importlib.import_module("centric.insights.migrations.0012_analysis_language")
        migration.from_readings(apps, None)
        self.assertEqual(
            sorted(ResponseAnalysis.objects.values_list("language", flat=True)), ["de", "en", "sv"]
        )
        exported = self.client.get(reverse("insights:comments_csv"), {"language": "de"})
        text = b"".join(exported.streaming_content).decode()  # type: ignore[attr-defined]
        self.assertIn(comments["de"], text)
        self.assertNotIn(comments["en"], text)
