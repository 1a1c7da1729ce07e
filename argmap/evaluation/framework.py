"""The map read as a Dung framework (docs/evaluation.md, "From a map to a framework").

Arguments, for a map with judgements:

- ``claim c`` for every claim;
- ``inference i`` for every inference;
- ``fails c`` for every claim used as a premise: attacked by ``claim c`` alone, it
  attacks every inference that needs ``c``, so an inference is ``in`` only when all
  its premises are;
- ``unsupported c`` for a claim that has reasons and no verdict: attacked by each
  of its support inferences, it attacks ``claim c``, so the claim needs one of its
  reasons ``in``;
- ``rejected c`` (unattacked) and ``doubted c`` (attacking itself) for a claim
  the reader rejects or doubts: each attacks ``claim c``.

An attack inference attacks its target claim; an undercut attacks the inference
it names.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

import attrs

from argmap.analysis.argument_map import ArgumentMap
from argmap.core.model import LinkType

from .verdicts import Judgement, Verdict

__all__ = ["Framework", "Node", "build"]


class Node(enum.Enum):
    """What an argument of the framework stands for."""

    CLAIM = "claim"
    INFERENCE = "inference"
    FAILS = "fails"
    UNSUPPORTED = "unsupported"
    REJECTED = "rejected"
    DOUBTED = "doubted"


@attrs.frozen(eq=False)
class Framework:
    """A Dung framework built from a map: numbered arguments and who attacks whom."""

    nodes: tuple[tuple[Node, str | int], ...]
    """For each argument: what it stands for, and the claim id or inference index."""
    attackers: tuple[tuple[int, ...], ...]
    targets: tuple[tuple[int, ...], ...]
    claim: Mapping[str, int]
    """The argument of each claim."""
    inference: tuple[int, ...]
    """The argument of each inference, by index."""
    reader: Mapping[str, int]
    """The ``rejected`` or ``doubted`` argument of each claim the reader rejects or doubts."""
    unsupported: Mapping[str, int]
    """The ``unsupported`` argument of each claim that needs a reason."""


def build(amap: ArgumentMap, judgements: Mapping[str, Judgement]) -> Framework:
    """The framework of a map under the reader's judgements."""
    claims = amap.claims
    inferences = amap.inferences
    nodes: list[tuple[Node, str | int]] = [(Node.CLAIM, c.id) for c in claims]
    nodes += [(Node.INFERENCE, i.index) for i in inferences]
    attackers: list[list[int]] = [[] for _ in nodes]
    claim = {c.id: number for number, c in enumerate(claims)}
    inference = tuple(range(len(claims), len(nodes)))

    def add(kind: Node, ref: str | int) -> int:
        nodes.append((kind, ref))
        attackers.append([])
        return len(nodes) - 1

    reader: dict[str, int] = {}
    unsupported: dict[str, int] = {}
    fails: dict[str, int] = {}
    for claim_id, judgement in judgements.items():
        if judgement.verdict is Verdict.REJECT:
            reader[claim_id] = add(Node.REJECTED, claim_id)
            attackers[claim[claim_id]].append(reader[claim_id])
        elif judgement.verdict is Verdict.DOUBT:
            node = reader[claim_id] = add(Node.DOUBTED, claim_id)
            attackers[node].append(node)
            attackers[claim[claim_id]].append(node)
    attack = LinkType.ATTACK
    for inf in inferences:
        node = inference[inf.index]
        mine = attackers[node]
        for premise in inf.premises:
            failing = fails.get(premise)
            if failing is None:
                failing = fails[premise] = add(Node.FAILS, premise)
                attackers[failing].append(claim[premise])
            mine.append(failing)
        if inf.target_inference is not None:  # an undercut (only an attack can name an inference: G015)
            attackers[inference[inf.target_inference]].append(node)
            continue
        target = inf.target
        assert target is not None
        if inf.type is attack:
            attackers[claim[target]].append(node)
        elif judgements[target].verdict is None:
            needs = unsupported.get(target)
            if needs is None:
                needs = unsupported[target] = add(Node.UNSUPPORTED, target)
                attackers[claim[target]].append(needs)
            attackers[needs].append(node)
    frozen_attackers = tuple(tuple(sources) for sources in attackers)
    targets: list[list[int]] = [[] for _ in nodes]
    for attacked, sources in enumerate(frozen_attackers):
        for source in sources:
            targets[source].append(attacked)
    return Framework(
        nodes=tuple(nodes),
        attackers=frozen_attackers,
        targets=tuple(tuple(t) for t in targets),
        claim=claim,
        inference=inference,
        reader=reader,
        unsupported=unsupported,
    )
