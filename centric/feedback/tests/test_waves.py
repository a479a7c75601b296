"""Relationship surveys sent in waves: the same accounts asked again, each quarter say, and the
results read wave by wave."""

from datetime import timedelta
from unittest import mock

import polars as pl
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client, TransactionTestCase
from django.urls import reverse
from django.utils import timezone

from centric.core.models import AuditEvent
from centric.customers.models import Contact, Customer
from centric.feedback import selectors, services
from centric.feedback.models import Invitation, Response, Survey
from centric.feedback.tests.test_surveys import SurveyTestCase
from centric.insights.metrics import Nps, compare, estimate
from tests.factories import AccountFactory, ContactFactory, OrganisationFactory


def later(days: int):
    """The clock ``days`` from now: past the fatigue window, or past the reminder's wait."""
    return mock.patch("centric.core.clock.now", return_value=timezone.now() + timedelta(days=days))


class WaveTestCase(SurveyTestCase):
    def setUp(self) -> None:
        self.survey = self.open_survey(self.make_survey())

    def invite(self, *contacts: Contact) -> tuple[list[Invitation], list[services.Skipped]]:
        return services.invitations_create(
            actor=self.cx_lead, survey=self.survey, contacts=list(contacts) or [self.contact]
        )

    def start_wave(self, *, early: bool = True) -> Survey:
        """The next wave; ``early``, knowingly before the current one has run its week, as
        these tests start one right after inviting."""
        self.survey = services.survey_wave_start(
            actor=self.cx_lead, survey=self.survey, early=early
        )
        return self.survey

    def answer(self, invitation: Invitation) -> Response:
        now = timezone.now()
        return Response.objects.create(
            organisation=self.org,
            survey=self.survey,
            invitation=invitation,
            customer=invitation.customer,
            contact=invitation.contact,
            channel="email",
            submitted_at=now,
            responded_at=now,
            score=9,
            score_type="nps",
        )


class WaveModelTest(WaveTestCase):
    def test_a_survey_and_its_invitations_start_in_wave_one(self) -> None:
        (invitation,), _ = self.invite()
        self.assertEqual((self.survey.current_wave, invitation.wave), (1, 1))

    def test_an_address_is_invited_once_in_each_wave(self) -> None:
        (first,), _ = self.invite()
        customer = first.customer
        fields = {"organisation": self.org, "survey": self.survey, "customer": customer}
        Invitation.objects.create(**fields, contact=self.contact, email=first.email, wave=2)
        with self.assertRaises(IntegrityError):
            Invitation.objects.create(**fields, contact=self.contact, email=first.email, wave=1)

    def test_a_follow_up_may_still_ask_again_in_the_same_wave(self) -> None:
        (first,), _ = self.invite()
        Invitation.objects.create(
            organisation=self.org,
            survey=self.survey,
            customer=first.customer,
            contact=self.contact,
            email=first.email,
            follow_up=True,
        )
        self.assertEqual(Invitation.objects.filter(survey=self.survey, wave=1).count(), 2)


class WaveStartTest(WaveTestCase):
    def test_a_cx_lead_starts_the_next_wave_and_it_is_audited(self) -> None:
        self.invite()
        self.assertEqual(self.start_wave().current_wave, 2)
        self.survey.refresh_from_db()
        self.assertEqual(self.survey.current_wave, 2)
        event = AuditEvent.objects.filter(action="update", object_type="survey").latest("pk")
        self.assertEqual(event.changes["current_wave"], [1, 2])

    def test_someone_invited_in_an_earlier_wave_is_invited_again_into_the_new_one(self) -> None:
        self.invite()
        services.invitations_send(survey_id=self.survey.pk)
        self.start_wave()
        with later(31):
            (again,), skipped = self.invite()
        self.assertEqual((again.wave, skipped), (2, []))
        self.assertEqual(
            list(Invitation.objects.filter(survey=self.survey).values_list("wave", flat=True)),
            [2, 1],
        )

    def test_already_invited_means_already_invited_in_the_current_wave(self) -> None:
        self.invite()
        self.start_wave()
        with later(31):
            self.invite()
            created, skipped = self.invite()
        self.assertEqual(created, [])
        self.assertEqual(
            skipped, [services.Skipped(self.contact.email, "already invited in wave 2")]
        )

    def test_the_fatigue_window_still_holds_across_waves_and_says_why(self) -> None:
        self.invite()
        services.invitations_send(survey_id=self.survey.pk)
        self.start_wave()
        created, skipped = self.invite()
        self.assertEqual(created, [])
        self.assertEqual(
            skipped[0].reason, "was asked in an earlier wave of this survey within 30 days"
        )
        self.assertEqual(
            skipped[0].reason_of(2), "were asked in an earlier wave of this survey within 30 days"
        )

    def test_an_address_that_unsubscribed_is_not_invited_to_a_new_wave(self) -> None:
        (invitation,), _ = self.invite()
        services.opt_out(invitation=invitation)
        self.start_wave()
        with later(90):
            created, skipped = self.invite()
        self.assertEqual((created, skipped[0].reason), ([], "asked not to receive surveys"))

    def test_a_transactional_survey_invites_each_address_once_and_runs_in_no_waves(self) -> None:
        self.survey = self.open_survey(self.make_survey("touchpoint-csat", name="After delivery"))
        self.invite()
        with self.assertRaisesMessage(ValidationError, "Only a relationship survey runs in waves"):
            self.start_wave()
        self.survey.refresh_from_db()
        self.assertEqual(self.survey.current_wave, 1)

    def test_a_closed_survey_starts_no_new_wave(self) -> None:
        self.invite()
        services.survey_set_status(actor=self.cx_lead, survey=self.survey, status="closed")
        with self.assertRaisesMessage(ValidationError, "This survey is closed"):
            self.start_wave()

    def test_a_draft_starts_no_new_wave_as_its_first_was_never_sent(self) -> None:
        self.survey = self.make_survey(name="Still a draft")
        self.invite()
        with self.assertRaisesMessage(ValidationError, "Open the survey first"):
            self.start_wave()

    def test_a_wave_without_invitations_is_not_followed_by_another(self) -> None:
        with self.assertRaisesMessage(ValidationError, "Nobody has been invited in wave 1 yet"):
            self.start_wave()
        self.invite()
        self.start_wave()
        # a second click: wave 2 is still empty
        with self.assertRaisesMessage(ValidationError, "Nobody has been invited in wave 2 yet"):
            self.start_wave()
        self.survey.refresh_from_db()
        self.assertEqual(self.survey.current_wave, 2)

    def test_a_follow_up_alone_does_not_make_a_wave(self) -> None:
        customer = Customer.objects.get(account=self.account)
        Invitation.objects.create(
            organisation=self.org,
            survey=self.survey,
            customer=customer,
            contact=self.contact,
            email=self.contact.email,
            follow_up=True,
        )
        with self.assertRaises(ValidationError):
            self.start_wave()

    def test_only_an_admin_or_a_cx_lead_starts_a_wave(self) -> None:
        self.invite()
        for person in (self.owner, self.viewer):
            with self.subTest(person=person.email), self.assertRaises(PermissionDenied):
                services.survey_wave_start(actor=person, survey=self.survey)
        services.survey_wave_start(actor=self.admin, survey=self.survey, early=True)

    def test_another_organisations_admin_cannot_start_a_wave(self) -> None:
        self.invite()
        with self.assertRaises(PermissionDenied):
            services.survey_wave_start(actor=self.stranger, survey=self.survey)
        self.survey.refresh_from_db()
        self.assertEqual(self.survey.current_wave, 1)


class WaveReminderTest(WaveTestCase):
    def test_each_invitation_is_reminded_once_and_only_in_its_own_wave(self) -> None:
        self.invite()
        services.invitations_send(survey_id=self.survey.pk)
        with later(4):
            self.assertEqual(services.reminders_send(survey_id=self.survey.pk), 1)
        colleague = ContactFactory.create(account=self.account, email="dan@acme.example")
        self.invite(colleague)
        services.invitations_send(survey_id=self.survey.pk)  # dan, not reminded in wave 1
        self.start_wave()
        with later(40):
            self.invite(self.contact)
            services.invitations_send(survey_id=self.survey.pk)
        mail.outbox.clear()
        with later(45):
            # carla's invitation to wave 2 has a reminder of its own; dan's to wave 1 is over
            self.assertEqual(services.reminders_send(survey_id=self.survey.pk), 1)
        self.assertEqual([message.to for message in mail.outbox], [["carla@acme.example"]])

    def test_an_earlier_waves_unsent_invitation_is_not_sent_after_the_next_began(self) -> None:
        (held,), _ = self.invite()  # not emailed yet (held back by the fatigue window, say)
        self.start_wave()
        follow_up = Invitation.objects.create(  # a case's re-survey is sent whatever the wave
            organisation=self.org,
            survey=self.survey,
            customer=held.customer,
            contact=self.contact,
            email=self.contact.email,
            follow_up=True,
        )
        self.assertEqual(list(selectors.invitations_unsent(self.survey.pk)), [follow_up])
        services.invitations_send(survey_id=self.survey.pk)
        held.refresh_from_db()
        self.assertIsNone(held.sent_at)
        self.login(self.cx_lead)
        page = self.client.get(self.survey.get_absolute_url())
        self.assertContains(page, "never: the next wave began first")

    def test_a_re_survey_is_listed_in_no_wave(self) -> None:
        (invited,), _ = self.invite()
        self.start_wave()
        follow_up = Invitation.objects.create(
            organisation=self.org,
            survey=self.survey,
            customer=invited.customer,
            contact=self.contact,
            email="after-case@acme.example",
            follow_up=True,
            wave=1,  # made while wave 1 ran, as a re-survey could be
        )
        self.assertEqual(list(selectors.survey_invitations(self.survey, wave=1)), [invited])
        self.assertEqual(selectors.survey_invitations(self.survey).count(), 2)
        self.login(self.cx_lead)
        url = reverse("feedback:survey_invitations", args=[self.survey.pk])
        page = self.client.get(url, {"wave": 1})
        self.assertContains(page, "1 in all")
        self.assertNotContains(page, follow_up.email)
        every = self.client.get(url)
        self.assertContains(every, "A re-survey after a case belongs to no wave", count=1)


class WaveResultsTest(WaveTestCase):
    def test_each_wave_counts_its_own_invitations_and_answers(self) -> None:
        dan = ContactFactory.create(account=self.account, email="dan@acme.example")
        first, _ = self.invite(self.contact, dan)
        services.invitations_send(survey_id=self.survey.pk)
        self.answer(first[0])
        self.start_wave()
        with later(31):
            second, _ = self.invite(self.contact)
            services.invitations_send(survey_id=self.survey.pk)
        self.answer(second[0])
        Response.objects.create(  # by the open link: in no wave
            organisation=self.org, survey=self.survey, channel="link", submitted_at=timezone.now()
        )
        Invitation.objects.create(  # a case's re-survey: no wave's sample
            organisation=self.org,
            survey=self.survey,
            customer=second[0].customer,
            contact=dan,
            email=dan.email,
            follow_up=True,
            wave=2,
        )
        waves = selectors.survey_waves(actor=self.cx_lead, survey=self.survey)
        self.assertEqual(
            [(wave.number, wave.invited, wave.emailed, wave.answered) for wave in waves],
            [(1, 2, 2, 1), (2, 1, 1, 1)],
        )

    def answered_wave(self, wave: int, scores: list[int]) -> None:
        """Invitations of ``wave`` answered with ``scores``, written directly."""
        customer = Customer.objects.get(account=self.account)
        invitations = Invitation.objects.bulk_create(
            Invitation(
                organisation=self.org,
                survey=self.survey,
                customer=customer,
                contact=self.contact,
                email=f"wave{wave}-{i}@acme.example",
                wave=wave,
            )
            for i in range(len(scores))
        )
        now = timezone.now()
        Response.objects.bulk_create(
            Response(
                organisation=self.org,
                survey=self.survey,
                invitation=invitation,
                customer=customer,
                channel="email",
                submitted_at=now,
                responded_at=now,
                score=score,
                score_type="nps",
            )
            for invitation, score in zip(invitations, scores, strict=True)
        )

    def test_each_wave_has_its_nps_and_its_change_from_the_wave_before(self) -> None:
        self.survey.current_wave = 3
        self.survey.save(update_fields=["current_wave"])
        first = [10] * 30 + [8] * 5 + [0] * 10
        second = [10] * 10 + [8] * 5 + [0] * 30
        self.answered_wave(1, first)
        self.answered_wave(2, second)
        self.answered_wave(3, [10] * 4)

        waves = selectors.survey_waves(actor=self.cx_lead, survey=self.survey)

        expected = [estimate(pl.DataFrame({"nps": scores}), Nps()) for scores in (first, second)]
        for wave, reference in zip(waves, expected, strict=False):
            assert wave.score is not None
            self.assertEqual(wave.score.metric, "NPS")
            self.assertEqual(
                (wave.score.value, wave.score.low, wave.score.high),
                (reference.value, reference.low, reference.high),
            )
        assert waves[1].change is not None
        reference_change = compare(
            pl.DataFrame({"nps": second}), pl.DataFrame({"nps": first}), Nps()
        )
        self.assertAlmostEqual(waves[1].change.difference, reference_change.difference)
        self.assertAlmostEqual(waves[1].change.low, reference_change.low)
        self.assertTrue(waves[1].change.significant)
        self.assertIsNone(waves[0].change)  # nothing before it
        # four answers are too few for a figure to rely on, or to compare
        assert waves[2].score is not None
        self.assertFalse(waves[2].score.reliable)
        self.assertIsNone(waves[2].change)

        self.login(self.cx_lead)
        page = self.client.get(self.survey.get_absolute_url())
        self.assertContains(page, '<th class="num" scope="col">NPS</th>', html=True)
        # 44.4 then −44.4 read "44" and "−44", so the change reads −88 (−88.9 unrounded)
        self.assertContains(page, "−88 (−122 to −56)")
        self.assertContains(page, "significant at 95%")
        self.assertContains(page, "only 4 answers, 30 needed")
        self.assertContains(page, "too few answers to compare")
        api = self.client.get(f"/api/surveys/{self.survey.pk}").json()["waves"]
        self.assertEqual(api[1]["change"]["difference"], waves[1].change.difference)
        self.assertTrue(api[1]["change"]["significant"])
        self.assertEqual(api[2]["score"]["n"], 4)

    def test_the_scores_are_of_the_answers_the_reader_may_see(self) -> None:
        self.answered_wave(1, [10] * 40)  # Acme's, whom Finance does not serve
        (everyone,) = selectors.survey_waves(actor=self.cx_lead, survey=self.survey)
        (finance,) = selectors.survey_waves(actor=self.outsider, survey=self.survey)
        assert everyone.score is not None
        assert finance.score is not None
        self.assertEqual((everyone.score.n, finance.score.n), (40, 0))
        self.assertEqual(finance.answered, 40)  # the counts are the survey's, as on the list
        self.login(self.outsider)
        page = self.client.get(self.survey.get_absolute_url())
        self.assertContains(
            page, "The scores are of the answers of the customers your teams serve."
        )

    def test_a_survey_without_nps_csat_or_ces_has_no_score_by_wave(self) -> None:
        self.survey.questions.filter(kind="nps").delete()
        waves = selectors.survey_waves(actor=self.cx_lead, survey=self.survey)
        self.assertEqual([wave.score for wave in waves], [None])

    def test_the_new_wave_is_listed_before_anyone_is_invited_to_it(self) -> None:
        self.invite()
        self.start_wave()
        new = selectors.survey_waves(actor=self.cx_lead, survey=self.survey)[-1]
        self.assertEqual((new.number, new.invited, new.answered, new.first_sent), (2, 0, 0, None))

    def test_the_survey_list_counts_invitations_and_answers_across_waves(self) -> None:
        dan = ContactFactory.create(account=self.account, email="dan@acme.example")
        first, _ = self.invite(self.contact, dan)
        services.invitations_send(survey_id=self.survey.pk)
        self.answer(first[0])
        self.start_wave()
        with later(31):
            second, _ = self.invite(self.contact, dan)
        self.answer(second[1])
        listed = selectors.survey_list(actor=self.cx_lead).get(pk=self.survey.pk)
        counts = [getattr(listed, name) for name in ("invited", "answered", "answered_invited")]
        self.assertEqual(counts, [4, 2, 2])
        self.login(self.cx_lead)
        page = self.client.get(reverse("feedback:survey_list"))
        self.assertContains(page, ">50%</td>")  # the response rate: 2 answers of 4 invitations


class WavePageTest(WaveTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.url = reverse("feedback:survey_wave_start", args=[self.survey.pk])

    def test_the_page_shows_the_current_wave_and_a_button_that_posts(self) -> None:
        self.invite()
        self.login(self.cx_lead)
        page = self.client.get(self.survey.get_absolute_url())
        self.assertContains(page, "This survey is in wave 1")
        self.assertContains(page, f'<form method="post" action="{self.url}"')
        self.assertContains(page, "Start wave 2")
        html = page.content.decode()
        form = html[html.index(f'action="{self.url}"') :]
        self.assertIn("csrfmiddlewaretoken", form[: form.index("</form>")])

    def test_an_empty_wave_offers_no_button_but_says_why(self) -> None:
        self.login(self.cx_lead)
        page = self.client.get(self.survey.get_absolute_url())
        self.assertNotContains(page, "Start wave 2")
        self.assertContains(page, "Invite people to wave 1 before starting the next.")

    def test_members_see_the_waves_but_no_button(self) -> None:
        self.invite()
        self.login(self.owner)
        page = self.client.get(self.survey.get_absolute_url())
        self.assertContains(page, "This survey is in wave 1")
        self.assertNotContains(page, "Start wave 2")

    def test_a_transactional_survey_shows_no_waves(self) -> None:
        survey = self.open_survey(self.make_survey("touchpoint-csat", name="After delivery"))
        self.login(self.cx_lead)
        page = self.client.get(survey.get_absolute_url())
        self.assertNotContains(page, "Waves")
        self.assertNotContains(page, "Start wave")

    def test_a_relationship_survey_nobody_was_invited_to_shows_no_waves_yet(self) -> None:
        survey = self.open_survey(self.make_survey(name="Asked only after cases"))
        Invitation.objects.create(  # a case's re-survey: no wave's sample
            organisation=self.org,
            survey=survey,
            customer=Customer.objects.get(account=self.account),
            contact=self.contact,
            email=self.contact.email,
            follow_up=True,
        )
        self.login(self.cx_lead)
        page = self.client.get(survey.get_absolute_url())
        self.assertNotContains(page, 'id="waves-h"')

    def test_starting_a_wave_from_the_page_then_inviting_goes_into_it(self) -> None:
        self.invite()
        self.login(self.cx_lead)
        started = self.client.post(self.url, {"early": "1"}, follow=True)
        self.assertRedirects(started, self.survey.get_absolute_url())
        self.assertContains(started, "Wave 2 started")
        self.assertContains(started, "This survey is in wave 2")
        self.assertContains(started, "Invite people to wave 2 before starting the next.")
        with later(31):
            self.client.post(
                reverse("feedback:survey_invite", args=[self.survey.pk]),
                {"accounts": [self.account.pk]},
            )
        self.assertEqual(
            list(Invitation.objects.filter(survey=self.survey).values_list("wave", flat=True)),
            [2, 1],
        )

    def test_a_refused_wave_says_why_and_changes_nothing(self) -> None:
        self.login(self.cx_lead)
        refused = self.client.post(self.url, follow=True)
        self.assertContains(refused, "Nobody has been invited in wave 1 yet")
        self.survey.refresh_from_db()
        self.assertEqual(self.survey.current_wave, 1)

    def test_a_get_starts_no_wave(self) -> None:
        self.invite()
        self.login(self.cx_lead)
        self.assertEqual(self.client.get(self.url).status_code, 405)
        self.survey.refresh_from_db()
        self.assertEqual(self.survey.current_wave, 1)

    def test_a_post_without_the_form_token_is_refused(self) -> None:
        self.invite()
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.cx_lead)
        self.assertEqual(client.post(self.url).status_code, 403)
        self.survey.refresh_from_db()
        self.assertEqual(self.survey.current_wave, 1)

    def test_members_and_other_organisations_cannot_start_a_wave(self) -> None:
        self.invite()
        for person, status in ((self.owner, 403), (self.viewer, 403), (self.stranger, 404)):
            with self.subTest(person=person.email):
                self.login(person)
                self.assertEqual(self.client.post(self.url).status_code, status)
        self.survey.refresh_from_db()
        self.assertEqual(self.survey.current_wave, 1)

    def test_the_page_lists_each_wave_with_its_response_rate(self) -> None:
        dan = ContactFactory.create(account=self.account, email="dan@acme.example")
        first, _ = self.invite(self.contact, dan)
        services.invitations_send(survey_id=self.survey.pk)
        self.answer(first[0])
        self.start_wave()
        self.login(self.cx_lead)
        page = self.client.get(self.survey.get_absolute_url())
        self.assertContains(
            page,
            '<td data-label="Invited" class="num">2</td><td data-label="Answered" class="num">1'
            '</td><td data-label="Response rate" class="num">50%</td>',
            html=True,
        )
        self.assertContains(page, '<td data-label="Response rate" class="num">—</td>', html=True)


class WaveMigrationTest(TransactionTestCase):
    """0012 puts every survey and invitation made before it in wave 1."""

    before = [("feedback", "0011_imported_ids_by_kind")]
    after = [("feedback", "0012_survey_waves")]

    def tearDown(self) -> None:
        # the tests after this one need the tables as the latest migrations leave them
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())

    def test_invitations_made_before_waves_are_in_wave_one(self) -> None:
        executor = MigrationExecutor(connection)
        executor.migrate(self.before)
        old = executor.loader.project_state(self.before).apps
        organisation = OrganisationFactory.create()
        account = AccountFactory.create(organisation=organisation)
        contact = ContactFactory.create(account=account)
        survey = old.get_model("feedback", "Survey").objects.create(
            organisation_id=organisation.pk, name="Relationship 2025"
        )
        old.get_model("feedback", "Invitation").objects.create(
            organisation_id=organisation.pk,
            survey_id=survey.pk,
            customer_id=Customer.objects.get(account=account).pk,
            contact_id=contact.pk,
            email=contact.email,
        )

        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(self.after)
        new = executor.loader.project_state(self.after).apps  # the models as 0012 left them

        self.assertEqual(new.get_model("feedback", "Survey").objects.get().current_wave, 1)
        self.assertEqual(new.get_model("feedback", "Invitation").objects.get().wave, 1)
