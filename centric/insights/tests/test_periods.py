"""The Insights pages and API for a period of chosen dates ("the third quarter"), against as long a
stretch just before it, beside the last 30, 90 or 365 days; and dates that cannot be a period,
refused with what is wrong."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import polars as pl
from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from centric.core.periods import Window
from centric.customers.models import Customer
from centric.feedback.models import Response
from centric.insights import services
from centric.insights.metrics import Nps, estimate
from centric.insights.models import ThemeDefinition
from centric.insights.selectors import comment_list, insights_overview
from centric.people.services import api_token_create
from tests.personas import PersonasTestCase

TODAY = dt.date(2026, 12, 4)


class WindowTest(SimpleTestCase):
    def test_chosen_dates_cover_whole_local_days_and_the_stretch_before_is_as_long(self) -> None:
        quarter = Window.between(dt.date(2026, 7, 1), dt.date(2026, 9, 30))

        zone = timezone.get_current_timezone()
        self.assertEqual(quarter.start, dt.datetime(2026, 7, 1, tzinfo=zone))
        self.assertEqual(quarter.end, dt.datetime(2026, 10, 1, tzinfo=zone))
        self.assertEqual((quarter.length, quarter.label), (92, "1 Jul 2026 to 30 Sep 2026"))
        self.assertEqual(quarter.previous.label, "31 Mar 2026 to 30 Jun 2026")
        self.assertEqual(quarter.previous_label, "The 92 days before")
        self.assertTrue(quarter.chosen)

    def test_a_single_day_and_the_last_so_many_days(self) -> None:
        day = Window.between(TODAY, TODAY)
        self.assertEqual(
            (day.label, day.length, day.previous_label), ("4 Dec 2026", 1, "The 1 day before")
        )
        last = Window.last(30)
        self.assertEqual((last.label, last.previous_label), ("last 30 days", "Previous 30 days"))
        self.assertEqual(last.previous.end, last.start)
        self.assertFalse(last.chosen)


class ChosenPeriodTestCase(PersonasTestCase):
    """Acme's NPS answers: one each day from 1 to 60 days ago, each with a comment."""

    scores: dict[dt.date, int]

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        acme = Customer.objects.get(account=cls.account)
        today = timezone.localdate()
        cls.scores = {
            today - dt.timedelta(days=days): [10, 9, 7, 3, 0][days % 5] for days in range(1, 61)
        }
        responses = [
            Response.objects.create(
                organisation=cls.org,
                customer=acme,
                channel=Response.Channel.API,
                score=score,
                score_type="nps",
                comment="The delivery was late." if score < 7 else "Great support, thank you.",
                responded_at=timezone.make_aware(dt.datetime.combine(day, dt.time(12))),
            )
            for day, score in cls.scores.items()
        ]
        services.responses_analyse(response_ids=[response.pk for response in responses])

    def between(self, first: int, last: int) -> tuple[dt.date, dt.date]:
        """The days ``first`` to ``last`` days ago."""
        today = timezone.localdate()
        return today - dt.timedelta(days=first), today - dt.timedelta(days=last)

    def nps_of(self, first: dt.date, last: dt.date) -> float | None:
        scores = [score for day, score in self.scores.items() if first <= day <= last]
        return estimate(pl.DataFrame({"nps": scores}), Nps()).value


class ChosenPeriodTest(ChosenPeriodTestCase):
    def test_the_overview_counts_the_chosen_days_against_as_many_before(self) -> None:
        first, last = self.between(40, 11)  # 30 days
        window = Window.between(first, last)

        found = insights_overview(actor=self.cx_lead, window=window)

        nps = found.scores[0]
        self.assertEqual(nps.current.n, 30)
        self.assertEqual(nps.current.value, self.nps_of(first, last))
        self.assertEqual(nps.previous.n, 20)  # 41 to 60 days ago; nothing before
        self.assertEqual(nps.previous.value, self.nps_of(*self.between(70, 41)))
        self.assertEqual(nps.covers, (first, last))
        self.assertEqual(found.analysed, 30)
        self.assertEqual(comment_list(actor=self.cx_lead, window=window).count(), 30)

    def test_the_pages_show_the_chosen_dates_and_keep_them_in_their_links(self) -> None:
        first, last = self.between(40, 11)
        self.login(self.cx_lead)
        dates = {"days": "dates", "from": first.isoformat(), "to": last.isoformat()}

        overview = self.client.get(reverse("insights:overview"), dates)
        explorer = self.client.get(reverse("insights:comments"), dates)
        export = self.client.get(reverse("insights:comments_csv"), dates)

        label = Window.between(first, last).label
        self.assertContains(overview, f"Scores, {label}")
        self.assertContains(overview, "The 30 days before")
        self.assertContains(overview, "and by week")  # each theme's share: a sparkline
        self.assertContains(overview, 'aria-label="delivery, share of comments by week: ')
        self.assertContains(
            overview, '<option value="dates" class="between-dates" selected>Between dates</option>'
        )
        self.assertContains(overview, f"days=dates&amp;from={first}&amp;to={last}")
        self.assertEqual(explorer.context["page"].paginator.count, 30)
        self.assertIn(f"{first}-to-{last}", export["Content-Disposition"])

    def test_the_last_day_is_today_when_none_is_given(self) -> None:
        self.login(self.cx_lead)
        first, _ = self.between(10, 0)
        found = self.client.get(
            reverse("insights:overview"), {"days": "dates", "from": first.isoformat()}
        )
        self.assertEqual(found.context["insights"].window.last_day, timezone.localdate())
        self.assertEqual(found.context["insights"].scores[0].current.n, 10)

    def test_dates_that_cannot_be_a_period_are_refused_with_what_is_wrong(self) -> None:
        self.login(self.cx_lead)
        today = timezone.localdate()
        tomorrow = (today + dt.timedelta(days=1)).isoformat()
        for given, said in [
            ({}, "Give the first day of the period."),
            ({"from": "<b>1 July</b>"}, "“&lt;b&gt;1 July&lt;/b&gt;” is not a date"),
            ({"from": today.isoformat(), "to": "2026-02-30"}, "“2026-02-30” is not a date"),
            (
                {"from": today.isoformat(), "to": "2020-01-01"},
                "The last day of the period is before its first.",
            ),
            ({"from": tomorrow}, "The period starts after today."),
        ]:
            with self.subTest(given=given):
                found = self.client.get(reverse("insights:overview"), {"days": "dates", **given})
                self.assertContains(found, said)
                self.assertContains(found, "The last 90 days are shown meanwhile.")
                self.assertEqual(found.context["insights"].window.days, 90)
                explorer = self.client.get(reverse("insights:comments"), {"days": "dates", **given})
                self.assertContains(explorer, said)


class ChosenPeriodApiTest(ChosenPeriodTestCase):
    def api(self, path: str, **params: Any) -> Any:
        _, secret = api_token_create(user=self.cx_lead, name="test")
        return self.client.get(
            f"/api/insights/{path}", params, headers={"Authorization": f"Bearer {secret}"}
        )

    def test_the_api_takes_a_start_and_an_end(self) -> None:
        first, last = self.between(40, 11)

        overview = self.api("overview", start=first.isoformat(), end=last.isoformat())
        comments = self.api("comments", start=first.isoformat(), end=last.isoformat())

        body = overview.json()
        self.assertEqual(body["days"], None)
        self.assertEqual(body["scores"][0]["current"]["n"], 30)
        self.assertEqual(body["scores"][0]["previous"]["n"], 20)
        self.assertEqual(comments.json()["count"], 30)
        self.assertEqual(body["period"], "week")
        delivery = next(row for row in body["themes"] if row["theme"] == "delivery")
        self.assertEqual(sum(point["comments"] for point in delivery["trend"]), 30)

    def test_the_api_refuses_a_period_that_cannot_be_naming_the_parameter(self) -> None:
        today = timezone.localdate()
        for params, name in [
            ({"end": today.isoformat()}, "start"),
            ({"start": today.isoformat(), "end": "2020-01-01"}, "end"),
            ({"start": (today + dt.timedelta(days=1)).isoformat()}, "start"),
            ({"start": "July"}, "start"),
        ]:
            with self.subTest(params=params):
                found = self.api("overview", **params)
                self.assertEqual(found.status_code, 422)
                self.assertEqual(found.json()["detail"][0]["loc"], ["query", name])


class ThemeTrendTest(ChosenPeriodTestCase):
    def test_each_themes_share_of_the_comments_read_is_given_period_by_period(self) -> None:
        first, last = self.between(40, 11)

        found = insights_overview(actor=self.cx_lead, window=Window.between(first, last))

        delivery = next(row for row in found.themes if row.theme == "delivery")
        self.assertEqual(found.period, "week")
        mondays = [start for start, _, _ in delivery.trend]
        self.assertEqual(mondays[0], first - dt.timedelta(days=first.weekday()))
        self.assertEqual(mondays[-1], last - dt.timedelta(days=last.weekday()))
        for monday, share, read in delivery.trend:
            days = [
                day
                for day in self.scores
                if first <= day <= last and monday <= day < monday + dt.timedelta(days=7)
            ]
            late = [day for day in days if self.scores[day] < 7]  # "The delivery was late."
            self.assertEqual(read, len(days))
            self.assertEqual(share, 100.0 * len(late) / len(days))


class ThemeTableExportTest(ChosenPeriodTestCase):
    def csv_text(self, **params: str) -> str:
        found: Any = self.client.get(reverse("insights:overview_themes_csv"), params)
        return b"".join(found.streaming_content).decode("utf-8-sig")

    def test_the_theme_table_downloads_as_csv_and_xlsx_with_the_pages_figures(self) -> None:
        first, last = self.between(40, 11)
        dates = {"days": "dates", "from": first.isoformat(), "to": last.isoformat()}
        self.login(self.cx_lead)
        shown = insights_overview(actor=self.cx_lead, window=Window.between(first, last))
        delivery = next(row for row in shown.themes if row.theme == "delivery")

        text = self.csv_text(**dates)
        book = self.client.get(reverse("insights:overview_themes_xlsx"), dates)

        self.assertIn(f"themes-{first}-to-{last}", book["Content-Disposition"])
        rows = list(csv.reader(io.StringIO(text)))
        header, by_theme = rows[0], {row[0]: row for row in rows[1:]}
        self.assertEqual(
            header[:4], ["theme", "mentions", "share of comments (%)", "negative about it (%)"]
        )
        self.assertEqual(by_theme["delivery"][1], str(delivery.volume))
        self.assertEqual(by_theme["delivery"][3], "100.0")
        # NPS impact alone, as the page shows; a share for each week; then what it covers
        self.assertEqual(len(header), 11 + len(delivery.trend))
        effect = delivery.drivers["nps"].effect
        assert effect is not None
        self.assertEqual(float(by_theme["delivery"][4]), round(effect, 1))
        sheet = load_workbook(io.BytesIO(book.content)).active
        assert sheet is not None
        cells = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
        self.assertEqual(cells["delivery"][1], delivery.volume)
        self.assertEqual(cells["delivery"][2], round(delivery.share, 1))

    def test_a_theme_named_like_a_formula_stays_text_and_a_member_gets_their_scope(self) -> None:
        ThemeDefinition.objects.create(
            organisation=self.org, name="=HYPERLINK(1)", seed_words=["late"]
        )
        services.responses_analyse(response_ids=Response.objects.values_list("pk", flat=True))
        self.login(self.cx_lead)

        text = self.csv_text(days="90")

        self.assertIn("'=HYPERLINK(1)", text)
        self.login(self.outsider)  # serves none of Acme
        self.assertEqual(self.csv_text().count("\n"), 1)  # the header alone
        self.client.logout()
        self.assertEqual(self.client.get(reverse("insights:overview_themes_xlsx")).status_code, 302)
