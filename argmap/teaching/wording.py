"""Words for feedback: claims quoted in the student's own wording, links as the student would write
them, hints at three levels, and the small words of sentences."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from argmap.analysis.argument_map import ArgumentMap
from argmap.core.model import LinkType

from .align import Match
from .markup import code
from .steps import STUDENT, Step

__all__ = ["HINT_LEVELS", "Hints", "Words", "article", "short", "they"]

HINT_LEVELS = (1, 2, 3)
"""1: a question that points to the place; 2: what differs, and a question; 3: and the answer."""


@attrs.frozen
class Hints:
    """One piece of feedback at three levels of help."""

    question: str
    """Level 1: a question that points to the place, without the answer."""
    statement: str
    """Level 2: what the map does differently from the text (ends in a question where one helps)."""
    answer: str = ""
    """Level 3 adds it: what to write."""

    def at(self, level: int) -> str:
        """The feedback at a hint level (1, 2 or 3)."""
        if level <= 1:
            return self.question
        if level == 2 or not self.answer:
            return self.statement
        return f"{self.statement} {self.answer}"

    @classmethod
    def same(cls, text: str) -> Hints:
        """Feedback that reads the same at every level."""
        return cls(text, text, "")


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

    def written(self, step: Step) -> str:
        """The step as the student would write it in their map, with their ids (``new`` for a claim
        they do not have yet), marked as code (:func:`~argmap.teaching.markup.code`)."""
        return code(self._written(step))

    def _written(self, step: Step) -> str:
        names = [self._id(ref) for ref in sorted(step.premises, key=self.order)]
        target = self._id(step.target) if isinstance(step.target, str) else f"({self._written(step.target)})"
        return f"{' + '.join(names)} {step.type.value} {target}"

    def _id(self, ref: str) -> str:
        if ref.startswith(STUDENT):
            return ref[len(STUDENT):]
        return self.mine.get(ref, "new")

    def lacks(self, step: Step) -> tuple[str, ...]:
        """The key claims of a step the student does not have."""
        found: list[str] = []
        target: str | Step = step
        while not isinstance(target, str):
            found += [ref for ref in target.premises if not ref.startswith(STUDENT) and ref not in self.mine]
            target = target.target
        if not target.startswith(STUDENT) and target not in self.mine:
            found.append(target)
        return tuple(dict.fromkeys(found))

    def answer(self, step: Step, lead: str = "In your map:") -> str:
        """Level 3 of a hint: the link as the student should write it."""
        new = self.lacks(step)
        after = f" ({code('new')}: {self.claims(new)})" if new else ""
        return f"{lead} {self.written(step)}{after}."


def they(refs: frozenset[str] | Sequence[str], one: str, many: str) -> str:
    """``one`` for a single claim, ``many`` for several."""
    return one if len(refs) == 1 else many


def article(word: str) -> str:
    """``a fact``, ``an interpretation``."""
    return ("an " if word[0] in "aeiou" else "a ") + word
