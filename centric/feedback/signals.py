"""Every organisation starts with the seed's journey (shop → dispose), which it can then edit."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from centric.core.models import Organisation
from centric.feedback.services import journey_stages_ensure


@receiver(post_save, sender=Organisation, dispatch_uid="journey_for_new_organisation")
def _journey_for_new_organisation(
    sender: type[Organisation], instance: Organisation, created: bool, **kwargs: Any
) -> None:
    if created:
        journey_stages_ensure(organisation_id=instance.pk)
