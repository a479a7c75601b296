"""The invitation's page welcomes the invitee to their organisation, a reset keeps its own
heading, and "Forgotten your password?" sends someone not yet joined a fresh invitation."""

import re

from django.core import mail
from django.http.response import HttpResponseBase
from django.urls import reverse

from centric.core.models import Role
from centric.people.services import person_create
from tests.personas import PersonasTestCase

CARL = {
    "first_name": "Carl",
    "email": "carl@northwind.example",
    "role": Role.MEMBER,
    "language": "en",
    "time_zone": "UTC",
}


class InvitationPageTest(PersonasTestCase):
    def follow_the_link(self) -> HttpResponseBase:
        link = re.search(r"http://[^/\s]+(/reset/\S+/)", str(mail.outbox[-1].body))
        assert link is not None
        return self.client.get(link.group(1), follow=True)

    def test_an_invitee_is_welcomed_to_the_organisation(self) -> None:
        person_create(actor=self.admin, values=CARL)
        page = self.follow_the_link()
        self.assertContains(page, "<h1>Welcome to Northwind</h1>", html=True)
        self.assertNotContains(page, "Choose a new password")

    def test_a_reset_keeps_its_own_heading(self) -> None:
        self.client.post(reverse("password_reset"), {"email": "owner@northwind.example"})
        page = self.follow_the_link()
        self.assertContains(page, "<h1>Choose a new password</h1>", html=True)
        self.assertNotContains(page, "Welcome")

    def test_forgotten_your_password_sends_an_invitee_a_fresh_invitation(self) -> None:
        person_create(actor=self.admin, values=CARL)
        mail.outbox.clear()
        response = self.client.post(reverse("password_reset"), {"email": "carl@northwind.example"})
        self.assertRedirects(response, reverse("password_reset_done"))
        self.assertEqual(mail.outbox[0].subject, "Your invitation to Northwind on Centric")
        self.assertContains(self.follow_the_link(), "Welcome to Northwind")
