"""The Insights pages count in words that agree with the count: "1 comment", "2 comments"."""

from __future__ import annotations

import datetime as dt

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from centric.customers.models import Customer
from centric.feedback.models import Response
from centric.insights import services
from centric.insights.models import Reanalysis
from centric.insights.selectors import AnswerTheme, AnswerThemes
from tests.personas import PersonasTestCase


class PluralsTest(PersonasTestCase):
    def comment(self, text: str) -> Response:
        response = Response.objects.create(
            organisation=self.org,
            customer=Customer.objects.get(account=self.account),
            channel=Response.Channel.API,
            comment=text,
            responded_at=timezone.now() - dt.timedelta(days=1),
        )
        services.responses_analyse(response_ids=[response.pk])
        return response

    def test_one_comment_analysed_is_one_comment(self) -> None:
        self.comment("The delivery was late.")
        self.login(self.owner)

        page = self.client.get(reverse("insights:overview"))

        self.assertContains(page, "1 comment analysed in this period")
        self.assertNotContains(page, "1 comments")
        self.comment("The invoice was wrong.")
        self.assertContains(
            self.client.get(reverse("insights:overview")), "2 comments analysed in this period"
        )

    def test_a_reanalysis_of_one_comment_says_comment(self) -> None:
        Reanalysis.objects.create(
            organisation=self.org, reason="r", version="v", status="running", total=1, done=0
        )
        self.login(self.owner)
        self.assertContains(
            self.client.get(reverse("insights:reanalysis")), "0 of 1 comment read again"
        )

    def test_a_customer_with_one_comment_has_their_one_comment(self) -> None:
        self.comment("The delivery was late.")
        self.login(self.owner)

        page = self.client.get(reverse("customers:account_detail", args=[self.account.pk]))

        self.assertContains(page, "Their one comment</a>, with what the engine read in it.")
        self.assertNotContains(page, "All 1 of their comments")

    def test_one_answer_that_speaks_of_a_theme_speaks(self) -> None:
        found = AnswerThemes(
            answered=1, read=1, themed=1, themes=[AnswerTheme("delivery", 1, 100.0, 1)]
        )
        html = render_to_string(
            "insights/_answer_themes.html",
            {"found": found, "rows": [(found.themes[0], "")], "more": 0, "unread": 0},
        )
        self.assertIn("Shares of the 1 answer the engine has read: 1 speaks of some theme", html)
