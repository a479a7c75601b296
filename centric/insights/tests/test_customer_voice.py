"""An account's (or a team's) page says what the customer told us in the last year: its scores,
what its comments speak of and its latest comments, each leading to the comment explorer
filtered to that customer."""

from __future__ import annotations

import datetime as dt

import polars as pl
from django.urls import reverse
from django.utils import timezone

from centric.customers.models import Customer
from centric.feedback.models import Response
from centric.insights.metrics import Nps, estimate
from centric.insights.services import responses_analyse
from tests.factories import AccountFactory
from tests.personas import PersonasTestCase

SCORES = [0, 3, 6, 9, 10]


class CustomerVoiceTest(PersonasTestCase):
    def setUp(self) -> None:
        self.acme = Customer.objects.get(account=self.account)
        self.globex = Customer.objects.get(
            account=AccountFactory.create(organisation=self.org, name="Globex")
        )

    def give(
        self, customer: Customer, score: int | None, comment: str, days_ago: int = 1
    ) -> Response:
        response = Response.objects.create(
            organisation=self.org,
            customer=customer,
            channel="api",
            score=score,
            score_type="nps" if score is not None else "",
            comment=comment,
            responded_at=timezone.now() - dt.timedelta(days=days_ago),
        )
        responses_analyse(response_ids=[response.pk])
        return response

    def test_an_accounts_page_says_what_it_told_us_in_the_last_year(self) -> None:
        for score in SCORES:
            self.give(self.acme, score, "The delivery was late <script>x</script>.")
        self.give(self.acme, 0, "Billing was wrong.", days_ago=400)  # over a year ago
        self.give(self.globex, 0, "Globex hates the portal.")
        self.login(self.owner)

        page = self.client.get(reverse("customers:account_detail", args=[self.account.pk]))

        self.assertContains(page, "What they told us, last 12 months")
        nps = estimate(pl.DataFrame({"nps": SCORES}), Nps())  # 2 promoters, 3 detractors
        self.assertEqual(nps.value, -20.0)
        self.assertContains(page, '<div class="stat">−20</div>', html=True)
        self.assertContains(page, "NPS · n = 5 · too few answers to rely on")
        self.assertContains(page, f"?customer={self.acme.pk}&amp;theme=delivery&amp;days=365")
        self.assertContains(page, "5 of 5")  # negative about delivery, too few for a share
        self.assertContains(page, "&lt;script&gt;x&lt;/script&gt;")
        self.assertNotContains(page, "<script>x</script>")
        self.assertNotContains(page, "Billing was wrong")
        self.assertNotContains(page, "Globex hates")
        self.assertContains(page, "All 5 of their comments")

    def test_the_explorer_keeps_to_one_customer_and_says_so(self) -> None:
        self.give(self.acme, 3, "Acme: the delivery was late.")
        self.give(self.globex, 3, "Globex: the delivery was late.")
        self.login(self.cx_lead)

        found = self.client.get(reverse("insights:comments"), {"customer": self.acme.pk})

        self.assertContains(found, "Acme:")
        self.assertNotContains(found, "Globex:")
        self.assertContains(found, "The comments of")
        everyone = self.client.get(reverse("insights:comments"))
        self.assertContains(everyone, "Globex:")
        # its way to the overview keeps to the customer, and the overview says so
        self.assertContains(found, f"/insights/?days=90&amp;customer={self.acme.pk}")
        overview = self.client.get(reverse("insights:overview"), {"customer": self.acme.pk})
        self.assertContains(overview, "The feedback of")
        self.assertEqual(overview.context["insights"].analysed, 1)

    def test_a_customer_without_feedback_and_a_reader_who_sees_none(self) -> None:
        self.login(self.owner)
        page = self.client.get(reverse("customers:account_detail", args=[self.account.pk]))
        self.assertContains(page, "No feedback from them in the last 12 months that you may see.")
        self.give(self.globex, 3, "Globex: the delivery was late.")
        self.login(self.outsider)  # serves neither: the explorer filtered to Globex shows nothing
        found = self.client.get(reverse("insights:comments"), {"customer": self.globex.pk})
        self.assertNotContains(found, "Globex:")
        self.assertNotContains(found, "The comments of")

    def test_a_teams_page_says_what_it_told_us_as_an_internal_customer(self) -> None:
        support = Customer.objects.get(team=self.team)
        self.give(support, None, "Finance answered our question within the hour, thank you.")
        self.login(self.cx_lead)

        page = self.client.get(reverse("people:team_detail", args=[self.team.pk]))

        self.assertContains(page, "What Customer Success told the teams that serve it")
        self.assertContains(page, "Finance answered our question")
