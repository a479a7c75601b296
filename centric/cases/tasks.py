"""Background work for the closed loop: thin tasks that call a service, enqueued on commit."""

import logging

from celery import shared_task
from celery.app.task import Task

from centric.cases import escalation, routing, services, webhooks
from centric.cases.models import Rule

logger = logging.getLogger(__name__)

# Mail that cannot go is tried again after these many seconds (1 minute, 5, then 30), then given
# up: a mail server down for a short while loses nothing. Run in-process (eagerly), the
# attempts follow each other at once.
MAIL_RETRY_AFTER = (60, 300, 1800)


@shared_task(acks_late=True)
def route_responses(response_ids: list[int]) -> int:
    # idempotent: feedback that already has a case is skipped
    return routing.responses_route(response_ids=response_ids)


@shared_task(acks_late=True)
def backfill_rule(rule_id: int, days: int) -> int:
    rule = Rule.objects.filter(pk=rule_id, active=True).first()
    return routing.rule_backfill(rule=rule, days=days) if rule else 0


@shared_task(acks_late=True)
def escalate_breaches() -> int:
    # run every minute by the scheduler; each step is taken once, however often this runs
    return escalation.breaches_escalate()


@shared_task(bind=True, acks_late=True, max_retries=webhooks.MAX_ATTEMPTS)
def deliver_webhook(self: Task, delivery_id: int) -> bool | None:  # type: ignore[type-arg]
    delivered = webhooks.deliver(delivery_id)
    if delivered is False:
        attempts = self.request.retries + 1
        raise self.retry(countdown=webhooks.backoff(attempts))
    return delivered


@shared_task(acks_late=True)
def mail_notifications(
    notification_ids: list[int], attempt: int = 1, new_cases: bool = False
) -> int:
    """Email notifications to the people told; those that cannot go are tried again later (the
    notifications themselves are in the app already). ``new_cases``: of cases opened for their
    owners, several for one person in one mail. Returns how many went."""
    unsent, reason = services.notifications_mail(
        notification_ids=notification_ids, new_cases=new_cases
    )
    if unsent:
        if attempt <= len(MAIL_RETRY_AFTER):
            logger.warning("%d notification mails not sent (%s); trying again", len(unsent), reason)
            mail_notifications.apply_async(
                (unsent, attempt + 1, new_cases), countdown=MAIL_RETRY_AFTER[attempt - 1]
            )
        else:
            logger.error("%d notification mails not sent (%s); given up", len(unsent), reason)
    return len(notification_ids) - len(unsent)


@shared_task(acks_late=True)
def mail_customer(
    case_id: int,
    to: str,
    subject: str,
    body: str,
    sender_id: int,
    attempt: int = 1,
    unsubscribe: str = "",
) -> bool:
    """Email the customer of a case; should it not go after the last attempt — or at once, when
    the message itself cannot be made, which no attempt would change — the case says so
    (``case_mail_failed``)."""
    try:
        services.case_mail_send(
            case_id=case_id,
            to=to,
            subject=subject,
            body=body,
            sender_id=sender_id,
            unsubscribe=unsubscribe,
        )
    except (OSError, ValueError) as error:  # ValueError: a bad header, the same every time
        reason = services.mail_failure(error)
        if isinstance(error, OSError) and attempt <= len(MAIL_RETRY_AFTER):
            logger.warning("Mail to the customer of case %d not sent (%s)", case_id, reason)
            mail_customer.apply_async(
                (case_id, to, subject, body, sender_id, attempt + 1),
                {"unsubscribe": unsubscribe},
                countdown=MAIL_RETRY_AFTER[attempt - 1],
            )
        else:
            logger.error("Mail to the customer of case %d not sent (%s); given up", case_id, reason)
            services.case_mail_failed(
                case_id=case_id, to=to, subject=subject, reason=reason, sender_id=sender_id
            )
        return False
    return True
