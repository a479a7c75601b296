"""The survey's page names everything its respondents would read in another language than their
own: questions, but also the options of a choice and the words before and after the survey."""

from __future__ import annotations

from centric.feedback import editing, selectors
from centric.feedback.models import Question, Survey
from centric.feedback.tests.test_surveys import SurveyTestCase


def _text(content: bytes) -> str:
    return " ".join(content.decode().split())


class MissingTranslationsTest(SurveyTestCase):
    def setUp(self) -> None:
        self.survey = self.make_survey("touchpoint-csat", name="Delivery", languages=["en", "de"])
        self.on_time = editing.question_save(
            actor=self.cx_lead,
            survey=self.survey,
            values={
                "kind": "single",
                "text": {"en": "Did it come on time?", "de": "Kam es pünktlich?"},
                "page": 2,
                "options": [
                    {"value": "on-time", "label": {"en": "On time", "de": "Pünktlich"}},
                    {"value": "late", "label": {"en": "Late"}},
                ],
            },
        )

    def test_an_option_without_a_label_in_a_language_is_named(self) -> None:
        missing = selectors.survey_missing_wording(self.survey, self.survey.questions.all())
        self.assertEqual(list(missing), ["de"])
        self.assertEqual(missing["de"].options, ((self.on_time, "Late"),))
        self.assertEqual((missing["de"].questions, missing["de"].parts), ((), ()))
        self.login(self.cx_lead)
        page = _text(self.client.get(self.survey.get_absolute_url()).content)
        edit = f"/surveys/{self.survey.pk}/questions/{self.on_time.pk}/"
        self.assertIn(
            f'1 option has no wording in German: “Late” of <a href="{edit}">“Did it come on '
            "time?”</a>; respondents in that language see the English wording.",
            page,
        )

    def test_the_words_before_and_after_the_survey_are_named_when_a_language_lacks_them(
        self,
    ) -> None:
        Question.objects.filter(pk=self.on_time.pk).delete()
        Survey.objects.filter(pk=self.survey.pk).update(
            intro={"en": "Two minutes, promised."}, thank_you={"en": "Thanks!", "de": "Danke!"}
        )
        self.survey.refresh_from_db()
        missing = selectors.survey_missing_wording(self.survey, self.survey.questions.all())
        self.assertEqual(missing["de"].parts, ("intro",))
        self.login(self.cx_lead)
        page = _text(self.client.get(self.survey.get_absolute_url()).content)
        settings = f"/surveys/{self.survey.pk}/settings/"
        self.assertIn(
            f'<a href="{settings}">The introduction</a> has no wording in German; respondents',
            page,
        )
        Survey.objects.filter(pk=self.survey.pk).update(thank_you={"en": "Thanks!"})
        self.survey.refresh_from_db()
        page = _text(self.client.get(self.survey.get_absolute_url()).content)
        self.assertIn(
            "The introduction and the thank-you message</a> have no wording in German", page
        )

    def test_a_title_given_in_one_language_only_is_named_for_the_others(self) -> None:
        Question.objects.filter(pk=self.on_time.pk).delete()
        Survey.objects.filter(pk=self.survey.pk).update(
            title={"de": "Ihre Lieferung"}, intro={}, thank_you={}
        )
        self.survey.refresh_from_db()
        missing = selectors.survey_missing_wording(self.survey, self.survey.questions.all())
        self.assertEqual(list(missing), ["en"])
        self.assertEqual(missing["en"].parts, ("title",))
        self.login(self.cx_lead)
        page = _text(self.client.get(self.survey.get_absolute_url()).content)
        self.assertIn("The title respondents read</a> has no wording in English", page)

    def test_a_survey_with_no_words_before_or_after_it_lacks_none(self) -> None:
        Survey.objects.filter(pk=self.survey.pk).update(intro={}, thank_you={})
        self.survey.refresh_from_db()
        missing = selectors.survey_missing_wording(self.survey, [])
        self.assertEqual(missing, {})

    def test_a_question_and_an_option_missing_are_said_in_one_message(self) -> None:
        editing.question_save(
            actor=self.cx_lead,
            survey=self.survey,
            values={"kind": "text", "text": {"en": "Anything else?"}, "page": 2},
        )
        self.open_survey(self.survey)  # its questions are fixed now: named, not linked
        self.login(self.viewer)
        page = _text(self.client.get(self.survey.get_absolute_url()).content)
        self.assertIn(
            "1 question has no wording in German: “Anything else?”; 1 option has no wording in "
            "German: “Late” of “Did it come on time?”; respondents in that language see the "
            "English wording.",
            page,
        )
        self.assertEqual(page.count("no wording in"), 2)
