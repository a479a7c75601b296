"""Taking an import back: the responses it stored are removed, and nothing else is."""

from __future__ import annotations

import importlib
import json
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from centric.core.models import AuditEvent, Role
from centric.feedback.feedback_imports import selectors, services
from centric.feedback.feedback_imports.mapping import Mapping
from centric.feedback.models import FeedbackImport, Response
from centric.people.models import User
from centric.people.services import api_token_create
from tests.personas import PersonasTestCase

EXPORT = (
    b"Response ID,Submitted at,Email,Score,Comment\n"
    b"R1,2024-03-01,carla@acme.example,9,Quick and clear\n"
    b"R2,2024-03-02,carla@acme.example,3,Slow delivery\n"
    b"R3,2024-03-03,carla@acme.example,11,Out of range\n"
)
OTHER_EXPORT = b"Response ID,Submitted at,Score,Comment\nX1,2024-04-01,8,Fine\n"


class ImportRemovalTestCase(PersonasTestCase):
    def imported(self, content: bytes = EXPORT, actor: User | None = None) -> FeedbackImport:
        """A file uploaded, checked with its proposed mapping and its valid rows imported, the
        background work run as the worker runs it."""
        actor = actor or self.cx_lead
        job = services.feedback_import_start(
            actor=actor, upload=SimpleUploadedFile("export.csv", content)
        )
        with self.captureOnCommitCallbacks(execute=True):
            services.feedback_import_map(
                actor=actor,
                job=job,
                mapping=Mapping.from_dict({**job.mapping, "score_type": "nps"}),
            )
        job.refresh_from_db()
        with self.captureOnCommitCallbacks(execute=True):
            services.feedback_import_apply(actor=actor, job=job, mode="keep_valid")
        job.refresh_from_db()
        self.assertEqual(job.status, FeedbackImport.Status.DONE)
        return job

    def remove(self, job: FeedbackImport, actor: User | None = None) -> FeedbackImport:
        with self.captureOnCommitCallbacks(execute=True):
            services.feedback_import_remove(actor=actor or self.cx_lead, job=job)
        job.refresh_from_db()
        return job


class ImportRemovalTest(ImportRemovalTestCase):
    def test_each_imported_response_records_its_import(self) -> None:
        job = self.imported()
        self.assertEqual(job.created_count, 2)
        self.assertEqual(
            sorted(Response.objects.filter(feedback_import=job).values_list("comment", flat=True)),
            ["Quick and clear", "Slow delivery"],
        )

    def test_a_cx_lead_removes_an_import_through_the_pages(self) -> None:
        job = self.imported()
        other = self.imported(OTHER_EXPORT)
        answered = Response.objects.create(
            organisation=self.org, channel=Response.Channel.LINK, score=7, comment="By hand"
        )
        self.login(self.cx_lead)
        report = self.client.get(reverse("feedback:import_detail", args=[job.pk]))
        self.assertContains(report, reverse("feedback:import_remove", args=[job.pk]))

        asked = self.client.get(reverse("feedback:import_remove", args=[job.pk]))
        self.assertContains(asked, "<strong>2 responses</strong> will be removed")
        self.assertContains(asked, "Remove 2 responses")
        self.assertEqual(Response.objects.count(), 4)  # asking changes nothing

        with self.captureOnCommitCallbacks(execute=True):
            done = self.client.post(reverse("feedback:import_remove", args=[job.pk]))
        self.assertRedirects(done, reverse("feedback:import_detail", args=[job.pk]))
        job.refresh_from_db()
        self.assertEqual((job.status, job.removed_count), (FeedbackImport.Status.REMOVED, 2))
        self.assertEqual(
            set(Response.objects.values_list("pk", flat=True)),
            {answered.pk, *other.responses.values_list("pk", flat=True)},
        )
        report = self.client.get(reverse("feedback:import_detail", args=[job.pk]))
        self.assertContains(report, "2 of the 2 responses this import stored were removed.")
        self.assertNotContains(report, reverse("feedback:import_remove", args=[job.pk]))
        listed = self.client.get(reverse("feedback:import_list"))
        self.assertContains(listed, '<span class="badge removed">Removed</span>', html=True)
        event = AuditEvent.objects.get(action=AuditEvent.Action.UPDATE, object_id=str(job.pk))
        self.assertEqual(
            (event.actor, event.changes),
            (
                self.cx_lead,
                {
                    "status": ["Imported", "Removed"],
                    "responses removed": [0, 2],
                    "responses kept with their cases": [0, 0],
                },
            ),
        )
        self.assertContains(listed, "2 removed")

    def test_the_same_file_imported_again_stores_the_removed_rows_again(self) -> None:
        self.remove(self.imported())
        again = self.imported()
        self.assertEqual((again.created_count, again.existing_count), (2, 0))
        self.assertEqual(Response.objects.count(), 2)

    def test_an_import_is_removed_a_batch_at_a_time_with_its_progress(self) -> None:
        rows = "".join(f"R{n},2024-03-01,carla@acme.example,9,Fine {n}\n" for n in range(5))
        job = self.imported(b"Response ID,Submitted at,Email,Score,Comment\n" + rows.encode())
        seen: list[int] = []
        remove_rows, report = services.REMOVE_ROWS, services._report
        services.REMOVE_ROWS = 2

        def watch(job: FeedbackImport, **progress: int) -> None:
            seen.append(progress["removed_count"])
            report(job, **progress)

        services._report = watch
        try:
            job = self.remove(job)
        finally:
            services.REMOVE_ROWS, services._report = remove_rows, report
        self.assertEqual(seen, [2, 4, 5])
        self.assertEqual(job.removed_count, 5)
        self.assertFalse(Response.objects.exists())

    def test_the_progress_while_removing_says_how_many_are_removed(self) -> None:
        job = self.imported()
        job.status, job.removed_count = FeedbackImport.Status.REMOVING, 1
        progress = selectors.feedback_import_progress(job)
        self.assertEqual(
            (progress.phase, progress.done, progress.percent),
            ("Removing the responses", "1 of 2 removed", 50),
        )
        job.kept_count = 1  # a case was opened on the other: only one is to go
        progress = selectors.feedback_import_progress(job)
        self.assertEqual((progress.done, progress.percent), ("1 of 1 removed", 100))
        self.assertTrue(job.in_progress)

    def test_what_cannot_be_removed_is_refused_with_the_reason(self) -> None:
        job = self.imported()
        self.remove(job)
        with self.assertRaisesMessage(ValidationError, "have been removed already"):
            self.remove(job)

        checked = services.feedback_import_start(
            actor=self.cx_lead, upload=SimpleUploadedFile("export.csv", EXPORT)
        )
        with self.assertRaisesMessage(ValidationError, "Nothing was imported from this file"):
            self.remove(checked)

        nothing_new = self.imported()
        self.assertEqual(self.imported().created_count, 0)  # every row imported before
        repeat = FeedbackImport.objects.exclude(pk__in=[job.pk, nothing_new.pk]).latest("pk")
        with self.assertRaisesMessage(ValidationError, "stored no new responses"):
            self.remove(repeat)

        nothing_new.tracks_responses = False  # imported before responses recorded it
        nothing_new.save()
        with self.assertRaisesMessage(ValidationError, "cannot be told apart from the others"):
            self.remove(nothing_new)
        self.assertEqual(Response.objects.count(), 2)
        self.login(self.cx_lead)
        asked = self.client.get(reverse("feedback:import_remove", args=[nothing_new.pk]))
        self.assertContains(asked, "cannot be told apart from the others")
        self.assertNotContains(asked, "btn danger")

    def test_only_the_uploader_with_write_access_may_remove_an_import(self) -> None:
        job = self.imported()
        for other in (self.admin, self.owner):  # neither sees the imports of another
            self.login(other)
            for method in ("get", "post"):
                page = getattr(self.client, method)(
                    reverse("feedback:import_remove", args=[job.pk])
                )
                self.assertEqual(page.status_code, 404)
        with self.assertRaises(PermissionDenied):
            self.remove(job, actor=self.admin)

        mine = job
        self.cx_lead.role = Role.VIEWER  # a CX lead who has become a viewer reads, and no more
        self.cx_lead.save()
        self.login(self.cx_lead)
        self.assertEqual(
            self.client.get(reverse("feedback:import_remove", args=[mine.pk])).status_code, 403
        )
        self.assertEqual(
            self.client.post(reverse("feedback:import_remove", args=[mine.pk])).status_code, 403
        )
        self.assertNotContains(
            self.client.get(reverse("feedback:import_detail", args=[mine.pk])),
            reverse("feedback:import_remove", args=[mine.pk]),
        )
        self.assertEqual(Response.objects.count(), 2)

    def test_the_days_of_an_import_are_those_of_its_own_responses(self) -> None:
        job = self.imported()
        self.imported(OTHER_EXPORT)  # stored meanwhile, on other days
        first, last = selectors.feedback_import_days(job) or (None, None)
        self.assertEqual((str(first), str(last)), ("2024-03-01", "2024-03-02"))


class ImportRemovalApiTest(ImportRemovalTestCase):
    def post(self, path: str, user: User) -> Any:
        _, secret = api_token_create(user=user, name="test")
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(f"/api{path}", headers={"Authorization": f"Bearer {secret}"})

    def test_an_import_is_taken_back_through_the_api(self) -> None:
        job = self.imported()
        taken = self.post(f"/feedback-imports/{job.pk}/remove", self.cx_lead)
        self.assertEqual(taken.status_code, 202, taken.content)
        self.assertEqual(taken.json()["status"], "removing")
        job.refresh_from_db()
        self.assertEqual((job.status, job.removed_count), ("removed", 2))
        self.assertFalse(Response.objects.exists())

        again = self.post(f"/feedback-imports/{job.pk}/remove", self.cx_lead)
        self.assertEqual(again.status_code, 422)
        self.assertIn("removed already", json.dumps(again.json()))

    def test_another_person_cannot_take_it_back(self) -> None:
        job = self.imported()
        self.assertEqual(
            self.post(f"/feedback-imports/{job.pk}/remove", self.admin).status_code, 404
        )
        self.assertEqual(
            self.post(f"/feedback-imports/{job.pk}/remove", self.stranger).status_code, 404
        )
        self.assertEqual(Response.objects.count(), 2)


class UntrackedImportsMigrationTest(ImportRemovalTestCase):
    def test_imports_that_stored_responses_before_are_not_removable(self) -> None:
        migration = importlib.import_module(
            "centric.feedback.migrations.0017_import_of_each_response"
        )
        done = self.imported()
        waiting = services.feedback_import_start(
            actor=self.cx_lead, upload=SimpleUploadedFile("export.csv", EXPORT)
        )

        migration.untracked_before(apps, None)

        done.refresh_from_db()
        waiting.refresh_from_db()
        self.assertEqual((done.tracks_responses, waiting.tracks_responses), (False, True))
