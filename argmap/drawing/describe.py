"""The map in words, for screen readers: what it contains, in counts, and each link as written."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from argmap.analysis.argument_map import ArgumentMap, Inference
from argmap.core.model import Claim, LinkType

from .theme import edge_look, node_look

__all__ = ["describe", "describe_drawn", "inference_words", "plural"]


def describe(amap: ArgumentMap) -> str:
    """A short description of the whole map for screen readers: what it contains, in counts."""
    return describe_drawn(amap, amap.claims, amap.inferences)


def inference_words(amap: ArgumentMap, inference: Inference) -> str:
    """An inference as written in a map, with arrows: ``a + b → c``, ``u ⊣ (a → c)``."""
    joiner = " + " if inference.linked else ", "
    if inference.target is not None:
        target = inference.target
    else:
        assert inference.target_inference is not None
        target = "(" + inference_words(amap, amap.inferences[inference.target_inference]) + ")"
    arrow = "→" if inference.type is LinkType.SUPPORT else "⊣"
    return f"{joiner.join(inference.premises)} {arrow} {target}"


def plural(count: int, word: str) -> str:
    """``1 link``, ``2 links``."""
    return f"{count} {word}" + ("" if count == 1 else "s")


def describe_drawn(amap: ArgumentMap, claims: Sequence[Claim], inferences: Sequence[Inference]) -> str:
    """The description of the claims and inferences drawn (all, or a focused part)."""
    kinds = Counter(node_look(amap, claim) for claim in claims)
    looks = Counter(edge_look(amap, inference) for inference in inferences)
    linked = sum(1 for inference in inferences if len(inference.premises) > 1)
    kind_words = {
        "main": ("main conclusion", "main conclusions"),
        "conclusion": ("conclusion", "conclusions"),
        "premise": ("premise", "premises"),
        "assumption": ("unstated assumption", "unstated assumptions"),
        "claim": ("other claim", "other claims"),
        "prediction": ("prediction", "predictions"),
        "recommendation": ("recommendation", "recommendations"),
        "objection": ("objection", "objections"),
        "rebuttal": ("rebuttal", "rebuttals"),
        "undercut": ("undercut", "undercuts"),
    }
    link_words = {
        "support": ("support", "supports"),
        "attack": ("attack", "attacks"),
        "rebuttal": ("rebuttal link", "rebuttal links"),
        "undercut": ("undercut link", "undercut links"),
    }

    def count(counter: Counter[str], words: Mapping[str, tuple[str, str]]) -> str:
        return ", ".join(
            f"{counter[key]} {one if counter[key] == 1 else many}"
            for key, (one, many) in words.items()
            if counter[key]
        )

    text = f"An argument map of {plural(len(claims), 'claim')}"
    if claims:
        text += f" ({count(kinds, kind_words)})"
    text += f" and {plural(len(inferences), 'link')}"
    if inferences:
        text += f" ({count(looks, link_words)}"
        if linked:
            text += f"; {linked} of them linked groups of premises that work only together"
        text += ")"
    text += "."
    if amap.main is not None and amap.main in {claim.id for claim in claims}:
        text += f" Main conclusion: {amap.by_id[amap.main].text}"
    return text
