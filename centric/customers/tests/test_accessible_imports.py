"""An import's progress as a screen reader hears it: the page's one live region says what the
import came to once it ends, not every second the page polls."""

from __future__ import annotations

from django.urls import reverse

from centric.customers.models import ImportJob
from tests.personas import PersonasTestCase

HTMX = {"HX-Request": "true", "HX-Target": "results"}


class ImportStatusTest(PersonasTestCase):
    def test_the_import_is_said_once_it_is_done_not_at_every_poll(self) -> None:
        job = ImportJob.objects.create(
            organisation=self.org,
            created_by=self.admin,
            kind="accounts",
            file_name="accounts.csv",
            content=b"Name\nGlobex\n",
            status="importing",
        )
        self.login(self.admin)
        url = reverse("customers:import_detail", args=[job.pk])
        page = self.client.get(url).content.decode()
        self.assertNotIn("aria-live", page)
        # the live region is outside the report the polls replace
        status = page.split('<p id="import-status" class="visually-hidden" role="status">')[1]
        self.assertIn("Importing…", status.split("</p>")[0])
        self.assertIn('<div id="results">', status)
        self.assertNotIn("import-status", self.client.get(url, headers=HTMX).content.decode())
        ImportJob.objects.filter(pk=job.pk).update(status="done", created_count=1)
        done = self.client.get(url, headers=HTMX)
        self.assertContains(
            done,
            '<p id="import-status" hx-swap-oob="innerHTML">Imported: 1 created and 0 updated.</p>',
            html=True,
        )
