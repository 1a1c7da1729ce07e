"""The graph of support and attack: circles of reasoning, each claim's role, and what hangs loose.

Codes: G002 (circular reasoning, with the circle printed), G005 (a claim linked
to nothing), G006 (a claim that does not lead to the main conclusion), G007 (an
objection that attacks nothing). Roles are derived from the links, never
declared. Every walk is iterative, so maps of any depth need no recursion.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from argmap.core.diagnostics import Note
from argmap.core.model import Claim, LinkType

from .argument_map import Inference, Role
from .findings import Report

if TYPE_CHECKING:
    from .links import LinkBinder

__all__ = ["check_cycles", "derive"]

_SUPPORT = LinkType.SUPPORT
"""Looked up once: ``LinkType.SUPPORT`` goes through the enum class's slow ``__getattr__`` hook."""

_ROLES = tuple(Role)
"""A set of roles as a number: the role at ``n`` here is bit ``1 << n``."""
_MAIN = 1 << _ROLES.index(Role.MAIN)
_INTERMEDIATE = 1 << _ROLES.index(Role.INTERMEDIATE)
_BASIC_PREMISE = 1 << _ROLES.index(Role.BASIC_PREMISE)
_OBJECTION = 1 << _ROLES.index(Role.OBJECTION)
_REBUTTAL = 1 << _ROLES.index(Role.REBUTTAL)
_UNDERCUT = 1 << _ROLES.index(Role.UNDERCUT)
_ROLE_SETS = tuple(
    frozenset(role for n, role in enumerate(_ROLES) if mask >> n & 1) for mask in range(1 << len(_ROLES))
)
"""Each set of roles, by its number: claims with the same roles share one frozenset."""


def check_cycles(
    claims: Mapping[str, Claim], inferences: Sequence[Inference], main: str | None, report: Report
) -> None:
    """Report each circle of support once (Tarjan's algorithm, iteratively)."""
    if not _support_has_cycle(claims, inferences):
        return
    edges: dict[str, list[tuple[str, Inference]]] = defaultdict(list)
    for inference in inferences:
        if inference.type is _SUPPORT and inference.target is not None:
            for premise in inference.premises:
                if premise != inference.target:
                    edges[premise].append((inference.target, inference))
    order = {claim_id: n for n, claim_id in enumerate(claims)}
    for component in _strongly_connected(list(claims), edges):
        if len(component) < 2:
            continue
        members = set(component)
        start = min(component, key=order.__getitem__)
        path, steps = _cycle_from(start, members, edges)
        shown = " → ".join([*path, path[0]])
        # Point at the link most likely to be the mistake: one out of the main
        # conclusion (which supports nothing), else the one written last.
        culprit = max(steps, key=lambda step: (main in step.premises, step.span.start))
        report(
            "G002",
            f"circular reasoning: {shown}",
            culprit.span,
            Note("each claim in the circle is, in the end, a reason for itself; "
                 "remove the link that goes the wrong way"),
        )


def _support_has_cycle(claims: Mapping[str, Claim], inferences: Sequence[Inference]) -> bool:
    """Whether the support links go round in a circle anywhere.

    Most maps have no circle, and this is much cheaper than finding the circles:
    most maps are written top-down or bottom-up, and if every support link
    goes the same way through the file, there is no circle. Otherwise
    Kahn's algorithm decides.
    """
    position = {claim_id: n for n, claim_id in enumerate(claims)}
    premises_after = premises_before = True  # than the claims they support, for every link
    for inference in inferences:
        if inference.type is _SUPPORT and inference.target is not None:
            written = position[inference.target]
            for premise in inference.premises:
                if position[premise] > written:
                    premises_before = False
                elif position[premise] < written:
                    premises_after = False
            if not (premises_after or premises_before):
                break
    else:
        return False
    successors: dict[str, list[str]] = {}
    incoming: dict[str, int] = {}
    for inference in inferences:
        target = inference.target
        if target is None or inference.type is not _SUPPORT:
            continue
        for premise in inference.premises:
            if premise != target:
                successors.setdefault(premise, []).append(target)
                incoming[target] = incoming.get(target, 0) + 1
    ready = [claim_id for claim_id in successors if claim_id not in incoming]
    while ready:
        for target in successors.get(ready.pop(), ()):
            incoming[target] -= 1
            if not incoming[target]:
                ready.append(target)
    return any(incoming.values())


def derive(
    claims: Mapping[str, Claim],
    inferences: Sequence[Inference],
    main: str | None,
    links: LinkBinder,
    objections: Sequence[Claim],
    report: Report,
) -> tuple[dict[str, frozenset[Role]], dict[str, int]]:
    """Each claim's roles and its depth below the main conclusion; and what does not hang together:
    a claim linked to nothing (G005), one that does not lead to the main conclusion (G006), an
    objection that attacks nothing (G007). ``links`` says which ids the links named."""
    depth = _depths(inferences, main)
    supports = [inference for inference in inferences if inference.type is _SUPPORT]
    attacks = [inference for inference in inferences if inference.type is not _SUPPORT]
    supports_out = {premise for inference in supports for premise in inference.premises}
    supported = {inference.target for inference in supports if inference.target is not None}
    attacking = {premise for inference in attacks for premise in inference.premises}
    attacked = {inference.target for inference in attacks if inference.target is not None}
    touched = supports_out | supported | attacking | attacked

    # Each claim's roles as bits (see _ROLE_SETS).
    bits = dict.fromkeys(supports_out - supported, _BASIC_PREMISE)
    bits.update(dict.fromkeys(supports_out & supported, _INTERMEDIATE))
    if main is not None:
        bits[main] = _MAIN  # and no premise role, even if it supports something
    for inference in attacks:
        if inference.is_undercut:
            bit = _UNDERCUT
        elif inference.target in attacking:
            bit = _REBUTTAL
        else:
            bit = _OBJECTION
        for premise in inference.premises:
            bits[premise] = bits.get(premise, 0) | bit
    roles = {claim_id: _ROLE_SETS[bits.get(claim_id, 0)] for claim_id in claims}
    del bits, supports, attacks

    # Each check reports in claim order; the diagnostics are sorted by place and
    # code at the end, so the checks may run one after the other.
    lonely = claims.keys() - touched - links.mentioned if len(claims) > 1 else set()
    if lonely:
        for claim in claims.values():
            if claim.id in lonely:
                report(
                    "G005",
                    f"'{claim.id}' is not linked to any other claim",
                    claim.id_span,
                    Note(f"link it: '{claim.id} -> other' or '{claim.id} -x other'"),
                )
    if main is not None:
        astray = touched - depth.keys()
        if astray:
            astray -= _side_conclusions(inferences, depth, supports_out | attacking)
            for claim in claims.values():
                if claim.id in astray:
                    report(
                        "G006",
                        f"'{claim.id}' does not lead to the main conclusion '{main}'",
                        claim.id_span,
                    )
    for claim in objections:
        if claim.id not in links.attack_sources:
            report(
                "G007",
                f"objection '{claim.id}' attacks nothing: draw its attack with '-x'",
                claim.kind_span,
            )
    return roles, depth


def _side_conclusions(inferences: Sequence[Inference], depth: Mapping[str, int], premises: set[str]) -> set[str]:
    """The claims drawn from the main argument's claims that are not themselves reasons.

    A text may draw a second conclusion (a recommendation, say) from the
    reasons it gives for its thesis; that claim does not lead to the main
    conclusion, and should not. ``premises`` are the claims that are reasons.
    """
    return {
        inference.target
        for inference in inferences
        if inference.type is _SUPPORT
        and inference.target is not None
        and inference.target not in premises
        and any(premise in depth for premise in inference.premises)
    }


def _depths(inferences: Sequence[Inference], main: str | None) -> dict[str, int]:
    """Breadth-first from the main conclusion, against the direction of the links."""
    if main is None:
        return {}
    below: dict[str, list[tuple[str, ...]]] = {}
    """The premises of the inferences that bear on each claim, directly or by undercut."""
    for inference in inferences:
        # The claim an undercut (of an undercut …) ultimately bears on.
        inner = inference
        while inner.target is None:
            assert inner.target_inference is not None
            inner = inferences[inner.target_inference]
        below.setdefault(inner.target, []).append(inference.premises)
    depth = {main: 0}
    level = [main]
    distance = 0
    while level:
        distance += 1
        next_level = []
        for claim_id in level:
            for premises in below.get(claim_id, ()):
                for premise in premises:
                    if premise not in depth:
                        depth[premise] = distance
                        next_level.append(premise)
        level = next_level
    return depth


def _strongly_connected(
    nodes: list[str], edges: Mapping[str, list[tuple[str, Inference]]]
) -> list[list[str]]:
    """Tarjan's strongly connected components, without recursion."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            successors = edges.get(node, [])
            if position < len(successors):
                work.append((node, position + 1))
                successor = successors[position][0]
                if successor not in index:
                    work.append((successor, 0))
                elif successor in on_stack:
                    low[node] = min(low[node], index[successor])
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return components


def _cycle_from(
    start: str, members: set[str], edges: Mapping[str, list[tuple[str, Inference]]]
) -> tuple[list[str], list[Inference]]:
    """A shortest circle through ``start`` inside one strongly connected component.

    Returns the claims in order and the inferences that lead from each to the next.
    """
    previous: dict[str, tuple[str, Inference]] = {}
    queue = deque([start])
    seen = {start}
    while queue:
        node = queue.popleft()
        for successor, inference in edges.get(node, []):
            if successor not in members:
                continue
            if successor == start:
                path = [node]
                steps = [inference]
                while path[-1] != start:
                    before, step = previous[path[-1]]
                    path.append(before)
                    steps.append(step)
                path.reverse()
                steps.reverse()
                return path, steps
            if successor not in seen:
                seen.add(successor)
                previous[successor] = (node, inference)
                queue.append(successor)
    raise AssertionError("a strongly connected component has a cycle")  # pragma: no cover
