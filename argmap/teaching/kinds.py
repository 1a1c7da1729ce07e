"""Claim kinds and statement kinds in a comparison: which kinds count as the same, and what each means."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from argmap.core.model import Claim, ClaimKind, Property
from argmap.language.schema import split_list

__all__ = ["KIND_WORDS", "STATEMENT_MEANINGS", "accepted_kinds", "claim_kind_matters", "claim_kind_ok", "is_optional", "statement_kind"]

# --- kinds --------------------------------------------------------------------------

# The claim kinds a comparison checks: whether the text states the claim (an
# assumption is what it leaves unsaid), and whether it is a forecast or a
# recommendation. Premise, conclusion and objection are all "stated": which of
# them a claim is follows from its links, which are compared on their own. A
# plain `claim` says nothing either way, so it never counts as wrong.
_KIND_CLASS = {
    ClaimKind.ASSUMPTION: "unstated",
    ClaimKind.PREDICTION: "prediction",
    ClaimKind.RECOMMENDATION: "recommendation",
    ClaimKind.PREMISE: "stated",
    ClaimKind.CONCLUSION: "stated",
    ClaimKind.OBJECTION: "stated",
}

STATEMENT_MEANINGS: Mapping[str, str] = {
    "fact": "something that can be checked now",
    "interpretation": "the author's reading of what the facts mean",
    "value": "a judgement of what is good, bad or worth having",
    "policy": "what someone should do",
    "prediction": "what will happen",
    "retrodiction": "a prediction made earlier, reported now",
    "track-record": "a claim about someone's own past accuracy",
    "caveat": "a limit the author concedes",
    "definition": "what a word means",
}
"""What each statement kind means, for feedback sentences and worksheets."""


def statement_kind(claim: Claim) -> str | None:
    """A claim's ``kind:`` in lower case, or ``None``."""
    prop = claim.get("kind")
    if prop is None or not prop.value.strip():
        return None
    return prop.value.strip().lower()


def accepted_kinds(claim: Claim) -> frozenset[str]:
    """The claim kinds and statement kinds a key claim's ``alt-kind:`` also accepts, lower case."""
    prop = claim.get("alt-kind")
    return frozenset(item.lower() for item in split_list(prop.value)) if prop is not None else frozenset()


_THESIS_KINDS = frozenset({ClaimKind.CONCLUSION, ClaimKind.RECOMMENDATION, ClaimKind.CLAIM})
"""Kinds a thesis may be written as, one for another: what the text argues for, or that someone
should do something (its statement kind, policy or not, says which)."""


def claim_kind_ok(key_claim: Claim, student_claim: Claim, main: bool = False) -> bool:
    """Whether the student's claim kind is one the key claim accepts; ``main`` when both are the
    main conclusion (then ``main conclusion`` and ``main recommendation`` are the same)."""
    if student_claim.kind.value in accepted_kinds(key_claim):
        return True
    if main and key_claim.kind in _THESIS_KINDS and student_claim.kind in _THESIS_KINDS:
        return True
    mine, theirs = _KIND_CLASS.get(key_claim.kind), _KIND_CLASS.get(student_claim.kind)
    return mine is None or theirs is None or mine == theirs


def claim_kind_matters(key_claim: Claim) -> bool:
    """Whether a key claim's claim kind is a choice a student can get wrong on its own: it is
    unstated, a prediction or a recommendation (premise, conclusion and objection follow from the links)."""
    return _KIND_CLASS.get(key_claim.kind, "stated") != "stated"


def is_optional(properties: Sequence[Property]) -> bool:
    """True for a claim or link of a key that carries ``optional: yes``."""
    prop = next((p for p in properties if p.key == "optional"), None)
    return prop is not None and prop.value.strip().lower() == "yes"


KIND_WORDS = {
    ClaimKind.ASSUMPTION: "an assumption",
    ClaimKind.PREDICTION: "a prediction",
    ClaimKind.RECOMMENDATION: "a recommendation",
    ClaimKind.PREMISE: "a premise",
    ClaimKind.CONCLUSION: "a conclusion",
    ClaimKind.OBJECTION: "an objection",
    ClaimKind.CLAIM: "a claim",
}
"""Each claim kind with its article, for feedback sentences."""
