from __future__ import annotations

from typing import Any

from django import forms

from centric.core.forms import HttpsURLField, OrganisationModelForm, TimeZoneSelect, limit_choices
from centric.customers.models import Account, Contact, Segment
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
        limit_choices(
            self,
            segment=Segment.objects.filter(organisation_id=organisation_id),
            owner=working(User.objects.filter(organisation_id=organisation_id)),
            team=Team.objects.filter(organisation_id=organisation_id),
        )

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

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("working_hours_start"), data.get("working_hours_end")
        if start and end and start >= end:
            self.add_error("working_hours_end", "Working hours must end after they start.")
        return data


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
