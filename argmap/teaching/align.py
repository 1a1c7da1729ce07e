"""Aligning the student's claims with the key's: by id, by quote, by wording.

See :mod:`argmap.teaching.compare` for the passes, as teachers read them in docs/teaching.md.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping

import attrs

from argmap.analysis.argument_map import ArgumentMap
from argmap.core.model import Claim
from argmap.language.schema import is_id, split_alternatives

from .rubric import DEFAULT_RUBRIC, TEXT_SIMILARITY, Rubric
from .similarity import jaccard, text_similarity
from .steps import STUDENT

__all__ = ["ID_FLOOR", "Match", "Method", "align", "alternatives", "translation"]

ID_FLOOR = 0.2
"""A same-id pair whose texts share less than this share of content words is not aligned by id."""


class Method(enum.Enum):
    """How a student's claim was aligned with a key claim."""

    ID = "id"
    ALT_ID = "alt id"
    QUOTE = "quote"
    TEXT = "wording"


@attrs.frozen
class Match:
    """A student claim taken to be a key claim."""

    key: str
    student: str
    method: Method
    score: float
    """1 for an id; the Jaccard index of the quotes or of the words otherwise."""

    @property
    def review(self) -> bool:
        """True when a teacher should look at it: it was matched by wording only."""
        return self.method is Method.TEXT


def _quote_offsets(amap: ArgumentMap, source: str) -> dict[str, frozenset[int]]:
    """Claim id → the character offsets of its quote in ``source`` (an ellipsis's gaps left out)."""
    from argmap.analysis.grounding import find_quote

    found: dict[str, frozenset[int]] = {}
    grounding = amap.grounding
    same_source = grounding is not None and grounding.text == source
    for claim in amap.claims:
        if same_source and grounding is not None and claim.id in grounding.matches:
            match = grounding.matches[claim.id]
            offsets = set(range(match.start, match.end))
            for start, end in match.gaps:
                offsets.difference_update(range(start, end))
            found[claim.id] = frozenset(offsets)
            continue
        quote = claim.get("quote")
        if quote is None or not quote.value.strip():
            continue
        matches = find_quote(source, quote.value)
        occurrence = claim.get("occurrence")
        number = int(occurrence.value) if occurrence is not None and occurrence.value.strip().isdigit() else 1
        if 1 <= number <= len(matches):
            start, end = matches[number - 1]
            found[claim.id] = frozenset(range(start, end))
    return found


def alternatives(claim: Claim) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A key claim's ``alt:`` items as (ids, wordings)."""
    prop = claim.get("alt")
    if prop is None:
        return (), ()
    items = split_alternatives(prop.value)
    return tuple(item for item in items if is_id(item)), tuple(item for item in items if not is_id(item))


def align(student: ArgumentMap, key: ArgumentMap, rubric: Rubric = DEFAULT_RUBRIC) -> tuple[Match, ...]:
    """The student's claims aligned with the key's, in key order (see the module's docstring)."""
    source = key.grounding.text if key.grounding is not None else None
    key_quotes = _quote_offsets(key, source) if source is not None else {}
    student_quotes = _quote_offsets(student, source) if source is not None else {}
    key_order = {claim.id: n for n, claim in enumerate(key.claims)}
    student_order = {claim.id: n for n, claim in enumerate(student.claims)}
    matched: dict[str, Match] = {}
    taken: set[str] = set()

    def take(candidates: Iterable[tuple[float, str, str]], method: Method) -> None:
        for score, key_id, student_id in sorted(
            candidates, key=lambda c: (-c[0], key_order[c[1]], student_order[c[2]])
        ):
            if key_id not in matched and student_id not in taken:
                matched[key_id] = Match(key_id, student_id, method, round(score, 4))
                taken.add(student_id)

    # 1. ids: the key's own ids first, then the ids its alt: properties list.
    for claim in key.claims:
        mine = student.by_id.get(claim.id)
        if mine is not None and not _plainly_different(claim, mine, key_quotes, student_quotes):
            matched[claim.id] = Match(claim.id, mine.id, Method.ID, 1.0)
            taken.add(mine.id)
    for claim in key.claims:
        if claim.id in matched:
            continue
        for alt_id in alternatives(claim)[0]:
            if alt_id in student.by_id and alt_id not in taken:
                matched[claim.id] = Match(claim.id, alt_id, Method.ALT_ID, 1.0)
                taken.add(alt_id)
                break
    # 2. quotes in the key's source text.
    take(
        (
            (score, k.id, s.id)
            for k in key.claims
            if k.id not in matched and k.id in key_quotes
            for s in student.claims
            if s.id not in taken and s.id in student_quotes
            for score in (jaccard(key_quotes[k.id], student_quotes[s.id]),)
            if score >= rubric.quote_overlap
        ),
        Method.QUOTE,
    )
    # 3. wording: the key's text and its alt: wordings.
    take(
        (
            (score, k.id, s.id)
            for k in key.claims
            if k.id not in matched
            for s in student.claims
            if s.id not in taken
            for score in (max(text_similarity(text, s.text) for text in (k.text, *alternatives(k)[1])),)
            if score >= rubric.text_similarity
        ),
        Method.TEXT,
    )
    return tuple(matched[claim.id] for claim in key.claims if claim.id in matched)


def _plainly_different(
    key_claim: Claim,
    student_claim: Claim,
    key_quotes: Mapping[str, frozenset[int]],
    student_quotes: Mapping[str, frozenset[int]],
) -> bool:
    """A same-id pair that is two different claims (see :func:`align`)."""
    similarity = text_similarity(key_claim.text, student_claim.text)
    mine, theirs = key_quotes.get(key_claim.id), student_quotes.get(student_claim.id)
    if mine is not None and theirs is not None and not (mine & theirs) and similarity < TEXT_SIMILARITY:
        return True
    return similarity < ID_FLOOR


def translation(student: ArgumentMap, matches: Iterable[Match]) -> dict[str, str]:
    """Student claim id → key id, or ``student:ID`` for a claim the key does not have."""
    table = {claim.id: STUDENT + claim.id for claim in student.claims}
    table.update({match.student: match.key for match in matches})
    return table
