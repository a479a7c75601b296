"""What the respondent's pages say around the questions: a number chosen before the page opened
is said to come from where it was chosen (an email, or a page sharing the open link), and the
survey's own words keep their line breaks, escaped."""

from __future__ import annotations

import pytest
from django.urls import reverse

from centric.feedback import services, wording
from centric.feedback.models import Survey
from centric.feedback.tests.test_surveys import SurveyTestCase

# how each language names an email, which a number chosen on a web page, a newsletter or
# from a QR code did not come from
EMAIL_WORDS = ("mail", "correo", "e-post", "メール")


@pytest.mark.parametrize("language", wording.SURVEY_LANGUAGES)
def test_the_open_links_chosen_answer_names_no_email_in_any_language(language: str) -> None:
    words = wording.UI[language]
    assert not any(word in words["suggested"].lower() for word in EMAIL_WORDS), language
    assert any(word in words["suggested_in_email"].lower() for word in EMAIL_WORDS), language
    for button in (words["next"], words["submit"]):
        sentence = words["suggested_in_email"].format(value=7, button=button)
        assert button in sentence
        assert "7" in sentence


class ChosenAnswerTest(SurveyTestCase):
    def setUp(self) -> None:
        self.survey = self.open_survey(self.make_survey(open_link=True))
        self.open_link = reverse("feedback:respond_open", args=[self.survey.public_key])

    def test_the_open_link_says_the_answer_was_chosen_not_that_it_came_from_an_email(
        self,
    ) -> None:
        page = self.client.get(self.open_link, {"answer": "2"})
        self.assertContains(page, "The answer you chose, 2, is marked below.")
        self.assertNotContains(page, "email")
        spanish = self.client.get(self.open_link, {"answer": "2", "lang": "es"})
        self.assertContains(spanish, "La respuesta que eligió, 2, está marcada a continuación.")
        self.assertNotContains(spanish, "correo")

    def test_the_link_of_an_invitation_says_the_answer_came_from_the_email(self) -> None:
        (invitation,), _ = services.invitations_create(
            actor=self.cx_lead, survey=self.survey, contacts=[self.contact]
        )
        page = self.client.get(
            reverse("feedback:respond", args=[invitation.token]), {"answer": "2", "lang": "es"}
        )
        self.assertContains(page, "La respuesta que eligió en el correo electrónico, 2,")


class SurveyWordsTest(SurveyTestCase):
    def setUp(self) -> None:
        self.survey = self.open_survey(self.make_survey(open_link=True))
        Survey.objects.filter(pk=self.survey.pk).update(
            intro={"en": "Two minutes, no more.\nYour answers go to <b>our board</b>."},
            thank_you={"en": "Thank you.\n\nWe read every answer."},
        )
        self.open_link = reverse("feedback:respond_open", args=[self.survey.public_key])

    def test_the_introduction_keeps_its_line_breaks_and_is_escaped(self) -> None:
        self.assertContains(
            self.client.get(self.open_link),
            '<p class="muted">Two minutes, no more.<br>Your answers go to &lt;b&gt;our '
            "board&lt;/b&gt;.</p>",
            html=True,
        )

    def test_the_thanks_keep_their_line_breaks(self) -> None:
        thanks = self.client.get(reverse("feedback:thanks_open", args=[self.survey.public_key]))
        self.assertContains(thanks, "<p>Thank you.<br><br>We read every answer.</p>", html=True)
