"""Exports of responses as CSV and XLSX: what the person may see, one column per question, and
no cell a spreadsheet would run as a formula."""

import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from django.test import SimpleTestCase
from django.urls import reverse
from openpyxl import load_workbook

from centric.customers.models import Customer
from centric.feedback import services
from centric.feedback.exports import (
    COLUMNS,
    WAVE_COLUMN,
    Cell,
    defuse,
    export_rows,
    question_column,
    responses_for_export,
    xlsx_bytes,
    xlsx_pieces,
)
from centric.feedback.ingestion import feedback_ingest
from centric.feedback.models import Answer, Question, Response, Survey
from tests.personas import PersonasTestCase

ATTACKS = ['=HYPERLINK("http://evil.example")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


class DefuseTest(SimpleTestCase):
    def test_text_that_a_spreadsheet_would_run_gets_a_leading_apostrophe(self) -> None:
        for attack in ATTACKS:
            self.assertEqual(defuse(attack), "'" + attack)

    def test_ordinary_text_is_left_alone(self) -> None:
        for text in ("Great service", "", "1+1", "a=b", "'quoted"):
            self.assertEqual(defuse(text), text)


class XlsxWriterTest(SimpleTestCase):
    def read(self, content: bytes) -> list[tuple[Any, ...]]:
        return list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))

    def test_each_kind_of_cell_reads_back_as_it_was_written(self) -> None:
        # a spreadsheet's moments have no zone: the exports write them in UTC
        moment = datetime(2024, 3, 31, 14, 5, 9, tzinfo=UTC).replace(tzinfo=None)
        rows: list[list[Cell]] = [
            ["id", "when", "text", "empty"],
            [7, moment, "<b>Tom & Jerry</b>\nsecond line", None],
            [-3, None, "  spaced  ", "=SUM(A1:A2)"],
        ]
        self.assertEqual(
            self.read(xlsx_bytes(rows)),
            [
                ("id", "when", "text", "empty"),
                (7, moment, "<b>Tom & Jerry</b>\nsecond line", None),
                (-3, None, "  spaced  ", "=SUM(A1:A2)"),
            ],
        )

    def test_text_a_spreadsheet_cannot_hold_is_cleaned_and_cut(self) -> None:
        rows: list[list[Cell]] = [["a\x07b\x00c", "x" * 40_000]]
        (cleaned, long), *_ = self.read(xlsx_bytes(rows))
        self.assertEqual((cleaned, len(long)), ("abc", 32_767))

    def test_aware_moments_are_written_in_utc(self) -> None:
        moment = datetime(2024, 1, 1, 12, tzinfo=timezone(timedelta(hours=2)))
        in_utc = datetime(2024, 1, 1, 10, tzinfo=UTC).replace(tzinfo=None)
        self.assertEqual(self.read(xlsx_bytes([[moment]])), [(in_utc,)])

    def test_the_first_piece_leaves_long_before_every_row_is_read(self) -> None:
        read = [0]

        def rows() -> Iterator[list[Cell]]:
            for number in range(200_000):
                read[0] = number
                yield [number, f"comment {number} that does not compress too well {number * 7919}"]

        first = next(xlsx_pieces(rows()))
        self.assertTrue(first.startswith(b"PK"))
        self.assertLess(read[0], 50_000)

    def test_many_columns_are_named_past_z(self) -> None:
        rows: list[list[Cell]] = [list(range(30))]
        self.assertEqual(self.read(xlsx_bytes(rows)), [tuple(range(30))])

    def test_rows_beyond_a_sheet_go_on_to_further_sheets_under_the_header(self) -> None:
        rows: list[list[Cell]] = [["id", "comment"]]
        rows += [[n, f"comment {n}"] for n in range(7)]
        book = load_workbook(io.BytesIO(b"".join(xlsx_pieces(rows, sheet_rows=3))))
        self.assertEqual(
            book.sheetnames, ["Responses", "Responses (2)", "Responses (3)", "Responses (4)"]
        )
        sheets = [list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets]
        self.assertEqual({sheet[0] for sheet in sheets}, {("id", "comment")})
        self.assertEqual(
            [row for sheet in sheets for row in sheet[1:]], [(n, f"comment {n}") for n in range(7)]
        )
        self.assertEqual([len(sheet) for sheet in sheets], [3, 3, 3, 2])

    def test_rows_that_fill_a_sheet_exactly_make_no_empty_sheet(self) -> None:
        rows: list[list[Cell]] = [["id"], [1], [2]]
        book = load_workbook(io.BytesIO(b"".join(xlsx_pieces(rows, sheet_rows=3))))
        self.assertEqual(book.sheetnames, ["Responses"])


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
            batch={
                "items": [
                    {"kind": "ticket", "comment": "-1 star", "contact_email": "carla@acme.example"}
                ]
            },
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
        self.assertTrue(response.streaming)
        self.assertIn("attachment;", response["Content-Disposition"])
        content = b"".join(response.streaming_content)  # type: ignore[attr-defined]
        sheet = load_workbook(io.BytesIO(content)).active
        return list(sheet.iter_rows(values_only=True))


class SurveyExportTest(ExportTestCase):
    def test_the_csv_has_a_row_per_response_and_a_column_per_question(self) -> None:
        self.login(self.owner)
        rows = self.csv_rows(reverse("feedback:survey_export_csv", args=[self.survey.pk]))
        # a question's column is named by its wording and its key; a relationship survey's
        # rows say their wave
        named = [question_column(question, "en") for question in self.survey.questions.all()]
        self.assertEqual(rows[0], [*COLUMNS, WAVE_COLUMN, *named])
        self.assertEqual(len(rows), 2)
        row = dict(zip(rows[0], rows[1], strict=True))
        self.assertEqual(row["respondent"], f"{self.contact} <carla@acme.example>")
        self.assertEqual(row["customer"], "Acme")
        nps = "How likely are you to recommend us to a friend or colleague? [nps]"
        self.assertEqual((row["score"], row["score_type"], row[nps]), ("3", "nps", "3"))
        self.assertEqual(row["survey"], "Pulse")

    def test_the_csv_defuses_formulas(self) -> None:
        self.login(self.admin)
        rows = self.csv_rows(reverse("feedback:survey_export_csv", args=[self.survey.pk]))
        comments = {row[COLUMNS.index("comment")] for row in rows[1:]}
        self.assertEqual(comments, {"'" + ATTACKS[0], "'@me"})

    def test_the_xlsx_opens_with_the_header_and_keeps_formulas_as_text(self) -> None:
        self.login(self.cx_lead)
        rows = self.xlsx_rows(reverse("feedback:survey_export_xlsx", args=[self.survey.pk]))
        named = [question_column(question, "en") for question in self.survey.questions.all()]
        self.assertEqual(list(rows[0]), [*COLUMNS, WAVE_COLUMN, *named])
        self.assertEqual(len(rows), 3)
        comments = {row[COLUMNS.index("comment")] for row in rows[1:]}
        self.assertEqual(comments, {ATTACKS[0], "@me"})
        self.assertIn(3, {row[COLUMNS.index("score")] for row in rows[1:]})

    def test_choices_are_written_as_their_labels_in_the_surveys_language(self) -> None:
        renew = Question.objects.create(
            survey=self.survey,
            key="renew",
            position=99,
            kind=Question.Kind.SINGLE,
            text={"en": "Will you renew?"},
            options=[
                {"value": "option-1", "label": {"en": "Yes, renew", "de": "Ja"}},
                {"value": "option-2", "label": {"en": "No"}},
            ],
        )
        topics = self.survey.questions.get(key="topics")
        Answer.objects.create(response=self.answered, question=renew, text="option-2")
        Answer.objects.create(
            response=self.answered, question=topics, choices=["delivery", "price", "gone"]
        )
        self.login(self.owner)
        url = reverse("feedback:survey_export_csv", args=[self.survey.pk])
        row = dict(zip(*self.csv_rows(url), strict=True))
        self.assertEqual(row[question_column(topics, "en")], "Delivery; Price and billing; gone")
        self.assertEqual(row["Will you renew? [renew]"], "No")
        self.survey.default_language = "de"
        self.survey.save()
        url = reverse("feedback:survey_export_xlsx", args=[self.survey.pk])
        header, first = self.xlsx_rows(url)
        row = dict(zip(header, first, strict=True))
        self.assertEqual(
            row[question_column(topics, "de")], "Die Lieferung; Preis und Abrechnung; gone"
        )
        self.assertEqual(row["Will you renew? [renew]"], "No")  # no German label: the English one

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

    def test_each_row_has_the_customers_segment_and_a_column_per_custom_attribute(self) -> None:
        self.answered.attributes = {"priority": "=1+1", "tags": ["a", "b"], "segment": "SMB"}
        self.answered.save()
        Response.objects.filter(kind=Response.Kind.TICKET).update(
            attributes={"priority": "high", "seats": 12, "=cmd": "x"}
        )
        attributes = [
            "attribute: =cmd",
            "attribute: priority",
            "attribute: seats",
            "attribute: segment",
            "attribute: tags",
        ]
        self.login(self.admin)
        header, *rows = self.csv_rows(reverse("feedback:feedback_export_csv"))
        self.assertEqual(header, [*COLUMNS, *attributes])
        by_id = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
        survey = by_id[str(self.answered.pk)]
        ticket = next(row for row in by_id.values() if row["kind"] == "Support ticket")
        anonymous = by_id[str(self.anonymous.pk)]
        self.assertEqual(
            (survey["segment"], ticket["segment"], anonymous["segment"]),
            ("Enterprise", "Enterprise", ""),
        )
        self.assertEqual(
            [survey[column] for column in attributes], ["", "'=1+1", "", "SMB", '["a", "b"]']
        )
        self.assertEqual([ticket[column] for column in attributes], ["x", "high", "12", "", ""])
        self.assertEqual([anonymous[column] for column in attributes], [""] * 5)
        sheet_header, *sheet_rows = self.xlsx_rows(reverse("feedback:feedback_export_xlsx"))
        self.assertEqual(list(sheet_header), [*COLUMNS, *attributes])
        xlsx = {row[0]: dict(zip(sheet_header, row, strict=True)) for row in sheet_rows}
        survey, ticket = xlsx[self.answered.pk], xlsx[int(ticket["id"])]
        self.assertEqual(survey["attribute: priority"], "=1+1")  # an inline string, as written
        self.assertEqual((survey["segment"], ticket["attribute: seats"]), ("Enterprise", 12))

    def test_the_queries_do_not_grow_with_the_responses_segments_or_attributes(self) -> None:
        questions = list(self.survey.questions.all())
        responses = responses_for_export(actor=self.admin, survey=self.survey)
        # the attribute keys, the rows, and the rows' answers
        with self.assertNumQueries(3):
            self.assertEqual(len(list(export_rows(responses, questions))), 3)
        customer = Customer.objects.get(account=self.account)
        for number in range(5):
            Response.objects.create(
                organisation=self.org,
                survey=self.survey,
                customer=customer,
                channel=Response.Channel.EMAIL,
                attributes={f"key {number}": number},
            )
        with self.assertNumQueries(3):
            rows = list(export_rows(responses, questions))
        self.assertEqual(len(rows), 8)
        self.assertEqual(rows[0][-5:], [f"attribute: key {number}" for number in range(5)])

    def test_outsiders_and_strangers_export_nothing(self) -> None:
        for person in (self.outsider, self.stranger):
            self.login(person)
            self.assertEqual(len(self.csv_rows(reverse("feedback:feedback_export_csv"))), 1)
            self.assertEqual(len(self.xlsx_rows(reverse("feedback:feedback_export_xlsx"))), 1)
