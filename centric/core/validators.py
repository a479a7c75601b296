import zoneinfo

from django.core.exceptions import ValidationError


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            f"“{value}” is not a known time zone (use a name such as Europe/Berlin)."
        )


def validate_one_line(value: str) -> None:
    """A value that goes into a mail header: one line, no control characters."""
    if any(ord(character) < 32 or ord(character) == 127 for character in value):
        raise ValidationError("Keep it to one line, without control characters.")
