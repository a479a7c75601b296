"""The survey templates Centric ships with, in every language a survey can be written in.

Each template is plain data: questions with their wording per language, options, scales, and the
condition under which a follow-up is shown (a detractor and a promoter see different questions).
A template's name and description are for staff, in English.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from centric.feedback.wording import SURVEY_LANGUAGES

LANGUAGES = SURVEY_LANGUAGES


def t(
    en: str,
    de: str,
    *,
    fr: str,
    es: str,
    it: str,
    nl: str,
    pt: str,
    pl: str,
    sv: str,
    ja: str,
) -> dict[str, str]:
    """One text in every language of ``LANGUAGES``."""
    return {"en": en, "de": de, "fr": fr, "es": es, "it": it, "nl": nl, "pt": pt, "pl": pl,
            "sv": sv, "ja": ja}  # fmt: skip


def option(value: str, en: str, de: str, **others: str) -> dict[str, Any]:
    """A choice's stored ``value`` and its label in every language (the others as for ``t``)."""
    return {"value": value, "label": t(en, de, **others)}


@dataclass(frozen=True)
class QuestionSpec:
    key: str
    kind: str
    text: dict[str, str]
    page: int = 1
    required: bool = True
    options: list[dict[str, Any]] = field(default_factory=list)
    scale: tuple[int, int] | None = None
    show_if: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Template:
    slug: str
    name: str
    description: str
    kind: str
    intro: dict[str, str]
    questions: list[QuestionSpec]
    internal: bool = False


# under the page's heading, which already thanks the respondent
THANK_YOU = t(
    "Your answers reach the people who can act on them.",
    "Ihre Antworten erreichen die Menschen, die etwas daraus machen können.",
    fr="Vos réponses parviennent aux personnes à même d'y donner suite.",
    es="Sus respuestas llegan a las personas que pueden actuar en consecuencia.",
    it="Le Sue risposte arrivano alle persone che possono darvi seguito.",
    nl="Uw antwoorden komen terecht bij de mensen die er iets mee kunnen doen.",
    pt="As suas respostas chegam às pessoas que podem agir com base nelas.",
    pl="Odpowiedzi trafiają do osób, które mogą na ich podstawie działać.",
    sv="Dina svar når de personer som kan agera på dem.",
    ja="ご回答は、それをもとに行動できる担当者に届きます。",
)

DETRACTOR = {"question": "nps", "min": 0, "max": 6}
PASSIVE = {"question": "nps", "min": 7, "max": 8}
PROMOTER = {"question": "nps", "min": 9, "max": 10}

NPS_FOLLOW_UPS = [
    QuestionSpec(
        "fix_first",
        "text",
        t(
            "We are sorry to hear that. What is the one thing we should fix first?",
            "Das tut uns leid. Was sollten wir als Erstes verbessern?",
            fr="Nous en sommes désolés. Quelle est la chose que nous devrions corriger en "
            "priorité\u202f?",
            es="Lamentamos saberlo. ¿Qué es lo primero que deberíamos corregir?",
            it="Ci dispiace saperlo. Qual è la prima cosa che dovremmo correggere?",
            nl="Dat vinden we jammer om te horen. Wat moeten we als eerste verbeteren?",
            pt="Lamentamos saber isso. Qual é a primeira coisa que devemos corrigir?",
            pl="Przykro nam to słyszeć. Co powinniśmy poprawić w pierwszej kolejności?",
            sv="Det är vi ledsna att höra. Vad är det första vi borde åtgärda?",
            ja="ご期待に沿えず申し訳ございません。まず改善すべき点を一つ挙げるとしたら、何でしょうか？",
        ),
        page=2,
        show_if=DETRACTOR,
    ),
    QuestionSpec(
        "improve",
        "text",
        t(
            "What would make you more likely to recommend us?",
            "Was würde Sie eher dazu bringen, uns weiterzuempfehlen?",
            fr="Qu'est-ce qui vous inciterait davantage à nous recommander\u202f?",
            es="¿Qué haría más probable que nos recomendara?",
            it="Che cosa renderebbe più probabile che Lei ci consigli?",
            nl="Wat zou ervoor zorgen dat u ons eerder zou aanbevelen?",
            pt="O que tornaria mais provável que nos recomendasse?",
            pl="Co zwiększyłoby prawdopodobieństwo polecenia nas?",
            sv="Vad skulle göra det mer troligt att du rekommenderar oss?",
            ja="どのような点が改善されれば、当社をより薦めたいと思われますか？",
        ),
        page=2,
        required=False,
        show_if=PASSIVE,
    ),
    QuestionSpec(
        "best",
        "text",
        t(
            "Great to hear! What do we do best?",
            "Das freut uns! Was machen wir am besten?",
            fr="Nous sommes ravis de l'apprendre\u202f! Que faisons-nous le mieux\u202f?",
            es="¡Nos alegra saberlo! ¿Qué es lo que mejor hacemos?",
            it="Siamo felici di saperlo! Che cosa facciamo meglio?",
            nl="Fijn om te horen! Waar zijn we het beste in?",
            pt="Que bom saber! O que fazemos melhor?",
            pl="Cieszymy się! Co robimy najlepiej?",
            sv="Vad roligt att höra! Vad gör vi bäst?",
            ja="うれしいお言葉をありがとうございます。当社が最も得意としていることは何だと思われますか？",
        ),
        page=2,
        required=False,
        show_if=PROMOTER,
    ),
]

NPS_QUESTION = QuestionSpec(
    "nps",
    "nps",
    t(
        "How likely are you to recommend us to a friend or colleague?",
        "Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen empfehlen?",
        fr="Quelle est la probabilité que vous nous recommandiez à un ami ou à un collègue\u202f?",
        es="¿Qué probabilidad hay de que nos recomiende a un amigo o colega?",
        it="Quanto è probabile che ci consigli a un amico o a un collega?",
        nl="Hoe waarschijnlijk is het dat u ons zou aanbevelen aan een vriend of collega?",
        pt="Qual é a probabilidade de nos recomendar a um amigo ou colega?",
        pl="Na ile prawdopodobne jest polecenie nas znajomemu lub współpracownikowi?",
        sv="Hur troligt är det att du skulle rekommendera oss till en vän eller kollega?",
        ja="当社を友人や同僚に薦める可能性はどのくらいありますか？",
    ),
)

# The six behaviours an internal customer rates a team on: each a statement about the team.
BEHAVIOURS = [
    (
        "self_awareness",
        t(
            "They know how their work affects ours",
            "Sie wissen, wie ihre Arbeit unsere beeinflusst",
            fr="Ils savent en quoi leur travail influe sur le nôtre",
            es="Saben cómo su trabajo afecta al nuestro",
            it="Sanno come il loro lavoro influisce sul nostro",
            nl="Ze weten hoe hun werk ons werk beïnvloedt",
            pt="Sabem de que forma o trabalho deles afeta o nosso",
            pl="Wiedzą, jak ich praca wpływa na naszą",
            sv="De vet hur deras arbete påverkar vårt",
            ja="自分たちの仕事が私たちの仕事にどう影響するかを理解しています",
        ),
    ),
    (
        "listening",
        t(
            "They listen to what we need",
            "Sie hören zu, was wir brauchen",
            fr="Ils sont à l'écoute de nos besoins",
            es="Escuchan lo que necesitamos",
            it="Ascoltano ciò di cui abbiamo bisogno",
            nl="Ze luisteren naar wat we nodig hebben",
            pt="Ouvem aquilo de que precisamos",
            pl="Słuchają, czego potrzebujemy",
            sv="De lyssnar på vad vi behöver",
            ja="私たちが必要としていることに耳を傾けています",
        ),
    ),
    (
        "questioning",
        t(
            "They ask good questions before acting",
            "Sie stellen gute Fragen, bevor sie handeln",
            fr="Ils posent de bonnes questions avant d'agir",
            es="Hacen buenas preguntas antes de actuar",
            it="Fanno domande pertinenti prima di agire",
            nl="Ze stellen goede vragen voordat ze iets doen",
            pt="Fazem boas perguntas antes de agir",
            pl="Zadają trafne pytania, zanim zaczną działać",
            sv="De ställer bra frågor innan de agerar",
            ja="行動する前に的確な質問をしています",
        ),
    ),
    (
        "empathy",
        t(
            "They put themselves in our shoes",
            "Sie versetzen sich in unsere Lage",
            fr="Ils se mettent à notre place",
            es="Se ponen en nuestro lugar",
            it="Si mettono nei nostri panni",
            nl="Ze verplaatsen zich in onze situatie",
            pt="Põem-se no nosso lugar",
            pl="Potrafią postawić się w naszej sytuacji",
            sv="De sätter sig in i vår situation",
            ja="私たちの立場に立って考えています",
        ),
    ),
    (
        "responsiveness",
        t(
            "They respond in good time",
            "Sie reagieren rechtzeitig",
            fr="Ils réagissent en temps utile",
            es="Responden a tiempo",
            it="Rispondono in tempi adeguati",
            nl="Ze reageren tijdig",
            pt="Respondem em tempo útil",
            pl="Reagują w odpowiednim czasie",
            sv="De svarar i god tid",
            ja="適切なタイミングで対応しています",
        ),
    ),
    (
        "receives_feedback",
        t(
            "They welcome our feedback",
            "Sie nehmen unser Feedback gerne an",
            fr="Ils accueillent volontiers nos retours",
            es="Reciben de buen grado nuestros comentarios",
            it="Accolgono volentieri il nostro feedback",
            nl="Ze staan open voor onze feedback",
            pt="Recebem bem o nosso feedback",
            pl="Chętnie przyjmują nasze uwagi",
            sv="De välkomnar vår återkoppling",
            ja="私たちからのフィードバックを前向きに受け止めています",
        ),
    ),
]

TEMPLATES = {
    template.slug: template
    for template in [
        Template(
            slug="relationship-nps",
            name="Relationship NPS",
            description="How likely customers are to recommend you, with a follow-up for detractors, passives and promoters.",
            kind="relationship",
            intro=t(
                "Two minutes to tell us how we are doing.",
                "Zwei Minuten, um uns zu sagen, wie wir uns schlagen.",
                fr="Deux minutes pour nous dire ce que vous pensez de notre travail.",
                es="Dos minutos para decirnos qué tal lo estamos haciendo.",
                it="Due minuti per dirci come stiamo lavorando.",
                nl="Twee minuten om ons te laten weten hoe we het doen.",
                pt="Dois minutos para nos dizer como avalia o nosso trabalho.",
                pl="Dwie minuty na ocenę naszej pracy.",
                sv="Två minuter för att berätta hur vi sköter oss.",
                ja="当社の取り組みについて、2分ほどでご意見をお聞かせください。",
            ),
            questions=[
                NPS_QUESTION,
                *NPS_FOLLOW_UPS,
                QuestionSpec(
                    "topics",
                    "multiple",
                    t(
                        "What was your answer mostly about?",
                        "Worauf bezieht sich Ihre Antwort vor allem?",
                        fr="Sur quoi portait principalement votre réponse\u202f?",
                        es="¿A qué se refería principalmente su respuesta?",
                        it="A che cosa si riferiva soprattutto la Sua risposta?",
                        nl="Waar ging uw antwoord vooral over?",
                        pt="A que se referia principalmente a sua resposta?",
                        pl="Czego przede wszystkim dotyczyła odpowiedź?",
                        sv="Vad handlade ditt svar främst om?",
                        ja="ご回答は主にどの点に関するものですか？",
                    ),
                    page=2,
                    required=False,
                    options=[
                        option(
                            "product",
                            "The product",
                            "Das Produkt",
                            fr="Le produit",
                            es="El producto",
                            it="Il prodotto",
                            nl="Het product",
                            pt="O produto",
                            pl="Produkt",
                            sv="Produkten",
                            ja="製品",
                        ),
                        option(
                            "service",
                            "Our service",
                            "Unseren Service",
                            fr="Notre service",
                            es="Nuestro servicio",
                            it="Il nostro servizio",
                            nl="Onze service",
                            pt="O nosso serviço",
                            pl="Nasza obsługa",
                            sv="Vår service",
                            ja="当社のサービス",
                        ),
                        option(
                            "delivery",
                            "Delivery",
                            "Die Lieferung",
                            fr="La livraison",
                            es="La entrega",
                            it="La consegna",
                            nl="De levering",
                            pt="A entrega",
                            pl="Dostawa",
                            sv="Leveransen",
                            ja="納品・配送",
                        ),
                        option(
                            "price",
                            "Price and billing",
                            "Preis und Abrechnung",
                            fr="Le prix et la facturation",
                            es="El precio y la facturación",
                            it="Prezzo e fatturazione",
                            nl="Prijs en facturatie",
                            pt="Preço e faturação",
                            pl="Cena i rozliczenia",
                            sv="Pris och fakturering",
                            ja="価格・請求",
                        ),
                        option(
                            "people",
                            "Our people",
                            "Unsere Mitarbeitenden",
                            fr="Nos collaborateurs",
                            es="Nuestro personal",
                            it="Il nostro personale",
                            nl="Onze medewerkers",
                            pt="Os nossos colaboradores",
                            pl="Nasi pracownicy",
                            sv="Våra medarbetare",
                            ja="当社のスタッフ",
                        ),
                    ],
                ),
            ],
        ),
        Template(
            slug="touchpoint-csat",
            name="Post-touchpoint CSAT",
            description="Satisfaction right after a touchpoint (a delivery, a support call, an invoice).",
            kind="transactional",
            intro=t(
                "A quick question about your recent experience.",
                "Eine kurze Frage zu Ihrer letzten Erfahrung.",
                fr="Une question rapide sur votre expérience récente.",
                es="Una pregunta rápida sobre su experiencia reciente.",
                it="Una breve domanda sulla Sua esperienza recente.",
                nl="Een korte vraag over uw recente ervaring.",
                pt="Uma pergunta rápida sobre a sua experiência recente.",
                pl="Jedno krótkie pytanie o niedawne doświadczenie z naszą firmą.",
                sv="En snabb fråga om din senaste upplevelse.",
                ja="最近のご利用について、簡単な質問にお答えください。",
            ),
            questions=[
                QuestionSpec(
                    "csat",
                    "csat",
                    t(
                        "How satisfied were you with this experience?",
                        "Wie zufrieden waren Sie mit dieser Erfahrung?",
                        fr="Quel est votre niveau de satisfaction concernant cette expérience\u202f?",
                        es="¿Cuál es su grado de satisfacción con esta experiencia?",
                        it="Qual è il Suo livello di soddisfazione per questa esperienza?",
                        nl="Hoe tevreden was u over deze ervaring?",
                        pt="Qual é o seu grau de satisfação com esta experiência?",
                        pl="Na ile satysfakcjonujące było to doświadczenie?",
                        sv="Hur nöjd var du med den här upplevelsen?",
                        ja="今回のご体験にどの程度満足されましたか？",
                    ),
                ),
                QuestionSpec(
                    "why",
                    "text",
                    t(
                        "What made you give this score?",
                        "Warum diese Bewertung?",
                        fr="Qu'est-ce qui a motivé cette note\u202f?",
                        es="¿Qué le llevó a dar esta puntuación?",
                        it="Per quale motivo ha dato questo punteggio?",
                        nl="Wat is de reden voor deze score?",
                        pt="Qual é o motivo desta pontuação?",
                        pl="Co zdecydowało o takiej ocenie?",
                        sv="Vad fick dig att ge det här betyget?",
                        ja="この評価をされた理由をお聞かせください。",
                    ),
                    required=False,
                ),
            ],
        ),
        Template(
            slug="ces",
            name="Customer Effort Score",
            description="How easy it was to get done what the customer came to do.",
            kind="transactional",
            intro=t(
                "Tell us how easy we made it.",
                "Sagen Sie uns, wie einfach wir es Ihnen gemacht haben.",
                fr="Dites-nous si nous vous avons facilité la tâche.",
                es="Díganos cuánto le facilitamos las cosas.",
                it="Ci dica quanto Le abbiamo semplificato le cose.",
                nl="Laat ons weten hoe makkelijk we het u hebben gemaakt.",
                pt="Diga-nos até que ponto lhe facilitámos as coisas.",
                pl="Prosimy ocenić, jak bardzo ułatwiliśmy załatwienie sprawy.",
                sv="Berätta hur enkelt vi gjorde det för dig.",
                ja="お手続きがどれほどスムーズだったか、お聞かせください。",
            ),
            questions=[
                QuestionSpec(
                    "ces",
                    "ces",
                    t(
                        "The company made it easy for me to handle my issue.",
                        "Das Unternehmen hat es mir leicht gemacht, mein Anliegen zu erledigen.",
                        fr="L'entreprise m'a permis de régler facilement mon problème.",
                        es="La empresa me facilitó resolver mi problema.",
                        it="L'azienda mi ha reso facile risolvere il mio problema.",
                        nl="Het bedrijf maakte het mij gemakkelijk om mijn zaak te regelen.",
                        pt="A empresa tornou fácil resolver o meu problema.",
                        pl="Firma ułatwiła mi załatwienie mojej sprawy.",
                        sv="Företaget gjorde det enkelt för mig att hantera mitt ärende.",
                        ja="この会社のおかげで、用件を簡単に済ませることができました。",
                    ),
                ),
                QuestionSpec(
                    "hardest",
                    "text",
                    t(
                        "What was the hardest part?",
                        "Was war am schwierigsten?",
                        fr="Qu'est-ce qui a été le plus difficile\u202f?",
                        es="¿Qué fue lo más difícil?",
                        it="Qual è stata la parte più difficile?",
                        nl="Wat was het lastigste?",
                        pt="Qual foi a parte mais difícil?",
                        pl="Co było najtrudniejsze?",
                        sv="Vad var svårast?",
                        ja="最も手間がかかった点は何ですか？",
                    ),
                    required=False,
                ),
            ],
        ),
        Template(
            slug="customer-centricity",
            name="Customer-centricity survey",
            description="How the customer rates our discovery, service and engagement.",
            kind="relationship",
            intro=t(
                "How well do we know you, serve you and stay in touch?",
                "Wie gut kennen wir Sie, wie gut dienen wir Ihnen, wie gut bleiben wir im Gespräch?",
                fr="Vous connaissons-nous bien, vous servons-nous bien et restons-nous "
                "suffisamment en contact avec vous\u202f?",
                es="¿Hasta qué punto le conocemos, le atendemos bien y mantenemos el contacto?",
                it="Quanto La conosciamo, quanto bene La serviamo e quanto restiamo in contatto?",
                nl="Hoe goed kennen we u, hoe goed bedienen we u en hoe goed houden we contact?",
                pt="Até que ponto conhecemos a sua realidade, lhe prestamos um bom serviço e "
                "mantemos o contacto?",
                pl="Czy dobrze znamy Państwa potrzeby, zapewniamy dobrą obsługę i utrzymujemy "
                "kontakt?",
                sv="Hur väl känner vi dig, hur väl betjänar vi dig och hur väl håller vi kontakten?",
                ja="当社はお客様のことをどれだけ理解し、お役に立ち、連絡を保てているでしょうか？",
            ),
            questions=[
                QuestionSpec(
                    "discovery",
                    "rating",
                    t(
                        "We understand your needs, goals and constraints.",
                        "Wir verstehen Ihre Bedürfnisse, Ziele und Grenzen.",
                        fr="Nous comprenons vos besoins, vos objectifs et vos contraintes.",
                        es="Entendemos sus necesidades, objetivos y limitaciones.",
                        it="Comprendiamo le Sue esigenze, i Suoi obiettivi e i Suoi vincoli.",
                        nl="Wij begrijpen uw behoeften, doelen en beperkingen.",
                        pt="Compreendemos as suas necessidades, objetivos e limitações.",
                        pl="Rozumiemy Państwa potrzeby, cele i ograniczenia.",
                        sv="Vi förstår dina behov, mål och begränsningar.",
                        ja="当社は、お客様のニーズ、目標、制約を理解しています。",
                    ),
                    scale=(1, 5),
                ),
                QuestionSpec(
                    "service",
                    "rating",
                    t(
                        "We deliver what we commit to, on quality and on time.",
                        "Wir liefern, was wir zusagen, in Qualität und pünktlich.",
                        fr="Nous tenons nos engagements, en qualité comme en délais.",
                        es="Cumplimos lo que prometemos, en calidad y en plazo.",
                        it="Manteniamo gli impegni presi, in termini di qualità e di tempi.",
                        nl="Wij leveren wat we toezeggen, op kwaliteit en op tijd.",
                        pt="Cumprimos o que prometemos, com qualidade e dentro do prazo.",
                        pl="Dotrzymujemy zobowiązań – w zakresie jakości i terminów.",
                        sv="Vi levererar det vi lovar, med rätt kvalitet och i tid.",
                        ja="当社は、約束したことを品質・納期ともに守っています。",
                    ),
                    scale=(1, 5),
                ),
                QuestionSpec(
                    "engagement",
                    "rating",
                    t(
                        "We check in with you and act on what you tell us.",
                        "Wir fragen regelmäßig nach und handeln nach Ihrem Feedback.",
                        fr="Nous prenons régulièrement de vos nouvelles et agissons en fonction de "
                        "ce que vous nous dites.",
                        es="Le consultamos con regularidad y actuamos en función de lo que nos "
                        "dice.",
                        it="La contattiamo regolarmente e agiamo in base a ciò che ci dice.",
                        nl="Wij vragen regelmatig hoe het gaat en doen iets met wat u ons vertelt.",
                        pt="Mantemos um contacto regular e agimos com base no que nos diz.",
                        pl="Regularnie pytamy o opinię i działamy na podstawie tego, co słyszymy.",
                        sv="Vi hör av oss regelbundet och agerar på det du berättar för oss.",
                        ja="当社は定期的にご連絡を差し上げ、いただいたご意見をもとに行動しています。",
                    ),
                    scale=(1, 5),
                ),
                NPS_QUESTION,
                QuestionSpec(
                    "one_thing",
                    "text",
                    t(
                        "If we changed one thing about working with us, what should it be?",
                        "Wenn wir eine Sache an der Zusammenarbeit ändern sollten, welche wäre es?",
                        fr="Si nous ne devions changer qu'une chose dans notre collaboration, "
                        "laquelle serait-ce\u202f?",
                        es="Si cambiáramos una sola cosa de nuestra colaboración, ¿cuál debería "
                        "ser?",
                        it="Se dovessimo cambiare una sola cosa nella nostra collaborazione, quale "
                        "dovrebbe essere?",
                        nl="Als we één ding zouden veranderen aan de samenwerking met ons, wat "
                        "zou dat moeten zijn?",
                        pt="Se pudéssemos mudar uma única coisa na nossa colaboração, qual "
                        "deveria ser?",
                        pl="Gdybyśmy mieli zmienić jedną rzecz we współpracy z nami, co by to "
                        "było?",
                        sv="Om vi ändrade en sak i samarbetet med oss, vad skulle det vara?",
                        ja="当社とのお取引において一つだけ変えるとしたら、何を変えるべきでしょうか？",
                    ),
                    page=2,
                    required=False,
                ),
            ],
        ),
        Template(
            slug="internal-customer",
            name="Internal-customer survey",
            description=(
                "A team rates a team that serves it, including the six behaviours: "
                "self-awareness, listening, questioning, empathy, responsiveness, and taking "
                "feedback."
            ),
            kind="relationship",
            internal=True,
            intro=t(
                "You are this team's customer. How do they serve you?",
                "Sie sind Kunde dieses Teams. Wie gut dient es Ihnen?",
                fr="Vous êtes client de cette équipe. Comment répond-elle à vos besoins\u202f?",
                es="Usted es cliente de este equipo. ¿Cómo le atiende?",
                it="Lei è cliente di questo team. Come risponde alle Sue esigenze?",
                nl="U bent klant van dit team. Hoe goed helpt het team u?",
                pt="É cliente desta equipa. Como avalia o serviço que lhe presta?",
                pl="Są Państwo klientem tego zespołu. Jak Państwa obsługuje?",
                sv="Du är det här teamets kund. Hur upplever du deras service?",
                ja="このチームにとって、あなたはお客様です。このチームの対応はいかがでしょうか？",
            ),
            questions=[
                QuestionSpec(
                    "csat",
                    "csat",
                    t(
                        "Overall, how satisfied are you with the service you get from this team?",
                        "Wie zufrieden sind Sie insgesamt mit dem Service dieses Teams?",
                        fr="Globalement, quel est votre niveau de satisfaction à l'égard du "
                        "service fourni par cette équipe\u202f?",
                        es="En general, ¿cuál es su grado de satisfacción con el servicio que "
                        "recibe de este equipo?",
                        it="Nel complesso, qual è il Suo livello di soddisfazione per il servizio "
                        "che riceve da questo team?",
                        nl="Hoe tevreden bent u over het algemeen over de service die u van dit "
                        "team krijgt?",
                        pt="De um modo geral, qual é o seu grau de satisfação com o serviço que "
                        "recebe desta equipa?",
                        pl="Ogólnie rzecz biorąc, na ile zadowalająca jest obsługa ze strony "
                        "tego zespołu?",
                        sv="Hur nöjd är du överlag med den service du får från det här teamet?",
                        ja="このチームから受けているサービスに、総合的にどの程度満足していますか？",
                    ),
                ),
                *[
                    QuestionSpec(key, "rating", text, page=2, scale=(1, 5))
                    for key, text in BEHAVIOURS
                ],
                QuestionSpec(
                    "example",
                    "text",
                    t(
                        "An example that stayed with you, good or bad:",
                        "Ein Beispiel, das Ihnen in Erinnerung geblieben ist, gut oder schlecht:",
                        fr="Un exemple marquant, positif ou négatif\u00a0:",
                        es="Un ejemplo que recuerde, bueno o malo:",
                        it="Un esempio che Le è rimasto impresso, positivo o negativo:",
                        nl="Een voorbeeld dat u is bijgebleven, goed of slecht:",
                        pt="Um exemplo que lhe tenha ficado na memória, bom ou mau:",
                        pl="Przykład, który zapadł w pamięć – dobry lub zły:",
                        sv="Ett exempel som du minns, bra eller dåligt:",
                        ja="印象に残っている出来事（良いことでも悪いことでも）：",
                    ),
                    page=3,
                    required=False,
                ),
            ],
        ),
    ]
}
