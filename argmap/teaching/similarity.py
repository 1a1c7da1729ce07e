"""How alike two claims' wordings are: content words (stemmed, function words dropped, negations
kept, numbers read alike in digits and words), weighted by how rare each word is among the key's claims.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Any

__all__ = ["Vocabulary", "content_words", "jaccard", "text_similarity"]

_NEGATIONS = frozenset({"not", "never", "nor", "none", "nothing", "cannot", "neither", "without"})
_NOT = re.compile(r"n[’']t\b", re.IGNORECASE)
_CANNOT = re.compile(r"\bcannot\b", re.IGNORECASE)


# Function words only. The Rabbit rule's list (stop-words' English, 1,300 words) also
# drops words such as "free", "new", "world" and "million", which tell claims apart.
_FUNCTION_WORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me
    more most my myself of off on once only or other our ours ourselves out over own same she should
    so some such than that the their theirs them themselves then there these they this those through
    to too under until up very was we were what when where which while who whom why will with would
    you your yours yourself yourselves also may might must shall us""".split()
)

_NUMBER_WORDS: dict[str, float] = {
    word: n
    for n, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
}
_NUMBER_WORDS.update(
    {word: 10 * n for n, word in enumerate("thirty forty fifty sixty seventy eighty ninety".split(), 3)}
)
_NUMBER_WORDS.update({"hundred": 100, "thousand": 1000, "million": 1_000_000, "half": 0.5, "quarter": 0.25})
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*|\b(?:" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)


def _numbers_as_words(text: str) -> str:
    """Digits and number words as one token each (``9`` and ``nine`` both ``numnine``), so a
    student who writes "9 hours" and a key that says "nine hours" share the word."""

    def token(match: re.Match[str]) -> str:
        found = match.group(0)
        value: float | None = _NUMBER_WORDS.get(found.lower())
        if value is None:
            digits = re.sub(r"[.,](?=\d{3}\b)", "", found).replace(",", ".")
            value = float(digits) if "." in digits else int(digits)
        name = f"{value:g}".replace(".", "point").replace("-", "minus").replace("+", "e")
        return f" num{name} "

    return _NUMBER.sub(token, text)


@functools.cache
def _word_tools() -> tuple[Callable[[str], str], frozenset[str]]:
    from argmap.analysis.lint import _stemmer

    snowball = _stemmer()

    def stem(word: str) -> str:
        # Snowball makes "useful" and "useless" both "use": keep the suffix that turns the meaning.
        for suffix in ("ful", "less"):
            if word.endswith(suffix) and len(word) > len(suffix) + 2:
                return snowball(word[: -len(suffix)]) + suffix
        return snowball(word)

    return stem, _FUNCTION_WORDS - _NEGATIONS


@functools.lru_cache(maxsize=4096)
def content_words(text: str) -> frozenset[str]:
    """The stems of a text's content words: function words go, negations stay, numbers are read
    alike whether written in digits or in words.

    >>> sorted(content_words("The trees aren't cooling the streets."))
    ['cool', 'not', 'street', 'tree']
    >>> content_words("9 hours") == content_words("nine hours")
    True
    >>> sorted(content_words("Students use useful phones"))
    ['phone', 'student', 'use', 'useful']
    """
    from argmap.analysis.lint import terms

    stem, stop = _word_tools()
    text = _CANNOT.sub("can not", _NOT.sub(" not", text))
    return frozenset(terms(_numbers_as_words(text), stem, stop, {}))


def jaccard(first: frozenset[Any], second: frozenset[Any]) -> float:
    """Members in both over members in either; 0 when both are empty."""
    union = len(first | second)
    return len(first & second) / union if union else 0.0


def text_similarity(first: str, second: str) -> float:
    """The Jaccard index of two texts' content words (see :func:`content_words`).

    >>> round(text_similarity("Fares barely cover the cost of collecting them.",
    ...                       "Bus fares hardly cover what collecting them costs."), 2)
    0.57
    """
    return jaccard(content_words(first), content_words(second))


class Vocabulary:
    """Word weights taken from a key: a word most of the key's claims use (the topic's noun:
    "bus", "phone") tells claims apart less than a word only one claim uses, so it weighs less.

    A word's weight is ``log(1 + N / n)``, where ``N`` is the number of documents (the key's
    claims, each with its wordings and quotes) and ``n`` the number that use the word; a word no
    claim of the key uses weighs as one that a single claim uses.
    """

    def __init__(self, documents: Iterable[Iterable[str]]) -> None:
        counts: Counter[str] = Counter()
        total = 0
        for texts in documents:
            total += 1
            counts.update(frozenset().union(*(content_words(text) for text in texts)))
        self.size = max(total, 1)
        self.weights: Mapping[str, float] = {word: math.log(1 + self.size / n) for word, n in counts.items()}
        self.rare = math.log(1 + self.size)
        """The weight of a word no document uses."""

    def weight(self, words: Iterable[str]) -> float:
        """The summed weight of some words."""
        return sum(self.weights.get(word, self.rare) for word in words)

    def similarity(self, first: str, second: str) -> float:
        """How alike two texts are, 0 to 1: the weight of their shared content words over the
        geometric mean of each text's weight (a weighted Ochiai coefficient).

        >>> v = Vocabulary([["Free buses cut traffic."], ["Buses are slow."], ["Buses cost money."]])
        >>> v.similarity("Buses are cheap.", "Buses cost money.") < v.similarity("Fares cost money.", "Buses cost money.")
        True
        """
        mine, theirs = content_words(first), content_words(second)
        shared = self.weight(mine & theirs)
        if not shared:
            return 0.0
        return shared / math.sqrt(self.weight(mine) * self.weight(theirs))
