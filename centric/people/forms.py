from __future__ import annotations

from typing import Any

from django import forms

from centric.core.forms import OrganisationModelForm, TimeZoneSelect, limit_choices
from centric.core.models import Organisation
from centric.core.validators import validate_one_line
from centric.people.models import BusinessUnit, Team, User


def start_in_organisation_time_zone(form: OrganisationModelForm, organisation_id: int) -> None:
    """A new person's or contact's time zone starts as their organisation's, not UTC: the form
    offers it, and input that leaves it empty (the API, an imported file) gets it. A record
    that exists keeps its own, and must keep one."""
    field = form.fields.get("time_zone")
    if field is None or form.instance.pk:
        return
    zone = Organisation.objects.values_list("time_zone", flat=True).get(pk=organisation_id)
    form.instance.time_zone = zone
    form.initial["time_zone"] = zone
    field.required = False


def names_on_one_line(form: forms.BaseForm, *names: str) -> None:
    """The fields ``names`` of ``form`` (those it has) take one line: each is a name that goes
    into mail headers (a subject, a sender), where a line break stops the mail."""
    for name in names:
        if name in form.fields:
            form.fields[name].validators.append(validate_one_line)


def time_zone_or_default(form: OrganisationModelForm) -> str:
    """The ``clean_time_zone`` of a form that calls ``start_in_organisation_time_zone``."""
    return str(form.cleaned_data["time_zone"] or form.instance.time_zone)


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

    def __init__(
        self, *args: Any, organisation_id: int, can_change_serves: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, organisation_id=organisation_id, **kwargs)
        people = User.objects.filter(organisation_id=organisation_id)
        active = people.filter(is_active=True)
        # the lead and members it has may stay, though they have left since; only a change
        # to someone who has left is refused
        current = self.instance.members.all() if self.instance.pk else people.none()
        limit_choices(
            self,
            business_unit=BusinessUnit.objects.filter(organisation_id=organisation_id),
            lead=active | people.filter(pk=self.instance.lead_id),
            members=active | people.filter(pk__in=current.values("pk")),
            serves=Team.objects.filter(organisation_id=organisation_id).exclude(
                pk=self.instance.pk
            ),
        )
        names_on_one_line(self, "name")
        if not can_change_serves and "serves" in self.fields:
            self.fields["serves"].disabled = True
            self.fields["serves"].help_text = "Only an admin or a CX lead can change this."


class BusinessUnitForm(OrganisationModelForm):
    class Meta:
        model = BusinessUnit
        fields = ["name", "head", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, organisation_id=organisation_id, **kwargs)
        people = User.objects.filter(organisation_id=organisation_id)
        limit_choices(
            self, head=people.filter(is_active=True) | people.filter(pk=self.instance.head_id)
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
        start_in_organisation_time_zone(self, organisation_id)
        names_on_one_line(self, "first_name", "last_name")

    def clean_time_zone(self) -> str:
        return time_zone_or_default(self)


class ProfileForm(forms.ModelForm):  # type: ignore[type-arg]
    """What everyone may change about themselves."""

    class Meta:
        model = User
        fields = ["first_name", "last_name", "job_title", "language", "time_zone", "spike_alerts"]
        widgets = {"time_zone": TimeZoneSelect}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names_on_one_line(self, "first_name", "last_name")


class ApiTokenForm(forms.Form):
    name = forms.CharField(max_length=80, help_text="What the token is for, e.g. “CRM sync”.")
