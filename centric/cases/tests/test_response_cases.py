"""A response's page names the case opened from it, if the reader may see that case."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from centric.cases.tests.test_api import CaseApiTestCase
from centric.customers.models import Customer
from centric.feedback.models import Response


class ResponseCaseTest(CaseApiTestCase):
    def respond(self) -> Response:
        return Response.objects.create(
            organisation=self.org,
            customer=Customer.objects.get(account=self.account),
            channel=Response.Channel.API,
            score=2,
            score_type="nps",
            comment="Late again.",
            responded_at=timezone.now(),
        )

    def page(self, response: Response) -> str:
        url = reverse("feedback:response_detail", args=[response.pk])
        return self.client.get(url).content.decode()

    def test_a_responses_page_links_its_case_for_those_who_may_see_the_case(self) -> None:
        seen, hidden, bare = self.respond(), self.respond(), self.respond()
        case = self.open_case(title="Acme: NPS 2", response=seen)
        # a case of Finance's about an Acme response: Customer Success does not see it
        self.open_case(
            title="Finance checks the invoice",
            response=hidden,
            customer=None,
            owner=self.outsider,
            team=self.finance,
        )

        self.login(self.owner)
        page = self.page(seen)
        self.assertIn("The case opened from it", page)
        self.assertIn(f'<a href="{case.get_absolute_url()}">Acme: NPS 2</a>', page)
        self.assertNotIn("Finance checks the invoice", self.page(hidden))
        self.assertNotIn("opened from it", self.page(bare))

        self.login(self.cx_lead)  # sees every case
        self.assertIn("Finance checks the invoice", self.page(hidden))
