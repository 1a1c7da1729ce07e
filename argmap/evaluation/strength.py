"""Gradual strengths: DF-QuAD (Rago, Toni, Aurisicchio and Baroni, KR 2016) on the map.

Each claim has a base score (the reader's credence, or what its verdict or the
defaults give: :mod:`argmap.evaluation.verdicts`). Its strength combines the
base score with the strengths of its supporters and attackers, each side
aggregated with the probabilistic sum ``1 - Π(1 - v)``:

    σ = τ - τ·(va - vs)        when va ≥ vs
    σ = τ + (1 - τ)·(vs - va)  when va < vs

An inference is as strong as its premises taken together (their product: the
conjunction that matches the probabilistic sum), times what its undercuts leave
of it, ``Π(1 - u)`` over their strengths (DF-QuAD with the premises' product as
base score and the undercuts as attackers); what it passes on is that strength
times the link's ``weight`` (1 by default). A claim whose verdict replaces its
reasons ignores its supporters. The map's support is acyclic, so strengths are
computed upstream first; a cycle of attack is solved by iterating to a fixed
point from the base scores, within :data:`MAX_ITERATIONS`, with the averaged
step ``v ← (v + F(v)) / 2`` (Krasnoselskii–Mann): it has the same fixed points
as ``v ← F(v)`` but settles where that one swings for ever (an even cycle of
attack, from full base scores, swings between 0 and 1). A cycle whose
strengths are still further than :data:`TOLERANCE` from a fixed point by then
is reported: some cycles have a whole range of fixed points, and drift.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from argmap.analysis.argument_map import ArgumentMap
from argmap.core.model import LinkType

from .graphs import components
from .verdicts import Judgement

__all__ = ["MAX_ITERATIONS", "TOLERANCE", "Strengths", "combine", "dfquad"]

MAX_ITERATIONS = 1000
"""At most this many rounds of updates for one cycle of the map."""
TOLERANCE = 1e-9
"""A cycle has settled when no strength in it is further than this from what its update gives."""


@attrs.frozen
class Strengths:
    """The strength of every claim and inference, and the cycles that did not settle."""

    claims: Mapping[str, float]
    inferences: tuple[float, ...]
    """By inference index: the inference's own strength (before its link's weight)."""
    unsettled: tuple[tuple[str, ...], ...] = ()
    """The claims of each cycle whose strengths were still moving after :data:`MAX_ITERATIONS` rounds."""
    rounds: int = 0
    """The most rounds any cycle needed."""


def combine(base: float, attack: float, support: float) -> float:
    """DF-QuAD's combination of a base score with aggregated attack and support (Rago et al. 2016, Def. 2).

    >>> combine(0.5, 0.0, 1.0), round(combine(0.5, 0.8, 0.0), 9), combine(0.4, 0.3, 0.3)
    (1.0, 0.1, 0.4)
    """
    if attack >= support:
        return base - base * (attack - support)
    return base + (1.0 - base) * (support - attack)


def dfquad(amap: ArgumentMap, judgements: Mapping[str, Judgement], weights: Sequence[float]) -> Strengths:
    """The strengths of a map under the reader's judgements and the links' weights."""
    n_claims = len(amap.claims)
    ids = [claim.id for claim in amap.claims]
    number = {claim_id: position for position, claim_id in enumerate(ids)}
    base = [judgements[claim_id].base for claim_id in ids]
    # Nodes: claims 0 … n_claims-1, then inferences. For each: the nodes it is computed from.
    premises: list[list[int]] = [[] for _ in range(n_claims)]
    attacking: list[list[int]] = [[] for _ in range(n_claims)]
    supporting: list[list[int]] = [[] for _ in range(n_claims)]
    for inference in amap.inferences:
        node = n_claims + inference.index
        premises.append([number[p] for p in inference.premises])
        attacking.append([])
        supporting.append([])
        if inference.target is not None:
            target = number[inference.target]
            if inference.type is LinkType.ATTACK:
                attacking[target].append(node)
            elif not judgements[inference.target].replaces_reasons:
                supporting[target].append(node)
        else:  # an undercut (a support cannot point at an inference: G015)
            assert inference.target_inference is not None
            attacking[n_claims + inference.target_inference].append(node)
    total = len(premises)
    weight = [1.0] * n_claims + list(weights)
    value = base + [1.0] * len(amap.inferences)
    passed = list(value)
    """What each node passes on: its strength times its link's weight."""

    def update(node: int) -> float:
        attack = 1.0
        for source in attacking[node]:
            attack *= 1.0 - passed[source]
        support = 1.0
        for source in supporting[node]:
            support *= 1.0 - passed[source]
        if node < n_claims:
            return combine(base[node], 1.0 - attack, 1.0 - support)
        together = 1.0
        for premise in premises[node]:
            together *= value[premise]
        return together * attack

    successors: list[list[int]] = [[] for _ in range(total)]
    for node in range(total):
        for group in (premises[node], attacking[node], supporting[node]):
            for source in group:
                successors[source].append(node)
    _, order = components(successors)
    unsettled = []
    most = 0
    for members in order:
        if len(members) == 1 and members[0] not in successors[members[0]]:
            node = members[0]
            value[node] = result = update(node)
            passed[node] = result * weight[node]
            continue
        rounds, settled = 0, False
        while rounds < MAX_ITERATIONS and not settled:
            rounds += 1
            moves = [update(node) - value[node] for node in members]
            settled = max(map(abs, moves)) <= TOLERANCE  # a fixed point: F(v) = v
            new = [value[node] + move / 2 for node, move in zip(members, moves, strict=True)]
            for node, result in zip(members, new, strict=True):
                value[node] = result
                passed[node] = result * weight[node]
        most = max(most, rounds)
        if not settled:
            unsettled.append(tuple(ids[node] for node in members if node < n_claims))
    return Strengths(
        claims=dict(zip(ids, value[:n_claims], strict=True)),
        inferences=tuple(value[n_claims:]),
        unsettled=tuple(unsettled),
        rounds=most,
    )
