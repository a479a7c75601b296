"""Background work for the closed loop: thin tasks that call a service, enqueued on commit."""

from celery import shared_task
from celery.app.task import Task

from centric.cases import escalation, routing, webhooks
from centric.cases.models import Rule


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
