"""The answers to a survey that rates a team belong to that team: its lead, members and viewers
see them, with their respondents' names, and so do admins and CX leads; nobody else does, not
even a team that serves the respondents' team. Every way of reading feedback keeps to that: the
response's page, the survey's results, page and exports, the API and the comment explorer.
Other feedback from internal customers is seen as before, by the teams that serve them."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from centric.core.models import Role
from centric.customers.services import customer_ensure_for_team
from centric.feedback import services
from centric.feedback.models import Answer, Response, Survey
from centric.feedback.selectors import responses_visible_to
from centric.people.models import Team, User
from tests.api.test_api import ApiTestCase
from tests.factories import TeamFactory, UserFactory


class TeamRatingsTestCase(ApiTestCase):
    """Finance (led by Fiona, with Otto the outsider and Vera, a viewer) serves Customer Success;
    Tom of Customer Success and Sam of Sales rate Finance, and Tom rates IT (Ivan's team) too.
    Customer Success also sent Finance a note through the API, which answers no survey."""

    finance_head: User
    finance_viewer: User
    it_member: User
    sales_member: User
    it: Team
    sales: Team
    rates_finance: Survey
    rates_it: Survey
    tom_on_finance: Response
    sam_on_finance: Response
    tom_on_it: Response
    note: Response

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        person = {"organisation": cls.org}
        cls.finance_head = UserFactory.create(**person, email="fiona@northwind.example")
        cls.finance_viewer = UserFactory.create(
            **person, email="vera@northwind.example", role=Role.VIEWER
        )
        cls.it_member = UserFactory.create(**person, email="ivan@northwind.example")
        cls.sales_member = UserFactory.create(
            **person, email="sam@northwind.example", first_name="Sam", last_name="Sales"
        )
        cls.finance.lead = cls.finance_head  # the lead, without being a member
        cls.finance.save()
        cls.finance.members.add(cls.finance_viewer)
        cls.it = TeamFactory.create(**person, name="IT", members=[cls.it_member])
        cls.sales = TeamFactory.create(**person, name="Sales", members=[cls.sales_member])
        cls.teammate.last_name = "Teammate"
        cls.teammate.save()
        cls.rates_finance = cls.team_survey(cls.finance, "How Finance serves us")
        cls.rates_it = cls.team_survey(cls.it, "How IT serves us")
        cls.tom_on_finance = cls.rating(
            cls.rates_finance, cls.teammate, cls.team, 1, "Invoices go out late."
        )
        cls.sam_on_finance = cls.rating(
            cls.rates_finance, cls.sales_member, cls.sales, 5, "Quick help at quarter end."
        )
        cls.tom_on_it = cls.rating(cls.rates_it, cls.teammate, cls.team, 2, "Tickets vanish.")
        cls.note = Response.objects.create(
            organisation=cls.org,
            kind=Response.Kind.NOTE,
            customer=customer_ensure_for_team(team=cls.team),
            channel=Response.Channel.API,
            comment="Customer Success needs the new price list.",
            responded_at=timezone.now(),
        )

    @classmethod
    def team_survey(cls, team: Team, name: str) -> Survey:
        survey = services.survey_create_from_template(
            actor=cls.cx_lead,
            template="internal-customer",
            values={"name": name, "subject_team": team},
        )
        return services.survey_set_status(actor=cls.cx_lead, survey=survey, status="open")

    @classmethod
    def rating(cls, survey: Survey, person: User, team: Team, csat: int, said: str) -> Response:
        """``person``'s submitted answers, as an internal customer of ``team``'s, rating the
        team ``survey`` rates."""
        now = timezone.now()
        response = Response.objects.create(
            organisation=cls.org,
            survey=survey,
            customer=customer_ensure_for_team(team=team),
            person=person,
            channel=Response.Channel.EMAIL,
            score=csat,
            score_type=Response.ScoreType.CSAT,
            comment=said,
            submitted_at=now,
            responded_at=now,
        )
        questions = {question.key: question for question in survey.questions.all()}
        Answer.objects.create(response=response, question=questions["csat"], number=csat)
        Answer.objects.create(response=response, question=questions["example"], text=said)
        return response

    def sees(self) -> dict[str, tuple[User, set[Response]]]:
        """Each persona, and the feedback of the four they may see."""
        finance = {self.tom_on_finance, self.sam_on_finance, self.note}
        everything = {*finance, self.tom_on_it}
        return {
            "an admin": (self.admin, everything),
            "a CX lead": (self.cx_lead, everything),
            "the rated team's lead": (self.finance_head, finance),
            "a member of the rated team": (self.outsider, finance),
            "a viewer of the rated team": (self.finance_viewer, finance),
            "a member of another rated team": (self.it_member, {self.tom_on_it}),
            "the lead of the rating team": (self.owner, set()),
            "the respondent": (self.teammate, set()),
            "a viewer of the rating team": (self.viewer, set()),
            "a team served by none": (self.sales_member, set()),
            "another organisation's admin": (self.stranger, set()),
        }


class TeamRatingsSeenByTheirTeamTest(TeamRatingsTestCase):
    def test_the_selector_gives_a_teams_ratings_to_that_team_alone(self) -> None:
        for who, (person, seen) in self.sees().items():
            with self.subTest(who):
                self.assertEqual(set(responses_visible_to(person)), seen)

    def test_a_response_page_opens_for_those_who_may_see_it_and_no_one_else(self) -> None:
        for who, (person, seen) in self.sees().items():
            self.login(person)
            for response in (self.tom_on_finance, self.sam_on_finance, self.tom_on_it, self.note):
                with self.subTest(who, response=response.comment):
                    page = self.client.get(reverse("feedback:response_detail", args=[response.pk]))
                    self.assertEqual(page.status_code, 200 if response in seen else 404)

    def test_the_api_lists_and_gives_only_what_its_caller_may_see(self) -> None:
        for who, (person, seen) in self.sees().items():
            with self.subTest(who):
                listed = self.get("/feedback", person).json()["items"]
                self.assertEqual({item["id"] for item in listed}, {r.pk for r in seen})
                one = self.get(f"/feedback/{self.tom_on_it.pk}", person)
                self.assertEqual(one.status_code, 200 if self.tom_on_it in seen else 404)

    def test_a_surveys_results_count_the_answers_their_reader_may_see(self) -> None:
        for who, (person, seen) in self.sees().items():
            if person == self.stranger:
                continue  # the survey itself is not theirs to read
            for survey in (self.rates_finance, self.rates_it):
                with self.subTest(who, survey=survey.name):
                    results = self.get(f"/surveys/{survey.pk}/results", person).json()
                    answered = {q["key"]: q["answered"] for q in results["questions"]}
                    expected = len([r for r in seen if r.survey_id == survey.pk])
                    self.assertEqual(answered["csat"], expected)

    def test_the_rated_teams_head_reads_every_rating_of_their_team_and_none_of_another(
        self,
    ) -> None:
        self.login(self.finance_head)
        finance = self.client.get(self.rates_finance.get_absolute_url())
        self.assertContains(finance, 'id="results-h"')
        for response in (self.tom_on_finance, self.sam_on_finance):
            self.assertContains(finance, reverse("feedback:response_detail", args=[response.pk]))
        it = self.client.get(self.rates_it.get_absolute_url())
        self.assertNotContains(it, 'id="results-h"')
        self.assertNotContains(it, reverse("feedback:response_detail", args=[self.tom_on_it.pk]))
        self.assertNotContains(it, "Tickets vanish")
        self.assertContains(
            it,
            "Its answers rate IT: they are seen, with their respondents' names, by IT's lead, "
            "members and viewers and by admins and CX leads, so not by you.",
            html=True,
        )
        self.assertContains(it, "None you may see.")

    def test_a_surveys_export_holds_the_rows_its_reader_may_see(self) -> None:
        for who, (person, seen) in self.sees().items():
            if person == self.stranger:
                continue
            self.login(person)
            for survey in (self.rates_finance, self.rates_it):
                with self.subTest(who, survey=survey.name):
                    rows = self.csv_rows(reverse("feedback:survey_export_csv", args=[survey.pk]))
                    expected = {r.pk for r in seen if r.survey_id == survey.pk}
                    self.assertEqual({int(row["id"]) for row in rows}, expected)
            with self.subTest(who, export="all feedback"):
                rows = self.csv_rows(reverse("feedback:feedback_export_csv"))
                self.assertEqual({int(row["id"]) for row in rows}, {r.pk for r in seen})

    def test_an_it_member_exports_their_teams_ratings_with_names_and_no_other_teams(
        self,
    ) -> None:
        self.login(self.it_member)
        (row,) = self.csv_rows(reverse("feedback:survey_export_csv", args=[self.rates_it.pk]))
        self.assertEqual(row["respondent"], "Tom Teammate <teammate@northwind.example>")
        self.assertEqual(
            self.csv_rows(reverse("feedback:survey_export_csv", args=[self.rates_finance.pk])),
            [],
        )

    def test_the_comment_explorer_shows_the_comments_its_reader_may_see(self) -> None:
        for who, (person, seen) in self.sees().items():
            with self.subTest(who):
                comments = self.get("/insights/comments", person).json()["items"]
                self.assertEqual({item["id"] for item in comments}, {r.pk for r in seen})
        self.login(self.outsider)
        page = self.client.get(reverse("insights:comments"))
        self.assertContains(page, "Invoices go out late.")
        self.assertNotContains(page, "Tickets vanish.")

    def test_seeing_feedback_takes_as_many_queries_however_much_there_is(self) -> None:
        def queries() -> int:
            with CaptureQueriesContext(connection) as done:
                list(responses_visible_to(self.outsider).select_related("survey"))
            return len(done)

        before = queries()
        for _ in range(5):
            self.rating(self.rates_it, self.sales_member, self.sales, 3, "More.")
            self.rating(self.rates_finance, self.teammate, self.team, 3, "More.")
        self.assertEqual(queries(), before)
        self.assertEqual(responses_visible_to(self.outsider).count(), 8)

    def csv_rows(self, url: str) -> list[dict[str, Any]]:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        text = b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
        return list(csv.DictReader(io.StringIO(text)))
