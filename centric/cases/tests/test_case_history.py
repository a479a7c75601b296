"""The case page's "Their feedback over time": every earlier score with the scale it was given
on, since a 4 of 7 and a 4 of 10 mean quite different things."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse

from centric.cases.models import Case
from centric.cases.routing import responses_route
from centric.cases.tests.helpers import detractor_rule, feedback
from centric.core import clock
from centric.customers.models import Customer
from tests.personas import PersonasTestCase


class FeedbackOverTimeTests(PersonasTestCase):
    def test_each_earlier_score_shows_its_scale(self) -> None:
        detractor_rule(self.org.pk)
        acme = Customer.objects.get(account=self.account)
        earlier = clock.now() - dt.timedelta(days=30)
        feedback(
            customer=acme,
            score=4,
            score_type="ces",
            comment="Setting up the export took ages.",
            responded_at=earlier,
        )
        feedback(customer=acme, score=None, comment="Just a note, no score.", responded_at=earlier)
        responses_route(response_ids=[feedback(customer=acme, contact=self.contact, score=2).pk])
        case = Case.objects.get()
        self.login(self.owner)

        page = self.client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()

        history = page[page.index('id="history-h"') : page.index('id="related-h"')]
        items = [
            re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", item)) for item in history.split("<li")
        ]
        (ces,) = [item for item in items if "export took ages" in item]
        self.assertIn("CES (1–7): 4", ces)
        (nps,) = [item for item in items if "(this case)" in item]
        self.assertIn("NPS (0–10): 2", nps)
        (unscored,) = [item for item in items if "no score" in item]
        self.assertNotRegex(unscored, r"\(\d+–\d+\)|Score")
