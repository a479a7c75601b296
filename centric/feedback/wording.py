"""The words respondents read — on the survey's pages and in its invitations — in every language
a survey can be written in. A survey's own title, questions, introduction and thanks are its own;
these are the words around them.

French typography: a no-break space (U+00A0) before a colon, a narrow no-break space (U+202F)
before ? ! ; and inside « »."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from string import Formatter

# The languages a survey can be written in (each a language contacts and people may have).
SURVEY_LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt", "pl", "sv", "ja")

# Each language by its own name, as a respondent looks for it in the language switch.
NATIVE_NAMES = {
    "en": "English",
    "de": "Deutsch",
    "fr": "Français",
    "es": "Español",
    "it": "Italiano",
    "nl": "Nederlands",
    "pt": "Português",
    "pl": "Polski",
    "sv": "Svenska",
    "ja": "日本語",
}

# The respondent's pages.
UI = {
    "en": {
        "language": "Language",
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
        "answered_on": "You answered on {day}.",
        "changed_on": "You last changed your answers on {day}.",
        "may_change": "You can change your answers until the survey closes.",
        "may_change_until": "You can change your answers until the end of {day}.",
        "already_answered": "You have already answered this survey. Thank you.",
        "suggested": "The answer you chose, {value}, is marked below. It is kept once you "
        "press “{button}”.",
        "suggested_in_email": "Your answer from the email, {value}, is marked below. It is kept "
        "once you press “{button}”.",
        "link_not_valid": "This link is not valid",
        "link_not_valid_help": "Please check that you opened the whole link, as it was sent to "
        "you, or ask whoever sent it for a new one.",
    },
    "de": {
        "language": "Sprache",
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
        "answered_on": "Sie haben am {day} geantwortet.",
        "changed_on": "Zuletzt haben Sie Ihre Antworten am {day} geändert.",
        "may_change": "Sie können Ihre Antworten ändern, solange die Umfrage offen ist.",
        "may_change_until": "Sie können Ihre Antworten bis zum {day} ändern.",
        "already_answered": "Sie haben diese Umfrage bereits beantwortet. Vielen Dank.",
        "suggested": "Ihre gewählte Antwort, {value}, ist unten markiert. Sie wird gespeichert, "
        "sobald Sie auf „{button}“ klicken.",
        "suggested_in_email": "Ihre Antwort aus der E-Mail, {value}, ist unten markiert. Sie wird "
        "gespeichert, sobald Sie auf „{button}“ klicken.",
        "link_not_valid": "Dieser Link ist nicht gültig",
        "link_not_valid_help": "Bitte prüfen Sie, ob Sie den ganzen Link geöffnet haben, so wie "
        "er Ihnen geschickt wurde, oder bitten Sie den Absender um einen neuen.",
    },
    "fr": {
        "language": "Langue",
        "next": "Suivant",
        "submit": "Envoyer mes réponses",
        "closed": "Cette enquête est clôturée.",
        "not_open": "Cette enquête n'est pas encore ouverte.",
        "rated_team": "L'équipe que vous évaluez\u00a0:",
        "thanks": "Merci",
        "edit": "Modifier mes réponses",
        "page": "Page",
        "of": "sur",
        "required": "obligatoire",
        "errors": "Veuillez vérifier les réponses signalées ci-dessous.",
        "unsubscribe": "Ne plus recevoir d'enquêtes",
        "unsubscribed": "Vous ne recevrez plus d'enquêtes de notre part.",
        "unsubscribe_ask": "Ne plus recevoir d'enquêtes de notre part\u202f?",
        "back": "Précédent",
        "answer_by": "Veuillez répondre au plus tard le {day}.",
        "answered_on": "Vous avez répondu le {day}.",
        "changed_on": "Vous avez modifié vos réponses pour la dernière fois le {day}.",
        "may_change": "Vous pouvez modifier vos réponses tant que l'enquête est ouverte.",
        "may_change_until": "Vous pouvez modifier vos réponses jusqu'au {day} inclus.",
        "already_answered": "Vous avez déjà répondu à cette enquête. Merci.",
        "suggested": "La réponse que vous avez choisie, {value}, est sélectionnée ci-dessous. "
        "Elle sera enregistrée lorsque vous cliquerez sur «\u202f{button}\u202f».",
        "suggested_in_email": "La réponse que vous avez choisie dans l'e-mail, {value}, est "
        "sélectionnée ci-dessous. Elle sera enregistrée lorsque vous cliquerez sur "
        "«\u202f{button}\u202f».",
        "link_not_valid": "Ce lien n'est pas valide",
        "link_not_valid_help": "Veuillez vérifier que vous avez ouvert le lien en entier, tel "
        "qu'il vous a été envoyé, ou demandez-en un nouveau à la personne qui vous l'a envoyé.",
    },
    "es": {
        "language": "Idioma",
        "next": "Siguiente",
        "submit": "Enviar mis respuestas",
        "closed": "Esta encuesta está cerrada.",
        "not_open": "Esta encuesta aún no está abierta.",
        "rated_team": "El equipo que está evaluando:",
        "thanks": "Muchas gracias",
        "edit": "Modificar mis respuestas",
        "page": "Página",
        "of": "de",
        "required": "obligatoria",
        "errors": "Por favor, revise las respuestas señaladas a continuación.",
        "unsubscribe": "Dejar de recibir encuestas",
        "unsubscribed": "No volverá a recibir encuestas de nuestra parte.",
        "unsubscribe_ask": "¿Desea dejar de recibir nuestras encuestas?",
        "back": "Anterior",
        "answer_by": "Por favor, responda a más tardar el {day}.",
        "answered_on": "Respondió el {day}.",
        "changed_on": "Modificó sus respuestas por última vez el {day}.",
        "may_change": "Puede modificar sus respuestas mientras la encuesta esté abierta.",
        "may_change_until": "Puede modificar sus respuestas hasta el {day} inclusive.",
        "already_answered": "Ya ha respondido a esta encuesta. Muchas gracias.",
        "suggested": "La respuesta que eligió, {value}, está marcada a continuación. Se guardará "
        "en cuanto haga clic en «{button}».",
        "suggested_in_email": "La respuesta que eligió en el correo electrónico, {value}, está "
        "marcada a continuación. Se guardará en cuanto haga clic en «{button}».",
        "link_not_valid": "Este enlace no es válido",
        "link_not_valid_help": "Por favor, compruebe que ha abierto el enlace completo, tal como "
        "se lo enviaron, o pida uno nuevo a la persona que se lo envió.",
    },
    "it": {
        "language": "Lingua",
        "next": "Avanti",
        "submit": "Invia le mie risposte",
        "closed": "Questo sondaggio è chiuso.",
        "not_open": "Questo sondaggio non è ancora aperto.",
        "rated_team": "Il team che sta valutando:",
        "thanks": "Grazie",
        "edit": "Modifica le mie risposte",
        "page": "Pagina",
        "of": "di",
        "required": "obbligatoria",
        "errors": "La preghiamo di controllare le risposte segnalate qui sotto.",
        "unsubscribe": "Non ricevere più sondaggi",
        "unsubscribed": "Non riceverà più sondaggi da parte nostra.",
        "unsubscribe_ask": "Non desidera più ricevere i nostri sondaggi?",
        "back": "Indietro",
        # "il giorno" keeps the article whole before any day ("entro l'8" would need elision)
        "answer_by": "La preghiamo di rispondere entro il giorno {day}.",
        "answered_on": "Ha risposto il giorno {day}.",
        "changed_on": "Ha modificato le Sue risposte l'ultima volta il giorno {day}.",
        "may_change": "Può modificare le Sue risposte finché il sondaggio è aperto.",
        "may_change_until": "Può modificare le Sue risposte fino al giorno {day} compreso.",
        "already_answered": "Ha già risposto a questo sondaggio. Grazie.",
        "suggested": "La risposta scelta, {value}, è selezionata qui sotto. Verrà salvata quando "
        "farà clic su «{button}».",
        "suggested_in_email": "La risposta scelta nell'e-mail, {value}, è selezionata qui sotto. "
        "Verrà salvata quando farà clic su «{button}».",
        "link_not_valid": "Questo link non è valido",
        "link_not_valid_help": "La preghiamo di verificare di aver aperto il link completo, "
        "esattamente come Le è stato inviato, oppure di chiederne uno nuovo al mittente.",
    },
    "nl": {
        "language": "Taal",
        "next": "Volgende",
        "submit": "Antwoorden versturen",
        "closed": "Deze enquête is gesloten.",
        "not_open": "Deze enquête is nog niet geopend.",
        "rated_team": "Het team dat u beoordeelt:",
        "thanks": "Hartelijk dank",
        "edit": "Antwoorden wijzigen",
        "page": "Pagina",
        "of": "van",
        "required": "verplicht",
        "errors": "Controleer de antwoorden die hieronder zijn gemarkeerd.",
        "unsubscribe": "Geen enquêtes meer ontvangen",
        "unsubscribed": "U ontvangt geen enquêtes meer van ons.",
        "unsubscribe_ask": "Geen enquêtes meer van ons ontvangen?",
        "back": "Vorige",
        "answer_by": "Wij ontvangen uw antwoorden graag uiterlijk {day}.",
        "answered_on": "U hebt geantwoord op {day}.",
        "changed_on": "U hebt uw antwoorden voor het laatst gewijzigd op {day}.",
        "may_change": "U kunt uw antwoorden wijzigen zolang de enquête openstaat.",
        "may_change_until": "U kunt uw antwoorden wijzigen tot en met {day}.",
        "already_answered": "U hebt deze enquête al ingevuld. Hartelijk dank.",
        "suggested": "Het antwoord dat u koos, {value}, is hieronder gemarkeerd. Het wordt "
        "opgeslagen zodra u op “{button}” klikt.",
        "suggested_in_email": "Uw antwoord uit de e-mail, {value}, is hieronder gemarkeerd. Het "
        "wordt opgeslagen zodra u op “{button}” klikt.",
        "link_not_valid": "Deze link is niet geldig",
        "link_not_valid_help": "Controleer of u de volledige link hebt geopend, zoals die naar u "
        "is verstuurd, of vraag de afzender om een nieuwe link.",
    },
    "pt": {
        "language": "Idioma",
        "next": "Seguinte",
        "submit": "Enviar respostas",
        "closed": "Este questionário está encerrado.",
        "not_open": "Este questionário ainda não está aberto.",
        "rated_team": "A equipa que vai avaliar:",
        "thanks": "Muito obrigado",
        "edit": "Alterar respostas",
        "page": "Página",
        "of": "de",
        "required": "obrigatória",
        "errors": "Por favor, verifique as respostas marcadas abaixo.",
        "unsubscribe": "Deixar de receber questionários",
        "unsubscribed": "Não voltará a receber questionários nossos.",
        "unsubscribe_ask": "Deseja deixar de receber os nossos questionários?",
        "back": "Anterior",
        "answer_by": "Por favor, responda até {day}.",
        "answered_on": "Respondeu a {day}.",
        "changed_on": "Alterou as suas respostas pela última vez a {day}.",
        "may_change": "Pode alterar as suas respostas enquanto o questionário estiver aberto.",
        "may_change_until": "Pode alterar as suas respostas até {day}, inclusive.",
        "already_answered": "Já respondeu a este questionário. Muito obrigado.",
        "suggested": "A resposta que escolheu, {value}, está marcada abaixo. Será guardada "
        "quando clicar em «{button}».",
        "suggested_in_email": "A resposta que escolheu no e-mail, {value}, está marcada abaixo. "
        "Será guardada quando clicar em «{button}».",
        "link_not_valid": "Este link não é válido",
        "link_not_valid_help": "Por favor, verifique se abriu o link completo, tal como lhe foi "
        "enviado, ou peça um novo a quem o enviou.",
    },
    "pl": {
        "language": "Język",
        "next": "Dalej",
        "submit": "Wyślij odpowiedzi",
        "closed": "Ta ankieta jest zamknięta.",
        "not_open": "Ta ankieta nie jest jeszcze otwarta.",
        "rated_team": "Oceniany zespół:",
        "thanks": "Dziękujemy",
        "edit": "Zmień odpowiedzi",
        "page": "Strona",
        "of": "z",
        "required": "obowiązkowe",
        "errors": "Prosimy sprawdzić odpowiedzi zaznaczone poniżej.",
        "unsubscribe": "Zrezygnuj z otrzymywania ankiet",
        "unsubscribed": "Nie będziemy już wysyłać ankiet na ten adres.",
        "unsubscribe_ask": "Zrezygnować z otrzymywania naszych ankiet?",
        "back": "Wstecz",
        "answer_by": "Prosimy o odpowiedź najpóźniej {day}.",
        "answered_on": "Odpowiedzi zostały wysłane {day}.",
        "changed_on": "Ostatnia zmiana odpowiedzi: {day}.",
        "may_change": "Odpowiedzi można zmieniać, dopóki ankieta jest otwarta.",
        "may_change_until": "Odpowiedzi można zmieniać do końca dnia {day}.",
        "already_answered": "Ta ankieta została już wypełniona. Dziękujemy.",
        "suggested": "Wybrana odpowiedź, {value}, jest zaznaczona poniżej. Zostanie zapisana po "
        "kliknięciu „{button}”.",
        "suggested_in_email": "Odpowiedź wybrana w e-mailu, {value}, jest zaznaczona poniżej. "
        "Zostanie zapisana po kliknięciu „{button}”.",
        "link_not_valid": "Ten link jest nieprawidłowy",
        "link_not_valid_help": "Prosimy sprawdzić, czy został otwarty cały link, dokładnie w "
        "takiej postaci, w jakiej go wysłano, albo poprosić nadawcę o nowy.",
    },
    "sv": {
        "language": "Språk",
        "next": "Nästa",
        "submit": "Skicka mina svar",
        "closed": "Den här enkäten är stängd.",
        "not_open": "Den här enkäten är inte öppen ännu.",
        "rated_team": "Teamet som du bedömer:",
        "thanks": "Tack så mycket",
        "edit": "Ändra mina svar",
        "page": "Sida",
        "of": "av",
        "required": "obligatorisk",
        "errors": "Kontrollera svaren som är markerade nedan.",
        "unsubscribe": "Sluta ta emot enkäter",
        "unsubscribed": "Du kommer inte att få fler enkäter från oss.",
        "unsubscribe_ask": "Vill du sluta ta emot enkäter från oss?",
        "back": "Tillbaka",
        "answer_by": "Vi ber dig svara senast {day}.",
        "answered_on": "Du svarade den {day}.",
        "changed_on": "Du ändrade dina svar senast den {day}.",
        "may_change": "Du kan ändra dina svar så länge enkäten är öppen.",
        "may_change_until": "Du kan ändra dina svar till och med den {day}.",
        "already_answered": "Du har redan svarat på den här enkäten. Tack så mycket.",
        "suggested": "Svaret du valde, {value}, är markerat nedan. Det sparas när du klickar på "
        "”{button}”.",
        "suggested_in_email": "Ditt svar från e-postmeddelandet, {value}, är markerat nedan. Det "
        "sparas när du klickar på ”{button}”.",
        "link_not_valid": "Den här länken är inte giltig",
        "link_not_valid_help": "Kontrollera att du har öppnat hela länken, så som den skickades "
        "till dig, eller be avsändaren om en ny.",
    },
    "ja": {
        "language": "言語",
        "next": "次へ",
        "submit": "回答を送信",
        "closed": "このアンケートは終了しました。",
        "not_open": "このアンケートはまだ開始されていません。",
        "rated_team": "評価対象のチーム：",
        "thanks": "ありがとうございました",
        "edit": "回答を変更する",
        "page": "ページ",
        "of": "/",
        "required": "必須",
        "errors": "以下で指摘されている回答をご確認ください。",
        "unsubscribe": "アンケートの受信を停止する",
        "unsubscribed": "今後、アンケートをお送りすることはありません。",
        "unsubscribe_ask": "今後のアンケートの受信を停止しますか？",
        "back": "戻る",
        "answer_by": "{day}までにご回答ください。",
        "answered_on": "{day}にご回答いただきました。",
        "changed_on": "{day}に回答を変更されました。",
        "may_change": "アンケートの受付期間中は回答を変更できます。",
        "may_change_until": "{day}までは回答を変更できます。",
        "already_answered": "このアンケートにはすでにご回答いただいています。"
        "ありがとうございました。",
        "suggested": "選択された回答（{value}）が、以下で選択済みになっています。"
        "「{button}」を押すと保存されます。",
        "suggested_in_email": "メールで選択された回答（{value}）が、以下で選択済みになっています。"
        "「{button}」を押すと保存されます。",
        "link_not_valid": "このリンクは無効です",
        "link_not_valid_help": "リンクが途中で切れずに、送信されたとおりに開かれているかご確認"
        "ください。または、送信者に新しいリンクをご依頼ください。",
    },
}

# An invitation and its reminder, in plain text and HTML. "greeting" names the invitee by
# {name} (their first name) or {family_name} ("greeting_alone" when that name is not known).
# The last day to answer is said on the invitee's clock: "until_day" where the survey closes at
# the end of a day there, else "until_time", naming the time and the invitee's time zone; either
# is the {until} of "yours_until" and "answer_until". A reminder opens with "not_answered"
# (and "answer_until" when the survey has a last day). The subject is "subject_titled", or
# "subject_untitled" for a survey with no title in the language (respondents never read the
# name staff know it by), with "about" or "about_team" as its {about}; a reminder's is
# "subject_reminder". Punctuation goes with the words: French puts a no-break space before a
# colon, Japanese writes a full-width one.
MAIL_WORDS = {
    "en": {
        "greeting": "Hello {name},",
        "greeting_alone": "Hello,",
        "rated_team": "The team you are rating:",
        "pick": "Choose a number to start: the survey opens with it marked, to send with the "
        "rest of your answers.",
        "start": "Answer the survey",
        "yours": "This link is yours alone. You can change your answers while the survey is open.",
        "yours_until": "This link is yours alone. You can change your answers while the survey "
        "is open: {until}.",
        "until_day": "until the end of {day}",
        "until_time": "until {time} on {day} ({zone} time)",
        "not_answered": "You have not answered yet: it takes about {minutes}.",
        "answer_until": "You can answer {until}.",
        "thanks": "Thank you,",
        "stop": "Stop receiving surveys",
        "stop_line": "Stop receiving surveys: {link}",
        "subject_titled": "{organisation}: {title} – {about}",
        "subject_untitled": "{organisation} – {about}",
        "subject_reminder": "Reminder: {subject}",
        "about": "we would value your view",
        "about_team": "how does {team} serve you?",
    },
    "de": {
        "greeting": "Guten Tag {name},",
        "greeting_alone": "Guten Tag,",
        "rated_team": "Das Team, das Sie bewerten:",
        "pick": "Wählen Sie eine Zahl, um zu beginnen: Die Umfrage öffnet sich mit ihr markiert, "
        "und Sie senden sie mit Ihren weiteren Antworten.",
        "start": "Zur Umfrage",
        "yours": "Der Link gehört nur Ihnen. Sie können Ihre Antworten ändern, solange die "
        "Umfrage offen ist.",
        "yours_until": "Der Link gehört nur Ihnen. Sie können Ihre Antworten ändern, solange die "
        "Umfrage offen ist: {until}.",
        "until_day": "bis zum {day}",
        "until_time": "bis zum {day}, {time} Uhr (Zeitzone {zone})",
        "not_answered": "Sie haben noch nicht geantwortet: Es dauert etwa {minutes}.",
        "answer_until": "Sie können {until} antworten.",
        "thanks": "Vielen Dank",
        "stop": "Keine Umfragen mehr erhalten",
        "stop_line": "Keine Umfragen mehr erhalten: {link}",
        "subject_titled": "{organisation}: {title} – {about}",
        "subject_untitled": "{organisation} – {about}",
        "subject_reminder": "Erinnerung: {subject}",
        "about": "Ihre Meinung zählt",
        "about_team": "wie gut dient Ihnen das Team {team}?",
    },
    "fr": {
        "greeting": "Bonjour {name},",
        "greeting_alone": "Bonjour,",
        "rated_team": "L'équipe que vous évaluez\u00a0:",
        "pick": "Choisissez une note pour commencer\u00a0: l'enquête s'ouvrira avec cette note "
        "déjà sélectionnée, et vous l'enverrez avec le reste de vos réponses.",
        "start": "Répondre à l'enquête",
        "yours": "Ce lien vous est personnel. Vous pouvez modifier vos réponses tant que "
        "l'enquête est ouverte.",
        "yours_until": "Ce lien vous est personnel. Vous pouvez modifier vos réponses tant que "
        "l'enquête est ouverte, {until}.",
        "until_day": "jusqu'au {day} inclus",
        "until_time": "jusqu'au {day} à {time} (fuseau horaire {zone})",
        "not_answered": "Vous n'avez pas encore répondu\u00a0: cela prend environ {minutes}.",
        "answer_until": "Vous pouvez répondre {until}.",
        "thanks": "Avec nos remerciements,",
        "stop": "Ne plus recevoir d'enquêtes",
        "stop_line": "Ne plus recevoir d'enquêtes\u00a0: {link}",
        "subject_titled": "{organisation}\u00a0: {title} – {about}",
        "subject_untitled": "{organisation} – {about}",
        "subject_reminder": "Rappel\u00a0: {subject}",
        "about": "votre avis compte pour nous",
        "about_team": "que pensez-vous du service de l'équipe {team}\u202f?",
    },
    "es": {
        "greeting": "Hola, {name}:",
        "greeting_alone": "Hola:",
        "rated_team": "El equipo que está evaluando:",
        "pick": "Elija un número para empezar: la encuesta se abrirá con él ya marcado, para que "
        "lo envíe junto con el resto de sus respuestas.",
        "start": "Responder a la encuesta",
        "yours": "Este enlace es solo para usted. Puede modificar sus respuestas mientras la "
        "encuesta esté abierta.",
        "yours_until": "Este enlace es solo para usted. Puede modificar sus respuestas mientras la "
        "encuesta esté abierta: {until}.",
        "until_day": "hasta el {day} inclusive",
        "until_time": "hasta el {day} a las {time} (zona horaria {zone})",
        "not_answered": "Todavía no ha respondido: se tarda aproximadamente {minutes}.",
        "answer_until": "Puede responder {until}.",
        "thanks": "Muchas gracias,",
        "stop": "Dejar de recibir encuestas",
        "stop_line": "Dejar de recibir encuestas: {link}",
        "subject_titled": "{organisation}: {title} – {about}",
        "subject_untitled": "{organisation} – {about}",
        "subject_reminder": "Recordatorio: {subject}",
        "about": "nos interesa su opinión",
        "about_team": "¿qué opina del servicio del equipo {team}?",
    },
    "it": {
        "greeting": "Buongiorno {name},",
        "greeting_alone": "Buongiorno,",
        "rated_team": "Il team che sta valutando:",
        "pick": "Scelga un numero per iniziare: il sondaggio si aprirà con il numero già "
        "selezionato, da inviare insieme alle altre risposte.",
        "start": "Rispondi al sondaggio",
        "yours": "Questo link è riservato a Lei. Può modificare le Sue risposte finché il "
        "sondaggio è aperto.",
        "yours_until": "Questo link è riservato a Lei. Può modificare le Sue risposte finché il "
        "sondaggio è aperto: {until}.",
        "until_day": "fino al giorno {day} compreso",
        "until_time": "fino al giorno {day} alle ore {time} (fuso orario {zone})",
        "not_answered": "Non ha ancora risposto: il sondaggio richiede circa {minutes}.",
        "answer_until": "Può rispondere {until}.",
        "thanks": "Grazie,",
        "stop": "Non ricevere più sondaggi",
        "stop_line": "Non ricevere più sondaggi: {link}",
        "subject_titled": "{organisation}: {title} – {about}",
        "subject_untitled": "{organisation} – {about}",
        "subject_reminder": "Promemoria: {subject}",
        "about": "ci farebbe piacere conoscere la Sua opinione",
        "about_team": "come valuta il servizio del team {team}?",
    },
    "nl": {
        "greeting": "Beste {name},",
        "greeting_alone": "Goedendag,",
        "rated_team": "Het team dat u beoordeelt:",
        "pick": "Kies een cijfer om te beginnen: de enquête opent met dat cijfer al "
        "geselecteerd, zodat u het samen met uw andere antwoorden kunt versturen.",
        "start": "Naar de enquête",
        "yours": "Deze link is alleen voor u bestemd. U kunt uw antwoorden wijzigen zolang de "
        "enquête openstaat.",
        "yours_until": "Deze link is alleen voor u bestemd. U kunt uw antwoorden wijzigen zolang "
        "de enquête openstaat: {until}.",
        "until_day": "tot en met {day}",
        "until_time": "tot {day}, {time} uur (tijdzone {zone})",
        "not_answered": "U hebt nog niet geantwoord: het duurt ongeveer {minutes}.",
        "answer_until": "U kunt {until} antwoorden.",
        "thanks": "Hartelijk dank,",
        "stop": "Geen enquêtes meer ontvangen",
        "stop_line": "Geen enquêtes meer ontvangen: {link}",
        "subject_titled": "{organisation}: {title} – {about}",
        "subject_untitled": "{organisation} – {about}",
        "subject_reminder": "Herinnering: {subject}",
        "about": "wij horen graag uw mening",
        "about_team": "hoe ervaart u de dienstverlening van {team}?",
    },
    "pt": {
        "greeting": "Olá, {name}:",
        "greeting_alone": "Olá:",
        "rated_team": "A equipa que vai avaliar:",
        "pick": "Escolha um número para começar: o questionário abre com esse número já "
        "marcado, para enviar juntamente com as restantes respostas.",
        "start": "Responder ao questionário",
        "yours": "Este link é exclusivamente seu. Pode alterar as suas respostas enquanto o "
        "questionário estiver aberto.",
        "yours_until": "Este link é exclusivamente seu. Pode alterar as suas respostas enquanto o "
        "questionário estiver aberto: {until}.",
        "until_day": "até {day}, inclusive",
        "until_time": "até {day}, às {time} (fuso horário {zone})",
        "not_answered": "Ainda não respondeu: demora cerca de {minutes}.",
        "answer_until": "Pode responder {until}.",
        "thanks": "Muito obrigado,",
        "stop": "Deixar de receber questionários",
        "stop_line": "Deixar de receber questionários: {link}",
        "subject_titled": "{organisation}: {title} – {about}",
        "subject_untitled": "{organisation} – {about}",
        "subject_reminder": "Lembrete: {subject}",
        "about": "a sua opinião é importante para nós",
        "about_team": "como avalia o serviço da equipa {team}?",
    },
    "pl": {
        "greeting": "Dzień dobry, {name}!",
        "greeting_alone": "Dzień dobry!",
        "rated_team": "Oceniany zespół:",
        "pick": "Aby rozpocząć, prosimy wybrać liczbę: ankieta otworzy się z nią już "
        "zaznaczoną, a wybór zostanie wysłany razem z pozostałymi odpowiedziami.",
        "start": "Wypełnij ankietę",
        "yours": "Ten link jest osobisty. Odpowiedzi można zmieniać, dopóki ankieta jest otwarta.",
        "yours_until": "Ten link jest osobisty. Odpowiedzi można zmieniać, dopóki ankieta jest "
        "otwarta: {until}.",
        "until_day": "do końca dnia {day}",
        "until_time": "do {day}, godz. {time} (strefa czasowa {zone})",
        "not_answered": "Nie otrzymaliśmy jeszcze odpowiedzi: ankieta zajmie około {minutes}.",
        "answer_until": "Odpowiedzi można udzielić {until}.",
        "thanks": "Dziękujemy",
        "stop": "Zrezygnuj z otrzymywania ankiet",
        "stop_line": "Zrezygnuj z otrzymywania ankiet: {link}",
        "subject_titled": "{organisation}: {title} – {about}",
        "subject_untitled": "{organisation} – {about}",
        "subject_reminder": "Przypomnienie: {subject}",
        "about": "prosimy o opinię",
        "about_team": "prosimy o ocenę zespołu {team}",
    },
    "sv": {
        "greeting": "Hej {name}!",
        "greeting_alone": "Hej!",
        "rated_team": "Teamet som du bedömer:",
        "pick": "Välj en siffra för att börja: enkäten öppnas med den markerad, och du skickar "
        "den tillsammans med resten av dina svar.",
        "start": "Svara på enkäten",
        "yours": "Länken är personlig. Du kan ändra dina svar så länge enkäten är öppen.",
        "yours_until": "Länken är personlig. Du kan ändra dina svar så länge enkäten är öppen, "
        "{until}.",
        "until_day": "till och med {day}",
        "until_time": "till {day} kl. {time} (tidszon {zone})",
        "not_answered": "Du har inte svarat ännu: det tar ungefär {minutes}.",
        "answer_until": "Du kan svara {until}.",
        "thanks": "Stort tack",
        "stop": "Sluta ta emot enkäter",
        "stop_line": "Sluta ta emot enkäter: {link}",
        "subject_titled": "{organisation}: {title} – {about}",
        "subject_untitled": "{organisation} – {about}",
        "subject_reminder": "Påminnelse: {subject}",
        "about": "vi vill gärna höra vad du tycker",
        "about_team": "hur upplever du servicen från {team}?",
    },
    "ja": {
        "greeting": "{family_name}様",  # a letter names the family, not the person
        "greeting_alone": "お客様",
        "rated_team": "評価対象のチーム：",
        "pick": "数字を選んで回答を始めてください。選んだ数字が選択された状態でアンケートが開き"
        "ますので、ほかの回答と一緒に送信してください。",
        "start": "アンケートに回答する",
        "yours": "このリンクはご本人専用です。アンケートの受付期間中は回答を変更できます。",
        "yours_until": "このリンクはご本人専用です。回答は{until}変更できます。",
        "until_day": "{day}まで",
        "until_time": "{day} {time}（タイムゾーン：{zone}）まで",
        "not_answered": "まだご回答いただいていません。所要時間は約{minutes}です。",
        "answer_until": "{until}ご回答いただけます。",
        "thanks": "よろしくお願いいたします。",
        "stop": "アンケートの受信を停止する",
        "stop_line": "アンケートの受信を停止する：{link}",
        "subject_titled": "{organisation}：{title} – {about}",
        "subject_untitled": "{organisation} – {about}",
        "subject_reminder": "【リマインド】{subject}",
        "about": "ご意見をお聞かせください",
        "about_team": "{team}の対応はいかがでしょうか？",
    },
}

# How long a survey takes, as "not_answered" says it ("about {minutes}"): one minute, and
# {n} of them (Polish says both in the genitive, as "około" asks).
MINUTES = {
    "en": ("a minute", "{n} minutes"),
    "de": ("eine Minute", "{n} Minuten"),
    "fr": ("une minute", "{n} minutes"),
    "es": ("un minuto", "{n} minutos"),
    "it": ("un minuto", "{n} minuti"),
    "nl": ("één minuut", "{n} minuten"),
    "pt": ("um minuto", "{n} minutos"),
    "pl": ("minuty", "{n} minut"),
    "sv": ("en minut", "{n} minuter"),
    "ja": ("1分", "{n}分"),
}

# How a time of day is written in "until_time": 24 hours everywhere; French writes "19 h 00".
TIME_FORMATS = {"fr": "{hour}\u00a0h\u00a0{minute:02d}"}
TIME_FORMAT = "{hour:02d}:{minute:02d}"

# Told to whoever is asked to rate a team (a survey's ``subject_team``), in the invitation and on
# the survey's first page: their answers are not anonymous. {team} is the team rated.
NAMED_ANSWERS = {
    "en": "Your answers are not anonymous: they go with your name to {team}, so that the team "
    "can follow up with you, and to the people who run these surveys.",
    "de": "Ihre Antworten sind nicht anonym: Das Team {team} und die Verantwortlichen dieser "
    "Umfragen erhalten sie mit Ihrem Namen, damit das Team bei Ihnen nachfragen kann.",
    "fr": "Vos réponses ne sont pas anonymes\u00a0: l'équipe {team} et les personnes qui "
    "pilotent ces enquêtes les recevront avec votre nom, afin que l'équipe puisse revenir vers "
    "vous.",
    "es": "Sus respuestas no son anónimas: el equipo {team} y las personas que gestionan estas "
    "encuestas las recibirán con su nombre, para que el equipo pueda ponerse en contacto con "
    "usted.",
    "it": "Le Sue risposte non sono anonime: il team {team} e le persone che gestiscono questi "
    "sondaggi le riceveranno insieme al Suo nome, così che il team possa ricontattarLa.",
    "nl": "Uw antwoorden zijn niet anoniem: het team {team} en de mensen die deze enquêtes "
    "organiseren ontvangen ze met uw naam, zodat het team contact met u kan opnemen.",
    "pt": "As suas respostas não são anónimas: a equipa {team} e as pessoas responsáveis por "
    "estes questionários recebem-nas com o seu nome, para que a equipa possa entrar em contacto "
    "consigo.",
    "pl": "Państwa odpowiedzi nie są anonimowe: zespół {team} oraz osoby prowadzące te ankiety "
    "otrzymają je wraz z Państwa imieniem i nazwiskiem, aby zespół mógł się z Państwem "
    "skontaktować.",
    "sv": "Dina svar är inte anonyma: teamet {team} och de som ansvarar för de här enkäterna får "
    "dem med ditt namn, så att teamet kan återkomma till dig.",
    "ja": "このアンケートは匿名ではありません。{team}から改めてご連絡できるよう、ご回答はお名前"
    "とともに{team}および本アンケートの運営担当者に共有されます。",
}

# How a day is written ("the last day to answer"): {day}, {number} (the month's), {month} (its
# name, as it stands in a date: Polish in the genitive) and {year}.
DAY_FORMATS = {
    "en": "{day} {month} {year}",
    "de": "{day}.{number}.{year}",
    "fr": "{day} {month} {year}",
    "es": "{day} de {month} de {year}",
    "it": "{day} {month} {year}",
    "nl": "{day} {month} {year}",
    "pt": "{day} de {month} de {year}",
    "pl": "{day} {month} {year}",
    "sv": "{day} {month} {year}",
    "ja": "{year}年{number}月{day}日",
}
MONTHS = {
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
    "fr": (
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ),
    "es": (
        "enero", "febrero", "marzo", "abril", "mayo", "junio",
        "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
    ),
    "it": (
        "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno",
        "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre",
    ),
    "nl": (
        "januari", "februari", "maart", "april", "mei", "juni",
        "juli", "augustus", "september", "oktober", "november", "december",
    ),
    "pt": (
        "janeiro", "fevereiro", "março", "abril", "maio", "junho",
        "julho", "agosto", "setembro", "outubro", "novembro", "dezembro",
    ),
    "pl": (
        "stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca",
        "lipca", "sierpnia", "września", "października", "listopada", "grudnia",
    ),
    "sv": (
        "januari", "februari", "mars", "april", "maj", "juni",
        "juli", "augusti", "september", "oktober", "november", "december",
    ),
}  # fmt: skip

# The first of a month, where a language writes it as an ordinal: "1er avril", "1º aprile".
FIRST_DAY = {"fr": "1er", "it": "1º"}


def day_in_words(day: date, language: str) -> str:
    """A day as a respondent reads it: "31 March 2027", "31.3.2027", "1er avril 2027"."""
    months = MONTHS.get(language, MONTHS["en"])
    number = FIRST_DAY.get(language, "1") if day.day == 1 else str(day.day)
    return DAY_FORMATS.get(language, DAY_FORMATS["en"]).format(
        day=number, number=day.month, month=months[day.month - 1], year=day.year
    )


def time_in_words(moment: datetime, language: str) -> str:
    """A time of day as ``language`` writes it: "19:00", "19 h 00"."""
    return TIME_FORMATS.get(language, TIME_FORMAT).format(hour=moment.hour, minute=moment.minute)


def until(moment: datetime, language: str, zone: str) -> str:
    """Until when a survey closing at ``moment`` (on the invitee's clock, in ``zone``) takes
    answers, said in ``language``: the end of the day before, where it closes at midnight
    there; else the time and the day, naming the zone, so that someone far from the
    organisation does not take its last day for a whole day of theirs."""
    words = mail_words(language)
    if (moment.hour, moment.minute, moment.second) == (0, 0, 0):
        return words["until_day"].format(
            day=day_in_words(moment.date() - timedelta(days=1), language)
        )
    return words["until_time"].format(
        day=day_in_words(moment.date(), language),
        time=time_in_words(moment, language),
        zone=zone,
    )


def minutes(count: int, language: str) -> str:
    """A number of minutes in ``language`` (else English), as "about …" takes it."""
    one, more = MINUTES.get(language, MINUTES["en"])
    return one if count == 1 else more.format(n=count)


def mail_subject(
    language: str, *, organisation: str, title: str, about: str, reminder: bool = False
) -> str:
    """An invitation's subject: the organisation, the survey's ``title`` for respondents (none:
    the organisation alone) and what it asks ``about``; a reminder says it is one."""
    words = mail_words(language)
    if title:
        subject = words["subject_titled"].format(
            organisation=organisation, title=title, about=about
        )
    else:
        subject = words["subject_untitled"].format(organisation=organisation, about=about)
    return words["subject_reminder"].format(subject=subject) if reminder else subject


def sentences(language: str, *said: str) -> str:
    """Sentences one after another, as ``language`` writes them: Japanese leaves no space."""
    return ("" if language == "ja" else " ").join(said)


def ui(language: str) -> dict[str, str]:
    """The words of the respondent's pages in ``language``, else in English."""
    return UI.get(language, UI["en"])


def mail_words(language: str) -> dict[str, str]:
    """The words of an invitation in ``language``, else in English."""
    return MAIL_WORDS.get(language, MAIL_WORDS["en"])


def greeting(language: str, first_name: str, family_name: str) -> str:
    """An invitation's first line: the invitee by the name their language's letters use, or a
    greeting without a name when that name is not known."""
    words = mail_words(language)
    names = {"name": first_name.strip(), "family_name": family_name.strip()}
    used = {field for _, field, _, _ in Formatter().parse(words["greeting"]) if field}
    if all(names.get(field) for field in used):
        return words["greeting"].format(**names)
    return words["greeting_alone"]


def named_answers(language: str, team: str) -> str:
    """What a respondent rating ``team`` is told in ``language`` (else English): their answers
    go with their name to that team and to those who run the surveys."""
    return NAMED_ANSWERS.get(language, NAMED_ANSWERS["en"]).format(team=team)
