"""How alike two claims' wordings are: content words (stemmed, function words dropped, negations kept) and Jaccard indexes."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

__all__ = ["content_words", "jaccard", "text_similarity"]

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


@functools.cache
def _word_tools() -> tuple[Callable[[str], str], frozenset[str]]:
    from argmap.analysis.lint import _stemmer

    return _stemmer(), _FUNCTION_WORDS - _NEGATIONS


@functools.lru_cache(maxsize=4096)
def content_words(text: str) -> frozenset[str]:
    """The stems of a text's content words: function words go, negations stay.

    >>> sorted(content_words("The trees aren't cooling the streets."))
    ['cool', 'not', 'street', 'tree']
    """
    from argmap.analysis.lint import terms

    stem, stop = _word_tools()
    text = _CANNOT.sub("can not", _NOT.sub(" not", text))
    return frozenset(terms(text, stem, stop, {}))


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
