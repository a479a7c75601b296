"""The re-survey after a closed loop respects the customer's wish to receive no more surveys:
never sent to an address that unsubscribed, however the loop is closed, the case page saying so
instead of offering it, the API refusing it by name; a re-survey mail can be unsubscribed from in
one click, as every survey mail; it asks how we did under a subject of its own; and replies to
what the owner sends reach the owner. Mail goes through Django's real SMTP backend to a server on
loopback."""

from __future__ import annotations

import html
import json
from email.header import decode_header, make_header
from email.message import Message
from typing import Any

from django.core import mail
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from centric.cases import services
from centric.cases.models import Case, CaseEvent
from centric.cases.tests.test_close_on_their_terms import ClosingTestCase
from centric.feedback.models import Invitation, OptOut
from centric.feedback.wording import SURVEY_LANGUAGES
from centric.people.services import api_token_create
from tests.smtp import LocalSmtpServer, message_part

State = Case.State
REFUSED = "carla@acme.example asked to receive no more surveys: no re-survey may go to them."


def header(message: Message, name: str) -> str:
    """A header as its reader sees it: decoded from its encoded words, unfolded."""
    return " ".join(str(make_header(decode_header(message[name]))).split())


class SmtpTestCase(ClosingTestCase):
    def setUp(self) -> None:
        self.smtp = LocalSmtpServer().__enter__()
        self.addCleanup(self.smtp.__exit__, None, None, None)
        mail_settings = override_settings(**self.smtp.settings())
        mail_settings.enable()
        self.addCleanup(mail_settings.disable)

    def to_carla(self) -> list[Message]:
        return [message for message in self.smtp.messages if message["To"] == self.contact.email]


class ResurveyMailTests(SmtpTestCase):
    def test_a_re_survey_asks_how_we_did_and_is_unsubscribed_from_in_one_click(self) -> None:
        case = self.resolved_case(preferred_channel="phone")
        with self.captureOnCommitCallbacks(execute=True):
            services.case_close_loop_on_channel(
                actor=self.owner, case=case, channel="phone", note="Called Carla."
            )
        case.refresh_from_db()
        assert case.resurvey is not None
        unsubscribe = f"http://testserver/r/{case.resurvey.token}/unsubscribe/"
        (message,) = self.to_carla()
        self.assertEqual(header(message, "Subject"), "How did we do?")
        self.assertEqual(header(message, "List-Unsubscribe"), f"<{unsubscribe}>")
        self.assertEqual(header(message, "List-Unsubscribe-Post"), "List-Unsubscribe=One-Click")
        self.assertEqual(header(message, "Reply-To"), f"{self.owner} <owner@northwind.example>")
        body = message_part(message, "text/plain")
        self.assertIn("Would you tell us how we did now? http://testserver/r/", body)
        self.assertTrue(body.endswith(f"Stop receiving surveys: {unsubscribe}\n"), body)
        # the mail program's button posts to the link, with no form token
        self.client.post(unsubscribe, {"List-Unsubscribe": "One-Click"})
        self.assertTrue(OptOut.objects.filter(organisation=self.org, email=self.contact.email))
        # and the next case of hers closes without one
        with self.assertRaisesMessage(ValidationError, REFUSED):
            services.case_close_loop_on_channel(
                actor=self.owner,
                case=self.resolved_case(),
                channel="phone",
                note="Called Carla again.",
                resurvey=True,
            )

    def test_each_language_s_re_survey_has_a_subject_of_its_own(self) -> None:
        self.assertEqual(set(services.RESURVEY_SUBJECTS), set(SURVEY_LANGUAGES))
        for language, (closing_subject, _) in services.CLOSING_TEMPLATES.items():
            with self.subTest(language=language):
                self.assertNotEqual(services.RESURVEY_SUBJECTS[language], closing_subject)
        self.assertEqual(
            services.SURVEY_LINK_LINE["de"].format(link="L"),
            "Wie zufrieden sind Sie jetzt mit uns? Sagen Sie es uns gern: L\n",
        )

    def test_the_resolution_field_says_the_customer_will_read_it(self) -> None:
        self.resolved_case()
        self.login(self.owner)
        self.assertContains(
            self.client.get(self.url),
            "What was done about it, in words for the customer: they will read it in the "
            "closing message.",
        )

    def test_replies_to_a_closing_message_reach_its_sender_or_the_organisation_s_address(
        self,
    ) -> None:
        case = self.resolved_case()
        self.login(self.owner)
        card = html.unescape(self.client.get(self.url).content.decode())
        self.assertIn(f"Replies go to {self.owner} <owner@northwind.example>.", card)
        with self.captureOnCommitCallbacks(execute=True):
            services.case_close_loop(
                actor=self.owner, case=case, subject="What we did", body="Done.", resurvey=False
            )
        (message,) = self.to_carla()
        self.assertEqual(header(message, "Reply-To"), f"{self.owner} <owner@northwind.example>")
        self.org.mail_reply_to = "care@northwind.example"
        self.org.save()
        case = self.resolved_case()
        card = self.client.get(self.url).content.decode()
        self.assertIn("Replies go to care@northwind.example.", card)
        with self.captureOnCommitCallbacks(execute=True):
            services.case_close_loop(
                actor=self.owner, case=case, subject="What we did", body="Done.", resurvey=False
            )
        self.assertEqual(header(self.to_carla()[-1], "Reply-To"), "care@northwind.example")


class OptedOutTests(SmtpTestCase):
    """Carla unsubscribed from a survey mail (her address stored as she was invited)."""

    def setUp(self) -> None:
        super().setUp()
        OptOut.objects.create(organisation=self.org, email="Carla@Acme.example")

    def test_no_re_survey_goes_however_the_loop_is_closed(self) -> None:
        case = self.resolved_case(language="fr")
        for close in (
            lambda: services.case_close_loop_on_channel(
                actor=self.owner, case=case, channel="phone", note="Called.", resurvey=True
            ),
            lambda: services.case_close_loop(
                actor=self.owner, case=case, subject="Réponse", body="Fait.", resurvey=True
            ),
        ):
            with self.assertRaises(ValidationError) as refused:
                close()
            self.assertEqual(refused.exception.message_dict, {"resurvey": [REFUSED]})
        self.assertEqual(Case.objects.get(pk=case.pk).state, State.RESOLVED)
        # the closing message goes without its line inviting to the re-survey
        draft = services.closing_draft(case=case, sender=self.owner)
        assert draft is not None
        with self.captureOnCommitCallbacks(execute=True):
            services.case_close_loop(
                actor=self.owner, case=case, subject=draft.subject, body=draft.body, resurvey=False
            )
        (message,) = self.to_carla()
        body = message_part(message, "text/plain")
        self.assertNotIn("Pourriez-vous nous dire", body)
        self.assertNotIn("/r/", body)
        self.assertFalse(Invitation.objects.exists())

    def test_a_loop_closed_by_phone_leaves_the_re_survey_out_unless_asked(self) -> None:
        case = self.resolved_case()
        with self.captureOnCommitCallbacks(execute=True):
            services.case_close_loop_on_channel(
                actor=self.owner, case=case, channel="phone", note="Called Carla."
            )
        case.refresh_from_db()
        self.assertEqual((case.state, case.resurvey), (State.CLOSED, None))
        closing = case.events.get(kind=CaseEvent.Kind.LOOP_CLOSED)
        self.assertEqual(closing.data, {"channel": "phone", "resurvey": False})
        self.assertEqual(self.to_carla(), [])

    def test_the_case_page_says_so_and_offers_no_re_survey(self) -> None:
        case = self.resolved_case(preferred_channel="phone")
        self.login(self.owner)
        page = self.client.get(self.url).content.decode()
        start = page.index('id="close-h"')
        card = page[start : page.index("</section>", start)]
        self.assertIn(REFUSED, card)
        self.assertNotIn('name="resurvey"', card)
        self.assertNotIn('name="by_word-resurvey"', card)
        self.assertIn('name="body"', card)  # the closing message still goes
        # a page loaded before she unsubscribed still ticks it: the message goes without it
        with self.captureOnCommitCallbacks(execute=True):
            answer = self.client.post(
                reverse("cases:case_close", args=[case.pk]),
                {"subject": "What we did", "body": "Done.\n\n{survey_link}", "resurvey": "on"},
            )
        self.assertRedirects(answer, self.url)
        case.refresh_from_db()
        self.assertEqual((case.state, case.resurvey), (State.CLOSED, None))
        (message,) = self.to_carla()
        self.assertEqual(message_part(message, "text/plain").strip(), "Done.")


class OptedOutApiTests(ClosingTestCase):
    def post(self, case: Case, body: object) -> Any:
        _, secret = api_token_create(user=self.owner, name="test")
        return self.client.post(
            f"/api/cases/{case.pk}/close-loop",
            json.dumps(body),
            content_type="application/json",
            headers={"Authorization": f"Bearer {secret}"},
        )

    def test_the_api_refuses_a_re_survey_by_name_and_leaves_it_out_unless_asked(self) -> None:
        OptOut.objects.create(organisation=self.org, email="carla@acme.example")
        case = self.resolved_case()
        answer = self.post(case, {"channel": "phone", "note": "Called.", "resurvey": True})
        self.assertEqual(answer.status_code, 422, answer.content)
        (error,) = answer.json()["detail"]
        self.assertEqual((error["loc"], error["msg"]), (["body", "resurvey"], REFUSED))
        self.assertEqual(Case.objects.get(pk=case.pk).state, State.RESOLVED)
        with self.captureOnCommitCallbacks(execute=True):
            answer = self.post(case, {"channel": "phone", "note": "Called."})
        self.assertEqual(answer.status_code, 200, answer.content)
        case.refresh_from_db()
        self.assertEqual((case.state, case.resurvey), (State.CLOSED, None))
        self.assertEqual(mail.outbox, [])
