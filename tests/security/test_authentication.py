"""Signing in and out, throttling, changing and resetting a password (mail through a real local
SMTP server)."""

import re

from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from tests.personas import PASSWORD, PersonasTestCase
from tests.smtp import LocalSmtpServer


class LoginTest(PersonasTestCase):
    def setUp(self) -> None:
        cache.clear()

    def test_pages_send_anonymous_visitors_to_sign_in(self) -> None:
        response = self.client.get(reverse("customers:account_list"))
        self.assertRedirects(response, reverse("login") + "?next=/accounts/")

    def test_a_person_signs_in_with_email_and_password(self) -> None:
        response = self.client.post(
            reverse("login"), {"username": "owner@northwind.example", "password": PASSWORD}
        )
        self.assertRedirects(response, reverse("home"))
        self.assertContains(self.client.get(reverse("home")), "Northwind at a glance")

    def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(self) -> None:
        response = self.client.post(
            reverse("login"), {"username": "owner@northwind.example", "password": "nope"}
        )
        self.assertContains(response, "Please enter a correct email address and password")

    def test_repeated_failures_lock_the_account_for_a_while(self) -> None:
        for _ in range(5):
            self.client.post(
                reverse("login"), {"username": "owner@northwind.example", "password": "wrong"}
            )
        response = self.client.post(
            reverse("login"), {"username": "owner@northwind.example", "password": PASSWORD}
        )
        self.assertContains(response, "Too many failed sign-in attempts")
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_a_deactivated_person_cannot_sign_in(self) -> None:
        self.teammate.is_active = False
        self.teammate.save()
        response = self.client.post(
            reverse("login"), {"username": "teammate@northwind.example", "password": PASSWORD}
        )
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_signing_out_takes_a_post(self) -> None:
        self.login(self.owner)
        self.assertEqual(self.client.get(reverse("logout")).status_code, 405)
        self.assertRedirects(self.client.post(reverse("logout")), reverse("login"))
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_the_session_cookie_is_http_only_and_same_site(self) -> None:
        self.client.post(
            reverse("login"), {"username": "owner@northwind.example", "password": PASSWORD}
        )
        cookie = self.client.cookies["sessionid"]
        self.assertTrue(cookie["httponly"])
        self.assertEqual(cookie["samesite"], "Lax")


class PasswordTest(PersonasTestCase):
    def test_a_person_changes_their_password(self) -> None:
        self.login(self.owner)
        response = self.client.post(
            reverse("password_change"),
            {
                "old_password": PASSWORD,
                "new_password1": "a much longer secret 42",
                "new_password2": "a much longer secret 42",
            },
        )
        self.assertRedirects(response, reverse("password_change_done"))
        self.owner.refresh_from_db()
        self.assertTrue(self.owner.check_password("a much longer secret 42"))

    def test_a_reset_link_arrives_by_email_and_sets_a_new_password(self) -> None:
        with LocalSmtpServer() as smtp, override_settings(**smtp.settings()):
            response = self.client.post(
                reverse("password_reset"), {"email": "owner@northwind.example"}
            )
            self.assertRedirects(response, reverse("password_reset_done"))
        self.assertEqual(len(smtp.messages), 1)
        message = smtp.messages[0]
        self.assertEqual(message["To"], "owner@northwind.example")
        body = message.get_payload(decode=True).decode()  # type: ignore[union-attr]
        link = re.search(r"http://testserver(/reset/\S+/)", body)
        assert link is not None
        form_page = self.client.get(link.group(1), follow=True)
        self.assertContains(form_page, "Choose a new password")
        self.client.post(
            form_page.redirect_chain[-1][0],
            {"new_password1": "fresh and long 2026", "new_password2": "fresh and long 2026"},
        )
        self.owner.refresh_from_db()
        self.assertTrue(self.owner.check_password("fresh and long 2026"))

    def test_a_reset_for_an_unknown_address_sends_nothing_and_says_the_same(self) -> None:
        with LocalSmtpServer() as smtp, override_settings(**smtp.settings()):
            response = self.client.post(
                reverse("password_reset"), {"email": "nobody@northwind.example"}
            )
        self.assertRedirects(response, reverse("password_reset_done"))
        self.assertEqual(smtp.messages, [])
