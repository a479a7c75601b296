"""One place to ask for the time, so tests can freeze it (mock the clock, nothing else)."""

from datetime import datetime

from django.utils import timezone


def now() -> datetime:
    return timezone.now()
