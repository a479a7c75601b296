"""The upload form and the column-mapping form of a feedback import."""

from __future__ import annotations

from typing import Any

from django import forms

from centric.feedback.feedback_imports.dates import DATE_ORDERS
from centric.feedback.feedback_imports.mapping import (
    KINDS,
    PRESETS,
    TARGETS,
    Mapping,
    score_type_named_by,
)
from centric.feedback.models import SavedMapping

SCORE_TYPE_CHOICES = [
    ("", "— choose one, unless a column gives it —"),
    ("nps", "NPS (0–10)"),
    ("csat", "CSAT (1–5)"),
    ("ces", "CES (1–7)"),
    ("rating", "Rating (1–5)"),
]


class FeedbackUploadForm(forms.Form):
    file = forms.FileField(
        help_text="CSV (UTF-8, UTF-16, Windows-1252 or Latin-1), Excel (.xlsx) or JSON Lines, "
        "with a header row (JSON Lines: one object per line)."
    )
    preset = forms.ChoiceField(
        required=False,
        choices=[("", "None: recognise the columns by their names")]
        + [(key, preset.label) for key, preset in PRESETS.items()],
        label="Shape of the file",
    )
    saved_mapping = forms.ModelChoiceField(
        queryset=SavedMapping.objects.none(),
        required=False,
        label="Or reuse a saved mapping",
        empty_label="—",
    )

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["saved_mapping"].queryset = SavedMapping.objects.filter(  # type: ignore[attr-defined]
            organisation_id=organisation_id
        )


class ColumnMappingForm(forms.Form):
    """One choice of column per field, the fixed score type and kind, and the columns kept as
    custom attributes."""

    def __init__(self, *args: Any, columns: list[str], mapping: Mapping, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        column_choices = [("", "—")] + [(column, column) for column in columns]
        for target, label in TARGETS.items():
            self.fields[f"column_{target}"] = forms.ChoiceField(
                label=label,
                choices=column_choices,
                required=False,
                initial=mapping.columns.get(target, ""),
            )
        self.fields["score_type"] = forms.ChoiceField(
            label="Score type when the file does not say",
            choices=SCORE_TYPE_CHOICES,
            required=False,
            initial=mapping.score_type,
            help_text=_score_type_help(mapping),
        )
        self.fields["kind"] = forms.ChoiceField(
            label="Kind when the file does not say",
            choices=[(kind, kind.capitalize()) for kind in KINDS],
            initial=mapping.kind,
        )
        self.fields["date_order"] = forms.ChoiceField(
            label="Dates written with slashes",
            choices=list(DATE_ORDERS.items()),
            required=False,
            initial=mapping.date_order,
            help_text="03/04/2024 is 3 April day first, 4 March month first. Dates with dots "
            "(03.04.2024) are day first; 2024-04-03 reads as written.",
        )
        self.fields["attributes"] = forms.MultipleChoiceField(
            label="Keep these columns as custom attributes",
            choices=column_choices[1:],
            required=False,
            widget=forms.CheckboxSelectMultiple,
            initial=mapping.attributes,
        )
        self.fields["save_as"] = forms.CharField(
            label="Save this mapping as",
            max_length=80,
            required=False,
            help_text="Give it a name to reuse it for the next file of this shape. The name of "
            "a saved mapping replaces it, if you saved it or are an admin or a CX lead.",
        )

    def target_fields(self) -> list[forms.BoundField]:
        return [self[f"column_{target}"] for target in TARGETS]

    def mapping(self) -> Mapping:
        data = self.cleaned_data
        return Mapping(
            columns={
                target: data[f"column_{target}"] for target in TARGETS if data[f"column_{target}"]
            },
            score_type=data["score_type"],
            kind=data["kind"],
            attributes=list(data["attributes"]),
            date_order=data["date_order"] or "day",
        )


def _score_type_help(mapping: Mapping) -> str:
    """Where the proposed score type comes from, or that it must be chosen: never a silent guess."""
    score = mapping.columns.get("score")
    if score is None or "score_type" in mapping.columns:
        return ""
    if not mapping.score_type:
        return (
            f"The name of the score column “{score}” does not say which scale its scores are "
            "on: choose it."
        )
    if mapping.score_type == score_type_named_by(score):
        return f"Taken from the name of the score column “{score}”: check it."
    return ""
