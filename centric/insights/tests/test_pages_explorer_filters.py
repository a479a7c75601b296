"""The comment explorer's filters fold under a summary of those set, so that on a phone the
comments start near the top; the form works as before, with or without JavaScript."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone

from centric.customers.models import Customer
from centric.feedback import services as feedback_services
from centric.feedback.models import Response
from centric.insights import services
from tests.personas import PersonasTestCase


class ExplorerFiltersTest(PersonasTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        response = Response.objects.create(
            organisation=cls.org,
            customer=Customer.objects.get(account=cls.account),
            channel=Response.Channel.API,
            comment="Billing charged me twice and nobody refunded it.",
            responded_at=timezone.now() - dt.timedelta(days=2),
        )
        services.responses_analyse(response_ids=[response.pk])

    def comments(self, **params: Any) -> Any:
        self.login(self.owner)
        return self.client.get(reverse("insights:comments"), params)

    def test_the_filters_are_folded_under_what_is_set(self) -> None:
        page = self.comments(days="30", sentiment="negative", theme="billing")

        self.assertContains(page, '<details class="filter-panel">')  # closed: no "open"
        self.assertContains(
            page,
            '<span id="filters-in-words">Last 30 days · billing · Negative</span>',
            html=True,
        )
        # the form inside it is the same form: every filter, and a button without JavaScript
        form = (
            page.content.decode().split('<details class="filter-panel">')[1].split("</details>")[0]
        )
        for name in (
            "q",
            "theme",
            "sentiment",
            "language",
            "survey",
            "flag",
            "who",
            "segment",
            "days",
            "order",
        ):
            self.assertIn(f'name="{name}"', form)
        self.assertIn('<noscript><button class="btn secondary" type="submit">Filter</button>', form)
        self.assertEqual([row["response"].comment[:7] for row in page.context["rows"]], ["Billing"])

    def test_without_filters_it_gives_the_period_alone(self) -> None:
        self.assertContains(
            self.comments(), '<span id="filters-in-words">Last 90 days</span>', html=True
        )

    def test_every_filter_is_named_as_its_menu_names_it(self) -> None:
        survey = feedback_services.survey_create_from_template(
            actor=self.cx_lead, template="touchpoint-csat", values={"name": "After delivery"}
        )
        page = self.comments(
            q="<b>twice</b>",
            survey=str(survey.pk),
            flag="churn",
            who="external",
            segment=str(self.segment.pk),
            language="de",
            order="oldest",
            week="2026-11-04",
        )
        self.assertContains(
            page,
            '<span id="filters-in-words">Week of 2 Nov 2026 · “&lt;b&gt;twice&lt;/b&gt;” · German '
            f"· After delivery · Churn risk · External customers · {self.segment.name} · Oldest "
            "first</span>",
            html=True,
        )

    def test_chosen_dates_are_named_by_their_days(self) -> None:
        page = self.comments(days="dates", **{"from": "2026-07-01", "to": "2026-09-30"})
        self.assertContains(page, "1 Jul 2026 to 30 Sep 2026</span>")

    def test_results_swapped_by_htmx_bring_the_summary_with_them(self) -> None:
        self.login(self.owner)
        fragment = self.client.get(
            reverse("insights:comments"),
            {"flag": "praise"},
            headers={"HX-Request": "true", "HX-Target": "results"},
        )
        self.assertNotContains(fragment, "<html")
        self.assertContains(
            fragment,
            '<span id="filters-in-words" hx-swap-oob="true">Last 90 days · Praise</span>',
            html=True,
        )
