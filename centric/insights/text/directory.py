"""The organisation's people and teams, to know whom a comment praises.

The caller passes the directory (from People & customers); nothing here knows the database.
A person is matched by full name, by alias, or by first name when it is written with a
capital letter ("Maria was wonderful"), so common words that are also names ("will",
"grace") written in lower case are not mistaken for people. Teams are matched by name or
alias in any case, except for the words of a name written in capitals ("IT", "HR team"),
which match only as written, since "it" in lower case is an everyday word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Member:
    """A person or a team of the organisation; ``id`` is the caller's identifier."""

    id: str
    name: str
    kind: str = "person"
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """A member named in the text, where."""

    member: Member
    start: int
    end: int


class Directory:
    """Finds members of the organisation named in a text."""

    def __init__(self, members: Iterable[Member] = ()) -> None:
        self.members = tuple(members)
        exact: dict[str, Member] = {}
        written: dict[str, str] = {}
        capitalised: dict[str, list[Member]] = {}
        for member in self.members:
            for name in (member.name, *member.aliases):
                if name.strip():
                    exact.setdefault(name.strip().lower(), member)
                    written.setdefault(name.strip().lower(), name.strip())
            if member.kind == "person" and " " in member.name.strip():
                first = member.name.split()[0]
                capitalised.setdefault(first, []).append(member)
        # A first name shared by two people names neither of them for sure.
        self._first_names = {n: ms[0] for n, ms in capitalised.items() if len(ms) == 1}
        self._exact = exact
        names = sorted(exact, key=len, reverse=True)
        self._exact_pattern = (
            re.compile(
                r"\b(?:" + "|".join(_as_written(written[n]) for n in names) + r")\b",
                re.IGNORECASE,
            )
            if names
            else None
        )
        firsts = sorted(self._first_names, key=len, reverse=True)
        self._first_pattern = (
            re.compile(r"\b(?:" + "|".join(map(re.escape, firsts)) + r")\b") if firsts else None
        )

    def __bool__(self) -> bool:
        return bool(self.members)

    def find(self, text: str) -> list[Mention]:
        """Members named in ``text``, in order, each place counted once."""
        found: list[Mention] = []
        taken: list[tuple[int, int]] = []
        if self._exact_pattern:
            for match in self._exact_pattern.finditer(text):
                found.append(Mention(self._exact[match.group(0).lower()], *match.span()))
                taken.append(match.span())
        if self._first_pattern:
            for match in self._first_pattern.finditer(text):
                if not any(s <= match.start() < e for s, e in taken):
                    found.append(Mention(self._first_names[match.group(0)], *match.span()))
        return sorted(found, key=lambda m: m.start)


def _as_written(name: str) -> str:
    """The pattern of ``name``, in which words in capitals (acronyms) match only so."""
    return "".join(
        rf"(?-i:{re.escape(part)})" if len(part) > 1 and part.isupper() else re.escape(part)
        for part in re.split(r"(\s+)", name)
    )
