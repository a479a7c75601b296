"""How the teams a team serves rate it (``feedback.team_ratings``): the latest results of the
surveys rating the team, each of the six behaviours by name with its interval and n, the change
from the wave before where the metrics library finds it clear, and the rating teams with three
answers or more shown apart; of the answers the reader may see."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import polars as pl
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from centric.core.models import Role
from centric.customers.services import customer_ensure_for_team
from centric.feedback import team_ratings
from centric.feedback.catalog import BEHAVIOURS
from centric.feedback.models import Answer, Invitation, Response, Survey
from centric.feedback.results import BEHAVIOUR_NAMES
from centric.feedback.tests.test_surveys import SurveyTestCase
from centric.insights.metrics import Csat, MeanScore, estimate
from centric.insights.metrics.compare import difference_of
from centric.insights.metrics.scores import summarise
from centric.people.models import Team, User
from tests.factories import TeamFactory, UserFactory

KEYS = [key for key, _ in BEHAVIOURS]
_emails = itertools.count()


class TeamRatingsTestCase(SurveyTestCase):
    """IT, led by its head with a member and a viewer, serves Customer Success (the personas'
    team), Finance, Sales and Marketing, which rate it through an internal-customer survey.
    People & Culture serves IT: its member may see IT's page, but serves none of the teams
    that rate IT, so may see none of their ratings. Every reader here sees the same ratings
    whether a team's ratings are shown to the teams that serve its raters or only to the team
    itself and those who run the programme."""

    it: Team
    it_head: User
    it_member: User
    it_viewer: User
    sales: Team
    marketing: Team
    people_and_culture: Team
    hr_member: User

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        person = UserFactory.create
        cls.it_head = person(organisation=cls.org, email="it-head@northwind.example")
        cls.it_member = person(organisation=cls.org, email="it@northwind.example")
        cls.it_viewer = person(
            organisation=cls.org, email="it-viewer@northwind.example", role=Role.VIEWER
        )
        cls.it = TeamFactory.create(
            organisation=cls.org,
            name="IT",
            lead=cls.it_head,
            members=[cls.it_head, cls.it_member, cls.it_viewer],
        )
        cls.sales = TeamFactory.create(organisation=cls.org, name="Sales")
        cls.marketing = TeamFactory.create(organisation=cls.org, name="Marketing")
        cls.it.serves.add(cls.team, cls.finance, cls.sales, cls.marketing)
        cls.hr_member = person(organisation=cls.org, email="hr@northwind.example")
        cls.people_and_culture = TeamFactory.create(
            organisation=cls.org, name="People & Culture", members=[cls.hr_member]
        )
        cls.people_and_culture.serves.add(cls.it)

    def rating_survey(self, team: Team | None = None, **values: Any) -> Survey:
        values = {"name": "How IT serves us", "subject_team": team or self.it, **values}
        return self.open_survey(self.make_survey("internal-customer", **values))

    def rate(
        self,
        survey: Survey,
        by: Team,
        *,
        wave: int | None = 1,
        csat: int | None = 4,
        times: int = 1,
        **ratings: int,
    ) -> list[Response]:
        """``times`` answers of members of ``by`` rating ``survey``'s team: CSAT ``csat`` and
        each behaviour 3 unless ``ratings`` says otherwise; by an invitation of ``wave``, or
        by the open link (``wave=None``)."""
        customer = customer_ensure_for_team(team=by)
        questions = {question.key: question for question in survey.questions.all()}
        responses = []
        now = timezone.now()
        for _ in range(times):
            invitation = None
            if wave is not None:
                invitation = Invitation.objects.create(
                    organisation=self.org,
                    survey=survey,
                    customer=customer,
                    person=self.teammate,
                    email=f"rater{next(_emails)}@northwind.example",
                    wave=wave,
                )
                if survey.current_wave < wave:
                    Survey.objects.filter(pk=survey.pk).update(current_wave=wave)
                    survey.current_wave = wave
            response = Response.objects.create(
                organisation=self.org,
                survey=survey,
                invitation=invitation,
                customer=customer,
                person=self.teammate,
                channel="email" if invitation else "link",
                submitted_at=now,
                responded_at=now,
                score=csat,
                score_type="csat" if csat is not None else "",
            )
            answers = {key: ratings.get(key, 3) for key in KEYS}
            if csat is not None:
                answers["csat"] = csat
            Answer.objects.bulk_create(
                Answer(response=response, question=questions[key], number=number)
                for key, number in answers.items()
            )
            responses.append(response)
        return responses


def mean(values: Sequence[int]) -> Any:
    return estimate(pl.DataFrame({"score": list(values)}), MeanScore(low=1, high=5))


class LatestResultsTest(TeamRatingsTestCase):
    def test_the_six_behaviours_are_named_as_in_the_catalog_and_in_its_order(self) -> None:
        self.assertEqual(list(BEHAVIOUR_NAMES), KEYS)
        survey = self.rating_survey()
        self.rate(survey, self.team)
        found = team_ratings.team_ratings(actor=self.it_head, team=self.it).ratings
        assert found is not None
        self.assertEqual(
            [(b.name, b.statement) for b in found.behaviours],
            [
                ("Self-awareness", "They know how their work affects ours"),
                ("Listening", "They listen to what we need"),
                ("Questioning", "They ask good questions before acting"),
                ("Empathy", "They put themselves in our shoes"),
                ("Responsiveness", "They respond in good time"),
                ("Receiving feedback", "They welcome our feedback"),
            ],
        )

    def test_each_behaviour_has_its_average_interval_and_n_as_the_library_computes_them(
        self,
    ) -> None:
        survey = self.rating_survey()
        self.rate(survey, self.team, csat=5, empathy=4, listening=2, times=3)
        self.rate(survey, self.finance, csat=2, empathy=2, listening=3, times=4)

        found = team_ratings.team_ratings(actor=self.it_head, team=self.it)

        ratings = found.ratings
        assert ratings is not None
        assert ratings.latest is not None
        self.assertEqual((ratings.survey, ratings.latest.number), (survey, 1))
        self.assertEqual(ratings.latest.answered, 7)
        figures = {behaviour.key: figure.score for behaviour, figure, _ in ratings.latest_rows}
        for key, values in (("empathy", [4] * 3 + [2] * 4), ("listening", [2] * 3 + [3] * 4)):
            expected = mean(values)
            self.assertEqual(
                (figures[key].value, figures[key].low, figures[key].high, figures[key].n),
                (expected.value, expected.low, expected.high, 7),
            )
            self.assertFalse(figures[key].reliable)  # 7 answers: shown with its interval
        assert ratings.latest.headline is not None
        assert ratings.headline is not None
        csat = estimate(pl.DataFrame({"score": [5] * 3 + [2] * 4}), Csat(column="score"))
        self.assertEqual(ratings.headline.label, "CSAT")
        self.assertEqual(ratings.latest.headline.score, csat)
        self.assertIsNone(ratings.previous)  # the first wave: nothing to change from

    def test_an_average_s_interval_keeps_to_the_scale_of_one_to_five(self) -> None:
        survey = self.rating_survey()
        self.rate(survey, self.team, empathy=5, times=2)
        self.rate(survey, self.team, empathy=4)
        ratings = team_ratings.team_ratings(actor=self.it_head, team=self.it).ratings
        assert ratings is not None
        empathy = {b.key: f.score for b, f, _ in ratings.latest_rows}["empathy"]
        self.assertEqual(empathy.high, 5.0)  # the t interval of 5, 5 and 4 reaches 6.1
        self.assertEqual(empathy, mean([5, 5, 4]))  # as the metrics library keeps it

    def test_the_latest_results_are_the_latest_wave_of_the_survey_answered_last(self) -> None:
        older = self.rating_survey(name="How IT served us last year")
        self.rate(older, self.team, empathy=1, times=3)
        survey = self.rating_survey()
        self.rate(survey, self.team, empathy=2, times=3)
        self.rate(survey, self.team, wave=2, empathy=4, times=3)
        self.rate(survey, self.team, wave=None, empathy=5)  # the open link: in no wave
        self.rating_survey(name="How IT serves us next year")  # no answers yet

        found = team_ratings.team_ratings(actor=self.it_head, team=self.it)

        self.assertEqual(len(found.surveys), 3)
        ratings = found.ratings
        assert ratings is not None
        assert ratings.latest is not None
        self.assertEqual((ratings.survey, ratings.latest.number), (survey, 2))
        self.assertEqual([wave.number for wave in ratings.waves], [1, 2])
        empathy = [
            figures for behaviour, figures in ratings.trend_rows if behaviour.name == "Empathy"
        ]
        self.assertEqual(
            [figure.score.value for _, figure in empathy[0]], [2.0, 4.0]
        )  # the open link's 5 is in neither wave
        self.assertEqual(
            team_ratings.team_headlines(actor=self.it_head, teams=[self.it])[self.it.pk].wave, 2
        )

    def test_a_survey_answered_only_by_its_open_link_is_read_whole(self) -> None:
        survey = self.rating_survey()
        self.rate(survey, self.team, wave=None, empathy=4, times=2)
        ratings = team_ratings.team_ratings(actor=self.it_head, team=self.it).ratings
        assert ratings is not None
        assert ratings.latest is not None
        self.assertEqual((ratings.latest.number, ratings.latest.answered), (None, 2))

    def test_a_change_is_claimed_only_where_both_waves_are_reliable_and_it_is_clear(
        self,
    ) -> None:
        survey = self.rating_survey()
        for listening in (2, 3):
            self.rate(survey, self.team, listening=listening, empathy=3, times=15)
            self.rate(survey, self.finance, listening=listening, empathy=4, times=15)
        for listening in (4, 5):
            self.rate(survey, self.team, wave=2, listening=listening, empathy=4, times=15)
            self.rate(survey, self.finance, wave=2, listening=listening, empathy=3, times=15)

        ratings = team_ratings.survey_ratings(actor=self.it_head, survey=survey)

        rows = {behaviour.key: figure for behaviour, figure, _ in ratings.latest_rows}
        metric = MeanScore(low=1, high=5)
        frame = pl.DataFrame({"score": [4, 5] * 30})
        before = pl.DataFrame({"score": [2, 3] * 30})
        expected = difference_of(summarise(frame, metric), summarise(before, metric), metric)
        heard = rows["listening"]
        assert heard.change is not None
        self.assertAlmostEqual(heard.change.difference, expected.difference)
        self.assertAlmostEqual(heard.change.low, expected.low)
        self.assertTrue(heard.clear_change)
        # the same answers in both waves: compared, but no clear change
        empathy = rows["empathy"]
        assert empathy.change is not None
        self.assertFalse(empathy.clear_change)
        # a third wave of five answers is too few to compare with the second
        self.rate(survey, self.team, wave=3, listening=1, times=5)
        latest = team_ratings.survey_ratings(actor=self.it_head, survey=survey)
        rows = {behaviour.key: figure for behaviour, figure, _ in latest.latest_rows}
        self.assertIsNone(rows["listening"].change)
        self.assertFalse(rows["listening"].clear_change)


class RatingTeamsTest(TeamRatingsTestCase):
    def test_a_team_is_shown_apart_from_three_answers_the_others_pooled(self) -> None:
        survey = self.rating_survey()
        self.rate(survey, self.team, empathy=5, times=3)
        self.rate(survey, self.finance, empathy=1, times=4)
        self.rate(survey, self.sales, empathy=2)
        self.rate(survey, self.marketing, empathy=4, times=2)

        ratings = team_ratings.survey_ratings(actor=self.it_head, survey=survey)

        self.assertEqual(
            [(rater.name, rater.teams, rater.answered, rater.shown) for rater in ratings.raters],
            [
                ("Finance", 1, 4, True),
                ("Customer Success", 1, 3, True),
                ("Other teams", 2, 3, True),
            ],
        )
        pooled = ratings.raters[-1]
        empathy = dict((b.key, score) for b, score in pooled.behaviours)["empathy"]
        self.assertEqual((empathy.value, empathy.n), (mean([2, 4, 4]).value, 3))

    def test_one_team_s_one_or_two_answers_are_never_shown_apart(self) -> None:
        survey = self.rating_survey()
        self.rate(survey, self.team, times=3)
        self.rate(survey, self.sales, empathy=1, times=2)

        ratings = team_ratings.survey_ratings(actor=self.it_head, survey=survey)

        self.assertEqual(
            [(rater.name, rater.answered, rater.shown) for rater in ratings.raters],
            [("Customer Success", 3, True), ("Other teams", 2, False)],
        )
        self.assertNotIn("Sales", [rater.name for rater in ratings.raters])


class WhoSeesTheRatingsTest(TeamRatingsTestCase):
    def test_the_team_and_those_who_run_the_programme_see_every_rating(self) -> None:
        survey = self.rating_survey()
        self.rate(survey, self.team, times=2)
        self.rate(survey, self.finance, times=3)
        for reader in (self.it_head, self.it_member, self.it_viewer, self.cx_lead, self.admin):
            found = team_ratings.team_ratings(actor=reader, team=self.it)
            assert found.ratings is not None, reader
            assert found.ratings.latest is not None
            self.assertEqual(found.ratings.latest.answered, 5, reader)
            self.assertEqual(
                found.own_team, reader in (self.it_head, self.it_member, self.it_viewer)
            )

    def test_someone_who_may_not_see_the_ratings_gets_no_figure(self) -> None:
        survey = self.rating_survey()
        self.rate(survey, self.team, times=3)

        found = team_ratings.team_ratings(actor=self.hr_member, team=self.it)

        self.assertIsNone(found.ratings)
        self.assertTrue(found.hidden)  # rated, as the surveys list says to everyone
        self.assertEqual(team_ratings.team_headlines(actor=self.hr_member, teams=[self.it]), {})
        self.assertIsNone(team_ratings.team_ratings(actor=self.stranger, team=self.it).ratings)

    def test_a_team_nobody_rated_has_no_ratings_and_is_not_hidden(self) -> None:
        found = team_ratings.team_ratings(actor=self.it_head, team=self.it)
        self.assertEqual((found.surveys, found.ratings, found.hidden), ([], None, False))


class TeamHeadlinesTest(TeamRatingsTestCase):
    def test_each_team_s_headline_is_its_page_s_in_three_queries_however_many_teams(
        self,
    ) -> None:
        survey = self.rating_survey()
        self.rate(survey, self.team, csat=5, times=2)
        self.rate(survey, self.finance, csat=2, times=3)
        teams = list(Team.objects.filter(organisation=self.org))
        with CaptureQueriesContext(connection) as one:
            headlines = team_ratings.team_headlines(actor=self.cx_lead, teams=teams)
        headline = headlines[self.it.pk]
        page = team_ratings.team_ratings(actor=self.cx_lead, team=self.it).ratings
        assert page is not None
        assert page.latest is not None
        assert page.latest.headline is not None
        self.assertEqual((headline.label, headline.unit), ("CSAT", "%"))
        self.assertEqual(headline.score, page.latest.headline.score)
        self.assertEqual(set(headlines), {self.it.pk})

        for team in (self.sales, self.finance):
            self.rate(self.rating_survey(team, name=f"How {team} serves us"), self.team, times=2)
        with CaptureQueriesContext(connection) as three:
            headlines = team_ratings.team_headlines(actor=self.cx_lead, teams=teams)
        self.assertEqual(set(headlines), {self.it.pk, self.sales.pk, self.finance.pk})
        self.assertEqual(len(three), len(one))
        self.assertLessEqual(len(one), 3)
