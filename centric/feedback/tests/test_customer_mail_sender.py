"""Mail to customers comes from the organisation, not from Centric: its sender name (the
organisation's name unless set) at the installation's sending address, with replies going where
the organisation says."""

from email.header import decode_header, make_header

from django.core import mail
from django.test import override_settings
from django.urls import reverse

from centric.core.models import Organisation
from centric.feedback import services
from centric.feedback.tests.test_surveys import SurveyTestCase
from tests.api.test_api import ApiTestCase
from tests.smtp import LocalSmtpServer


class CustomerMailSenderTest(SurveyTestCase):
    def invite_carla(self) -> None:
        survey = self.open_survey(self.make_survey())
        services.invitations_create(actor=self.cx_lead, survey=survey, contacts=[self.contact])
        services.invitations_send(survey_id=survey.pk)

    @override_settings(DEFAULT_FROM_EMAIL="Centric <surveys@centric.example>")
    def test_an_invitation_comes_from_the_organisation(self) -> None:
        self.invite_carla()
        (message,) = mail.outbox
        self.assertEqual(message.from_email, "Northwind <surveys@centric.example>")
        self.assertEqual(message.reply_to, [])

    @override_settings(DEFAULT_FROM_EMAIL="surveys@centric.example")
    def test_its_sender_name_and_reply_to_address_are_the_organisation_s_own(self) -> None:
        Organisation.objects.filter(pk=self.org.pk).update(
            mail_sender_name="Nörthwind Kundenservice", mail_reply_to="cx@northwind.example"
        )
        with LocalSmtpServer() as smtp, override_settings(**smtp.settings()):
            self.invite_carla()
        (received,) = smtp.messages
        self.assertEqual(
            str(make_header(decode_header(received["From"]))),
            "Nörthwind Kundenservice <surveys@centric.example>",
        )
        self.assertEqual(received["Reply-To"], "cx@northwind.example")

    def test_an_admin_sets_them_and_a_name_of_two_lines_is_refused(self) -> None:
        self.login(self.admin)
        url = reverse("organisation_settings")
        values = {"name": "Northwind", "time_zone": "UTC", "currency": "EUR"}
        refused = self.client.post(url, {**values, "mail_reply_to": "not an address"})
        self.assertIn("mail_reply_to", refused.context["form"].errors)
        self.client.post(
            url, {**values, "mail_sender_name": "Northwind Care", "mail_reply_to": "cx@nw.example"}
        )
        self.org.refresh_from_db()
        self.assertEqual(
            (self.org.mail_sender_name, self.org.mail_reply_to), ("Northwind Care", "cx@nw.example")
        )


class CustomerMailSenderApiTest(ApiTestCase):
    def test_the_api_reads_and_changes_them_and_refuses_a_header_break(self) -> None:
        changed = self.send(
            "patch", "/organisation", self.admin, {"mail_sender_name": "Northwind Care"}
        )
        self.assertEqual(changed.status_code, 200, changed.content)
        self.assertEqual(changed.json()["mail_sender_name"], "Northwind Care")
        refused = self.send(
            "patch",
            "/organisation",
            self.admin,
            {"mail_sender_name": "Evil\r\nBcc: everyone@example.com"},
        )
        self.assertEqual(refused.status_code, 422, refused.content)
        self.assertIn("one line", refused.content.decode())
        self.assertEqual(
            self.send("patch", "/organisation", self.owner, {"mail_sender_name": "X"}).status_code,
            403,
        )
