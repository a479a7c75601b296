"""What the answers to a free-text question speak of, on its survey's results: each theme the
engine found in them, how many answers speak of it and how many are negative about it."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from centric.core.periods import Window
from centric.customers.models import Customer
from centric.feedback import services
from centric.feedback.models import Answer, Response
from centric.feedback.results import Selection
from centric.feedback.tests.test_surveys import SurveyTestCase
from centric.insights.selectors import answer_themes
from centric.insights.services.analysis import responses_analyse
from centric.people.models import User
from tests.factories import AccountFactory

LATE = "The delivery was two weeks late and nobody told us."
BILLING = "The invoice was wrong again and we were charged twice."
KIND = "Delivery was quick and the driver was careful."


class AnswerThemesTest(SurveyTestCase):
    def setUp(self) -> None:
        self.survey = self.open_survey(self.make_survey())
        self.questions = list(self.survey.questions.all())
        self.by_key = {question.key: question for question in self.questions}
        self.acme = Customer.objects.get(account=self.account)

    def respond(
        self, customer: Customer | None = None, *, submitted: bool = True, **answers: object
    ) -> Response:
        """A response with ``answers`` (by question key), its comment made as a respondent's
        is, then read by the engine."""
        now = timezone.now()
        response = Response(
            organisation=self.org,
            survey=self.survey,
            customer=customer or self.acme,
            channel="link",
            submitted_at=now if submitted else None,
            responded_at=now if submitted else None,
        )
        services.response_summarise(response=response, questions=self.questions, answers=answers)
        response.save()
        for key, value in answers.items():
            Answer.objects.create(
                response=response,
                question=self.by_key[key],
                number=value if isinstance(value, int) else None,
                text=value if isinstance(value, str) else "",
            )
        responses_analyse(response_ids=[response.pk])
        return response

    def themes(self, key: str, actor: User | None = None) -> dict[str, tuple[int, int]]:
        found = answer_themes(actor=actor or self.cx_lead, question=self.by_key[key])
        return {row.theme: (row.volume, row.negative_count) for row in found.themes}

    def test_each_theme_is_counted_with_the_answers_negative_about_it(self) -> None:
        for _ in range(3):
            self.respond(nps=2, fix_first=LATE)
        self.respond(nps=3, fix_first=BILLING)
        self.respond(nps=1, fix_first="Servicen var mycket dålig.")  # Swedish: not read
        self.respond(nps=0)  # no answer to this question
        self.respond(submitted=False, nps=0, fix_first=LATE)  # not sent: not counted

        found = answer_themes(actor=self.cx_lead, question=self.by_key["fix_first"])

        self.assertEqual((found.answered, found.read, found.themed), (5, 4, 4))
        delivery = next(row for row in found.themes if row.theme == "delivery")
        self.assertEqual((delivery.volume, delivery.negative_count, delivery.share), (3, 3, 75.0))
        self.assertEqual(found.themes[-1].volume, 1)  # most spoken of first
        self.assertEqual(self.themes("fix_first")["billing"], (1, 1))

    def test_an_answer_beside_others_gives_only_the_themes_found_in_it(self) -> None:
        # one response answering two free-text questions: its comment holds both answers
        both = self.respond(nps=5, fix_first=BILLING, improve=KIND)
        self.assertIn(BILLING, both.comment)
        self.assertIn(KIND, both.comment)

        fix_first = self.themes("fix_first")
        improve = self.themes("improve")

        self.assertIn("billing", fix_first)
        self.assertNotIn("delivery", fix_first)
        self.assertEqual(improve, {"delivery": (1, 0)})

    def test_only_the_answers_of_customers_the_reader_may_see_are_counted(self) -> None:
        globex = Customer.objects.get(
            account=AccountFactory.create(organisation=self.org, name="Globex")
        )
        self.respond(self.acme, nps=2, fix_first=LATE)
        self.respond(globex, nps=2, fix_first=BILLING)

        self.assertLessEqual({"delivery", "billing"}, set(self.themes("fix_first")))
        self.assertNotIn("billing", self.themes("fix_first", self.owner))  # Acme's only
        self.assertIn("delivery", self.themes("fix_first", self.owner))
        self.assertEqual(self.themes("fix_first", self.outsider), {})

    def test_the_survey_page_shows_what_the_answers_speak_of_escaped(self) -> None:
        self.respond(nps=2, fix_first=LATE)
        self.respond(nps=9, best="<script>alert(1)</script> nothing to say")
        self.login(self.cx_lead)

        page = self.client.get(reverse("feedback:survey_detail", args=[self.survey.pk]))

        self.assertContains(page, "What the answers speak of")
        since = f"survey={self.survey.pk}&amp;days=dates&amp;from={timezone.localdate()}"
        self.assertContains(page, f"/insights/comments/?{since}&amp;theme=delivery")
        self.assertContains(
            page, f"/insights/comments/?{since}&amp;theme=delivery&amp;sentiment=negative"
        )
        self.assertContains(page, "1 of 1")  # too few answers for a share of negative ones
        self.assertContains(page, "None of the 1 answer the engine has read speaks of a theme")
        self.assertNotContains(page, "<script>alert(1)")

    def test_an_outsider_sees_no_themes_on_the_survey_page(self) -> None:
        self.respond(nps=2, fix_first=LATE)
        self.login(self.outsider)

        page = self.client.get(reverse("feedback:survey_detail", args=[self.survey.pk]))

        self.assertNotContains(page, "What the answers speak of")

    def test_the_themes_are_of_the_answers_given_in_the_period_the_results_read(self) -> None:
        old = self.respond(nps=2, fix_first=BILLING)
        Response.objects.filter(pk=old.pk).update(responded_at=timezone.now() - timedelta(days=60))
        self.respond(nps=2, fix_first=LATE)
        recent = Selection(window=Window.last(30))

        found = answer_themes(actor=self.cx_lead, question=self.by_key["fix_first"])
        lately = answer_themes(
            actor=self.cx_lead, question=self.by_key["fix_first"], selection=recent
        )

        self.assertLessEqual({"billing", "delivery"}, {row.theme for row in found.themes})
        self.assertNotIn("billing", {row.theme for row in lately.themes})
        self.assertEqual((lately.answered, lately.read), (1, 1))
        self.login(self.cx_lead)
        page = self.client.get(
            reverse("feedback:survey_detail", args=[self.survey.pk]), {"days": "30"}
        )
        self.assertContains(page, f"/insights/comments/?survey={self.survey.pk}&amp;days=30")
        self.assertNotContains(page, "theme=billing")
        api = self.client.get(
            f"/api/insights/surveys/{self.survey.pk}/themes",
            {"start": str(timezone.localdate() - timedelta(days=29))},
        )
        fix_first = next(row for row in api.json() if row["key"] == "fix_first")
        self.assertEqual(fix_first["answered"], 1)
        refused = self.client.get(
            f"/api/insights/surveys/{self.survey.pk}/themes",
            {"start": str(timezone.localdate() + timedelta(days=1))},
        )
        self.assertEqual(refused.status_code, 422)
        self.assertIn("The period starts after today.", refused.content.decode())
