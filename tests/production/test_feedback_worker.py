"""Listening in production mode: a feedback file is checked and imported by a real worker process
on PostgreSQL, the tasks travelling through RabbitMQ and the file through the shared media folder."""

from __future__ import annotations

import subprocess

from django.core.files.uploadedfile import SimpleUploadedFile

from centric.core.models import Role
from centric.feedback.feedback_imports import services as imports
from centric.feedback.feedback_imports.mapping import Mapping
from centric.feedback.models import FeedbackImport, Response
from centric.insights.models import ResponseAnalysis
from tests.factories import AccountFactory, ContactFactory, UserFactory
from tests.production.test_production_mode import wait_for

EXPORT = (
    b"Response ID,Submitted at,Email,Score,Comment\n"
    b"R1,2026-03-01 10:00,carla@acme.example,9,Quick and friendly\n"
    b"R2,2026-03-02 11:00,carla@acme.example,12,Out of range\n"
    b"R3,2026-03-03 12:00,carla@acme.example,3,Late again\n"
)


def test_a_feedback_file_is_checked_and_imported_by_a_worker(worker: subprocess.Popen[str]) -> None:
    admin = UserFactory.create(role=Role.ADMIN)
    account = AccountFactory.create(organisation=admin.organisation)
    ContactFactory.create(account=account, email="carla@acme.example")
    job = imports.feedback_import_start(
        actor=admin, upload=SimpleUploadedFile("export.csv", EXPORT), preset="survey-tool"
    )
    imports.feedback_import_map(actor=admin, job=job, mapping=Mapping.from_dict(job.mapping))
    wait_for(lambda: FeedbackImport.objects.get(pk=job.pk).status == FeedbackImport.Status.CHECKED)
    job.refresh_from_db()
    assert (job.total_rows, job.valid_rows) == (3, 2)
    imports.feedback_import_apply(actor=admin, job=job, mode=FeedbackImport.Mode.KEEP_VALID)
    wait_for(lambda: FeedbackImport.objects.get(pk=job.pk).status == FeedbackImport.Status.DONE)
    stored = Response.objects.filter(organisation=admin.organisation).order_by("score")
    assert [(response.score, response.channel) for response in stored] == [
        (3, "import"),
        (9, "import"),
    ]
    assert {response.feedback_import_id for response in stored} == {job.pk}

    # taken back by the worker, once the worker has read the feedback
    wait_for(lambda: ResponseAnalysis.objects.filter(response__in=stored).count() == 2)
    job.refresh_from_db()
    imports.feedback_import_remove(actor=admin, job=job)
    wait_for(lambda: FeedbackImport.objects.get(pk=job.pk).status == FeedbackImport.Status.REMOVED)
    job.refresh_from_db()
    assert job.removed_count == 2
    assert not Response.objects.filter(organisation=admin.organisation).exists()
    assert not ResponseAnalysis.objects.filter(organisation=admin.organisation).exists()
