"""A person's or a team's name goes into mail headers (an invitation's subject names who sent
it), so it is one line where it is typed, and one stored before that still sends on one line.
The password-reset mail links to the installation's own address, reads as plain text, and says
until when its link works, on the person's clock."""

from __future__ import annotations

import datetime as dt
import json
import re
from email.header import decode_header, make_header
from typing import Any
from unittest import mock

from django.core import mail
from django.test import override_settings
from django.urls import reverse

from centric.people.models import Team, User
from centric.people.services import api_token_create, person_invitation_resend
from tests.personas import PersonasTestCase
from tests.smtp import LocalSmtpServer, message_part

BROKEN = "Lovelace\nBcc: x@evil.example"


class NamesOnOneLineTest(PersonasTestCase):
    def api(self, method: str, path: str, user: User, body: dict[str, Any]) -> Any:
        _, secret = api_token_create(user=user, name="test")
        return getattr(self.client, method)(
            f"/api{path}",
            json.dumps(body),
            content_type="application/json",
            headers={"Authorization": f"Bearer {secret}"},
        )

    def assert_refused(self, response: Any, field: str) -> None:
        self.assertEqual(response.status_code, 422, response.content)
        self.assertEqual(
            response.json()["detail"],
            [
                {
                    "loc": ["body", field],
                    "msg": "Keep it to one line, without control characters.",
                    "type": "value_error",
                }
            ],
        )

    def test_a_member_cannot_give_themselves_a_name_on_two_lines(self) -> None:
        self.assert_refused(
            self.api("patch", "/me", self.owner, {"last_name": BROKEN}), "last_name"
        )
        self.assert_refused(
            self.api("patch", "/me", self.owner, {"first_name": "Ada\r\nX"}), "first_name"
        )
        self.owner.refresh_from_db()
        self.assertNotIn("Lovelace", self.owner.last_name)
        allowed = self.api("patch", "/me", self.owner, {"last_name": "Lovelace"})
        self.assertEqual(allowed.json()["last_name"], "Lovelace")

    def test_nor_does_the_profile_page_take_one(self) -> None:
        self.client.force_login(self.owner)
        answer = self.client.post(
            reverse("people:profile"),
            {"first_name": "Olivia", "last_name": BROKEN, "language": "en", "time_zone": "UTC"},
        )
        self.assertContains(answer, "Keep it to one line")
        self.owner.refresh_from_db()
        self.assertNotIn("\n", self.owner.last_name)

    def test_an_admin_cannot_name_a_person_on_two_lines(self) -> None:
        added = self.api(
            "post",
            "/people",
            self.admin,
            {"email": "new@northwind.example", "first_name": "Ada", "last_name": BROKEN},
        )
        self.assert_refused(added, "last_name")
        self.assertFalse(User.objects.filter(email="new@northwind.example").exists())
        changed = self.api("patch", f"/people/{self.owner.pk}", self.admin, {"first_name": BROKEN})
        self.assert_refused(changed, "first_name")

    def test_a_team_is_not_named_on_two_lines(self) -> None:
        self.assert_refused(self.api("post", "/teams", self.cx_lead, {"name": BROKEN}), "name")
        changed = self.api("patch", f"/teams/{self.team.pk}", self.cx_lead, {"name": BROKEN})
        self.assert_refused(changed, "name")
        self.assertFalse(Team.objects.filter(name__contains="\n").exists())

    def test_an_invitation_from_and_to_names_stored_on_two_lines_still_goes(self) -> None:
        # stored before names were checked: the invitation names who sent it in its subject
        User.objects.filter(pk=self.admin.pk).update(first_name="Ada", last_name=BROKEN)
        self.admin.refresh_from_db()
        carl = User.objects.create(
            organisation=self.org, email="carl@northwind.example", first_name="Carl\nX"
        )
        carl.set_unusable_password()
        carl.save()

        with LocalSmtpServer() as smtp, override_settings(**smtp.settings()):
            self.assertTrue(person_invitation_resend(actor=self.admin, person=carl))

        (received,) = smtp.messages
        self.assertEqual(
            str(make_header(decode_header(received["Subject"]))),
            "Ada Lovelace Bcc: x@evil.example invited you to Northwind on Centric",
        )
        self.assertIsNone(received["Bcc"])


@override_settings(PASSWORD_RESET_TIMEOUT=3 * 24 * 3600)
class PasswordResetMailTest(PersonasTestCase):
    """Asked for at another address than the installation's (``SITE_URL``, read as the URLs
    are: http://testserver in the tests)."""

    def setUp(self) -> None:
        self.owner.time_zone = "America/New_York"
        self.owner.save()

    def ask(self) -> str:
        moment = dt.datetime(2026, 3, 9, 13, 5, tzinfo=dt.UTC)  # a Monday, 9:05 in New York
        with (
            LocalSmtpServer() as smtp,
            override_settings(**smtp.settings()),
            mock.patch("centric.core.clock.now", return_value=moment),
        ):
            answer = self.client.post(
                reverse("password_reset"),
                {"email": "owner@northwind.example"},
                HTTP_HOST="localhost:8124",
            )
        self.assertRedirects(answer, reverse("password_reset_done"), fetch_redirect_response=False)
        (received,) = smtp.messages
        self.assertEqual(received["Subject"], "Reset your Centric password")
        return message_part(received, "text/plain")

    @override_settings(ALLOWED_HOSTS=["localhost", "testserver"])
    def test_its_link_is_the_installations_address_not_the_one_asked_at(self) -> None:
        body = self.ask()
        link = re.search(r"\S+/reset/\S+", body)
        assert link is not None, body
        self.assertRegex(link.group(), r"^http://testserver/reset/[\w-]+/[\w-]+/$")
        self.assertNotIn("localhost", body)

    @override_settings(ALLOWED_HOSTS=["localhost", "testserver"])
    def test_it_reads_as_plain_text_and_says_until_when_the_link_works(self) -> None:
        body = self.ask()
        self.assertTrue(body.startswith("Hello Olivia,\n\nSomeone asked to reset"), body)
        self.assertFalse([line for line in body.splitlines() if line.startswith(" ")], body)
        self.assertIn(
            "The link works once, until Thursday 12 March 2026, 09:05 (America/New_York time).",
            body,
        )
        self.assertEqual(mail.outbox, [])  # it went by SMTP
