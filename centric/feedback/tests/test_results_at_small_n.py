"""A survey's results from fewer answers than a reliable figure needs show the figure with its
(wide) interval and n, and say how many answers are needed, rather than a bare figure: the
results of every survey, the customer-centricity index, the waves table, and a team-rating
survey's six behaviours wave by wave."""

from __future__ import annotations

import polars as pl
from django.utils import timezone

from centric.customers.models import Customer
from centric.feedback.models import Answer, Invitation, Response, Survey
from centric.feedback.tests.test_team_ratings import TeamRatingsTestCase
from centric.insights.metrics import MeanScore, Metric, Nps, estimate


def number(value: float, decimals: int) -> str:
    """As the pages write a figure: with a true minus sign."""
    return f"{value:.{decimals}f}".replace("-", "\u2212")


def figure_text(values: list[int], metric: Metric, decimals: int, unit: str = "") -> str:
    """What the results say after a figure from ``values``, fewer than 30 answers."""
    (column,) = metric.columns()
    found = estimate(pl.DataFrame({column: values}), metric)
    assert found.low is not None
    assert found.high is not None
    return (
        f"95% CI {number(found.low, decimals)} to {number(found.high, decimals)}{unit} · "
        f"only {len(values)} answers, 30 needed to rely on it"
    )


class CustomerSurveyTest(TeamRatingsTestCase):
    def answer(self, survey: Survey, scores: list[int], *, wave: int | None = None) -> None:
        customer = Customer.objects.get(account=self.account)
        questions = {question.key: question for question in survey.questions.all()}
        now = timezone.now()
        for i, score in enumerate(scores):
            invitation = None
            if wave is not None:
                invitation = Invitation.objects.create(
                    organisation=self.org,
                    survey=survey,
                    customer=customer,
                    contact=self.contact,
                    email=f"w{wave}-{i}@acme.example",
                    wave=wave,
                )
            response = Response.objects.create(
                organisation=self.org,
                survey=survey,
                invitation=invitation,
                customer=customer,
                channel="email",
                submitted_at=now,
                responded_at=now,
                score=score,
                score_type="nps",
            )
            Answer.objects.create(response=response, question=questions["nps"], number=score)

    def test_an_nps_of_five_answers_shows_its_interval_and_n_and_what_is_needed(self) -> None:
        survey = self.open_survey(self.make_survey())
        scores = [10, 9, 3, 7, 10]
        self.answer(survey, scores, wave=1)
        self.login(self.cx_lead)

        page = self.client.get(survey.get_absolute_url())

        self.assertContains(page, figure_text(scores, Nps(), 0))
        # the waves table too: the interval, and how many answers are needed
        reference = estimate(pl.DataFrame({"nps": scores}), Nps())
        assert reference.low is not None
        assert reference.high is not None
        waves = page.content.decode().split('id="waves-h"')[1].split("</table>")[0]
        self.assertIn(f"{number(reference.low, 0)} to {number(reference.high, 0)}</div>", waves)
        self.assertIn("only 5 answers, 30 needed", waves)

    def test_a_reliable_figure_shows_its_interval_and_n_alone(self) -> None:
        survey = self.open_survey(self.make_survey())
        self.answer(survey, [10, 9, 3, 7, 10, 8] * 5)
        self.login(self.cx_lead)
        page = self.client.get(survey.get_absolute_url())
        self.assertContains(page, " · n = 30</span>")
        self.assertNotContains(page, "needed to rely on it")


class TeamRatingSurveyTest(TeamRatingsTestCase):
    def test_each_behaviour_from_twenty_answers_shows_its_interval_and_n(self) -> None:
        survey = self.rating_survey()
        for rating in (2, 3, 4, 4, 5):
            self.rate(survey, self.team, empathy=rating, times=4)
        self.login(self.cx_lead)

        page = self.client.get(survey.get_absolute_url())

        empathy = [2, 3, 4, 4, 5] * 4
        self.assertContains(page, figure_text(empathy, MeanScore(low=1, high=5), 2))
        self.assertNotContains(page, "3.60 Average score · only 20 answers")  # never bare

    def test_an_average_s_interval_keeps_to_its_scale(self) -> None:
        survey = self.rating_survey()
        self.rate(survey, self.team, empathy=5, times=2)
        self.rate(survey, self.team, empathy=4)
        self.login(self.cx_lead)
        page = self.client.get(survey.get_absolute_url()).content.decode()
        empathy = page.split('id="result-empathy-h"')[1].split("</section>")[0]
        self.assertIn("4.67</span>", empathy)
        self.assertIn(" to 5.00 · only 3 answers, 30 needed to rely on it", empathy)

    def test_one_answer_has_no_interval_and_says_how_many_are_needed(self) -> None:
        survey = self.rating_survey()
        self.rate(survey, self.team, empathy=4)
        self.login(self.cx_lead)
        page = self.client.get(survey.get_absolute_url()).content.decode()
        empathy = page.split('id="result-empathy-h"')[1].split("</section>")[0]
        self.assertIn("Average score · only 1 answer, 30 needed to rely on it", empathy)
        self.assertNotIn("95% CI", empathy)

    def test_the_waves_show_each_of_the_six_behaviours_wave_by_wave(self) -> None:
        survey = self.rating_survey()
        self.rate(survey, self.team, empathy=2, times=3)
        self.rate(survey, self.team, wave=2, empathy=4, times=3)
        self.login(self.cx_lead)

        page = self.client.get(survey.get_absolute_url()).content.decode()

        waves = page.split('id="waves-h"')[1].split("</section>")[0]
        table = waves.split('id="behaviour-waves-h"')[1].split("</table>")[0]
        empathy = table.split("Empathy</th>")[1].split("</tr>")[0]
        self.assertIn('data-label="Wave 1">2.00', empathy)
        self.assertIn('data-label="Wave 2">4.00', empathy)
        self.assertIn("n = 3", empathy)
        for name in ("Self-awareness", "Listening", "Questioning", "Responsiveness"):
            self.assertIn(f"{name}</th>", table)
        self.assertIn("Receiving feedback</th>", table)

    def test_a_survey_that_rates_no_team_has_no_behaviours_by_wave(self) -> None:
        survey = self.open_survey(self.make_survey())
        self.login(self.cx_lead)
        self.assertNotContains(self.client.get(survey.get_absolute_url()), "behaviour-waves-h")
