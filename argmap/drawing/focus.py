"""A part of the map: the claims within some links of a focus claim (``--focus ID --depth N``)."""

from __future__ import annotations

from argmap.analysis.argument_map import ArgumentMap, Inference
from argmap.core.diagnostics import ArgmapError
from argmap.core.model import Claim
from argmap.core.suggest import closest

__all__ = ["DEFAULT_FOCUS_DEPTH", "FocusError", "inference_ends", "select"]

DEFAULT_FOCUS_DEPTH = 2
"""How many links around ``focus`` are drawn when no ``depth`` is given."""


class FocusError(ArgmapError, ValueError):
    """``focus`` names no claim of the map, or ``depth`` is out of range."""


def select(
    amap: ArgumentMap, focus: str | None, depth: int | None
) -> tuple[tuple[Claim, ...], tuple[Inference, ...]]:
    """The claims and inferences to draw: all of them, or those around ``focus``."""
    if focus is None and depth is None:
        return amap.claims, amap.inferences
    center = focus if focus is not None else amap.main
    if center is None:
        raise FocusError("the map has no main conclusion to count the depth from: give a focus claim")
    if center not in amap.by_id:
        guess = closest(center, amap.by_id, 0.6)
        hint = f": did you mean '{guess}'?" if guess is not None else ""
        raise FocusError(f"no claim has the id '{center}'{hint}")
    limit = depth if depth is not None else DEFAULT_FOCUS_DEPTH
    ends = inference_ends(amap)
    neighbours: dict[str, list[str]] = {}
    for inference in amap.inferences:
        for premise in inference.premises:
            for other in ends[inference.index]:
                if other != premise:
                    neighbours.setdefault(premise, []).append(other)
                    neighbours.setdefault(other, []).append(premise)
    distance = {center: 0}
    frontier = [center]
    while frontier:
        following: list[str] = []
        for claim_id in frontier:
            if distance[claim_id] >= limit:
                continue
            for other in neighbours.get(claim_id, []):
                if other not in distance:
                    distance[other] = distance[claim_id] + 1
                    following.append(other)
        frontier = following
    visible_ids = set(distance)
    drawn: dict[int, Inference] = {}
    changed = True
    while changed:
        changed = False
        for inference in amap.inferences:
            if inference.index in drawn:
                continue
            if inference.target is not None:
                target_ok = inference.target in visible_ids
            else:
                target_ok = inference.target_inference in drawn
            if target_ok and any(premise in visible_ids for premise in inference.premises):
                drawn[inference.index] = inference
                # A linked group is drawn whole: its premises work only together.
                visible_ids.update(inference.premises)
                changed = True
    claims = tuple(claim for claim in amap.claims if claim.id in visible_ids)
    inferences = tuple(inference for inference in amap.inferences if inference.index in drawn)
    return claims, inferences


def inference_ends(amap: ArgumentMap) -> dict[int, list[str]]:
    """For each inference, the claims on its far side: its target, or every claim of the
    inference it undercuts (an undercut is one link away from both ends of that link)."""
    ends: dict[int, list[str]] = {}
    for inference in amap.inferences:
        chain: list[str] = []
        current: Inference | None = inference
        seen: set[int] = set()
        while current is not None and current.index not in seen:
            seen.add(current.index)
            if current.target is not None:
                chain.append(current.target)
                current = None
            else:
                assert current.target_inference is not None
                current = amap.inferences[current.target_inference]
                chain.extend(current.premises)
        ends[inference.index] = list(dict.fromkeys(chain))
    return ends
