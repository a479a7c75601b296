"""A survey's open link as its page shares it: the link, a QR code to print (SVG and PNG), and
the HTML that asks the opening score question on another web page or in a newsletter."""

import io

import segno
from django.urls import reverse

from centric.feedback import editing
from centric.feedback.models import Survey
from centric.feedback.tests.test_surveys import SurveyTestCase


class OpenLinkSharingTest(SurveyTestCase):
    def setUp(self) -> None:
        self.survey = self.open_survey(self.make_survey(name="At the counter", open_link=True))
        self.link = "http://testserver" + reverse(
            "feedback:respond_open", args=[self.survey.public_key]
        )

    def qr(self, survey: Survey, kind: str) -> str:
        return reverse(f"feedback:survey_open_link_{kind}", args=[survey.pk])

    def test_the_page_shows_the_link_its_qr_code_and_the_html_that_asks_the_first_question(
        self,
    ) -> None:
        self.login(self.cx_lead)
        page = self.client.get(self.survey.get_absolute_url())
        self.assertContains(page, f"<code>{self.link}</code>", html=True)
        self.assertContains(page, f'<img src="{self.qr(self.survey, "svg")}"')
        self.assertContains(page, f'href="{self.qr(self.survey, "png")}" download')
        snippets = page.context["open_link_snippets"]
        self.assertEqual([code for code, _, _ in snippets], self.survey.languages)
        code, name, snippet = snippets[0]  # the survey's default language first
        self.assertEqual((code, name), ("en", "English"))
        for number in range(11):
            self.assertIn(f'<a href="{self.link}?lang=en&amp;answer={number}"', snippet)
        self.assertIn("How likely are you to recommend", snippet)
        # in the page, the HTML is text to copy, not markup
        self.assertContains(page, f"&lt;a href=&quot;{self.link}?lang=en&amp;amp;answer=9&quot;")

    def test_the_html_asks_the_first_question_in_each_of_the_surveys_languages(self) -> None:
        self.login(self.cx_lead)
        page = self.client.get(self.survey.get_absolute_url())
        german = dict((code, html) for code, _, html in page.context["open_link_snippets"])["de"]
        self.assertIn("Wie wahrscheinlich", german)
        self.assertIn("Äußerst wahrscheinlich", german)  # the scale's ends in German too
        self.assertContains(page, '<label for="open-link-snippet-de">German</label>', html=True)
        # a number in it opens the survey in German with that number marked
        self.client.logout()
        answer = self.client.get(f"{self.link}?lang=de&answer=9", follow=True)
        self.assertContains(answer, 'lang="de"')
        self.assertContains(answer, 'value="9" checked')

    def test_a_survey_in_one_language_shares_its_html_without_a_language(self) -> None:
        survey = self.make_survey(name="English only", open_link=True, languages=["en"])
        self.login(self.cx_lead)
        [(code, _, snippet)] = self.client.get(survey.get_absolute_url()).context[
            "open_link_snippets"
        ]
        self.assertEqual(code, "en")
        link = "http://testserver" + reverse("feedback:respond_open", args=[survey.public_key])
        self.assertIn(f'<a href="{link}?answer=9"', snippet)

    def test_the_qr_code_holds_the_open_link(self) -> None:
        self.login(self.viewer)  # anyone who may read the survey
        png = self.client.get(self.qr(self.survey, "png"))
        self.assertEqual(png["Content-Type"], "image/png")
        expected = io.BytesIO()
        segno.make(self.link, error="m").save(expected, kind="png", scale=12, border=2)
        self.assertEqual(png.content, expected.getvalue())
        svg = self.client.get(self.qr(self.survey, "svg"))
        self.assertEqual(svg["Content-Type"], "image/svg+xml")
        self.assertIn(b"<title>At the counter</title>", svg.content)
        self.assertIn(
            f'filename="survey-{self.survey.pk}-open-link.svg"', svg["Content-Disposition"]
        )

    def test_a_survey_name_in_the_qr_code_is_escaped(self) -> None:
        survey = self.make_survey(name='<script>alert("x")</script>', open_link=True)
        self.login(self.cx_lead)
        svg = self.client.get(self.qr(survey, "svg")).content.decode()
        self.assertNotIn("<script>", svg)
        self.assertIn("&lt;script&gt;", svg)

    def test_a_survey_without_an_open_link_has_no_qr_code(self) -> None:
        survey = self.make_survey(name="By invitation only")
        self.login(self.cx_lead)
        self.assertNotContains(self.client.get(survey.get_absolute_url()), "QR code")
        self.assertEqual(self.client.get(self.qr(survey, "svg")).status_code, 404)
        self.assertEqual(self.client.get(self.qr(survey, "png")).status_code, 404)

    def test_a_survey_that_opens_with_another_kind_of_question_shares_no_html(self) -> None:
        survey = self.make_survey(name="Roles first", open_link=True)
        first = editing.question_save(
            actor=self.cx_lead,
            survey=survey,
            values={"kind": "text", "text": {"en": "Your role?", "de": "Ihre Rolle?"}, "page": 1},
        )
        editing.question_move(actor=self.cx_lead, question=first, up=True)
        self.login(self.cx_lead)
        page = self.client.get(survey.get_absolute_url())
        self.assertContains(page, "QR code of the open link")
        self.assertNotContains(page, "Ask the first question on your own web page")

    def test_another_organisation_and_anonymous_visitors_get_no_qr_code(self) -> None:
        url = self.qr(self.survey, "png")
        response = self.client.get(url)
        self.assertRedirects(response, f"/login/?next={url}", fetch_redirect_response=False)
        self.login(self.stranger)
        self.assertEqual(self.client.get(url).status_code, 404)
        self.login(self.cx_lead)
        self.assertEqual(self.client.post(url).status_code, 405)
