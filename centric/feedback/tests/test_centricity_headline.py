"""The customer-centricity survey (seed 003) is summed up by its index, not by the NPS it also
asks: in the survey list, wave by wave, and at the head of its results."""

from collections.abc import Sequence

import polars as pl
from django.urls import reverse
from django.utils import timezone

from centric.customers.models import Customer
from centric.feedback import selectors
from centric.feedback.models import Answer, Invitation, Response
from centric.feedback.results import Selection, centricity_result
from centric.feedback.tests.test_surveys import SurveyTestCase
from centric.insights.metrics import CentricityIndex, Estimate, compare, estimate

KEYS = ("discovery", "service", "engagement")
Ratings = tuple[int | None, int | None, int | None]  # None where skipped


def times(n: int, ratings: Ratings) -> list[Ratings]:
    return [ratings] * n


class CentricityHeadlineTest(SurveyTestCase):
    def assertSameEstimate(self, found: Estimate | None, reference: Estimate) -> None:
        """The same figure, interval and n: equal but for the last bits of a float, which the
        order the database returns the answers in may change (PostgreSQL's is not SQLite's)."""
        assert found is not None
        self.assertEqual((found.metric, found.n), (reference.metric, reference.n))
        for name in ("value", "low", "high"):
            self.assertAlmostEqual(getattr(found, name), getattr(reference, name), places=9)

    def setUp(self) -> None:
        self.survey = self.open_survey(
            self.make_survey("customer-centricity", name="How we work with you")
        )
        self.questions = {q.key: q for q in self.survey.questions.all()}
        self.customer = Customer.objects.get(account=self.account)

    def answered_wave(self, wave: int, answers: Sequence[Ratings]) -> None:
        """Invitations of ``wave`` answered with the three ratings of each of ``answers``
        (``None`` where skipped), each also an NPS of 0 that the index must not read."""
        invitations = Invitation.objects.bulk_create(
            Invitation(
                organisation=self.org,
                survey=self.survey,
                customer=self.customer,
                contact=self.contact,
                email=f"wave{wave}-{i}@acme.example",
                wave=wave,
            )
            for i in range(len(answers))
        )
        now = timezone.now()
        responses = Response.objects.bulk_create(
            Response(
                organisation=self.org,
                survey=self.survey,
                invitation=invitation,
                customer=self.customer,
                channel="email",
                submitted_at=now,
                responded_at=now,
                score=0,
                score_type="nps",
            )
            for invitation in invitations
        )
        Answer.objects.bulk_create(
            Answer(response=response, question=self.questions[key], number=number)
            for response, ratings in zip(responses, answers, strict=True)
            for key, number in zip(KEYS, ratings, strict=True)
            if number is not None and key in self.questions
        )
        if self.survey.current_wave < wave:
            self.survey.current_wave = wave
            self.survey.save(update_fields=["current_wave"])

    def test_the_index_is_the_headline_of_the_list_the_waves_and_the_results(self) -> None:
        first = times(20, (5, 5, 5)) + times(20, (1, 2, 3))
        second = times(30, (2, 2, 2)) + times(5, (4, 3, 5))
        skipped = times(5, (5, None, 5))  # left out: the index rests on all three answers
        self.answered_wave(1, first + skipped)
        self.answered_wave(2, second)

        def frame(answers: Sequence[Ratings]) -> pl.DataFrame:
            return pl.DataFrame(answers, schema=list(KEYS), orient="row")

        index = CentricityIndex()
        expected = [estimate(frame(answers), index) for answers in (first, second)]
        waves = selectors.survey_waves(actor=self.cx_lead, survey=self.survey)
        for wave, reference in zip(waves, expected, strict=True):
            self.assertSameEstimate(wave.score, reference)
        self.assertEqual(expected[0].metric, "Customer-centricity index")
        assert waves[1].change is not None
        change = compare(frame(second), frame(first), index)
        self.assertAlmostEqual(waves[1].change.difference, change.difference)
        self.assertAlmostEqual(waves[1].change.low, change.low)

        every = estimate(frame(first + second), index)
        (headline,) = selectors.survey_headlines(actor=self.cx_lead, surveys=[self.survey]).values()
        self.assertSameEstimate(headline.score, every)
        self.assertEqual(every.n, 75)
        self.assertEqual(headline.label, "Centricity index")
        self.assertSameEstimate(centricity_result(actor=self.cx_lead, survey=self.survey), every)
        in_wave = centricity_result(
            actor=self.cx_lead, survey=self.survey, selection=Selection(wave=2)
        )
        self.assertSameEstimate(in_wave, expected[1])
        self.assertEqual(expected[1].n, 35)

        self.login(self.cx_lead)
        listed = self.client.get(reverse("feedback:survey_list"))
        self.assertContains(listed, f"Centricity index {every.value:.0f}")
        self.assertNotContains(listed, "NPS −100")
        page = self.client.get(self.survey.get_absolute_url())
        self.assertContains(page, '<th class="num" scope="col">Customer-centricity index</th>')
        self.assertContains(page, "Customer-centricity index</h3>")
        self.assertContains(page, f'<span class="stat">{every.value:.0f}</span>', html=True)
        self.assertContains(page, "75 answers to all three")
        page = self.client.get(self.survey.get_absolute_url(), {"wave": 2})
        self.assertContains(page, f'<span class="stat">{expected[1].value:.0f}</span>', html=True)
        self.assertContains(page, "35 answers to all three")
        api = self.client.get(f"/api/surveys/{self.survey.pk}/results", {"wave": 2}).json()
        self.assertAlmostEqual(api["centricity_index"]["value"], expected[1].value, places=9)
        self.assertEqual(api["centricity_index"]["n"], 35)
        waves = self.client.get(f"/api/surveys/{self.survey.pk}").json()["waves"]
        self.assertEqual(waves[0]["score"]["metric"], "Customer-centricity index")

    def test_the_index_is_of_the_answers_the_reader_may_see(self) -> None:
        self.answered_wave(1, times(3, (5, 5, 5)))
        (lead,) = selectors.survey_headlines(actor=self.cx_lead, surveys=[self.survey]).values()
        (outsider,) = selectors.survey_headlines(
            actor=self.outsider, surveys=[self.survey]
        ).values()
        self.assertEqual((lead.score.value, lead.score.n, lead.score.reliable), (100.0, 3, False))
        self.assertEqual((outsider.score.value, outsider.score.n), (None, 0))
        result = centricity_result(actor=self.outsider, survey=self.survey)
        assert result is not None
        self.assertEqual(result.n, 0)
        self.login(self.cx_lead)
        page = self.client.get(self.survey.get_absolute_url())
        self.assertContains(page, "only 3 answers, 30 needed to rely on it")

    def test_a_survey_that_lost_one_of_the_three_questions_is_headed_by_its_nps(self) -> None:
        self.survey.questions.filter(key="service").delete()
        del self.questions["service"]
        self.answered_wave(1, times(3, (5, 5, 5)))
        (headline,) = selectors.survey_headlines(actor=self.cx_lead, surveys=[self.survey]).values()
        self.assertEqual((headline.label, headline.score.value), ("NPS", -100.0))
        self.assertIsNone(centricity_result(actor=self.cx_lead, survey=self.survey))
