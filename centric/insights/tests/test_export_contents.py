"""What the Insights exports hold and how their files are named: a file says what it covers (the
filters that narrow it, in its name; the survey, segment and language of each comment; the
filters of the theme table beside it), and holds what the page shows, as the page writes it."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from centric.customers.models import Customer
from centric.feedback.models import Question, Response, Survey
from centric.insights import services
from tests.personas import PersonasTestCase

LATE = "The delivery was late again."
FRIENDLY = "Support was friendly and fast, thank you!"
GERMAN = "Die Lieferung war wieder zu spät."
ANONYMOUS = "The invoice was wrong and nobody called back."


class ExportContentsTest(PersonasTestCase):
    """Acme (in the segment Enterprise) answers the survey "Relationship survey", which asks
    NPS; an anonymous answer and a German comment come in without a survey."""

    survey: Survey

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.survey = Survey.objects.create(
            organisation=cls.org, name="Relationship survey", status=Survey.Status.OPEN
        )
        Question.objects.create(
            survey=cls.survey, key="nps", position=1, kind="nps", text={"en": "Recommend us?"}
        )
        acme = Customer.objects.get(account=cls.account)
        now = timezone.now()
        responses = [
            Response.objects.create(
                organisation=cls.org,
                survey=cls.survey,
                customer=acme,
                channel=Response.Channel.EMAIL,
                score=score,
                score_type="nps",
                comment=LATE if score < 7 else FRIENDLY,
                responded_at=now - dt.timedelta(days=1 + number),
            )
            for number, score in enumerate([10, 9, 3, 2, 9, 4, 10, 6, 9, 1] * 3)
        ]
        responses += [
            Response.objects.create(
                organisation=cls.org,
                channel=Response.Channel.API,
                score=2,
                score_type="csat",
                comment=ANONYMOUS,
                responded_at=now - dt.timedelta(days=2),
            ),
            Response.objects.create(
                organisation=cls.org,
                customer=acme,
                channel=Response.Channel.API,
                comment=GERMAN,
                responded_at=now - dt.timedelta(days=3),
            ),
        ]
        services.responses_analyse(response_ids=[response.pk for response in responses])

    def setUp(self) -> None:
        self.login(self.cx_lead)

    def rows(self, name: str, **params: Any) -> list[list[str]]:
        """The rows of the CSV export ``name``, its header first."""
        export: Any = self.client.get(reverse(f"insights:{name}"), params)
        text = b"".join(export.streaming_content).decode("utf-8-sig")
        return list(csv.reader(io.StringIO(text)))

    def by_comment(self, **params: Any) -> dict[str, dict[str, str]]:
        """Each comment's row of the comment export, by its header."""
        header, *rows = self.rows("comments_csv", **params)
        return {row[-1]: dict(zip(header, row, strict=True)) for row in rows}

    def file_name(self, name: str, **params: Any) -> str:
        disposition = self.client.get(reverse(f"insights:{name}"), params)["Content-Disposition"]
        prefix = 'attachment; filename="'
        self.assertTrue(disposition.startswith(prefix) and disposition.endswith('"'))
        return str(disposition[len(prefix) : -1])

    # the file's name ---------------------------------------------------------------------------

    def test_a_comment_export_is_named_by_every_filter_that_narrows_it(self) -> None:
        today = timezone.localdate()
        acme = Customer.objects.get(account=self.account)

        name = self.file_name(
            "comments_csv",
            q="late delivery",
            language="en",
            survey=self.survey.pk,
            customer=acme.pk,
            who="external",
            segment=self.segment.pk,
            days="30",
        )

        self.assertEqual(
            name,
            "comments-containing-late-delivery-english-relationship-survey-acme-external-"
            f"enterprise-30-days-{today}.csv",
        )

    def test_a_theme_export_is_named_by_the_filters_of_the_overview(self) -> None:
        today = timezone.localdate()

        name = self.file_name(
            "overview_themes_xlsx",
            survey=self.survey.pk,
            segment=self.segment.pk,
            days="30",
            theme="billing",  # the explorer's filters do not narrow the theme table
            flag="churn",
        )

        self.assertEqual(name, f"themes-relationship-survey-enterprise-30-days-{today}.xlsx")

    def test_filters_that_narrow_nothing_are_left_out_of_the_name(self) -> None:
        elsewhere = Survey.objects.create(organisation=self.other_org, name="Secret plans")
        today = timezone.localdate()

        name = self.file_name(
            "comments_csv", survey=elsewhere.pk, flag="bogus", sentiment="bogus", language="xx"
        )

        self.assertEqual(name, f"comments-90-days-{today}.csv")

    def test_a_long_filter_is_cut_so_the_name_stays_short_and_keeps_its_dates(self) -> None:
        today = timezone.localdate()

        name = self.file_name("comments_csv", q="very " * 100, theme="x" * 200, days="30")

        self.assertLessEqual(len(name), 150)
        self.assertTrue(name.startswith("comments-containing-very-very-"), name)
        self.assertTrue(name.endswith(f"-30-days-{today}.csv"), name)
        self.assertNotIn("--", name)

    def test_a_name_built_from_a_formula_is_only_its_letters(self) -> None:
        self.segment.name = '=HYPERLINK("http://evil.example")'
        self.segment.save()

        name = self.file_name("overview_themes_csv", segment=self.segment.pk)

        self.assertTrue(name.startswith("themes-hyperlinkhttpevilexample-90-days-"), name)

    # what the theme table covers -----------------------------------------------------------------

    def test_the_theme_table_says_what_it_covers_in_every_row(self) -> None:
        header, *rows = self.rows(
            "overview_themes_csv",
            survey=self.survey.pk,
            who="external",
            segment=self.segment.pk,
            days="30",
        )

        self.assertEqual(header[-1], "covers")
        self.assertTrue(rows)
        for row in rows:
            self.assertEqual(
                row[-1], "Last 30 days · Relationship survey · External customers · Enterprise"
            )

    def test_a_filter_named_like_a_formula_stays_text(self) -> None:
        self.segment.name = "=SUM(1)"
        self.segment.save()

        themes = self.rows("overview_themes_csv", segment=self.segment.pk)
        comments = self.by_comment(segment=self.segment.pk)

        self.assertEqual(themes[1][-1], "Last 90 days · =SUM(1)")  # not at the start: text
        self.assertEqual(comments[LATE]["segment"], "'=SUM(1)")

    # the comment export's columns ----------------------------------------------------------------

    def test_each_comment_gives_its_survey_segment_and_language_by_name(self) -> None:
        rows = self.by_comment()

        self.assertEqual(
            [rows[LATE][column] for column in ("survey", "segment", "language")],
            ["Relationship survey", "Enterprise", "English"],
        )
        self.assertEqual(
            [rows[GERMAN][column] for column in ("survey", "segment", "language")],
            ["", "Enterprise", "German"],
        )
        self.assertEqual((rows[ANONYMOUS]["survey"], rows[ANONYMOUS]["segment"]), ("", ""))

    def test_a_comment_gives_its_score_type_and_customer_as_the_explorer_writes_them(
        self,
    ) -> None:
        rows = self.by_comment()
        page = self.client.get(reverse("insights:comments"))

        self.assertEqual((rows[LATE]["score_type"], rows[LATE]["customer"]), ("NPS (0–10)", "Acme"))
        self.assertEqual(
            (rows[ANONYMOUS]["score_type"], rows[ANONYMOUS]["customer"]),
            ("CSAT (1–5)", "anonymous"),
        )
        self.assertEqual(rows[GERMAN]["score_type"], "")
        self.assertContains(page, "anonymous · ")
        self.assertContains(page, "CSAT (1–5) 2")

    def test_the_xlsx_comment_export_has_the_same_columns_and_cells(self) -> None:
        header = self.rows("comments_csv")[0]
        book = self.client.get(reverse("insights:comments_xlsx"))

        sheet = load_workbook(io.BytesIO(book.content)).active
        assert sheet is not None
        cells = list(sheet.iter_rows(values_only=True))
        self.assertEqual(list(cells[0]), header)
        anonymous = next(row for row in cells if row[-1] == ANONYMOUS)
        named = dict(zip(header, anonymous, strict=True))
        self.assertEqual((named["customer"], named["score_type"]), ("anonymous", "CSAT (1–5)"))

    # the theme table's columns -------------------------------------------------------------------

    def test_each_interval_column_is_named_after_its_figure(self) -> None:
        header = self.rows("overview_themes_csv", survey=self.survey.pk)[0]

        self.assertEqual(len(header), len(set(header)))
        start = header.index("NPS impact (points)")
        self.assertEqual(
            header[start : start + 4],
            [
                "NPS impact (points)",
                "NPS impact 95% CI low",
                "NPS impact 95% CI high",
                "NPS impact significant",
            ],
        )

    def test_the_theme_table_has_the_impact_columns_the_page_shows(self) -> None:
        for filters in ({}, {"survey": self.survey.pk}):
            with self.subTest(filters=filters):
                page = self.client.get(reverse("insights:overview"), filters)
                header = self.rows("overview_themes_csv", **filters)[0]
                book = self.client.get(reverse("insights:overview_themes_xlsx"), filters)

                sheet = load_workbook(io.BytesIO(book.content)).active
                assert sheet is not None
                shown = [
                    column.removesuffix(" impact (points)")
                    for column in header
                    if column.endswith(" impact (points)")
                ]
                self.assertEqual(page.context["impact_labels"], ["NPS"])
                self.assertEqual(shown, ["NPS"])
                self.assertFalse(
                    [column for column in header if "CSAT" in column or "CES" in column]
                )
                self.assertEqual(list(next(sheet.iter_rows(values_only=True))), header)
