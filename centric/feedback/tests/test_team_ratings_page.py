"""A team's page says how the teams it serves rate it, to the team and to those who run the
programme, and to nobody else; the teams list gives each team's latest rating."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from centric.feedback.tests.test_team_ratings import TeamRatingsTestCase
from centric.people.models import User


class TeamPageTest(TeamRatingsTestCase):
    def section(self, reader: User) -> str:
        """The section of IT's page on how other teams rate it, as ``reader`` sees it."""
        self.login(reader)
        page = self.client.get(reverse("people:team_detail", args=[self.it.pk]))
        self.assertEqual(page.status_code, 200)
        return page.content.decode().split('id="ratings-h"')[1].split("</section>")[0]

    def test_the_team_lead_reads_how_the_teams_they_serve_rate_them(self) -> None:
        survey = self.rating_survey()
        self.rate(survey, self.team, csat=5, empathy=4, times=3)
        self.rate(survey, self.finance, csat=2, empathy=2, times=4)

        section = self.section(self.it_head)

        self.assertIn(">How the teams you serve rate you</h2>", section)
        self.assertIn("7 answers from people in other teams, with their names", section)
        self.assertIn("Empathy", section)
        self.assertIn("“They put themselves in our shoes”", section)
        self.assertIn("2.86", section)  # (3 × 4 + 4 × 2) / 7
        # seven answers: the interval and n, and that more are needed
        self.assertIn("CSAT overall · 95% CI", section)
        self.assertIn("only 7 answers, 30 needed to rely on it", section)
        self.assertIn(" · n = 7", section)
        self.assertIn(f'href="/surveys/{survey.pk}/?wave=1#results-h"', section)
        self.assertIn(f"/insights/comments/?survey={survey.pk}&amp;days=dates&amp;from=", section)

    def test_its_members_and_viewers_read_them_too(self) -> None:
        self.rate(self.rating_survey(), self.team, empathy=4, times=3)
        for reader in (self.it_member, self.it_viewer):
            section = self.section(reader)
            self.assertIn("How the teams you serve rate you", section)
            self.assertIn("Empathy", section)

    def test_those_who_run_the_programme_read_how_other_teams_rate_the_team(self) -> None:
        self.rate(self.rating_survey(), self.team, empathy=4, times=3)
        for reader in (self.cx_lead, self.admin):
            section = self.section(reader)
            self.assertIn(">How other teams rate IT</h2>", section)
            self.assertIn("Empathy", section)
            self.assertNotIn("with their names", section)

    def test_someone_who_may_see_the_team_but_not_its_ratings_sees_no_figure(self) -> None:
        survey = self.rating_survey()
        self.rate(survey, self.team, csat=5, empathy=4, times=3)

        section = self.section(self.hr_member)  # People & Culture serves IT

        self.assertIn("How other teams rate IT", section)
        self.assertIn("shown to its members and to those who run", section)
        for figure in ("Empathy", "CSAT", "4.00", "100%", "95% CI"):
            self.assertNotIn(figure, section)

    def test_serving_the_teams_that_rate_it_is_no_reason_to_see_their_ratings(self) -> None:
        # People & Culture serves IT and Customer Success: it sees Customer Success's other
        # feedback, but how Customer Success rates IT belongs to IT
        self.people_and_culture.serves.add(self.team)
        self.rate(self.rating_survey(), self.team, csat=5, empathy=4, times=3)

        section = self.section(self.hr_member)

        self.assertIn("shown to its members and to those who run", section)
        for figure in ("Empathy", "CSAT", "4.00", "100%", "95% CI"):
            self.assertNotIn(figure, section)
        self.login(self.hr_member)
        listed = self.client.get(reverse("people:team_list")).content.decode()
        self.assertNotIn("CSAT", listed.split(">IT</a>")[1].split("</tr>")[0])

    def test_a_team_nobody_has_rated_says_how_to_start(self) -> None:
        section = self.section(self.it_head)
        self.assertIn("No team has rated IT yet", section)
        self.assertIn("a CX lead makes a survey from the internal-customer template", section)
        self.assertNotIn("New survey", section)  # only a CX lead or an admin can
        self.assertIn(reverse("feedback:survey_create"), self.section(self.cx_lead))
        self.rating_survey()
        self.assertIn("No answers yet to", self.section(self.it_head))

    def test_one_team_s_few_answers_are_pooled_never_shown_as_that_team_s(self) -> None:
        survey = self.rating_survey()
        self.rate(survey, self.team, empathy=4, times=3)
        self.rate(survey, self.sales, empathy=1)

        section = self.section(self.it_head)

        raters = section.split('id="raters-h"')[1]
        self.assertIn("Customer Success", raters)
        self.assertNotIn("Sales", raters)
        self.assertIn("Other teams", raters)
        self.assertIn("too few answers to show apart", raters)
        self.assertNotIn("1.00", raters)
        # three answers of 4 have no spread: no interval of "4.00 to 4.00" to read as certain
        self.assertIn("all alike", raters)
        self.assertNotIn("4.00 to 4.00", raters)

    def test_each_behaviour_is_shown_wave_by_wave_with_the_change_from_the_wave_before(
        self,
    ) -> None:
        survey = self.rating_survey()
        self.rate(survey, self.team, listening=2, times=30)
        self.rate(survey, self.team, wave=2, listening=4, times=30)

        section = self.section(self.it_head)

        self.assertIn("Wave 2 of", section)
        self.assertIn("Change from wave 1", section)
        self.assertIn("a clear change", section)
        self.assertIn("no clear change", section)  # the other five did not move
        self.assertIn("The six behaviours, wave by wave", section)
        self.assertIn("CSAT <span", section)  # the headline's row in the trend

    def test_small_waves_are_set_side_by_side_without_claiming_a_change(self) -> None:
        survey = self.rating_survey()
        self.rate(survey, self.team, listening=2, times=3)
        self.rate(survey, self.team, wave=2, listening=4, times=3)

        section = self.section(self.it_head)

        listening = section.split("Listening<div")[1].split("</tr>")[0]
        self.assertIn("2.00 in wave 1", listening)
        self.assertIn("too few answers to compare", listening)
        self.assertNotIn("clear change", section)


class TeamsListTest(TeamRatingsTestCase):
    def test_each_team_s_latest_rating_is_read_at_once_for_every_team(self) -> None:
        self.login(self.cx_lead)
        self.rate(self.rating_survey(), self.team, csat=5, times=2)
        with CaptureQueriesContext(connection) as one:
            page = self.client.get(reverse("people:team_list"))
        row = page.content.decode().split(">IT</a>")[1].split("</tr>")[0]
        self.assertIn("100% <span", row)
        self.assertIn("CSAT", row)
        self.assertIn(" · n = 2", row)

        for team in (self.sales, self.finance):
            self.rate(self.rating_survey(team, name=f"How {team} serves us"), self.team)
        with CaptureQueriesContext(connection) as three:
            self.client.get(reverse("people:team_list"))
        self.assertEqual(len(three), len(one))

    def test_a_team_s_rating_is_not_listed_for_someone_who_may_not_see_it(self) -> None:
        self.rate(self.rating_survey(), self.team, csat=5, times=3)
        self.login(self.hr_member)
        page = self.client.get(reverse("people:team_list")).content.decode()
        row = page.split(">IT</a>")[1].split("</tr>")[0]
        self.assertNotIn("CSAT", row)
        self.assertNotIn("100%", row)
