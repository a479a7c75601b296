"""Importing feedback files: the journey through the pages, what is stored, and who may do it."""

from __future__ import annotations

import importlib
import io
import itertools
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import polars as pl
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http.response import HttpResponseBase
from django.test import SimpleTestCase
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from openpyxl import Workbook

from centric.core.models import AuditEvent
from centric.customers.models import Customer
from centric.feedback.feedback_imports import reading, selectors, services
from centric.feedback.feedback_imports.mapping import Mapping
from centric.feedback.feedback_imports.validation import CheckedBatch
from centric.feedback.models import FeedbackImport, JourneyStage, Response, SavedMapping
from centric.feedback.signals import feedback_received
from tests.factories import AccountFactory, ContactFactory
from tests.personas import PersonasTestCase

SURVEY_EXPORT = (
    b"Response ID,Submitted at,Email,Score,Comment,Stage,Language\n"
    b'R1,2024-03-01 10:00,carla@acme.example,9,"Quick, friendly\nand clear",Use,en\n'
    b"R2,2024-03-02,carla@acme.example,11,Too high,Use,en\n"
    b"R3,2024-03-03,nobody@nowhere.example,7,Who am I,Use,en\n"
    b"R4,2024-03-04,carla@acme.example,3,Slow delivery,Delivery,de\n"
    b"R1,2024-03-05,carla@acme.example,8,Repeat,Use,en\n"
)


def upload(content: bytes, name: str = "export.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


class FeedbackImportJourneyTest(PersonasTestCase):
    def start(
        self, content: bytes = SURVEY_EXPORT, name: str = "export.csv", **kwargs: Any
    ) -> FeedbackImport:
        return services.feedback_import_start(
            actor=kwargs.pop("actor", self.admin), upload=upload(content, name), **kwargs
        )

    def check(self, job: FeedbackImport, mapping: Mapping | None = None) -> FeedbackImport:
        with self.captureOnCommitCallbacks(execute=True):
            services.feedback_import_map(
                actor=job.created_by, job=job, mapping=mapping or Mapping.from_dict(job.mapping)
            )
        job.refresh_from_db()
        return job

    def apply(self, job: FeedbackImport, mode: str) -> FeedbackImport:
        with self.captureOnCommitCallbacks(execute=True):
            services.feedback_import_apply(actor=job.created_by, job=job, mode=mode)
        job.refresh_from_db()
        return job

    def test_a_cx_lead_uploads_maps_checks_and_keeps_the_good_rows(self) -> None:
        self.login(self.admin)
        response = self.client.post(
            reverse("feedback:import_upload"),
            {"file": upload(SURVEY_EXPORT), "preset": "survey-tool"},
        )
        job = FeedbackImport.objects.get()
        self.assertRedirects(response, reverse("feedback:import_mapping", args=[job.pk]))
        page = self.client.get(reverse("feedback:import_mapping", args=[job.pk]))
        self.assertContains(page, "Slow delivery")
        self.assertContains(page, "read as UTF-8")
        form = {
            "column_external_id": "Response ID",
            "column_responded_at": "Submitted at",
            "column_contact_email": "Email",
            "column_score": "Score",
            "column_comment": "Comment",
            "column_stage": "Stage",
            "score_type": "nps",
            "kind": "survey",
            "attributes": ["Language"],
            "save_as": "Survey tool",
        }
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(reverse("feedback:import_mapping", args=[job.pk]), form)
        self.assertRedirects(response, reverse("feedback:import_detail", args=[job.pk]))
        job.refresh_from_db()
        self.assertEqual(job.status, FeedbackImport.Status.CHECKED)
        self.assertEqual((job.total_rows, job.valid_rows), (5, 2))
        self.assertEqual(
            job.errors,
            [
                {"line": 4, "column": "Score", "message": "11 is out of range for NPS (0–10)."},
                {
                    "line": 5,
                    "column": "Email",
                    "message": "No contact of yours has the email nobody@nowhere.example.",
                },
                {"line": 7, "column": "", "message": "This row repeats line 2 (same external id)."},
            ],
        )
        self.assertEqual(Response.objects.count(), 0)
        page = self.client.get(reverse("feedback:import_detail", args=[job.pk]))
        self.assertContains(page, "Import the 2 valid rows")
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                reverse("feedback:import_apply", args=[job.pk]), {"mode": "keep_valid"}
            )
        job.refresh_from_db()
        self.assertEqual((job.status, job.created_count), ("done", 2))
        first = Response.objects.get(source_ref="import:id:survey:R1")
        self.assertEqual(first.channel, Response.Channel.IMPORT)
        self.assertEqual(first.kind, Response.Kind.SURVEY)
        self.assertIsNone(first.survey)
        self.assertEqual(first.customer, Customer.objects.get(account=self.account))
        self.assertEqual(first.contact, self.contact)
        self.assertEqual(first.comment, "Quick, friendly\nand clear")
        self.assertEqual(first.stage, JourneyStage.objects.get(organisation=self.org, name="Use"))
        self.assertEqual(first.attributes, {"Language": "en"})
        self.assertEqual(SavedMapping.objects.get().name, "Survey tool")
        self.assertContains(self.client.get(reverse("feedback:import_list")), "export.csv")

    def test_importing_the_same_file_twice_stores_each_row_once(self) -> None:
        content = b"Date,Rating,Review\n2024-01-01,5,Love it\n2024-01-02,2,Crashes\n"
        for _ in range(2):
            job = self.apply(self.check(self.start(content, preset="app-store")), "all_or_nothing")
        self.assertEqual((job.created_count, job.existing_count), (0, 2))
        self.assertEqual(Response.objects.filter(kind="review").count(), 2)

    def test_rows_stored_by_an_earlier_file_are_skipped_and_counted(self) -> None:
        header = b"Response ID,Email,NPS\n"
        self.apply(self.check(self.start(header + b"R1,carla@acme.example,9\n")), "keep_valid")
        job = self.check(self.start(header + b"R1,carla@acme.example,9\nR2,carla@acme.example,4\n"))
        self.assertEqual((job.valid_rows, job.existing_count), (2, 1))
        job = self.apply(job, "keep_valid")
        self.assertEqual((job.created_count, job.existing_count), (1, 1))
        self.assertEqual(
            sorted(Response.objects.values_list("source_ref", "score")),
            [("import:id:survey:R1", 9), ("import:id:survey:R2", 4)],
        )

    def test_tickets_and_reviews_numbered_alike_are_each_imported(self) -> None:
        tickets = b"Ticket ID,Requester email,Description\n1,carla@acme.example,Slow reply\n"
        reviews = b"Review ID,Rating,Review\n1,5,Lovely app\n"
        self.apply(self.check(self.start(tickets, preset="help-desk")), "keep_valid")
        job = self.apply(self.check(self.start(reviews, preset="app-store")), "keep_valid")
        self.assertEqual((job.created_count, job.existing_count), (1, 0))
        self.assertEqual(
            sorted(Response.objects.values_list("source_ref", "kind")),
            [("import:id:review:1", "review"), ("import:id:ticket:1", "ticket")],
        )

    def test_rows_stored_by_another_import_after_the_check_are_skipped_and_counted(self) -> None:
        header = b"Response ID,Email,NPS\n"
        checked = self.check(
            self.start(header + b"R1,carla@acme.example,9\nR2,carla@acme.example,4\n")
        )
        self.assertEqual(checked.existing_count, 0)
        self.apply(self.check(self.start(header + b"R2,carla@acme.example,4\n")), "keep_valid")
        job = self.apply(checked, "keep_valid")
        self.assertEqual((job.created_count, job.existing_count), (1, 1))
        self.assertEqual(
            sorted(Response.objects.values_list("source_ref", "score")),
            [("import:id:survey:R1", 9), ("import:id:survey:R2", 4)],
        )

    def test_the_stored_responses_are_announced_for_analysis(self) -> None:
        announced: list[int] = []

        def listen(sender: object, response_ids: list[int], **kwargs: object) -> None:
            announced.extend(response_ids)

        feedback_received.connect(listen)
        self.addCleanup(feedback_received.disconnect, listen)
        job = self.check(self.start(preset="survey-tool"))
        self.assertEqual(announced, [])
        self.apply(job, "keep_valid")
        self.assertEqual(sorted(announced), sorted(Response.objects.values_list("pk", flat=True)))
        self.assertEqual(len(announced), 2)

    def test_dates_comments_and_attributes_arrive_as_written(self) -> None:
        content = (
            "Review ID,Date,Rating,Review,Territory,Title\n"
            'A,31.03.2024 14:05,5,"Schön,\n""klar""",DE,\n'
            "B,2024-04-01,4,Fine,,Short\n"
        ).encode("utf-16")
        self.org.time_zone = "Europe/Berlin"  # dates without a zone are the organisation's
        self.org.save()
        job = self.apply(self.check(self.start(content, preset="app-store")), "keep_valid")
        self.assertEqual((job.encoding, job.created_count), ("utf-16", 2))
        first = Response.objects.get(source_ref="import:id:review:A")
        self.assertEqual(first.comment, 'Schön,\n"klar"')
        self.assertEqual(first.responded_at, datetime(2024, 3, 31, 12, 5, tzinfo=UTC))
        self.assertEqual(first.attributes, {"Territory": "DE"})
        second = Response.objects.get(source_ref="import:id:review:B")
        self.assertEqual(second.responded_at, datetime(2024, 3, 31, 22, 0, tzinfo=UTC))
        self.assertEqual(second.attributes, {"Title": "Short"})

    def test_a_row_with_an_empty_date_is_reported_and_the_dated_rows_can_be_kept(self) -> None:
        content = (
            b"Response ID,Submitted at,Email,Score\n"
            b"D1,2024-03-01,carla@acme.example,9\n"
            b"D2,,carla@acme.example,4\n"
        )
        job = self.check(self.start(content, preset="survey-tool"))
        self.assertEqual(
            job.errors, [{"line": 3, "column": "Submitted at", "message": "The date is missing."}]
        )
        self.login(self.admin)
        page = self.client.get(reverse("feedback:import_detail", args=[job.pk]))
        self.assertContains(page, "The date is missing.")
        self.assertNotContains(page, "No date column")
        self.apply(job, "keep_valid")
        self.assertEqual(
            list(Response.objects.values_list("source_ref", "responded_at")),
            [("import:id:survey:D1", datetime(2024, 3, 1, tzinfo=UTC))],
        )

    def test_without_a_date_column_every_row_is_dated_with_the_imports_time(self) -> None:
        content = b"Response ID,Email,Score\nU1,carla@acme.example,9\nU2,carla@acme.example,4\n"
        job = self.start(content, preset="survey-tool")
        self.assertNotIn("responded_at", job.mapping["columns"])
        day = date_format(localtime(job.created_at), "j M Y")
        self.login(self.admin)
        mapping_page = self.client.get(reverse("feedback:import_mapping", args=[job.pk]))
        self.assertContains(mapping_page, f"every row is dated {day}, the day of the import")
        job = self.check(job)
        self.assertEqual((job.valid_rows, job.error_count), (2, 0))
        page = self.client.get(reverse("feedback:import_detail", args=[job.pk]))
        self.assertContains(page, f"No date column: every row will be dated {day}, the day of")
        job = self.apply(job, "all_or_nothing")
        self.assertEqual(
            list(Response.objects.values_list("responded_at", flat=True)), [job.created_at] * 2
        )
        page = self.client.get(reverse("feedback:import_detail", args=[job.pk]))
        self.assertContains(page, f"No date column: every row was dated {day}, the day of")

    def test_the_language_comes_from_the_file_else_the_contact_else_english(self) -> None:
        self.contact.language = "de"
        self.contact.save()
        content = (
            b"Response ID,Email,Score,Language\n"
            b"L1,carla@acme.example,9,ES\n"
            b"L2,carla@acme.example,8,\n"
            b"L3,,7,\n"
            b"L4,carla@acme.example,6,Klingon\n"
        )
        job = self.start(content, preset="survey-tool")
        self.assertEqual(job.mapping["columns"]["language"], "Language")
        self.assertEqual(job.mapping["attributes"], [])
        job = self.check(job)
        self.assertEqual(
            job.errors,
            [
                {
                    "line": 5,
                    "column": "Language",
                    "message": "“Klingon” is not a language code such as en, de or pt-BR.",
                }
            ],
        )
        self.apply(job, "keep_valid")
        self.assertEqual(
            sorted(Response.objects.values_list("source_ref", "language")),
            [
                ("import:id:survey:L1", "es"),
                ("import:id:survey:L2", "de"),
                ("import:id:survey:L3", "en"),
            ],
        )

    def test_the_mapping_page_offers_the_language(self) -> None:
        job = self.start(preset="survey-tool")
        self.login(self.admin)
        page = self.client.get(reverse("feedback:import_mapping", args=[job.pk]))
        self.assertContains(page, "Language (a code: en, de, pt-BR)")

    def test_nothing_is_imported_when_a_row_became_invalid_and_the_user_chose_all_or_nothing(
        self,
    ) -> None:
        other = ContactFactory.create(account=self.account, email="dora@acme.example")
        content = b"Email,Score\ncarla@acme.example,9\ndora@acme.example,8\n"
        job = self.check(self.start(content, preset="survey-tool"))
        self.assertEqual(job.error_count, 0)
        other.delete()
        job = self.apply(job, "all_or_nothing")
        self.assertEqual(job.status, FeedbackImport.Status.FAILED)
        self.assertEqual(job.errors[0]["line"], 3)
        self.assertEqual(Response.objects.count(), 0)

    def test_all_or_nothing_is_refused_when_the_check_found_problems(self) -> None:
        job = self.check(self.start(preset="survey-tool"))
        with self.assertRaises(ValidationError):
            services.feedback_import_apply(actor=self.admin, job=job, mode="all_or_nothing")

    def test_a_file_without_a_valid_row_offers_no_import_of_valid_rows(self) -> None:
        content = b"Response ID,Submitted at,Email,Score,Comment\nR1,2024-03-01,carla@acme.example,11,Hi\n"
        job = self.check(self.start(content, preset="survey-tool"))
        self.assertEqual((job.total_rows, job.valid_rows), (1, 0))
        self.login(self.admin)
        page = self.client.get(reverse("feedback:import_detail", args=[job.pk]))
        self.assertContains(
            page, "<strong>No row can be imported:</strong> every row has a problem."
        )
        self.assertContains(page, "or change the mapping if a column was mapped wrongly")
        self.assertNotContains(page, "import only the valid rows")
        self.assertNotContains(page, 'value="keep_valid"')

    def test_an_email_that_is_no_address_is_named_as_such(self) -> None:
        content = (
            b"Response ID,Submitted at,Email,Score,Comment\n"
            b"R1,2024-03-01,not-an-email,9,Hi\n"
            b"R2,2024-03-01,nobody@nowhere.example,9,Hi\n"
        )
        job = self.check(self.start(content, preset="survey-tool"))
        self.assertEqual(
            [error["message"] for error in job.errors],
            [
                "“not-an-email” is not an email address.",
                "No contact of yours has the email nobody@nowhere.example.",
            ],
        )

    def test_xlsx_and_json_lines_files_are_imported_too(self) -> None:
        book = Workbook()
        book.active.append(["Ticket ID", "Requester email", "Satisfaction score", "Description"])
        book.active.append(["T-1", "carla@acme.example", 4, "Fixed fast"])
        buffer = io.BytesIO()
        book.save(buffer)
        job = self.apply(
            self.check(self.start(buffer.getvalue(), "t.xlsx", preset="help-desk")), "keep_valid"
        )
        self.assertEqual((job.file_format, job.created_count), ("xlsx", 1))
        lines = b'{"id": "J-1", "rating": 4, "review": "Nice"}\n{"id": "J-2", "rating": 9}\n'
        job = self.check(self.start(lines, "r.jsonl", preset="app-store"))
        self.assertEqual(job.errors[0]["line"], 2)
        self.assertEqual(Response.objects.get(source_ref="import:id:ticket:T-1").score_type, "csat")

    def test_a_saved_mapping_is_offered_for_the_next_file(self) -> None:
        saved = services.saved_mapping_save(
            actor=self.admin,
            name="Weekly",
            mapping=Mapping(columns={"score": "NPS", "comment": "Why"}, score_type="nps"),
        )
        job = self.start(b"why,nps\nok,9\n", saved_mapping=saved)
        self.assertEqual(job.mapping["columns"], {"score": "nps", "comment": "why"})

    def test_a_quote_never_closed_fails_the_check_and_names_its_line_and_column(self) -> None:
        good = "F-{},2026-11-01,carla@acme.example,9,fine\n"
        content = (
            b"Response ID,Submitted at,Email,Score,Comment\n"
            + "".join(good.format(number) for number in range(1, 13)).encode()
            + b'F-13,2026-11-01,carla@acme.example,3,"unterminated quote\n'
            + b"F-14,2026-11-01,carla@acme.example,8,after\n"
        )
        job = self.check(self.start(content, preset="survey-tool"))
        self.assertEqual(job.status, FeedbackImport.Status.FAILED)
        self.assertEqual((job.errors[0]["line"], job.errors[0]["column"]), (14, "Comment"))
        self.assertIn("opens on line 14 and is never closed", job.errors[0]["message"])
        with self.assertRaises(ValidationError):
            services.feedback_import_apply(actor=self.admin, job=job, mode="keep_valid")
        self.login(self.admin)
        page = self.client.get(reverse("feedback:import_detail", args=[job.pk]))
        self.assertContains(page, "The file cannot be read past line 14")
        self.assertNotContains(page, "valid row")
        self.assertEqual(Response.objects.count(), 0)

    def test_a_quote_never_closed_in_the_first_rows_refuses_the_file_at_once(self) -> None:
        content = b'Email,Score,Comment\ncarla@acme.example,3,"open\ncarla@acme.example,8,after\n'
        job = self.start(content, preset="survey-tool")
        self.assertEqual(job.status, FeedbackImport.Status.FAILED)
        self.assertEqual((job.errors[0]["line"], job.errors[0]["column"]), (2, "Comment"))

    def test_a_file_that_cannot_be_read_is_reported(self) -> None:
        job = self.start(b"", "empty.csv")
        self.assertEqual(job.status, FeedbackImport.Status.FAILED)
        self.assertIn("empty", job.errors[0]["message"])


class ReadAheadTest(SimpleTestCase):
    """The next batch is read and checked in a thread while this one is stored."""

    def batch(self, invalid: int) -> CheckedBatch:
        return CheckedBatch(rows=pl.DataFrame(), invalid=invalid, errors=[])

    def test_batches_arrive_in_order_and_a_broken_file_stops_after_them(self) -> None:
        def batches() -> Iterator[CheckedBatch]:
            yield self.batch(1)
            yield self.batch(2)
            raise reading.FileProblem(9, "Line 9 is not valid utf-16 text.")

        seen: list[int] = []
        with self.assertRaises(reading.FileProblem):
            for checked in services._read_ahead(batches()):
                seen.append(checked.invalid)
        self.assertEqual(seen, [1, 2])

    def test_stopping_early_ends_the_reading_thread(self) -> None:
        ahead = services._read_ahead(self.batch(number) for number in itertools.count())
        self.assertEqual(next(ahead).invalid, 0)
        ahead.close()
        self.assertNotIn(
            "feedback-import-reader", [thread.name for thread in threading.enumerate()]
        )


class FeedbackImportPermissionTest(PersonasTestCase):
    content = b"Email,Score\ncarla@acme.example,9\nwendy@wayne.example,8\n"

    def test_a_member_imports_feedback_only_for_customers_in_their_scope(self) -> None:
        wayne = AccountFactory.create(organisation=self.org, name="Wayne")
        ContactFactory.create(account=wayne, email="wendy@wayne.example")
        job = services.feedback_import_start(
            actor=self.owner, upload=upload(self.content), preset="survey-tool"
        )
        with self.captureOnCommitCallbacks(execute=True):
            services.feedback_import_map(
                actor=self.owner, job=job, mapping=Mapping.from_dict(job.mapping)
            )
        job.refresh_from_db()
        self.assertEqual(job.valid_rows, 1)
        self.assertEqual(
            job.errors[0]["message"], "No contact of yours has the email wendy@wayne.example."
        )

    def test_viewers_are_refused(self) -> None:
        self.login(self.viewer)
        self.assertEqual(self.client.get(reverse("feedback:import_upload")).status_code, 403)
        response = self.client.post(
            reverse("feedback:import_upload"), {"file": upload(self.content)}
        )
        self.assertEqual(response.status_code, 403)
        self.assertFalse(FeedbackImport.objects.exists())

    def test_someone_elses_import_is_not_found(self) -> None:
        job = services.feedback_import_start(actor=self.owner, upload=upload(self.content))
        for person in (self.teammate, self.admin, self.stranger):
            self.login(person)
            for name in ("import_detail", "import_mapping"):
                with self.subTest(person=person.email, page=name):
                    self.assertEqual(
                        self.client.get(reverse(f"feedback:{name}", args=[job.pk])).status_code, 404
                    )
            for name in ("import_apply", "import_cancel"):
                self.assertEqual(
                    self.client.post(reverse(f"feedback:{name}", args=[job.pk])).status_code, 404
                )
        job.refresh_from_db()
        self.assertEqual(job.status, FeedbackImport.Status.MAPPING)

    def test_the_uploader_sees_their_import_and_can_cancel_it(self) -> None:
        job = services.feedback_import_start(actor=self.owner, upload=upload(self.content))
        self.login(self.owner)
        self.assertEqual(
            self.client.get(reverse("feedback:import_mapping", args=[job.pk])).status_code, 200
        )
        self.client.post(reverse("feedback:import_cancel", args=[job.pk]))
        job.refresh_from_db()
        self.assertEqual(job.status, FeedbackImport.Status.CANCELLED)


class SavedMappingPermissionTest(PersonasTestCase):
    """A saved mapping is shared by the organisation, but only whoever saved it, an admin or a
    CX lead may replace or delete it."""

    weekly = Mapping(columns={"score": "NPS", "comment": "Why"}, score_type="nps")
    other = Mapping(columns={"score": "Score"}, score_type="csat")

    def setUp(self) -> None:
        self.saved = services.saved_mapping_save(
            actor=self.owner, name="Weekly", mapping=self.weekly
        )

    def test_the_one_who_saved_it_replaces_it_and_it_is_audited(self) -> None:
        services.saved_mapping_save(actor=self.owner, name=" Weekly ", mapping=self.other)
        self.saved.refresh_from_db()
        self.assertEqual(self.saved.mapping, self.other.as_dict())
        self.assertEqual(
            list(AuditEvent.objects.values_list("action", flat=True).order_by("id")),
            ["create", "update"],
        )

    def test_an_admin_or_a_cx_lead_replaces_anyones_and_it_stays_theirs(self) -> None:
        for person in (self.admin, self.cx_lead):
            services.saved_mapping_save(actor=person, name="Weekly", mapping=self.other)
        self.saved.refresh_from_db()
        self.assertEqual(
            (self.saved.mapping, self.saved.created_by), (self.other.as_dict(), self.owner)
        )

    def test_another_member_cannot_replace_it(self) -> None:
        with self.assertRaisesMessage(PermissionDenied, "was saved by Olivia"):
            services.saved_mapping_save(actor=self.teammate, name="Weekly", mapping=self.other)
        self.saved.refresh_from_db()
        self.assertEqual(self.saved.mapping, self.weekly.as_dict())

    def test_the_mapping_form_says_why_the_name_cannot_be_reused(self) -> None:
        job = services.feedback_import_start(
            actor=self.teammate, upload=upload(b"Score,Comment\n9,ok\n"), preset="survey-tool"
        )
        self.login(self.teammate)
        response = self.client.post(
            reverse("feedback:import_mapping", args=[job.pk]),
            {"column_score": "Score", "score_type": "nps", "kind": "survey", "save_as": "Weekly"},
        )
        self.assertContains(response, "only they, an admin or a CX lead can change or delete it")
        self.assertContains(response, "Save this mapping under another name.")
        job.refresh_from_db()
        self.assertEqual(job.status, FeedbackImport.Status.MAPPING)
        self.saved.refresh_from_db()
        self.assertEqual(self.saved.mapping, self.weekly.as_dict())

    def test_the_one_who_saved_it_deletes_it_after_confirming(self) -> None:
        url = reverse("feedback:saved_mapping_delete", args=[self.saved.pk])
        self.login(self.owner)
        listing = self.client.get(reverse("feedback:import_list"))
        self.assertContains(listing, url)
        self.assertContains(self.client.get(url), "Delete the saved mapping “Weekly”?")
        self.assertTrue(SavedMapping.objects.exists())
        self.assertRedirects(self.client.post(url), reverse("feedback:import_list"))
        self.assertFalse(SavedMapping.objects.exists())
        self.assertTrue(AuditEvent.objects.filter(action="delete", object_repr="Weekly").exists())

    def test_an_admin_or_a_cx_lead_deletes_anyones(self) -> None:
        for person in (self.admin, self.cx_lead):
            saved = services.saved_mapping_save(
                actor=self.owner, name="Weekly", mapping=self.weekly
            )
            self.login(person)
            self.client.post(reverse("feedback:saved_mapping_delete", args=[saved.pk]))
            self.assertFalse(SavedMapping.objects.exists(), person.email)

    def test_others_cannot_delete_it_and_are_not_offered_to(self) -> None:
        url = reverse("feedback:saved_mapping_delete", args=[self.saved.pk])
        for person, status in ((self.teammate, 403), (self.viewer, 403), (self.stranger, 404)):
            self.login(person)
            with self.subTest(person=person.email):
                self.assertEqual(self.client.get(url).status_code, status)
                self.assertEqual(self.client.post(url).status_code, status)
        self.login(self.teammate)
        listing = self.client.get(reverse("feedback:import_list"))
        self.assertContains(listing, "Weekly")
        self.assertNotContains(listing, url)
        with self.assertRaises(PermissionDenied):
            services.saved_mapping_delete(actor=self.teammate, saved=self.saved)
        self.assertTrue(SavedMapping.objects.filter(pk=self.saved.pk).exists())


class ImportProgressWordingTest(SimpleTestCase):
    """What the page says while a file is checked or imported: the step, and rows counted the
    same way throughout."""

    def progress(self, **values: Any) -> tuple[str, str, int]:
        job = FeedbackImport(size=100, total_rows=50_000, **values)
        found = selectors.feedback_import_progress(job)
        return found.phase, found.done, found.percent

    def test_a_check_says_how_much_of_the_file_is_read(self) -> None:
        self.assertEqual(
            self.progress(status="checking", bytes_read=40),
            ("Checking every row", "40% of the file read", 40),
        )

    def test_every_row_or_none_says_it_checks_again_before_storing(self) -> None:
        self.assertEqual(
            self.progress(status="importing", mode="all_or_nothing", bytes_read=50),
            (
                "Step 1 of 2: checking every row again before storing any",
                "50% of the file read",
                50,
            ),
        )
        self.assertEqual(
            self.progress(status="importing", mode="all_or_nothing", bytes_read=100),
            ("Step 2 of 2: storing every row", "0 of 50,000 rows done", 0),
        )
        self.assertEqual(
            self.progress(
                status="importing", mode="all_or_nothing", bytes_read=100, processed_rows=25_000
            ),
            ("Step 2 of 2: storing every row", "25,000 of 50,000 rows done", 50),
        )

    def test_the_valid_rows_are_counted_as_they_are_stored(self) -> None:
        self.assertEqual(
            self.progress(status="importing", mode="keep_valid", processed_rows=20_000),
            ("Storing the valid rows", "20,000 of 50,000 rows done", 40),
        )


class ImportPageWordingTest(PersonasTestCase):
    content = b"Response ID,Email,Score\nR1,carla@acme.example,9\nR2,carla@acme.example,8\n"

    def checked(self, content: bytes) -> FeedbackImport:
        job = services.feedback_import_start(
            actor=self.admin, upload=upload(content), preset="survey-tool"
        )
        with self.captureOnCommitCallbacks(execute=True):
            services.feedback_import_map(
                actor=self.admin, job=job, mapping=Mapping.from_dict(job.mapping)
            )
        job.refresh_from_db()
        return job

    def imported(self, job: FeedbackImport) -> FeedbackImport:
        with self.captureOnCommitCallbacks(execute=True):
            services.feedback_import_apply(actor=self.admin, job=job, mode="keep_valid")
        job.refresh_from_db()
        return job

    def page(self, job: FeedbackImport) -> HttpResponseBase:
        self.login(self.admin)
        return self.client.get(reverse("feedback:import_detail", args=[job.pk]))

    def test_a_finished_import_says_imported_once(self) -> None:
        page = self.page(self.imported(self.checked(self.content)))
        self.assertContains(page, '<span class="badge done">Done</span> 2 responses imported.')
        self.assertNotContains(page, "Imported</span> 2 responses imported")

    def test_rows_all_stored_before_are_not_offered_for_import_again(self) -> None:
        self.imported(self.checked(self.content))
        page = self.page(self.checked(self.content))
        self.assertContains(page, "Nothing new to import.")
        self.assertContains(page, "Both valid rows are already stored (imported before)")
        self.assertNotContains(page, "Import the 2")
        self.assertNotContains(page, 'name="mode"')

    def test_rows_partly_stored_before_offer_only_the_new_ones(self) -> None:
        self.imported(self.checked(self.content))
        job = self.checked(self.content + b"R3,carla@acme.example,7\nR4,nobody@x.example,1\n")
        page = self.page(job)
        self.assertContains(page, "Import the 1 new valid row<")
        self.assertContains(page, "2 of the valid rows are already stored")

    def test_the_encoding_is_named_as_people_know_it(self) -> None:
        job = self.checked(b"\xef\xbb\xbf" + self.content)
        self.assertEqual(job.encoding, "utf-8-sig")
        page = self.page(job)
        self.assertContains(page, "read as UTF-8 (with byte-order mark)")
        self.assertNotContains(page, "UTF-8-SIG")
        mapping = self.client.get(reverse("feedback:import_mapping", args=[job.pk]))
        self.assertContains(mapping, "read as UTF-8 (with byte-order mark)")

    def test_an_import_in_progress_says_which_step_it_is_in(self) -> None:
        job = self.checked(self.content)
        FeedbackImport.objects.filter(pk=job.pk).update(
            status="importing", mode="all_or_nothing", processed_rows=0, bytes_read=job.size // 2
        )
        page = self.page(job)
        self.assertContains(page, "Step 1 of 2: checking every row again before storing any")
        self.assertNotContains(page, "0 of 2 rows")

    def test_the_problems_stack_on_a_phone_with_each_cell_named(self) -> None:
        page = self.page(self.checked(self.content + b"R3,carla@acme.example,11\n"))
        self.assertContains(page, '<table class="stacks">')
        self.assertContains(page, '<td class="num" data-label="Line">4</td>')
        self.assertContains(page, '<td data-label="Column"><code>Score</code></td>')

    def test_a_file_with_only_a_header_has_no_rows_to_import(self) -> None:
        job = self.checked(b"Response ID,Email,Score\n")
        self.assertEqual((job.status, job.total_rows), (FeedbackImport.Status.CHECKED, 0))
        page = self.page(job)
        self.assertContains(page, "The file has no rows to import")
        self.assertNotContains(page, "Every row is valid")
        self.assertNotContains(page, 'name="mode"')
        with self.assertRaisesMessage(ValidationError, "The file has no rows to import."):
            services.feedback_import_apply(actor=self.admin, job=job, mode="all_or_nothing")

    def test_counts_are_written_with_thousands_separators_throughout(self) -> None:
        job = self.imported(self.checked(self.content))
        FeedbackImport.objects.filter(pk=job.pk).update(
            total_rows=45_000, valid_rows=44_991, error_count=9, created_count=44_991
        )
        page = self.page(job)
        self.assertContains(page, '<div class="stat">45,000</div>')
        self.assertContains(page, '<div class="stat">44,991</div>')
        self.assertContains(page, "44,991 responses imported; 9 rows with problems skipped.")
        self.assertNotContains(page, "44991")
        listing = self.client.get(reverse("feedback:import_list"))
        self.assertContains(listing, '<td class="num" data-label="Rows">45,000</td>')
        self.assertNotContains(listing, "44991")

    def test_the_presets_name_their_score_type_as_people_know_it(self) -> None:
        self.login(self.admin)
        page = self.client.get(reverse("feedback:import_upload"))
        self.assertContains(page, "Reviews · Rating (1–5)")
        self.assertContains(page, "Support tickets · CSAT (1–5)")
        self.assertNotContains(page, "RATING")


class ImportedIdsMigrationTest(PersonasTestCase):
    def test_an_imported_external_id_is_kept_under_its_kind(self) -> None:
        migration = importlib.import_module("centric.feedback.migrations.0011_imported_ids_by_kind")
        refs = ("import:id:R1", "import:row:0af3", "api-7")
        for ref in refs:
            Response.objects.create(
                organisation=self.org, channel="import", kind="ticket", source_ref=ref
            )

        migration.ids_by_kind(apps, None)

        self.assertEqual(
            sorted(Response.objects.values_list("source_ref", flat=True)),
            ["api-7", "import:id:ticket:R1", "import:row:0af3"],
        )


class UndatedImportsMigrationTest(PersonasTestCase):
    def test_feedback_imported_without_a_date_takes_the_time_it_was_stored(self) -> None:
        migration = importlib.import_module(
            "centric.feedback.migrations.0010_imported_responses_dated"
        )
        imported, started = (
            Response.objects.create(
                organisation=self.org, channel=channel, comment="Late again.", responded_at=None
            )
            for channel in (Response.Channel.IMPORT, Response.Channel.LINK)
        )

        migration.date_undated_imports(apps, None)

        imported.refresh_from_db()
        started.refresh_from_db()
        self.assertEqual(imported.responded_at, imported.created_at)
        self.assertIsNone(started.responded_at)  # a survey answer not yet sent has no date
