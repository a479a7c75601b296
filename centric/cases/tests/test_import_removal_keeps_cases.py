"""Taking an import back keeps the feedback a case was opened on, and removes the rest with
everything read from it."""

from __future__ import annotations

from unittest import mock

from django.urls import reverse

from centric.cases.models import Case, Priority
from centric.cases.services import case_open_by_person
from centric.feedback.feedback_imports import services
from centric.feedback.models import FeedbackImport, Response
from centric.feedback.tests.test_import_removal import ImportRemovalTestCase
from centric.insights.models import ResponseAnalysis, ThemeMention


class ImportRemovalKeepsCasesTest(ImportRemovalTestCase):
    def test_feedback_with_a_case_stays_and_the_rest_goes_with_its_analysis(self) -> None:
        job = self.imported()
        slow = Response.objects.get(comment="Slow delivery")
        case = case_open_by_person(
            actor=self.cx_lead, response=slow, owner=self.owner, priority=Priority.HIGH
        )
        self.assertEqual(ResponseAnalysis.objects.count(), 2)  # read on arrival
        self.assertTrue(ThemeMention.objects.filter(response=slow).exists())
        self.login(self.cx_lead)
        asked = self.client.get(reverse("feedback:import_remove", args=[job.pk]))
        self.assertContains(asked, "<strong>1 response</strong> will be removed")
        self.assertContains(asked, "1 response will stay, because a case was opened on it")

        with self.captureOnCommitCallbacks(execute=False) as queued:
            services.feedback_import_remove(actor=self.cx_lead, job=job)
        removing = self.client.get(reverse("feedback:import_detail", args=[job.pk]))
        self.assertContains(removing, "0 of 1 removed")  # the one to go, not the two stored
        for callback in queued:
            callback()
        job.refresh_from_db()

        self.assertEqual((job.status, job.removed_count), (FeedbackImport.Status.REMOVED, 1))
        self.assertEqual(list(Response.objects.all()), [slow])
        self.assertEqual(
            list(ResponseAnalysis.objects.values_list("response", flat=True)), [slow.pk]
        )
        case.refresh_from_db()
        self.assertEqual(case.response, slow)
        report = self.client.get(reverse("feedback:import_detail", args=[job.pk]))
        self.assertContains(
            report,
            "1 of the 2 responses this import stored was removed; 1 stayed because a case was "
            "opened on it.",
        )
        self.assertEqual(Case.objects.count(), 1)
        self.assertEqual(job.kept_count, 1)

    def test_a_case_opened_after_the_batch_was_chosen_keeps_its_response(self) -> None:
        job = self.imported()
        services.feedback_import_remove(actor=self.cx_lead, job=job)  # its task runs on commit
        job.status = FeedbackImport.Status.REMOVING
        chosen = services._removal_batch(job)  # both, before the case below is opened
        slow = Response.objects.get(comment="Slow delivery")
        case = case_open_by_person(
            actor=self.cx_lead, response=slow, owner=self.owner, priority=Priority.HIGH
        )
        with mock.patch.object(services, "_removal_batch", side_effect=[chosen, []]):
            services.feedback_import_remove_run(job=job)

        case.refresh_from_db()
        self.assertEqual(case.response, slow)
        self.assertEqual(list(Response.objects.all()), [slow])
        self.assertEqual((job.removed_count, job.kept_count), (1, 1))
