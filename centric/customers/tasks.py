"""Background work for imports: thin tasks that call a service, enqueued on commit."""

from celery import shared_task

from centric.customers import services
from centric.customers.models import ImportJob


@shared_task(acks_late=True)
def import_check(job_id: int) -> str:
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    return services.import_job_check(job=job).status


@shared_task(acks_late=True)
def import_apply(job_id: int) -> str:
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.status != ImportJob.Status.IMPORTING:
        return job.status  # a redelivered message after the import finished: nothing to do
    return services.import_job_run(job=job).status
