"""Background work for feedback imports: thin tasks that call a service, enqueued on commit."""

from collections.abc import Callable

from celery import shared_task

from centric.feedback.feedback_imports import services
from centric.feedback.models import FeedbackImport


def _step(import_id: int, status: str, run: Callable[..., FeedbackImport]) -> str:
    """Run one step of an import queued in ``status``; a message delivered again after the step
    finished finds the import in another status, and does nothing."""
    job = FeedbackImport.objects.select_related("created_by__organisation").get(pk=import_id)
    if job.status != status:
        return job.status
    return run(job=job).status


@shared_task(acks_late=True)
def feedback_import_check(import_id: int) -> str:
    return _step(import_id, FeedbackImport.Status.CHECKING, services.feedback_import_check)


@shared_task(acks_late=True)
def feedback_import_run(import_id: int) -> str:
    return _step(import_id, FeedbackImport.Status.IMPORTING, services.feedback_import_run)


@shared_task(acks_late=True)
def feedback_import_remove_run(import_id: int) -> str:
    return _step(import_id, FeedbackImport.Status.REMOVING, services.feedback_import_remove_run)
