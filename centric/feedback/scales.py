"""The range of answers of each kind of score: NPS 0–10, CSAT 1–5, CES 1–7 and a rating 1–5."""

SCORE_RANGES = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7), "rating": (1, 5)}
