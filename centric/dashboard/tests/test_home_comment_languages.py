"""The latest comments on the home page are each marked with the language they are written in,
so that a screen reader reads a German comment in German rather than in English."""

from __future__ import annotations

from django.urls import reverse

from centric.cases.tests.helpers import feedback
from centric.customers.models import Customer
from tests.personas import PersonasTestCase


class CommentLanguageTest(PersonasTestCase):
    def test_each_latest_comment_is_marked_with_its_language(self) -> None:
        acme = Customer.objects.get(account=self.account)
        feedback(customer=acme, comment="Die Lieferung kam zu spät.", language="de")
        feedback(customer=acme, comment="Everything arrived on time.", language="en", score=9)
        self.login(self.cx_lead)
        page = self.client.get(reverse("home"))
        self.assertContains(page, '<span lang="de">Die Lieferung kam zu spät.</span></a>')
        self.assertContains(page, '<span lang="en">Everything arrived on time.</span></a>')
