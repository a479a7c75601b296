"""Closing the loop on the customer's terms: by the channel they prefer (a call, a chat, a
meeting recorded as the closing event, with the re-survey still emailed so that recovery is
measured), and with a warning when the closing message would mix two languages."""

from __future__ import annotations

import html
import json
from typing import Any

from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from centric.cases import services
from centric.cases.measures import case_measures
from centric.cases.models import Case, CaseEvent, RootCause
from centric.cases.routing import responses_route
from centric.cases.tests.helpers import detractor_rule, feedback
from centric.core import clock
from centric.customers.models import Customer
from centric.feedback.services import response_for_invitation
from centric.people.services import api_token_create
from tests.personas import PersonasTestCase

State = Case.State
MIXED = (
    "The resolution is written in English; the message is in Japanese: rewrite that part in "
    "Japanese before sending."
)


class ClosingTestCase(PersonasTestCase):
    acme: Customer
    url: str

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.acme = Customer.objects.get(account=cls.account)
        detractor_rule(cls.org.pk)

    def resolved_case(
        self, resolution: str = "We refunded the second charge.", **contact: Any
    ) -> Case:
        """A case opened by Carla's detractor score (Carla as ``contact`` says), resolved with
        ``resolution``."""
        for field, value in contact.items():
            setattr(self.contact, field, value)
        self.contact.save()
        response = feedback(customer=self.acme, contact=self.contact, score=3)
        responses_route(response_ids=[response.pk])
        case = Case.objects.get(response=response)
        services.case_record_cause(
            actor=self.owner,
            case=case,
            root_cause=RootCause.objects.get(organisation=self.org, name="Billing error"),
            resolution=resolution,
        )
        self.url = reverse("cases:case_detail", args=[case.pk])
        resolved = services.case_transition(actor=self.owner, case=case, state=State.RESOLVED)
        mail.outbox.clear()  # the owner heard of the case; only mail to the customer counts
        return resolved

    def answer_resurvey(self, case: Case, score: int) -> None:
        case.refresh_from_db()
        assert case.resurvey is not None
        answer = response_for_invitation(invitation=case.resurvey)
        answer.score, answer.score_type, answer.submitted_at = score, "nps", clock.now()
        answer.save()


class CloseLoopOnChannelTests(ClosingTestCase):
    def test_a_call_closes_the_loop_with_what_was_said_as_the_closing_event(self) -> None:
        case = self.resolved_case(preferred_channel="phone")
        said = "Called Carla: explained the refund. She was relieved and will stay."
        with self.captureOnCommitCallbacks(execute=True):
            services.case_close_loop_on_channel(
                actor=self.owner, case=case, channel="phone", note=f"  {said}\n", resurvey=False
            )
        case.refresh_from_db()
        self.assertEqual(case.state, State.CLOSED)
        self.assertIsNotNone(case.closed_at)
        closing = case.events.get(kind=CaseEvent.Kind.LOOP_CLOSED)
        self.assertEqual((closing.actor, closing.text), (self.owner, said))
        self.assertEqual(closing.data, {"channel": "phone", "resurvey": False})
        # it is the last word before the case closed
        kinds = list(case.events.values_list("kind", flat=True))
        self.assertEqual(kinds[-2:], [CaseEvent.Kind.LOOP_CLOSED, CaseEvent.Kind.STATE])
        self.assertIsNone(case.resurvey)
        self.assertEqual(mail.outbox, [])

    def test_the_re_survey_is_emailed_by_default_in_their_language_and_measures_recovery(
        self,
    ) -> None:
        case = self.resolved_case(
            "Wir haben die doppelte Abbuchung erstattet.", preferred_channel="chat", language="de"
        )
        with self.captureOnCommitCallbacks(execute=True):
            services.case_close_loop_on_channel(
                actor=self.owner,
                case=case,
                channel="chat",
                note="Im Chat erklärt; sie ist zufrieden.",
            )
        case.refresh_from_db()
        invitation = case.resurvey
        assert invitation is not None
        self.assertEqual((invitation.email, invitation.language), ("carla@acme.example", "de"))
        (message,) = mail.outbox
        self.assertEqual(message.to, ["carla@acme.example"])
        # a subject of its own: it asks how we did, and reports nothing done
        self.assertEqual(message.subject, "Wie zufrieden sind Sie mit uns?")
        self.assertTrue(
            message.body.startswith("Guten Tag Carla,\n\nWie zufrieden sind Sie jetzt mit uns?")
        )
        self.assertIn(f"/r/{invitation.token}/", message.body)
        self.assertTrue(message.from_email.startswith("Northwind <"))
        closing = case.events.get(kind=CaseEvent.Kind.LOOP_CLOSED)
        self.assertEqual(
            closing.data, {"channel": "chat", "resurvey": True, "to": "carla@acme.example"}
        )
        self.assertIsNone(case.recovered)
        self.answer_resurvey(case, 9)
        case.refresh_from_db()
        self.assertTrue(case.recovered)

    def test_a_japanese_customer_is_invited_again_in_japanese_by_family_name(self) -> None:
        case = self.resolved_case(
            "二重請求分を返金いたしました。",
            preferred_channel="phone",
            language="ja",
            last_name="Tanaka",
        )
        with self.captureOnCommitCallbacks(execute=True):
            services.case_close_loop_on_channel(
                actor=self.owner, case=case, channel="phone", note="お電話でご説明しました。"
            )
        (message,) = mail.outbox
        self.assertTrue(message.body.startswith("Tanaka様\n\nよろしければ"))

    def test_it_needs_a_note_and_a_channel_other_than_email(self) -> None:
        case = self.resolved_case()
        for channel, note, field in (
            ("phone", "   ", "note"),
            ("email", "Wrote to her.", "channel"),
            ("pigeon", "Sent a bird.", "channel"),
        ):
            with (
                self.subTest(channel=channel),
                self.captureOnCommitCallbacks(execute=True),
                self.assertRaises(ValidationError) as refused,
            ):
                services.case_close_loop_on_channel(
                    actor=self.owner, case=case, channel=channel, note=note
                )
            self.assertIn(field, refused.exception.message_dict)
        case.refresh_from_db()
        self.assertEqual(case.state, State.RESOLVED)
        self.assertFalse(case.events.filter(kind=CaseEvent.Kind.LOOP_CLOSED).exists())
        self.assertEqual(mail.outbox, [])

    def test_the_loop_closes_only_once_resolved_and_only_by_those_who_work_the_case(
        self,
    ) -> None:
        case = self.resolved_case()
        services.case_transition(actor=self.owner, case=case, state=State.IN_PROGRESS)
        with self.assertRaisesMessage(ValidationError, "Resolve the case before closing the loop"):
            services.case_close_loop_on_channel(
                actor=self.owner, case=case, channel="phone", note="Called."
            )
        services.case_transition(actor=self.owner, case=case, state=State.RESOLVED)
        for person in (self.viewer, self.outsider, self.stranger):
            with self.subTest(person=person.email), self.assertRaises(PermissionDenied):
                services.case_close_loop_on_channel(
                    actor=person, case=case, channel="phone", note="Called."
                )
        self.assertEqual(Case.objects.get(pk=case.pk).state, State.RESOLVED)

    def test_without_an_address_the_loop_closes_without_a_re_survey(self) -> None:
        case = self.resolved_case()
        Case.objects.filter(pk=case.pk).update(contact=None)
        case.refresh_from_db()
        with self.assertRaisesMessage(ValidationError, "no address to send the re-survey to"):
            services.case_close_loop_on_channel(
                actor=self.owner, case=case, channel="meeting", note="Met.", resurvey=True
            )
        with self.captureOnCommitCallbacks(execute=True):
            services.case_close_loop_on_channel(
                actor=self.owner, case=case, channel="meeting", note="Met at their office."
            )
        case.refresh_from_db()
        self.assertEqual((case.state, case.resurvey), (State.CLOSED, None))
        self.assertEqual(mail.outbox, [])

    def test_the_measures_count_a_loop_closed_by_phone_as_one_closed_by_email(self) -> None:
        by_email = self.resolved_case()
        draft = services.closing_draft(case=by_email, sender=self.owner)
        assert draft is not None
        services.case_close_loop(
            actor=self.owner, case=by_email, subject=draft.subject, body=draft.body, resurvey=True
        )
        by_phone = self.resolved_case(preferred_channel="phone")
        services.case_close_loop_on_channel(
            actor=self.owner, case=by_phone, channel="phone", note="Called; she is happy now."
        )
        self.answer_resurvey(by_email, 2)  # lower than the 3 before
        self.answer_resurvey(by_phone, 9)
        total = case_measures(actor=self.owner).total
        self.assertEqual(total.to_close.n, 2)
        self.assertEqual((total.recovered.hits, total.recovered.n), (1, 2))


class LanguageWarningTests(ClosingTestCase):
    def test_an_english_resolution_in_a_japanese_message_is_pointed_out(self) -> None:
        case = self.resolved_case("We refunded the second charge.", language="ja")
        draft = services.closing_draft(case=case, sender=self.owner)
        assert draft is not None
        self.assertEqual(draft.language, "ja")
        self.assertEqual(draft.language_warning, MIXED)

    def test_a_resolution_in_the_message_s_language_is_not(self) -> None:
        for resolution, language in (
            ("二重請求分を返金いたしました。", "ja"),
            ("Wir haben die doppelte Abbuchung erstattet.", "de"),
            ("We refunded the second charge.", "en"),
            # no Latin letter and no kana: the engine cannot tell, so nothing is said
            ("二重請求分返金", "ja"),
        ):
            with self.subTest(resolution=resolution):
                Case.objects.all().delete()
                case = self.resolved_case(resolution, language=language)
                draft = services.closing_draft(case=case, sender=self.owner)
                assert draft is not None
                self.assertEqual(draft.language_warning, "")

    def test_a_german_resolution_in_an_english_message_is_named(self) -> None:
        case = self.resolved_case("Wir haben die doppelte Abbuchung erstattet.")
        draft = services.closing_draft(case=case, sender=self.owner)
        assert draft is not None
        self.assertEqual(
            draft.language_warning,
            "The resolution is written in German; the message is in English: rewrite that part "
            "in English before sending.",
        )

    def test_the_card_warns_above_the_message_and_the_message_still_goes(self) -> None:
        case = self.resolved_case("We refunded the second charge.", language="ja")
        self.login(self.owner)
        page = html.unescape(self.client.get(self.url).content.decode())
        self.assertIn(MIXED, page)
        self.assertLess(page.index(MIXED), page.index('name="body"'))
        with self.captureOnCommitCallbacks(execute=True):
            sent = self.client.post(
                reverse("cases:case_close", args=[case.pk]),
                {
                    "subject": "ご意見への対応",
                    "body": "We refunded the second charge.",
                    "resurvey": "",
                },
            )
        self.assertRedirects(sent, self.url)
        self.assertEqual(Case.objects.get(pk=case.pk).state, State.CLOSED)
        self.assertEqual(len(mail.outbox), 1)

    def test_no_warning_when_the_languages_agree(self) -> None:
        self.resolved_case("二重請求分を返金いたしました。", language="ja")
        self.login(self.owner)
        page = self.client.get(self.url)
        self.assertNotContains(page, "The resolution is written in")


class CloseCardTests(ClosingTestCase):
    def card(self) -> str:
        self.login(self.owner)
        page = self.client.get(self.url).content.decode()
        start = page.index('id="close-h"')
        return page[start : page.index("</section>", start)]

    def test_a_customer_who_prefers_the_phone_is_offered_the_record_of_a_call_first(
        self,
    ) -> None:
        self.resolved_case(preferred_channel="phone", language="de")
        card = self.card()
        self.assertIn("Carla prefers <strong>phone</strong>, in German.", card)
        self.assertLess(card.index('name="by_word-note"'), card.index('name="body"'))
        self.assertIn(">By phone, chat or in a meeting</h4>", card)
        self.assertIn(">Or by email</h4>", card)  # the closing message is there too, under it
        self.assertRegex(card, r'value="phone"[^>]*checked')
        self.assertRegex(card, r'name="by_word-resurvey"[^>]*checked')
        self.assertIn("To carla@acme.example.", card)

    def test_a_meeting_is_what_a_customer_who_prefers_video_calls_is_offered(self) -> None:
        self.resolved_case(preferred_channel="video")
        card = self.card()
        self.assertIn("Carla prefers <strong>video call</strong>", card)
        self.assertRegex(card, r'value="meeting"[^>]*checked')

    def test_a_customer_who_prefers_email_is_offered_the_closing_message_first(self) -> None:
        self.resolved_case(preferred_channel="email")
        card = self.card()
        self.assertIn("Carla prefers <strong>email</strong>", card)
        self.assertLess(card.index('name="body"'), card.index('name="by_word-note"'))
        self.assertIn(">By email</h4>", card)
        self.assertIn(">Or by phone, chat or in a meeting</h4>", card)

    def test_without_an_address_the_record_is_offered_without_a_re_survey(self) -> None:
        case = self.resolved_case()
        Case.objects.filter(pk=case.pk).update(contact=None)
        card = self.card()
        self.assertIn('name="by_word-note"', card)
        self.assertNotIn('name="body"', card)
        self.assertNotIn('name="by_word-resurvey"', card)
        self.assertIn("There is no address to write to for this customer.", card)

    def test_the_owner_records_a_call_from_the_case_page(self) -> None:
        case = self.resolved_case(preferred_channel="phone")
        self.login(self.owner)
        with self.captureOnCommitCallbacks(execute=True):
            answer = self.client.post(
                reverse("cases:case_close", args=[case.pk]),
                {
                    "by_word-channel": "phone",
                    "by_word-note": "Called Carla; she thanked us for the refund.",
                    "by_word-resurvey": "on",
                },
                follow=True,
            )
        self.assertRedirects(answer, self.url)
        self.assertContains(
            answer,
            "Recorded: the loop was closed by phone, and the case is closed. The re-survey is on "
            "its way to carla@acme.example.",
        )
        self.assertContains(answer, "Loop closed</strong>")
        self.assertContains(answer, "— Phone, re-survey emailed to carla@acme.example")
        self.assertContains(answer, "Called Carla; she thanked us for the refund.")
        case.refresh_from_db()
        self.assertEqual(case.state, State.CLOSED)
        self.assertIsNotNone(case.resurvey)
        self.assertEqual(mail.outbox[0].to, ["carla@acme.example"])

    def test_unticking_the_re_survey_sends_nothing(self) -> None:
        case = self.resolved_case(preferred_channel="chat")
        self.login(self.owner)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                reverse("cases:case_close", args=[case.pk]),
                {"by_word-channel": "chat", "by_word-note": "Chatted; all good."},
            )
        case.refresh_from_db()
        self.assertEqual((case.state, case.resurvey), (State.CLOSED, None))
        self.assertEqual(mail.outbox, [])

    def test_a_record_without_a_note_is_refused_and_keeps_what_was_chosen(self) -> None:
        case = self.resolved_case(preferred_channel="email")
        self.login(self.owner)
        answer = self.client.post(
            reverse("cases:case_close", args=[case.pk]),
            {"by_word-channel": "meeting", "by_word-note": "", "by_word-resurvey": "on"},
        )
        self.assertEqual(answer.status_code, 422)
        page = answer.content.decode()
        self.assertIn("The closed loop was not recorded and the case was not closed", page)
        self.assertIn(
            "What you told them, and how they took it: This field is required.",
            html.unescape(page),
        )
        self.assertIn('href="#close-by-word-h"', page)  # the summary leads to the form
        self.assertRegex(page, r'value="meeting"[^>]*checked')
        self.assertEqual(Case.objects.get(pk=case.pk).state, State.RESOLVED)

    def test_viewers_cannot_record_a_closed_loop(self) -> None:
        case = self.resolved_case()
        self.login(self.viewer)
        answer = self.client.post(
            reverse("cases:case_close", args=[case.pk]),
            {"by_word-channel": "phone", "by_word-note": "Called."},
        )
        self.assertEqual(answer.status_code, 403)
        self.assertEqual(Case.objects.get(pk=case.pk).state, State.RESOLVED)


class CloseLoopApiTests(ClosingTestCase):
    def post(self, case: Case, user: object, body: object) -> Any:
        _, secret = api_token_create(user=user, name="test")  # type: ignore[arg-type]
        return self.client.post(
            f"/api/cases/{case.pk}/close-loop",
            json.dumps(body),
            content_type="application/json",
            headers={"Authorization": f"Bearer {secret}"},
        )

    def test_a_loop_closed_by_phone_is_recorded_through_the_api(self) -> None:
        case = self.resolved_case(preferred_channel="phone")
        with self.captureOnCommitCallbacks(execute=True):
            answer = self.post(
                case, self.owner, {"channel": "phone", "note": "Called; she is happy."}
            )
        self.assertEqual(answer.status_code, 200, answer.content)
        self.assertEqual(answer.json()["state"], "closed")
        case.refresh_from_db()
        self.assertIsNotNone(case.resurvey)  # she has an address: the re-survey went
        self.assertEqual(len(mail.outbox), 1)
        timeline = self.client.get(
            f"/api/cases/{case.pk}",
            headers={"Authorization": f"Bearer {api_token_create(user=self.owner, name='t')[1]}"},
        ).json()["events"]
        closing = next(event for event in timeline if event["kind"] == "loop_closed")
        self.assertEqual(closing["text"], "Called; she is happy.")
        self.assertEqual(closing["data"]["channel"], "phone")

    def test_the_api_names_the_field_that_is_wrong(self) -> None:
        case = self.resolved_case()
        for body, field in (
            ({"channel": "phone", "note": ""}, "note"),
            ({"channel": "email", "note": "Wrote."}, "channel"),
            ({"channel": "phone"}, "note"),
        ):
            with self.subTest(body=body):
                answer = self.post(case, self.owner, body)
                self.assertEqual(answer.status_code, 422, answer.content)
                self.assertEqual(answer.json()["detail"][0]["loc"][-1], field)
        Case.objects.filter(pk=case.pk).update(contact=None)
        answer = self.post(case, self.owner, {"channel": "phone", "note": "x", "resurvey": True})
        self.assertEqual(answer.status_code, 422, answer.content)
        self.assertEqual(answer.json()["detail"][0]["loc"], ["body", "resurvey"])
        self.assertEqual(Case.objects.get(pk=case.pk).state, State.RESOLVED)

    def test_viewers_are_refused_and_outsiders_do_not_see_the_case(self) -> None:
        case = self.resolved_case()
        body = {"channel": "phone", "note": "Called."}
        self.assertEqual(self.post(case, self.viewer, body).status_code, 403)
        self.assertEqual(self.post(case, self.outsider, body).status_code, 404)
        self.assertEqual(Case.objects.get(pk=case.pk).state, State.RESOLVED)

    def test_the_schema_documents_the_endpoint(self) -> None:
        self.login(self.viewer)
        paths = self.client.get("/api/openapi.json").json()["paths"]
        operation = paths["/api/cases/{case_id}/close-loop"]["post"]
        self.assertIn("phone, chat or in a meeting", operation["summary"])
        self.assertEqual(operation["tags"], ["cases"])
