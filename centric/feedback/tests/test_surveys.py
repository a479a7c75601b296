"""Building surveys from templates, inviting people, and answering on the public pages."""

from datetime import timedelta
from typing import Any
from unittest import mock

from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from centric.customers.models import Customer
from centric.feedback import editing, selectors, services
from centric.feedback.catalog import TEMPLATES
from centric.feedback.models import (
    Answer,
    Invitation,
    JourneyStage,
    OptOut,
    Response,
    Survey,
    Touchpoint,
)
from tests.factories import AccountFactory, ContactFactory
from tests.personas import PersonasTestCase
from tests.smtp import LocalSmtpServer, message_part


class SurveyTestCase(PersonasTestCase):
    def make_survey(self, template: str = "relationship-nps", **values: object) -> Survey:
        return services.survey_create_from_template(
            actor=self.cx_lead, template=template, values={"name": "Q4 relationship", **values}
        )

    def open_survey(self, survey: Survey) -> Survey:
        return services.survey_set_status(actor=self.cx_lead, survey=survey, status="open")


class SurveyBuildingTest(SurveyTestCase):
    def test_every_organisation_starts_with_the_seed_journey(self) -> None:
        names = list(
            JourneyStage.objects.filter(organisation=self.org).values_list("name", flat=True)
        )
        self.assertEqual(
            names, ["Shop", "Purchase", "Delivery", "Use", "Maintain", "Replace", "Dispose"]
        )

    def test_every_template_builds_a_survey_in_english_and_german(self) -> None:
        for slug, spec in TEMPLATES.items():
            values = {"subject_team": self.team} if spec.internal else {}
            survey = self.make_survey(slug, name=spec.name, **values)
            self.assertEqual(survey.questions.count(), len(spec.questions))
            for question in survey.questions.all():
                self.assertTrue(question.text["en"] and question.text["de"], (slug, question.key))

    def test_the_internal_customer_survey_asks_about_the_six_behaviours(self) -> None:
        survey = self.make_survey("internal-customer", subject_team=self.finance)
        keys = set(survey.questions.values_list("key", flat=True))
        self.assertLessEqual(
            {
                "self_awareness",
                "listening",
                "questioning",
                "empathy",
                "responsiveness",
                "receives_feedback",
            },
            keys,
        )

    def test_a_cx_lead_creates_a_survey_in_the_page(self) -> None:
        self.login(self.cx_lead)
        stage = JourneyStage.objects.get(organisation=self.org, name="Delivery")
        response = self.client.post(
            reverse("feedback:survey_create"),
            {
                "template": "touchpoint-csat",
                "name": "After delivery",
                "stage": stage.pk,
                "default_language": "en",
                "languages": ["en", "de"],
                "fatigue_days": 30,
            },
        )
        survey = Survey.objects.get(name="After delivery")
        self.assertRedirects(response, reverse("feedback:survey_detail", args=[survey.pk]))
        self.assertEqual(
            (survey.kind, survey.stage, survey.status), ("transactional", stage, "draft")
        )

    def test_a_survey_s_touchpoint_lies_in_its_stage(self) -> None:
        self.login(self.cx_lead)
        shop = JourneyStage.objects.get(organisation=self.org, name="Shop")
        use = JourneyStage.objects.get(organisation=self.org, name="Use")
        call = Touchpoint.objects.create(organisation=self.org, name="Support call", stage=use)
        values = {
            "template": "touchpoint-csat",
            "name": "After the call",
            "stage": shop.pk,
            "touchpoint": call.pk,
            "default_language": "en",
            "languages": ["en", "de"],
            "fatigue_days": 30,
        }
        refused = self.client.post(reverse("feedback:survey_create"), values)
        self.assertEqual(
            refused.context["form"].errors["touchpoint"],
            [
                "“Support call” is a touchpoint of the Use stage, not of Shop: choose that stage, "
                "or a touchpoint of this one."
            ],
        )
        self.assertFalse(Survey.objects.exists())
        self.client.post(reverse("feedback:survey_create"), {**values, "stage": use.pk})
        survey = Survey.objects.get()
        settings = reverse("feedback:survey_edit", args=[survey.pk])
        moved = self.client.post(
            settings,
            {
                "name": survey.name,
                "stage": shop.pk,
                "touchpoint": call.pk,
                "fatigue_days": 30,
                "languages": ["en", "de"],
            },
        )
        self.assertIn("touchpoint", moved.context["form"].errors)

    def test_an_internal_survey_without_its_team_is_refused(self) -> None:
        self.login(self.cx_lead)
        response = self.client.post(
            reverse("feedback:survey_create"),
            {
                "template": "internal-customer",
                "name": "IT service",
                "default_language": "en",
                "languages": ["en", "de"],
                "fatigue_days": 30,
            },
        )
        self.assertIn("subject_team", response.context["form"].errors)
        self.assertFalse(Survey.objects.exists())

    def test_only_an_internal_customer_survey_rates_a_team(self) -> None:
        self.login(self.cx_lead)
        response = self.client.post(
            reverse("feedback:survey_create"),
            {
                "template": "touchpoint-csat",
                "name": "After delivery",
                "subject_team": self.finance.pk,
                "default_language": "en",
                "languages": ["en", "de"],
                "fatigue_days": 30,
            },
        )
        self.assertIn(
            "Only an internal-customer survey rates a team", str(response.context["form"])
        )
        self.assertFalse(Survey.objects.exists())
        with self.assertRaises(ValidationError):
            self.make_survey("touchpoint-csat", subject_team=self.finance)

    def test_the_survey_list_links_to_the_export_of_all_feedback(self) -> None:
        self.login(self.owner)
        page = self.client.get(reverse("feedback:survey_list"))
        for name in ("feedback:feedback_export_csv", "feedback:feedback_export_xlsx"):
            self.assertContains(page, f'href="{reverse(name)}"')
            self.assertEqual(self.client.get(reverse(name)).status_code, 200)

    def test_the_survey_pages_say_how_many_answered_their_invitation(self) -> None:
        survey = self.open_survey(self.make_survey())
        other = ContactFactory.create(account=self.contact.account)
        invited, _ = services.invitations_create(
            actor=self.cx_lead, survey=survey, contacts=[self.contact, other]
        )
        now = timezone.now()
        for invitation, channel in ((invited[0], "email"), (None, "link"), (None, "link")):
            Response.objects.create(
                organisation=self.org,
                survey=survey,
                invitation=invitation,
                customer=invited[0].customer,
                channel=channel,
                submitted_at=now,
                responded_at=now,
            )
        self.login(self.cx_lead)
        listed = self.client.get(reverse("feedback:survey_list"))
        self.assertContains(
            listed,
            '<td class="num" data-label="Invited">2</td>'
            '<td class="num" data-label="Answered">3<div class="muted small">1 by invitation</div>'
            "</td>",
            html=True,
        )
        self.assertContains(
            listed, '<td class="num" data-label="Response rate">50%</td>', html=True
        )
        detail = self.client.get(reverse("feedback:survey_detail", args=[survey.pk]))
        self.assertContains(detail, "1 by invitation (50% of the 2 invited) · 2 by the open link")

    def test_the_survey_list_reads_its_counts_in_one_query_however_many_surveys(self) -> None:
        for name in ("A", "B", "C"):
            self.make_survey(name=name)
        self.login(self.cx_lead)
        self.client.get(reverse("feedback:survey_list"))  # sessions, caches
        # session, user, organisation, surveys with their counts, their questions' kinds and
        # their scores, and the reader's unread notifications
        with self.assertNumQueries(7):
            self.client.get(reverse("feedback:survey_list"))

    def test_each_survey_has_its_headline_score_of_the_answers_the_reader_may_see(self) -> None:
        nps = self.open_survey(self.make_survey(name="Relationship"))
        csat = self.open_survey(self.make_survey("touchpoint-csat", name="After delivery"))
        acme = Customer.objects.get(account=self.account)
        globex = Customer.objects.get(
            account=AccountFactory.create(organisation=self.org, name="Globex")
        )
        for survey, score_type, scores, customer in [
            (nps, "nps", [10] * 20 + [0] * 10, acme),
            (nps, "nps", [0] * 30, globex),
            (csat, "csat", [5, 4, 1], acme),
        ]:
            for score in scores:
                Response.objects.create(
                    organisation=self.org,
                    survey=survey,
                    customer=customer,
                    channel="link",
                    score=score,
                    score_type=score_type,
                    submitted_at=timezone.now(),
                )
        Response.objects.create(  # not sent: not counted
            organisation=self.org,
            survey=nps,
            customer=acme,
            channel="link",
            score=0,
            score_type="nps",
        )

        lead = selectors.survey_headlines(actor=self.cx_lead, surveys=[nps, csat])
        owner = selectors.survey_headlines(actor=self.owner, surveys=[nps, csat])

        self.assertAlmostEqual(lead[nps.pk].score.value or 0, -100 / 3)
        self.assertEqual(lead[nps.pk].score.n, 60)
        self.assertAlmostEqual(owner[nps.pk].score.value or 0, 100 / 3)  # Acme's alone
        self.assertEqual(owner[nps.pk].score.n, 30)
        self.assertAlmostEqual(lead[csat.pk].score.value or 0, 200 / 3)
        self.assertEqual(lead[csat.pk].unit, "%")
        self.assertFalse(lead[csat.pk].score.reliable)  # three answers
        self.login(self.cx_lead)
        listed = self.client.get(reverse("feedback:survey_list"))
        self.assertContains(listed, "NPS −33")
        self.assertContains(listed, "only 3 answers")

    def test_members_see_surveys_but_cannot_build_or_open_them(self) -> None:
        survey = self.make_survey()
        self.login(self.owner)
        self.assertContains(self.client.get(reverse("feedback:survey_list")), "Q4 relationship")
        self.assertEqual(self.client.get(reverse("feedback:survey_create")).status_code, 403)
        self.assertEqual(
            self.client.post(
                reverse("feedback:survey_status", args=[survey.pk]), {"status": "open"}
            ).status_code,
            403,
        )

    def test_another_organisations_survey_is_not_found(self) -> None:
        survey = self.make_survey()
        self.login(self.stranger)
        self.assertEqual(
            self.client.get(reverse("feedback:survey_detail", args=[survey.pk])).status_code, 404
        )


class SurveySettingsTest(SurveyTestCase):
    def test_a_cx_lead_fixes_the_name_and_the_words_respondents_read(self) -> None:
        from centric.core.models import AuditEvent

        survey = self.make_survey(languages=["en", "de"])
        self.login(self.cx_lead)
        url = reverse("feedback:survey_edit", args=[survey.pk])
        page = self.client.get(url)
        self.assertContains(page, "Thank-you message (German)")

        response = self.client.post(
            url,
            {
                "name": "Q4 relationship survey",
                "fatigue_days": "45",
                "languages": ["en", "de"],
                "intro_en": "Two minutes, and we read every answer.",
                "intro_de": "Zwei Minuten, und wir lesen jede Antwort.",
                "thank_you_en": "Thank you!",
                "thank_you_de": "",
            },
        )

        self.assertRedirects(response, survey.get_absolute_url())
        survey.refresh_from_db()
        self.assertEqual((survey.name, survey.fatigue_days), ("Q4 relationship survey", 45))
        self.assertEqual(survey.intro["de"], "Zwei Minuten, und wir lesen jede Antwort.")
        self.assertEqual(survey.thank_you["en"], "Thank you!")
        self.assertNotIn("de", survey.thank_you)
        event = AuditEvent.objects.filter(action="update").latest("pk")
        self.assertIn("name", event.changes)
        respond = self.client.get(reverse("feedback:respond_open", args=[survey.public_key]))
        self.assertNotEqual(respond.status_code, 500)

    def test_only_those_who_manage_surveys_change_them(self) -> None:
        survey = self.make_survey()
        url = reverse("feedback:survey_edit", args=[survey.pk])
        for person in (self.owner, self.viewer):
            with self.subTest(person=person.email):
                self.login(person)
                self.assertEqual(self.client.get(url).status_code, 403)
                self.assertEqual(self.client.post(url, {"name": "Mine"}).status_code, 403)
        self.login(self.stranger)
        self.assertEqual(self.client.post(url, {"name": "Mine"}).status_code, 404)
        survey.refresh_from_db()
        self.assertEqual(survey.name, "Q4 relationship")

    def test_the_introduction_and_thanks_may_be_left_out_in_every_language(self) -> None:
        survey = self.open_survey(self.make_survey())
        self.login(self.admin)
        answer = self.client.post(
            reverse("feedback:survey_edit", args=[survey.pk]),
            {"name": survey.name, "fatigue_days": "30", "languages": survey.languages},  # no words
        )
        self.assertRedirects(answer, survey.get_absolute_url(), fetch_redirect_response=False)
        survey.refresh_from_db()
        self.assertEqual((survey.intro, survey.thank_you), ({}, {}))
        respond = self.client.get(reverse("feedback:respond_open", args=[survey.public_key]))
        self.assertNotEqual(respond.status_code, 500)

    def test_a_missing_name_is_refused_and_nothing_changes(self) -> None:
        survey = self.make_survey()
        self.login(self.admin)
        response = self.client.post(
            reverse("feedback:survey_edit", args=[survey.pk]), {"name": "", "fatigue_days": "30"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "This field is required")
        survey.refresh_from_db()
        self.assertEqual(survey.name, "Q4 relationship")


class InvitationTest(SurveyTestCase):
    def test_contacts_are_invited_and_emailed_in_their_language(self) -> None:
        self.contact.language = "de"
        self.contact.save()
        survey = self.open_survey(self.make_survey())
        created, skipped = services.invitations_create(
            actor=self.cx_lead, survey=survey, contacts=[self.contact]
        )
        self.assertEqual((len(created), skipped), (1, []))
        with LocalSmtpServer() as smtp, override_settings(**smtp.settings()):
            self.assertEqual(services.invitations_send(survey_id=survey.pk), 1)
            self.assertEqual(services.invitations_send(survey_id=survey.pk), 0)  # never twice
        self.assertEqual(len(smtp.messages), 1)
        body = message_part(smtp.messages[0], "text/plain")
        self.assertIn("Guten Tag Carla", body)
        self.assertIn(f"/r/{created[0].token}/", body)
        self.assertEqual(created[0].customer.account, self.account)

    def test_nobody_is_asked_twice_within_the_fatigue_window(self) -> None:
        first = self.open_survey(self.make_survey())
        services.invitations_create(actor=self.cx_lead, survey=first, contacts=[self.contact])
        services.invitations_send(survey_id=first.pk)
        second = self.make_survey(name="Another")
        created, skipped = services.invitations_create(
            actor=self.cx_lead, survey=second, contacts=[self.contact]
        )
        self.assertEqual(created, [])
        self.assertEqual(skipped[0].reason, "was asked in another survey within 30 days")
        with mock.patch("centric.core.clock.now", return_value=timezone.now() + timedelta(days=31)):
            created, _ = services.invitations_create(
                actor=self.cx_lead, survey=self.make_survey(name="Later"), contacts=[self.contact]
            )
        self.assertEqual(len(created), 1)

    def test_an_invitation_never_sent_asks_nobody_anything(self) -> None:
        draft = self.make_survey(name="Still a draft")
        services.invitations_create(actor=self.cx_lead, survey=draft, contacts=[self.contact])
        created, skipped = services.invitations_create(
            actor=self.cx_lead, survey=self.make_survey(name="Another"), contacts=[self.contact]
        )
        self.assertEqual((len(created), skipped), (1, []))

    def test_someone_already_invited_to_the_survey_is_skipped_and_the_others_invited(
        self,
    ) -> None:
        survey = self.open_survey(self.make_survey(fatigue_days=0))
        services.invitations_create(actor=self.cx_lead, survey=survey, contacts=[self.contact])
        colleague = ContactFactory.create(account=self.account, email="dan@acme.example")
        created, skipped = services.invitations_create(
            actor=self.cx_lead, survey=survey, contacts=[self.contact, colleague]
        )
        self.assertEqual([invitation.email for invitation in created], ["dan@acme.example"])
        self.assertEqual(
            skipped, [services.Skipped("carla@acme.example", "already invited to this survey")]
        )

    def test_inviting_an_account_again_says_who_was_skipped_and_why(self) -> None:
        survey = self.open_survey(self.make_survey())
        ContactFactory.create(account=self.account, email="dan@acme.example")
        url = reverse("feedback:survey_invite", args=[survey.pk])
        self.login(self.cx_lead)
        self.client.post(url, {"accounts": [self.account.pk]})
        with mock.patch("centric.core.clock.now", return_value=timezone.now() + timedelta(days=31)):
            again = self.client.post(url, {"accounts": [self.account.pk]}, follow=True)
        self.assertEqual(again.status_code, 200)
        self.assertContains(again, "0 invited.")
        self.assertContains(again, "2 not invited: 2 already invited to this survey (")
        self.assertContains(again, "carla@acme.example")
        self.assertContains(again, "dan@acme.example")
        self.assertEqual(Invitation.objects.filter(survey=survey).count(), 2)

    def test_a_segments_accounts_or_chosen_contacts_are_invited(self) -> None:
        other = AccountFactory.create(organisation=self.org, name="Beta", segment=None)
        chosen = ContactFactory.create(account=other, first_name="Bo", email="bo@beta.example")
        ContactFactory.create(account=other, email="left@beta.example")
        survey = self.make_survey()
        url = reverse("feedback:survey_invite", args=[survey.pk])
        self.login(self.cx_lead)
        page = self.client.get(survey.get_absolute_url())
        # each field says what it does, where a screen reader looks for it
        self.assertContains(page, 'aria-describedby="id_contacts_helptext"')
        self.assertContains(page, 'id="id_contacts_helptext"')

        answer = self.client.post(
            url,
            {"segments": [self.segment.pk], "contacts": f"{chosen.email},\n CARLA@acme.example"},
        )

        self.assertRedirects(answer, survey.get_absolute_url(), fetch_redirect_response=False)
        self.assertEqual(
            sorted(Invitation.objects.filter(survey=survey).values_list("email", flat=True)),
            ["bo@beta.example", "carla@acme.example"],  # Carla once, by segment and by name
        )
        stranger = ContactFactory.create(
            account=AccountFactory.create(organisation=self.other_org), email="x@else.example"
        )
        refused = self.client.post(url, {"contacts": f"{stranger.email}\n{chosen.email}"})
        # nobody is invited, and the addresses given stay in the form to be put right
        self.assertContains(refused, f"{stranger.email}\n{chosen.email}</textarea>")
        self.assertContains(
            refused, "Contacts by email: Not the address of a contact: x@else.example."
        )
        self.assertNotContains(refused, "Choose at least one")
        nothing = self.client.post(url, {"contacts": " "})
        self.assertContains(nothing, "Choose at least one account, segment, contact or team")
        self.assertFalse(Invitation.objects.filter(email="x@else.example").exists())

    def test_the_skip_message_agrees_with_how_many_were_skipped(self) -> None:
        first = self.open_survey(self.make_survey(name="First"))
        services.invitations_create(actor=self.cx_lead, survey=first, contacts=[self.contact])
        services.invitations_send(survey_id=first.pk)
        self.login(self.cx_lead)
        second = self.make_survey(name="Second")
        one = self.client.post(
            reverse("feedback:survey_invite", args=[second.pk]),
            {"accounts": [self.account.pk]},
            follow=True,
        )
        self.assertContains(
            one, "1 not invited: 1 was asked in another survey within 30 days (carla@acme.example)."
        )
        dan = ContactFactory.create(account=self.account, email="dan@acme.example")
        services.invitations_create(actor=self.cx_lead, survey=first, contacts=[dan])
        services.invitations_send(survey_id=first.pk)
        third = self.make_survey(name="Third")
        two = self.client.post(
            reverse("feedback:survey_invite", args=[third.pk]),
            {"accounts": [self.account.pk]},
            follow=True,
        )
        self.assertContains(two, "2 not invited: 2 were asked in another survey within 30 days (")

    def test_people_of_the_rated_team_are_counted_in_the_plural_too(self) -> None:
        survey = self.make_survey("internal-customer", subject_team=self.team)
        _, skipped = services.invitations_create(
            actor=self.cx_lead, survey=survey, people=[self.owner, self.teammate]
        )
        self.assertEqual(
            [item.reason_of(len(skipped)) for item in skipped],
            ["are in the team being rated, which cannot rate itself"] * 2,
        )
        self.assertEqual(skipped[0].reason_of(1), services.IN_RATED_TEAM)

    def test_opening_a_survey_emails_the_invitations_made_while_it_was_a_draft(self) -> None:
        survey = self.make_survey()
        (invitation,), _ = services.invitations_create(
            actor=self.cx_lead, survey=survey, contacts=[self.contact]
        )
        self.login(self.cx_lead)
        with self.captureOnCommitCallbacks(execute=True):
            opened = self.client.post(
                reverse("feedback:survey_status", args=[survey.pk]), {"status": "open"}, follow=True
            )
        self.assertContains(opened, "Emailing 1 person their invitation in the background.")
        self.assertEqual([message.to for message in mail.outbox], [["carla@acme.example"]])
        invitation.refresh_from_db()
        self.assertIsNotNone(invitation.sent_at)

    def test_the_subject_of_an_invitation_is_plain_text_on_one_line(self) -> None:
        survey = self.open_survey(self.make_survey())
        # a title stored before titles were checked to be one line
        Survey.objects.filter(pk=survey.pk).update(
            title={"en": "Q&A 'Tom's' <b>x</b>\nBcc: x@evil.example"}
        )
        services.invitations_create(actor=self.cx_lead, survey=survey, contacts=[self.contact])
        services.invitations_send(survey_id=survey.pk)
        self.assertEqual(
            mail.outbox[0].subject,
            "Northwind: Q&A 'Tom's' <b>x</b> Bcc: x@evil.example – we would value your view",
        )
        # who is asking: the organisation signs the mail and heads the page it links to
        self.assertIn("Thank you,\nNorthwind\n", mail.outbox[0].body)
        invitation = Invitation.objects.get(survey=survey)
        page = self.client.get(reverse("feedback:respond", args=[invitation.token]))
        self.assertContains(page, '<p class="asked-by muted">Northwind</p>')

    def test_a_team_being_rated_is_not_invited_to_rate_itself(self) -> None:
        survey = self.make_survey("internal-customer", subject_team=self.finance)
        url = reverse("feedback:survey_invite", args=[survey.pk])
        self.login(self.cx_lead)
        refused = self.client.post(url, {"teams": [self.finance.pk]}, follow=True)
        self.assertContains(refused, "Finance is the team this survey rates")
        self.assertFalse(Invitation.objects.exists())
        created, skipped = services.invitations_create(
            actor=self.cx_lead, survey=survey, people=[self.outsider, self.teammate]
        )
        self.assertEqual([invitation.person for invitation in created], [self.teammate])
        self.assertEqual(skipped[0].email, "outsider@northwind.example")
        self.assertIn("team being rated", skipped[0].reason)

    def test_the_invitation_carries_a_one_click_unsubscribe_for_mail_programs(self) -> None:
        survey = self.open_survey(self.make_survey())
        (invitation,), _ = services.invitations_create(
            actor=self.cx_lead, survey=survey, contacts=[self.contact]
        )
        services.invitations_send(survey_id=survey.pk)
        url = reverse("feedback:unsubscribe", args=[invitation.token])
        headers = mail.outbox[0].extra_headers
        self.assertEqual(headers["List-Unsubscribe"], f"<http://testserver{url}>")
        self.assertEqual(headers["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click")
        # as a mail program posts it: no form token
        one_click = Client(enforce_csrf_checks=True).post(
            url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
        )
        self.assertEqual(one_click.status_code, 200)
        self.assertTrue(OptOut.objects.filter(email=self.contact.email.lower()).exists())

    def test_an_unsubscribed_address_is_never_asked_again(self) -> None:
        survey = self.open_survey(self.make_survey())
        (invitation,), _ = services.invitations_create(
            actor=self.cx_lead, survey=survey, contacts=[self.contact]
        )
        self.assertContains(
            self.client.get(reverse("feedback:unsubscribe", args=[invitation.token])),
            "Stop receiving",
        )
        self.assertFalse(OptOut.objects.exists())  # GET only asks
        self.client.post(reverse("feedback:unsubscribe", args=[invitation.token]))
        self.assertEqual(services.invitations_send(survey_id=survey.pk), 0)
        with mock.patch("centric.core.clock.now", return_value=timezone.now() + timedelta(days=90)):
            _, skipped = services.invitations_create(
                actor=self.cx_lead, survey=self.make_survey(name="Next"), contacts=[self.contact]
            )
        self.assertEqual(skipped[0].reason, "asked not to receive surveys")

    def test_a_survey_of_a_teams_internal_customers_invites_no_customer_contacts(self) -> None:
        survey = self.make_survey("internal-customer", subject_team=self.finance)
        self.login(self.cx_lead)
        page = self.client.get(survey.get_absolute_url())
        self.assertNotContains(page, 'name="accounts"')
        self.assertContains(page, 'name="teams"')
        url = reverse("feedback:survey_invite", args=[survey.pk])
        refused = self.client.post(url, {"accounts": [self.account.pk]}, follow=True)
        self.assertContains(refused, "Choose at least one team to invite.")
        with self.assertRaisesMessage(ValidationError, "invite teams, not the contacts"):
            services.invitations_create(actor=self.cx_lead, survey=survey, contacts=[self.contact])
        self.assertFalse(Invitation.objects.exists())

    def test_team_members_are_invited_as_internal_customers(self) -> None:
        survey = self.make_survey("internal-customer", subject_team=self.finance)
        created, _ = services.invitations_create(
            actor=self.cx_lead, survey=survey, people=[self.teammate]
        )
        self.assertEqual(created[0].customer.team, self.team)

    def test_one_reminder_goes_to_those_who_have_not_answered(self) -> None:
        survey = self.open_survey(self.make_survey())
        services.invitations_create(actor=self.cx_lead, survey=survey, contacts=[self.contact])
        services.invitations_send(survey_id=survey.pk)
        self.assertEqual(services.reminders_send(survey_id=survey.pk), 0)  # too soon
        with mock.patch("centric.core.clock.now", return_value=timezone.now() + timedelta(days=4)):
            self.assertEqual(services.reminders_send(survey_id=survey.pk), 1)
            self.assertEqual(services.reminders_send(survey_id=survey.pk), 0)
        self.assertTrue(mail.outbox[-1].subject.startswith("Reminder:"))

    def test_a_survey_set_to_remind_by_itself_sends_its_one_reminder_when_due(self) -> None:
        survey = self.open_survey(self.make_survey())
        by_hand = self.open_survey(self.make_survey(name="By hand"))
        other = ContactFactory.create(account=self.account, email="dan@acme.example")
        services.invitations_create(actor=self.cx_lead, survey=survey, contacts=[self.contact])
        services.invitations_create(actor=self.cx_lead, survey=by_hand, contacts=[other])
        services.invitations_send(survey_id=survey.pk)
        services.invitations_send(survey_id=by_hand.pk)
        self.login(self.cx_lead)
        self.client.post(
            reverse("feedback:survey_edit", args=[survey.pk]),
            {
                "name": survey.name,
                "fatigue_days": "30",
                "remind_automatically": "on",
                "languages": survey.languages,
            },
        )
        survey.refresh_from_db()
        self.assertTrue(survey.remind_automatically)
        page = self.client.get(survey.get_absolute_url())
        self.assertContains(page, "One reminder goes by itself")

        self.assertEqual(services.reminders_send_due(), 0)  # too soon
        with mock.patch("centric.core.clock.now", return_value=timezone.now() + timedelta(days=4)):
            self.assertEqual(services.reminders_send_due(), 1)  # not the survey reminded by hand
            self.assertEqual(services.reminders_send_due(), 0)  # one reminder only
        self.assertEqual(mail.outbox[-1].to, [self.contact.email])
        self.assertTrue(mail.outbox[-1].subject.startswith("Reminder:"))

    def test_sending_a_reminder_says_to_how_many_people(self) -> None:
        survey = self.open_survey(self.make_survey())
        services.invitations_create(actor=self.cx_lead, survey=survey, contacts=[self.contact])
        services.invitations_send(survey_id=survey.pk)
        url = reverse("feedback:survey_send", args=[survey.pk])
        self.login(self.cx_lead)
        too_soon = self.client.post(url, {"what": "reminders"}, follow=True)
        self.assertContains(too_soon, "Nobody needs a reminder")
        with mock.patch("centric.core.clock.now", return_value=timezone.now() + timedelta(days=4)):
            sent = self.client.post(url, {"what": "reminders"}, follow=True)
        self.assertContains(sent, "Sending a reminder to 1 person in the background.")

    def test_inviting_from_the_page_needs_an_org_wide_role(self) -> None:
        survey = self.open_survey(self.make_survey())
        url = reverse("feedback:survey_invite", args=[survey.pk])
        self.login(self.owner)
        self.assertEqual(self.client.post(url, {"accounts": [self.account.pk]}).status_code, 403)
        self.login(self.cx_lead)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(url, {"accounts": [self.account.pk]})
        self.assertEqual(Invitation.objects.filter(survey=survey).count(), 1)
        self.assertEqual(len(mail.outbox), 1)


class RespondingTest(SurveyTestCase):
    def setUp(self) -> None:
        self.survey = self.open_survey(self.make_survey())
        (self.invitation,), _ = services.invitations_create(
            actor=self.cx_lead, survey=self.survey, contacts=[self.contact]
        )
        self.url = reverse("feedback:respond", args=[self.invitation.token])

    def test_the_page_opens_without_signing_in_and_changes_nothing(self) -> None:
        response = self.client.get(self.url)
        self.assertContains(response, "How likely are you to recommend us")
        self.assertFalse(Response.objects.exists())

    def test_a_detractor_is_asked_what_to_fix_and_the_answers_are_kept(self) -> None:
        step = self.client.post(self.url, {"page": "1", "nps": "3"})
        self.assertRedirects(step, f"{self.url}?page=2")
        self.assertContains(
            self.client.get(step["Location"]), "What is the one thing we should fix first?"
        )
        done = self.client.post(
            self.url, {"page": "2", "fix_first": "Invoices <b>late</b>", "topics": ["price"]}
        )
        self.assertRedirects(done, reverse("feedback:thanks", args=[self.invitation.token]))
        response = Response.objects.get()
        self.assertIsNotNone(response.submitted_at)
        assert response.customer is not None
        self.assertEqual(
            (response.customer.account, response.contact, response.channel),
            (self.account, self.contact, "email"),
        )
        self.assertEqual(
            services.response_answers(response),
            {"nps": 3, "fix_first": "Invoices <b>late</b>", "topics": ["price"]},
        )
        self.assertEqual(
            (response.score, response.score_type, response.comment),
            (3, "nps", "Invoices <b>late</b>"),
        )

    def test_partial_progress_is_kept_between_visits(self) -> None:
        self.client.post(self.url, {"page": "1", "nps": "10"})
        response = self.client.get(self.url)
        self.assertContains(response, "What do we do best?")
        self.assertIsNone(Response.objects.get().submitted_at)

    def test_a_missing_answer_is_reported_and_nothing_is_kept(self) -> None:
        response = self.client.post(self.url, {"page": "1"})
        self.assertEqual(response.status_code, 422)
        self.assertContains(response, "Please answer this question.", status_code=422)
        self.assertEqual(Answer.objects.count(), 0)

    def test_a_second_visit_edits_the_one_response(self) -> None:
        self.client.post(self.url, {"page": "1", "nps": "3"})
        self.client.post(self.url, {"page": "2", "fix_first": "Billing"})
        self.assertContains(self.client.get(self.url), 'value="3" checked')
        self.client.post(self.url, {"page": "1", "nps": "9"})
        self.client.post(self.url, {"page": "2", "best": "Support"})
        self.assertEqual(Response.objects.count(), 1)
        self.assertEqual(
            services.response_answers(Response.objects.get()), {"nps": 9, "best": "Support"}
        )

    def test_a_later_page_sent_first_is_refused_until_the_required_answers_are_given(
        self,
    ) -> None:
        skipped = self.client.post(self.url, {"page": "2", "topics": ["price"]})
        self.assertContains(skipped, "How likely are you to recommend us", status_code=422)
        self.assertContains(skipped, "Please answer this question.", status_code=422)
        self.assertFalse(Response.objects.exists())
        beyond = self.client.post(self.url, {"page": "3"})
        self.assertEqual(beyond.status_code, 422)
        self.assertFalse(Response.objects.exists())
        # answered in order, the same pages are taken
        self.client.post(self.url, {"page": "1", "nps": "3"})
        self.assertEqual(self.client.post(self.url, {"page": "2"}).status_code, 422)
        self.assertIsNone(Response.objects.get().submitted_at)  # the required follow-up is missing
        self.client.post(self.url, {"page": "2", "fix_first": "Billing"})
        self.assertIsNotNone(Response.objects.get().submitted_at)

    def test_a_changed_score_drops_the_old_follow_up_from_the_comment_too(self) -> None:
        self.client.post(self.url, {"page": "1", "nps": "3"})
        self.client.post(self.url, {"page": "2", "fix_first": "Billing"})
        self.assertEqual(Response.objects.get().comment, "Billing")
        self.client.post(self.url, {"page": "1", "nps": "10"})
        response = Response.objects.get()
        self.assertEqual(services.response_answers(response), {"nps": 10})
        self.assertEqual((response.score, response.comment), (10, ""))

    def test_the_chosen_language_holds_on_every_page_and_is_kept_with_the_answers(self) -> None:
        first = self.client.get(self.url, {"lang": "de"})
        self.assertContains(first, f'action="{self.url}?lang=de"')
        step = self.client.post(f"{self.url}?lang=de", {"page": "1", "nps": "3"})
        self.assertRedirects(step, f"{self.url}?page=2&lang=de")
        self.assertContains(self.client.get(step["Location"]), "Was sollten wir als Erstes")
        self.assertEqual(Response.objects.get().language, "de")
        done = self.client.post(f"{self.url}?lang=de", {"page": "2", "fix_first": "Rechnungen"})
        thanks = reverse("feedback:thanks", args=[self.invitation.token])
        self.assertRedirects(done, f"{thanks}?lang=de")
        self.assertContains(self.client.get(done["Location"]), "Vielen Dank")

    def test_what_is_wrong_with_an_answer_is_said_in_the_respondents_language(self) -> None:
        refused = self.client.post(f"{self.url}?lang=de", {"page": "1"})
        self.assertContains(refused, "Bitte prüfen Sie die markierten Antworten.", status_code=422)
        self.assertContains(refused, "Bitte beantworten Sie diese Frage.", status_code=422)
        self.assertNotContains(refused, "Please answer this question.", status_code=422)

    def test_staff_read_a_choice_answer_by_its_labels(self) -> None:
        self.client.post(self.url, {"page": "1", "nps": "3"})
        self.client.post(
            self.url, {"page": "2", "fix_first": "Billing", "topics": ["delivery", "price"]}
        )
        self.login(self.owner)
        response = Response.objects.get()
        detail = self.client.get(reverse("feedback:response_detail", args=[response.pk]))
        self.assertContains(detail, "Delivery, Price and billing")
        self.assertNotContains(detail, "delivery, price")
        survey_page = self.client.get(reverse("feedback:survey_detail", args=[self.survey.pk]))
        self.assertContains(survey_page, "Delivery, Price and billing")
        self.assertNotContains(survey_page, "[&#x27;delivery&#x27;")

    def test_the_survey_page_names_the_questions_without_wording_in_a_language_it_offers(
        self,
    ) -> None:
        survey = self.make_survey(languages=["en", "de"])
        self.login(self.cx_lead)
        url = reverse("feedback:survey_detail", args=[survey.pk])
        self.assertNotContains(self.client.get(url), "no wording in")
        question = editing.question_save(
            actor=self.cx_lead,
            survey=survey,
            values={"kind": "text", "text": {"en": "Anything <else>?"}, "page": 2},
        )
        page = self.client.get(url)
        edit = reverse("feedback:question_edit", args=[survey.pk, question.pk])
        self.assertIn(
            f'1 question has no wording in German: <a href="{edit}">“Anything &lt;else&gt;?”</a>; '
            "respondents in that language see the English wording.",
            " ".join(page.content.decode().split()),
        )

    def test_staff_read_a_choice_in_the_surveys_language(self) -> None:
        survey = self.make_survey(
            "touchpoint-csat", name="Nach der Lieferung", default_language="de"
        )
        question = editing.question_save(
            actor=self.cx_lead,
            survey=survey,
            values={
                "kind": "single",
                "text": {"en": "Country", "de": "Land"},
                "page": 1,
                "options": editing.options_from_lines("日本\nDeutschland"),
            },
        )
        self.assertEqual(question.options[0]["value"], "option-1")
        self.open_survey(survey)
        (invitation,), _ = services.invitations_create(
            actor=self.cx_lead, survey=survey, contacts=[self.contact]
        )
        self.client.post(
            reverse("feedback:respond", args=[invitation.token]),
            {"page": "1", "csat": "4", "land": "option-1"},  # the key: from the German
        )
        self.login(self.owner)
        detail = self.client.get(
            reverse("feedback:response_detail", args=[Response.objects.get(survey=survey).pk])
        )
        self.assertContains(detail, '<th scope="row" style="width:40%">Land</th>', html=False)
        self.assertContains(detail, "日本")
        self.assertNotContains(detail, "option-1")

    def test_feedback_from_no_survey_shows_its_score_comment_and_attributes(self) -> None:
        given = timezone.now() - timedelta(days=300)
        review = Response.objects.create(
            organisation=self.org,
            kind="review",
            channel="import",
            score=2,
            score_type="rating",
            comment="Late again <b>twice</b>",
            attributes={"store": "Leeds"},
            responded_at=given,
        )
        self.login(self.cx_lead)
        page = self.client.get(reverse("feedback:response_detail", args=[review.pk]))
        self.assertContains(page, "<dt>Kind</dt><dd>Review</dd>", html=True)
        self.assertContains(page, "Late again &lt;b&gt;twice&lt;/b&gt;")
        self.assertContains(page, "<dt>Custom attributes</dt><dd>Store: Leeds</dd>", html=True)
        self.assertContains(page, "<dt>Given</dt>")  # when the customer wrote it
        self.assertContains(page, "<dt>Received</dt>")  # when it reached Centric
        self.assertNotContains(page, "No answers yet.")
        self.assertNotContains(page, "Started")

    def test_a_closed_survey_takes_no_more_answers(self) -> None:
        services.survey_set_status(actor=self.cx_lead, survey=self.survey, status="closed")
        self.assertEqual(self.client.get(self.url).status_code, 410)
        self.assertEqual(self.client.post(self.url, {"page": "1", "nps": "5"}).status_code, 410)
        self.assertFalse(Response.objects.exists())

    def test_a_survey_that_is_not_open_yet_says_so(self) -> None:
        draft = self.make_survey(name="Coming soon", open_link=True)
        page = self.client.get(reverse("feedback:respond_open", args=[draft.public_key]))
        self.assertContains(page, "This survey is not open yet.", status_code=404)
        self.assertNotContains(page, "closed", status_code=404)

    def test_the_internal_customer_survey_names_the_team_being_rated(self) -> None:
        survey = self.open_survey(
            self.make_survey("internal-customer", name="IT", subject_team=self.finance)
        )
        (invitation,), _ = services.invitations_create(
            actor=self.cx_lead, survey=survey, people=[self.teammate]
        )
        url = reverse("feedback:respond", args=[invitation.token])
        first = self.client.get(url)
        self.assertContains(first, "The team you are rating: <strong>Finance</strong>", html=True)
        self.client.post(url, {"page": "1", "csat": "4"})
        second = self.client.get(url, {"page": "2", "lang": "de"})
        self.assertContains(
            second, "Das Team, das Sie bewerten: <strong>Finance</strong>", html=True
        )

    def test_every_score_scale_labels_its_two_ends(self) -> None:
        ends = {
            "touchpoint-csat": ("Very dissatisfied", "Very satisfied", "Sehr unzufrieden"),
            "ces": ("Strongly disagree", "Strongly agree", "Stimme überhaupt nicht zu"),
            "customer-centricity": ("Strongly disagree", "Strongly agree", "Stimme überhaupt"),
            "relationship-nps": ("Not at all likely", "Extremely likely", "Äußerst unwahr"),
        }
        for template, (low, high, german) in ends.items():
            survey = self.open_survey(self.make_survey(template, name=template, open_link=True))
            url = reverse("feedback:respond_open", args=[survey.public_key])
            with self.subTest(template=template):
                page = self.client.get(url)
                # each end is heard with its number, and seen under the first and last
                self.assertContains(page, f'<span class="visually-hidden"> – {low}</span>')
                self.assertContains(page, f'<span class="visually-hidden"> – {high}</span>')
                self.assertContains(
                    page,
                    f'<div class="scale-ends" aria-hidden="true"><span>{low}</span>'
                    f"<span>{high}</span></div>",
                )
                self.assertContains(self.client.get(url, {"lang": "de"}), german)

    def test_the_respondent_sees_their_contacts_language_and_may_switch(self) -> None:
        self.assertContains(
            self.client.get(self.url, HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9"), "How likely"
        )
        self.invitation.language = "de"
        self.invitation.save()
        self.assertContains(self.client.get(self.url), "Wie wahrscheinlich")
        self.assertContains(self.client.get(self.url, {"lang": "en"}), "How likely")

    def test_an_anonymous_respondent_sees_their_browsers_language(self) -> None:
        survey = self.open_survey(self.make_survey(name="Open", open_link=True))
        url = reverse("feedback:respond_open", args=[survey.public_key])
        self.assertContains(
            self.client.get(url, HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9"), "Wie wahrscheinlich"
        )

    def test_free_text_is_escaped_where_staff_read_it(self) -> None:
        self.client.post(self.url, {"page": "1", "nps": "2"})
        self.client.post(self.url, {"page": "2", "fix_first": "<script>alert(1)</script>"})
        self.login(self.owner)
        page = self.client.get(
            reverse("feedback:response_detail", args=[Response.objects.get().pk])
        )
        self.assertNotContains(page, "<script>alert(1)</script>")
        self.assertContains(page, "&lt;script&gt;")

    def test_responses_are_seen_within_the_scope(self) -> None:
        self.client.post(self.url, {"page": "1", "nps": "2"})
        response_url = reverse("feedback:response_detail", args=[Response.objects.get().pk])
        self.login(self.teammate)
        self.assertEqual(self.client.get(response_url).status_code, 200)
        self.login(self.outsider)
        self.assertEqual(self.client.get(response_url).status_code, 404)

    def test_an_unknown_token_is_not_found(self) -> None:
        self.assertEqual(
            self.client.get(reverse("feedback:respond", args=["nope"])).status_code, 404
        )


class OpenLinkTest(SurveyTestCase):
    def attempt(self, url: str) -> str:
        """The attempt id the open link's form carries, as a browser would send it back."""
        page = self.client.get(url)
        self.assertContains(page, 'name="attempt"')
        return str(page.context["attempt"])

    def test_anyone_answers_through_the_open_link_and_each_visit_is_one_response(self) -> None:
        survey = self.open_survey(self.make_survey(open_link=True))
        url = reverse("feedback:respond_open", args=[survey.public_key])
        self.assertContains(self.client.get(url), "How likely")
        self.assertFalse(Response.objects.exists())
        attempt = self.attempt(url)
        self.client.post(url, {"page": "1", "nps": "9", "attempt": attempt})
        self.assertEqual(self.attempt(f"{url}?page=2"), attempt)  # the same attempt goes on
        sent = self.client.post(url, {"page": "2", "best": "Fast delivery", "attempt": attempt})
        thanks = reverse("feedback:thanks_open", args=[survey.public_key])
        self.assertRedirects(sent, thanks)
        self.assertContains(self.client.get(thanks), "Thank you")
        response = Response.objects.get()
        self.assertEqual(
            (response.channel, response.customer, response.submitted_at is not None),
            ("link", None, True),
        )
        # this browser is thanked, not asked again; another browser's visit is a new response
        self.assertContains(self.client.get(url), "You have already answered this survey.")
        self.client.cookies.clear()
        self.assertNotEqual(self.attempt(url), attempt)

    def test_a_survey_without_the_open_link_has_none(self) -> None:
        survey = self.open_survey(self.make_survey(open_link=False))
        for name in ("feedback:respond_open", "feedback:thanks_open"):
            with self.subTest(name):
                for key in (survey.public_key, "no-such-key"):
                    url = reverse(name, args=[key])
                    self.assertEqual(self.client.get(url).status_code, 404)
                    self.assertEqual(
                        self.client.post(url, {"page": "1", "nps": "9"}).status_code, 404
                    )
        self.assertFalse(Response.objects.exists())

    def test_the_open_link_form_sent_twice_keeps_one_response(self) -> None:
        survey = self.open_survey(self.make_survey(open_link=True))
        url = reverse("feedback:respond_open", args=[survey.public_key])
        attempt = self.attempt(url)
        self.client.post(url, {"page": "1", "nps": "9", "attempt": attempt})
        last_page = {"page": "2", "best": "Fast delivery", "attempt": attempt}
        self.client.post(url, last_page)
        again = self.client.post(url, last_page)  # a double click, or the page sent again
        self.assertRedirects(again, reverse("feedback:thanks_open", args=[survey.public_key]))
        response = Response.objects.get()
        self.assertEqual(services.response_answers(response), {"nps": 9, "best": "Fast delivery"})
        self.assertIsNotNone(response.submitted_at)

    def test_a_one_page_open_link_form_sent_twice_at_once_keeps_one_response(self) -> None:
        survey = self.open_survey(
            self.make_survey("touchpoint-csat", name="After delivery", open_link=True)
        )
        # both requests read the attempt before either stored anything
        first, second = (
            services.response_for_open_link(survey=survey, attempt="a" * 22, language="en")
            for _ in range(2)
        )
        for response, why in ((first, "Quick"), (second, "Quick!")):
            following, errors = services.response_save_page(
                response=response, page=1, data={"csat": ["5"], "why": [why]}
            )
            self.assertEqual((following, errors), (None, {}))
        response = Response.objects.get()
        self.assertEqual(services.response_answers(response), {"csat": 5, "why": "Quick!"})
        self.assertEqual(response.attempt, "a" * 22)

    def test_a_survey_without_an_open_link_refuses_it(self) -> None:
        survey = self.open_survey(self.make_survey())
        self.assertEqual(
            self.client.get(reverse("feedback:respond_open", args=[survey.public_key])).status_code,
            404,
        )

    def test_services_refuse_answers_to_a_closed_survey(self) -> None:
        survey = self.make_survey(open_link=True)
        response = services.response_for_open_link(survey=survey, attempt="", language="en")
        with self.assertRaises(PermissionDenied):
            services.response_save_page(response=response, page=1, data={"nps": ["5"]})


class JourneyTest(SurveyTestCase):
    def test_everyone_sees_the_journey_in_order(self) -> None:
        self.login(self.viewer)
        response = self.client.get(reverse("feedback:journey"))
        self.assertContains(response, "Shop")
        names = [stage.name for stage in response.context["stages"]]
        self.assertEqual(names[0], "Shop")
        self.assertEqual(names[-1], "Dispose")

    def test_a_cx_lead_renames_a_stage_and_adds_a_touchpoint(self) -> None:
        stage = JourneyStage.objects.get(organisation=self.org, name="Use")
        self.login(self.cx_lead)
        self.client.post(
            reverse("feedback:journey_stage_edit", args=[stage.pk]),
            {"name": "Use and support", "position": 3},
        )
        self.client.post(
            reverse("feedback:touchpoint_create"), {"name": "Help centre", "stage": stage.pk}
        )
        stage.refresh_from_db()
        self.assertEqual(stage.name, "Use and support")
        self.assertEqual(list(stage.touchpoints.values_list("name", flat=True)), ["Help centre"])

    def test_stage_names_are_unique(self) -> None:
        self.login(self.cx_lead)
        response = self.client.post(
            reverse("feedback:journey_stage_create"), {"name": "Shop", "position": 9}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("__all__", response.context["form"].errors)

    def test_a_new_stage_is_offered_the_place_after_the_last(self) -> None:
        self.login(self.cx_lead)
        last = JourneyStage.objects.filter(organisation=self.org).order_by("position").last()
        assert last is not None
        form = self.client.get(reverse("feedback:journey_stage_create")).context["form"]
        self.assertEqual(form["position"].value(), last.position + 1)

    def test_members_cannot_change_the_journey(self) -> None:
        stage = JourneyStage.objects.get(organisation=self.org, name="Use")
        self.login(self.owner)
        self.assertEqual(
            self.client.post(
                reverse("feedback:journey_stage_edit", args=[stage.pk]),
                {"name": "X", "position": 1},
            ).status_code,
            403,
        )
        self.assertEqual(
            self.client.post(reverse("feedback:touchpoint_create"), {"name": "X"}).status_code, 403
        )

    def test_another_organisations_stage_is_not_found(self) -> None:
        stage = JourneyStage.objects.get(organisation=self.org, name="Use")
        self.login(self.stranger)
        self.assertEqual(
            self.client.get(reverse("feedback:journey_stage_edit", args=[stage.pk])).status_code,
            404,
        )


class QuestionEditingTest(SurveyTestCase):
    def setUp(self) -> None:
        self.survey = self.make_survey("touchpoint-csat", name="After delivery")
        self.add_url = reverse("feedback:question_create", args=[self.survey.pk])

    def test_a_cx_lead_adds_a_choice_question_in_both_languages(self) -> None:
        self.login(self.cx_lead)
        response = self.client.post(
            self.add_url,
            {
                "kind": "single",
                "text_en": "How did it arrive?",
                "text_de": "Wie kam es an?",
                "required": "on",
                "page": 1,
                "options": "On time | Pünktlich\nLate | Verspätet",
            },
        )
        self.assertRedirects(response, reverse("feedback:survey_detail", args=[self.survey.pk]))
        question = self.survey.questions.get(key="how_did_it_arrive")
        self.assertEqual([option["value"] for option in question.options], ["on-time", "late"])
        self.assertEqual(question.options[1]["label"]["de"], "Verspätet")
        self.assertEqual(question.position, 2)

    def test_a_follow_up_depends_on_a_score_on_an_earlier_page(self) -> None:
        self.login(self.cx_lead)
        response = self.add_follow_up()
        self.assertEqual(response.status_code, 302)
        question = self.survey.questions.get(key="what_went_wrong")
        self.assertEqual(question.show_if, {"question": "csat", "max": 2})
        same_page = self.client.post(
            self.add_url,
            {
                "kind": "text",
                "text_en": "Tell us more",
                "page": 1,
                "follows": "csat",
                "show_max": 2,
            },
        )
        self.assertContains(same_page, "A follow-up depends on a question on an earlier page.")

    def test_a_choice_question_needs_options(self) -> None:
        self.login(self.cx_lead)
        response = self.client.post(
            self.add_url,
            {"kind": "multiple", "text_en": "Which?", "page": 1, "options": "Only one"},
        )
        self.assertContains(response, "at least two options")

    def test_questions_move_and_delete_while_the_survey_is_a_draft(self) -> None:
        self.login(self.cx_lead)
        why = self.survey.questions.get(key="why")
        change = reverse("feedback:question_change", args=[self.survey.pk, why.pk])
        self.client.post(change, {"action": "up"})
        self.assertEqual(list(self.survey.questions.values_list("key", flat=True)), ["why", "csat"])
        self.client.post(change, {"action": "delete"})
        self.assertEqual(list(self.survey.questions.values_list("key", flat=True)), ["csat"])

    def test_questions_are_fixed_once_the_survey_opens(self) -> None:
        self.open_survey(self.survey)
        self.login(self.cx_lead)
        self.assertEqual(
            self.client.get(self.add_url).status_code, 200
        )  # the form shows, saving is refused
        response = self.client.post(
            self.add_url, {"kind": "text", "text_en": "Late addition", "page": 1}
        )
        self.assertEqual(response.status_code, 403)
        self.assertFalse(self.survey.questions.filter(key="late_addition").exists())

    def test_members_cannot_edit_questions(self) -> None:
        self.login(self.owner)
        self.assertEqual(self.client.get(self.add_url).status_code, 403)
        why = self.survey.questions.get(key="why")
        change = reverse("feedback:question_change", args=[self.survey.pk, why.pk])
        self.assertEqual(self.client.post(change, {"action": "delete"}).status_code, 403)
        self.assertTrue(self.survey.questions.filter(key="why").exists())

    def test_another_organisations_question_is_not_found(self) -> None:
        why = self.survey.questions.get(key="why")
        self.login(self.stranger)
        self.assertEqual(
            self.client.get(
                reverse("feedback:question_edit", args=[self.survey.pk, why.pk])
            ).status_code,
            404,
        )

    def test_questions_whose_wording_starts_alike_get_keys_of_their_own(self) -> None:
        self.login(self.cx_lead)
        start = "How satisfied were you with the delivery of your order "
        for ending in ("last week?", "last month?", "last year?"):
            self.client.post(self.add_url, {"kind": "text", "text_en": start + ending, "page": 1})
        keys = list(self.survey.questions.values_list("key", flat=True))
        self.assertEqual(len(keys), 5)
        self.assertEqual(len(set(keys)), 5)
        self.assertIn("how_satisfied_were_you_with_the_delive_2", keys)
        self.assertTrue(all(len(key) <= 40 for key in keys))

    def test_a_question_others_follow_up_on_stays_a_score_on_an_earlier_page(self) -> None:
        self.login(self.cx_lead)
        self.add_follow_up()
        csat = self.survey.questions.get(key="csat")
        edit = reverse("feedback:question_edit", args=[self.survey.pk, csat.pk])
        unchanged = {"text_en": "How satisfied were you?", "required": "on"}
        as_text = self.client.post(edit, {**unchanged, "kind": "text", "page": 1})
        self.assertContains(as_text, "“What went wrong?” follows up on this question")
        later = self.client.post(edit, {**unchanged, "kind": "csat", "page": 2})
        self.assertContains(later, "“What went wrong?” follows up on this question")
        csat.refresh_from_db()
        self.assertEqual((csat.kind, csat.page), ("csat", 1))
        reworded = self.client.post(edit, {**unchanged, "kind": "csat", "page": 1})
        self.assertEqual(reworded.status_code, 302)

    def test_a_follow_up_that_could_never_show_is_refused(self) -> None:
        self.login(self.cx_lead)
        follow_up = {"kind": "text", "text_en": "Why so?", "page": 2, "follows": "csat"}
        crossed = self.client.post(self.add_url, {**follow_up, "show_min": 5, "show_max": 2})
        self.assertContains(crossed, "“At most” (2) is below “at least” (5)")
        off_the_scale = self.client.post(self.add_url, {**follow_up, "show_min": 6})
        self.assertContains(off_the_scale, "“At least” must be a score from 1 to 5")
        self.assertFalse(self.survey.questions.filter(key="why_so").exists())

    def test_a_follow_ups_scores_lie_on_the_scale_of_the_question_it_follows(self) -> None:
        self.login(self.cx_lead)
        follow_up = {"kind": "text", "text_en": "Why so?", "page": 2, "follows": "csat"}
        scale = "a score from 1 to 5, the scale of “How satisfied were you with this experience?”"
        beyond = self.client.post(self.add_url, {**follow_up, "show_min": 4, "show_max": 9})
        self.assertEqual(
            beyond.context["form"].errors,
            {"show_max": [f"“At most” must be {scale}; 9 is not on it."]},
        )
        below = self.client.post(self.add_url, {**follow_up, "show_min": 0})
        self.assertEqual(
            below.context["form"].errors,
            {"show_min": [f"“At least” must be {scale}; 0 is not on it."]},
        )
        backwards = self.client.post(self.add_url, {**follow_up, "show_min": 4, "show_max": 2})
        self.assertEqual(
            backwards.context["form"].errors,
            {
                "show_max": [
                    "“At most” (2) is below “at least” (4): the scores that show a follow-up "
                    "run from a lower to a higher number."
                ]
            },
        )
        self.assertFalse(self.survey.questions.filter(key="why_so").exists())
        accepted = self.client.post(self.add_url, {**follow_up, "show_min": 4, "show_max": 5})
        self.assertEqual(accepted.status_code, 302)
        self.assertEqual(
            self.survey.questions.get(key="why_so").show_if,
            {"question": "csat", "min": 4, "max": 5},
        )

    def test_the_service_refuses_a_follow_up_off_the_scale_by_its_field(self) -> None:
        values = {"kind": "text", "text": {"en": "Why so?"}, "page": 2}
        for condition, field in (
            ({"question": "csat", "min": 4, "max": 9}, "show_max"),
            ({"question": "csat", "min": -1}, "show_min"),
            ({"question": "csat", "min": 5, "max": 4}, "show_max"),
        ):
            with self.subTest(condition=condition), self.assertRaises(ValidationError) as refused:
                editing.question_save(
                    actor=self.cx_lead, survey=self.survey, values={**values, "show_if": condition}
                )
            self.assertEqual(list(refused.exception.message_dict), [field])

    def keys(self) -> list[str]:
        return list(self.survey.questions.values_list("key", flat=True))

    def add_follow_up(self) -> Any:
        """“What went wrong?” on page 2, for a CSAT of at most 2 on page 1."""
        return self.client.post(
            self.add_url,
            {
                "kind": "text",
                "text_en": "What went wrong?",
                "page": 2,
                "follows": "csat",
                "show_max": 2,
            },
        )

    def move(self, key: str, action: str) -> Any:
        question = self.survey.questions.get(key=key)
        url = reverse("feedback:question_change", args=[self.survey.pk, question.pk])
        return self.client.post(url, {"action": action}, follow=True)

    def test_a_question_does_not_move_before_one_on_an_earlier_page(self) -> None:
        self.login(self.cx_lead)
        self.add_follow_up()
        self.assertEqual(self.keys(), ["csat", "why", "what_went_wrong"])
        up = self.move("what_went_wrong", "up")
        self.assertContains(
            up,
            "“What went wrong?” is the first question on page 2, and page 1 comes before it. "
            "To move it to page 1, edit it and change its page.",
        )
        down = self.move("why", "down")
        self.assertContains(
            down,
            "“What made you give this score?” is the last question on page 1, and page 2 comes "
            "after it. To move it to page 2, edit it and change its page.",
        )
        self.assertEqual(self.keys(), ["csat", "why", "what_went_wrong"])
        self.move("csat", "down")  # within page 1
        self.assertEqual(self.keys(), ["why", "csat", "what_went_wrong"])

    def test_a_follow_up_does_not_move_before_the_question_it_depends_on(self) -> None:
        self.login(self.cx_lead)
        self.add_follow_up()
        self.move("csat", "down")
        refused = self.move("what_went_wrong", "up")
        self.assertContains(
            refused,
            "“What went wrong?” is the first question on page 2, and page 1 comes before it. It "
            "follows up on “How satisfied were you with this experience?”, so it stays after it.",
        )
        self.assertEqual(self.keys(), ["why", "csat", "what_went_wrong"])
        page = self.client.get(self.survey.get_absolute_url())
        self.assertEqual(
            [question.key for question in page.context["questions"]],
            ["why", "csat", "what_went_wrong"],
        )

    def test_a_question_added_to_an_earlier_page_goes_at_the_end_of_that_page(self) -> None:
        self.login(self.cx_lead)
        self.add_follow_up()
        self.client.post(self.add_url, {"kind": "text", "text_en": "Anything else?", "page": 1})
        self.assertEqual(self.keys(), ["csat", "why", "anything_else", "what_went_wrong"])
        anything_else = self.survey.questions.get(key="anything_else")
        edit = reverse("feedback:question_edit", args=[self.survey.pk, anything_else.pk])
        self.client.post(edit, {"kind": "text", "text_en": "Anything else?", "page": 3})
        self.assertEqual(self.keys(), ["csat", "why", "what_went_wrong", "anything_else"])

    def test_a_question_added_without_german_wording_is_named_as_such_not_given_the_english(
        self,
    ) -> None:
        self.login(self.cx_lead)
        self.client.post(
            self.add_url,
            {
                "kind": "single",
                "text_en": "Anything else?",
                "page": 1,
                "options": "Yes\nNo | Nein",
            },
        )
        question = self.survey.questions.get(key="anything_else")
        self.assertEqual(question.text, {"en": "Anything else?"})
        self.assertEqual(
            [option["label"] for option in question.options],
            [{"en": "Yes"}, {"en": "No", "de": "Nein"}],
        )
        self.assertContains(
            self.client.get(self.survey.get_absolute_url()), "1 question has no wording in German"
        )
        edit = reverse("feedback:question_edit", args=[self.survey.pk, question.pk])
        self.assertContains(self.client.get(edit), 'name="text_de" maxlength="500" id="id_text_de"')
        # a German respondent reads it in English, the option in German where it has some
        self.open_survey(self.survey)
        (invitation,), _ = services.invitations_create(
            actor=self.cx_lead, survey=self.survey, contacts=[self.contact]
        )
        page = self.client.get(reverse("feedback:respond", args=[invitation.token]) + "?lang=de")
        self.assertContains(page, "Anything else?")
        self.assertContains(page, "Nein")

    def test_the_survey_page_says_when_each_follow_up_is_asked(self) -> None:
        self.login(self.cx_lead)
        self.add_follow_up()
        page = self.client.get(self.survey.get_absolute_url())
        self.assertContains(
            page, "· follow-up after “How satisfied were you with this experience?” is at most 2"
        )

    def test_the_required_box_is_not_called_optional(self) -> None:
        self.login(self.cx_lead)
        page = self.client.get(self.add_url)
        self.assertContains(page, "An answer is required</label>")
        self.assertNotContains(page, "An answer is required <span")
