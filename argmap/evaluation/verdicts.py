"""The reader's judgement of each claim: ``eval:``, ``credence:``, a prediction's status,
``--assume``, and the defaults (docs/evaluation.md, "The reader's verdict").

A claim either carries a verdict (accept, reject or doubt), which decides it
whatever its reasons say, or has none and follows its reasons. A basic claim
(nothing supports it) without a verdict of its own is accepted by default.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence

import attrs

from argmap.analysis.argument_map import ArgumentMap
from argmap.core.model import Claim, ClaimKind, LinkType, Span
from argmap.core.suggest import closest
from argmap.language.schema import VERDICT_WORDS, parse_probability

__all__ = [
    "Assumption",
    "AssumptionError",
    "Judgement",
    "Source",
    "Verdict",
    "check_assumptions",
    "judge",
    "link_weights",
    "parse_assumption",
]


class Verdict(enum.Enum):
    """What the reader makes of a claim."""

    ACCEPT = "accept"
    """Taken as given: it stands unless something that stands attacks it."""
    REJECT = "reject"
    """Denied: it is out, whatever its reasons."""
    DOUBT = "doubt"
    """Judgement suspended: at best undecided."""


class Source(enum.Enum):
    """Where a verdict comes from."""

    EVAL = "eval"
    """An ``eval:`` property in the file."""
    CREDENCE = "credence"
    """A ``credence:`` on a basic claim: accept above 0.5, reject below, doubt at 0.5."""
    STATUS = "status"
    """A prediction's independent ``status:`` (yes: accept; no: reject; partly, ambiguous, annulled: doubt)."""
    ASSUME = "assume"
    """``--assume ID=…`` on the command line."""
    DEFAULT = "default"
    """A basic claim with no verdict of its own: accepted."""


BASE_SCORE = {Verdict.ACCEPT: 1.0, Verdict.REJECT: 0.0, Verdict.DOUBT: 0.5}
"""The base score of a verdict given without a credence."""

_STATUS_VERDICT = {
    "yes": Verdict.ACCEPT,
    "no": Verdict.REJECT,
    "partly": Verdict.DOUBT,
    "ambiguous": Verdict.DOUBT,
    "annulled": Verdict.DOUBT,
}


@attrs.frozen
class Judgement:
    """The reader's judgement of one claim."""

    verdict: Verdict | None
    """None: the claim has reasons and no verdict, so it follows them."""
    source: Source | None
    base: float
    """The claim's base score for the gradual strength (docs/evaluation.md)."""
    credence: float | None = None
    """The credence given in the file or with ``--assume``, if any."""
    span: Span | None = None
    """Where the verdict or credence is written in the file."""

    @property
    def replaces_reasons(self) -> bool:
        """True when a verdict decides the claim, so its reasons carry no weight."""
        return self.verdict is not None


@attrs.frozen
class Assumption:
    """``--assume ID=VALUE``: a verdict or a credence laid over one claim for a "what if"."""

    claim: str
    verdict: Verdict
    credence: float | None = None


class AssumptionError(ValueError):
    """An ``--assume`` that cannot be read, or that names no claim."""


def parse_assumption(text: str) -> Assumption:
    """``ID=reject``, ``ID=accept``, ``ID=doubt`` or ``ID=0.3`` (a credence) as an :class:`Assumption`.

    >>> parse_assumption("words_are_deeds=reject")
    Assumption(claim='words_are_deeds', verdict=<Verdict.REJECT: 'reject'>, credence=None)
    >>> parse_assumption("a=0.8").verdict
    <Verdict.ACCEPT: 'accept'>
    """
    claim, sep, value = text.partition("=")
    claim, value = claim.strip(), value.strip()
    if not sep or not claim or not value:
        raise AssumptionError(f"'{text}' is not ID=VERDICT: write for example words_are_deeds=reject")
    word = value.lower()
    if word in VERDICT_WORDS:
        return Assumption(claim, Verdict(word))
    credence = parse_probability(value)
    if credence is None:
        raise AssumptionError(
            f"'{value}' in '{text}' is not a verdict or a credence: write accept, reject, doubt, "
            "or a number from 0 to 1"
        )
    return Assumption(claim, _credence_verdict(credence), credence)


def check_assumptions(amap: ArgumentMap, assumptions: Iterable[Assumption]) -> None:
    """Raise :class:`AssumptionError` for the first assumption naming no claim of the map, or
    two assumptions about one claim."""
    seen: set[str] = set()
    for assumption in assumptions:
        if assumption.claim not in amap.by_id:
            guess = closest(assumption.claim, amap.by_id)
            hint = f": did you mean '{guess}'?" if guess else ""
            raise AssumptionError(f"--assume: no claim has the id '{assumption.claim}'{hint}")
        if assumption.claim in seen:
            raise AssumptionError(f"--assume: '{assumption.claim}' is given twice")
        seen.add(assumption.claim)


def _credence_verdict(credence: float) -> Verdict:
    if credence > 0.5:
        return Verdict.ACCEPT
    if credence < 0.5:
        return Verdict.REJECT
    return Verdict.DOUBT


def supported_claims(amap: ArgumentMap) -> frozenset[str]:
    """The claims some support inference points at (the others are basic)."""
    return frozenset(
        inference.target
        for inference in amap.inferences
        if inference.type is LinkType.SUPPORT and inference.target is not None
    )


def judge(amap: ArgumentMap, assumptions: Sequence[Assumption] = ()) -> Mapping[str, Judgement]:
    """The reader's judgement of every claim, by id (the order of the map's claims)."""
    assumed = {assumption.claim: assumption for assumption in assumptions}
    supported = supported_claims(amap)
    return {claim.id: _judge_claim(claim, claim.id in supported, assumed.get(claim.id)) for claim in amap.claims}


def _judge_claim(claim: Claim, supported: bool, assumed: Assumption | None) -> Judgement:
    credence_prop = claim.get("credence")
    credence = parse_probability(credence_prop.value) if credence_prop is not None else None
    if assumed is not None:
        base = assumed.credence if assumed.credence is not None else BASE_SCORE[assumed.verdict]
        return Judgement(assumed.verdict, Source.ASSUME, base, assumed.credence)
    eval_prop = claim.get("eval")
    if eval_prop is not None and eval_prop.value.strip().lower() in VERDICT_WORDS:
        verdict = Verdict(eval_prop.value.strip().lower())
        base = credence if credence is not None else BASE_SCORE[verdict]
        return Judgement(verdict, Source.EVAL, base, credence, eval_prop.value_span)
    if claim.kind is ClaimKind.PREDICTION:
        status = claim.get("status")
        verdict_ = _STATUS_VERDICT.get(status.value.strip().lower()) if status is not None else None
        if status is not None and verdict_ is not None:
            base = credence if credence is not None else BASE_SCORE[verdict_]
            return Judgement(verdict_, Source.STATUS, base, credence, status.value_span)
    if credence is not None and credence_prop is not None:
        if supported:  # a prior: the reasons move it, and decide the status
            return Judgement(None, None, credence, credence, credence_prop.value_span)
        return Judgement(_credence_verdict(credence), Source.CREDENCE, credence, credence, credence_prop.value_span)
    if supported:
        return Judgement(None, None, 0.0)
    return Judgement(Verdict.ACCEPT, Source.DEFAULT, 1.0)


def link_weights(amap: ArgumentMap) -> tuple[float, ...]:
    """Each inference's ``weight:`` (1 when not given), by inference index."""
    weights = []
    for inference in amap.inferences:
        weight = 1.0
        for prop in inference.link.properties:
            if prop.key == "weight":
                value = parse_probability(prop.value)
                weight = 1.0 if value is None else value
        weights.append(weight)
    return tuple(weights)
