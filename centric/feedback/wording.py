"""The words respondents read — on the survey's pages and in its invitations — in every language
a survey can be written in. A survey's own questions, introduction and thanks are its own; these
are the words around them."""

from __future__ import annotations

from datetime import date

# The languages a survey can be written in (each a language contacts and people may have).
SURVEY_LANGUAGES = ("en", "de")

# The respondent's pages.
UI = {
    "en": {
        "next": "Next",
        "submit": "Send my answers",
        "closed": "This survey is closed.",
        "not_open": "This survey is not open yet.",
        "rated_team": "The team you are rating:",
        "thanks": "Thank you",
        "edit": "Change my answers",
        "page": "Page",
        "of": "of",
        "required": "required",
        "errors": "Please check the answers marked below.",
        "unsubscribe": "Stop receiving surveys",
        "unsubscribed": "You will not receive surveys from us again.",
        "unsubscribe_ask": "Stop receiving surveys from us?",
        "back": "Back",
        "answer_by": "Please answer by the end of {day}.",
        "suggested": "Your answer from the email, {value}, is marked below. It is kept once "
        "you press “{button}”.",
        "link_not_valid": "This link is not valid",
        "link_not_valid_help": "Please check that you opened the whole link, as it was sent to "
        "you, or ask whoever sent it for a new one.",
    },
    "de": {
        "next": "Weiter",
        "submit": "Antworten senden",
        "closed": "Diese Umfrage ist geschlossen.",
        "not_open": "Diese Umfrage ist noch nicht geöffnet.",
        "rated_team": "Das Team, das Sie bewerten:",
        "thanks": "Vielen Dank",
        "edit": "Antworten ändern",
        "page": "Seite",
        "of": "von",
        "required": "Pflichtfrage",
        "errors": "Bitte prüfen Sie die markierten Antworten.",
        "unsubscribe": "Keine Umfragen mehr erhalten",
        "unsubscribed": "Sie erhalten keine Umfragen mehr von uns.",
        "unsubscribe_ask": "Keine Umfragen mehr von uns erhalten?",
        "back": "Zurück",
        "answer_by": "Bitte antworten Sie bis zum {day}.",
        "suggested": "Ihre Antwort aus der E-Mail, {value}, ist unten markiert. Sie wird "
        "gespeichert, sobald Sie auf „{button}“ klicken.",
        "link_not_valid": "Dieser Link ist nicht gültig",
        "link_not_valid_help": "Bitte prüfen Sie, ob Sie den ganzen Link geöffnet haben, so wie "
        "er Ihnen geschickt wurde, oder bitten Sie den Absender um einen neuen.",
    },
}

# An invitation and its reminder, in plain text and HTML.
MAIL_WORDS = {
    "en": {
        "hello": "Hello",
        "rated_team": "The team you are rating:",
        "pick": "Choose a number to start: the survey opens with it marked, to send with the "
        "rest of your answers.",
        "start": "Answer the survey",
        "yours": "This link is yours alone. You can change your answers while the survey is open",
        "until": "until the end of",
        "thanks": "Thank you,",
        "stop": "Stop receiving surveys",
        "reminder": "Reminder:",
        "subject": "we would value your view",
        "subject_team": "how does {team} serve you?",
    },
    "de": {
        "hello": "Guten Tag",
        "rated_team": "Das Team, das Sie bewerten:",
        "pick": "Wählen Sie eine Zahl, um zu beginnen: Die Umfrage öffnet sich mit ihr markiert, "
        "und Sie senden sie mit Ihren weiteren Antworten.",
        "start": "Zur Umfrage",
        "yours": "Der Link gehört nur Ihnen. Sie können Ihre Antworten ändern, solange die "
        "Umfrage offen ist",
        "until": "bis zum",
        "thanks": "Vielen Dank",
        "stop": "Keine Umfragen mehr erhalten",
        "reminder": "Erinnerung:",
        "subject": "Ihre Meinung zählt",
        "subject_team": "wie gut dient Ihnen das Team {team}?",
    },
}


# How a day is written ("the last day to answer"): {day}, {number} (the month's), {month} (its
# name) and {year}.
DAY_FORMATS = {"en": "{day} {month} {year}", "de": "{day}.{number}.{year}"}
MONTHS = {
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip


def day_in_words(day: date, language: str) -> str:
    """A day as a respondent reads it: "31 March 2027", "31.3.2027"."""
    months = MONTHS.get(language, MONTHS["en"])
    return DAY_FORMATS.get(language, DAY_FORMATS["en"]).format(
        day=day.day, number=day.month, month=months[day.month - 1], year=day.year
    )


def ui(language: str) -> dict[str, str]:
    """The words of the respondent's pages in ``language``, else in English."""
    return UI.get(language, UI["en"])


def mail_words(language: str) -> dict[str, str]:
    """The words of an invitation in ``language``, else in English."""
    return MAIL_WORDS.get(language, MAIL_WORDS["en"])
