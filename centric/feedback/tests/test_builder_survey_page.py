"""The survey's page and forms as staff read them: the questions lacking a language in one
message, answers labelled by their question's wording, the reminder offered only when the
service would send it, and empty choices that say what they mean."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock
from zoneinfo import ZoneInfo

from django.templatetags.static import static
from django.urls import reverse
from django.utils import dateformat, timezone

from centric.feedback import editing, selectors, services
from centric.feedback.models import Invitation, Question
from centric.feedback.tests.test_surveys import SurveyTestCase


def _text(content: bytes) -> str:
    """The page's HTML with its runs of white space as one space."""
    return " ".join(content.decode().split())


class MissingWordingTest(SurveyTestCase):
    def test_the_languages_a_question_lacks_are_named_in_one_message(self) -> None:
        survey = self.make_survey()  # in every language a survey can be written in
        question = editing.question_save(
            actor=self.cx_lead,
            survey=survey,
            values={"kind": "text", "text": {"en": "Anything <else>?"}, "page": 2},
        )
        self.login(self.cx_lead)
        page = _text(self.client.get(survey.get_absolute_url()).content)
        edit = reverse("feedback:question_edit", args=[survey.pk, question.pk])
        self.assertIn(
            '<ul class="messages"> <li> 1 question has no wording in German, French, Spanish, '
            "Italian, Dutch, Portuguese, Polish, Swedish and Japanese (9 languages): "
            f'<a href="{edit}">“Anything &lt;else&gt;?”</a>; respondents in those languages '
            "see the English wording. </li> </ul>",
            page,
        )
        self.assertEqual(page.count("no wording in"), 1)

    def test_languages_that_lack_different_questions_are_named_apart(self) -> None:
        survey = self.make_survey(languages=["en", "de", "fr", "ja"])
        for text in ({"en": "First", "de": "Erste", "fr": "Première"}, {"en": "Second"}):
            editing.question_save(
                actor=self.cx_lead, survey=survey, values={"kind": "text", "text": text, "page": 2}
            )
        self.open_survey(survey)  # its questions are fixed now: named, not linked
        self.login(self.viewer)
        page = _text(self.client.get(survey.get_absolute_url()).content)
        self.assertIn(
            "1 question has no wording in German and French: “Second”; 2 questions have no "
            "wording in Japanese: “First”, “Second”; respondents in those languages see the "
            "English wording.",
            page,
        )

    def test_a_survey_in_another_language_says_which_wording_its_respondents_see(self) -> None:
        survey = self.make_survey("ces", name="Support", default_language="de")
        editing.question_save(
            actor=self.cx_lead,
            survey=survey,
            values={"kind": "text", "text": {"en": "Why?"}, "page": 2},
        )
        self.login(self.cx_lead)
        self.assertContains(
            self.client.get(survey.get_absolute_url()),
            "see the German wording, or the English where that is missing too.",
        )

    def test_a_survey_worded_in_its_default_language_says_no_more_than_that(self) -> None:
        survey = self.make_survey("ces", name="Support", default_language="de")
        survey.languages = ["de", "fr"]
        survey.save()
        editing.question_save(
            actor=self.cx_lead,
            survey=survey,
            values={"kind": "text", "text": {"de": "Warum?"}, "page": 2},
        )
        self.login(self.cx_lead)
        page = self.client.get(survey.get_absolute_url())
        self.assertContains(page, "see the German wording.")
        self.assertNotContains(page, "or the English where that is missing too")


class LatestResponsesTest(SurveyTestCase):
    def setUp(self) -> None:
        self.survey = self.open_survey(self.make_survey())
        (invitation,), _ = services.invitations_create(
            actor=self.cx_lead, survey=self.survey, contacts=[self.contact]
        )
        url = reverse("feedback:respond", args=[invitation.token])
        self.client.post(url, {"page": "1", "nps": "3"})
        self.client.post(url, {"page": "2", "fix_first": "Invoices <b>late</b>"})

    def test_each_answer_is_labelled_by_its_question_s_wording_in_short(self) -> None:
        self.login(self.owner)
        page = self.client.get(self.survey.get_absolute_url())
        self.assertContains(
            page,
            '<span class="muted" title="How likely are you to recommend us to a friend or '
            'colleague?">How likely are you to recommend us to a friend…</span> 3',
        )
        self.assertContains(
            page,
            '<span class="muted" title="We are sorry to hear that. What is the one thing we '
            'should fix first?">We are sorry to hear that. What is the one thing…</span> '
            "Invoices &lt;b&gt;late&lt;/b&gt;",
        )
        self.assertNotContains(page, "Invoices <b>")
        self.assertNotContains(page, "fix first:")

    def test_the_table_stacks_on_a_phone_with_each_cell_labelled(self) -> None:
        self.login(self.owner)
        page = _text(self.client.get(self.survey.get_absolute_url()).content)
        table = page[page.index('<section id="latest-responses"') :]
        self.assertIn('<table class="stacks" aria-labelledby="latest-responses-h">', table)
        body = table[table.index("<tbody>") :]
        row = body[: body.index("</tr>")]
        for label in ("When", "Customer", "Channel", "Answers"):
            self.assertIn(f'<td data-label="{label}">', row)
        self.assertEqual(row.count("<td"), 4)  # every cell is labelled

    def test_the_free_text_result_leads_to_the_table_it_says_is_below(self) -> None:
        self.login(self.owner)
        page = self.client.get(self.survey.get_absolute_url())
        self.assertContains(page, 'Read the latest <a href="#latest-responses">below</a>')
        self.assertContains(page, '<section id="latest-responses"', count=1)

    def test_a_question_without_wording_is_labelled_by_its_key(self) -> None:
        Question.objects.filter(survey=self.survey, key="fix_first").update(text={})
        self.login(self.owner)
        self.assertContains(
            self.client.get(self.survey.get_absolute_url()),
            '<span class="muted" title="fix_first">fix_first:</span> Invoices',
        )


class ReminderButtonTest(SurveyTestCase):
    BUTTON = ">Send one reminder…</a>"

    def setUp(self) -> None:
        self.survey = self.open_survey(self.make_survey())
        self.url = self.survey.get_absolute_url()

    def test_a_survey_that_has_emailed_nobody_offers_no_reminder(self) -> None:
        self.login(self.cx_lead)
        page = self.client.get(self.url)
        self.assertNotContains(page, self.BUTTON)
        self.assertNotContains(page, "reminder can go")

    def test_the_reminder_is_offered_once_an_invitation_is_due_one_as_the_service_says(
        self,
    ) -> None:
        services.invitations_create(actor=self.cx_lead, survey=self.survey, contacts=[self.contact])
        services.invitations_send(survey_id=self.survey.pk)
        sent_at = Invitation.objects.get().sent_at
        assert sent_at is not None
        due_at = timezone.make_naive(
            sent_at + selectors.REMINDER_AFTER, ZoneInfo(self.org.time_zone)
        )
        self.login(self.cx_lead)
        page = self.client.get(self.url)
        self.assertNotContains(page, self.BUTTON)
        self.assertContains(
            page,
            f"a reminder can go from {dateformat.format(due_at, 'j M, H:i')} to those who have "
            "not answered by then",
        )
        later = timezone.now() + timedelta(days=4)
        with mock.patch("centric.core.clock.now", return_value=later):
            page = self.client.get(self.url)
            self.assertContains(page, self.BUTTON)
            self.assertContains(page, "1 due a reminder")
            send = reverse("feedback:survey_send", args=[self.survey.pk])
            with self.captureOnCommitCallbacks(execute=True):
                self.client.post(send, {"what": "reminders"})
            self.assertIsNotNone(Invitation.objects.get().reminded_at)
            page = self.client.get(self.url)
            self.assertNotContains(page, self.BUTTON)
            self.assertContains(page, "nobody is waiting for a reminder")

    def test_only_those_who_send_invitations_are_offered_the_reminder(self) -> None:
        services.invitations_create(actor=self.cx_lead, survey=self.survey, contacts=[self.contact])
        services.invitations_send(survey_id=self.survey.pk)
        later = timezone.now() + timedelta(days=4)
        with mock.patch("centric.core.clock.now", return_value=later):
            self.login(self.owner)
            page = self.client.get(self.url)
            self.assertNotContains(page, self.BUTTON)
            self.assertNotContains(page, "due a reminder")
            send = reverse("feedback:survey_send", args=[self.survey.pk])
            self.assertEqual(self.client.post(send, {"what": "reminders"}).status_code, 403)
            self.login(self.cx_lead)
            self.assertContains(self.client.get(self.url), self.BUTTON)


class EmptyChoicesTest(SurveyTestCase):
    def test_the_survey_forms_say_what_an_empty_choice_means(self) -> None:
        self.login(self.cx_lead)
        created = self.client.get(reverse("feedback:survey_create"))
        survey = self.make_survey()
        settings = self.client.get(reverse("feedback:survey_edit", args=[survey.pk]))
        for page in (created, settings):
            self.assertContains(page, '<option value="" selected>No stage</option>')
            self.assertContains(page, '<option value="" selected>No touchpoint</option>')
            self.assertNotContains(page, "---------")
        self.assertContains(
            created, '<option value="" selected>No team: a survey of customers</option>'
        )


class TemplatePreviewTest(SurveyTestCase):
    def test_each_template_shows_what_it_asks_before_it_is_chosen(self) -> None:
        self.login(self.cx_lead)

        page = _text(self.client.get(reverse("feedback:survey_create")).content)

        self.assertIn("What it asks: 5 questions", page)
        self.assertIn(
            "How likely are you to recommend us to a friend or colleague? "
            '<span class="muted">· Net Promoter Score (0–10)</span>',
            page,
        )
        self.assertIn(
            "What would make you more likely to recommend us? "
            '<span class="muted">· Free text, optional, after a score of 7–8</span>',
            page,
        )
        self.assertIn('They listen to what we need <span class="muted">· Rating (1–5)</span>', page)
        # each choice is still the radio button the form reads, labelled by its template
        self.assertIn('name="template" value="customer-centricity"', page)
        created = self.client.post(
            reverse("feedback:survey_create"),
            {
                "template": "touchpoint-csat",
                "name": "After delivery",
                "default_language": "en",
                "languages": ["en"],
                "fatigue_days": 30,
            },
        )
        self.assertEqual(created.status_code, 302)

    def test_a_form_without_a_template_says_so_by_the_templates(self) -> None:
        self.login(self.cx_lead)

        refused = self.client.post(reverse("feedback:survey_create"), {"name": "No template"})

        self.assertEqual(refused.context["form"].errors["template"], ["This field is required."])
        self.assertContains(refused, "This field is required.")


class InviteListTest(SurveyTestCase):
    def test_accounts_and_segments_are_ticked_in_lists_that_say_whom_each_invites(self) -> None:
        survey = self.open_survey(self.make_survey())
        self.login(self.cx_lead)
        page = _text(self.client.get(survey.get_absolute_url()).content)
        self.assertIn(
            f'<input type="checkbox" name="accounts" value="{self.account.pk}" '
            'class="choice-columns choice-list" id="id_accounts_0"> Acme · 1 contact</label>',
            page,
        )
        self.assertIn("Enterprise · 1 account</label>", page)
        self.assertIn(f"{self.team.name} · {self.team.members.count()} member", page)
        self.assertIn(static("feedback/choice_filter.js"), page)  # hashed in production
