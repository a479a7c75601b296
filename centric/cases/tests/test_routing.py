"""Rules turn new feedback into cases: the right owner, once, within the pipeline."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from django.core import mail

from centric.cases.models import Case, CaseEvent, Notification, Priority, Rule
from centric.cases.routing import (
    facts_of,
    responses_route,
    rule_backfill,
    rule_preview,
    with_facts,
)
from centric.cases.tests.helpers import DETRACTORS, detractor_rule, feedback
from centric.core import clock
from centric.core.models import AuditEvent
from centric.customers.models import Customer
from centric.feedback.models import Answer, Question, Response, Survey
from centric.feedback.signals import feedback_received_send
from centric.people.models import User
from tests.factories import UserFactory
from tests.personas import PersonasTestCase


class RoutingTests(PersonasTestCase):
    acme: Customer
    success: Customer

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.acme = Customer.objects.get(account=cls.account)
        cls.success = Customer.objects.get(team=cls.team)

    def test_a_detractor_opens_one_case_for_the_account_owner(self) -> None:
        rule = detractor_rule(self.org.pk, priority=Priority.HIGH, tags=["billing"])
        response = feedback(customer=self.acme, contact=self.contact, score=2)
        with self.captureOnCommitCallbacks(execute=True):  # the mail leaves once opened
            self.assertEqual(responses_route(response_ids=[response.pk]), 1)
        case = Case.objects.get()
        self.assertEqual((case.owner, case.team, case.rule), (self.owner, self.team, rule))
        self.assertEqual(
            (case.priority, case.tags, case.contact), (Priority.HIGH, ["billing"], self.contact)
        )
        self.assertEqual(case.state, Case.State.NEW)
        self.assertLess(case.opened_at, case.first_contact_due)
        self.assertLess(case.first_contact_due, case.resolution_due)
        self.assertEqual(list(case.events.values_list("kind", flat=True)), [CaseEvent.Kind.OPENED])
        self.assertTrue(
            AuditEvent.objects.filter(object_type="case", object_id=str(case.pk)).exists()
        )
        self.assertEqual(Notification.objects.get().recipient, self.owner)
        self.assertEqual(mail.outbox[-1].to, [self.owner.email])
        # running the rules again, or a redelivered task, opens nothing more
        self.assertEqual(responses_route(response_ids=[response.pk]), 0)
        self.assertEqual(Case.objects.count(), 1)

    def test_a_rule_may_ask_for_any_account_tier(self) -> None:
        self.account.tier = "key"
        self.account.save()
        detractor_rule(
            self.org.pk, conditions_all=[{"field": "tier", "op": "in", "value": ["key"]}]
        )
        response = feedback(customer=self.acme, score=9, comment="Fine.")
        self.assertEqual(responses_route(response_ids=[response.pk]), 1)

    def test_a_case_keeps_the_words_of_its_feedback_as_the_respondent_edits_them(self) -> None:
        detractor_rule(self.org.pk)
        response = feedback(customer=self.acme, score=2, comment="Late again.")
        responses_route(response_ids=[response.pk])
        self.assertEqual(Case.objects.get().comment, "Late again.")
        Response.objects.filter(pk=response.pk).update(comment="Late again, and broken.")
        self.assertEqual(responses_route(response_ids=[response.pk]), 0)
        self.assertEqual(Case.objects.get().comment, "Late again, and broken.")

    def test_feedback_that_matches_no_rule_opens_nothing(self) -> None:
        detractor_rule(self.org.pk)
        promoter = feedback(customer=self.acme, score=10, comment="Lovely service.")
        inactive = detractor_rule(
            self.org.pk,
            name="Off",
            active=False,
            conditions_all=[{"field": "score", "op": "gte", "value": 9}],
        )
        self.assertEqual(responses_route(response_ids=[promoter.pk]), 0)
        self.assertFalse(Case.objects.exists())
        self.assertFalse(inactive.cases.exists())

    def test_the_first_matching_rule_wins(self) -> None:
        detractor_rule(self.org.pk, name="Second", position=2)
        first = detractor_rule(
            self.org.pk,
            name="Billing",
            position=1,
            conditions_all=[{"field": "text", "op": "contains", "value": ["invoice"]}],
        )
        response = feedback(customer=self.acme, score=2)
        responses_route(response_ids=[response.pk])
        self.assertEqual(Case.objects.get().rule, first)

    def test_conditions_read_the_analysis(self) -> None:
        detractor_rule(
            self.org.pk,
            conditions_all=[{"field": "sentiment", "op": "in", "value": ["negative"]}],
            conditions_any=[{"field": "churn_risk", "op": "is_true"}],
        )
        leaving = feedback(
            customer=self.acme,
            score=None,
            comment="Terrible support. We will cancel our contract and switch to another vendor.",
            kind=Response.Kind.TICKET,
        )
        happy = feedback(
            customer=self.acme,
            score=None,
            comment="Great support, thank you!",
            kind=Response.Kind.TICKET,
        )
        self.assertEqual(responses_route(response_ids=[leaving.pk, happy.pk]), 1)
        self.assertEqual(Case.objects.get().response, leaving)

    def test_a_rule_may_ask_for_a_theme_complained_of_not_only_spoken_of(self) -> None:
        detractor_rule(
            self.org.pk,
            name="Billing complaints",
            conditions_all=[],
            conditions_any=[{"field": "complaints", "op": "includes", "value": ["billing"]}],
        )
        complaint = feedback(customer=self.acme, score=None, comment="The invoice was wrong again.")
        praise_of_billing = feedback(
            customer=self.acme,
            score=None,
            comment="Invoices are clear and easy to check. The portal is slow and logs us out.",
        )
        self.assertIn(
            "billing",
            facts_of(with_facts(Response.objects.all()).get(pk=praise_of_billing.pk)).themes,
        )
        self.assertEqual(responses_route(response_ids=[complaint.pk, praise_of_billing.pk]), 1)
        self.assertEqual(Case.objects.get().response, complaint)

    def test_an_internal_customers_complaint_goes_to_the_team_that_serves_it(self) -> None:
        # Finance serves Customer Success; Finance has no lead, so its members take turns
        detractor_rule(
            self.org.pk,
            conditions_all=[
                {"field": "customer_kind", "op": "in", "value": ["internal"]},
                *DETRACTORS,
            ],
        )
        response = feedback(
            customer=self.success,
            person=self.teammate,
            score=3,
            comment="Expense claims take weeks.",
        )
        responses_route(response_ids=[response.pk])
        case = Case.objects.get()
        self.assertEqual((case.team, case.owner), (self.finance, self.outsider))

    def test_round_robin_takes_turns_in_the_team(self) -> None:
        rule = detractor_rule(
            self.org.pk, owner_strategy=Rule.OwnerStrategy.ROUND_ROBIN, team=self.team
        )
        # the team's viewer only looks: no turn for them
        members = sorted([self.owner, self.teammate], key=lambda person: person.pk)
        responses = [feedback(customer=self.acme, score=1) for _ in range(4)]
        responses_route(response_ids=[r.pk for r in responses])
        owners = [Case.objects.get(response=r).owner for r in responses]
        self.assertEqual(owners, [*members, *members])
        rule.refresh_from_db()
        self.assertEqual(rule.round_robin_cursor, 4)

    def test_a_named_person_and_an_inactive_owner(self) -> None:
        helper = UserFactory.create(organisation=self.org, email="helper@northwind.example")
        detractor_rule(self.org.pk, owner_strategy=Rule.OwnerStrategy.PERSON, person=helper)
        responses_route(response_ids=[feedback(customer=self.acme).pk])
        self.assertEqual(Case.objects.get().owner, helper)
        Case.objects.all().delete()
        User.objects.filter(pk=helper.pk).update(is_active=False)
        responses_route(response_ids=[feedback(customer=self.acme).pk])
        self.assertIsNone(
            Case.objects.get().owner, "an inactive person gets nothing; the case waits unassigned"
        )

    def test_last_years_feedback_opens_no_case(self) -> None:
        detractor_rule(self.org.pk)
        old = feedback(customer=self.acme, responded_at=clock.now() - dt.timedelta(days=200))
        self.assertEqual(responses_route(response_ids=[old.pk]), 0)

    def test_new_feedback_is_routed_after_it_is_analysed(self) -> None:
        detractor_rule(self.org.pk)
        response = Response.objects.create(
            organisation_id=self.org.pk,
            customer=self.acme,
            channel=Response.Channel.API,
            score=2,
            score_type="nps",
            comment="Billing charged me twice.",
            responded_at=clock.now(),
        )
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            feedback_received_send(organisation_id=self.org.pk, response_ids=[response.pk])
        self.assertTrue(callbacks)
        case = Case.objects.get()
        self.assertEqual(case.response, response)
        self.assertTrue(hasattr(response, "analysis"), "routed after the analysis was stored")

    def test_a_rule_on_csat_reads_the_csat_answer_beside_an_nps_headline(self) -> None:
        survey = Survey.objects.create(organisation=self.org, name="Relationship")
        nps = Question.objects.create(survey=survey, key="nps", position=1, kind="nps")
        csat = Question.objects.create(survey=survey, key="csat", position=2, kind="csat")
        later = Question.objects.create(survey=survey, key="csat_2", position=3, kind="csat")
        Rule.objects.create(
            organisation_id=self.org.pk,
            name="Unhappy",
            conditions_all=[{"field": "csat", "op": "lte", "value": 2}],
        )
        promoter = feedback(customer=self.acme, score=9, survey=survey)
        for question, number in ((nps, 9), (csat, 1), (later, 5)):
            Answer.objects.create(response=promoter, question=question, number=number)
        satisfied = feedback(customer=self.acme, score=9, survey=survey)
        for question, number in ((nps, 9), (csat, 5), (later, 1)):  # only the first CSAT counts
            Answer.objects.create(response=satisfied, question=question, number=number)
        imported = feedback(customer=self.acme, score=2, score_type="csat")

        self.assertEqual(responses_route(response_ids=[promoter.pk, satisfied.pk, imported.pk]), 2)

        self.assertEqual(
            set(Case.objects.values_list("response_id", flat=True)), {promoter.pk, imported.pk}
        )
        facts = facts_of(with_facts(Response.objects.filter(pk=promoter.pk)).get())
        self.assertEqual((facts.score_type, facts.nps, facts.csat, facts.ces), ("nps", 9, 1, None))

    def test_preview_counts_without_opening_and_backfill_opens_once(self) -> None:
        rule = detractor_rule(self.org.pk)
        recent = [feedback(customer=self.acme, score=s) for s in (1, 5, 9)]
        feedback(customer=self.acme, score=2, responded_at=clock.now() - dt.timedelta(days=45))
        preview = rule_preview(rule=rule, days=30)
        self.assertEqual((preview.evaluated, preview.matched), (3, 2))
        self.assertEqual({r.pk for r in preview.examples}, {recent[0].pk, recent[1].pk})
        self.assertFalse(Case.objects.exists())
        self.assertEqual(rule_backfill(rule=rule, days=60), 3)
        self.assertEqual(rule_backfill(rule=rule, days=60), 0)

    def test_deadlines_count_business_hours(self) -> None:
        detractor_rule(
            self.org.pk, priority=Priority.NORMAL
        )  # 8 h to first contact, 40 h to resolve
        friday_4pm = dt.datetime(2026, 11, 20, 16, 0, tzinfo=dt.UTC)
        with mock.patch("centric.core.clock.now", return_value=friday_4pm):
            responses_route(response_ids=[feedback(customer=self.acme).pk])
        case = Case.objects.get()
        # 1 h on Friday, 7 h on Monday; 40 h = the rest of Friday and four days and 7 h more
        self.assertEqual(case.first_contact_due, dt.datetime(2026, 11, 23, 16, 0, tzinfo=dt.UTC))
        self.assertEqual(case.resolution_due, dt.datetime(2026, 11, 27, 16, 0, tzinfo=dt.UTC))
