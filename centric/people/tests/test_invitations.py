"""Inviting people: adding someone never fails on the mail, an admin can send the invitation
again (on the person's page or through the API), the People pages show who has not joined yet,
the mail says until when its link works, and "Forgotten your password?" sends a fresh invitation
to whoever has not joined. Mail goes through Django's real SMTP backend: to a local server, to a
port on loopback where nothing listens, or to one that never answers."""

from __future__ import annotations

import datetime as dt
import json
import re
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

from django.contrib.auth.views import PasswordResetView
from django.core import mail
from django.test import RequestFactory, override_settings
from django.urls import resolve, reverse

from centric.core.models import AuditEvent, Role
from centric.people.auth import InvitingPasswordResetForm
from centric.people.models import User
from centric.people.services import api_token_create, person_create
from tests.personas import PersonasTestCase
from tests.smtp import LocalSmtpServer, message_part


def _closed_port() -> int:
    """A port on loopback where no mail server listens: connecting to it is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


SMTP = {
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "127.0.0.1",
    "EMAIL_USE_TLS": False,
    "EMAIL_TIMEOUT": 1,
}
MAIL_DOWN = {**SMTP, "EMAIL_PORT": _closed_port()}


@contextmanager
def silent_mail_server() -> Iterator[dict[str, Any]]:
    """A server that takes connections and never says a word: the settings that point at it."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        yield {**SMTP, "EMAIL_PORT": int(server.getsockname()[1])}


NEW_PERSON = {
    "first_name": "Carl",
    "last_name": "Berg",
    "email": "carl@northwind.example",
    "role": Role.MEMBER,
    "language": "en",
    "time_zone": "Europe/Berlin",
}


class InvitationTestCase(PersonasTestCase):
    def invite(self, email: str = "carl@northwind.example") -> User:
        """Someone added by the admin, invited but not joined (mail to the in-memory outbox)."""
        person = person_create(actor=self.admin, values={**NEW_PERSON, "email": email})
        mail.outbox.clear()
        return person

    def api(self, method: str, path: str, user: User, body: object = None) -> Any:
        _, secret = api_token_create(user=user, name="test")
        call = getattr(self.client, method)
        return call(
            f"/api{path}",
            json.dumps(body or {}),
            content_type="application/json",
            headers={"Authorization": f"Bearer {secret}"},
        )


class AddingWhileMailIsDownTest(InvitationTestCase):
    @override_settings(**MAIL_DOWN)
    def test_a_person_is_added_and_the_admin_told_the_invitation_did_not_go(self) -> None:
        self.login(self.admin)
        with self.assertLogs("centric.people", "WARNING"):
            response = self.client.post(reverse("people:person_create"), NEW_PERSON, follow=True)
        carl = User.objects.get(email="carl@northwind.example")
        self.assertRedirects(response, reverse("people:person_detail", args=[carl.pk]))
        self.assertContains(response, "the invitation could not be sent")
        self.assertContains(response, "Send the invitation again")
        self.assertIsNone(carl.invited_at)
        self.assertFalse(carl.has_joined)

    def test_a_mail_server_that_never_answers_does_not_hold_the_page(self) -> None:
        self.login(self.admin)
        with silent_mail_server() as settings, override_settings(**settings):
            started = time.monotonic()
            with self.assertLogs("centric.people", "WARNING"):
                response = self.client.post(reverse("people:person_create"), NEW_PERSON)
        self.assertLess(time.monotonic() - started, 10)
        self.assertEqual(response.status_code, 302)
        self.assertIsNone(User.objects.get(email="carl@northwind.example").invited_at)

    @override_settings(**MAIL_DOWN)
    def test_the_api_adds_them_too_and_says_no_invitation_went(self) -> None:
        with self.assertLogs("centric.people", "WARNING"):
            response = self.api("post", "/people", self.admin, NEW_PERSON)
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual((response.json()["invited_at"], response.json()["joined"]), (None, False))


class InvitationMailTest(InvitationTestCase):
    def test_the_mail_names_who_invited_them_and_until_when_the_link_works(self) -> None:
        moment = dt.datetime(2026, 3, 9, 13, 5, tzinfo=dt.UTC)  # a Monday, 14:05 in Berlin
        with (
            LocalSmtpServer() as smtp,
            override_settings(**smtp.settings(), PASSWORD_RESET_TIMEOUT=3 * 24 * 3600),
            mock.patch("centric.core.clock.now", return_value=moment),
        ):
            self.admin.first_name, self.admin.last_name = "Ada", "Admin"
            self.admin.save()
            carl = person_create(actor=self.admin, values=NEW_PERSON)
        [message] = smtp.messages
        self.assertEqual(message["Subject"], "Ada Admin invited you to Northwind on Centric")
        body = message_part(message, "text/plain")
        self.assertIn("Ada Admin added you to Northwind on Centric", body)
        self.assertIn(
            "The link works once, until Thursday 12 March 2026, 14:05 (Europe/Berlin time).", body
        )
        self.assertIn("/reset/", body)
        carl.refresh_from_db()
        self.assertEqual(carl.invited_at, moment)


class PeoplePagesTest(InvitationTestCase):
    def test_the_people_list_shows_who_has_not_joined_yet(self) -> None:
        self.invite()
        self.login(self.admin)
        response = self.client.get(reverse("people:person_list"))
        self.assertContains(response, "Invited — not joined yet", count=1)
        row = re.search(r"Carl Berg</a>(.*?)</td>", response.content.decode(), re.S)
        assert row is not None
        self.assertIn("Invited — not joined yet (since", row.group(1))

    def test_a_person_who_has_signed_in_is_not_shown_as_invited(self) -> None:
        carl = self.invite()
        carl.set_password("chosen by Carl himself")
        carl.save()
        self.login(self.admin)
        self.assertNotContains(self.client.get(reverse("people:person_list")), "not joined")
        self.assertNotContains(
            self.client.get(reverse("people:person_detail", args=[carl.pk])), "not joined"
        )

    def test_the_person_page_says_until_when_the_link_works_and_offers_it_again(self) -> None:
        carl = self.invite()
        self.login(self.admin)
        response = self.client.get(reverse("people:person_detail", args=[carl.pk]))
        self.assertContains(response, "Invited — not joined yet")
        self.assertContains(response, "its link works until")
        self.assertContains(response, "Send the invitation again")

    def test_an_expired_link_is_said_to_have_expired(self) -> None:
        carl = self.invite()
        User.objects.filter(pk=carl.pk).update(invited_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
        self.login(self.admin)
        response = self.client.get(reverse("people:person_detail", args=[carl.pk]))
        self.assertContains(response, "its link expired on")

    def test_only_admins_are_offered_to_send_it_again(self) -> None:
        carl = self.invite()
        self.team.members.add(carl)
        for person in (self.cx_lead, self.owner):
            self.login(person)
            response = self.client.get(reverse("people:person_detail", args=[carl.pk]))
            self.assertContains(response, "Invited — not joined yet")
            self.assertNotContains(response, "Send the invitation again")


class ResendOnThePageTest(InvitationTestCase):
    def test_an_admin_sends_the_invitation_again_and_it_is_audited(self) -> None:
        carl = self.invite()
        self.login(self.admin)
        url = reverse("people:person_invitation_resend", args=[carl.pk])
        self.assertEqual(self.client.get(url).status_code, 405)
        response = self.client.post(url, follow=True)
        self.assertRedirects(response, reverse("people:person_detail", args=[carl.pk]))
        self.assertContains(response, "A new invitation is on its way to carl@northwind.example")
        self.assertEqual([message.to for message in mail.outbox], [["carl@northwind.example"]])
        event = AuditEvent.objects.filter(object_type="person", action="update").latest("id")
        self.assertEqual((event.actor, list(event.changes)), (self.admin, ["invited_at"]))

    def test_no_one_but_an_admin_may_send_it(self) -> None:
        carl = self.invite()
        self.team.members.add(carl)
        url = reverse("people:person_invitation_resend", args=[carl.pk])
        for person in (self.cx_lead, self.owner, self.viewer):
            self.login(person)
            self.assertEqual(self.client.post(url).status_code, 403)
        self.login(self.stranger)
        self.assertEqual(self.client.post(url).status_code, 404)
        self.assertEqual(mail.outbox, [])

    def test_someone_who_has_joined_is_not_invited_again(self) -> None:
        self.login(self.admin)
        response = self.client.post(
            reverse("people:person_invitation_resend", args=[self.teammate.pk]), follow=True
        )
        self.assertContains(response, "has already joined")
        self.assertEqual(mail.outbox, [])

    @override_settings(**MAIL_DOWN)
    def test_a_failed_resend_says_so_and_records_nothing(self) -> None:
        carl = self.invite()
        self.login(self.admin)
        with self.assertLogs("centric.people", "WARNING"):
            response = self.client.post(
                reverse("people:person_invitation_resend", args=[carl.pk]), follow=True
            )
        self.assertContains(response, "The invitation could not be sent")
        carl.refresh_from_db()
        self.assertIsNone(carl.invited_at)


class ResendThroughTheApiTest(InvitationTestCase):
    def test_an_admin_sends_it_again(self) -> None:
        carl = self.invite()
        response = self.api("post", f"/people/{carl.pk}/invitation", self.admin)
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["joined"], False)
        self.assertIsNotNone(response.json()["invited_at"])
        self.assertEqual(len(mail.outbox), 1)
        self.assertTrue(
            AuditEvent.objects.filter(
                object_type="person", object_id=str(carl.pk), actor=self.admin
            ).exists()
        )

    def test_others_are_refused(self) -> None:
        carl = self.invite()
        self.team.members.add(carl)
        for person in (self.cx_lead, self.owner, self.viewer):
            response = self.api("post", f"/people/{carl.pk}/invitation", person)
            self.assertEqual(response.status_code, 403, person.email)
        response = self.api("post", f"/people/{carl.pk}/invitation", self.stranger)
        self.assertEqual(response.status_code, 404)
        self.assertEqual(mail.outbox, [])

    def test_someone_who_has_joined_is_a_422(self) -> None:
        response = self.api("post", f"/people/{self.teammate.pk}/invitation", self.admin)
        self.assertEqual(response.status_code, 422)
        self.assertIn("has already joined", response.json()["detail"])
        self.assertEqual(mail.outbox, [])

    @override_settings(**MAIL_DOWN)
    def test_a_mail_server_that_refuses_it_is_a_503(self) -> None:
        carl = self.invite()
        with self.assertLogs("centric.people", "WARNING"):
            response = self.api("post", f"/people/{carl.pk}/invitation", self.admin)
        self.assertEqual(response.status_code, 503)
        self.assertIn("could not be sent", response.json()["detail"])


class ForgottenPasswordTest(InvitationTestCase):
    """Through Django's password-reset view with Centric's form (config/urls.py's
    ``password_reset``)."""

    def ask(self, email: str) -> Any:
        request = RequestFactory().post("/password_reset/", {"email": email})
        request._dont_enforce_csrf_checks = True  # type: ignore[attr-defined]
        view = resolve(reverse("password_reset")).func  # as config/urls.py makes it
        self.assertIs(view.view_class, PasswordResetView)  # type: ignore[attr-defined]
        self.assertIs(view.view_initkwargs["form_class"], InvitingPasswordResetForm)  # type: ignore[attr-defined]
        return view(request)

    def test_someone_not_joined_gets_a_fresh_invitation(self) -> None:
        carl = self.invite()
        response = self.ask("Carl@Northwind.example")
        self.assertEqual(response["Location"], reverse("password_reset_done"))
        [message] = mail.outbox
        self.assertEqual(message.to, ["carl@northwind.example"])
        self.assertEqual(message.subject, "Your invitation to Northwind on Centric")
        self.assertIn("You have been added to Northwind on Centric", message.body)
        carl.refresh_from_db()
        self.assertIsNotNone(carl.invited_at)

    def test_it_answers_the_same_for_an_address_that_is_nobodys(self) -> None:
        self.invite()
        answers = [self.ask(email) for email in ("carl@northwind.example", "no@northwind.example")]
        self.assertEqual(
            [(answer.status_code, answer["Location"]) for answer in answers],
            [(302, reverse("password_reset_done"))] * 2,
        )
        self.assertEqual(len(mail.outbox), 1)

    def test_someone_who_has_joined_gets_the_reset_link_not_an_invitation(self) -> None:
        self.ask("owner@northwind.example")
        [message] = mail.outbox
        self.assertNotIn("invitation", message.subject.lower())

    def test_someone_deactivated_gets_nothing(self) -> None:
        carl = self.invite()
        User.objects.filter(pk=carl.pk).update(is_active=False)
        self.ask("carl@northwind.example")
        self.assertEqual(mail.outbox, [])

    @override_settings(**MAIL_DOWN)
    def test_a_mail_server_that_is_down_still_gives_the_same_page(self) -> None:
        self.invite()
        with self.assertLogs("centric.people", "WARNING"):
            response = self.ask("carl@northwind.example")
        self.assertEqual(response["Location"], reverse("password_reset_done"))
