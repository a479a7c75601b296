"""Names that go into mail headers: one line where they are typed (the organisation's name is the
sender's name of mail to customers unless a sender name is set), and made one line as the mail
is written, so a name stored before it was checked never stops the mail."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.test import SimpleTestCase

from centric.core.mail import one_line
from centric.core.models import Organisation
from tests.api.test_api import ApiTestCase


class OneLineTest(SimpleTestCase):
    def test_line_breaks_tabs_and_control_characters_become_one_space(self) -> None:
        self.assertEqual(one_line("Q4 pulse\nignore"), "Q4 pulse ignore")
        self.assertEqual(
            one_line("  Lovelace\r\n\tBcc: x@evil.example "), "Lovelace Bcc: x@evil.example"
        )
        self.assertEqual(one_line("A\x00B\x7fC\u2028D"), "A B C D")
        self.assertEqual(one_line("Northwind Components"), "Northwind Components")
        self.assertEqual(one_line(""), "")
        # French typography keeps its no-break spaces before a colon
        self.assertEqual(one_line("Rappel\u00a0: enquête\n"), "Rappel\u00a0: enquête")

    def test_the_sender_is_one_line_though_the_organisation_name_it_falls_back_to_is_not(
        self,
    ) -> None:
        organisation = Organisation(name="Northwind\nBcc: x@evil.example", mail_sender_name="")
        sender = organisation.customer_mail_from()
        self.assertNotIn("\n", sender)
        # Django takes it as a header
        message = EmailMessage(subject="Hello", body="", from_email=sender, to=["a@b.example"])
        self.assertIn("Northwind Bcc: x@evil.example", message.message()["From"])

    def test_an_organisation_name_on_two_lines_is_invalid(self) -> None:
        organisation = Organisation(name="Northwind\nComponents", slug="northwind")
        with self.assertRaises(ValidationError) as raised:
            organisation.full_clean(validate_unique=False)
        self.assertEqual(
            raised.exception.message_dict["name"],
            ["Keep it to one line, without control characters."],
        )


class OrganisationNameTest(ApiTestCase):
    def test_an_admin_cannot_rename_the_organisation_on_two_lines(self) -> None:
        refused = self.send("patch", "/organisation", self.admin, {"name": "Northwind\nX"})
        self.assertEqual(refused.status_code, 422)
        self.assertEqual(refused.json()["detail"][0]["loc"], ["body", "name"])
        self.org.refresh_from_db()
        self.assertEqual(self.org.name, "Northwind")

    def test_nor_on_the_settings_page(self) -> None:
        self.client.force_login(self.admin)
        answer = self.client.post(
            "/settings/organisation/",
            {"name": "Northwind\r\nX", "time_zone": "UTC", "currency": "EUR"},
        )
        self.assertContains(answer, "Keep it to one line")
        self.org.refresh_from_db()
        self.assertEqual(self.org.name, "Northwind")
