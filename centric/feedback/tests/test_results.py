"""A survey's results question by question, on its page: the figure with its interval, the spread
of the answers, and only the responses the reader may see."""

from datetime import timedelta
from typing import Any

import polars as pl
from django.urls import reverse
from django.utils import timezone

from centric.customers.models import Customer
from centric.feedback import editing, services
from centric.feedback.models import Answer, Response, Survey
from centric.feedback.results import survey_results
from centric.feedback.tests.test_surveys import SurveyTestCase
from centric.insights.metrics import Nps, estimate
from tests.factories import AccountFactory

SCORES = [10, 10, 9, 9, 9, 8, 7, 6, 3, 0] * 4


class SurveyResultsTest(SurveyTestCase):
    def setUp(self) -> None:
        self.survey = self.open_survey(self.make_survey())
        self.questions = {question.key: question for question in self.survey.questions.all()}
        self.acme = Customer.objects.get(account=self.account)

    def respond(self, customer: Customer, *, submitted: bool = True, **values: Any) -> Response:
        """A response of ``customer`` with the answers ``values`` (by question key)."""
        now = timezone.now()
        response = Response.objects.create(
            organisation=self.org,
            survey=self.survey,
            customer=customer,
            channel="link",
            submitted_at=now if submitted else None,
            responded_at=now if submitted else None,
        )
        for key, value in values.items():
            Answer.objects.create(
                response=response,
                question=self.questions[key],
                number=value if isinstance(value, int) else None,
                choices=value if isinstance(value, list) else [],
                text=value if isinstance(value, str) else "",
            )
        return response

    def results(self, actor: Any = None) -> dict[str, Any]:
        found = survey_results(actor=actor or self.cx_lead, survey=self.survey)
        return {result.question.key: result for result in found}

    def test_the_nps_question_has_its_figure_groups_and_every_answer(self) -> None:
        for score in SCORES:
            self.respond(self.acme, nps=score)
        self.respond(self.acme, submitted=False, nps=0)  # started, not finished: left out

        nps = self.results()["nps"]

        reference = estimate(pl.DataFrame({"nps": SCORES}), Nps())
        assert nps.figure is not None
        self.assertEqual(nps.answered, 40)
        self.assertEqual(
            (nps.figure.value, nps.figure.low, nps.figure.high),
            (reference.value, reference.low, reference.high),
        )
        self.assertEqual(
            [(bar.label, bar.count, bar.share) for bar in nps.groups],
            [("Detractors", 12, 30.0), ("Passives", 8, 20.0), ("Promoters", 20, 50.0)],
        )
        self.assertEqual([bar.label for bar in nps.bars], [str(n) for n in range(11)])
        self.assertEqual(nps.bars[10].count, 8)
        self.assertEqual(nps.bars[5].count, 0)

    def test_a_question_of_several_choices_counts_each_option_among_those_who_answered(
        self,
    ) -> None:
        self.respond(self.acme, nps=9, topics=["delivery", "price"])
        self.respond(self.acme, nps=3, topics=["price"])
        self.respond(self.acme, nps=10)  # skipped the optional question

        topics = self.results()["topics"]

        self.assertEqual(topics.answered, 2)
        self.assertTrue(topics.several)
        shares = {bar.label: (bar.count, bar.share) for bar in topics.bars}
        self.assertEqual(shares["Price and billing"], (2, 100.0))
        self.assertEqual(shares["Delivery"], (1, 50.0))
        self.assertEqual(shares["The product"], (0, 0.0))
        self.assertEqual(
            [bar.label for bar in topics.bars][:2], ["The product", "Our service"]
        )  # in the question's order

    def test_one_choice_and_a_rating_have_their_options_and_average(self) -> None:
        self.survey = self.make_survey(name="Draft")
        editing.question_save(
            actor=self.cx_lead,
            survey=self.survey,
            values={
                "key": "channel",
                "kind": "single",
                "text": {"en": "How did you order?"},
                "options": [
                    {"value": "web", "label": {"en": "Online"}},
                    {"value": "phone", "label": {"en": "By phone"}},
                ],
            },
        )
        editing.question_save(
            actor=self.cx_lead,
            survey=self.survey,
            values={"key": "stars", "kind": "rating", "text": {"en": "Stars?"}, "scale_max": 7},
        )
        self.open_survey(self.survey)
        self.questions = {question.key: question for question in self.survey.questions.all()}
        for channel, stars in (("web", 7), ("web", 6), ("phone", 2)):
            self.respond(self.acme, nps=9, channel=channel, stars=stars)

        results = self.results()

        self.assertEqual(
            [(bar.label, bar.count) for bar in results["channel"].bars],
            [("Online", 2), ("By phone", 1)],
        )
        self.assertFalse(results["channel"].several)
        stars = results["stars"]
        assert stars.figure is not None
        self.assertEqual(stars.figure.value, 5.0)  # (7 + 6 + 2) / 3
        self.assertEqual([bar.label for bar in stars.bars], [str(n) for n in range(1, 8)])

    def test_too_few_answers_give_a_figure_that_says_so(self) -> None:
        self.respond(self.acme, nps=10, best="Quick delivery")
        results = self.results()

        assert results["nps"].figure is not None
        self.assertFalse(results["nps"].figure.reliable)
        self.assertEqual(results["best"].answered, 1)
        self.assertEqual(results["fix_first"].answered, 0)

    def test_a_member_reads_the_answers_of_the_customers_their_teams_serve(self) -> None:
        other = AccountFactory.create(organisation=self.org, name="Globex")
        globex = Customer.objects.get(account=other)
        self.respond(self.acme, nps=10)
        self.respond(globex, nps=0)

        self.assertEqual(self.results(self.cx_lead)["nps"].answered, 2)
        self.assertEqual(self.results(self.owner)["nps"].answered, 1)  # Acme's only
        self.assertEqual(self.results(self.outsider)["nps"].answered, 0)

    def test_the_survey_page_shows_the_results(self) -> None:
        for score in SCORES:
            self.respond(self.acme, nps=score, topics=["delivery"])
        self.respond(self.acme, submitted=False, nps=0)
        self.login(self.cx_lead)

        page = self.client.get(reverse("feedback:survey_detail", args=[self.survey.pk]))

        self.assertIn('<h2 id="results-h" style="margin:0">Results</h2>', page.content.decode())
        self.assertContains(page, "the 1 started but not finished is left out")
        reference = estimate(pl.DataFrame({"nps": SCORES}), Nps())
        self.assertContains(page, f'<span class="stat">{reference.value:.0f}</span>', html=True)
        self.assertContains(page, "Promoters")
        self.assertContains(page, "20 · 50%")
        self.assertContains(page, "40 · 100%")  # everyone chose delivery
        self.assertContains(page, "each could choose several")
        self.assertContains(page, "0 = Not at all likely, 10 = Extremely likely")
        # Insights from the day of the first answer: it counts what the results count
        since = f"survey={self.survey.pk}&amp;days=dates&amp;from={timezone.localdate()}"
        self.assertContains(page, f"/insights/?{since}")
        self.assertContains(page, "data-print>Print or save as PDF</button>")

    def test_a_survey_without_answers_has_no_results_section(self) -> None:
        self.respond(self.acme, submitted=False, nps=3)
        self.login(self.cx_lead)
        page = self.client.get(reverse("feedback:survey_detail", args=[self.survey.pk]))
        self.assertNotContains(page, 'id="results-h"')

    def test_the_latest_responses_are_listed_by_when_they_were_given(self) -> None:
        older = self.respond(self.acme, nps=9, best="Solid parts")
        newer = self.respond(self.acme, nps=4, fix_first="Late again")
        # given last spring, stored now (as an import stores last year's answers)
        given = timezone.now().replace(year=2025, month=4, day=2, hour=10, minute=0)
        Response.objects.filter(pk=older.pk).update(responded_at=given)
        self.login(self.cx_lead)

        page = self.client.get(reverse("feedback:survey_detail", args=[self.survey.pk]))

        self.assertEqual([row["response"] for row in page.context["latest"]], [newer, older])
        self.assertContains(page, timezone.localtime(given).strftime("%-d %b %Y %H:%M"))
        self.assertContains(
            page,
            '<span class="muted" title="Great to hear! What do we do best?">'
            "Great to hear! What do we do best?</span>",
            html=True,
        )
        self.assertContains(page, ">We are sorry to hear that. What is the one thing…</span>")
        # a question's written answers open in the comment explorer, for this survey alone,
        # from its first answer's day (last year's): all of them, not the last 12 months'
        since = f"survey={self.survey.pk}&amp;days=dates&amp;from={timezone.localdate(given)}"
        self.assertContains(page, f"/insights/comments/?{since}")

    def test_the_api_gives_each_questions_results_to_whom_may_see_them(self) -> None:
        for score in SCORES:
            self.respond(self.acme, nps=score, topics=["price"])
        self.login(self.cx_lead)
        results = self.client.get(f"/api/surveys/{self.survey.pk}").json()["results"]
        nps = results[0]
        self.assertEqual((nps["key"], nps["kind"], nps["answered"]), ("nps", "nps", 40))
        self.assertEqual(nps["figure"]["n"], 40)
        self.assertEqual([bar["count"] for bar in nps["groups"]], [12, 8, 20])
        topics = next(result for result in results if result["key"] == "topics")
        self.assertIn({"label": "Price and billing", "count": 40, "share": 100.0}, topics["bars"])
        self.login(self.outsider)  # serves none of Acme
        outsider = self.client.get(f"/api/surveys/{self.survey.pk}").json()["results"]
        self.assertEqual(outsider[0]["answered"], 0)

    def test_a_relationship_surveys_results_can_be_read_wave_by_wave(self) -> None:
        (invitation,), _ = services.invitations_create(
            actor=self.cx_lead, survey=self.survey, contacts=[self.contact]
        )
        answered = self.respond(self.acme, nps=2)
        Response.objects.filter(pk=answered.pk).update(invitation=invitation)
        self.respond(self.acme, nps=10)  # by the open link: in no wave
        self.login(self.cx_lead)
        url = reverse("feedback:survey_detail", args=[self.survey.pk])

        every = self.client.get(url)
        first = self.client.get(url, {"wave": "1"})
        unknown = self.client.get(url, {"wave": "7"})

        self.assertEqual(every.context["results"][0].answered, 2)
        self.assertEqual(first.context["results"][0].answered, 1)
        self.assertEqual(first.context["results"][0].bars[2].count, 1)
        self.assertContains(first, "to wave 1's invitations")
        self.assertContains(
            first, '<a href="?wave=1#results-h" aria-current="page">Wave 1</a>', html=True
        )
        self.assertIsNone(unknown.context["wave"])  # no such wave: every response
        self.assertEqual(unknown.context["results"][0].answered, 2)

    def test_the_results_can_be_read_of_the_answers_given_in_a_period(self) -> None:
        now = timezone.now()
        for days_ago, score in [(200, 0), (100, 3), (40, 9), (5, 10), (1, 10)]:
            given = self.respond(self.acme, nps=score)
            Response.objects.filter(pk=given.pk).update(responded_at=now - timedelta(days=days_ago))
        self.login(self.cx_lead)
        url = reverse("feedback:survey_detail", args=[self.survey.pk])

        def answered(**query: str) -> list[int]:
            page = self.client.get(url, query)
            nps = page.context["results"][0]
            return [bar.count for bar in nps.bars if bar.count]

        self.assertEqual(answered(), [1, 1, 1, 2])
        self.assertEqual(answered(days="90"), [1, 2])
        self.assertEqual(answered(days="30"), [2])
        today = timezone.localdate()
        chosen = {"days": "dates", "from": str(today - timedelta(days=150)), "to": str(today)}
        self.assertEqual(answered(**chosen), [1, 1, 2])
        one_day = {"days": "dates", "from": str(today - timedelta(days=40))}
        one_day["to"] = one_day["from"]
        self.assertEqual(answered(**one_day), [1])

        page = self.client.get(url, chosen)
        label = f"{(today - timedelta(days=150)):%-d %b %Y} to {today:%-d %b %Y}"
        self.assertContains(page, f"given from {label}")
        # the explorer and Insights read the same dates; the waves' links keep them
        self.assertContains(
            page,
            f"survey={self.survey.pk}&amp;days=dates&amp;from={chosen['from']}"
            f"&amp;to={chosen['to']}",
        )
        self.assertContains(page, '<option value="dates" class="between-dates" selected>')
        self.assertContains(self.client.get(url, {"days": "90"}), "given in the last 90 days")
        empty = self.client.get(url, {"days": "dates", "from": str(today), "to": str(today)})
        self.assertContains(empty, "No answers in this period.")

    def test_dates_that_cannot_be_a_period_are_named_and_every_answer_counted(self) -> None:
        self.respond(self.acme, nps=9)
        self.login(self.cx_lead)
        url = reverse("feedback:survey_detail", args=[self.survey.pk])
        tomorrow = timezone.localdate() + timedelta(days=1)
        for query, error in [
            ({"days": "dates", "from": "yesterday"}, "“yesterday” is not a date"),
            ({"days": "dates", "from": str(tomorrow)}, "The period starts after today."),
            ({"days": "dates", "from": "<b>x</b>"}, "“&lt;b&gt;x&lt;/b&gt;” is not a date"),
        ]:
            page = self.client.get(url, query)
            self.assertContains(page, error)
            self.assertContains(page, "Every answer is counted meanwhile.")
            self.assertEqual(page.context["results"][0].answered, 1)
        # a number of days the page does not offer is any time
        self.assertEqual(self.client.get(url, {"days": "7"}).context["selection"].window, None)

    def test_the_waves_links_keep_the_period(self) -> None:
        (invitation,), _ = services.invitations_create(
            actor=self.cx_lead, survey=self.survey, contacts=[self.contact]
        )
        answered = self.respond(self.acme, nps=2)
        Response.objects.filter(pk=answered.pk).update(invitation=invitation)
        self.login(self.cx_lead)
        url = reverse("feedback:survey_detail", args=[self.survey.pk])
        page = self.client.get(url, {"wave": "1", "days": "30"})
        self.assertContains(
            page,
            '<a href="?wave=1&amp;days=30#results-h" aria-current="page">Wave 1</a>',
            html=True,
        )
        self.assertContains(page, '<input type="hidden" name="wave" value="1">', html=True)
        self.assertEqual(page.context["results"][0].answered, 1)

    def test_the_api_gives_the_results_of_a_wave_or_of_dates(self) -> None:
        (invitation,), _ = services.invitations_create(
            actor=self.cx_lead, survey=self.survey, contacts=[self.contact]
        )
        answered = self.respond(self.acme, nps=2)
        Response.objects.filter(pk=answered.pk).update(invitation=invitation)
        old = self.respond(self.acme, nps=10)  # by the open link, 60 days ago
        Response.objects.filter(pk=old.pk).update(responded_at=timezone.now() - timedelta(days=60))
        url = f"/api/surveys/{self.survey.pk}/results"
        today = timezone.localdate()

        self.assertEqual(self.client.get(url).status_code, 401)
        self.login(self.cx_lead)
        every = self.client.get(url).json()
        wave = self.client.get(url, {"wave": 1}).json()
        recent = self.client.get(url, {"start": str(today - timedelta(days=30))}).json()

        self.assertEqual(every["questions"][0]["answered"], 2)
        self.assertEqual((every["wave"], every["start"], every["centricity_index"]), (None,) * 3)
        self.assertEqual((wave["wave"], wave["questions"][0]["answered"]), (1, 1))
        self.assertEqual(recent["questions"][0]["answered"], 1)
        self.assertEqual((recent["start"], recent["end"]), (str(today - timedelta(30)), str(today)))
        refusals: list[tuple[dict[str, str], str, str]] = [
            ({"wave": "2"}, "wave", "This survey has waves 1 to 1."),
            ({"start": str(today + timedelta(days=1))}, "start", "The period starts after today."),
            ({"end": str(today)}, "start", "Give the first day of the period with its last."),
            (
                {"start": str(today), "end": str(today - timedelta(days=1))},
                "end",
                "The last day of the period is before its first.",
            ),
        ]
        for query, parameter, message in refusals:
            refused = self.client.get(url, query)
            self.assertEqual(refused.status_code, 422, query)
            (error,) = refused.json()["detail"]
            self.assertEqual((error["loc"], error["msg"]), (["query", parameter], message))
        # the very ends of the calendar, and a wave far beyond the survey's, are named too
        for query, parameter in [
            ({"start": str(today), "end": "9999-12-31"}, "end"),
            ({"start": "0001-01-01"}, "start"),
            ({"wave": str(10**20)}, "wave"),
        ]:
            refused = self.client.get(url, query)
            self.assertEqual(refused.status_code, 422, query)
            self.assertEqual(refused.json()["detail"][0]["loc"], ["query", parameter])
        # an empty value is no filter
        self.assertEqual(self.client.get(url, {"wave": "", "start": "", "end": ""}).json(), every)
        self.login(self.outsider)  # serves none of Acme: the survey, without its answers
        self.assertEqual(self.client.get(url).json()["questions"][0]["answered"], 0)
        elsewhere = Survey.objects.create(organisation=self.other_org, name="Theirs")
        self.login(self.cx_lead)
        self.assertEqual(self.client.get(f"/api/surveys/{elsewhere.pk}/results").status_code, 404)
