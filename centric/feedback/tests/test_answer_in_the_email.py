"""An invitation asks the survey's opening score question in the mail itself: each number is a
link that opens the survey with that number marked. Following a link stores nothing (a GET
never does, and mail scanners follow links); the respondent sends the number with the page."""

import re

from django.core import mail
from django.test import override_settings
from django.urls import reverse

from centric.feedback import editing, services
from centric.feedback.models import Invitation, Response, Survey
from centric.feedback.tests.test_surveys import SurveyTestCase
from tests.smtp import LocalSmtpServer, message_part

LINKS = re.compile(r'href="([^"]+)"')


def html_part(message: mail.EmailMessage) -> str:
    assert isinstance(message, mail.EmailMultiAlternatives)
    (content, mimetype), *_ = message.alternatives
    assert mimetype == "text/html"
    return str(content)


class AnswerInTheEmailTest(SurveyTestCase):
    def invite(self, survey: Survey) -> tuple[Invitation, str]:
        """Invites Carla and emails her; returns her invitation and its link's path."""
        (invitation,), _ = services.invitations_create(
            actor=self.cx_lead, survey=survey, contacts=[self.contact]
        )
        self.assertEqual(services.invitations_send(survey_id=survey.pk), 1)
        return invitation, reverse("feedback:respond", args=[invitation.token])

    def test_the_html_part_asks_the_opening_question_with_a_link_per_number(self) -> None:
        survey = self.open_survey(self.make_survey())
        invitation, path = self.invite(survey)
        (message,) = mail.outbox
        self.assertIn(f"http://testserver{path}", message.body)  # the plain text, as before
        html = html_part(message)
        self.assertIn('<html lang="en">', html)
        self.assertIn("How likely are you to recommend", html)
        self.assertIn("Not at all likely", html)
        self.assertIn("Extremely likely", html)
        numbered = [link for link in LINKS.findall(html) if "?answer=" in link]
        self.assertEqual(
            numbered, [f"http://testserver{path}?answer={number}" for number in range(11)]
        )
        self.assertIn(f'href="http://testserver{path}"', html)  # the button, with no number
        unsubscribe = reverse("feedback:unsubscribe", args=[invitation.token])
        self.assertIn(f'href="http://testserver{unsubscribe}"', html)

    def test_a_german_contact_is_asked_in_german(self) -> None:
        self.contact.language = "de"
        self.contact.save()
        survey = self.open_survey(self.make_survey("ces", name="Support"))
        self.invite(survey)
        html = html_part(mail.outbox[0])
        self.assertIn('<html lang="de">', html)
        self.assertIn("Guten Tag Carla,", html)
        self.assertIn("Stimme voll und ganz zu", html)
        self.assertIn("Wählen Sie eine Zahl", html)
        self.assertEqual(len(re.findall(r"\?answer=[1-7]\"", html)), 7)  # CES, 1 to 7

    def test_what_others_wrote_is_escaped_in_the_html_part(self) -> None:
        self.contact.first_name = '<img src=x onerror="alert(1)">'
        self.contact.save()
        survey = self.make_survey(intro={"en": "Tell us <b>all</b>\nplease", "de": "Bitte"})
        self.invite(self.open_survey(survey))
        html = html_part(mail.outbox[0])
        self.assertNotIn("<img", html)
        self.assertIn("Hello &lt;img src=x onerror=&quot;alert(1)&quot;&gt;,", html)
        self.assertIn("Tell us &lt;b&gt;all&lt;/b&gt;<br>please", html)

    def test_a_survey_that_opens_with_another_kind_of_question_is_sent_with_its_button_alone(
        self,
    ) -> None:
        survey = self.make_survey()
        first = editing.question_save(
            actor=self.cx_lead,
            survey=survey,
            values={"kind": "text", "text": {"en": "Your role?", "de": "Ihre Rolle?"}, "page": 1},
        )
        editing.question_move(actor=self.cx_lead, question=first, up=True)
        _, path = self.invite(self.open_survey(survey))
        html = html_part(mail.outbox[0])
        self.assertNotIn("?answer=", html)
        self.assertNotIn("Your role?", html)
        self.assertIn(f'href="http://testserver{path}"', html)
        page = self.client.get(f"{path}?answer=9")  # a number is not taken for a text
        self.assertNotContains(page, "Your answer from the email")

    def test_following_a_number_marks_it_and_stores_nothing_until_the_page_is_sent(self) -> None:
        survey = self.open_survey(self.make_survey())
        _, path = self.invite(survey)
        page = self.client.get(f"{path}?answer=9")
        self.assertContains(page, '<input type="radio" name="nps" value="9" checked>', html=True)
        self.assertContains(page, "Your answer from the email, 9, is marked below.")
        self.assertContains(page, "It is kept once you press “Next”.")
        self.assertContains(page, "?lang=de&amp;page=1&amp;answer=9")  # kept in the other language
        self.assertFalse(Response.objects.exists())

        self.client.post(path, {"page": "1", "nps": "9"})
        self.assertEqual(Response.objects.get().score, 9)

    def test_a_number_outside_the_scale_or_no_number_is_not_marked(self) -> None:
        survey = self.open_survey(self.make_survey())
        _, path = self.invite(survey)
        for value in ("11", "-1", "nine", "9.5", "٩", "<script>"):
            page = self.client.get(path, {"answer": value})
            self.assertEqual(page.status_code, 200)
            self.assertNotContains(page, " checked")
            self.assertNotContains(page, "Your answer from the email")
            self.assertNotContains(page, "<script>")

    def test_a_respondent_further_on_is_brought_back_to_the_question_with_the_new_number(
        self,
    ) -> None:
        survey = self.open_survey(self.make_survey())
        _, path = self.invite(survey)
        self.client.post(path, {"page": "1", "nps": "3"})  # on to the detractor's follow-up
        page = self.client.get(f"{path}?answer=10")
        self.assertContains(page, '<input type="radio" name="nps" value="10" checked>', html=True)
        self.assertNotContains(page, 'value="3" checked')
        self.assertEqual(Response.objects.get().score, 3)  # until the page is sent

    def test_a_german_respondent_is_told_in_german_with_the_button_s_own_word(self) -> None:
        self.contact.language = "de"
        self.contact.save()
        survey = self.open_survey(self.make_survey("touchpoint-csat", name="Lieferung"))
        _, path = self.invite(survey)
        page = self.client.get(f"{path}?answer=5")
        self.assertContains(page, "Ihre Antwort aus der E-Mail, 5, ist unten markiert.")
        self.assertContains(page, "sobald Sie auf „Antworten senden“ klicken.")

    def test_the_open_link_takes_a_number_too(self) -> None:
        survey = self.open_survey(self.make_survey(open_link=True))
        path = reverse("feedback:respond_open", args=[survey.public_key])
        page = self.client.get(f"{path}?answer=0")
        self.assertContains(page, '<input type="radio" name="nps" value="0" checked>', html=True)
        self.assertFalse(Response.objects.exists())

    def test_the_html_part_reaches_a_real_mail_server_beside_the_plain_text(self) -> None:
        survey = self.open_survey(self.make_survey())
        (invitation,), _ = services.invitations_create(
            actor=self.cx_lead, survey=survey, contacts=[self.contact]
        )
        with LocalSmtpServer() as smtp, override_settings(**smtp.settings()):
            self.assertEqual(services.invitations_send(survey_id=survey.pk), 1)
        (received,) = smtp.messages
        self.assertEqual(received.get_content_type(), "multipart/alternative")
        path = reverse("feedback:respond", args=[invitation.token])
        self.assertIn(f"http://testserver{path}\n", message_part(received, "text/plain"))
        self.assertIn(
            f'href="http://testserver{path}?answer=10"', message_part(received, "text/html")
        )


class InvitationSeenFirstTest(SurveyTestCase):
    def test_a_cx_lead_emails_themselves_the_invitation_whose_links_open_the_preview(
        self,
    ) -> None:
        self.cx_lead.first_name = "Cleo"
        self.cx_lead.save()
        survey = self.make_survey(languages=["en", "fr"])
        self.login(self.cx_lead)
        url = reverse("feedback:survey_test_invitation", args=[survey.pk])
        page = self.client.get(survey.get_absolute_url())
        self.assertContains(page, "Email me a test invitation")
        self.assertContains(page, '<option value="fr">French</option>', html=True)

        answer = self.client.post(url, {"language": "fr"}, follow=True)

        self.assertContains(answer, "A test invitation in French is on its way to cx@northwind")
        (message,) = mail.outbox
        self.assertEqual(message.to, ["cx@northwind.example"])
        self.assertEqual(message.subject, "[Test] Northwind – votre avis compte pour nous")
        self.assertTrue(message.body.startswith("Bonjour Cleo,"))
        preview = "http://testserver" + reverse("feedback:survey_preview", args=[survey.pk])
        self.assertIn(f"{preview}?lang=fr\n", message.body)
        self.assertIn(f'href="{preview}?lang=fr&amp;answer=9"', html_part(message))
        self.assertFalse(Invitation.objects.exists())
        # the number chosen in the test mail is marked in the preview, which keeps nothing
        shown = self.client.get(f"{preview}?lang=fr&answer=9")
        self.assertContains(shown, '<input type="radio" name="nps" value="9" checked>', html=True)
        self.assertContains(shown, "La réponse que vous avez choisie dans l&#x27;e-mail, 9")
        self.assertFalse(Response.objects.exists())

    def test_a_language_the_survey_is_not_in_is_refused(self) -> None:
        survey = self.make_survey(languages=["en"])
        self.login(self.cx_lead)
        url = reverse("feedback:survey_test_invitation", args=[survey.pk])
        answer = self.client.post(url, {"language": "ja"}, follow=True)
        self.assertContains(answer, "This survey is not offered in “ja”.")
        self.assertEqual(mail.outbox, [])

    def test_only_those_who_run_surveys_send_one_and_never_by_a_get(self) -> None:
        survey = self.make_survey()
        url = reverse("feedback:survey_test_invitation", args=[survey.pk])
        self.assertRedirects(
            self.client.post(url, {"language": "en"}),
            f"/login/?next={url}",
            fetch_redirect_response=False,
        )
        for person in (self.owner, self.viewer):
            self.login(person)
            self.assertEqual(self.client.post(url, {"language": "en"}).status_code, 403)
        self.login(self.stranger)
        self.assertEqual(self.client.post(url, {"language": "en"}).status_code, 404)
        self.login(self.cx_lead)
        self.assertEqual(self.client.get(url).status_code, 405)
        self.assertEqual(mail.outbox, [])
