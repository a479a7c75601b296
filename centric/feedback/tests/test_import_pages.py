"""Importing feedback files through the pages: the scale of the scores, files from Excel on
Windows, dates in the future, the names of columns, and the progress bar."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from centric.feedback.feedback_imports import services
from centric.feedback.feedback_imports.mapping import Mapping
from centric.feedback.models import FeedbackImport, Response
from tests.personas import PersonasTestCase


class ImportPagesTest(PersonasTestCase):
    def upload(self, content: bytes, **form: Any) -> FeedbackImport:
        self.login(self.admin)
        self.client.post(
            reverse("feedback:import_upload"),
            {"file": SimpleUploadedFile("export.csv", content), **form},
        )
        return FeedbackImport.objects.latest("pk")

    def check(self, job: FeedbackImport, **changes: Any) -> FeedbackImport:
        mapping = Mapping.from_dict(job.mapping | changes)
        with self.captureOnCommitCallbacks(execute=True):
            services.feedback_import_map(actor=job.created_by, job=job, mapping=mapping)
        job.refresh_from_db()
        return job

    def keep_valid(self, job: FeedbackImport) -> FeedbackImport:
        with self.captureOnCommitCallbacks(execute=True):
            services.feedback_import_apply(actor=job.created_by, job=job, mode="keep_valid")
        job.refresh_from_db()
        return job

    def mapping_page(self, job: FeedbackImport, data: dict[str, Any] | None = None) -> Any:
        url = reverse("feedback:import_mapping", args=[job.pk])
        return self.client.post(url, data) if data is not None else self.client.get(url)

    def test_a_csat_file_without_a_preset_is_stored_as_csat(self) -> None:
        job = self.upload(
            b"Date,Email,CSAT,Comment\n"
            b"2024-03-01,carla@acme.example,5,Very happy\n"
            b"2024-03-02,carla@acme.example,4,Happy\n"
        )
        page = self.mapping_page(job)
        self.assertContains(page, '<option value="csat" selected>CSAT (1–5)</option>', html=True)
        self.assertContains(page, "Taken from the name of the score column “CSAT”")
        job = self.keep_valid(self.check(job))
        self.assertEqual(job.created_count, 2)
        self.assertEqual(
            sorted(Response.objects.values_list("score", "score_type")), [(4, "csat"), (5, "csat")]
        )

    def test_a_score_column_that_does_not_name_its_scale_must_be_given_one(self) -> None:
        job = self.upload(b"Date,Email,Score,Comment\n2024-03-01,carla@acme.example,5,Good\n")
        page = self.mapping_page(job)
        self.assertContains(page, "does not say which scale its scores are on: choose it")
        self.assertNotContains(page, '<option value="nps" selected>', html=False)
        form = {
            "column_responded_at": "Date",
            "column_contact_email": "Email",
            "column_score": "Score",
            "column_comment": "Comment",
            "score_type": "",
            "kind": "survey",
        }
        page = self.mapping_page(job, form)
        self.assertContains(page, "Choose the score type of the column “Score”")
        job.refresh_from_db()
        self.assertEqual(job.status, FeedbackImport.Status.MAPPING)
        with self.captureOnCommitCallbacks(execute=True):
            page = self.mapping_page(job, form | {"score_type": "csat"})
        self.assertRedirects(page, reverse("feedback:import_detail", args=[job.pk]))
        job.refresh_from_db()
        self.assertEqual((job.status, job.valid_rows), (FeedbackImport.Status.CHECKED, 1))

    def test_an_american_file_is_read_month_first_as_its_first_rows_show(self) -> None:
        job = self.upload(
            b"Date,Email,NPS\n12/31/2024 2:05 PM,carla@acme.example,9\n"
            b"01/02/2025 9:00 AM,carla@acme.example,7\n"
        )
        page = self.mapping_page(job)
        self.assertContains(
            page, '<option value="month" selected>Month first (12/31/2024)</option>', html=True
        )
        job = self.keep_valid(self.check(job))
        self.assertEqual(job.error_count, 0)
        self.assertEqual(
            sorted(map(str, Response.objects.values_list("responded_at__date", flat=True))),
            ["2024-12-31", "2025-01-02"],
        )

    def test_the_date_order_chosen_on_the_mapping_page_reads_the_file(self) -> None:
        job = self.upload(b"Date,Email,NPS\n03/04/2024,carla@acme.example,9\n")
        form = {
            "column_responded_at": "Date",
            "column_contact_email": "Email",
            "column_score": "NPS",
            "score_type": "nps",
            "kind": "survey",
            "date_order": "month",
        }
        with self.captureOnCommitCallbacks(execute=True):
            self.mapping_page(job, form)
        self.keep_valid(FeedbackImport.objects.get(pk=job.pk))
        self.assertEqual(
            list(map(str, Response.objects.values_list("responded_at__date", flat=True))),
            ["2024-03-04"],
        )

    def test_a_windows_1252_file_arrives_as_written_and_the_pages_name_its_encoding(self) -> None:
        content = "Email,NPS,Comment\ncarla@acme.example,9,“Great” – 5 €\n".encode("cp1252")
        job = self.upload(content)
        self.assertContains(self.mapping_page(job), "read as Windows-1252")
        job = self.keep_valid(self.check(job))
        self.assertEqual(job.error_count, 0)
        self.assertEqual(Response.objects.get().comment, "“Great” – 5 €")
        page = self.client.get(reverse("feedback:import_detail", args=[job.pk]))
        self.assertContains(page, "read as Windows-1252")

    def test_a_row_dated_in_the_future_is_reported_and_not_stored(self) -> None:
        job = self.upload(
            b"Date,Email,NPS\n2024-03-01,carla@acme.example,9\n2099-01-01,carla@acme.example,8\n"
        )
        job = self.check(job)
        self.assertEqual(
            job.errors,
            [{"line": 3, "column": "Date", "message": "“2099-01-01” is in the future."}],
        )
        self.keep_valid(job)
        self.assertEqual(list(Response.objects.values_list("score", flat=True)), [9])

    def test_an_e_mail_column_names_the_contact(self) -> None:
        job = self.upload(b"E-Mail,NPS\ncarla@acme.example,9\n")
        self.assertEqual(job.mapping["columns"]["contact_email"], "E-Mail")
        job = self.keep_valid(self.check(job))
        self.assertEqual(Response.objects.get().contact, self.contact)

    def test_a_column_of_company_names_called_customer_does_not_lose_every_row(self) -> None:
        job = self.upload(b"Customer,Email,NPS\nAcme GmbH,carla@acme.example,9\n")
        self.assertNotIn("customer_id", job.mapping["columns"])
        job = self.keep_valid(self.check(job))
        self.assertEqual((job.error_count, job.created_count), (0, 1))
        self.assertEqual(Response.objects.get().attributes, {"Customer": "Acme GmbH"})

    def test_the_progress_bar_fills_as_far_as_its_words_say(self) -> None:
        job = self.check(self.upload(b"Email,NPS\ncarla@acme.example,9\ncarla@acme.example,8\n"))
        FeedbackImport.objects.filter(pk=job.pk).update(
            status="importing", mode="all_or_nothing", bytes_read=job.size, processed_rows=1
        )
        page = self.client.get(reverse("feedback:import_detail", args=[job.pk]))
        self.assertContains(page, "1 of 2 rows done")
        self.assertContains(page, 'aria-valuenow="50"')
        self.assertContains(page, "width:50%")
