"""The range of answers of each kind of score (NPS 0–10, CSAT 1–5, CES 1–7 and a rating 1–5), and
what its two ends mean."""

SCORE_RANGES = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7), "rating": (1, 5)}

# What the two ends of each kind of score scale mean (a rating, like CES, is a statement agreed with).
SCALE_ENDS = {
    "en": {
        "nps": ("Not at all likely", "Extremely likely"),
        "csat": ("Very dissatisfied", "Very satisfied"),
        "ces": ("Strongly disagree", "Strongly agree"),
        "rating": ("Strongly disagree", "Strongly agree"),
    },
    "de": {
        "nps": ("Äußerst unwahrscheinlich", "Äußerst wahrscheinlich"),
        "csat": ("Sehr unzufrieden", "Sehr zufrieden"),
        "ces": ("Stimme überhaupt nicht zu", "Stimme voll und ganz zu"),
        "rating": ("Stimme überhaupt nicht zu", "Stimme voll und ganz zu"),
    },
    "fr": {
        "nps": ("Pas du tout probable", "Extrêmement probable"),
        "csat": ("Très insatisfait", "Très satisfait"),
        "ces": ("Pas du tout d'accord", "Tout à fait d'accord"),
        "rating": ("Pas du tout d'accord", "Tout à fait d'accord"),
    },
    "es": {
        "nps": ("Nada probable", "Extremadamente probable"),
        "csat": ("Muy insatisfecho", "Muy satisfecho"),
        "ces": ("Totalmente en desacuerdo", "Totalmente de acuerdo"),
        "rating": ("Totalmente en desacuerdo", "Totalmente de acuerdo"),
    },
    "it": {
        "nps": ("Per niente probabile", "Estremamente probabile"),
        "csat": ("Molto insoddisfatto", "Molto soddisfatto"),
        "ces": ("Fortemente in disaccordo", "Fortemente d'accordo"),
        "rating": ("Fortemente in disaccordo", "Fortemente d'accordo"),
    },
    "nl": {
        "nps": ("Helemaal niet waarschijnlijk", "Zeer waarschijnlijk"),
        "csat": ("Zeer ontevreden", "Zeer tevreden"),
        "ces": ("Helemaal mee oneens", "Helemaal mee eens"),
        "rating": ("Helemaal mee oneens", "Helemaal mee eens"),
    },
    "pt": {
        "nps": ("Nada provável", "Extremamente provável"),
        "csat": ("Muito insatisfeito", "Muito satisfeito"),
        "ces": ("Discordo totalmente", "Concordo totalmente"),
        "rating": ("Discordo totalmente", "Concordo totalmente"),
    },
    "pl": {
        "nps": ("Zdecydowanie nieprawdopodobne", "Zdecydowanie prawdopodobne"),
        "csat": ("Bardzo niezadowolony", "Bardzo zadowolony"),
        "ces": ("Zdecydowanie się nie zgadzam", "Zdecydowanie się zgadzam"),
        "rating": ("Zdecydowanie się nie zgadzam", "Zdecydowanie się zgadzam"),
    },
    "sv": {
        "nps": ("Inte alls troligt", "Extremt troligt"),
        "csat": ("Mycket missnöjd", "Mycket nöjd"),
        "ces": ("Instämmer inte alls", "Instämmer helt"),
        "rating": ("Instämmer inte alls", "Instämmer helt"),
    },
    "ja": {
        "nps": ("まったく可能性がない", "非常に可能性が高い"),
        "csat": ("非常に不満", "非常に満足"),
        "ces": ("まったくそう思わない", "強くそう思う"),
        "rating": ("まったくそう思わない", "強くそう思う"),
    },
}
