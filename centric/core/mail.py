"""What mail takes from stored text: a header holds one line."""

from __future__ import annotations

import re

# whitespace (line breaks among it) and the control characters str.split() leaves alone, but
# not the no-break spaces French typography puts before a colon or a question mark
_BREAKS = re.compile(r"(?:[^\S\u00a0\u2007\u202f]|[\x00-\x1f\x7f])+")


def one_line(text: str) -> str:
    """``text`` as a subject or a sender's name can carry it: every run of whitespace and
    control characters one space, none at either end; no-break spaces stay. Names are checked to be one line when
    they are typed (``validators.validate_one_line``), but one stored before that, or written
    by some other way in, must still not stop the mail (Django refuses a header with a line
    break)."""
    return _BREAKS.sub(" ", text).strip()
