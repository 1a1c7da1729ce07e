"""Words for feedback: claims quoted in the student's own wording, and the small words of sentences."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from argmap.analysis.argument_map import ArgumentMap
from argmap.core.model import LinkType

from .align import Match
from .steps import STUDENT, Step

__all__ = ["Words", "article", "short", "they"]


def short(text: str, limit: int = 70) -> str:
    """A claim's text for a feedback sentence: without its final full stop, cut at a
    word near ``limit`` characters, in typographic quotes.

    >>> short("Bus fares barely cover the cost of collecting them.")
    '“Bus fares barely cover the cost of collecting them”'
    """
    text = " ".join(text.split()).rstrip(".")
    if len(text) > limit:
        cut = text.rfind(" ", 0, limit)
        text = text[: cut if cut > limit // 2 else limit].rstrip(",;: ") + "…"
    return f"“{text}”"


class Words:
    """Claim texts for feedback: the student's own wording for claims they have, the key's for the rest."""

    def __init__(self, student: ArgumentMap, key: ArgumentMap, matches: Sequence[Match]) -> None:
        self.student = student
        self.key = key
        self.mine = {m.key: m.student for m in matches}
        self.rank = {claim.id: n for n, claim in enumerate(key.claims)}

    def text(self, ref: str) -> str:
        if ref.startswith(STUDENT):
            return self.student.by_id[ref[len(STUDENT):]].text
        if ref in self.mine:
            return self.student.by_id[self.mine[ref]].text
        return self.key.by_id[ref].text

    def q(self, ref: str) -> str:
        return short(self.text(ref))

    def order(self, ref: str) -> tuple[int, str]:
        return self.rank.get(ref, len(self.rank)), ref

    def claims(self, refs: Iterable[str]) -> str:
        quoted = [self.q(ref) for ref in sorted(refs, key=self.order)]
        if len(quoted) <= 2:
            return " and ".join(quoted)
        return ", ".join(quoted[:-1]) + " and " + quoted[-1]

    def target(self, target: str | Step) -> str:
        if isinstance(target, str):
            return self.q(target)
        verb = "to" if target.type is LinkType.SUPPORT else "against"
        return f"the step from {self.claims(target.premises)} {verb} {self.target(target.target)}"


def they(refs: frozenset[str] | Sequence[str], one: str, many: str) -> str:
    """``one`` for a single claim, ``many`` for several."""
    return one if len(refs) == 1 else many


def article(word: str) -> str:
    """``a fact``, ``an interpretation``."""
    return ("an " if word[0] in "aeiou" else "a ") + word
