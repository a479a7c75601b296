"""Form helpers shared by the apps."""

from __future__ import annotations

import zoneinfo
from functools import cache
from typing import Any

from django import forms
from django.db.models import QuerySet

from centric.core.models import Organisation


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


class HttpsURLField(forms.URLField):
    """A web address where "example.com" means https://example.com (Django 6's default)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(assume_scheme="https", **kwargs)


class TimeZoneSelect(forms.Select):
    """A list of every IANA time zone; the model field's validator refuses anything else."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, choices=time_zone_choices())


def limit_choices(form: forms.BaseForm, **querysets: QuerySet[Any]) -> None:
    """Offer only the organisation's own records in the form's choice fields."""
    for name, queryset in querysets.items():
        field = form.fields.get(name)  # a form built for some fields only may lack it
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = queryset


class OrganisationModelForm(forms.ModelForm):  # type: ignore[type-arg]
    """A model form for a record of the actor's organisation.

    The organisation is set before validation so that uniqueness within the organisation (two
    teams called "Finance") is reported on the form instead of failing at save time.
    """

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organisation_id = organisation_id

    def _get_validation_exclusions(self) -> set[str]:
        # Django skips constraints on fields the form does not edit; the organisation is not
        # edited, but it is set, and the per-organisation constraints must be checked.
        exclusions: set[str] = super()._get_validation_exclusions()  # type: ignore[misc]
        return exclusions - {"organisation"}

    def changed_values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields if name in self.cleaned_data}


class OrganisationForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Organisation
        fields = ["name", "time_zone", "currency", "mail_sender_name", "mail_reply_to"]
        widgets = {"time_zone": TimeZoneSelect}
