from __future__ import annotations

from typing import Any

from django import forms

from centric.core.forms import OrganisationModelForm, limit_choices
from centric.customers.models import Account
from centric.feedback.catalog import TEMPLATES
from centric.feedback.models import JourneyStage, Survey, Touchpoint
from centric.people.models import Team


class SurveyCreateForm(forms.ModelForm):  # type: ignore[type-arg]
    template = forms.ChoiceField(
        choices=[(slug, f"{spec.name}: {spec.description}") for slug, spec in TEMPLATES.items()],
        widget=forms.RadioSelect,
        initial="relationship-nps",
    )

    class Meta:
        model = Survey
        fields = [
            "name",
            "stage",
            "touchpoint",
            "subject_team",
            "default_language",
            "open_link",
            "fatigue_days",
        ]
        labels = {"subject_team": "Team being rated (internal-customer survey only)"}

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(
            self,
            stage=JourneyStage.objects.filter(organisation_id=organisation_id),
            touchpoint=Touchpoint.objects.filter(organisation_id=organisation_id),
            subject_team=Team.objects.filter(organisation_id=organisation_id),
        )
        self.fields["default_language"].choices = [("en", "English"), ("de", "German")]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        template = TEMPLATES.get(data.get("template", ""))
        if template and template.internal and not data.get("subject_team"):
            self.add_error("subject_team", "Choose the team whose service this survey rates.")
        return data


class InviteForm(forms.Form):
    accounts = forms.ModelMultipleChoiceField(
        queryset=Account.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="Every contact of these accounts is invited.",
    )
    teams = forms.ModelMultipleChoiceField(
        queryset=Team.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="Every member of these teams is invited, as an internal customer.",
    )

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(
            self,
            accounts=Account.objects.filter(organisation_id=organisation_id).order_by("name"),
            teams=Team.objects.filter(organisation_id=organisation_id),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("accounts") and not data.get("teams"):
            raise forms.ValidationError("Choose at least one account or team to invite.")
        return data


class JourneyStageForm(OrganisationModelForm):
    class Meta:
        model = JourneyStage
        fields = ["name", "position"]
        help_texts = {"position": "Stages are shown in this order, lowest first."}


class TouchpointForm(OrganisationModelForm):
    class Meta:
        model = Touchpoint
        fields = ["name", "stage"]

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, organisation_id=organisation_id, **kwargs)
        limit_choices(self, stage=JourneyStage.objects.filter(organisation_id=organisation_id))
