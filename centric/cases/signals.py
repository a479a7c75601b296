"""Every organisation starts with business hours, SLA targets, a root-cause taxonomy and
closing messages, which it can then edit."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from centric.cases.services import defaults_ensure
from centric.core.models import Organisation


@receiver(post_save, sender=Organisation, dispatch_uid="case_defaults_for_new_organisation")
def _defaults_for_new_organisation(
    sender: type[Organisation], instance: Organisation, created: bool, **kwargs: Any
) -> None:
    if created:
        defaults_ensure(organisation_id=instance.pk, time_zone=instance.time_zone)
