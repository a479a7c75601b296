"""The taxonomy editor's form: a theme's name, meaning, seed words, examples and parent."""

from __future__ import annotations

import math
import re
from typing import Any

from django import forms

from centric.core.forms import OrganisationModelForm
from centric.insights.models import ThemeDefinition
from centric.insights.text.themes import STOPWORDS

MAX_SEED_WORDS = 60
MAX_EXAMPLES = 20
# characters a line of the form's text boxes holds, about, for sizing them to what they hold
_LINE = 70


class FittedTextarea(forms.Textarea):
    """A text box as tall as its text, to a limit: rows counted here for every browser, and
    grown as it is typed in where the browser sizes a field to its content (centric.css)."""

    def __init__(self, *, least: int = 2, most: int = 14) -> None:
        super().__init__(attrs={"class": "fits-content"})
        self.least, self.most = least, most

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        text = str(self.format_value(value) or "")
        lines = sum(max(1, math.ceil(len(line) / _LINE)) for line in text.splitlines())
        # a line to spare, for the next word
        rows = max(self.least, min(lines + 1, self.most))
        return super().get_context(name, value, {**(attrs or {}), "rows": rows})


class ThemeForm(OrganisationModelForm):
    seed_words = forms.CharField(
        required=False,
        max_length=2000,
        widget=FittedTextarea(),
        help_text="Words or short phrases that signal the theme, separated by commas or new "
        "lines (“refund, money back”). They match other forms of the word too. Give seed "
        "words, example comments or both.",
    )
    examples = forms.CharField(
        label="Example comments",
        required=False,
        max_length=10_000,
        widget=FittedTextarea(least=4, most=20),
        help_text="One comment per line; their distinctive words help find the theme.",
    )

    class Meta:
        model = ThemeDefinition
        fields = ["name", "description", "seed_words", "examples", "parent"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"parent": "A sub-theme is counted under its parent theme as well."}

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, organisation_id=organisation_id, **kwargs)
        themes = ThemeDefinition.objects.filter(organisation_id=organisation_id)
        if self.instance.pk:
            # a theme cannot sit under itself or under one of its own sub-themes
            themes = themes.exclude(pk__in=_self_and_descendants(self.instance))
            self.initial["seed_words"] = ", ".join(self.instance.seed_words)
            self.initial["examples"] = "\n".join(self.instance.examples)
        parent = self.fields.get("parent")  # the API's forms hold only the fields it sends
        if isinstance(parent, forms.ModelChoiceField):
            parent.queryset = themes
            parent.empty_label = "None: a top-level theme"

    def clean_name(self) -> str:
        name = " ".join(str(self.cleaned_data["name"]).split())
        taken = ThemeDefinition.objects.filter(
            organisation_id=self.instance.organisation_id, name__iexact=name
        ).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError("There is a theme with this name already.")
        return name

    def clean_seed_words(self) -> list[str]:
        given = re.split(r"[,\n]", str(self.cleaned_data["seed_words"]))
        words = _unique(word.strip() for word in given)
        if len(words) > MAX_SEED_WORDS:
            raise forms.ValidationError(f"At most {MAX_SEED_WORDS} seed words.")
        common = [word for word in words if all(w in STOPWORDS for w in word.lower().split())]
        if common:
            listed = ", ".join(f"“{word}”" for word in common)
            raise forms.ValidationError(
                f"{listed} {'is' if len(common) == 1 else 'are'} in nearly every comment, so "
                "cannot tell this theme; use words or phrases that belong to it."
            )
        return words

    def clean_examples(self) -> list[str]:
        lines = _unique(line.strip() for line in str(self.cleaned_data["examples"]).splitlines())
        if len(lines) > MAX_EXAMPLES:
            raise forms.ValidationError(f"At most {MAX_EXAMPLES} examples.")
        return lines

    def clean_parent(self) -> ThemeDefinition | None:
        parent: ThemeDefinition | None = self.cleaned_data.get("parent")
        seen = set()
        ancestor = parent
        while ancestor is not None and ancestor.pk not in seen:
            if self.instance.pk and ancestor.pk == self.instance.pk:
                raise forms.ValidationError("A theme cannot sit under one of its own sub-themes.")
            seen.add(ancestor.pk)
            ancestor = ancestor.parent
        return parent

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        valid = "name" in data and "seed_words" in data  # else their own errors are said
        if valid and not (data["seed_words"] or data.get("examples")):
            self.add_error("seed_words", "Give seed words or example comments to find it by.")
        return data


def _self_and_descendants(theme: ThemeDefinition) -> set[int]:
    found, frontier = {theme.pk}, [theme.pk]
    while frontier:
        children = list(
            ThemeDefinition.objects.filter(parent_id__in=frontier)
            .exclude(pk__in=found)
            .values_list("pk", flat=True)
        )
        found.update(children)
        frontier = children
    return found


def _unique(items: Any) -> list[str]:
    seen: dict[str, str] = {}
    for item in items:
        if item and item.casefold() not in seen:
            seen[item.casefold()] = item
    return list(seen.values())
