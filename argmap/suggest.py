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
        pool = heapq.nlargest(SHORTLIST, pool, key=lambda candidate: len(pairs.intersection(_pairs(candidate))))
    matches = difflib.get_close_matches(word, pool, n=1, cutoff=cutoff)
    return matches[0] if matches else None


def _pairs(word: str) -> set[str]:
    """The word's pairs of adjacent characters, with its first and last character marked."""
    padded = f"\0{word}\0"
    return {padded[i : i + 2] for i in range(len(padded) - 1)}
