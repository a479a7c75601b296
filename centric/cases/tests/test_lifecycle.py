"""Working a case: one owner, the states, contact, root cause, closing the loop, recovery;
every change on the timeline and in the audit log; viewers and outsiders refused."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from centric.cases import services
from centric.cases.models import Case, CaseEvent, ClosingTemplate, RootCause
from centric.cases.routing import responses_route
from centric.cases.tests.helpers import detractor_rule, feedback
from centric.core import clock
from centric.core.models import AuditEvent
from centric.customers.models import Customer
from centric.feedback.models import Response, Survey
from centric.feedback.services import response_for_invitation
from centric.feedback.wording import SURVEY_LANGUAGES
from tests.personas import PersonasTestCase

State = Case.State


class CaseLifecycleTests(PersonasTestCase):
    acme: Customer
    survey: Survey
    trigger: Response
    billing: RootCause
    case: Case

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.acme = Customer.objects.get(account=cls.account)
        cls.survey = Survey.objects.create(organisation=cls.org, name="Relationship NPS")
        detractor_rule(cls.org.pk)
        cls.trigger = feedback(customer=cls.acme, contact=cls.contact, score=3)
        responses_route(response_ids=[cls.trigger.pk])
        cls.billing = RootCause.objects.get(organisation=cls.org, name="Billing error")

    def setUp(self) -> None:
        self.case = Case.objects.get()
        mail.outbox.clear()

    def test_a_contact_attempt_that_reaches_the_customer_stops_the_first_contact_clock(
        self,
    ) -> None:
        services.case_contact_attempt(
            actor=self.owner, case=self.case, channel="phone", outcome="no_answer"
        )
        self.assertIsNone(self.case.first_contacted_at)
        self.assertEqual(self.case.state, State.NEW)
        services.case_contact_attempt(
            actor=self.owner,
            case=self.case,
            channel="phone",
            outcome="reached",
            note="Carla explained the double charge.",
        )
        self.assertIsNotNone(self.case.first_contacted_at)
        self.assertEqual(self.case.state, State.CONTACTED)
        kinds = list(self.case.events.values_list("kind", flat=True))
        self.assertEqual(kinds, ["opened", "contact", "contact"])

    def test_resolving_needs_a_root_cause_and_a_resolution(self) -> None:
        with self.assertRaisesMessage(ValidationError, "Record the root cause and the resolution"):
            services.case_transition(actor=self.owner, case=self.case, state=State.RESOLVED)
        services.case_record_cause(
            actor=self.owner,
            case=self.case,
            root_cause=self.billing,
            resolution="Refunded the second charge.",
        )
        services.case_transition(actor=self.owner, case=self.case, state=State.RESOLVED)
        self.assertEqual(self.case.state, State.RESOLVED)
        self.assertIsNotNone(self.case.resolved_at)

    def test_states_move_only_along_the_workflow_and_reopen_counts(self) -> None:
        with self.assertRaisesMessage(ValidationError, "A new case cannot move to closed"):
            services.case_transition(actor=self.owner, case=self.case, state=State.CLOSED)
        services.case_record_cause(
            actor=self.owner, case=self.case, root_cause=self.billing, resolution="Refunded."
        )
        services.case_transition(actor=self.owner, case=self.case, state=State.RESOLVED)
        services.case_transition(actor=self.owner, case=self.case, state=State.CLOSED)
        services.case_transition(
            actor=self.owner, case=self.case, state=State.IN_PROGRESS, note="Charged again."
        )
        self.case.refresh_from_db()
        self.assertEqual((self.case.state, self.case.reopen_count), (State.IN_PROGRESS, 1))
        self.assertIsNone(self.case.closed_at)
        states = AuditEvent.objects.filter(
            object_type="case", object_id=str(self.case.pk), changes__has_key="state"
        )
        self.assertEqual(states.count(), 3)

    def test_ownership_is_transferred_never_shared(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            services.case_assign(actor=self.owner, case=self.case, owner=self.teammate)
        self.case.refresh_from_db()
        self.assertEqual(self.case.owner, self.teammate)
        self.assertEqual(mail.outbox[-1].to, [self.teammate.email])
        event = self.case.events.get(kind=CaseEvent.Kind.ASSIGNED)
        self.assertEqual(
            event.data,
            {
                "from": str(self.owner),
                "from_id": self.owner.pk,
                "to": str(self.teammate),
                "to_id": self.teammate.pk,
            },
        )
        with self.assertRaises(ValidationError):
            services.case_assign(actor=self.owner, case=self.case, owner=self.viewer)
        with self.assertRaises(ValidationError):
            services.case_assign(actor=self.admin, case=self.case, owner=self.stranger)

    def test_viewers_outsiders_and_strangers_cannot_act(self) -> None:
        for person in (self.viewer, self.outsider, self.stranger):
            with self.subTest(person=person.email), self.assertRaises(PermissionDenied):
                services.case_comment(actor=person, case=self.case, text="Me too")
        # a teammate, the CX lead and an admin may
        for person in (self.teammate, self.cx_lead, self.admin):
            services.case_comment(
                actor=person, case=self.case, text=f"Looked at it: {person.email}"
            )
        self.assertEqual(self.case.events.filter(kind=CaseEvent.Kind.COMMENT).count(), 3)

    def test_closing_the_loop_in_the_customers_language_with_a_resurvey_and_a_recovery(
        self,
    ) -> None:
        self.contact.language = "de"
        self.contact.save()
        ClosingTemplate.objects.filter(organisation=self.org).update(resurvey=self.survey)
        Survey.objects.filter(pk=self.survey.pk).update(current_wave=3)
        services.case_record_cause(
            actor=self.owner,
            case=self.case,
            root_cause=self.billing,
            resolution="Wir haben die doppelte Abbuchung erstattet.",
        )
        services.case_transition(actor=self.owner, case=self.case, state=State.RESOLVED)
        draft = services.closing_draft(case=self.case, sender=self.owner)
        assert draft is not None
        self.assertEqual((draft.to, draft.language), ("carla@acme.example", "de"))
        self.assertIn("Guten Tag Carla", draft.body)
        self.assertIn("doppelte Abbuchung", draft.body)
        with self.captureOnCommitCallbacks(execute=True):
            services.case_close_loop(
                actor=self.owner,
                case=self.case,
                subject=draft.subject,
                body=draft.body,
                resurvey=True,
            )
        self.case.refresh_from_db()
        self.assertEqual(self.case.state, State.CLOSED)
        message = mail.outbox[-1]
        self.assertEqual(message.to, ["carla@acme.example"])
        invitation = self.case.resurvey
        assert invitation is not None
        self.assertEqual((invitation.follow_up, invitation.wave), (True, 3))
        self.assertIn(f"/r/{invitation.token}/", message.body)
        self.assertIn("Wie zufrieden sind Sie jetzt mit uns?", message.body)
        self.assertIsNone(self.case.recovered)
        answer = response_for_invitation(invitation=invitation)
        answer.score, answer.score_type, answer.submitted_at = 9, "nps", clock.now()
        answer.save()
        self.case.refresh_from_db()
        self.assertTrue(self.case.recovered)

    def test_the_loop_closes_only_once_resolved(self) -> None:
        with (
            self.captureOnCommitCallbacks(execute=True),
            self.assertRaisesMessage(ValidationError, "Resolve the case before closing the loop"),
        ):
            services.case_close_loop(
                actor=self.owner, case=self.case, subject="Hi", body="Done", resurvey=False
            )
        self.assertEqual(mail.outbox, [])

    def test_defaults_for_a_new_organisation(self) -> None:
        self.assertEqual(
            self.org_calendar_hours(), {str(day): ["09:00", "17:00"] for day in range(5)}
        )
        self.assertEqual(RootCause.objects.filter(organisation=self.org).count(), 8)
        self.assertEqual(
            set(
                ClosingTemplate.objects.filter(organisation=self.org).values_list(
                    "language", flat=True
                )
            ),
            set(SURVEY_LANGUAGES),
        )

    def org_calendar_hours(self) -> dict[str, list[str]]:
        from centric.cases.models import BusinessCalendar

        hours: dict[str, list[str]] = BusinessCalendar.objects.get(organisation=self.org).hours
        return hours


class LocalTimeTests(PersonasTestCase):
    def test_the_customers_clock(self) -> None:
        from centric.cases.selectors import case_view

        acme = Customer.objects.get(account=self.account)
        self.contact.time_zone = "Asia/Tokyo"
        self.contact.save()
        detractor_rule(self.org.pk)
        responses_route(response_ids=[feedback(customer=acme, contact=self.contact).pk])
        case = Case.objects.get()
        # Monday 01:30 UTC is 10:30 in Tokyo: within Carla's 9-to-5
        with mock.patch(
            "centric.core.clock.now", return_value=dt.datetime(2026, 11, 23, 1, 30, tzinfo=dt.UTC)
        ):
            local = case_view(actor=self.owner, case=case).local_time
        assert local is not None
        self.assertEqual((local.now.hour, local.now.minute, local.working), (10, 30, True))
