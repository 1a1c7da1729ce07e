"""Where a claim stands in its map, as evidence for an alignment: a student claim that supports
the claim the key's claim supports, with the partner the key's claim has, is likely that claim,
whatever its words.

Each claim has **relations**: one for each inference it is a premise of (its type, its target, its
linked partners) and one for each inference aimed at it (the type and the premises). Given a
tentative alignment, a key claim's relations are compared with a student claim's:
:func:`agreement` is the share of them that agree, counting the main conclusion's place as one
more relation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from argmap.analysis.argument_map import ArgumentMap, Inference
from argmap.core.model import ClaimKind, LinkType

__all__ = ["Relation", "agreement", "relations"]


@attrs.frozen
class Relation:
    """One way a claim is tied into its map."""

    outgoing: bool
    """True: the claim is a premise of the inference; False: the inference is aimed at it."""
    type: LinkType
    ends: frozenset[str]
    """Outgoing: the target claim (for an undercut, the target of the step it attacks);
    incoming: the premises."""
    partners: frozenset[str]
    """Outgoing: the claim's linked co-premises (empty for a reason that stands alone)."""
    undercut: bool = False
    """Outgoing at an inference rather than a claim."""


def _target(amap: ArgumentMap, inference: Inference) -> str | None:
    """The claim an inference is aimed at; for an undercut, the claim of the step it attacks."""
    seen = 0
    while inference.target is None and inference.target_inference is not None and seen < len(amap.inferences):
        inference = amap.inferences[inference.target_inference]
        seen += 1
    return inference.target


def relations(amap: ArgumentMap) -> dict[str, tuple[Relation, ...]]:
    """Each claim's relations, in the order of the map's inferences."""
    found: dict[str, list[Relation]] = {claim.id: [] for claim in amap.claims}
    for inference in amap.inferences:
        target = _target(amap, inference)
        if target is None:
            continue
        premises = frozenset(inference.premises)
        for premise in inference.premises:
            found.setdefault(premise, []).append(
                Relation(True, inference.type, frozenset({target}), premises - {premise}, inference.is_undercut)
            )
        if inference.target is not None:
            found.setdefault(inference.target, []).append(Relation(False, inference.type, premises, frozenset()))
    return {claim: tuple(items) for claim, items in found.items()}


def _fits(mine: Relation, theirs: Relation, translate: Mapping[str, str]) -> float:
    """How well a student's relation (``theirs``) fits a key claim's (``mine``), 0 to 1."""
    if mine.outgoing != theirs.outgoing or mine.type is not theirs.type or mine.undercut != theirs.undercut:
        return 0.0
    ends = {translate[end] for end in theirs.ends if end in translate}
    if mine.outgoing:
        if not mine.ends <= ends:
            return 0.0
        partners = {translate[p] for p in theirs.partners if p in translate}
        if not mine.partners and not theirs.partners:
            return 1.0
        union = len(mine.partners | partners) or 1
        # Right target, other partners: half (the student may have drawn a linked pair apart).
        return 0.5 + 0.5 * len(mine.partners & partners) / union
    shared = len(mine.ends & ends)
    return shared / max(len(mine.ends), len(theirs.ends)) if shared else 0.0


def agreement(
    key: ArgumentMap,
    student: ArgumentMap,
    key_claim: str,
    student_claim: str,
    key_relations: Sequence[Relation],
    student_relations: Sequence[Relation],
    translate: Mapping[str, str],
    absent: frozenset[str] = frozenset(),
) -> float:
    """How far a student claim stands where a key claim stands, 0 to 1, under the tentative
    alignment ``translate`` (student id → key id): the share of relations that agree, with the
    main conclusion's place and an unstated assumption's kind each counted as a relation.
    Optional key claims in ``absent`` (the student has none of them) are taken out of the key's
    relations first: leaving them out is no disagreement; a relation to key claims the student has
    none of counts half."""
    mine = [
        attrs.evolve(relation, ends=relation.ends - absent, partners=relation.partners - absent)
        for relation in key_relations
        if relation.ends - absent
    ]
    # A relation to key claims the student's map has none of (as far as the alignment goes) cannot
    # agree, but says little against the pair either: it counts half.
    present = set(translate.values())
    weight = sum(1.0 if relation.ends & present else 0.5 for relation in mine)
    score = 0.0
    count = max(weight, len(student_relations))
    if key_claim == key.main or student_claim == student.main:
        count += 1
        score += 1.0 if key_claim == key.main and student_claim == student.main else 0.0
    mine_kind, theirs_kind = key.by_id[key_claim].kind, student.by_id[student_claim].kind
    if ClaimKind.ASSUMPTION in (mine_kind, theirs_kind):
        count += 1
        score += 0.5 if mine_kind is theirs_kind else 0.0
    for relation in mine:
        score += max((_fits(relation, theirs, translate) for theirs in student_relations), default=0.0)
    return min(1.0, score / count) if count else 0.0
