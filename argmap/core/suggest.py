""""Did you mean …?": the known name most like a misspelt one, fast even among 100,000 ids."""

from __future__ import annotations

import heapq
from collections.abc import Iterable

SHORTLIST = 300
"""Beyond this many candidates, difflib compares only the ones sharing most letter pairs."""


def closest(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The candidate most like ``word`` by difflib's ratio, if it reaches ``cutoff``.

    Exactly ``difflib.get_close_matches(word, candidates, n=1, cutoff=cutoff)``
    for up to :data:`SHORTLIST` candidates. With more (the ids of a big map),
    difflib's comparison costs about 10 µs a candidate, so it compares only
    the :data:`SHORTLIST` that share the most letter pairs with ``word``: a
    close match shares most of them.

    >>> closest("gas-suplier", ["gas-supplier", "gas-price", "supply"])
    'gas-supplier'
    >>> closest("xyz", ["gas-supplier"]) is None
    True
    """
    import difflib

    pool = list(candidates)
    if len(pool) > SHORTLIST:
        pairs = _pairs(word)
        # Ties broken by the name itself, so the shortlist does not depend on the order given.
        pool = heapq.nlargest(
            SHORTLIST, pool, key=lambda candidate: (len(pairs.intersection(_pairs(candidate))), candidate)
        )
    matches = difflib.get_close_matches(word, pool, n=1, cutoff=cutoff)
    return matches[0] if matches else None


MAX_GUESSES = 100
"""How many different unknown names of one map a :class:`Guesser` makes a guess for."""


class Guesser:
    """Guesses for the unknown names of one map among its known ones.

    Each unknown name is worked out once, and only the first
    :data:`MAX_GUESSES` different ones get a guess: each compares the name
    with every known one, and a map with thousands of unknown names (renamed,
    say) would take minutes for guesses that would not help.
    """

    def __init__(self, known: Iterable[str], cutoff: float = 0.6) -> None:
        self._known = known
        """Listed at the first guess: a dictionary may still be filling when this is made."""
        self._pool: list[str] | None = None
        self._cutoff = cutoff
        self._guesses: dict[str, str | None] = {}

    def __call__(self, word: str) -> str | None:
        guesses = self._guesses
        if word not in guesses:
            if len(guesses) >= MAX_GUESSES:
                return None
            if self._pool is None:
                self._pool = list(self._known)
            guesses[word] = closest(word, self._pool, self._cutoff)
        return guesses[word]


def _pairs(word: str) -> set[str]:
    """The word's pairs of adjacent characters, with its first and last character marked."""
    padded = f"\0{word}\0"
    return {padded[i : i + 2] for i in range(len(padded) - 1)}
