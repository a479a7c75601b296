"""A case in the API carries what its page shows: the feedback it is about, for whoever may see
the case, and a timeline that refers to people and records by id beside their names."""

from __future__ import annotations

import datetime as dt

from centric.cases import services
from centric.cases.escalation import breaches_escalate
from centric.cases.models import Case, CaseEvent, RootCause
from centric.cases.routing import responses_route
from centric.cases.tests.helpers import detractor_rule, feedback
from centric.cases.tests.test_api import CaseApiTestCase
from centric.core import clock
from centric.customers.models import Customer


class CaseFeedbackApiTest(CaseApiTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.rule = detractor_rule(self.org.pk)
        acme = Customer.objects.get(account=self.account)
        self.response = feedback(customer=acme, contact=self.contact, score=2)
        responses_route(response_ids=[self.response.pk])
        self.case = Case.objects.get(response=self.response)
        # handed to someone in Finance, who may see the case but not Acme's feedback
        services.case_assign(actor=self.admin, case=self.case, owner=self.outsider)

    def test_the_owner_reads_the_feedback_on_the_case_where_the_feedback_is_out_of_sight(
        self,
    ) -> None:
        self.assertEqual(self.get(f"/feedback/{self.response.pk}", self.outsider).status_code, 404)
        response = self.get(f"/cases/{self.case.pk}", self.outsider)
        self.assertEqual(response.status_code, 200, response.content)
        body = response.json()
        said = body["feedback"]
        self.assertEqual(
            {name: said[name] for name in ("id", "kind", "channel", "score", "score_type")},
            {
                "id": self.response.pk,
                "kind": "survey",
                "channel": "email",
                "score": 2,
                "score_type": "nps",
            },
        )
        self.assertEqual(said["comment"], "The invoice was wrong again and nobody called me back.")
        given_at = dt.datetime.fromisoformat(said["given_at"])  # JSON keeps milliseconds
        responded_at = self.response.responded_at
        assert responded_at is not None
        self.assertAlmostEqual(given_at, responded_at, delta=dt.timedelta(milliseconds=1))
        self.assertEqual(said["sentiment"], self.response.analysis.sentiment_label)
        self.assertIsInstance(said["themes"], list)
        self.assertEqual(
            body["customer"],
            {
                "id": self.case.customer_id,
                "name": "Acme",
                "kind": "external",
                "account_id": self.account.pk,
                "team_id": None,
                "segment": "Enterprise",
                "tier": self.account.tier,
                "account_owner_id": self.owner.pk,
            },
        )
        self.assertEqual(
            (body["contact"]["id"], body["contact"]["name"]), (self.contact.pk, str(self.contact))
        )

    def test_a_case_whose_feedback_is_gone_has_none(self) -> None:
        self.response.delete()
        body = self.get(f"/cases/{self.case.pk}", self.outsider).json()
        self.assertIsNone(body["feedback"])
        self.assertEqual(body["customer"]["name"], "Acme")

    def test_those_who_cannot_see_the_case_read_none_of_it(self) -> None:
        for user in (self.teammate, self.stranger):
            with self.subTest(user=user.email):
                # the teammate sees Acme's cases, this one included; the stranger none
                status = 200 if user == self.teammate else 404
                self.assertEqual(self.get(f"/cases/{self.case.pk}", user).status_code, status)


class CaseTimelineIdsApiTest(CaseApiTestCase):
    def events(self, case: Case, kind: str) -> list[dict[str, object]]:
        body = self.get(f"/cases/{case.pk}", self.admin).json()
        return [event["data"] for event in body["events"] if event["kind"] == kind]

    def test_a_new_owner_is_named_and_referred_to_by_id(self) -> None:
        self.post(self.case_url("/assign"), self.owner, {"owner_id": self.teammate.pk})
        self.post(self.case_url("/assign"), self.teammate, {"owner_id": self.owner.pk})
        self.assertEqual(
            self.events(self.acme_case, "assigned"),
            [
                {
                    "from": str(self.owner),
                    "from_id": self.owner.pk,
                    "to": str(self.teammate),
                    "to_id": self.teammate.pk,
                },
                {
                    "from": str(self.teammate),
                    "from_id": self.teammate.pk,
                    "to": str(self.owner),
                    "to_id": self.owner.pk,
                },
            ],
        )

    def test_an_unassigned_case_handed_to_someone_had_no_owner_before(self) -> None:
        waiting = self.open_case(title="Waiting", owner=None)
        self.post(f"/cases/{waiting.pk}/assign", self.owner, {"owner_id": self.owner.pk})
        [moved] = self.events(waiting, "assigned")
        self.assertEqual((moved["from"], moved["from_id"]), ("", None))

    def test_the_opening_names_the_rule_or_the_person_by_id(self) -> None:
        rule = detractor_rule(self.org.pk)
        acme = Customer.objects.get(account=self.account)
        by_rule = feedback(customer=acme)
        responses_route(response_ids=[by_rule.pk])
        case = Case.objects.get(response=by_rule)
        self.assertEqual(self.events(case, "opened"), [{"rule": "Detractors", "rule_id": rule.pk}])
        by_hand = feedback(customer=acme, score=None, kind="note")
        opened = self.post(
            "/cases", self.teammate, {"response_id": by_hand.pk, "owner_id": self.owner.pk}
        )
        self.assertEqual(opened.status_code, 201, opened.content)
        self.assertEqual(
            self.events(Case.objects.get(pk=opened.json()["id"]), "opened"),
            [{"by": str(self.teammate), "by_id": self.teammate.pk}],
        )

    def test_an_escalation_names_whom_it_went_to_by_id(self) -> None:
        self.acme_case.first_contact_due = clock.now() - dt.timedelta(minutes=1)
        self.acme_case.save()
        breaches_escalate()
        [escalated] = self.events(self.acme_case, "escalated")
        self.assertEqual(
            (escalated["to"], escalated["to_ids"]), ([str(self.owner)], [self.owner.pk])
        )

    def test_a_root_cause_is_referred_to_by_id(self) -> None:
        cause = RootCause.objects.get(organisation=self.org, name="Billing error")
        self.post(
            self.case_url("/cause"), self.owner, {"root_cause_id": cause.pk, "resolution": "Fixed."}
        )
        self.assertEqual(
            self.events(self.acme_case, "root_cause"),
            [{"root_cause": "Billing error", "root_cause_id": cause.pk}],
        )

    def test_events_recorded_before_the_ids_were_have_null_ids_rather_than_guesses(self) -> None:
        for kind, data, actor in (
            (CaseEvent.Kind.ASSIGNED, {"from": "Paul Schmidt", "to": "Olivia Wilson"}, self.owner),
            (CaseEvent.Kind.OPENED, {"by": "Ada Lovelace"}, self.teammate),
            (CaseEvent.Kind.OPENED, {"rule": "Detractors"}, None),
            (CaseEvent.Kind.ESCALATED, {"clock": "resolution", "level": 1, "to": ["Ada"]}, None),
            (CaseEvent.Kind.ROOT_CAUSE, {"root_cause": "Billing error"}, self.owner),
        ):
            CaseEvent.objects.create(
                organisation=self.org,
                case=self.acme_case,
                kind=kind,
                data=data,
                actor=actor,
                at=clock.now(),
            )
        events = self.get(self.case_url(), self.owner).json()["events"]
        self.assertEqual(
            [event["data"] for event in events],
            [
                {"from": "Paul Schmidt", "to": "Olivia Wilson", "from_id": None, "to_id": None},
                # who opened a case by hand is its opening's actor: known, not guessed
                {"by": "Ada Lovelace", "by_id": self.teammate.pk},
                {"rule": "Detractors", "rule_id": None},
                {"clock": "resolution", "level": 1, "to": ["Ada"], "to_ids": None},
                {"root_cause": "Billing error", "root_cause_id": None},
            ],
        )
