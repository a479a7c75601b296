"""Background work for surveys: thin tasks that call a service, enqueued on commit."""

from celery import shared_task

from centric.feedback import services


@shared_task(acks_late=True)
def send_invitations(survey_id: int) -> int:
    return services.invitations_send(survey_id=survey_id)


@shared_task(acks_late=True)
def send_reminders(survey_id: int) -> int:
    return services.reminders_send(survey_id=survey_id)


@shared_task(acks_late=True)
def send_waiting_invitations() -> int:
    return services.invitations_send_waiting()


@shared_task(acks_late=True)
def close_due_surveys() -> int:
    return services.surveys_close_due()


@shared_task(acks_late=True)
def send_due_reminders() -> int:
    return services.reminders_send_due()
