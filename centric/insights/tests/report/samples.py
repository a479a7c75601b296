"""Small generated feedback exports for the report tests: seeded, a few hundred rows."""

import datetime as dt
import random

COMMENTS = {
    "happy": [
        "Great service, the support team resolved my issue quickly.",
        "Delivery arrived early and the packaging was lovely.",
        "Love the quality of the fabric, it feels well made.",
        "Friendly staff and a fair price, I would recommend you.",
    ],
    "unhappy": [
        "Billing charged me twice and nobody answered my emails.",
        "The delivery was late again and the parcel was damaged.",
        "Support kept me on hold for an hour, terrible experience.",
        "Too expensive for what it is, the quality is poor.",
    ],
}
REGIONS = ("North", "South", "East")


def nps_rows(n: int = 300, seed: int = 1) -> list[dict[str, str]]:
    """Rows with a comment, a 0-10 score, a date over a year and a region."""
    rng = random.Random(seed)
    start = dt.date(2024, 1, 1)
    rows = []
    for i in range(n):
        happy = rng.random() < 0.6
        score = rng.randint(8, 10) if happy else rng.randint(0, 7)
        comment = rng.choice(COMMENTS["happy" if happy else "unhappy"])
        rows.append(
            {
                "id": str(1000 + i),
                "submitted_at": (start + dt.timedelta(days=i * 365 // n)).isoformat(),
                "region": REGIONS[i % 3],
                "likelihood_to_recommend": str(score),
                "comment": comment,
            }
        )
    return rows


def csv_text(rows: list[dict[str, str]], delimiter: str = ",") -> str:
    header = delimiter.join(rows[0])
    lines = [delimiter.join(_quoted(v, delimiter) for v in row.values()) for row in rows]
    return "\n".join([header, *lines]) + "\n"


def _quoted(value: str, delimiter: str) -> str:
    if any(c in value for c in (delimiter, '"', "\n")):
        return '"' + value.replace('"', '""') + '"'
    return value
