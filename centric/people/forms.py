from __future__ import annotations

from typing import Any

from django import forms

from centric.core.forms import OrganisationModelForm, TimeZoneSelect, limit_choices
from centric.people.models import BusinessUnit, Team, User


class TeamForm(OrganisationModelForm):
    class Meta:
        model = Team
        fields = ["name", "business_unit", "lead", "description", "members", "serves"]
        widgets = {
            "members": forms.SelectMultiple(attrs={"size": 8}),
            "serves": forms.SelectMultiple(attrs={"size": 8}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"serves": "Teams it serves (its internal customers)"}

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, organisation_id=organisation_id, **kwargs)
        people = User.objects.filter(organisation_id=organisation_id, is_active=True)
        limit_choices(
            self,
            business_unit=BusinessUnit.objects.filter(organisation_id=organisation_id),
            lead=people,
            members=people,
            serves=Team.objects.filter(organisation_id=organisation_id).exclude(
                pk=self.instance.pk
            ),
        )


class BusinessUnitForm(OrganisationModelForm):
    class Meta:
        model = BusinessUnit
        fields = ["name", "head", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, organisation_id=organisation_id, **kwargs)
        limit_choices(
            self, head=User.objects.filter(organisation_id=organisation_id, is_active=True)
        )


class PersonForm(OrganisationModelForm):
    teams = forms.ModelMultipleChoiceField(
        queryset=Team.objects.none(), required=False, widget=forms.SelectMultiple(attrs={"size": 8})
    )

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "job_title", "role", "language", "time_zone"]
        widgets = {"time_zone": TimeZoneSelect}

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, organisation_id=organisation_id, **kwargs)
        if "first_name" in self.fields:
            self.fields["first_name"].required = True
        limit_choices(self, teams=Team.objects.filter(organisation_id=organisation_id))
        if self.instance.pk:
            self.fields["teams"].initial = list(self.instance.teams.all())


class ProfileForm(forms.ModelForm):  # type: ignore[type-arg]
    """What everyone may change about themselves."""

    class Meta:
        model = User
        fields = ["first_name", "last_name", "job_title", "language", "time_zone", "spike_alerts"]
        widgets = {"time_zone": TimeZoneSelect}


class ApiTokenForm(forms.Form):
    name = forms.CharField(max_length=80, help_text="What the token is for, e.g. “CRM sync”.")
