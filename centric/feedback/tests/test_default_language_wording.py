"""A survey is written in its default language: its questions and options are worded in that
language, not necessarily in English, on the page and through the API; their keys are made from
that wording; and respondents whose language a wording lacks read the default language's."""

from __future__ import annotations

from typing import Any

from django.test import SimpleTestCase
from django.urls import reverse

from centric.feedback import answers, editing, services
from centric.feedback.forms import QuestionForm
from centric.feedback.models import Question, Survey
from centric.feedback.tests.test_survey_api import SurveyApiTestCase

GERMAN_WORDING = "Wie zufrieden sind Sie mit unserer Beratung?"


class GermanSurveyTest(SurveyApiTestCase):
    """A German organisation's survey, offered in German only."""

    def setUp(self) -> None:
        self.survey = self.make_survey(
            name="Kundenbefragung", default_language="de", languages=["de"], open_link=True
        )
        self.add_url = reverse("feedback:question_create", args=[self.survey.pk])
        self.api_path = f"/surveys/{self.survey.pk}/questions"

    def add(self, **fields: Any) -> Any:
        self.login(self.cx_lead)
        return self.client.post(self.add_url, {"kind": "text", "page": 1, **fields})

    def test_a_question_is_added_on_the_page_worded_in_german_only(self) -> None:
        added = self.add(text_de=GERMAN_WORDING)
        self.assertEqual(added.status_code, 302, added.context and added.context["form"].errors)
        question = self.survey.questions.get(text__de=GERMAN_WORDING)
        self.assertEqual(question.text, {"de": GERMAN_WORDING})
        self.assertEqual(question.key, "wie_zufrieden_sind_sie_mit_unserer_berat")

    def test_the_survey_page_names_questions_and_follow_ups_by_their_german_wording(
        self,
    ) -> None:
        self.add(text_de=GERMAN_WORDING)
        score = Question.objects.create(
            survey=self.survey, key="empfehlen", position=50, kind="nps", text={"de": "Empfehlen?"}
        )
        Question.objects.create(
            survey=self.survey,
            key="warum_so",
            position=51,
            page=2,
            kind="text",
            text={"de": "Warum?"},
            show_if={"question": score.key, "min": 0, "max": 6},
        )

        page = self.client.get(self.survey.get_absolute_url())

        self.assertContains(page, f"{GERMAN_WORDING} <span")
        self.assertContains(page, "follow-up after “Empfehlen?” is 0–6")
        self.assertNotContains(page, "wie_zufrieden_sind_sie")

    def test_the_page_asks_for_the_german_wording_and_says_it_is_required(self) -> None:
        self.login(self.cx_lead)
        form = self.client.get(self.add_url).context["form"]
        self.assertNotIn("text_en", form.fields)
        field = form.fields["text_de"]
        self.assertTrue(field.required)
        self.assertEqual(field.label, "Question (German)")
        self.assertIn("German is the survey's default language", str(field.help_text))
        refused = self.add(text_de="")
        self.assertEqual(
            refused.context["form"].errors["text_de"],
            ["Word the question in German, the survey's default language."],
        )

    def test_a_question_is_added_through_the_api_worded_in_german_only(self) -> None:
        added = self.send(
            "post",
            self.api_path,
            self.cx_lead,
            {
                "kind": "single",
                "text": {"de": "Was war Ihnen am wichtigsten?"},
                "options": [{"de": "Der Preis"}, {"de": "Die Lieferung"}],
            },
        )
        self.assertEqual(added.status_code, 201, added.content)
        body = added.json()
        self.assertEqual(body["key"], "was_war_ihnen_am_wichtigsten")
        self.assertEqual(body["text"], {"de": "Was war Ihnen am wichtigsten?"})
        self.assertEqual(
            body["options"],
            [
                {"value": "der-preis", "label": {"de": "Der Preis"}},
                {"value": "die-lieferung", "label": {"de": "Die Lieferung"}},
            ],
        )

    def test_the_api_names_the_field_and_the_language_it_lacks(self) -> None:
        cases = [
            ({"kind": "text", "text": {}}, "text.de", "Word the question in German, the "),
            (
                {"kind": "text", "text": {"en": "Why?"}},
                "text.en",
                "This survey is in de, not en: add the language in its settings first.",
            ),
            (
                {
                    "kind": "single",
                    "text": {"de": "Welche?"},
                    "options": [{"de": "Blau"}, {"en": "Red"}],
                },
                "options.1.en",
                "This survey is in de, not en",
            ),
            (
                {"kind": "single", "text": {"de": "Welche?"}, "options": [{"de": "Blau"}, {}]},
                "options.1.de",
                "Option 2 has no German wording: every option is worded in German, the "
                "survey's default language.",
            ),
        ]
        for payload, field, reason in cases:
            with self.subTest(field):
                errors = self.errors(self.send("post", self.api_path, self.cx_lead, payload))
                self.assertEqual(list(errors), [field])
                self.assertIn(reason, errors[field])

    def test_a_respondent_whose_browser_reads_french_sees_the_german(self) -> None:
        self.add(text_de=GERMAN_WORDING)
        services.survey_set_status(actor=self.cx_lead, survey=self.survey, status="open")
        self.client.logout()
        page = self.client.get(
            reverse("feedback:respond_open", args=[self.survey.public_key]),
            HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9",
        )
        self.assertContains(page, GERMAN_WORDING)
        self.assertContains(page, "Wie wahrscheinlich")  # the template's, in German too
        self.assertNotContains(page, "Quelle est la probabilité")

    def test_a_template_question_edited_in_german_keeps_its_key_codes_and_english(
        self,
    ) -> None:
        topics = self.survey.questions.get(key="topics")
        codes = [option["value"] for option in topics.options]
        form = QuestionForm(survey=self.survey, question=topics)
        lines = form.initial["options"]
        self.assertTrue(lines.startswith("Das Produkt\n"))
        self.login(self.cx_lead)
        edit = reverse("feedback:question_edit", args=[self.survey.pk, topics.pk])
        changed = self.client.post(
            edit,
            {
                "kind": "multiple",
                "text_de": "Worum ging es Ihnen vor allem?",
                "page": topics.page,
                "options": lines,
            },
        )
        self.assertEqual(
            changed.status_code, 302, changed.context and changed.context["form"].errors
        )
        topics.refresh_from_db()
        self.assertEqual(topics.key, "topics")
        self.assertEqual(topics.text["de"], "Worum ging es Ihnen vor allem?")
        # the words of the languages the survey does not offer wait for when it does
        self.assertEqual(topics.text["en"], "What was your answer mostly about?")
        self.assertEqual([option["value"] for option in topics.options], codes)
        self.assertEqual(topics.options[0]["label"]["en"], "The product")


class SurveyMadeInGermanTest(SurveyApiTestCase):
    def test_a_survey_made_on_the_page_from_a_template_in_german_is_worded_in_german(
        self,
    ) -> None:
        self.login(self.cx_lead)
        made = self.client.post(
            reverse("feedback:survey_create"),
            {
                "template": "touchpoint-csat",
                "name": "Nach der Lieferung",
                "default_language": "de",
                "languages": ["de"],
                "fatigue_days": 30,
            },
        )
        self.assertEqual(made.status_code, 302)
        survey = Survey.objects.get(name="Nach der Lieferung")
        self.assertEqual((survey.default_language, survey.languages), ("de", ["de"]))
        self.assertTrue(all(question.text["de"] for question in survey.questions.all()))
        form = QuestionForm(survey=survey)
        self.assertEqual([field.name for field in form.wording_fields()], ["text_de"])
        self.assertEqual(form.translation_fields(), [])


class OptionLinesTest(SurveyApiTestCase):
    def test_an_option_line_without_the_default_language_names_the_line_and_language(
        self,
    ) -> None:
        survey = self.make_survey(default_language="de", languages=["de", "en", "fr"])
        form = QuestionForm(
            data={
                "kind": "single",
                "text_de": "Was zählt?",
                "page": "1",
                "options": "Preis | Price | Prix\n | Delivery | Livraison",
            },
            survey=survey,
        )
        self.assertFalse(form.is_valid())
        self.assertEqual(len(form.errors["options"]), 1)
        self.assertTrue(str(form.errors["options"][0]).startswith("Line 2 has no German wording."))
        help_text = str(form.fields["options"].help_text)
        self.assertIn("in this order: German | English | French.", help_text)
        self.assertIn("German, the default language, is required", help_text)

    def test_the_german_column_comes_first_and_makes_the_codes(self) -> None:
        options = editing.options_from_lines("Preis | Price\nLieferung", ["de", "en"])
        self.assertEqual(
            options,
            [
                {"value": "preis", "label": {"de": "Preis", "en": "Price"}},
                {"value": "lieferung", "label": {"de": "Lieferung"}},
            ],
        )


class EnglishSurveyTest(SurveyApiTestCase):
    def test_an_english_survey_still_refuses_a_question_without_english(self) -> None:
        survey = self.make_survey(default_language="en", languages=["en", "de"])
        self.login(self.cx_lead)
        count = survey.questions.count()
        refused = self.client.post(
            reverse("feedback:question_create", args=[survey.pk]),
            {"kind": "text", "text_de": "Warum?", "page": 1},
        )
        self.assertEqual(
            refused.context["form"].errors["text_en"],
            ["Word the question in English, the survey's default language."],
        )
        errors = self.errors(
            self.send(
                "post",
                f"/surveys/{survey.pk}/questions",
                self.cx_lead,
                {"kind": "text", "text": {"de": "Warum?"}},
            )
        )
        self.assertEqual(
            errors, {"text.en": "Word the question in English, the survey's default language."}
        )
        self.assertEqual(survey.questions.count(), count)

    def test_an_english_question_is_keyed_by_its_english_as_before(self) -> None:
        survey = self.make_survey(default_language="en", languages=["en", "de"])
        question = editing.question_save(
            actor=self.cx_lead,
            survey=survey,
            values={"kind": "text", "text": {"en": "What else?", "de": "Was noch?"}, "page": 2},
        )
        self.assertEqual(question.key, "what_else")
        self.assertIsInstance(question, Question)


class LocalisedTest(SimpleTestCase):
    def test_a_missing_wording_falls_back_to_the_default_language_then_english_then_any(
        self,
    ) -> None:
        texts = {"fr": "Pourquoi ?", "en": "Why?", "de": "Warum?"}
        self.assertEqual(answers.localised(texts, "fr", "de"), "Pourquoi ?")
        self.assertEqual(answers.localised(texts, "sv", "de"), "Warum?")
        self.assertEqual(answers.localised({"fr": "Pourquoi ?", "en": "Why?"}, "sv", "de"), "Why?")
        self.assertEqual(
            answers.localised({"ja": "", "fr": "Pourquoi ?"}, "sv", "de"), "Pourquoi ?"
        )
        self.assertEqual(answers.localised({}, "sv", "de"), "")
