"""Background work for the pipeline: thin tasks that call a service, enqueued on commit. Every
task is idempotent and acknowledged late, so a message redelivered after a worker died is safe."""

from celery import shared_task

from centric.insights import services
from centric.insights.signals import responses_analysed_send


# nobody reads the result; storing it would cost two Redis round trips per submission
@shared_task(acks_late=True, ignore_result=True)
def analyse_responses(response_ids: list[int]) -> int:
    # idempotent, so a redelivered message simply reads the same comments again
    analysed = services.responses_analyse(response_ids=response_ids)
    responses_analysed_send(response_ids=response_ids)
    return analysed


@shared_task(acks_late=True, ignore_result=True)
def analyse_missed_feedback() -> int:
    """Scheduled: analyse what a lost task left unread (see ``services.missed_responses``)."""
    missed = services.missed_responses()
    return analyse_responses(missed) if missed else 0


@shared_task(acks_late=True)
def plan_reanalysis(reanalysis_id: int) -> int:
    return services.reanalysis_plan(reanalysis_id=reanalysis_id)


@shared_task(acks_late=True)
def reanalyse_chunk(chunk_id: int) -> int:
    return services.reanalysis_chunk_run(chunk_id=chunk_id)


@shared_task(acks_late=True)
def discover_themes(organisation_id: int) -> int:
    return services.themes_discover(organisation_id=organisation_id)


@shared_task(acks_late=True)
def learn_sentiment(calibration_id: int) -> bool:
    return services.calibration_learn(calibration_id=calibration_id)


@shared_task(acks_late=True, ignore_result=True)
def alert_spikes() -> int:
    """Scheduled: tell the CX leads of this week's and last week's spikes and shifts, once."""
    return services.spikes_alert()
