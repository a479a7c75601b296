"""The contact and account lists become one block per row on a phone (``table.stacks``), each
cell named by its column, so a contact's channel and language are read without scrolling."""

from __future__ import annotations

from django.urls import reverse

from tests.personas import PersonasTestCase


class PhoneTablesTest(PersonasTestCase):
    def test_the_contact_list_names_each_contacts_channel_and_language(self) -> None:
        self.contact.preferred_channel = "phone"
        self.contact.language = "pt"
        self.contact.job_title = "Head of Procurement"
        self.contact.save()
        self.login(self.owner)

        response = self.client.get(reverse("customers:contact_list"))

        self.assertContains(response, '<table class="stacks">')
        for cell in (
            '<td data-label="Channel">Phone</td>',
            '<td data-label="Language">Portuguese</td>',
            '<td data-label="Job title">Head of Procurement</td>',
        ):
            self.assertContains(response, cell, html=True)

    def test_the_account_list_names_each_accounts_figures(self) -> None:
        self.login(self.owner)

        response = self.client.get(reverse("customers:account_list"))

        self.assertContains(response, '<table class="stacks">')
        self.assertContains(response, '<td data-label="Segment">Enterprise</td>', html=True)
        self.assertContains(response, '<td class="num" data-label="Contacts">1</td>', html=True)
