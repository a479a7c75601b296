"""An internal customer's say on a team that serves it (the internal-customer survey) is that
team's to act on: the case goes to the team rated, names it, and shows the six behaviours the
team was rated on, on the page and in the API alike."""

from __future__ import annotations

import html
from importlib import import_module
from typing import Any

from django.apps import apps as django_apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from centric.cases import services
from centric.cases.models import Case
from centric.cases.routing import responses_route
from centric.cases.tests.helpers import detractor_rule, feedback
from centric.cases.tests.test_api import CaseApiTestCase
from centric.customers.models import Customer
from centric.feedback.catalog import BEHAVIOURS
from centric.feedback.models import Answer, Question, Response, Survey
from centric.feedback.services import survey_from_template
from centric.people.models import Team, User
from tests.factories import TeamFactory, UserFactory

# an internal customer's low satisfaction with a team, whatever else it says
INTERNAL_COMPLAINTS = [
    {"field": "customer_kind", "op": "in", "value": ["internal"]},
    {"field": "score", "op": "lte", "value": 3},
]
# the six behaviours, as rated in ``say_on``: listening and responsiveness are the sore points
RATINGS = {
    "self_awareness": 3,
    "listening": 1,
    "questioning": 3,
    "empathy": 2,
    "responsiveness": 1,
    "receives_feedback": 2,
}


class InternalCustomerTestCase(CaseApiTestCase):
    """Customer Success (the personas' team) is served by Finance and by IT; Zeta Projects is
    served by nobody. IT is led by its head; each team rates the others through a survey of its
    own made from the internal-customer template."""

    it: Team
    it_head: User
    it_member: User
    zeta: Team
    success: Customer
    surveys: dict[int, Survey]

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.it_head = UserFactory.create(organisation=cls.org, email="it-head@northwind.example")
        cls.it_member = UserFactory.create(organisation=cls.org, email="it@northwind.example")
        cls.it = TeamFactory.create(
            organisation=cls.org, name="IT", lead=cls.it_head, members=[cls.it_head, cls.it_member]
        )
        cls.it.serves.add(cls.team)
        cls.zeta = TeamFactory.create(organisation=cls.org, name="Zeta Projects")
        cls.success = Customer.objects.get(team=cls.team)
        cls.surveys = {}

    def survey_on(self, team: Team) -> Survey:
        if team.pk not in self.surveys:
            self.surveys[team.pk] = survey_from_template(
                actor=None,
                organisation_id=self.org.pk,
                template="internal-customer",
                values={"name": f"How {team} serves us", "subject_team": team},
            )
        return self.surveys[team.pk]

    def say_on(
        self, team: Team, *, by: Team | None = None, csat: int = 2, **values: Any
    ) -> Response:
        """A member of ``by`` (Customer Success) answers the survey rating ``team``."""
        survey = self.survey_on(team)
        customer = Customer.objects.get(team=by) if by else self.success
        response = feedback(
            customer=customer,
            person=self.teammate,
            survey=survey,
            score=csat,
            score_type="csat",
            comment=values.pop("comment", "Tickets to them disappear without an answer."),
            **values,
        )
        questions = {question.key: question for question in survey.questions.all()}
        Answer.objects.bulk_create(
            [
                Answer(response=response, question=questions["csat"], number=csat),
                *(
                    Answer(response=response, question=questions[key], number=number)
                    for key, number in RATINGS.items()
                ),
            ]
        )
        return response

    def route(self, *responses: Response) -> list[Case]:
        responses_route(response_ids=[response.pk for response in responses])
        return [Case.objects.get(response=response) for response in responses]


class RoutingTests(InternalCustomerTestCase):
    def setUp(self) -> None:
        super().setUp()
        detractor_rule(self.org.pk, name="Internal complaints", conditions_all=INTERNAL_COMPLAINTS)

    def test_a_say_on_a_team_goes_to_the_lead_of_the_team_rated(self) -> None:
        # Finance comes first by name among the teams serving Customer Success: not its case
        (case,) = self.route(self.say_on(self.it))
        self.assertEqual((case.team, case.owner), (self.it, self.it_head))
        self.login(self.it_head)
        self.assertEqual(self.client.get(case.get_absolute_url()).status_code, 200)
        self.login(self.outsider)  # in Finance, which has nothing to do with it
        self.assertEqual(self.client.get(case.get_absolute_url()).status_code, 404)

    def test_a_team_nobody_serves_still_reaches_the_team_it_rates(self) -> None:
        (case,) = self.route(self.say_on(self.it, by=self.zeta))
        self.assertEqual((case.team, case.owner), (self.it, self.it_head))

    def test_the_members_of_the_team_rated_take_turns_when_it_has_no_lead(self) -> None:
        # Finance has no lead: its one member who may own cases takes it
        (case,) = self.route(self.say_on(self.finance))
        self.assertEqual((case.team, case.owner), (self.finance, self.outsider))

    def test_internal_feedback_about_no_team_goes_to_the_one_team_serving_it(self) -> None:
        ticket: dict[str, Any] = {"score": 2, "score_type": "csat", "kind": Response.Kind.TICKET}
        # Finance and IT both serve Customer Success and nothing says which it is about: the
        # case waits for the CX leads to hand on, rather than going to the first by name
        (unclear,) = self.route(feedback(customer=self.success, **ticket))
        self.assertEqual((unclear.team, unclear.owner), (None, None))
        self.it.serves.remove(self.team)
        (clear,) = self.route(feedback(customer=self.success, **ticket))
        self.assertEqual((clear.team, clear.owner), (self.finance, self.outsider))

    def test_the_title_names_who_rated_which_team(self) -> None:
        (case,) = self.route(self.say_on(self.it, by=self.zeta, csat=3))
        self.assertEqual(case.title, "Zeta Projects on IT: CSAT 3")
        self.login(self.it_head)
        inbox = self.client.get(reverse("cases:inbox"))
        self.assertContains(inbox, f"#{case.pk} Zeta Projects on IT: CSAT 3")

    def test_the_cases_opened_before_name_the_team_rated_too(self) -> None:
        (case,) = self.route(self.say_on(self.it, by=self.zeta, csat=3))
        Case.objects.filter(pk=case.pk).update(title="Zeta Projects: CSAT 3")
        untouched = self.route(feedback(customer=self.success, score=1, kind="ticket"))[0]
        migration = import_module("centric.cases.migrations.0010_cases_name_the_team_rated")
        migration.name_the_team_rated(django_apps, None)
        self.assertEqual(Case.objects.get(pk=case.pk).title, "Zeta Projects on IT: CSAT 3")
        self.assertEqual(Case.objects.get(pk=untouched.pk).title, untouched.title)

    def test_a_case_opened_by_hand_is_held_by_the_team_rated(self) -> None:
        response = self.say_on(self.it, csat=4)  # no rule opens a case for a 4
        self.assertEqual(responses_route(response_ids=[response.pk]), 0)
        case = services.case_open_by_person(
            actor=self.cx_lead, response=response, owner=self.it_member, priority="normal"
        )
        self.assertEqual((case.team, case.title), (self.it, "Customer Success on IT: CSAT 4"))

    def test_a_batch_reads_the_teams_rated_in_as_many_queries_however_many_cases(self) -> None:
        def queries(count: int) -> int:
            Case.objects.all().delete()
            responses = [
                self.say_on(team, by=by)
                for _ in range(count)
                for team, by in ((self.it, None), (self.finance, None), (self.it, self.zeta))
            ]
            with CaptureQueriesContext(connection) as run:
                self.route(*responses)
            # less the one query a case that ``route`` itself makes to fetch the cases back
            return len(run.captured_queries) - len(responses)

        self.assertEqual(queries(1), queries(4))


class CasePageTests(InternalCustomerTestCase):
    def setUp(self) -> None:
        super().setUp()
        detractor_rule(self.org.pk, name="Internal complaints", conditions_all=INTERNAL_COMPLAINTS)
        # earlier, Customer Success rated Finance well, and IT badly
        self.on_finance = self.say_on(self.finance, csat=5, comment="Finance answers the same day.")
        (self.case,) = self.route(self.say_on(self.it, csat=2))

    def test_the_page_shows_the_six_behaviours_the_team_was_rated_on(self) -> None:
        self.login(self.it_head)
        page = html.unescape(self.client.get(self.case.get_absolute_url()).content.decode())
        said = page[page.index('id="said-h"') : page.index('id="who-h"')]
        self.assertIn("rates IT", said)
        wording = dict(BEHAVIOURS)
        for key, number in RATINGS.items():
            with self.subTest(key=key):
                self.assertIn(
                    f'{wording[key]["en"]}</th><td class="nowrap"><strong>{number}</strong>', said
                )
        self.assertIn('<strong>2</strong> <span class="muted">on 1–5</span>', said)

    def test_their_feedback_over_time_is_their_feedback_on_the_team_rated(self) -> None:
        self.login(self.it_head)
        page = html.unescape(self.client.get(self.case.get_absolute_url()).content.decode())
        history = page[page.index('id="history-h"') : page.index('id="related-h"')]
        self.assertIn("Their feedback on IT over time", history)
        self.assertIn("Tickets to them disappear", history)
        self.assertNotIn("Finance answers the same day", history)

    def test_an_external_customers_history_names_what_each_answer_rated(self) -> None:
        # the history of a case about no rated team (a ticket of Customer Success) keeps all
        # their feedback, each say on a team named
        ticket = feedback(customer=self.success, score=1, score_type="csat", kind="ticket")
        (case,) = self.route(ticket)
        self.login(self.admin)
        page = html.unescape(self.client.get(case.get_absolute_url()).content.decode())
        history = page[page.index('id="history-h"') : page.index('id="related-h"')]
        self.assertIn("Their feedback over time", history)
        self.assertIn("on Finance:", history)
        self.assertIn("on IT:", history)

    def test_a_history_holds_no_rating_of_a_team_the_reader_is_not_in(self) -> None:
        # Customer Success's ticket is handed to an IT member: their say on IT is IT's to
        # read, their say on Finance is Finance's
        ticket = feedback(customer=self.success, score=1, score_type="csat", kind="ticket")
        (case,) = self.route(ticket)
        Case.objects.filter(pk=case.pk).update(owner=self.it_member)
        self.login(self.it_member)
        answer = self.client.get(case.get_absolute_url())
        self.assertEqual(answer.status_code, 200)
        page = html.unescape(answer.content.decode())
        history = page[page.index('id="history-h"') : page.index('id="related-h"')]
        self.assertIn("on IT:", history)
        self.assertNotIn("on Finance:", history)
        self.assertNotIn("Finance answers the same day", page)

    def test_the_api_says_what_the_page_says(self) -> None:
        answer = self.get(f"/cases/{self.case.pk}", self.it_head)
        self.assertEqual(answer.status_code, 200, answer.content)
        body = answer.json()
        self.assertEqual(body["title"], "Customer Success on IT: CSAT 2")
        said = body["feedback"]
        self.assertEqual((said["rated_team_id"], said["rated_team"]), (self.it.pk, "IT"))
        wording = dict(BEHAVIOURS)
        self.assertEqual(
            [(item["key"], item["score"], item["low"], item["high"]) for item in said["answers"]],
            [("csat", 2, 1, 5), *((key, number, 1, 5) for key, number in RATINGS.items())],
        )
        self.assertEqual(said["answers"][2]["question"], wording["listening"]["en"])
        self.assertEqual(said["answers"][2]["answer"], "1")

    def test_feedback_with_no_more_than_its_score_lists_no_answers(self) -> None:
        detractor_rule(self.org.pk)
        acme = Customer.objects.get(account=self.account)
        survey = Survey.objects.create(organisation=self.org, name="Relationship")
        nps = Question.objects.create(survey=survey, key="nps", position=1, kind="nps")
        response = feedback(customer=acme, score=2, survey=survey)
        Answer.objects.create(response=response, question=nps, number=2)
        (case,) = self.route(response)
        said = self.get(f"/cases/{case.pk}", self.owner).json()["feedback"]
        self.assertEqual((said["answers"], said["rated_team_id"]), ([], None))
        self.login(self.owner)
        self.assertNotContains(self.client.get(case.get_absolute_url()), 'class="answers"')
