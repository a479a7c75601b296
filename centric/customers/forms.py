from __future__ import annotations

from typing import Any

from django import forms
from django.db import models

from centric.core.forms import HttpsURLField, OrganisationModelForm, TimeZoneSelect, limit_choices
from centric.customers.models import Account, Contact, Segment
from centric.people.forms import (
    names_on_one_line,
    start_in_organisation_time_zone,
    time_zone_or_default,
)
from centric.people.models import Team, User
from centric.people.selectors import working


class AccountForm(OrganisationModelForm):
    class Meta:
        model = Account
        fields = [
            "name",
            "external_id",
            "segment",
            "lifecycle_stage",
            "tier",
            "annual_value",
            "owner",
            "team",
            "country",
            "website",
            "notes",
        ]
        labels = {"external_id": "CRM id"}
        help_texts = {"owner": "The account's cases go to its owner, so viewers cannot own one."}
        error_messages = {
            "owner": {"invalid_choice": "Choose an active person who may work cases, not a viewer."}
        }
        field_classes = {"website": HttpsURLField}
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, organisation_id=organisation_id, **kwargs)
        people = User.objects.filter(organisation_id=organisation_id)
        limit_choices(
            self,
            segment=Segment.objects.filter(organisation_id=organisation_id),
            # the owner it has may stay, though they have left since: only a change is checked
            owner=working(people) | people.filter(pk=self.instance.owner_id),
            team=Team.objects.filter(organisation_id=organisation_id),
        )
        names_on_one_line(self, "name")

    def clean_external_id(self) -> str:
        external_id: str = self.cleaned_data["external_id"]
        others = Account.objects.filter(organisation_id=self.instance.organisation_id)
        taken = others.filter(external_id=external_id).exclude(pk=self.instance.pk)
        if external_id and taken.exists():
            raise forms.ValidationError("Another account already has this CRM id.")
        return external_id

    def clean_country(self) -> str:
        country: str = self.cleaned_data["country"].strip().upper()
        if country and (len(country) != 2 or not country.isalpha()):
            raise forms.ValidationError("Use the two-letter ISO country code, e.g. DE or US.")
        return country


class ContactForm(OrganisationModelForm):
    class Meta:
        model = Contact
        fields = [
            "account",
            "first_name",
            "last_name",
            "email",
            "phone",
            "job_title",
            "influence",
            "preferred_channel",
            "language",
            "time_zone",
            "working_hours_start",
            "working_hours_end",
        ]
        widgets = {
            "time_zone": TimeZoneSelect,
            "working_hours_start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "working_hours_end": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args: Any, organisation_id: int, accounts: Any, **kwargs: Any) -> None:
        super().__init__(*args, organisation_id=organisation_id, **kwargs)
        limit_choices(self, account=accounts)
        start_in_organisation_time_zone(self, organisation_id)
        names_on_one_line(self, "first_name", "last_name")

    def clean_time_zone(self) -> str:
        return time_zone_or_default(self)

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"]
        others = Contact.objects.filter(organisation_id=self.instance.organisation_id)
        if others.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                "Another contact already has this email address (in capitals or not)."
            )
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # a form for some fields only (the API's PATCH) checks them against the stored others
        start = self._value("working_hours_start", data)
        end = self._value("working_hours_end", data)
        if start and end and start >= end:
            field = (
                "working_hours_end" if "working_hours_end" in self.fields else "working_hours_start"
            )
            self.add_error(field, "Working hours must end after they start.")
        return data

    def _value(self, name: str, data: dict[str, Any]) -> Any:
        if name in self.fields:
            return data.get(name)
        # a new contact's default is text ("17:00") until it is saved
        return models.TimeField().to_python(getattr(self.instance, name))


class SegmentForm(OrganisationModelForm):
    class Meta:
        model = Segment
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[("accounts", "Accounts"), ("contacts", "Contacts")],
        widget=forms.RadioSelect,
        initial="accounts",
    )
    file = forms.FileField(help_text="A CSV file with a header row, UTF-8 or UTF-16 encoded.")
