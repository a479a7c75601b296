"""Reading a respondent's answers: which questions they see (follow-ups depend on earlier answers),
which page comes next, whether what they sent is valid, and how staff read an answer. No database
access here."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from centric.feedback.scales import SCALE_ENDS, SCORE_RANGES

# What a respondent is told about an answer, in the languages surveys are written in.
MESSAGES = {
    "en": {
        "required": "Please answer this question.",
        "number": "Choose one of the numbers.",
        "range": "Choose a number from {low} to {high}.",
        "option": "Choose one of the options.",
        "options": "Choose among the options shown.",
        "too_long": "Please keep your answer under 5,000 characters.",
        "unreadable": "Your answer holds an invisible control character; please type it again.",
    },
    "de": {
        "required": "Bitte beantworten Sie diese Frage.",
        "number": "Bitte wählen Sie eine der Zahlen.",
        "range": "Bitte wählen Sie eine Zahl von {low} bis {high}.",
        "option": "Bitte wählen Sie eine der Antworten.",
        "options": "Bitte wählen Sie nur unter den gezeigten Antworten.",
        "too_long": "Bitte schreiben Sie weniger als 5.000 Zeichen.",
        "unreadable": "Ihre Antwort enthält ein unsichtbares Steuerzeichen; bitte tippen Sie sie neu.",
    },
    "fr": {
        "required": "Veuillez répondre à cette question.",
        "number": "Veuillez choisir l'un des nombres proposés.",
        "range": "Veuillez choisir un nombre de {low} à {high}.",
        "option": "Veuillez choisir l'une des réponses proposées.",
        "options": "Veuillez choisir uniquement parmi les réponses proposées.",
        "too_long": "Veuillez écrire moins de 5\u202f000 caractères.",
        "unreadable": "Votre réponse contient un caractère de contrôle invisible\u202f; veuillez "
        "la saisir à nouveau.",
    },
    "es": {
        "required": "Por favor, responda a esta pregunta.",
        "number": "Elija uno de los números.",
        "range": "Elija un número del {low} al {high}.",
        "option": "Elija una de las opciones.",
        "options": "Elija solo entre las opciones mostradas.",
        "too_long": "Por favor, escriba menos de 5000 caracteres.",
        "unreadable": "Su respuesta contiene un carácter de control invisible; por favor, "
        "escríbala de nuevo.",
    },
    "it": {
        "required": "Per favore, risponda a questa domanda.",
        "number": "Scelga uno dei numeri.",
        "range": "Scelga un numero da {low} a {high}.",
        "option": "Scelga una delle opzioni.",
        "options": "Scelga solo tra le opzioni proposte.",
        "too_long": "La preghiamo di scrivere meno di 5.000 caratteri.",
        "unreadable": "La Sua risposta contiene un carattere di controllo invisibile; La "
        "preghiamo di digitarla di nuovo.",
    },
    "nl": {
        "required": "Beantwoord deze vraag.",
        "number": "Kies een van de getallen.",
        "range": "Kies een getal van {low} tot en met {high}.",
        "option": "Kies een van de opties.",
        "options": "Kies alleen uit de getoonde opties.",
        "too_long": "Houd uw antwoord korter dan 5.000 tekens.",
        "unreadable": "Uw antwoord bevat een onzichtbaar stuurteken; typ het opnieuw.",
    },
    "pt": {
        "required": "Por favor, responda a esta pergunta.",
        "number": "Escolha um dos números.",
        "range": "Escolha um número de {low} a {high}.",
        "option": "Escolha uma das opções.",
        "options": "Escolha apenas entre as opções apresentadas.",
        "too_long": "Por favor, escreva menos de 5000 caracteres.",
        "unreadable": "A sua resposta contém um carácter de controlo invisível; por favor, "
        "escreva-a novamente.",
    },
    "pl": {
        "required": "Prosimy odpowiedzieć na to pytanie.",
        "number": "Prosimy wybrać jedną z liczb.",
        "range": "Prosimy wybrać liczbę od {low} do {high}.",
        "option": "Prosimy wybrać jedną z opcji.",
        "options": "Prosimy wybierać tylko spośród pokazanych opcji.",
        "too_long": "Odpowiedź musi być krótsza niż 5\u00a0000 znaków.",
        "unreadable": "Odpowiedź zawiera niewidoczny znak sterujący; prosimy wpisać ją ponownie.",
    },
    "sv": {
        "required": "Svara på den här frågan.",
        "number": "Välj en av siffrorna.",
        "range": "Välj en siffra från {low} till {high}.",
        "option": "Välj ett av alternativen.",
        "options": "Välj bara bland alternativen som visas.",
        "too_long": "Håll ditt svar under 5\u00a0000 tecken.",
        "unreadable": "Ditt svar innehåller ett osynligt styrtecken; skriv det igen.",
    },
    "ja": {
        "required": "この質問にご回答ください。",
        "number": "いずれかの数字を選択してください。",
        "range": "{low}から{high}までの数字を選択してください。",
        "option": "いずれかの選択肢をお選びください。",
        "options": "表示されている選択肢の中からお選びください。",
        "too_long": "回答は5,000文字以内でご入力ください。",
        "unreadable": "回答に目に見えない制御文字が含まれています。もう一度入力してください。",
    },
}


class QuestionLike(Protocol):
    key: str
    kind: str
    page: int
    required: bool
    options: list[dict[str, Any]]
    scale_min: int | None
    scale_max: int | None
    show_if: dict[str, Any]


class WordedQuestion(QuestionLike, Protocol):
    text: dict[str, str]


Q = TypeVar("Q", bound=QuestionLike)


def scale(question: QuestionLike) -> tuple[int, int] | None:
    """The lowest and highest answer of a score question: fixed for NPS, CSAT and CES; a
    rating question sets its own (1–5 unless it says otherwise)."""
    if question.kind == "rating":
        return (question.scale_min or 1, question.scale_max or 5)
    return SCORE_RANGES.get(question.kind)


def message(language: str, name: str, **values: Any) -> str:
    """The message ``name`` in ``language`` (English when the survey's language has none)."""
    return MESSAGES.get(language, MESSAGES["en"])[name].format(**values)


def is_answered(value: Any) -> bool:
    return not (value is None or value == "" or value == [])


def is_visible(question: QuestionLike, answers: Mapping[str, Any]) -> bool:
    condition = question.show_if
    if not condition:
        return True
    value = answers.get(condition["question"])
    if not is_answered(value):
        return False
    if "in" in condition:
        values = value if isinstance(value, list) else [value]
        return any(item in condition["in"] for item in values)
    if isinstance(value, int):
        return bool(condition.get("min", value) <= value <= condition.get("max", value))
    return False


def visible_on_page(questions: Sequence[Q], page: int, answers: Mapping[str, Any]) -> list[Q]:
    return [
        question
        for question in questions
        if question.page == page and is_visible(question, answers)
    ]


def next_page(
    questions: Sequence[QuestionLike], page: int, answers: Mapping[str, Any]
) -> int | None:
    """The next page after ``page`` that shows at least one question, or None at the end."""
    later = sorted({question.page for question in questions if question.page > page})
    for candidate in later:
        if visible_on_page(questions, candidate, answers):
            return candidate
    return None


def more_may_follow(
    questions: Sequence[QuestionLike], page: int, answers: Mapping[str, Any]
) -> bool:
    """Whether a page after ``page`` shows a question, or may once this page is answered (a
    follow-up on one of its questions): its button then says "Next", not "Send"."""
    asked_here = {question.key for question in visible_on_page(questions, page, answers)}
    return any(
        question.page > page
        and (is_visible(question, answers) or question.show_if.get("question") in asked_here)
        for question in questions
    )


def previous_page(
    questions: Sequence[QuestionLike], page: int, answers: Mapping[str, Any]
) -> int | None:
    """The last page before ``page`` that shows at least one question, or None on the first."""
    earlier = sorted({question.page for question in questions if question.page < page})
    shown = [candidate for candidate in earlier if visible_on_page(questions, candidate, answers)]
    return shown[-1] if shown else None


def first_page(questions: Sequence[QuestionLike], answers: Mapping[str, Any]) -> int:
    page = next_page(questions, 0, answers)
    return page if page is not None else 1


def opening_question(questions: Sequence[Q]) -> Q | None:
    """The question an invitation can ask in the email itself: the first one a respondent sees,
    when it is answered with one number (NPS, CSAT, CES, a rating)."""
    shown = visible_on_page(questions, first_page(questions, {}), {})
    return shown[0] if shown and scale(shown[0]) else None


def suggested_answer(questions: Sequence[Q], value: str) -> tuple[Q, int] | None:
    """The opening question and ``value`` as its answer, when ``value`` (a number chosen in an
    invitation, carried by its link) is one of that question's numbers; else None."""
    question = opening_question(questions)
    if question is None or not (value.isascii() and value.isdigit()):
        return None
    low, high = scale(question) or (0, -1)
    return (question, int(value)) if low <= int(value) <= high else None


def opening_links(
    questions: Sequence[WordedQuestion], language: str, fallback: str, link: str
) -> dict[str, Any] | None:
    """The opening question as an invitation or a web page asks it: its words in ``language``
    (else ``fallback``), a link to ``link`` per number, which opens the survey with that number
    marked, and what the scale's two ends mean; None when the survey opens with another kind of
    question."""
    question = opening_question(questions)
    if question is None:
        return None
    low, high = scale(question) or (0, -1)
    joined = "&" if "?" in link else "?"
    return {
        "text": localised(question.text, language, fallback),
        "links": [(number, f"{link}{joined}answer={number}") for number in range(low, high + 1)],
        "ends": SCALE_ENDS.get(language, SCALE_ENDS["en"]).get(question.kind, ("", "")),
    }


def unanswered(questions: Sequence[Q], page: int, answers: Mapping[str, Any]) -> list[Q]:
    """The required questions shown on ``page`` that have no answer yet."""
    return [
        question
        for question in visible_on_page(questions, page, answers)
        if question.required and not is_answered(answers.get(question.key))
    ]


def first_incomplete_page(
    questions: Sequence[QuestionLike], answers: Mapping[str, Any]
) -> int | None:
    """The first page with a required question shown and not answered, or None when the
    answers are complete (so the response may be submitted)."""
    for page in sorted({question.page for question in questions}):
        if unanswered(questions, page, answers):
            return page
    return None


@dataclass(frozen=True)
class PageAnswered(Generic[Q]):
    """What a page of answers leads to: the next page (None when the survey is finished) and
    every answer with this page's; or, with ``errors``, the page to answer again."""

    following: int | None
    errors: dict[str, str]
    answers: dict[str, Any]
    shown: list[Q]  # the page's questions
    values: dict[str, Any]  # their answers, as given
    hidden: list[Q]  # follow-ups that no longer apply (a score changed), their answers dropped


def answer_page(
    questions: Sequence[Q],
    page: int,
    answers: Mapping[str, Any],
    data: Mapping[str, list[str]],
    language: str,
) -> PageAnswered[Q]:
    """Check the answers ``data`` gives to ``page``, after the earlier ``answers``: an earlier
    page whose required questions are not answered is answered before any later one."""
    shown = visible_on_page(questions, page, answers)
    values, errors = parse(shown, data, language)
    if errors:
        return PageAnswered(page, errors, dict(answers), shown, values, [])
    after = dict(answers)
    for question in shown:
        if question.key in values:
            after[question.key] = values[question.key]
        else:
            after.pop(question.key, None)
    following = next_page(questions, page, after)
    incomplete = first_incomplete_page(questions, after)
    if incomplete is not None and (incomplete < page or following is None):
        # a later page posted directly, or a submission that skips a required question
        missing = {
            q.key: message(language, "required") for q in unanswered(questions, incomplete, after)
        }
        return PageAnswered(incomplete, missing, dict(answers), shown, values, [])
    hidden = [question for question in questions if not is_visible(question, after)]
    for question in hidden:
        after.pop(question.key, None)
    return PageAnswered(following, {}, after, shown, values, hidden)


def condition_can_hold(condition: Mapping[str, Any], bounds: tuple[int, int]) -> bool:
    """Whether some answer on a scale from ``bounds`` satisfies a follow-up's ``min``/``max``."""
    low = max(bounds[0], condition.get("min", bounds[0]))
    high = min(bounds[1], condition.get("max", bounds[1]))
    return bool(low <= high)


def display(question: QuestionLike, value: Any, language: str) -> str:
    """An answer as staff read it: a choice by its options' labels in ``language`` (joined with
    ", "), a score or a text as it is."""
    if isinstance(value, list) or question.kind in {"single", "multiple"}:
        labels = {str(item["value"]): item.get("label", {}) for item in question.options}
        chosen = value if isinstance(value, list) else [value]
        return ", ".join(
            (localised(labels.get(str(code), {}), language) or str(code)) for code in chosen
        )
    return "" if value is None else str(value)


def localised(texts: Mapping[str, str], language: str, fallback: str = "en") -> str:
    """``texts`` (``{language: wording}``) in ``language``, else in ``fallback`` (the survey's
    default language), else in English, else in any language they have; "" for none."""
    return str(
        texts.get(language)
        or texts.get(fallback)
        or texts.get("en")
        or next((words for words in texts.values() if words), "")
    )


def answers_to_keep(
    questions: Sequence[Q], data: Mapping[str, list[str]]
) -> tuple[dict[str, Any], list[Q]]:
    """What is kept of a page the respondent leaves without sending it (they go back): the valid
    answers in form ``data``, and the questions left blank, whose earlier answers go. Nothing is
    required; an invalid answer is not kept and leaves an earlier answer as it was."""
    values, _ = parse(questions, data)
    cleared = [
        question
        for question in questions
        if not any(item.strip() for item in data.get(question.key, []))
    ]
    return values, cleared


def parse(
    questions: Sequence[QuestionLike], data: Mapping[str, list[str]], language: str = "en"
) -> tuple[dict[str, Any], dict[str, str]]:
    """The answers to ``questions`` found in form ``data`` (name → list of values), and an error
    message, in ``language``, for each question whose answer is missing or invalid."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for question in questions:
        raw = [item.strip() for item in data.get(question.key, []) if item.strip()]
        if not raw:
            if question.required:
                errors[question.key] = message(language, "required")
            continue
        bounds = scale(question)
        allowed = {str(item["value"]) for item in question.options}
        if bounds is not None:
            try:
                number = int(raw[0])
            except ValueError:
                errors[question.key] = message(language, "number")
                continue
            if not bounds[0] <= number <= bounds[1]:
                errors[question.key] = message(language, "range", low=bounds[0], high=bounds[1])
                continue
            values[question.key] = number
        elif question.kind == "single":
            if raw[0] not in allowed:
                errors[question.key] = message(language, "option")
                continue
            values[question.key] = raw[0]
        elif question.kind == "multiple":
            unknown = [item for item in raw if item not in allowed]
            if unknown:
                errors[question.key] = message(language, "options")
                continue
            values[question.key] = sorted(set(raw), key=raw.index)
        else:
            text = raw[0]
            if len(text) > 5000:
                errors[question.key] = message(language, "too_long")
                continue
            if "\x00" in text:  # pasted from a binary file, or forged: no database stores it
                errors[question.key] = message(language, "unreadable")
                continue
            values[question.key] = text
    return values, errors
