"""The report of a finished import leads on to what was imported: Insights for the days the
imported feedback is dated (no page filters by import), and another file."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from centric.feedback.feedback_imports import selectors, services
from centric.feedback.feedback_imports.mapping import Mapping
from centric.feedback.models import FeedbackImport, Response
from tests.personas import PersonasTestCase

EXPORT = (
    b"Response ID,Submitted at,Email,Score,Comment\n"
    b"R1,2024-03-01 10:00,carla@acme.example,9,Quick and friendly\n"
    b"R2,2024-03-09,carla@acme.example,12,Out of range\n"
    b"R3,2024-03-04,carla@acme.example,4,Slow <b>delivery</b>\n"
)
COMMENTS = "/insights/comments/?days=dates&amp;from=2024-03-01&amp;to=2024-03-04"


class DonePageTest(PersonasTestCase):
    def imported(self, content: bytes = EXPORT) -> FeedbackImport:
        job = services.feedback_import_start(
            actor=self.cx_lead,
            upload=SimpleUploadedFile("export.csv", content),
            preset="survey-tool",
        )
        with self.captureOnCommitCallbacks(execute=True):
            services.feedback_import_map(
                actor=self.cx_lead, job=job, mapping=Mapping.from_dict(job.mapping)
            )
        job.refresh_from_db()
        with self.captureOnCommitCallbacks(execute=True):
            services.feedback_import_apply(actor=self.cx_lead, job=job, mode="keep_valid")
        job.refresh_from_db()
        return job

    def page(self, job: FeedbackImport) -> Any:
        self.login(self.cx_lead)
        return self.client.get(reverse("feedback:import_detail", args=[job.pk]))

    def test_the_done_page_links_to_the_comments_of_the_days_imported(self) -> None:
        page = self.page(self.imported())
        self.assertContains(page, "The imported feedback is dated 1 Mar 2024 to 4 Mar 2024.")
        self.assertContains(
            page, f'<a class="btn" href="{COMMENTS}">Read the comments of those days</a>', html=True
        )
        self.assertContains(page, "/insights/?days=dates&amp;from=2024-03-01&amp;to=2024-03-04")
        self.assertContains(page, reverse("feedback:import_upload"))

    def test_the_link_shows_the_imported_comments(self) -> None:
        self.imported()
        self.login(self.cx_lead)
        comments = self.client.get(COMMENTS.replace("&amp;", "&"))
        imported = Response.objects.filter(channel=Response.Channel.IMPORT)
        self.assertEqual(imported.count(), 2)
        for response in imported:
            self.assertContains(comments, reverse("feedback:response_detail", args=[response.pk]))
        self.assertContains(comments, "&lt;b&gt;")
        self.assertNotContains(comments, "<b>delivery")

    def test_feedback_imported_before_or_elsewhere_does_not_stretch_the_days(self) -> None:
        earlier = self.imported(b"Email,Score,Submitted at\ncarla@acme.example,9,2020-01-01\n")
        Response.objects.filter(channel=Response.Channel.IMPORT).update(
            created_at=earlier.created_at
        )
        job = self.imported()
        self.assertEqual(
            [day.isoformat() for day in selectors.feedback_import_days(job) or ()],
            ["2024-03-01", "2024-03-04"],
        )

    def test_an_import_that_stored_nothing_offers_no_link_to_insights(self) -> None:
        job = self.imported()
        again = self.imported()  # every row stored before
        self.assertEqual((job.created_count, again.created_count), (2, 0))
        page = self.page(again)
        self.assertNotContains(page, "days=dates")
        self.assertContains(page, "Import another file")
