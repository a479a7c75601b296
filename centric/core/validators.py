import zoneinfo

from django.core.exceptions import ValidationError


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            f"“{value}” is not a known time zone (use a name such as Europe/Berlin)."
        )
