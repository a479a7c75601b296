"""Background work for feedback imports: thin tasks that call a service, enqueued on commit."""

from celery import shared_task

from centric.feedback.feedback_imports import services
from centric.feedback.models import FeedbackImport


@shared_task(acks_late=True)
def feedback_import_check(import_id: int) -> str:
    job = FeedbackImport.objects.select_related("created_by__organisation").get(pk=import_id)
    if job.status != FeedbackImport.Status.CHECKING:
        return job.status  # a redelivered message after the check finished: nothing to do
    return services.feedback_import_check(job=job).status


@shared_task(acks_late=True)
def feedback_import_run(import_id: int) -> str:
    job = FeedbackImport.objects.select_related("created_by__organisation").get(pk=import_id)
    if job.status != FeedbackImport.Status.IMPORTING:
        return job.status
    return services.feedback_import_run(job=job).status


@shared_task(acks_late=True)
def feedback_import_remove_run(import_id: int) -> str:
    job = FeedbackImport.objects.select_related("created_by__organisation").get(pk=import_id)
    if job.status != FeedbackImport.Status.REMOVING:
        return job.status
    return services.feedback_import_remove_run(job=job).status
