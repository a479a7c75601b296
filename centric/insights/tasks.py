"""Background work for the pipeline: thin tasks that call a service, enqueued on commit."""

from celery import shared_task

from centric.insights import services


@shared_task(acks_late=True)
def analyse_responses(response_ids: list[int]) -> int:
    # idempotent, so a redelivered message simply reads the same comments again
    return services.responses_analyse(response_ids=response_ids)


@shared_task(acks_late=True)
def reanalyse_organisation(organisation_id: int) -> int:
    return services.organisation_reanalyse(organisation_id=organisation_id)
