"""A survey that asks NPS and CSAT keeps NPS for each response's headline and its CSAT among the
answers: the CSAT figures count every CSAT answer, not only those of respondents who skipped NPS."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone

from centric.core.periods import Window
from centric.customers.models import Customer
from centric.feedback import services as feedback_services
from centric.feedback.models import Question, Response, Survey
from centric.feedback.selectors import scores_of
from centric.insights import selectors, services
from tests.personas import PersonasTestCase


class ScoresBesideHeadlineTest(PersonasTestCase):
    survey: Survey

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.survey = Survey.objects.create(
            organisation=cls.org, name="Relationship", status=Survey.Status.OPEN
        )
        for position, (key, kind) in enumerate(
            (
                ("nps", "nps"),
                ("csat", "csat"),
                ("csat_again", "csat"),
                ("effort", "ces"),
                ("why", "text"),
            ),
            start=1,
        ):
            Question.objects.create(
                survey=cls.survey,
                key=key,
                position=position,
                kind=kind,
                required=False,
                text={"en": key},
            )
        customer = Customer.objects.get(account=cls.account)
        # 24 answer both (CSAT 5 when billing is not mentioned, 1 when it is); 3 skip NPS
        answers = [
            (
                {
                    "nps": "9",
                    "csat": "5",
                    "csat_again": "1",
                    "effort": "6",
                    "why": "Friendly people.",
                },
                customer,
            )
        ] * 12 + [
            ({"nps": "3", "csat": "1", "effort": "2", "why": "Billing charged me twice."}, None)
        ] * 12
        answers += [({"csat": "4", "why": "Friendly people."}, None)] * 3
        for number, (data, who) in enumerate(answers):
            response = feedback_services.response_for_open_link(
                survey=cls.survey, attempt=f"attempt-{number}", language="en"
            )
            response.customer = who
            following, errors = feedback_services.response_save_page(
                response=response, page=1, data={key: [value] for key, value in data.items()}
            )
            assert (following, errors) == (None, {}), errors
        services.responses_analyse(response_ids=list(Response.objects.values_list("pk", flat=True)))

    def test_each_response_counts_once_for_each_score_it_has(self) -> None:
        responses = Response.objects.filter(survey=self.survey)

        self.assertEqual(
            sorted(responses.values_list("score_type", flat=True)), ["csat"] * 3 + ["nps"] * 24
        )
        self.assertEqual(len(scores_of(responses, "nps")), 24)
        csat = scores_of(responses, "csat", "customer_id")
        # the first CSAT question's answer, once a response; never the second's
        self.assertEqual(sorted(score for score, _ in csat), [1] * 12 + [4] * 3 + [5] * 12)
        self.assertEqual(sum(who is not None for _, who in csat), 12)
        self.assertEqual(sorted(scores_of(responses, "ces")), [(2,)] * 12 + [(6,)] * 12)
        self.assertEqual(scores_of(responses, "rating"), [])

    def test_the_overview_counts_every_csat_answer(self) -> None:
        overview = selectors.insights_overview(actor=self.cx_lead, survey_id=self.survey.pk)

        cards = {card.label: card for card in overview.scores}
        self.assertEqual(set(cards), {"NPS", "CSAT", "CES"})
        self.assertEqual(cards["NPS"].current.n, 24)
        self.assertEqual(cards["CSAT"].current.n, 27)
        # top-2-box: the 12 fives and 3 fours of 27
        self.assertAlmostEqual(cards["CSAT"].current.value or 0.0, 100 * 15 / 27)

    def test_csat_impact_reads_the_answers_beside_nps(self) -> None:
        overview = selectors.insights_overview(actor=self.cx_lead, survey_id=self.survey.pk)

        billing = next(row for row in overview.themes if row.theme == "billing")
        # every billing comment has CSAT 1 (not satisfied), every other a 4 or 5
        self.assertAlmostEqual(billing.drivers["csat"].effect or 0.0, -100.0)

    def test_the_page_shows_the_impact_on_each_score_asked(self) -> None:
        self.login(self.cx_lead)

        page = self.client.get(reverse("insights:overview"), {"survey": self.survey.pk})

        self.assertEqual(page.context["impact_labels"], ["NPS", "CSAT", "CES"])
        self.assertContains(
            page, "NPS, CSAT and CES impact are the difference in the score, in points,"
        )
        self.assertContains(page, "What goes with CES")
        billing = next(row for row, *_ in page.context["theme_rows"] if row.theme == "billing")
        # CES is a mean on 1-7, shown with its decimal: billing's 2 against the others' 6
        self.assertAlmostEqual(billing.drivers["ces"].effect or 0.0, -4.0)
        self.assertContains(page, "−4.0 (")

    def test_the_theme_table_export_has_each_impact(self) -> None:
        self.login(self.cx_lead)

        export: Any = self.client.get(
            reverse("insights:overview_themes_csv"), {"survey": self.survey.pk}
        )

        header = b"".join(export.streaming_content).decode().splitlines()[0]
        self.assertIn("CES impact (points)", header)

    def test_the_home_page_counts_them_too(self) -> None:
        self.login(self.cx_lead)

        page = self.client.get(reverse("home"))

        scores = dict(page.context["voice"].scores)
        self.assertEqual(scores["CSAT"].n, 27)
        self.assertEqual(scores["NPS"].n, 24)

    def test_segments_compare_the_csat_answers_of_accounts(self) -> None:
        overview = selectors.insights_overview(actor=self.cx_lead, survey_id=self.survey.pk)

        csat = next(found for found in overview.segments if found.label == "CSAT")
        # 12 answers from the account's customer, 15 anonymous
        self.assertEqual(csat.unsegmented, 15)
        self.assertEqual(sum(row.n for row in csat.rows), 12)

    def test_the_window_reads_when_they_were_given(self) -> None:
        later = selectors.insights_overview(
            actor=self.cx_lead,
            survey_id=self.survey.pk,
            window=Window.between(
                timezone.localdate() + dt.timedelta(days=1),
                timezone.localdate() + dt.timedelta(days=30),
            ),
        )

        self.assertEqual(
            {card.label: card.current.n for card in later.scores}, {"NPS": 0, "CSAT": 0, "CES": 0}
        )
