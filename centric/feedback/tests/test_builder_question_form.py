"""The question form's page: its fields grouped by the kinds that use them, the other languages'
wordings folded away, and a kind's fields refused on another kind."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

from centric.feedback import editing
from centric.feedback.models import Question
from centric.feedback.tests.test_surveys import SurveyTestCase


def _text(content: bytes) -> str:
    """The page's HTML with its runs of white space as one space."""
    return " ".join(content.decode().split())


class QuestionFormPageTest(SurveyTestCase):
    def setUp(self) -> None:
        self.survey = self.make_survey("touchpoint-csat", name="After delivery")  # 10 languages
        self.add_url = reverse("feedback:question_create", args=[self.survey.pk])

    def add(self, **fields: Any) -> Any:
        return self.client.post(self.add_url, {"text_en": "Which?", "page": 1, **fields})

    def test_only_those_who_manage_surveys_see_the_question_form(self) -> None:
        self.login(self.owner)
        self.assertEqual(self.client.get(self.add_url).status_code, 403)
        self.login(self.cx_lead)
        self.assertEqual(self.client.get(self.add_url).status_code, 200)

    def test_the_fields_of_some_kinds_only_are_grouped_under_headings_that_name_them(
        self,
    ) -> None:
        self.login(self.cx_lead)
        page = _text(self.client.get(self.add_url).content)
        choices = re.search(
            r'<fieldset class="field-group" data-kinds="single multiple"> '
            r"<legend>Choices — for “One choice” and “Several choices”</legend>(.*?)</fieldset>",
            page,
        )
        scale = re.search(
            r'<fieldset class="field-group" data-kinds="rating"> '
            r"<legend>Scale — for ratings</legend>(.*?)</fieldset>",
            page,
        )
        assert choices is not None
        assert scale is not None
        self.assertIn('name="options"', choices[1])
        self.assertIn('name="scale_min"', scale[1])
        self.assertIn('name="scale_max"', scale[1])
        self.assertNotIn('name="options"', scale[1])
        # without the script every group shows; the script, a local file, hides the others
        self.assertNotIn("hidden", choices[0] + scale[0])
        script = static("feedback/question_form.js")  # hashed in production
        self.assertIn(f'<script src="{script}" defer></script>', page)
        self.assertIsNotNone(finders.find("feedback/question_form.js"))

    def test_the_other_languages_wordings_are_folded_away_below_the_default_one(self) -> None:
        self.login(self.cx_lead)
        page = _text(self.client.get(self.add_url).content)
        details = re.search(r'<details class="field-group"( open)?>(.*?)</details>', page)
        assert details is not None
        self.assertIsNone(details[1])  # folded
        self.assertIn("<summary>Translations (9 languages)</summary>", details[2])
        self.assertEqual(details[2].count('name="text_'), 9)
        self.assertNotIn('name="text_en"', details[2])
        self.assertLess(page.index('name="text_en"'), details.start())

    def test_the_translations_unfold_when_one_has_a_wording_or_an_error(self) -> None:
        self.login(self.cx_lead)
        question = editing.question_save(
            actor=self.cx_lead,
            survey=self.survey,
            values={"kind": "text", "text": {"en": "Why?", "de": "Warum?"}, "page": 1},
        )
        edit = reverse("feedback:question_edit", args=[self.survey.pk, question.pk])
        self.assertContains(self.client.get(edit), '<details class="field-group" open>')
        refused = self.add(kind="text", text_ja="長" * 501)
        self.assertEqual(refused.status_code, 200)
        self.assertContains(refused, '<details class="field-group" open>')
        self.assertIn("text_ja", refused.context["form"].errors)

    def test_a_survey_in_another_default_language_keeps_its_wording_beside_the_english(
        self,
    ) -> None:
        survey = self.make_survey("ces", name="Support", default_language="de")
        self.login(self.cx_lead)
        page = _text(self.client.get(reverse("feedback:question_create", args=[survey.pk])).content)
        details = re.search(r"<details class=\"field-group\".*?</details>", page)
        assert details is not None
        self.assertIn("<summary>Translations (8 languages)</summary>", details[0])
        self.assertNotIn('name="text_de"', details[0])
        self.assertLess(page.index('name="text_de"'), details.start())
        self.assertIn("shows the German one", details[0])

    def test_a_kind_is_refused_the_fields_of_another_kind_beside_them(self) -> None:
        self.login(self.cx_lead)
        count = self.survey.questions.count()
        refused = self.add(kind="nps", options="Yes\nNo")
        self.assertEqual(
            refused.context["form"].errors["options"],
            [
                "Only single and multiple choice questions have options, not “Net Promoter "
                "Score (0–10)”: clear them, or choose one of those kinds."
            ],
        )
        refused = self.add(kind="single", options="Yes\nNo", scale_max=7)
        self.assertEqual(
            refused.context["form"].errors["scale_max"],
            [
                "Only a rating question sets its scale, not “One choice”: clear it, or choose “Rating”."
            ],
        )
        self.assertEqual(self.survey.questions.count(), count)
        self.assertEqual(self.add(kind="rating", scale_min=0, scale_max=7).status_code, 302)
        self.assertEqual(self.survey.questions.get(key="which").scale_max, 7)

    def test_a_choice_question_changed_to_a_score_keeps_no_options(self) -> None:
        self.login(self.cx_lead)
        self.add(kind="single", options="Yes\nNo")
        question = self.survey.questions.get(key="which")
        edit = reverse("feedback:question_edit", args=[self.survey.pk, question.pk])
        fields = {"kind": "ces", "text_en": "Which?", "page": 1}
        refused = self.client.post(edit, {**fields, "options": "Yes\nNo"})
        self.assertIn("options", refused.context["form"].errors)
        # what the page's script sends, having disabled the options once the kind changed
        self.assertEqual(self.client.post(edit, fields).status_code, 302)
        question.refresh_from_db()
        self.assertEqual((question.kind, question.options), (Question.Kind.CES, []))
