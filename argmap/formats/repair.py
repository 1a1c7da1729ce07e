"""Making another format's inferences valid in argmap: what :class:`~argmap.formats.build.MapBuilder` checks.

:func:`settle_inferences` keeps each inference argmap can express, once, with
undercuts after what they attack; :func:`break_circles` drops the supports
that would close a circle of support. Each change is reported through ``warn``
with the source's name for the inference.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import attrs

from argmap.core.model import ClaimKind, LinkType

from .records import Pairs

__all__ = ["ClaimTarget", "DraftClaim", "DraftInference", "InferenceTarget", "break_circles", "settle_inferences"]

_SUPPORT = LinkType.SUPPORT
_ATTACK = LinkType.ATTACK

Warn = Callable[[str, "str | None"], None]
"""Reports a change: the message and where in the source it is."""


@attrs.frozen
class ClaimTarget:
    """An inference's target: a claim, by its id in the source."""

    key: str


@attrs.frozen
class InferenceTarget:
    """An undercut's target: an inference, by its key in the source."""

    key: str


@attrs.define
class DraftClaim:
    """A claim while a map is built (mutable: kind, main and properties are settled last)."""

    key: str
    id: str
    text: str
    where: str
    kind: ClaimKind | None
    main: bool
    properties: list[tuple[str, str]]
    section: int | None


@attrs.define
class DraftInference:
    """An inference while a map is built, as the source gives it, then checked."""

    key: str
    type: LinkType
    premises: list[str]
    target: ClaimTarget | InferenceTarget
    label: str | None
    where: str
    properties: Pairs
    linked: bool | None
    premise_ids: tuple[str, ...] = ()
    """The premises as claim ids, once checked."""
    target_id: str | int = ""
    """The target claim's id, or the index of the target inference among the kept ones."""


def settle_inferences(
    claims: Mapping[str, DraftClaim], inferences: Mapping[str, DraftInference], warn: Warn
) -> list[DraftInference]:
    """The inferences that can be expressed, each once, undercuts after what they attack."""
    state: dict[str, int | None] = {}  # key -> index in `kept`, or None when dropped
    kept: list[DraftInference] = []
    shapes: dict[tuple[LinkType, frozenset[str], str | int], int] = {}
    visiting: list[str] = []  # the undercuts being settled, each attacking the next
    circle: set[str] = set()  # undercuts found in a circle, reported once

    def settle(inference: DraftInference) -> int | None:
        if inference.key in state:
            return state[inference.key]
        if inference.key in visiting:
            members = visiting[visiting.index(inference.key) :]
            warn(f"undercuts that attack each other in a circle ({', '.join(members)}) cannot be drawn: dropped",
                 inference.where)
            circle.update(members)
            state[inference.key] = None
            return None
        visiting.append(inference.key)
        try:
            index = check(inference)
        finally:
            visiting.pop()
        if inference.key not in state:
            state[inference.key] = index
        return state[inference.key]

    def check(inference: DraftInference) -> int | None:
        where = inference.where
        premises: list[str] = []
        for premise in inference.premises:
            claim = claims.get(premise)
            if claim is None:
                warn(f"a premise ({premise}) is not a claim of the map: left out", where)
            elif claim.id not in premises:
                premises.append(claim.id)
        target = inference.target
        target_id: str | int
        target_premises: tuple[str, ...] = ()
        if isinstance(target, ClaimTarget):
            claim = claims.get(target.key)
            if claim is None:
                warn(f"its target ({target.key}) is not a claim of the map: dropped", where)
                return None
            target_id = claim.id
            if target_id in premises:
                premises.remove(target_id)
                verb = "support" if inference.type is _SUPPORT else "attack"
                warn(f"a claim cannot {verb} itself: '{target_id}' left out of the premises", where)
        else:
            attacked = inferences.get(target.key)
            if attacked is None:
                warn(f"it undercuts an inference ({target.key}) that is not in the map: dropped", where)
                return None
            if inference.type is not _ATTACK:
                warn("argmap cannot support an inference, only undercut one: dropped", where)
                return None
            found = settle(attacked)
            if found is None:
                if inference.key not in circle:
                    warn(f"the inference it undercuts ({target.key}) was dropped: dropped too", where)
                return None
            target_id = found
            target_premises = kept[found].premise_ids
            for premise in [p for p in premises if p in target_premises]:
                premises.remove(premise)
                warn(
                    f"a claim cannot undercut an inference it is a premise of: '{premise}' left out", where
                )
        if not premises:
            warn("the inference has no premises left: dropped", where)
            return None
        shape = (inference.type, frozenset(premises), target_id)
        twin = shapes.get(shape)
        if twin is not None:
            warn(f"the same inference as {kept[twin].where}: kept once", where)
            return twin
        inference.premise_ids = tuple(premises)
        inference.target_id = target_id
        shapes[shape] = len(kept)
        kept.append(inference)
        return len(kept) - 1

    for inference in inferences.values():
        settle(inference)
    return kept

def break_circles(kept: list[DraftInference], warn: Warn) -> list[DraftInference]:
    """Drop the supports that close a circle of support, and what undercuts them."""
    supports = [i for i, inf in enumerate(kept) if inf.type is _SUPPORT and isinstance(inf.target_id, str)]
    edges: dict[str, set[str]] = {}
    for index in supports:
        inference = kept[index]
        for premise in inference.premise_ids:
            edges.setdefault(premise, set()).add(str(inference.target_id))
    circular = _in_circles(edges)
    if not circular:
        return kept
    # Add the supports that may close a circle one by one, in source order; one
    # that would close a circle is dropped.
    graph: dict[str, set[str]] = {}
    dropped: set[int] = set()
    suspects = []
    for index in supports:
        inference = kept[index]
        target = str(inference.target_id)
        if target in circular and any(p in circular for p in inference.premise_ids):
            suspects.append(index)
        else:
            for premise in inference.premise_ids:
                graph.setdefault(premise, set()).add(target)
    for index in suspects:
        inference = kept[index]
        target = str(inference.target_id)
        if _reaches(graph, target, set(inference.premise_ids)):
            dropped.add(index)
            warn(
                f"it would close a circle of support ({', '.join(inference.premise_ids)} -> {target}), "
                "circular reasoning that argmap rejects: dropped",
                inference.where,
            )
        else:
            for premise in inference.premise_ids:
                graph.setdefault(premise, set()).add(target)
    result: list[DraftInference] = []
    renumber: dict[int, int] = {}
    for index, inference in enumerate(kept):
        attacked = inference.target_id
        if isinstance(attacked, int):
            if attacked in dropped:
                dropped.add(index)
                warn("the inference it undercuts was dropped: dropped too", inference.where)
                continue
            inference.target_id = renumber[attacked]
        if index in dropped:
            continue
        renumber[index] = len(result)
        result.append(inference)
    return result


def _in_circles(edges: dict[str, set[str]]) -> set[str]:
    """The nodes that lie on some circle (Kahn's algorithm, forwards then backwards)."""
    nodes = set(edges) | {target for targets in edges.values() for target in targets}
    incoming = dict.fromkeys(nodes, 0)
    backwards: dict[str, set[str]] = {}
    for source, targets in edges.items():
        for target in targets:
            incoming[target] += 1
            backwards.setdefault(target, set()).add(source)
    ready = [node for node in nodes if incoming[node] == 0]
    while ready:
        node = ready.pop()
        for target in edges.get(node, ()):
            incoming[target] -= 1
            if incoming[target] == 0:
                ready.append(target)
    left = {node for node in nodes if incoming[node] > 0}
    if not left:
        return left
    outgoing = {node: sum(1 for t in edges.get(node, ()) if t in left) for node in left}
    ready = [node for node in left if outgoing[node] == 0]
    while ready:
        node = ready.pop()
        left.discard(node)
        for source in backwards.get(node, ()):
            if source in left:
                outgoing[source] -= 1
                if outgoing[source] == 0:
                    ready.append(source)
    return left


def _reaches(graph: dict[str, set[str]], start: str, goals: set[str]) -> bool:
    """Whether some goal can be reached from ``start`` along the graph's edges."""
    seen = {start}
    stack = [start]
    while stack:
        node = stack.pop()
        if node in goals:
            return True
        for nxt in graph.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return False
