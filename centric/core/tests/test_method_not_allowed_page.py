"""An address opened with a method it does not take (a form's address opened as a link) shows a
page in the site's layout saying so, where Django's answer is blank; the API answers as before."""

from __future__ import annotations

from django.urls import reverse

from tests.personas import PersonasTestCase


class MethodNotAllowedPageTest(PersonasTestCase):
    def setUp(self) -> None:
        # the method is refused before the survey is looked for
        self.copy = reverse("feedback:survey_copy", args=[1])  # takes a form only
        self.login(self.cx_lead)

    def test_a_form_only_address_opened_as_a_link_says_so_in_the_sites_layout(self) -> None:
        page = self.client.get(self.copy)
        self.assertEqual(page.status_code, 405)
        self.assertEqual(page["Allow"], "POST")
        self.assertContains(page, "<h1>This address only takes a form</h1>", status_code=405)
        self.assertContains(page, "Nothing was changed.", status_code=405)
        self.assertContains(page, '<header class="site-header">', status_code=405)
        self.assertContains(
            page, f'<a href="{reverse("home")}">Back to the home page</a>', status_code=405
        )

    def test_a_form_sent_to_a_page_to_read_says_that_instead(self) -> None:
        page = self.client.post(reverse("feedback:survey_open_link_svg", args=[1]))
        self.assertContains(page, "This address takes no form", status_code=405)

    def test_a_client_that_does_not_read_html_gets_the_bare_answer(self) -> None:
        answer = self.client.get(self.copy, headers={"Accept": "application/json"})
        self.assertEqual((answer.status_code, answer.content), (405, b""))

    def test_the_api_answers_as_it_did(self) -> None:
        answer = self.client.delete("/api/surveys")
        self.assertEqual(answer.status_code, 405)
        self.assertNotIn(b"<html", answer.content)
