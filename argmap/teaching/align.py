"""Aligning the student's claims with the key's: one global assignment over all the evidence.

For every pair of a key claim and a student claim the evidence (:mod:`~argmap.teaching.evidence`)
is the strongest of: the same id (or an id the key's ``alt:`` lists), quotes of the same passage
(containment counts: half of the key's passage is a match), and alike wording (weighted content
words; the key's ``alt:`` wordings and quotes count as its words). The place in the map
(:mod:`~argmap.teaching.structure`) adds to it: a claim that supports what the key claim supports,
with the same partner, is likely the same claim even in other words.

The rounds: assign on the evidence alone (the Hungarian algorithm: the best total, so no pair
wins a tie by coming first); then, a few times, score every pair's place under that alignment,
combine and assign again. A pair is taken when its combined score reaches ``accept``. An optional
key claim's scores are lowered by :data:`OPTIONAL_DISCOUNT`, so it never takes a claim a required
one could have. A teacher's confirmations (:mod:`~argmap.teaching.confirmations`) are fixed first.

Every match has a **confidence**: its score, less when another pairing came close. A match whose
confidence is under ``confirm_below`` is listed for the teacher to confirm.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping

import attrs

from argmap.analysis.argument_map import ArgumentMap

from .assignment import best_assignment
from .evidence import PairEvidence, Texts
from .kinds import is_optional
from .rubric import DEFAULT_RUBRIC, Rubric
from .steps import STUDENT
from .structure import agreement, relations

__all__ = ["OPTIONAL_DISCOUNT", "Alignment", "Match", "Method", "align", "translation"]

OPTIONAL_DISCOUNT = 0.1
"""How much lower an optional key claim's scores count in the assignment than a required one's."""
ROUNDS = 4
"""Rounds of scoring places and assigning again (it usually settles in two)."""
TENTATIVE = 0.15
"""The least score of a pair in the tentative alignments the places are scored under: weak pairs
count there, so that a map in the student's own words can be pieced together from its places."""
POSSIBLE = 0.25
"""A left-over student claim scoring this much for a left-over key claim may be it: feedback does
not tell the student the key claim is missing (see :attr:`Alignment.possible`)."""
WORDLESS = 0.08
"""Evidence of the words under this is none: such a pair is taken only for a clear place in the
map, and always listed for the teacher to confirm."""
_APART = 0.6
"""The factor on the score of two claims that quote different passages."""


class Method(enum.Enum):
    """What mostly made a student's claim be taken for a key claim."""

    ID = "id"
    ALT_ID = "alt id"
    QUOTE = "quote"
    TEXT = "wording"
    PLACE = "place in the map"
    CONFIRMED = "confirmed"
    """A teacher confirmed it."""


@attrs.frozen
class Match:
    """A student claim taken to be a key claim."""

    key: str
    student: str
    method: Method
    score: float
    """The combined evidence, 0 to 1."""
    confidence: float
    """The score, less when another pairing came close; 1 for a teacher's confirmation."""
    review: bool
    """True when a teacher should confirm it (confidence under the rubric's ``confirm_below``)."""
    quote: float = 0.0
    wording: float = 0.0
    place: float = 0.0
    """The evidence of each kind, for the teacher's report."""


@attrs.frozen
class Alignment:
    """The matches, and what the feedback must not take for granted."""

    matches: tuple[Match, ...]
    """In key order."""
    possible: Mapping[str, tuple[str, ...]]
    """A key claim nothing was matched with → the student claims that may say it: left over ones
    with some evidence, or a box matched with another key claim that quotes or words this one too
    (two claims in one box)."""


class _Scores:
    """The evidence of every pair, and the combined scores of one round."""

    def __init__(self, student: ArgumentMap, key: ArgumentMap, rubric: Rubric) -> None:
        self.student, self.key, self.rubric = student, key, rubric
        self.base: Mapping[tuple[str, str], PairEvidence] = Texts(student, key).table()
        self.key_relations = relations(key)
        self.student_relations = relations(student)
        self.optional = {claim.id for claim in key.claims if is_optional(claim.properties)}
        self.place: dict[tuple[str, str], float] = {}

    def combined(self, pair: tuple[str, str]) -> float:
        evidence = self.base[pair]
        best = evidence.best
        # Half the relations agreeing is no evidence (a thesis is a thesis, a reason supports
        # something): only agreement beyond that adds.
        place = max(0.0, 2 * self.place.get(pair, 0.0) - 1)
        score = best + (1 - best) * self.rubric.structure * place
        if evidence.apart and not evidence.id:
            score *= _APART
        return score

    def eligible(self, pair: tuple[str, str]) -> bool:
        """Enough evidence of the claim itself, or a place in the map that leaves no doubt: most of
        two or more relations agree (one shared target alone says little)."""
        if self.base[pair].best >= WORDLESS:
            return True
        return self.place.get(pair, 0.0) >= 0.75 and len(self.key_relations[pair[0]]) >= 2

    def rescore_places(self, translate: Mapping[str, str]) -> None:
        """Score every pair's place under the alignment ``translate`` (student id → key id).

        A place several key claims share says less about which of them a student claim is: a claim
        that supports the main conclusion on its own fits every separate reason for it. So a pair's
        agreement is lowered by what the student claim's best fit among the other key claims has
        beyond half: two places it fits as well tell nothing, one it fits better still tells."""
        absent = frozenset(self.optional - set(translate.values()))
        raw = {
            (k, s): agreement(
                self.key, self.student, k, s, self.key_relations[k], self.student_relations[s], translate, absent
            )
            for k, s in self.base
        }
        best: dict[str, list[float]] = {}
        for (k, s), value in raw.items():
            if k not in absent:
                best.setdefault(s, []).append(value)
        for values in best.values():
            values.sort(reverse=True)

        def rival(k: str, s: str, value: float) -> float:
            values = best.get(s, [])
            # The best fit among the others: the second best if this pair is the best, else the best
            # (for an optional claim the student has none of, the best of the others).
            alone = k not in absent and values and values[0] == value
            other = (values[1] if len(values) > 1 else 0.0) if alone else values[0] if values else 0.0
            return max(0.0, other - 0.5)

        self.place = {(k, s): max(0.0, value - rival(k, s, value)) for (k, s), value in raw.items()}

    def assign(
        self, keys: list[str], students: list[str], floor: float, use_place: bool
    ) -> dict[str, str]:
        """Student id → key id: the best total over pairs scoring at least ``floor``."""

        def benefit(k: str, s: str) -> float:
            pair = (k, s)
            score = self.combined(pair) if use_place else self.base[pair].best
            if score < floor or (use_place and not self.eligible(pair)):
                return 0.0
            return score - (OPTIONAL_DISCOUNT if k in self.optional else 0.0) + 1e-9

        matrix = [[benefit(k, s) for s in students] for k in keys]
        return {students[c]: keys[r] for r, c in best_assignment(matrix)}


def align(
    student: ArgumentMap,
    key: ArgumentMap,
    rubric: Rubric = DEFAULT_RUBRIC,
    confirmed: Mapping[str, str | None] | None = None,
) -> Alignment:
    """The student's claims aligned with the key's (see the module's docstring). ``confirmed``
    maps student claim ids to the key claim a teacher says each is (``None``: none of them)."""
    confirmed = {s: k for s, k in (confirmed or {}).items() if s in student.by_id and (k is None or k in key.by_id)}
    fixed = {s: k for s, k in confirmed.items() if k is not None}
    fixed = {s: k for s, k in fixed.items() if list(fixed.values()).count(k) == 1}
    scores = _Scores(student, key, rubric)
    keys = [claim.id for claim in key.claims if claim.id not in fixed.values()]
    students = [claim.id for claim in student.claims if claim.id not in confirmed]

    tentative = scores.assign(keys, students, TENTATIVE, use_place=False)
    for _ in range(ROUNDS):
        scores.rescore_places({**tentative, **fixed})
        following = scores.assign(keys, students, TENTATIVE, use_place=True)
        if following == tentative:
            break
        tentative = following
    found = {k: s for s, k in scores.assign(keys, students, rubric.accept, use_place=True).items()}
    scores.rescore_places({**{s: k for k, s in found.items()}, **fixed})  # the places under the result

    matches: dict[str, Match] = {
        k: Match(k, s, Method.CONFIRMED, 1.0, 1.0, False) for s, k in fixed.items()
    }
    for k, s in found.items():
        pair = (k, s)
        score = scores.combined(pair)
        rivals = [scores.combined((k, other)) for other in students if other != s and scores.eligible((k, other))]
        rivals += [
            scores.combined((other, s)) - (OPTIONAL_DISCOUNT if other in scores.optional else 0.0)
            for other in keys if other != k and scores.eligible((other, s))
        ]
        confidence = min(score, 0.5 + score - max(rivals, default=0.0))
        evidence = scores.base[pair]
        if evidence.best < WORDLESS:  # taken for its place alone: for the teacher to confirm
            confidence = min(confidence, rubric.confirm_below - 0.05)
        matches[k] = Match(
            k, s, _method(evidence, student, k, s, rubric), round(score, 4), round(max(confidence, 0.0), 4),
            confidence < rubric.confirm_below, round(evidence.quote, 4), round(evidence.wording, 4),
            round(scores.place.get(pair, 0.0), 4),
        )
    taken = {m.student: m.key for m in matches.values()}

    def may_be(k: str, s: str) -> bool:
        evidence = scores.base[(k, s)]
        if s in taken:  # a box holding two claims of the key: it quotes this one too, or is worded as much like it
            other = scores.base[(taken[s], s)].wording
            return evidence.quote >= rubric.quote_overlap or evidence.wording >= max(0.45, other - 0.1)
        return scores.combined((k, s)) >= POSSIBLE or evidence.best >= 0.2

    possible = {k: tuple(s for s in students if may_be(k, s)) for k in keys if k not in matches}
    return Alignment(
        matches=tuple(matches[claim.id] for claim in key.claims if claim.id in matches),
        possible={k: found_ for k, found_ in possible.items() if found_},
    )


def _method(evidence: PairEvidence, student: ArgumentMap, key_id: str, student_id: str, rubric: Rubric) -> Method:
    if evidence.id:
        return Method.ID if key_id == student_id else Method.ALT_ID
    if evidence.quote >= rubric.quote_overlap:
        return Method.QUOTE
    if evidence.wording >= rubric.text_similarity:
        return Method.TEXT
    return Method.PLACE


def translation(student: ArgumentMap, matches: Iterable[Match]) -> dict[str, str]:
    """Student claim id → key id, or ``student:ID`` for a claim the key does not have."""
    table = {claim.id: STUDENT + claim.id for claim in student.claims}
    table.update({match.student: match.key for match in matches})
    return table
