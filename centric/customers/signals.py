"""Every team is a potential internal customer, so each gets its ``Customer`` the moment it exists.

This is the one place where the customers app reacts to a change in the people app, which sits
below it and must not import it."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from centric.customers.services import customer_ensure_for_team
from centric.people.models import Team


@receiver(post_save, sender=Team, dispatch_uid="customer_for_new_team")
def _customer_for_new_team(
    sender: type[Team], instance: Team, created: bool, **kwargs: Any
) -> None:
    if created:
        customer_ensure_for_team(team=instance)
