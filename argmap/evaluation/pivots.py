"""What the main conclusion rests on: the basic claims whose verdict, changed alone, changes its status.

For each basic claim (one nothing supports) the reader has not rejected, what
if it were rejected? For each one rejected or doubted, what if it were
accepted? A claim is *load-bearing* when the answer changes the main
conclusion's status.

Under grounded semantics this is worked out without evaluating the map again
for each claim: changing one verdict can only change what lies downstream of
that claim, and the grounded labelling can be computed one strongly connected
component at a time, upstream first (it is SCC-recursive: Baroni, Giacomin and
Guida, AIJ 2005). So only the components between the claim and the main
conclusion are looked at again, and only while their labels change. Under
preferred semantics each candidate is evaluated in full.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

import attrs

from . import dung
from .framework import build
from .graphs import components
from .semantics import STATUS, Evaluation, Semantics, Status, labels_of
from .verdicts import Judgement, Source, Verdict, supported_claims

__all__ = ["Pivot", "pivots"]


@attrs.frozen
class Pivot:
    """A basic claim whose verdict, changed alone, changes the main conclusion's status."""

    claim: str
    now: Verdict
    then: Verdict
    """The verdict tried: reject for a claim now accepted or doubted, accept for one rejected or doubted."""
    status: Status
    """The main conclusion's status under the changed verdict."""


def pivots(evaluation: Evaluation) -> tuple[Pivot, ...]:
    """The load-bearing basic claims for the main conclusion, in the map's order (none without a main)."""
    amap = evaluation.amap
    main = amap.main
    if main is None or main not in evaluation.framework.claim:
        return ()
    supported = supported_claims(amap)
    fw = evaluation.framework
    main_node = fw.claim[main]
    upstream = _upstream(fw.attackers, main_node)
    now = evaluation.status(main)
    grounded = evaluation.semantics is Semantics.GROUNDED
    if grounded:
        number, order = components(fw.targets)
    found = []
    for claim in amap.claims:
        judgement = evaluation.judgements[claim.id]
        if claim.id == main or claim.id in supported or fw.claim[claim.id] not in upstream:
            continue
        verdict = judgement.verdict or Verdict.ACCEPT
        tries = [Verdict.REJECT] if verdict is Verdict.ACCEPT else [Verdict.ACCEPT]
        if verdict is Verdict.DOUBT:
            tries = [Verdict.REJECT, Verdict.ACCEPT]
        for then in tries:
            if grounded:
                status = STATUS[_relabel(evaluation, number, order, upstream, claim.id, then)]
            else:
                status = _reevaluate(evaluation, claim.id, then)
            if status is not now:
                found.append(Pivot(claim.id, verdict, then, status))
    return tuple(found)


def _upstream(attackers: Sequence[Sequence[int]], node: int) -> set[int]:
    """The arguments from which a path of attacks leads to ``node`` (and ``node``)."""
    seen = {node}
    stack = [node]
    while stack:
        for source in attackers[stack.pop()]:
            if source not in seen:
                seen.add(source)
                stack.append(source)
    return seen


def _relabel(
    evaluation: Evaluation,
    number: list[int],
    order: list[list[int]],
    upstream: set[int],
    claim_id: str,
    then: Verdict,
) -> int:
    """The main conclusion's grounded label when one basic claim's verdict becomes ``then``."""
    fw = evaluation.framework
    old = evaluation.grounded
    start = fw.claim[claim_id]
    dropped = fw.reader.get(claim_id)  # the claim's rejected/doubted argument no longer counts
    extra_in = then is Verdict.REJECT
    new: dict[int, int] = {}
    heap = [number[start]]
    queued = {number[start]}
    attackers, targets = fw.attackers, fw.targets
    push, pop, get = heapq.heappush, heapq.heappop, new.get
    IN, OUT, UNDEC = dung.IN, dung.OUT, dung.UNDEC
    while heap:
        members = order[pop(heap)]
        node = members[0]
        if len(members) == 1 and node not in attackers[node]:
            # the common case: a single argument on no cycle
            label = OUT if extra_in and node == start else IN
            if label == IN:
                for source in attackers[node]:
                    if source == dropped and node == start:
                        continue
                    value = get(source, old[source])
                    if value == IN:
                        label = OUT
                        break
                    if value == UNDEC:
                        label = UNDEC
            labels = {node: label}
        else:
            labels = _grounded_part(members, attackers, old, new, start, dropped, extra_in)
        for node, label in labels.items():
            if label == get(node, old[node]):
                continue
            new[node] = label
            for target in targets[node]:
                part = number[target]
                if part not in queued and target in upstream:
                    queued.add(part)
                    push(heap, part)
    main = fw.claim[evaluation.amap.main or ""]
    return new.get(main, old[main])


def _grounded_part(
    members: list[int],
    attackers: Sequence[Sequence[int]],
    old: Sequence[int],
    new: dict[int, int],
    start: int,
    dropped: int | None,
    extra_in: bool,
) -> dict[int, int]:
    """The grounded labels of one strongly connected component, the labels upstream of it given."""
    inside = set(members)
    labels: dict[int, int] = {}
    alive: dict[int, int] = {}
    internal: dict[int, list[int]] = {}
    queue = []
    for node in members:
        count = 0
        outside_in = extra_in and node == start
        mine = []
        for source in set(attackers[node]):
            if source == dropped and node == start:
                continue
            if source in inside:
                mine.append(source)
                count += 1
                continue
            label = new.get(source, old[source])
            if label == dung.IN:
                outside_in = True
            elif label == dung.UNDEC:
                count += 1  # never goes out
        internal[node] = mine
        alive[node] = count
        if outside_in:
            labels[node] = dung.OUT
        elif count == 0:
            queue.append(node)
    targets: dict[int, list[int]] = {node: [] for node in members}
    for node, sources in internal.items():
        for source in sources:
            targets[source].append(node)
    for node in members:  # what is out from outside lowers its targets' counts
        if labels.get(node) == dung.OUT:
            for target in targets[node]:
                alive[target] -= 1
                if alive[target] == 0 and target not in labels:
                    queue.append(target)
    while queue:
        node = queue.pop()
        if node in labels:
            continue
        labels[node] = dung.IN
        for target in targets[node]:
            if target in labels:
                continue
            labels[target] = dung.OUT
            for further in targets[target]:
                alive[further] -= 1
                if alive[further] == 0 and further not in labels:
                    queue.append(further)
    for node in members:
        labels.setdefault(node, dung.UNDEC)
    return labels


def _reevaluate(evaluation: Evaluation, claim_id: str, then: Verdict) -> Status:
    """The main conclusion's status when the map is evaluated again with one verdict changed."""
    judgements = dict(evaluation.judgements)
    old = judgements[claim_id]
    judgements[claim_id] = Judgement(then, Source.ASSUME, old.base, old.credence, old.span)
    framework = build(evaluation.amap, judgements)
    labels = labels_of(framework, evaluation.semantics)[0]
    return STATUS[labels[framework.claim[evaluation.amap.main or ""]]]
