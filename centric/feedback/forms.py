from __future__ import annotations

import datetime as dt
import re
from typing import Any, cast
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, validate_email
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Lower
from django.template.defaultfilters import pluralize
from django.utils import timezone

from centric.core.forms import OrganisationModelForm, limit_choices
from centric.core.models import Organisation
from centric.core.periods import day_ended_by, end_of_day
from centric.core.validators import validate_one_line
from centric.customers.models import Account, Contact, Segment
from centric.feedback.answers import localised
from centric.feedback.catalog import TEMPLATES
from centric.feedback.editing import (
    KINDS_WITH_A_SCALE,
    KINDS_WITH_OPTIONS,
    options_as_lines,
    options_from_lines,
)
from centric.feedback.models import JourneyStage, Question, Survey, Touchpoint
from centric.feedback.selectors import languages_read
from centric.feedback.wording import SURVEY_LANGUAGES
from centric.people.models import LANGUAGES, Team


class LastDayForm(forms.Form):
    """A survey's last day to answer, a day in its organisation's time zone (``zone``), which
    the survey keeps as the moment it closes (``closes_at``)."""

    last_day = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        label="Last day to answer",
        help_text="Answers are taken until the end of this day, in your organisation's time "
        "zone; then the survey closes by itself. Leave it empty to close it by hand.",
    )
    zone: ZoneInfo
    instance: Survey

    def clean_last_day(self) -> dt.date | None:
        day: dt.date | None = self.cleaned_data["last_day"]
        kept = day == day_ended_by(self.instance.closes_at, self.zone)
        if day is not None and not kept and day < timezone.localdate(timezone=self.zone):
            raise forms.ValidationError("That day has passed: choose today or a later one.")
        if day is not None and not kept:
            try:  # the moment it ends, as the database keeps it
                end_of_day(day, self.zone).astimezone(dt.UTC)  # type: ignore[union-attr]
            except OverflowError:
                raise forms.ValidationError(
                    "That day is too far ahead: choose an earlier one."
                ) from None
        return day

    def closes_at(self) -> dt.datetime | None:
        return end_of_day(self.cleaned_data["last_day"], self.zone)


LANGUAGE_NAMES = dict(LANGUAGES)
# the longest fatigue window a survey may keep: a year. Longer, and a survey could hardly ask
# anyone another survey had asked; a mistyped 100000 would silence it for good
MAX_FATIGUE_DAYS = 365


def _cap_fatigue_window(form: forms.BaseForm) -> None:
    field = form.fields["fatigue_days"]
    assert isinstance(field, forms.IntegerField)
    field.max_value = MAX_FATIGUE_DAYS
    field.widget.attrs["max"] = MAX_FATIGUE_DAYS
    # in place of the database's bound (32767 on PostgreSQL), which would be said as well
    field.validators = [
        *(v for v in field.validators if not isinstance(v, MaxValueValidator)),
        MaxValueValidator(
            MAX_FATIGUE_DAYS,
            f"Choose at most {MAX_FATIGUE_DAYS} days (a year): a longer window would keep this "
            "survey from asking nearly anyone that another survey has asked.",
        ),
    ]


class LanguagesForm(forms.Form):
    """The languages a survey is offered in, among those it can be written in; always with its
    default language, the one shown to a respondent who reads none of the others."""

    languages = forms.MultipleChoiceField(
        choices=[(code, LANGUAGE_NAMES[code]) for code in SURVEY_LANGUAGES],
        widget=forms.CheckboxSelectMultiple(attrs={"class": "choice-columns"}),
        label="Languages",
        help_text="Each respondent sees the survey in their own language if it is one of "
        "these, else in the default language. The templates' questions are written in every one.",
    )

    def default_language(self) -> str:
        raise NotImplementedError

    def clean_languages(self) -> list[str]:
        chosen: list[str] = self.cleaned_data["languages"]
        default = self.default_language()
        if default and default not in chosen:
            raise forms.ValidationError(
                f"Keep {LANGUAGE_NAMES.get(default, default)}, the survey's default language: "
                "respondents who read none of its languages see that one."
            )
        return [code for code in SURVEY_LANGUAGES if code in chosen]


class SurveyCreateForm(LastDayForm, LanguagesForm, forms.ModelForm):  # type: ignore[type-arg]
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
            "languages",
            "open_link",
            "fatigue_days",
            "remind_automatically",
            "send_in_working_hours",
        ]
        labels = {"subject_team": "Team being rated (internal-customer survey only)"}

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        zone = Organisation.objects.values_list("time_zone", flat=True).get(pk=organisation_id)
        self.zone = ZoneInfo(zone)
        limit_choices(
            self,
            stage=JourneyStage.objects.filter(organisation_id=organisation_id),
            touchpoint=Touchpoint.objects.filter(organisation_id=organisation_id),
            subject_team=Team.objects.filter(organisation_id=organisation_id),
        )
        _name_empty_choices(self)
        self.fields["default_language"].choices = [  # type: ignore[attr-defined]
            (code, LANGUAGE_NAMES[code]) for code in SURVEY_LANGUAGES
        ]
        self.fields["languages"].initial = languages_read(organisation_id)
        _cap_fatigue_window(self)
        _name_for_staff(self)
        self.order_fields(["template", "name"])  # what to start from first, then the rest

    def default_language(self) -> str:
        return str(self.cleaned_data.get("default_language", ""))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        template = TEMPLATES.get(data.get("template", ""))
        if template and template.internal and not data.get("subject_team"):
            self.add_error("subject_team", "Choose the team whose service this survey rates.")
        if template and not template.internal and data.get("subject_team"):
            self.add_error(
                "subject_team",
                "Only an internal-customer survey rates a team; leave this empty for this one.",
            )
        _check_touchpoint_in_stage(self, data)
        return data

    def values(self) -> dict[str, Any]:
        """The cleaned values as ``survey_create_from_template`` takes them."""
        values = {name: self.cleaned_data[name] for name in self.Meta.fields}
        return {**values, "closes_at": self.closes_at()}


# What leaving each choice empty means, said in its list instead of Django's "---------".
EMPTY_CHOICES = {
    "stage": "No stage",
    "touchpoint": "No touchpoint",
    "subject_team": "No team: a survey of customers",
}


def _name_empty_choices(form: forms.BaseForm) -> None:
    for name, label in EMPTY_CHOICES.items():
        field = form.fields.get(name)
        if isinstance(field, forms.ModelChoiceField):
            field.empty_label = label


def _name_for_staff(form: forms.BaseForm) -> None:
    """A survey's name is the staff's, on one line (it heads the mail telling its maker it
    closed); respondents read its title instead."""
    field = form.fields["name"]
    field.validators.append(validate_one_line)
    field.help_text = (
        "What you and your colleagues call it; respondents never see it. They read the title "
        "you give it in its settings, or, until then, your organisation's name alone."
    )


def _check_touchpoint_in_stage(form: forms.BaseForm, data: dict[str, Any]) -> None:
    """A survey's touchpoint lies in its journey stage, or every response says two things."""
    stage, touchpoint = data.get("stage"), data.get("touchpoint")
    if stage and touchpoint and touchpoint.stage_id and touchpoint.stage_id != stage.pk:
        form.add_error(
            "touchpoint",
            f"“{touchpoint}” is a touchpoint of the {touchpoint.stage} stage, not of {stage}: "
            "choose that stage, or a touchpoint of this one.",
        )


class SurveySettingsForm(LastDayForm, LanguagesForm, forms.ModelForm):  # type: ignore[type-arg]
    """What can change after a survey is made: its name, where it belongs in the journey, the
    open link, the fatigue window, whether its reminder goes by itself, its last day to answer,
    and the words respondents read before and after it, in each of the survey's languages. The
    questions are edited one by one on the survey's page."""

    class Meta:
        model = Survey
        fields = [
            "name",
            "stage",
            "touchpoint",
            "languages",
            "open_link",
            "one_answer_per_browser",
            "fatigue_days",
            "remind_automatically",
            "send_in_working_hours",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        survey: Survey = self.instance
        self.zone = ZoneInfo(survey.organisation.time_zone)
        self.fields["last_day"].initial = day_ended_by(survey.closes_at, self.zone)
        limit_choices(
            self,
            stage=JourneyStage.objects.filter(organisation_id=survey.organisation_id),
            touchpoint=Touchpoint.objects.filter(organisation_id=survey.organisation_id),
        )
        _name_empty_choices(self)
        _cap_fatigue_window(self)
        _name_for_staff(self)
        # the words before and after the survey in the languages it is offered in now (the
        # languages chosen in this form get theirs once it is saved)
        self.shown_languages = list(survey.languages)
        for language in self.shown_languages:
            self.fields[f"title_{language}"] = forms.CharField(
                label=f"Title respondents read ({LANGUAGE_NAMES.get(language, language)})",
                required=False,
                max_length=160,
                validators=[validate_one_line],  # it is in the invitation's subject
                help_text=_title_help(survey, language),
                initial=survey.title.get(language, ""),
            )
            for part, label in (("intro", "Introduction"), ("thank_you", "Thank-you message")):
                self.fields[f"{part}_{language}"] = forms.CharField(
                    label=f"{label} ({LANGUAGE_NAMES.get(language, language)})",
                    required=False,
                    max_length=2000,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    initial=getattr(survey, part).get(language, ""),
                )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _check_touchpoint_in_stage(self, data)
        return data

    def values(self) -> dict[str, Any]:
        """The cleaned values as ``survey_update`` takes them."""
        data = self.cleaned_data
        values = {name: data[name] for name in self.Meta.fields}
        values["closes_at"] = self.closes_at()
        for part in ("title", "intro", "thank_you"):
            # the words of the languages not shown are kept, for when they are offered again
            kept = {**getattr(self.instance, part)}
            for language in self.shown_languages:
                kept[language] = data[f"{part}_{language}"].strip()
            values[part] = {language: words for language, words in kept.items() if words}
        return values

    def default_language(self) -> str:
        return self.instance.default_language


def _title_help(survey: Survey, language: str) -> str:
    """What a survey's title field says: respondents never read the survey's name, and, where
    they would read no title at all, that they see the organisation's name alone."""
    organisation = survey.organisation.name
    default = LANGUAGE_NAMES.get(survey.default_language, survey.default_language)
    fallback = (
        f"“{organisation}” alone"
        if language == survey.default_language
        else f"the {default} title, or, with none, “{organisation}” alone"
    )
    said = (
        "It heads the survey and its invitation's subject; respondents never see the survey's "
        f"name. Left empty, they read {fallback}."
    )
    if survey.own_title_in(language):
        return said
    name = LANGUAGE_NAMES.get(language, language)
    return f"No title yet: respondents in {name} see only “{organisation}”. {said}"


class CountedChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """Records ticked in a list that says how many people each one invites (``people``, an
    annotation of the queryset): "Acme · 4 contacts"."""

    widget = forms.CheckboxSelectMultiple(attrs={"class": "choice-columns choice-list"})

    def __init__(self, *args: Any, noun: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.noun = noun

    def label_from_instance(self, obj: Any) -> str:
        people = getattr(obj, "people", None)
        if people is None:
            return str(obj)
        return f"{obj} · {people} {self.noun}{pluralize(people)}"


# Said wherever teams are invited: whom someone in two of the teams chosen answers for.
INVITED_ONCE = (
    "Someone in two of the teams chosen is invited once, for the first of them in this list."
)


class InviteForm(forms.Form):
    accounts = CountedChoiceField(
        queryset=Account.objects.none(),
        required=False,
        noun="contact",
        help_text="Every contact of these accounts is invited.",
    )
    segments = CountedChoiceField(
        queryset=Segment.objects.none(),
        required=False,
        noun="account",
        help_text="Every contact of the accounts in these segments is invited.",
    )
    contacts = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Contacts by email",
        help_text="These contacts are invited, whatever their account: their email addresses, "
        "one a line or separated by commas.",
    )
    teams = CountedChoiceField(
        queryset=Team.objects.none(),
        required=False,
        noun="member",
        help_text=f"Every member of these teams is invited, as an internal customer. {INVITED_ONCE}",
    )
    EXTERNAL = ("accounts", "segments", "contacts")

    def __init__(self, *args: Any, organisation_id: int, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.organisation_id = organisation_id
        limit_choices(
            self,
            accounts=Account.objects.filter(organisation_id=organisation_id)
            .annotate(people=Count("contacts"))
            .order_by("name"),
            segments=Segment.objects.filter(organisation_id=organisation_id)
            .annotate(people=Count("accounts"))
            .order_by("name"),
            teams=Team.objects.filter(organisation_id=organisation_id)
            .annotate(people=Count("members"))
            .order_by("name", "pk"),
        )
        if survey.subject_team is not None:  # it asks a team's internal customers only
            for name in self.EXTERNAL:
                del self.fields[name]
            self._offer_the_rated_teams_customers_first(survey.subject_team)

    def _offer_the_rated_teams_customers_first(self, rated: Team) -> None:
        """The teams the rated team serves (its internal customers, whom the survey is for) are
        listed first, under their own heading, and ticked to start with; then the others, free
        to tick too. The rated team itself is not offered, and is refused by name if sent all
        the same (``clean``). The list's order is the one ``invited_teams`` keeps."""
        field = cast(CountedChoiceField, self.fields["teams"])
        served = Team.serves.through.objects.filter(
            from_team_id=rated.pk, to_team_id=OuterRef("pk")
        )
        teams = (
            Team.objects.filter(organisation_id=self.organisation_id)
            .annotate(people=Count("members"))
            .alias(served=Exists(served))
            .order_by(F("served").desc(), "name", "pk")
        )
        field.queryset = teams
        served_ids = set(rated.serves.values_list("pk", flat=True))
        whom = f"Every member of these teams is invited, as an internal customer of {rated}."
        if not served_ids:
            field.choices = lambda: _team_choices(field, teams, rated)
            field.help_text = (
                f"{whom} {rated} serves no team yet (its team's page says which it serves). "
                f"{INVITED_ONCE}"
            )
            return
        field.widget = GroupedCheckboxes()  # its template sets the list's classes
        field.choices = lambda: _grouped_by_service(field, teams, rated, served_ids)
        field.initial = sorted(served_ids)
        field.help_text = (
            f"{whom} The teams {rated} serves come first, ticked to start with; tick any others "
            f"as you wish. {INVITED_ONCE}"
        )

    def clean_contacts(self) -> list[Contact]:
        """The contacts whose addresses are given; what is not an email address at all, and an
        address that is none of the organisation's contacts, are named apart."""
        given = dict.fromkeys(
            email.strip().lower()
            for email in re.split(r"[\s,;]+", self.cleaned_data["contacts"])
            if email.strip()
        )
        found = {
            contact.email.lower(): contact
            for contact in Contact.objects.annotate(address=Lower("email")).filter(
                organisation_id=self.organisation_id, address__in=list(given)
            )
        }
        malformed = [email for email in given if not _is_email(email)]
        unknown = [email for email in given if email not in found and email not in malformed]
        problems = []
        if malformed:
            problems.append(
                f"{'Not an email address' if len(malformed) == 1 else 'Not email addresses'}: "
                f"{_some(malformed)}."
            )
        if unknown:
            problems.append(f"Not the address of a contact: {_some(unknown)}.")
        if problems:
            raise forms.ValidationError(problems)
        return [found[email] for email in given]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in self.EXTERNAL:
            data.setdefault(name, [])
        if self.errors:  # what was given is wrong: that is the error, not that nothing was
            return data
        if not any(data[name] for name in self.EXTERNAL) and not data.get("teams"):
            raise forms.ValidationError(
                "Choose at least one team to invite."
                if "accounts" not in self.fields
                else "Choose at least one account, segment, contact or team to invite."
            )
        rated = self.survey.subject_team
        if rated is not None and rated in data.get("teams", []):
            self.add_error(
                "teams",
                f"{rated} is the team this survey rates, so it cannot rate itself; "
                "invite the teams it serves.",
            )
        return data

    def invited_contacts(self) -> QuerySet[Contact]:
        """The contacts chosen, by their account, its segment or themselves."""
        data = self.cleaned_data
        return Contact.objects.filter(
            Q(account__in=data["accounts"])
            | Q(account__segment__in=data["segments"])
            | Q(pk__in=[contact.pk for contact in data["contacts"]])
        ).distinct()

    def invited_teams(self) -> list[Team]:
        """The teams chosen, in the order the form lists them, which decides the team someone
        in two of them is invited for (``services.invitations_create``)."""
        return list(self.cleaned_data["teams"])


class GroupedCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes in named groups ("Teams Finance serves", "Other teams"), each in columns."""

    template_name = "feedback/widgets/grouped_checkboxes.html"


def _team_choices(
    field: CountedChoiceField, teams: QuerySet[Team], rated: Team
) -> list[tuple[int, str]]:
    """``teams`` but ``rated``, in order, each labelled as ``field`` labels it (with its
    members)."""
    return [(team.pk, field.label_from_instance(team)) for team in teams if team.pk != rated.pk]


def _grouped_by_service(
    field: CountedChoiceField, teams: QuerySet[Team], rated: Team, served_ids: set[int]
) -> list[tuple[str, list[tuple[int, str]]]]:
    """The teams ``rated`` serves, then the others, as two named groups (none left empty)."""
    choices = _team_choices(field, teams, rated)
    groups = [
        (f"Teams {rated} serves", [choice for choice in choices if choice[0] in served_ids]),
        ("Other teams", [choice for choice in choices if choice[0] not in served_ids]),
    ]
    return [(name, members) for name, members in groups if members]


def _is_email(text: str) -> bool:
    try:
        validate_email(text)
    except ValidationError:
        return False
    return True


def _some(addresses: list[str]) -> str:
    """The first five addresses, and how many more."""
    more = len(addresses) - 5
    return ", ".join(addresses[:5]) + (f" and {more} more" if more > 0 else "")


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


def question_languages(survey: Survey) -> list[str]:
    """The languages a question is worded in, in the order its form asks for them: the survey's
    default language, which every question has, then its others."""
    default = survey.default_language
    return [default, *(code for code in survey.languages if code != default)]


class QuestionForm(forms.Form):
    """A question in each of the survey's languages (``text_de``, ``text_en``, …). Its default
    language is required; another may be left for later, and its readers see the default
    language's wording meanwhile (the survey's page says which questions lack it). Wording in a
    language the survey no longer offers is kept, for when it is offered again.

    Its page groups the fields: the wording in the default language and English first, the other
    languages' (``translation_fields``) apart, and the fields only some kinds use under their own
    heading, shown only for those kinds (``kinds_with_options``, ``kinds_with_a_scale``) where
    the page's script runs. The service refuses a kind with another kind's fields."""

    kinds_with_options = " ".join(KINDS_WITH_OPTIONS)
    kinds_with_a_scale = " ".join(KINDS_WITH_A_SCALE)

    kind = forms.ChoiceField(choices=Question.Kind.choices)
    required = forms.BooleanField(required=False, initial=True, label="An answer is required")
    page = forms.IntegerField(
        min_value=1,
        max_value=20,
        initial=1,
        help_text="Questions on later pages can follow up on earlier answers.",
    )
    options = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="At least two, one a line.",
    )
    scale_min = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=10,
        label="Rating from",
        help_text="Left empty, a rating runs from 1 to 5.",
    )
    scale_max = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=10,
        label="Rating to",
        help_text="A rating runs from “Strongly disagree” to “Strongly agree”: word it as a statement.",
    )
    follows = forms.ChoiceField(required=False, label="Show only when this earlier answer…")
    show_min = forms.IntegerField(required=False, label="…is at least")
    show_max = forms.IntegerField(required=False, label="…and at most")

    def __init__(
        self, *args: Any, survey: Survey, question: Question | None = None, **kwargs: Any
    ) -> None:
        self.languages = question_languages(survey)
        self.question = question
        if question is not None and "initial" not in kwargs:
            condition = question.show_if or {}
            kwargs["initial"] = {
                "kind": question.kind,
                **{f"text_{code}": question.text.get(code, "") for code in self.languages},
                "required": question.required,
                "page": question.page,
                "options": options_as_lines(question.options, self.languages),
                "scale_min": question.scale_min,
                "scale_max": question.scale_max,
                "follows": condition.get("question", ""),
                "show_min": condition.get("min"),
                "show_max": condition.get("max"),
            }
        super().__init__(*args, **kwargs)
        default, *others = self.languages
        name = LANGUAGE_NAMES.get(default, default)
        self.fields[f"text_{default}"] = forms.CharField(
            label=f"Question ({name})",
            max_length=500,
            help_text=f"{name} is the survey's default language: every question is worded in "
            "it, and respondents read it where their own language's wording is missing.",
            error_messages={
                "required": f"Word the question in {name}, the survey's default language."
            },
        )
        for code in others:
            self.fields[f"text_{code}"] = forms.CharField(
                label=f"Question ({LANGUAGE_NAMES.get(code, code)})", max_length=500, required=False
            )
        self.order_fields(["kind", *(f"text_{code}" for code in self.languages)])
        if others:
            self.fields["options"].help_text = (
                "At least two, one a line, its wording in each language separated by “|”, in "
                "this order: "
                + " | ".join(LANGUAGE_NAMES.get(code, code) for code in self.languages)
                + f". {name}, the default language, is required; a language left out shows the "
                f"{name} wording."
            )
        scored = survey.questions.filter(kind__in=["nps", "csat", "ces", "rating"])
        if question is not None:
            scored = scored.exclude(pk=question.pk)
        self.fields["follows"].choices = [("", "Always show it")] + [  # type: ignore[attr-defined]
            (item.key, localised(item.text, default) or item.key) for item in scored
        ]
        # the default language, which every question has, and English, which respondents read
        # where a wording in the default language is missing too
        self.first_languages = [code for code in (default, "en") if code in self.languages]

    def wording_fields(self) -> list[forms.BoundField]:
        return [self[f"text_{code}"] for code in self.languages if code in self.first_languages]

    def translation_fields(self) -> list[forms.BoundField]:
        return [self[f"text_{code}"] for code in self.languages if code not in self.first_languages]

    def translations_open(self) -> bool:
        """Whether the translations are shown unfolded: when one has a wording or an error."""
        return any(field.errors or field.value() for field in self.translation_fields())

    def clean_options(self) -> list[dict[str, Any]]:
        """The options, one a line, as ``options_from_lines`` reads them; an error names the
        line."""
        earlier = self.question.options if self.question is not None else []
        return options_from_lines(self.cleaned_data["options"] or "", self.languages, earlier)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("follows") and data.get("show_min") is None and data.get("show_max") is None:
            self.add_error("show_min", "Say which answers show the follow-up.")
        return data

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        condition: dict[str, Any] = {}
        if data.get("follows"):
            condition = {"question": data["follows"]}
            for bound in ("min", "max"):
                if data.get(f"show_{bound}") is not None:
                    condition[bound] = data[f"show_{bound}"]
        # a language left empty: its readers see the default language's, as the page says;
        # one the survey does not offer now keeps its wording for when it does again
        waiting = {
            code: words
            for code, words in (self.question.text if self.question is not None else {}).items()
            if code not in self.languages
        }
        return {
            "kind": data["kind"],
            "text": {
                **{code: data[f"text_{code}"] for code in self.languages if data[f"text_{code}"]},
                **waiting,
            },
            "required": data["required"],
            "page": data["page"],
            "options": data["options"],
            "scale_min": data.get("scale_min"),
            "scale_max": data.get("scale_max"),
            "show_if": condition,
        }
