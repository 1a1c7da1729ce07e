"""What says that a student's claim is a key claim, pair by pair: the same id, quotes of the same
passage, alike wording. (Where the claims stand in their maps is :mod:`~argmap.teaching.structure`.)
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING

import attrs

from argmap.analysis.argument_map import ArgumentMap
from argmap.core.model import Claim
from argmap.language.schema import is_id, split_alternatives

from .similarity import Vocabulary, text_similarity

if TYPE_CHECKING:
    from argmap.analysis.grounding import SourceIndex

__all__ = ["ID_FLOOR", "KeyTexts", "PairEvidence", "Texts", "alternatives", "key_texts", "quote_offsets", "quote_overlap"]

ID_FLOOR = 0.2
"""A same-id pair whose texts are less alike than this is not taken to be one claim by its id."""


@attrs.frozen
class PairEvidence:
    """The evidence, each 0 to 1, that one student claim is one key claim (its place in the map aside)."""

    id: float
    """1 for the key claim's id or an id its ``alt:`` lists, unless the two texts plainly differ."""
    quote: float
    """How much the two quotes share (see :func:`quote_overlap`)."""
    wording: float
    """How alike the texts are (the key's text, its ``alt:`` wordings and its quotes)."""
    apart: bool
    """Both quote the source, in passages that do not overlap: evidence that they differ."""

    @property
    def best(self) -> float:
        """The strongest of the three."""
        return max(self.id, self.quote, self.wording)


def alternatives(claim: Claim) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A key claim's ``alt:`` items as (ids, wordings)."""
    prop = claim.get("alt")
    if prop is None:
        return (), ()
    items = split_alternatives(prop.value)
    return tuple(item for item in items if is_id(item)), tuple(item for item in items if not is_id(item))


@functools.lru_cache(maxsize=8)
def _index(source: str) -> SourceIndex:
    """A source text prepared once for all the quotes of a class."""
    from argmap.analysis.grounding import SourceIndex

    return SourceIndex(source, remember=True)


def quote_offsets(amap: ArgumentMap, source: str) -> dict[str, frozenset[int]]:
    """Claim id → the character offsets of its quotes in ``source`` (an ellipsis's gaps left out)."""
    found: dict[str, frozenset[int]] = {}
    grounding = amap.grounding
    same_source = grounding is not None and grounding.text == source
    for claim in amap.claims:
        offsets: set[int] = set()
        if same_source and grounding is not None and claim.id in grounding.passages:
            for match in grounding.passages[claim.id]:
                offsets.update(range(match.start, match.end))
                for start, end in match.gaps:
                    offsets.difference_update(range(start, end))
        else:
            properties = claim.properties
            for n, prop in enumerate(properties):
                if prop.key != "quote" or not prop.value.strip():
                    continue
                # An occurrence: applies to the quote above it.
                after = properties[n + 1] if n + 1 < len(properties) else None
                value = after.value.strip() if after is not None and after.key == "occurrence" else "1"
                occurrence = int(value) if value.isdigit() else 1
                places = _index(source).find(prop.value)
                if places:
                    place = places[occurrence - 1] if 1 <= occurrence <= len(places) else places[0]
                    offsets.update(range(place.start, place.end))
        if offsets:
            found[claim.id] = frozenset(offsets)
    return found


def quote_overlap(key_quote: frozenset[int], student_quote: frozenset[int]) -> float:
    """How much two quotes share: the mean of the share of the student's quote that lies in the
    key's and the share of the key's quote the student quoted. Quoting half of the key's passage
    and nothing else scores 0.75; the same passage 1; passages that do not touch 0.

    >>> quote_overlap(frozenset(range(0, 100)), frozenset(range(50, 100)))
    0.75
    """
    shared = len(key_quote & student_quote)
    if not shared:
        return 0.0
    return (shared / len(student_quote) + shared / len(key_quote)) / 2


@attrs.frozen(eq=False)
class KeyTexts:
    """What evidence needs of a key, worked out once for a class: its quotes' places in its source,
    its claims' wordings (text, ``alt:`` wordings, quotes) and the weights of their words."""

    source: str | None
    quotes: Mapping[str, frozenset[int]]
    wordings: Mapping[str, tuple[str, ...]]
    vocabulary: Vocabulary


@functools.lru_cache(maxsize=8)
def key_texts(key: ArgumentMap) -> KeyTexts:
    """The key's :class:`KeyTexts` (remembered for the few keys of a run)."""
    source = key.grounding.text if key.grounding is not None else None
    wordings: dict[str, tuple[str, ...]] = {}
    for claim in key.claims:
        passages = tuple(p.value for p in claim.properties if p.key == "quote" and p.value.strip())
        wordings[claim.id] = (claim.text, *alternatives(claim)[1], *passages)
    places = quote_offsets(key, source) if source is not None else {}
    return KeyTexts(source, places, wordings, Vocabulary(wordings.values()))


class Texts:
    """The evidence of every pair of a student map's claims and a key's claims."""

    def __init__(self, student: ArgumentMap, key: ArgumentMap) -> None:
        self.student = student
        self.key = key
        known = key_texts(key)
        self.key_quotes = known.quotes
        self.student_quotes = quote_offsets(student, known.source) if known.source is not None else {}
        self.wordings = known.wordings
        self.vocabulary = known.vocabulary

    def pair(self, key_claim: Claim, student_claim: Claim) -> PairEvidence:
        """The evidence that ``student_claim`` is ``key_claim``."""
        wording = max(self.vocabulary.similarity(text, student_claim.text) for text in self.wordings[key_claim.id])
        mine, theirs = self.key_quotes.get(key_claim.id), self.student_quotes.get(student_claim.id)
        quote = quote_overlap(mine, theirs) if mine is not None and theirs is not None else 0.0
        apart = mine is not None and theirs is not None and quote == 0.0
        # The key's own id may be a student's "p1" for anything; an id the teacher lists in alt: is meant.
        same_id = student_claim.id == key_claim.id and not _plainly_different(key_claim, student_claim, wording, apart)
        alt_id = student_claim.id in alternatives(key_claim)[0]
        return PairEvidence(
            id=1.0 if same_id or alt_id else 0.0,
            quote=quote,
            wording=wording,
            apart=apart,
        )

    def table(self) -> Mapping[tuple[str, str], PairEvidence]:
        """(key id, student id) → the evidence, for every pair."""
        return {
            (k.id, s.id): self.pair(k, s) for k in self.key.claims for s in self.student.claims
        }


def _plainly_different(key_claim: Claim, student_claim: Claim, wording: float, apart: bool) -> bool:
    """A same-id pair that is two different claims: quotes of different passages and unlike texts,
    or texts that share almost nothing (students reuse ids such as ``p1`` for anything)."""
    alike = max(wording, text_similarity(key_claim.text, student_claim.text))
    return (apart and alike < 0.5) or alike < ID_FLOOR
