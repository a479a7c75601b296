"""The languages a survey is offered in: chosen when it is made (by default those its
organisation's contacts and people read) and in its settings; its questions worded in each of
them, on the page and through the API."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse

from centric.feedback import editing, services
from centric.feedback.forms import QuestionForm
from centric.feedback.models import Survey
from centric.feedback.tests.test_survey_api import SurveyApiTestCase
from tests.factories import ContactFactory


class SurveyLanguagesTest(SurveyApiTestCase):
    def create(self, **changes: object) -> Any:
        self.login(self.cx_lead)
        return self.client.post(
            reverse("feedback:survey_create"),
            {
                "template": "touchpoint-csat",
                "name": "After delivery",
                "default_language": "en",
                "languages": ["en", "fr"],
                "fatigue_days": 30,
                **changes,
            },
        )

    def test_a_new_survey_offers_the_languages_the_organisation_s_customers_read(self) -> None:
        ContactFactory.create(account=self.account, email="lea@acme.example", language="fr")
        self.teammate.language = "sv"
        self.teammate.save()
        self.login(self.cx_lead)
        page = self.client.get(reverse("feedback:survey_create"))
        self.assertEqual(page.context["form"]["languages"].initial, ["en", "fr", "sv"])
        self.assertContains(page, "Japanese")  # every language a survey can be written in

    def test_a_survey_is_made_in_the_languages_chosen(self) -> None:
        self.create()
        survey = Survey.objects.get(name="After delivery")
        self.assertEqual(survey.languages, ["en", "fr"])
        self.assertContains(
            self.client.get(survey.get_absolute_url()),
            "Languages: English, French. Respondents see their own language, or English, the "
            "default, if it is none of these.",
        )

    def test_the_default_language_must_be_one_of_them(self) -> None:
        refused = self.create(default_language="de")
        self.assertEqual(
            refused.context["form"].errors["languages"],
            [
                "Keep German, the survey's default language: respondents who read none of its "
                "languages see that one."
            ],
        )
        refused = self.create(languages=[])
        self.assertIn("languages", refused.context["form"].errors)
        refused = self.create(languages=["en", "xx"])
        self.assertIn("languages", refused.context["form"].errors)
        self.assertFalse(Survey.objects.exists())

    def test_a_language_added_in_the_settings_gets_its_words_and_one_taken_away_keeps_them(
        self,
    ) -> None:
        survey = self.make_survey(languages=["en", "de"])
        self.login(self.cx_lead)
        url = reverse("feedback:survey_edit", args=[survey.pk])
        settings = {
            "name": survey.name,
            "fatigue_days": "30",
            "intro_en": "Hi",
            "intro_de": "Hallo",
        }
        self.client.post(url, {**settings, "languages": ["en", "de", "it"]})
        survey.refresh_from_db()
        self.assertEqual(survey.languages, ["en", "de", "it"])
        page = self.client.get(url)
        self.assertContains(page, "Introduction (Italian)")
        self.client.post(url, {**settings, "intro_it": "Ciao", "languages": ["en", "it"]})
        survey.refresh_from_db()
        self.assertEqual(survey.languages, ["en", "it"])
        # German is no longer offered; its words wait in case it is again, as do the
        # template's in the languages never offered
        self.assertEqual(
            (survey.intro["en"], survey.intro["de"], survey.intro["it"]), ("Hi", "Hallo", "Ciao")
        )
        self.assertIn("Deux minutes", survey.intro["fr"])
        self.assertNotContains(self.client.get(url), "Introduction (German)")

    def test_a_question_is_worded_in_each_of_the_survey_s_languages(self) -> None:
        survey = self.make_survey(languages=["en", "de", "fr"])
        form = QuestionForm(
            data={
                "kind": "single",
                "text_en": "How did it arrive?",
                "text_fr": "Comment est-il arrivé ?",
                "page": "1",
                "options": "On time | Pünktlich | À l'heure\nLate | | En retard",
            },
            survey=survey,
        )
        self.assertTrue(form.is_valid(), form.errors)
        self.assertEqual(
            list(form.fields)[:4], ["kind", "text_en", "text_de", "text_fr"]
        )  # in the survey's order
        values = form.values()
        self.assertEqual(
            values["text"], {"en": "How did it arrive?", "fr": "Comment est-il arrivé ?"}
        )
        self.assertEqual(
            [option["label"] for option in values["options"]],
            [
                {"en": "On time", "de": "Pünktlich", "fr": "À l'heure"},
                {"en": "Late", "fr": "En retard"},
            ],
        )
        question = editing.question_save(actor=self.cx_lead, survey=survey, values=values)
        again = QuestionForm(survey=survey, question=question)
        self.assertEqual(
            again.initial["options"], "On time | Pünktlich | À l'heure\nLate |  | En retard"
        )
        self.assertIn("English | German | French", str(again.fields["options"].help_text))

    def test_an_option_line_with_more_languages_than_the_survey_or_no_english_is_refused(
        self,
    ) -> None:
        with self.assertRaisesMessage(ValidationError, "Line 2 has 3 wordings"):
            editing.options_from_lines("Yes | Ja\nNo | Nein | Non", ["en", "de"])
        with self.assertRaisesMessage(ValidationError, "Line 1 has no English wording."):
            editing.options_from_lines(" | Ja\nNo", ["en", "de"])

    def test_the_api_makes_a_survey_in_chosen_languages_and_words_its_questions_in_them(
        self,
    ) -> None:
        ContactFactory.create(account=self.account, email="lea@acme.example", language="es")
        made = self.send("post", "/surveys", self.cx_lead, {"template": "ces", "name": "Support"})
        self.assertEqual(made.status_code, 201, made.content)
        self.assertEqual(Survey.objects.get(name="Support").languages, ["en", "es"])
        made = self.send(
            "post",
            "/surveys",
            self.cx_lead,
            {"template": "ces", "name": "Support 2", "languages": ["en", "nl"]},
        )
        survey = Survey.objects.get(pk=made.json()["id"])
        self.assertEqual(survey.languages, ["en", "nl"])
        path = f"/surveys/{survey.pk}/questions"
        refused = self.send(
            "post", path, self.cx_lead, {"kind": "text", "text": {"en": "Why?", "fr": "Pourquoi ?"}}
        )
        self.assertEqual(
            self.errors(refused),
            {
                "text.fr": "This survey is in en, nl, not fr: add the language in its settings "
                "first."
            },
        )
        added = self.send(
            "post",
            path,
            self.cx_lead,
            {
                "kind": "single",
                "text": {"en": "Which?", "nl": "Welke?"},
                "options": [{"en": "Blue", "nl": "Blauw"}, {"en": "Red"}],
            },
        )
        self.assertEqual(added.status_code, 201, added.content)
        self.assertEqual(added.json()["text"], {"en": "Which?", "nl": "Welke?"})
        self.assertEqual(
            [option["label"] for option in added.json()["options"]],
            [{"en": "Blue", "nl": "Blauw"}, {"en": "Red"}],
        )
        changed = self.send("patch", f"/surveys/{survey.pk}", self.cx_lead, {"languages": ["nl"]})
        self.assertEqual(
            self.errors(changed),
            {
                "languages": "Keep English, the survey's default language: respondents who read "
                "none of its languages see that one."
            },
        )
        changed = self.send(
            "patch", f"/surveys/{survey.pk}", self.cx_lead, {"languages": ["en", "nl", "pl"]}
        )
        self.assertEqual(changed.status_code, 200, changed.content)
        self.assertEqual(changed.json()["languages"], ["en", "nl", "pl"])

    def test_the_service_makes_a_survey_in_every_language_unless_told(self) -> None:
        survey = services.survey_create_from_template(
            actor=self.cx_lead, template="ces", values={"name": "Everyone"}
        )
        from centric.feedback.wording import SURVEY_LANGUAGES

        self.assertEqual(survey.languages, list(SURVEY_LANGUAGES))

    def test_a_french_contact_is_invited_and_asked_in_french(self) -> None:
        from django.core import mail

        self.contact.language = "fr"
        self.contact.save()
        survey = self.make_survey()
        services.survey_set_status(actor=self.cx_lead, survey=survey, status="open")
        (invitation,), _ = services.invitations_create(
            actor=self.cx_lead, survey=survey, contacts=[self.contact]
        )
        self.assertEqual(invitation.language, "fr")
        services.invitations_send(survey_id=survey.pk)
        (message,) = mail.outbox
        # no title for respondents: the organisation alone, not the survey's name
        self.assertEqual(message.subject, "Northwind – votre avis compte pour nous")
        self.assertTrue(message.body.startswith("Bonjour Carla,"))
        self.assertIn("Ne plus recevoir d'enquêtes", message.body)
        page = self.client.get(reverse("feedback:respond", args=[invitation.token]))
        self.assertContains(page, '<html lang="fr">')
        self.assertContains(page, "Quelle est la probabilité que vous nous recommandiez")
        self.assertContains(page, "Pas du tout probable")
        self.assertContains(page, "Suivant")
        refused = self.client.post(
            reverse("feedback:respond", args=[invitation.token]), {"page": "1"}
        )
        self.assertContains(refused, "Veuillez répondre à cette question.", status_code=422)

    def test_the_api_emails_a_test_invitation_to_whoever_asks(self) -> None:
        from django.core import mail

        survey = self.make_survey(languages=["en", "de"])
        path = f"/surveys/{survey.pk}/test-invitation"
        sent = self.send("post", path, self.cx_lead, {"language": "de"})
        self.assertEqual(sent.status_code, 200, sent.content)
        self.assertEqual(sent.json(), {"sent_to": "cx@northwind.example"})
        (message,) = mail.outbox
        self.assertEqual(message.subject, "[Test] Northwind – Ihre Meinung zählt")
        refused = self.send("post", path, self.cx_lead, {"language": "ja"})
        self.assertEqual(refused.status_code, 422)
        self.assertEqual(self.send("post", path, self.viewer, {"language": "en"}).status_code, 403)
        self.assertEqual(len(mail.outbox), 1)
