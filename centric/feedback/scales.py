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
}
