"""The JSON API for making and running surveys, as the survey pages do: from a template, its
settings and questions, opening and closing it, its waves, whom it invites and the links they
answer by, and the journey its surveys belong to. Each endpoint calls the pages' service and
validates with the pages' form, so the two accept and refuse the same things."""

# No `from __future__ import annotations` here: django-ninja reads the parameters' types at
# import time.
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import Max, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from centric.core.api import (
    READ_ERRORS,
    WRITE_ERRORS,
    Body,
    ErrorOut,
    Id,
    InvalidOut,
    Page,
    as_form_data,
    invalid_fields,
    refuse_query,
    require_valid,
    validate_with_form,
)
from centric.core.permissions import require_org_wide
from centric.feedback import editing, selectors, services
from centric.feedback.catalog import TEMPLATES
from centric.feedback.editing import options_as_lines
from centric.feedback.forms import (
    LANGUAGE_NAMES,
    MAX_FATIGUE_DAYS,
    InviteForm,
    JourneyStageForm,
    QuestionForm,
    SurveyCreateForm,
    SurveySettingsForm,
    TouchpointForm,
    question_languages,
)
from centric.feedback.models import Invitation, JourneyStage, Question, Survey, Touchpoint
from centric.feedback.query_params import period_query
from centric.feedback.results import QuestionResult, Selection, centricity_result, survey_results
from centric.feedback.selectors import INVITATION_STATES
from centric.feedback.wording import SURVEY_LANGUAGES
from centric.people.models import User

router = Router(tags=["surveys"])

# the API's names (its schemas' aliases) for what the forms call by the object: errors name them
IDS = {"stage": "stage_id", "touchpoint": "touchpoint_id", "subject_team": "subject_team_id"}
REFUSED = WRITE_ERRORS
# what a list may answer instead: nothing in it is missing
LISTED = {401: ErrorOut, 422: InvalidOut}


def _actor(request: HttpRequest) -> User:
    return request.auth  # type: ignore[attr-defined,no-any-return]


def _survey(actor: User, survey_id: int) -> Survey:
    """The survey as the list shows it (with its counts), within the actor's scope."""
    return selectors.survey_access(actor=actor, survey_id=survey_id)


# -- templates and surveys ----------------------------------------------------------------------


class QuestionOut(Schema):
    id: int
    key: str
    position: int
    page: int
    kind: Question.Kind
    required: bool
    text: dict[str, str]
    options: list[dict[str, Any]]
    scale_min: int | None
    scale_max: int | None
    show_if: dict[str, Any]


class SurveyOut(Schema):
    id: int
    name: str
    kind: Survey.Kind
    status: Survey.Status
    current_wave: int = Field(
        description="The wave new invitations go into (relationship surveys)."
    )
    template: str
    stage: str | None
    touchpoint: str | None
    languages: list[str]
    default_language: str
    open_link: bool
    invited: int
    answered: int
    created_at: datetime

    @staticmethod
    def resolve_stage(survey: Survey) -> str | None:
        return survey.stage.name if survey.stage else None

    @staticmethod
    def resolve_touchpoint(survey: Survey) -> str | None:
        return survey.touchpoint.name if survey.touchpoint else None


class ScoreOut(Schema):
    """A score with its 95% interval: a wave's headline score (the customer-centricity index
    for that survey, else NPS, CSAT or CES, the first the survey's questions ask), a question's
    figure (also the average score of a rating), or a customer-centricity index."""

    metric: str
    value: float | None
    low: float | None
    high: float | None
    n: int
    reliable: bool = Field(description="False below 30 answers: too few to rely on.")


class WaveChangeOut(Schema):
    """The score's change from the wave before, where both waves' scores are reliable."""

    difference: float
    low: float
    high: float
    p_value: float
    significant: bool = Field(description="At 95%, by the two-sample test for the metric.")


class WaveOut(Schema):
    number: int
    invited: int
    emailed: int
    answered: int = Field(
        description="Invitations of the wave answered (open-link answers are in no wave)."
    )
    first_sent: datetime | None
    last_sent: datetime | None
    next_wave_from: datetime | None = Field(
        description="When the wave after it may start: a week after its last invitation was "
        "emailed (sooner once everyone in it has answered, or with `early`)."
    )
    score: ScoreOut | None = Field(
        description="None for a survey asking no NPS, CSAT or CES (nor the index's questions)."
    )
    change: WaveChangeOut | None


class BarOut(Schema):
    label: str
    count: int
    share: float = Field(description="Percent of those who answered the question.")


class QuestionResultOut(Schema):
    """A question's results among the submitted responses the caller may see."""

    key: str
    kind: str
    answered: int
    figure: ScoreOut | None = Field(description="NPS, CSAT, CES or a rating's average score.")
    bars: list[BarOut] = Field(description="Each point of the scale, or each option.")
    groups: list[BarOut] = Field(description="NPS's detractors, passives and promoters.")

    @staticmethod
    def resolve_key(result: QuestionResult) -> str:
        return result.question.key

    @staticmethod
    def resolve_kind(result: QuestionResult) -> str:
        return result.question.kind


class SurveyResultsOut(Schema):
    wave: int | None = Field(description="The wave whose invitations' answers are counted.")
    start: date | None = Field(description="The first local day of the answers counted.")
    end: date | None = Field(description="The last local day of the answers counted.")
    centricity_index: ScoreOut | None = Field(
        description="The customer-centricity index (0-100), for a customer-centricity survey."
    )
    questions: list[QuestionResultOut] = Field(description="Each question's results, in order.")


class SurveyDetailOut(SurveyOut):
    stage_id: int | None
    touchpoint_id: int | None
    subject_team_id: int | None = Field(description="The team an internal-customer survey rates.")
    title: dict[str, str] = Field(
        description="The title respondents read, by language (else the default language's); "
        "with none, they read the organisation's name alone, never the survey's name."
    )
    intro: dict[str, str] = Field(description="The words before the first question, by language.")
    thank_you: dict[str, str] = Field(description="The words of the thank-you page, by language.")
    one_answer_per_browser: bool = Field(
        description="A browser that has answered through the open link is thanked, not asked again."
    )
    open_link_url: str | None = Field(
        description="The survey's open link, which anyone may answer by, while it is on."
    )
    remind_automatically: bool = Field(
        description="The one reminder is sent by itself, three days after the invitation."
    )
    send_in_working_hours: bool = Field(
        description="Invitations (and the reminder sent by itself) leave within each "
        "invitee's working hours, on their clock."
    )
    fatigue_days: int = Field(
        description="Nobody is asked by this survey within this many days of another."
    )
    last_day: date | None = Field(
        description="The last day to answer, in the organisation's time zone; none: until "
        "closed by hand."
    )
    closes_at: datetime | None = Field(
        description="When the survey stops taking answers and closes: the end of its last day "
        "to answer, in the organisation's time zone."
    )
    questions: list[QuestionOut]
    waves: list[WaveOut] = Field(
        description="A relationship survey's waves; none for a transactional one."
    )
    results: list[QuestionResultOut] = Field(description="Each question's results, in order.")

    @staticmethod
    def resolve_open_link_url(survey: Survey, context: dict[str, Any]) -> str | None:
        if not survey.open_link:
            return None
        path = reverse("feedback:respond_open", args=[survey.public_key])
        return context["request"].build_absolute_uri(path)  # type: ignore[no-any-return]

    @staticmethod
    def resolve_results(survey: Survey, context: dict[str, Any]) -> list[QuestionResult]:
        return survey_results(actor=_actor(context["request"]), survey=survey)

    @staticmethod
    def resolve_questions(survey: Survey) -> list[Question]:
        return list(survey.questions.all())

    @staticmethod
    def resolve_waves(survey: Survey, context: dict[str, Any]) -> list[selectors.Wave]:
        if survey.kind != Survey.Kind.RELATIONSHIP:
            return []
        return selectors.survey_waves(actor=_actor(context["request"]), survey=survey)


def survey_selection(
    survey: Survey, *, wave: int | None, start: date | None, end: date | None
) -> Selection:
    """The answers asked for by a survey's ``wave`` and the days from ``start`` to ``end``; a
    422 naming the parameter for a wave the survey does not have, or days that cannot be a
    period."""
    if wave is not None and not 1 <= wave <= survey.current_wave:
        refuse_query("wave", f"This survey has waves 1 to {survey.current_wave}.")
    return Selection(wave=wave, window=period_query(start, end))


@router.get(
    "/surveys/{survey_id}/results",
    response={200: SurveyResultsOut, **READ_ERRORS},
    summary="A survey's results, of one wave or of the answers given between two dates",
    description=(
        "Each question's results among the submitted responses you may see, as on the survey's "
        "page: of every response, of one `wave`'s invitations, of those given from `start` to "
        "`end` (local days, inclusive; `end` is today if left out), or of both. A wave the "
        "survey does not have, or dates that cannot be a period, get 422 naming the parameter; "
        "an empty value is no filter."
    ),
)
def get_survey_results(
    request: HttpRequest,
    survey_id: Id,
    wave: int | None = None,
    start: date | None = None,
    end: date | None = None,
) -> dict[str, Any]:
    actor = _actor(request)
    survey = selectors.survey_access(actor=actor, survey_id=survey_id)
    selection = survey_selection(survey, wave=wave, start=start, end=end)
    window = selection.window
    return {
        "wave": wave,
        "start": window.first if window else None,
        "end": window.last_day if window else None,
        "centricity_index": centricity_result(actor=actor, survey=survey, selection=selection),
        "questions": survey_results(actor=actor, survey=survey, selection=selection),
    }


@router.get(
    "/surveys",
    response={200: list[SurveyOut], **LISTED},
    summary="The surveys",
)
@paginate(Page)
def list_surveys(request: HttpRequest) -> QuerySet[Survey]:
    return selectors.survey_list(actor=_actor(request)).select_related("stage", "touchpoint")


@router.get(
    "/surveys/{survey_id}",
    response={200: SurveyDetailOut, **READ_ERRORS},
    summary="A survey with its settings, questions, waves and results",
)
def get_survey(request: HttpRequest, survey_id: Id) -> Survey:
    return selectors.survey_access(actor=_actor(request), survey_id=survey_id)


class TemplateOut(Schema):
    slug: str
    name: str
    description: str
    kind: Survey.Kind
    internal: bool = Field(description="Asks a team's internal customers about that team.")
    questions: int

    @staticmethod
    def resolve_questions(template: Any) -> int:
        return len(template.questions)


# the languages a survey can be written in (wording.SURVEY_LANGUAGES), for the schema
LanguageCode = Literal["en", "de", "fr", "es", "it", "nl", "pt", "pl", "sv", "ja"]


class SurveyCreateIn(Body):
    template: str = Field(description="The slug of one of `GET /api/survey-templates`.")
    name: str
    stage: Id | None = Field(None, alias="stage_id")
    touchpoint: Id | None = Field(None, alias="touchpoint_id")
    subject_team: Id | None = Field(
        None,
        alias="subject_team_id",
        description="The team being rated: an internal-customer survey only, and required.",
    )
    default_language: LanguageCode = "en"
    languages: list[LanguageCode] | None = Field(
        None,
        description="The languages it is offered in, the default language among them; none "
        "given: those the organisation's contacts and people read, English among them.",
    )
    open_link: bool = True
    fatigue_days: int = Field(
        30,
        description="Nobody is asked by this survey within this many days of another (0 to "
        f"{MAX_FATIGUE_DAYS}).",
    )
    remind_automatically: bool = Field(
        False, description="Send the one reminder by itself, three days after the invitation."
    )
    send_in_working_hours: bool = Field(
        False,
        description="Email each invitation (and the reminder sent by itself) within the "
        "invitee's working hours, on their clock.",
    )
    last_day: date | None = Field(
        None,
        description="The last day to answer (the organisation's time zone); none: until "
        "closed by hand.",
    )


class SurveyChangeIn(Body):
    name: str | None = None
    languages: list[LanguageCode] | None = Field(
        None, description="The languages it is offered in, its default language among them."
    )
    stage: Id | None = Field(None, alias="stage_id")
    touchpoint: Id | None = Field(None, alias="touchpoint_id")
    open_link: bool | None = None
    fatigue_days: int | None = Field(
        None,
        description="Nobody is asked by this survey within this many days of another (0 to "
        f"{MAX_FATIGUE_DAYS}).",
    )
    title: dict[str, str] | None = Field(
        None,
        description="The title respondents read, by language, one line (it is in the "
        "invitation's subject); '' removes one. Respondents never read the survey's name: with "
        "no title, the organisation's name alone.",
    )
    intro: dict[str, str] | None = Field(
        None, description="The words before the first question, by language; '' removes one."
    )
    thank_you: dict[str, str] | None = Field(
        None, description="The words on the thank-you page, by language; '' removes one."
    )
    one_answer_per_browser: bool | None = Field(
        None,
        description="Thank a browser that has answered through the open link rather than ask "
        "it again (off for a shared device, such as a tablet at a counter).",
    )
    remind_automatically: bool | None = Field(
        None, description="Send the one reminder by itself, three days after the invitation."
    )
    send_in_working_hours: bool | None = Field(
        None,
        description="Email each invitation (and the reminder sent by itself) within the "
        "invitee's working hours, on their clock.",
    )
    last_day: date | None = Field(
        None,
        description="The last day to answer (the organisation's time zone); then the survey "
        "closes by itself. null: it closes when closed by hand.",
    )


class SurveyStatusIn(Body):
    status: Survey.Status


class SurveyCopyIn(Body):
    name: str = Field("", description="Defaults to the survey's name with “(copy)”.")


@router.get(
    "/survey-templates",
    response={200: list[TemplateOut], **LISTED},
    summary="The survey templates",
)
def list_templates(request: HttpRequest) -> list[Any]:
    return list(TEMPLATES.values())


@router.post(
    "/surveys",
    response={201: SurveyDetailOut, **REFUSED},
    summary="Make a draft survey from a template (admins and CX leads)",
    description=(
        "The survey starts as a draft with the template's questions in English and German; "
        "change them, then open it. An internal-customer template needs `subject_team_id`, "
        "the others refuse one; a touchpoint must belong to the stage given with it."
    ),
)
def create_survey(request: HttpRequest, payload: SurveyCreateIn) -> Status[Survey]:
    actor = _actor(request)
    require_org_wide(actor)
    sent = payload.dict()
    if sent["languages"] is None:
        sent["languages"] = selectors.languages_read(actor.organisation_id)
    form = SurveyCreateForm(data=as_form_data(sent), organisation_id=actor.organisation_id)
    require_valid(form, IDS)
    survey = services.survey_create_from_template(
        actor=actor, template=form.cleaned_data["template"], values=form.values()
    )
    return Status(201, _survey(actor, survey.pk))


@router.patch(
    "/surveys/{survey_id}",
    response={200: SurveyDetailOut, **REFUSED},
    summary="Change a survey's settings (admins and CX leads)",
    description=(
        "Only the fields sent change. `title`, `intro` and `thank_you` take the survey's "
        "languages; a "
        "language left out keeps its words. Questions change through their own endpoints."
    ),
)
def change_survey(request: HttpRequest, survey_id: Id, payload: SurveyChangeIn) -> Survey:
    actor = _actor(request)
    survey = _survey(actor, survey_id)
    require_org_wide(actor)
    sent = payload.dict(exclude_unset=True)
    # the page's form as it shows the survey, with what was sent in place of its values
    shown = SurveySettingsForm(instance=survey)
    data = {name: shown[name].initial for name in shown.fields}
    worded = ("title", "intro", "thank_you")
    data |= {name: value for name, value in sent.items() if name not in worded}
    names = dict(IDS)
    for part in worded:
        given = sent.get(part) or {}
        unknown = sorted(set(given) - set(survey.languages))
        if unknown:
            raise invalid_fields(
                {part: [f"This survey is in {', '.join(survey.languages)}, not {unknown[0]}."]}
            )
        for language in survey.languages:
            data[f"{part}_{language}"] = given.get(language, data[f"{part}_{language}"])
            names[f"{part}_{language}"] = f"{part}.{language}"
    form = SurveySettingsForm(data=as_form_data(data), instance=survey)
    require_valid(form, names)
    services.survey_update(actor=actor, survey=survey, values=form.values())
    return _survey(actor, survey.pk)


@router.post(
    "/surveys/{survey_id}/status",
    response={200: SurveyDetailOut, **REFUSED},
    summary="Open, close or return a survey to draft (admins and CX leads)",
    description=(
        "Opening it emails, in the background, the invitations made while it was not open "
        "(but those the fatigue window holds back). Questions change only in a draft."
    ),
)
def set_survey_status(request: HttpRequest, survey_id: Id, payload: SurveyStatusIn) -> Survey:
    actor = _actor(request)
    survey = _survey(actor, survey_id)
    services.survey_set_status(actor=actor, survey=survey, status=payload.status)
    return _survey(actor, survey.pk)


@router.post(
    "/surveys/{survey_id}/copy",
    response={201: SurveyDetailOut, **REFUSED},
    summary="Copy a survey as a new draft (admins and CX leads)",
    description="Its questions and settings; no invitations, answers or waves.",
)
def copy_survey(request: HttpRequest, survey_id: Id, payload: SurveyCopyIn) -> Status[Survey]:
    actor = _actor(request)
    copy = services.survey_copy(actor=actor, survey=_survey(actor, survey_id), name=payload.name)
    return Status(201, _survey(actor, copy.pk))


class WaveStartIn(Body):
    early: bool = Field(
        False, description="Start it before the current wave has run its week, knowingly."
    )


@router.post(
    "/surveys/{survey_id}/waves",
    response={201: SurveyDetailOut, **REFUSED},
    summary="Start a relationship survey's next wave (admins and CX leads)",
    description=(
        "Invitations made from now on go into the new wave, so the same people can be asked "
        "again and the waves compared. Refused (422, saying why) for a transactional, draft, "
        "closed or past its last day survey, while the current wave has no invitations, and "
        "until a week after the current wave's last invitation was emailed (or everyone in it "
        "has answered) unless `early` is true: then those who have not answered can still "
        "answer by their link, but are not reminded."
    ),
)
def start_wave(
    request: HttpRequest, survey_id: Id, payload: WaveStartIn | None = None
) -> Status[Survey]:
    actor = _actor(request)
    survey = services.survey_wave_start(
        actor=actor, survey=_survey(actor, survey_id), early=bool(payload and payload.early)
    )
    return Status(201, _survey(actor, survey.pk))


# -- questions ----------------------------------------------------------------------------------


class OptionIn(Body):
    """An option's label by language: the survey's default language required, the others of its
    languages optional."""

    en: str = Field("", max_length=200)
    de: str = Field("", max_length=200)
    fr: str = Field("", max_length=200)
    es: str = Field("", max_length=200)
    it: str = Field("", max_length=200)
    nl: str = Field("", max_length=200)
    pt: str = Field("", max_length=200)
    pl: str = Field("", max_length=200)
    sv: str = Field("", max_length=200)
    ja: str = Field("", max_length=200)


class ConditionIn(Body):
    question: str = Field(description="The key of a score question on an earlier page.")
    min: int | None = Field(None, description="Shown when that answer is at least this.")
    max: int | None = Field(None, description="Shown when that answer is at most this.")


class QuestionTextIn(Body):
    """A question's wording by language: the survey's default language required, the others of
    its languages optional."""

    en: str = ""
    de: str = ""
    fr: str = ""
    es: str = ""
    it: str = ""
    nl: str = ""
    pt: str = ""
    pl: str = ""
    sv: str = ""
    ja: str = ""


class QuestionIn(Body):
    kind: Question.Kind
    text: QuestionTextIn = Field(
        description="The survey's default language, and any of its other languages; one left out "
        "may wait (its readers see the default language's)."
    )
    required: bool = True
    page: int = 1
    options: list[OptionIn] = Field(
        default_factory=list, description="A choice question's options (at least two)."
    )
    scale_min: int | None = Field(None, description="A rating's lowest point (default 1).")
    scale_max: int | None = Field(None, description="A rating's highest point (default 5).")
    show_if: ConditionIn | None = Field(
        None, description="A follow-up: shown only when an earlier score is within these bounds."
    )


class QuestionChangeIn(Body):
    kind: Question.Kind | None = None
    text: QuestionTextIn | None = None
    required: bool | None = None
    page: int | None = None
    options: list[OptionIn] | None = None
    scale_min: int | None = None
    scale_max: int | None = None
    show_if: ConditionIn | None = Field(
        None, description="null makes it an unconditional question."
    )


class QuestionMoveIn(Body):
    direction: Literal["up", "down"] = Field(description="Within its page.")


# the question form's fields by the API's names for them, for errors
QUESTION_NAMES = {
    **{f"text_{code}": f"text.{code}" for code in SURVEY_LANGUAGES},
    "follows": "show_if.question",
    "show_min": "show_if.min",
    "show_max": "show_if.max",
}


def _given_languages(survey: Survey, field: str, texts: Mapping[str, str]) -> None:
    """Refuse wording in a language the survey is not offered in (it would be dropped)."""
    offered = question_languages(survey)
    for code, words in texts.items():
        if words and code not in offered:
            raise invalid_fields(
                {
                    f"{field}.{code}": [
                        f"This survey is in {', '.join(survey.languages)}, not {code}: add "
                        "the language in its settings first."
                    ]
                }
            )


def _options_as_lines(survey: Survey, options: list[dict[str, str]]) -> str:
    """The options as the form takes them, one a line, their languages separated by ``|``; a
    label that would break that reading is refused rather than split, and one without the
    survey's default language is refused by its place in the list."""
    default = survey.default_language
    name = LANGUAGE_NAMES.get(default, default)
    for index, option in enumerate(options):
        _given_languages(survey, f"options.{index}", option)
        if not option.get(default, "").strip():
            raise invalid_fields(
                {
                    f"options.{index}.{default}": [
                        f"Option {index + 1} has no {name} wording: every option is worded in "
                        f"{name}, the survey's default language."
                    ]
                }
            )
        for language, label in option.items():
            if "|" in label or "\n" in label or "\r" in label:
                raise invalid_fields(
                    {f"options.{index}.{language}": ["An option may not hold “|” or a line break."]}
                )
    return options_as_lines([{"label": option} for option in options], question_languages(survey))


def _question_data(survey: Survey, sent: Mapping[str, Any]) -> dict[str, Any]:
    """The API's question fields as the question form's."""
    data: dict[str, Any] = {}
    for name in ("kind", "required", "page", "scale_min", "scale_max"):
        if name in sent:
            data[name] = sent[name]
    if "text" in sent:
        _given_languages(survey, "text", sent["text"])
        # sent whole: a language left out has no wording now
        data |= {f"text_{code}": sent["text"].get(code, "") for code in SURVEY_LANGUAGES}
    if "options" in sent:
        data["options"] = _options_as_lines(survey, sent["options"] or [])
    if "show_if" in sent:
        condition = sent["show_if"] or {}
        data["follows"] = condition.get("question", "")
        data["show_min"], data["show_max"] = condition.get("min"), condition.get("max")
    return data


def _question_save(
    actor: User, survey: Survey, sent: Mapping[str, Any], question: Question | None = None
) -> Question:
    """Validate with the page's form, what is not sent as it is stored, and save."""
    stored = QuestionForm(survey=survey, question=question).initial if question else {}
    data = {"required": True, "page": 1, **stored, **_question_data(survey, sent)}
    form = QuestionForm(data=as_form_data(data), survey=survey, question=question)
    require_valid(form, QUESTION_NAMES)
    try:
        return editing.question_save(
            actor=actor, survey=survey, values=form.values(), question=question
        )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            raise invalid_fields(error.message_dict, QUESTION_NAMES) from None
        raise


def _question(survey: Survey, key: str) -> Question:
    return get_object_or_404(survey.questions, key=key)


@router.post(
    "/surveys/{survey_id}/questions",
    response={201: QuestionOut, **REFUSED},
    summary="Add a question at the end of its page (a draft survey; admins and CX leads)",
    description=(
        "It is worded in the survey's default language at least (`text.<language>`, and each "
        "option's label in it); its `key` is made from that wording once and stays whatever the "
        "wording becomes. A follow-up (`show_if`) depends on a score "
        "question on an earlier page, with bounds on that question's scale. Once a survey is "
        "open its questions stay as they were answered (403)."
    ),
)
def add_question(request: HttpRequest, survey_id: Id, payload: QuestionIn) -> Status[Question]:
    actor = _actor(request)
    survey = _survey(actor, survey_id)
    require_org_wide(actor)
    return Status(201, _question_save(actor, survey, payload.dict()))


@router.patch(
    "/surveys/{survey_id}/questions/{key}",
    response={200: QuestionOut, **REFUSED},
    summary="Change a question of a draft survey (admins and CX leads)",
    description="Only the fields sent change; its key stays.",
)
def change_question(
    request: HttpRequest, survey_id: Id, key: str, payload: QuestionChangeIn
) -> Question:
    actor = _actor(request)
    survey = _survey(actor, survey_id)
    require_org_wide(actor)
    return _question_save(actor, survey, payload.dict(exclude_unset=True), _question(survey, key))


@router.post(
    "/surveys/{survey_id}/questions/{key}/move",
    response={200: list[QuestionOut], **REFUSED},
    summary="Move a question up or down within its page (a draft survey)",
    description="Answers the survey's questions in their new order.",
)
def move_question(
    request: HttpRequest, survey_id: Id, key: str, payload: QuestionMoveIn
) -> list[Question]:
    actor = _actor(request)
    survey = _survey(actor, survey_id)
    require_org_wide(actor)
    editing.question_move(
        actor=actor, question=_question(survey, key), up=payload.direction == "up"
    )
    return list(survey.questions.order_by("page", "position"))


@router.delete(
    "/surveys/{survey_id}/questions/{key}",
    response={204: None, **REFUSED},
    summary="Delete a question of a draft survey (not one others follow up on)",
    description="Refused (422) while other questions follow up on it, naming them.",
)
def delete_question(request: HttpRequest, survey_id: Id, key: str) -> Status[None]:
    actor = _actor(request)
    survey = _survey(actor, survey_id)
    require_org_wide(actor)
    editing.question_delete(actor=actor, question=_question(survey, key))
    return Status(204, None)


# -- invitations --------------------------------------------------------------------------------


class InviteIn(Body):
    account_ids: list[Id] = Field(
        default_factory=list, description="Every contact of these accounts is invited."
    )
    segment_ids: list[Id] = Field(
        default_factory=list,
        description="Every contact of the accounts in these segments is invited.",
    )
    contact_emails: list[str] = Field(
        default_factory=list, description="These contacts are invited, by their email addresses."
    )
    team_ids: list[Id] = Field(
        default_factory=list,
        description="Every active member of these teams is invited, as an internal customer of "
        "the team they are invited with. Someone in two of them is invited once, for the first "
        "as the survey's page lists them: the teams the rated team serves first, then the "
        "others, each by name.",
    )


class SkippedOut(Schema):
    email: str
    reason: str


class InvitedOut(Schema):
    invited: int
    wave: int
    skipped: list[SkippedOut] = Field(
        description="Not invited: already invited in this wave, opted out, asked within the "
        "fatigue window, or in the team being rated."
    )
    emailing: int = Field(description="Invitations being emailed now (an open survey).")
    held_back: int = Field(
        description="Invitations waiting for the fatigue window, emailed once it has passed."
    )
    not_sending: str = Field(
        description="Why none is emailed now, for a survey that sends nothing (a draft, closed, "
        "or past its last day); empty while it sends."
    )


class InvitationOut(Schema):
    id: int
    email: str
    wave: int
    language: str
    customer_id: int
    contact_id: int | None
    person_id: int | None
    follow_up: bool = Field(description="A re-survey after a case was closed.")
    sent_at: datetime | None
    reminded_at: datetime | None
    answered: bool = Field(description="A response was submitted by this link.")
    started: bool = Field(description="A response was begun by this link and not sent.")
    opted_out: bool = Field(description="The address unsubscribed (and has not answered).")
    state: str = Field(
        description="What became of it: "
        + ", ".join(f"`{value}` ({label.lower()})" for value, label in INVITATION_STATES.items())
        + "."
    )
    url: str = Field(description="This person's own link: send it by your own means if you like.")

    @staticmethod
    def resolve_answered(invitation: Invitation) -> bool:
        return invitation.state == "answered"  # type: ignore[attr-defined,no-any-return]

    @staticmethod
    def resolve_started(invitation: Invitation) -> bool:
        return invitation.state == "started"  # type: ignore[attr-defined,no-any-return]

    @staticmethod
    def resolve_opted_out(invitation: Invitation) -> bool:
        return invitation.state == "opted_out"  # type: ignore[attr-defined,no-any-return]

    @staticmethod
    def resolve_url(invitation: Invitation, context: dict[str, Any]) -> str:
        path = reverse("feedback:respond", args=[invitation.token])
        return context["request"].build_absolute_uri(path)  # type: ignore[no-any-return]


class SendIn(Body):
    what: Literal["invitations", "reminders"] = Field(
        "invitations",
        description="`invitations`: email those not emailed yet; `reminders`: one reminder to "
        "those emailed at least a few days ago who have not answered.",
    )


class SentOut(Schema):
    queued: int = Field(description="Emails being sent in the background.")
    held_back: int


@router.post(
    "/surveys/{survey_id}/invitations",
    response={201: InvitedOut, **REFUSED},
    summary="Invite contacts (by account, segment or address) or teams' members",
    description=(
        "Into the survey's current wave, as the survey's page does. Nobody is invited twice in "
        "a wave, nor asked within the fatigue window, nor after opting out: those are listed in "
        "`skipped` with the reason. An open survey emails the new invitations in the background; "
        "a draft's wait until it opens. An internal-customer survey invites teams only. Admins "
        "and CX leads."
    ),
)
def invite(request: HttpRequest, survey_id: Id, payload: InviteIn) -> Status[dict[str, Any]]:
    actor = _actor(request)
    survey = _survey(actor, survey_id)
    require_org_wide(actor)
    chosen: dict[str, Any] = {
        "accounts": payload.account_ids,
        "segments": payload.segment_ids,
        "contacts": "\n".join(payload.contact_emails),
        "teams": payload.team_ids,
    }
    names = {name: f"{name[:-1]}_ids" for name in chosen} | {"contacts": "contact_emails"}
    form = InviteForm(
        data=as_form_data(chosen), organisation_id=actor.organisation_id, survey=survey
    )
    for name in InviteForm.EXTERNAL:
        if name not in form.fields and chosen[name]:
            raise invalid_fields(
                {names[name]: ["This survey asks a team's internal customers: invite teams."]}
            )
    require_valid(form, names)
    created, skipped = services.invitations_create(
        actor=actor,
        survey=survey,
        contacts=form.invited_contacts(),
        teams=form.invited_teams(),
    )
    emailing = 0
    not_sending = selectors.survey_not_sending(survey, what="invitation")
    if not not_sending:
        services.invitations_queue(survey=survey)
        emailing = selectors.invitations_ready(survey).count()
    return Status(
        201,
        {
            "invited": len(created),
            "wave": survey.current_wave,
            "skipped": [{"email": item.email, "reason": item.reason} for item in skipped],
            "emailing": emailing,
            "held_back": selectors.invitations_held_back(survey).count(),
            "not_sending": not_sending,
        },
    )


@router.get(
    "/surveys/{survey_id}/invitations",
    response={200: list[InvitationOut], **REFUSED},
    summary="Whom a survey invited, each with their own link (admins and CX leads)",
    description="Newest first; `wave` keeps to one wave, `state` to what became of them: "
    + ", ".join(f"`{value}` ({label.lower()})" for value, label in INVITATION_STATES.items())
    + ".",
)
@paginate(Page)
def list_invitations(
    request: HttpRequest,
    survey_id: Id,
    wave: int | None = None,
    state: Literal["waiting", "emailed", "started", "answered", "opted_out"] | None = None,
) -> QuerySet[Invitation]:
    actor = _actor(request)
    survey = _survey(actor, survey_id)
    require_org_wide(actor)
    return selectors.survey_invitations(survey, wave=wave, state=state or "")


@router.post(
    "/surveys/{survey_id}/send",
    response={202: SentOut, **REFUSED},
    summary="Email the invitations not sent yet, or one reminder (an open survey)",
    description=(
        "In the background. A reminder goes once, to those emailed at least "
        f"{selectors.REMINDER_AFTER.days} days ago who have not answered or opted out; "
        "`queued` 0 says nobody needed one. Refused (422, saying why) for a draft, a closed "
        "survey, and one past its last day, which sends nothing more."
    ),
)
def send(request: HttpRequest, survey_id: Id, payload: SendIn) -> Status[dict[str, int]]:
    actor = _actor(request)
    survey = _survey(actor, survey_id)
    count = services.survey_send(actor=actor, survey=survey, what=payload.what)
    held_back = selectors.invitations_held_back(survey).count()
    return Status(202, {"queued": count, "held_back": held_back})


class TestInvitationIn(Body):
    language: LanguageCode = Field(description="One of the survey's languages.")


class TestInvitationOut(Schema):
    sent_to: str


@router.post(
    "/surveys/{survey_id}/test-invitation",
    response={200: TestInvitationOut, **REFUSED},
    summary="Email yourself the survey's invitation as its invitees get it (admins, CX leads)",
    description="Its links open the survey's preview, which keeps nothing; no invitation is "
    "made. A language the survey is not offered in is a 422.",
)
def send_test_invitation(
    request: HttpRequest, survey_id: Id, payload: TestInvitationIn
) -> dict[str, str]:
    actor = _actor(request)
    survey = _survey(actor, survey_id)
    services.invitation_test_send(actor=actor, survey=survey, language=payload.language)
    return {"sent_to": actor.email}


# -- the journey --------------------------------------------------------------------------------


class TouchpointOut(Schema):
    id: int
    name: str
    stage_id: int | None


class StageOut(Schema):
    id: int
    name: str
    position: int
    touchpoints: list[TouchpointOut]

    @staticmethod
    def resolve_touchpoints(stage: JourneyStage) -> list[Touchpoint]:
        return list(stage.touchpoints.all())


class StageIn(Body):
    name: str
    position: int | None = Field(
        None, description="Stages are in this order, lowest first; defaults to after the last."
    )


class StageChangeIn(Body):
    name: str | None = None
    position: int | None = None


class TouchpointIn(Body):
    name: str
    stage: Id | None = Field(None, alias="stage_id")


class TouchpointChangeIn(Body):
    name: str | None = None
    stage: Id | None = Field(None, alias="stage_id")


def _stage_save(
    actor: User, sent: Mapping[str, Any], stage: JourneyStage | None = None
) -> JourneyStage:
    require_org_wide(actor)
    values = validate_with_form(
        JourneyStageForm, sent, instance=stage, organisation_id=actor.organisation_id
    )
    saved = services.journey_stage_save(actor=actor, values=values, stage=stage)
    return selectors.journey(actor=actor).get(pk=saved.pk)


def _touchpoint_save(
    actor: User, sent: Mapping[str, Any], touchpoint: Touchpoint | None = None
) -> Touchpoint:
    require_org_wide(actor)
    values = validate_with_form(
        TouchpointForm,
        sent,
        instance=touchpoint,
        names=IDS,
        organisation_id=actor.organisation_id,
    )
    return services.touchpoint_save(actor=actor, values=values, touchpoint=touchpoint)


@router.get(
    "/journey/stages",
    response={200: list[StageOut], **LISTED},
    summary="The journey: its stages in order, each with its touchpoints",
)
def list_stages(request: HttpRequest) -> QuerySet[JourneyStage]:
    return selectors.journey(actor=_actor(request))


@router.post(
    "/journey/stages",
    response={201: StageOut, **REFUSED},
    summary="Add a journey stage (admins and CX leads)",
)
def create_stage(request: HttpRequest, payload: StageIn) -> Status[JourneyStage]:
    actor = _actor(request)
    sent = payload.dict()
    if sent["position"] is None:
        last = selectors.journey(actor=actor).aggregate(last=Max("position"))["last"]
        sent["position"] = 0 if last is None else last + 1
    return Status(201, _stage_save(actor, sent))


@router.patch(
    "/journey/stages/{stage_id}",
    response={200: StageOut, **REFUSED},
    summary="Rename or reorder a journey stage (admins and CX leads)",
)
def change_stage(request: HttpRequest, stage_id: Id, payload: StageChangeIn) -> JourneyStage:
    actor = _actor(request)
    stage = get_object_or_404(selectors.journey(actor=actor), pk=stage_id)
    return _stage_save(actor, payload.dict(exclude_unset=True), stage)


@router.post(
    "/journey/touchpoints",
    response={201: TouchpointOut, **REFUSED},
    summary="Add a touchpoint, in a stage or none (admins and CX leads)",
)
def create_touchpoint(request: HttpRequest, payload: TouchpointIn) -> Status[Touchpoint]:
    return Status(201, _touchpoint_save(_actor(request), payload.dict()))


@router.patch(
    "/journey/touchpoints/{touchpoint_id}",
    response={200: TouchpointOut, **REFUSED},
    summary="Rename a touchpoint or move it to another stage (admins and CX leads)",
)
def change_touchpoint(
    request: HttpRequest, touchpoint_id: Id, payload: TouchpointChangeIn
) -> Touchpoint:
    actor = _actor(request)
    touchpoint = get_object_or_404(
        Touchpoint.objects.filter(organisation_id=actor.organisation_id), pk=touchpoint_id
    )
    return _touchpoint_save(actor, payload.dict(exclude_unset=True), touchpoint)
