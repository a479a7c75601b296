"""Forms for the rule editor and the case settings. They parse and check what people type;
``centric.cases.configuration`` saves it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.http import QueryDict

from centric.cases import conditions, routing
from centric.cases.configuration import (
    BACKFILL_MAX_DAYS,
    PLACEHOLDERS,
    placeholder_problems,
    root_cause_parent_check,
)
from centric.cases.models import BusinessCalendar, ClosingTemplate, Priority, RootCause, Rule
from centric.core.forms import OrganisationModelForm, TimeZoneSelect, limit_choices
from centric.core.roles import Role
from centric.core.validators import validate_time_zone
from centric.feedback.models import Survey
from centric.people.models import Team, User

# --- rules ------------------------------------------------------------------------------------

MAX_CONDITIONS = 20
GROUPS = {"all": "Must-hold condition", "any": "Any-of condition"}
TYPE_LABELS = {
    "number": "numbers",
    "choice": "choices",
    "set": "themes and care signals",
    "flag": "flags",
    "text": "the comment",
}


def _field_choices() -> list[tuple[str, str]]:
    return [("", "Choose a field…")] + [
        (name, spec.label) for name, spec in conditions.FIELDS.items()
    ]


def _op_choices() -> list[tuple[str, Any]]:
    # grouped by the kind of field they compare, so the list reads without JavaScript
    return [("", "Choose a comparison…")] + [
        (f"For {TYPE_LABELS[kind]}", list(ops.items()))
        for kind, ops in conditions.OPS_BY_TYPE.items()
    ]


def _words(values: list[str]) -> str:
    return ", ".join(values)


class RuleForm(OrganisationModelForm):
    tags = forms.CharField(
        required=False,
        max_length=500,
        help_text="Words separated by commas; every case the rule opens carries them.",
    )

    class Meta:
        model = Rule
        fields = [
            "name",
            "description",
            "active",
            "priority",
            "owner_strategy",
            "team",
            "person",
            "notify_owner",
            "first_contact_hours",
            "resolution_hours",
            "tags",
        ]
        labels = {
            "active": "Active: runs on new feedback",
            "owner_strategy": "Owner",
            "person": "Named person",
            "notify_owner": "Email the owner of each new case",
            "first_contact_hours": "First contact within (business hours)",
            "resolution_hours": "Resolution within (business hours)",
        }
        help_texts = {"notify_owner": ""}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "owner_strategy": forms.RadioSelect,
        }

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, organisation_id=organisation_id, **kwargs)
        limit_choices(
            self,
            team=Team.objects.filter(organisation_id=organisation_id).order_by("name"),
            person=User.objects.filter(organisation_id=organisation_id, is_active=True)
            .exclude(role=Role.VIEWER)
            .order_by("first_name", "email"),
        )
        self.fields["team"].help_text = (
            "Round robin takes turns among its members; also where a case waits when the "
            "customer has no owner."
        )
        if isinstance(self.initial.get("tags"), list):  # as stored; the field edits words
            self.initial["tags"] = _words(self.initial["tags"])

    def clean_tags(self) -> list[str]:
        raw: str = self.cleaned_data.get("tags") or ""
        return sorted({tag.strip().lower() for tag in raw.split(",") if tag.strip()})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        strategy = data.get("owner_strategy")
        if strategy == Rule.OwnerStrategy.ROUND_ROBIN and not data.get("team"):
            self.add_error("team", "Round robin needs the team whose members take turns.")
        if strategy == Rule.OwnerStrategy.PERSON and not data.get("person"):
            self.add_error("person", "Choose the person who owns the rule's cases.")
        for name in ("first_contact_hours", "resolution_hours"):
            hours = data.get(name)
            if hours is not None and hours <= 0:
                self.add_error(name, "Give more than 0 hours, or leave it empty.")
        first, resolution = data.get("first_contact_hours"), data.get("resolution_hours")
        if first and resolution and 0 < resolution < first:
            self.add_error("resolution_hours", "Resolution cannot be due before first contact.")
        return data


class ConditionForm(forms.Form):
    """One row of the condition editor: field, comparison, value. A row left blank is skipped.
    The value is typed, or ticked among the values of a field that takes only those."""

    field = forms.ChoiceField(choices=_field_choices, required=False)
    op = forms.ChoiceField(choices=_op_choices, required=False, label="Comparison")
    value = forms.CharField(required=False, max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("use_required_attribute", False)
        super().__init__(*args, **kwargs)
        self.condition: dict[str, Any] | None = None
        group, _, index = (self.prefix or "").rpartition("-")
        name = f"{GROUPS.get(group, 'Condition')} {int(index) + 1 if index.isdigit() else ''}"
        self.fields["field"].widget.attrs["aria-label"] = f"{name}: field"
        self.fields["op"].widget.attrs["aria-label"] = f"{name}: comparison"
        self.fields["value"].widget.attrs.update(
            {"aria-label": f"{name}: value", "placeholder": "e.g. 6, or billing, refund"}
        )
        self.value_group = ""  # names the boxes to tick, which have a label each
        chosen = str(self["field"].value() or "")
        spec = conditions.FIELDS.get(chosen)
        allowed = routing.FIELD_CHOICES.get(chosen)
        if allowed is not None:
            # ticked values arrive as a list; ``clean`` checks them as it checks typed words
            self.fields["value"] = forms.Field(
                required=False, widget=forms.CheckboxSelectMultiple(choices=allowed.items())
            )
            self.value_group = f"{name}: value"
            typed = self.initial.get("value")
            if isinstance(typed, str):  # the words of a stored or posted row (``_rows``)
                ticked = [word.strip().lower() for word in typed.split(",") if word.strip()]
                self.initial = {**self.initial, "value": ticked}
        elif spec is not None and spec.type in {"choice", "set"}:
            self.fields["value"].widget.attrs["list"] = f"values-{chosen}"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        name, op, value = data.get("field") or "", data.get("op") or "", data.get("value")
        raw = (_words(value) if isinstance(value, list) else value or "").strip()
        if not (name or op or raw):
            return data
        if not name:
            raise forms.ValidationError("Choose the field this condition looks at.")
        spec = conditions.FIELDS[name]
        ops = conditions.OPS_BY_TYPE[spec.type]
        if op not in ops:
            raise forms.ValidationError(
                f"{spec.label} cannot be compared with “{_op_label(op)}”; choose "
                + " or ".join(f"“{label}”" for label in ops.values())
                + "."
            )
        if not raw and spec.type != "flag":
            raise forms.ValidationError(f"{spec.label}: give a value to compare with.")
        words: Any = raw if spec.type in {"number", "flag"} else raw.split(",")
        written = {"field": name, "op": op, "value": words}
        try:
            self.condition = conditions.validate(written, routing.FIELD_CHOICES)
        except conditions.ConditionError as error:
            raise forms.ValidationError(str(error)) from None
        return data


def _op_label(op: str) -> str:
    for ops in conditions.OPS_BY_TYPE.values():
        if op in ops:
            return ops[op]
    return op or "nothing"


class BaseConditionFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        name = form.fields["field"].widget.attrs["aria-label"].removesuffix(": field")
        form.fields["DELETE"].widget.attrs["aria-label"] = f"Remove {name.lower()}"

    def conditions(self) -> list[dict[str, Any]]:
        """The valid, not removed conditions, in the order written (after ``is_valid``)."""
        removed = set(map(id, self.deleted_forms))
        return [
            form.condition
            for form in self.forms
            if id(form) not in removed and getattr(form, "condition", None)
        ]

    def posted_rows(self) -> list[dict[str, str]]:
        """The rows as they were typed, removed ones left out."""
        rows = []
        for form in self.forms:
            if form["DELETE"].value():
                continue
            values = {name: form[name].value() for name in ("field", "op", "value")}
            rows.append(
                {
                    name: _words(value) if isinstance(value, list) else value or ""
                    for name, value in values.items()
                }
            )
        return rows


def condition_formset(extra: int = 1) -> type[BaseConditionFormSet]:
    return forms.formset_factory(  # type: ignore[return-value]  # it subclasses ``formset``
        ConditionForm,
        formset=BaseConditionFormSet,
        extra=extra,
        can_delete=True,
        max_num=MAX_CONDITIONS,
        validate_max=True,
    )


def _rows(stored: list[dict[str, Any]]) -> list[dict[str, str]]:
    rows = []
    for condition in stored:
        value = condition.get("value")
        text = _words(value) if isinstance(value, list) else ("" if value is None else str(value))
        rows.append({"field": condition["field"], "op": condition["op"], "value": text})
    return rows


class RuleEditor:
    """The rule form and its two condition lists — every one of ``all`` must hold, and one of
    ``any`` when it has any — edited and checked together."""

    def __init__(
        self,
        data: QueryDict | None,
        *,
        organisation_id: int,
        rule: Rule | None = None,
        initial: Mapping[str, Any] | None = None,
        rows: Mapping[str, list[dict[str, str]]] | None = None,
        extra: Mapping[str, int] | None = None,
    ) -> None:
        self.organisation_id = organisation_id
        self.rule = rule
        self.form = RuleForm(
            data, instance=rule, initial=dict(initial or {}), organisation_id=organisation_id
        )
        stored = {
            "all": _rows(rule.conditions_all) if rule else [],
            "any": _rows(rule.conditions_any) if rule else [],
        }
        rows = rows if rows is not None else stored
        self.all = condition_formset((extra or {}).get("all", 1))(
            data, prefix="all", initial=rows["all"]
        )
        self.any = condition_formset((extra or {}).get("any", 1))(
            data, prefix="any", initial=rows["any"]
        )
        self.problem = ""

    def conditions_valid(self) -> bool:
        valid = self.all.is_valid() & self.any.is_valid()
        if valid and not (self.all.conditions() or self.any.conditions()):
            self.problem = "Add at least one condition: a rule without conditions opens no case."
            return False
        return valid

    def is_valid(self) -> bool:
        return self.form.is_valid() & self.conditions_valid()

    def unsaved_rule(self) -> Rule:
        """The rule as written, for a preview; never saved."""
        return Rule(
            organisation_id=self.organisation_id,
            conditions_all=self.all.conditions(),
            conditions_any=self.any.conditions(),
        )

    def values(self) -> dict[str, Any]:
        return {
            **self.form.changed_values(),
            "conditions_all": self.all.conditions(),
            "conditions_any": self.any.conditions(),
        }

    def reopened(self, *, add: str = "", keep_condition_errors: bool = False) -> RuleEditor:
        """What was posted, shown again unsaved and without complaints about the parts not yet
        checked: with one more blank row in the list ``add``, or, for a preview that found
        mistakes in the conditions, with the conditions as posted and their errors."""
        initial = {name: self.form[name].value() for name in self.form.fields}
        if keep_condition_errors:
            again = RuleEditor(
                None, organisation_id=self.organisation_id, rule=self.rule, initial=initial
            )
            again.all, again.any, again.problem = self.all, self.any, self.problem
            return again
        rows: dict[str, list[dict[str, str]]] = {}
        extra: dict[str, int] = {}
        for prefix, formset in (("all", self.all), ("any", self.any)):
            posted = formset.posted_rows()
            rows[prefix] = [row for row in posted if any(row.values())]
            blanks = len(posted) - len(rows[prefix])
            extra[prefix] = blanks + 1 if prefix == add else 1
        return RuleEditor(
            None,
            organisation_id=self.organisation_id,
            rule=self.rule,
            initial=initial,
            rows=rows,
            extra=extra,
        )


class BackfillForm(forms.Form):
    days = forms.IntegerField(
        min_value=1, max_value=BACKFILL_MAX_DAYS, initial=30, label="Days of feedback"
    )


# --- case settings ----------------------------------------------------------------------------

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _label_inputs(form: forms.Form) -> None:
    # inputs laid out in a table, under column headings, still name themselves
    for field in form.fields.values():
        if field.label:
            field.widget.attrs.setdefault("aria-label", str(field.label))


class CalendarForm(forms.Form):
    """The business calendar: a time zone, opening hours per weekday and holidays."""

    time_zone = forms.CharField(widget=TimeZoneSelect, validators=[validate_time_zone])
    holidays = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="One date a line, written 2026-12-25. SLA clocks stop on these days.",
    )

    def __init__(self, *args: Any, calendar: BusinessCalendar | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        hours = calendar.hours if calendar else {}
        self.fields["time_zone"].initial = calendar.time_zone if calendar else "UTC"
        self.fields["holidays"].initial = "\n".join(calendar.holidays if calendar else [])
        for day, label in enumerate(WEEKDAYS):
            opens, closes = hours.get(str(day), ["", ""])
            self.fields[f"open_{day}"] = forms.BooleanField(
                required=False, initial=str(day) in hours, label=f"Open on {label}"
            )
            self.fields[f"opens_{day}"] = forms.TimeField(
                required=False, initial=opens or "09:00", widget=TIME, label=f"{label}: opens at"
            )
            self.fields[f"closes_{day}"] = forms.TimeField(
                required=False, initial=closes or "17:00", widget=TIME, label=f"{label}: closes at"
            )

        _label_inputs(self)

    def days(self) -> list[tuple[str, forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [
            (label, self[f"open_{day}"], self[f"opens_{day}"], self[f"closes_{day}"])
            for day, label in enumerate(WEEKDAYS)
        ]

    def clean_holidays(self) -> list[str]:
        days, problems = set(), []
        lines = (self.cleaned_data.get("holidays") or "").splitlines()
        for number, line in enumerate(lines, start=1):
            text = line.strip()
            if not text:
                continue
            try:
                days.add(dt.date.fromisoformat(text).isoformat())
            except ValueError:
                problems.append(f"Line {number}: “{text}” is not a date; write it as 2026-12-25.")
        if problems:
            raise forms.ValidationError(problems)
        return sorted(days)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        open_days = 0
        for day, label in enumerate(WEEKDAYS):
            if not data.get(f"open_{day}"):
                continue
            open_days += 1
            opens, closes = data.get(f"opens_{day}"), data.get(f"closes_{day}")
            if opens is None or closes is None:
                self.add_error(f"opens_{day}", f"{label}: give the opening and closing times.")
            elif opens >= closes:
                self.add_error(f"closes_{day}", f"{label}: closing must come after opening.")
        if not open_days:
            raise forms.ValidationError("Open on at least one day of the week.")
        return data

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "time_zone": data["time_zone"],
            "hours": {
                str(day): [
                    data[f"opens_{day}"].strftime("%H:%M"),
                    data[f"closes_{day}"].strftime("%H:%M"),
                ]
                for day in range(len(WEEKDAYS))
                if data.get(f"open_{day}")
            },
            "holidays": data["holidays"],
        }


SLA_CLOCKS = (
    ("first", "first_contact_hours", "first contact"),
    ("resolution", "resolution_hours", "resolution"),
)


class SlaForm(forms.Form):
    """Business hours to first contact and to resolution, for each priority."""

    def __init__(self, *args: Any, policies: Mapping[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for priority in Priority:
            policy = policies.get(priority)
            for clock, stored, label in SLA_CLOCKS:
                self.fields[f"{priority}_{clock}"] = forms.DecimalField(
                    max_digits=6,
                    decimal_places=2,
                    label=f"{priority.label}: hours to {label}",
                    initial=getattr(policy, stored, None),
                    widget=forms.NumberInput(attrs={"style": "width:6.5rem"}),
                )
        _label_inputs(self)

    def rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [
            (priority.label, self[f"{priority}_first"], self[f"{priority}_resolution"])
            for priority in Priority
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for priority in Priority:
            first, resolution = data.get(f"{priority}_first"), data.get(f"{priority}_resolution")
            for name, hours in (
                (f"{priority}_first", first),
                (f"{priority}_resolution", resolution),
            ):
                if hours is not None and hours <= 0:
                    self.add_error(name, "Give more than 0 hours.")
            if first and resolution and 0 < resolution < first:
                self.add_error(
                    f"{priority}_resolution",
                    f"{priority.label}: resolution cannot be due before first contact.",
                )
        return data

    def targets(self) -> dict[str, tuple[Decimal, Decimal]]:
        data = self.cleaned_data
        return {
            str(priority): (data[f"{priority}_first"], data[f"{priority}_resolution"])
            for priority in Priority
        }


class RootCauseForm(OrganisationModelForm):
    class Meta:
        model = RootCause
        fields = ["name", "description", "parent"]
        labels = {"parent": "Part of"}
        help_texts = {"parent": "Optional: a broader category this one belongs to."}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, organisation_id=organisation_id, **kwargs)
        parents = RootCause.objects.filter(organisation_id=organisation_id, active=True)
        if self.instance.pk:
            parents = parents.exclude(pk__in=_descendants(self.instance))
        limit_choices(self, parent=parents.order_by("name"))

    def clean_parent(self) -> RootCause | None:
        parent: RootCause | None = self.cleaned_data.get("parent")
        try:
            root_cause_parent_check(self.instance if self.instance.pk else None, parent)
        except forms.ValidationError as error:
            raise forms.ValidationError(error.message_dict["parent"]) from None
        return parent


def _descendants(cause: RootCause) -> set[int]:
    found, frontier = {cause.pk}, {cause.pk}
    while frontier:
        frontier = (
            set(RootCause.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
            - found
        )
        found |= frontier
    return found


class ClosingTemplateForm(OrganisationModelForm):
    class Meta:
        model = ClosingTemplate
        fields = ["subject", "body", "resurvey"]
        labels = {"resurvey": "Re-survey"}
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, organisation_id=organisation_id, **kwargs)
        limit_choices(
            self,
            resurvey=Survey.objects.filter(organisation_id=organisation_id).order_by("name"),
        )
        known = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
        self.fields["body"].help_text = f"Placeholders filled in for each case: {known}."

    def _placeholders(self, name: str) -> str:
        text: str = self.cleaned_data.get(name) or ""
        problems = placeholder_problems(text)
        if problems:
            raise forms.ValidationError(problems)
        return text

    def clean_subject(self) -> str:
        return self._placeholders("subject")

    def clean_body(self) -> str:
        return self._placeholders("body")
