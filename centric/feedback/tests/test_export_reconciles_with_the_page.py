"""A survey's export reads as its page does: each row says whether it was submitted and when it
was started, its questions are named by their wording, and it holds the wave and period the
page shows, in a file whose name says so."""

from __future__ import annotations

import csv
import io
from datetime import UTC, timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from centric.customers.models import Customer
from centric.feedback import services
from centric.feedback.exports import NOT_SUBMITTED, SUBMITTED
from centric.feedback.feedback_imports.mapping import suggest
from centric.feedback.models import Answer, Invitation, Question, Response, Survey
from centric.feedback.results import survey_results
from tests.factories import ContactFactory
from tests.personas import PersonasTestCase

NPS = "How likely are you to recommend us to a friend or colleague? [nps]"


def _body(answer: Any) -> bytes:
    return b"".join(answer.streaming_content)


def _header(answer: Any) -> list[str]:
    return next(csv.reader(io.StringIO(_body(answer).decode("utf-8-sig"))))


class ExportTestCase(PersonasTestCase):
    survey: Survey

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.survey = services.survey_create_from_template(
            actor=cls.cx_lead, template="relationship-nps", values={"name": "Pulse 2026"}
        )

    def respond(
        self, nps: int, *, submitted: bool = True, days_ago: int = 0, **values: Any
    ) -> Response:
        """An answer by the open link, unless ``values`` say otherwise."""
        given = timezone.now() - timedelta(days=days_ago)
        response = Response.objects.create(
            organisation=self.org,
            survey=self.survey,
            channel=values.pop("channel", Response.Channel.LINK),
            score=nps,
            score_type="nps",
            submitted_at=given if submitted else None,
            responded_at=given if submitted else None,
            **values,
        )
        Response.objects.filter(pk=response.pk).update(created_at=given)
        Answer.objects.create(
            response=response, question=self.survey.questions.get(key="nps"), number=nps
        )
        return response

    def download(self, url: str) -> tuple[Any, list[dict[str, str]]]:
        self.login(self.cx_lead)
        answer = self.client.get(url)
        self.assertEqual(answer.status_code, 200)
        header, *rows = csv.reader(io.StringIO(_body(answer).decode("utf-8-sig")))
        return answer, [dict(zip(header, row, strict=True)) for row in rows]

    def export_url(self, query: str = "") -> str:
        url = reverse("feedback:survey_export_csv", args=[self.survey.pk])
        return f"{url}?{query}" if query else url


class StatusTest(ExportTestCase):
    def test_an_unfinished_answer_is_marked_so_the_exports_nps_is_the_pages(self) -> None:
        for score in (10, 10, 9, 0):
            self.respond(score)
        unfinished = self.respond(2, submitted=False)
        _, rows = self.download(self.export_url())
        by_id = {int(row["id"]): row for row in rows}
        self.assertEqual(by_id[unfinished.pk]["status"], NOT_SUBMITTED)
        self.assertEqual({row["status"] for row in rows}, {SUBMITTED, NOT_SUBMITTED})
        # the rows marked submitted are what the page's results count
        scores = [int(row[NPS]) for row in rows if row["status"] == SUBMITTED]
        from_export = (
            100 * (sum(s >= 9 for s in scores) - sum(s <= 6 for s in scores)) / len(scores)
        )
        (nps, *_) = survey_results(actor=self.cx_lead, survey=self.survey)
        assert nps.figure is not None
        self.assertEqual((from_export, nps.figure.value), (50.0, 50.0))

    def test_an_unfinished_answer_says_when_it_was_started(self) -> None:
        unfinished = self.respond(2, submitted=False, days_ago=2)
        _, (row,) = self.download(self.export_url())
        self.assertEqual(row["responded_at (UTC)"], "")
        started = Response.objects.get(pk=unfinished.pk).created_at.astimezone(UTC)
        self.assertEqual(
            row["started_at (UTC)"], started.replace(tzinfo=None).isoformat(" ", "seconds")
        )

    def test_imported_feedback_is_submitted_with_no_start_to_speak_of(self) -> None:
        self.respond(7, channel=Response.Channel.IMPORT)
        _, (row,) = self.download(self.export_url())
        self.assertEqual((row["status"], row["started_at (UTC)"]), (SUBMITTED, ""))

    def test_all_feedback_is_marked_too(self) -> None:
        self.respond(2, submitted=False)
        _, (row,) = self.download(reverse("feedback:feedback_export_csv"))
        self.assertEqual(row["status"], NOT_SUBMITTED)


class QuestionColumnTest(ExportTestCase):
    def test_each_question_is_named_by_its_wording_in_the_surveys_language_and_its_key(
        self,
    ) -> None:
        self.respond(9)
        _, (row,) = self.download(self.export_url())
        self.assertEqual(row[NPS], "9")
        self.assertIn("What was your answer mostly about? [topics]", row)
        self.survey.default_language = "de"
        self.survey.save()
        _, (row,) = self.download(self.export_url())
        german = self.survey.questions.get(key="nps").text["de"]
        self.assertEqual(row[f"{german} [nps]"], "9")

    def test_a_wording_a_spreadsheet_would_run_stays_text_in_the_header(self) -> None:
        Question.objects.create(
            survey=self.survey,
            key="scriptalertqtextscript_anything_else",
            position=99,
            page=3,
            kind=Question.Kind.TEXT,
            text={"en": '=HYPERLINK("http://evil.example")\nAnything else?'},
        )
        named = (
            '=HYPERLINK("http://evil.example") Anything else? '
            "[scriptalertqtextscript_anything_else]"
        )
        self.login(self.cx_lead)
        header = _header(self.client.get(self.export_url()))
        self.assertEqual(header[-1], "'" + named)
        xlsx = self.client.get(reverse("feedback:survey_export_xlsx", args=[self.survey.pk]))
        sheet = load_workbook(io.BytesIO(_body(xlsx))).active
        self.assertEqual(sheet.cell(1, len(header)).data_type, "s")  # text, never a formula
        self.assertEqual(sheet.cell(1, len(header)).value, named)

    def test_the_survey_tool_preset_still_reads_an_export_back(self) -> None:
        self.respond(9, submitted=True)
        self.login(self.cx_lead)
        header = _header(self.client.get(self.export_url()))
        mapping = suggest(header, "survey-tool")
        self.assertEqual(
            {target: mapping.columns.get(target) for target in ("score", "comment", "external_id")},
            {"score": "score", "comment": "comment", "external_id": "id"},
        )
        self.assertNotIn(NPS, mapping.columns.values())


class FiltersTest(ExportTestCase):
    def setUp(self) -> None:
        customer = Customer.objects.get(account=self.account)
        Survey.objects.filter(pk=self.survey.pk).update(current_wave=2)
        self.survey.refresh_from_db()
        self.waves = {}
        for wave, contact in ((1, self.contact), (2, self.contact)):
            invitation = Invitation.objects.create(
                organisation=self.org,
                survey=self.survey,
                customer=customer,
                contact=contact,
                email=contact.email,
                wave=wave,
            )
            self.waves[wave] = self.respond(
                9 if wave == 1 else 3,
                channel=Response.Channel.EMAIL,
                invitation=invitation,
                customer=customer,
                contact=contact,
                days_ago=100 if wave == 1 else 5,
            )
        other = ContactFactory.create(account=self.account, email="dan@acme.example")
        follow_up = Invitation.objects.create(
            organisation=self.org,
            survey=self.survey,
            customer=customer,
            contact=other,
            email=other.email,
            wave=2,
            follow_up=True,
        )
        self.re_survey = self.respond(
            5, channel=Response.Channel.EMAIL, invitation=follow_up, customer=customer
        )
        self.by_link = self.respond(10)

    def test_each_row_says_its_wave_and_a_re_survey_or_the_open_link_none(self) -> None:
        _, rows = self.download(self.export_url())
        waves = {int(row["id"]): row["wave"] for row in rows}
        self.assertEqual(
            waves,
            {
                self.waves[1].pk: "1",
                self.waves[2].pk: "2",
                self.re_survey.pk: "",
                self.by_link.pk: "",
            },
        )

    def test_the_export_holds_the_wave_and_period_asked_for_and_its_name_says_so(self) -> None:
        answer, rows = self.download(self.export_url("wave=2"))
        self.assertEqual([int(row["id"]) for row in rows], [self.waves[2].pk])
        today = timezone.localdate()
        self.assertIn(f'"responses-pulse-2026-wave-2-{today}.csv"', answer["Content-Disposition"])
        answer, rows = self.download(self.export_url("days=30"))
        self.assertEqual(
            sorted(int(row["id"]) for row in rows),
            sorted([self.waves[2].pk, self.re_survey.pk, self.by_link.pk]),
        )
        self.assertIn(f'"responses-pulse-2026-30-days-{today}.csv"', answer["Content-Disposition"])
        first = today - timedelta(days=120)
        answer, rows = self.download(
            self.export_url(f"wave=1&days=dates&from={first}&to={today - timedelta(days=50)}")
        )
        self.assertEqual([int(row["id"]) for row in rows], [self.waves[1].pk])
        self.assertIn(
            f'"responses-pulse-2026-wave-1-{first}-to-{today - timedelta(days=50)}-{today}.csv"',
            answer["Content-Disposition"],
        )

    def test_a_partial_answer_counts_in_the_period_it_was_started(self) -> None:
        unfinished = self.respond(2, submitted=False, days_ago=3)
        _, rows = self.download(self.export_url("days=30"))
        self.assertIn(unfinished.pk, {int(row["id"]) for row in rows})
        _, rows = self.download(
            self.export_url(f"days=dates&from={timezone.localdate() - timedelta(days=1)}")
        )
        self.assertNotIn(unfinished.pk, {int(row["id"]) for row in rows})

    def test_the_pages_export_links_carry_its_wave_and_period(self) -> None:
        self.login(self.cx_lead)
        page = self.client.get(self.survey.get_absolute_url() + "?wave=2&days=90")
        for name in ("feedback:survey_export_csv", "feedback:survey_export_xlsx"):
            url = reverse(name, args=[self.survey.pk])
            self.assertContains(page, f'href="{url}?wave=2&amp;days=90"')
        self.assertContains(page, "Download the responses you may see to wave 2's invitations")
        every = self.client.get(self.survey.get_absolute_url())
        self.assertContains(every, f'href="{self.export_url()}" download')

    def test_a_wave_or_period_that_is_not_one_is_refused_rather_than_exported_whole(
        self,
    ) -> None:
        self.login(self.cx_lead)
        for query in ("wave=9", "wave=two", "days=dates&from=tomorrow"):
            answer = self.client.get(self.export_url(query))
            self.assertEqual(answer.status_code, 400, query)
        self.assertContains(
            self.client.get(self.export_url("wave=9")),
            "This survey has no wave “9”: it has waves 1 to 2.",
            status_code=400,
        )

    def test_a_transactional_survey_has_no_wave_column(self) -> None:
        survey = services.survey_create_from_template(
            actor=self.cx_lead, template="touchpoint-csat", values={"name": "After delivery"}
        )
        self.login(self.cx_lead)
        url = reverse("feedback:survey_export_csv", args=[survey.pk])
        self.assertNotIn("wave", _header(self.client.get(url)))

    def test_all_feedback_is_exported_for_a_period_in_a_file_named_for_it(self) -> None:
        answer, rows = self.download(reverse("feedback:feedback_export_csv") + "?days=30")
        self.assertNotIn(self.waves[1].pk, {int(row["id"]) for row in rows})
        today = timezone.localdate()
        self.assertIn(f'"feedback-30-days-{today}.csv"', answer["Content-Disposition"])
        xlsx = self.client.get(reverse("feedback:feedback_export_xlsx"))
        self.assertIn(f'"feedback-{today}.xlsx"', xlsx["Content-Disposition"])
