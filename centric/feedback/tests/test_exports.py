"""Exports of responses as CSV and XLSX: what the person may see, one column per question, and
no cell a spreadsheet would run as a formula."""

import csv
import io
from typing import Any

from django.test import SimpleTestCase
from django.urls import reverse
from openpyxl import load_workbook

from centric.customers.models import Customer
from centric.feedback import services
from centric.feedback.exports import COLUMNS, defuse
from centric.feedback.ingestion import feedback_ingest
from centric.feedback.models import Answer, Response, Survey
from tests.personas import PersonasTestCase

ATTACKS = ['=HYPERLINK("http://evil.example")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


class DefuseTest(SimpleTestCase):
    def test_text_that_a_spreadsheet_would_run_gets_a_leading_apostrophe(self) -> None:
        for attack in ATTACKS:
            self.assertEqual(defuse(attack), "'" + attack)

    def test_ordinary_text_is_left_alone(self) -> None:
        for text in ("Great service", "", "1+1", "a=b", "'quoted"):
            self.assertEqual(defuse(text), text)


class ExportTestCase(PersonasTestCase):
    survey: Survey
    answered: Response
    anonymous: Response

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.survey = services.survey_create_from_template(
            actor=cls.cx_lead, template="relationship-nps", values={"name": "Pulse"}
        )
        nps = cls.survey.questions.get(key="nps")
        cls.answered = Response.objects.create(
            organisation=cls.org,
            survey=cls.survey,
            customer=Customer.objects.get(account=cls.account),
            contact=cls.contact,
            channel=Response.Channel.EMAIL,
            score=3,
            score_type="nps",
            comment=ATTACKS[0],
        )
        Answer.objects.create(response=cls.answered, question=nps, number=3)
        # an anonymous open-link answer: only those who see the whole organisation see it
        cls.anonymous = Response.objects.create(
            organisation=cls.org, survey=cls.survey, channel=Response.Channel.LINK, comment="@me"
        )
        feedback_ingest(
            actor=cls.owner,
            items=[
                {"kind": "ticket", "comment": "-1 star", "contact_email": "carla@acme.example"},
            ],
        )

    def csv_rows(self, url: str) -> list[list[str]]:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.streaming)
        self.assertIn("attachment;", response["Content-Disposition"])
        text = b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
        return list(csv.reader(io.StringIO(text)))

    def xlsx_rows(self, url: str) -> list[tuple[Any, ...]]:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        sheet = load_workbook(io.BytesIO(response.content)).active
        return list(sheet.iter_rows(values_only=True))


class SurveyExportTest(ExportTestCase):
    def test_the_csv_has_a_row_per_response_and_a_column_per_question(self) -> None:
        self.login(self.owner)
        rows = self.csv_rows(reverse("feedback:survey_export_csv", args=[self.survey.pk]))
        keys = list(self.survey.questions.values_list("key", flat=True))
        self.assertEqual(rows[0], COLUMNS + keys)
        self.assertEqual(len(rows), 2)
        row = dict(zip(rows[0], rows[1], strict=True))
        self.assertEqual(row["respondent"], f"{self.contact} <carla@acme.example>")
        self.assertEqual(row["customer"], "Acme")
        self.assertEqual((row["score"], row["score_type"], row["nps"]), ("3", "nps", "3"))
        self.assertEqual(row["survey"], "Pulse")

    def test_the_csv_defuses_formulas(self) -> None:
        self.login(self.admin)
        rows = self.csv_rows(reverse("feedback:survey_export_csv", args=[self.survey.pk]))
        comments = {row[COLUMNS.index("comment")] for row in rows[1:]}
        self.assertEqual(comments, {"'" + ATTACKS[0], "'@me"})

    def test_the_xlsx_opens_with_the_header_and_keeps_formulas_as_text(self) -> None:
        self.login(self.cx_lead)
        rows = self.xlsx_rows(reverse("feedback:survey_export_xlsx", args=[self.survey.pk]))
        keys = list(self.survey.questions.values_list("key", flat=True))
        self.assertEqual(list(rows[0]), COLUMNS + keys)
        self.assertEqual(len(rows), 3)
        comments = {row[COLUMNS.index("comment")] for row in rows[1:]}
        self.assertEqual(comments, {ATTACKS[0], "@me"})
        self.assertIn(3, {row[COLUMNS.index("score")] for row in rows[1:]})

    def test_an_outsider_gets_only_the_header(self) -> None:
        self.login(self.outsider)
        rows = self.csv_rows(reverse("feedback:survey_export_csv", args=[self.survey.pk]))
        self.assertEqual(len(rows), 1)
        self.assertEqual(
            len(self.xlsx_rows(reverse("feedback:survey_export_xlsx", args=[self.survey.pk]))), 1
        )

    def test_a_stranger_gets_404(self) -> None:
        self.login(self.stranger)
        for name in ("feedback:survey_export_csv", "feedback:survey_export_xlsx"):
            self.assertEqual(self.client.get(reverse(name, args=[self.survey.pk])).status_code, 404)

    def test_anonymous_visitors_are_sent_to_sign_in(self) -> None:
        response = self.client.get(reverse("feedback:survey_export_csv", args=[self.survey.pk]))
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith("/login/"))

    def test_exports_only_read(self) -> None:
        self.login(self.owner)
        response = self.client.post(reverse("feedback:survey_export_csv", args=[self.survey.pk]))
        self.assertEqual(response.status_code, 405)

    def test_the_survey_page_links_to_both_exports(self) -> None:
        self.login(self.viewer)
        page = self.client.get(reverse("feedback:survey_detail", args=[self.survey.pk]))
        self.assertContains(page, reverse("feedback:survey_export_csv", args=[self.survey.pk]))
        self.assertContains(page, reverse("feedback:survey_export_xlsx", args=[self.survey.pk]))


class FeedbackExportTest(ExportTestCase):
    def test_all_feedback_the_person_may_see_is_exported(self) -> None:
        self.login(self.teammate)
        rows = self.csv_rows(reverse("feedback:feedback_export_csv"))
        kinds = sorted(row[COLUMNS.index("kind")] for row in rows[1:])
        self.assertEqual(kinds, ["Support ticket", "Survey"])
        self.assertIn("'-1 star", {row[COLUMNS.index("comment")] for row in rows[1:]})
        self.assertEqual(rows[0], COLUMNS)

    def test_admins_also_see_anonymous_answers(self) -> None:
        self.login(self.admin)
        self.assertEqual(len(self.xlsx_rows(reverse("feedback:feedback_export_xlsx"))), 4)

    def test_outsiders_and_strangers_export_nothing(self) -> None:
        for person in (self.outsider, self.stranger):
            self.login(person)
            self.assertEqual(len(self.csv_rows(reverse("feedback:feedback_export_csv"))), 1)
            self.assertEqual(len(self.xlsx_rows(reverse("feedback:feedback_export_xlsx"))), 1)
