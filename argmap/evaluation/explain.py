"""Why a claim has its status: the shortest explanation the grounded labelling gives.

An argument is ``in`` because every attacker is ``out``; ``out`` because some
attacker is ``in``. Following the rounds of the grounded labelling (each ``in``
needs only ``out``s of earlier rounds, each ``out`` an ``in`` of its own round)
makes every explanation finite; among the attackers that can explain an
``out``, the one with the smallest explanation is chosen. An undecided
argument is explained by following what keeps it undecided until a doubt or a
cycle is reached. The steps are told in the map's terms: claims, reasons,
attacks and undercuts, not the framework's helper arguments.
"""

from __future__ import annotations

import enum

import attrs

from argmap.core.model import LinkType

from . import dung
from .framework import Framework, Node
from .semantics import STATUS, Evaluation, Status
from .verdicts import Judgement, Verdict

__all__ = ["MAX_DEPTH", "Because", "Fact", "Why", "explain"]

MAX_DEPTH = 24
"""Explanations stop this many steps down (a claim and an inference are a step each; a ``more`` fact marks the cut)."""

_SIZE_CAP = 10**12


class Because(enum.Enum):
    """One kind of reason for a status."""

    VERDICT = "verdict"
    """The reader's verdict (or the default for a basic claim) decides it."""
    REASON_HOLDS = "reason holds"
    NO_REASON_HOLDS = "no reason holds"
    ATTACKS_FAIL = "attacks fail"
    DEFEATED = "defeated"
    PREMISES_STAND = "premises stand"
    UNDERCUTS_FAIL = "undercuts fail"
    PREMISE_FAILS = "premise fails"
    UNDERCUT = "undercut"
    OPEN_ATTACK = "undecided attack"
    OPEN_REASON = "undecided reason"
    OPEN_PREMISE = "undecided premise"
    OPEN_UNDERCUT = "undecided undercut"
    CYCLE = "cycle"
    """Back at something already being explained: a cycle leaves it undecided."""
    READINGS = "readings"
    """Under preferred semantics: decided by the preferred readings, not the grounded one."""
    MORE = "more"
    """The explanation goes deeper than :data:`MAX_DEPTH`."""


@attrs.frozen
class Fact:
    """One reason: its kind and the explanations it rests on."""

    because: Because
    subs: tuple[Why, ...] = ()
    cycle: tuple[str, ...] = ()
    """For a cycle: the claims on it, each attacking or needed by the next."""
    links: tuple[int, ...] = ()
    """For preferred readings: the attacks on the claim that hold in some reading (when it is out
    in all of them), or every attack on it (when it is in in all of them)."""


@attrs.frozen(eq=False)
class Why:
    """Why a claim (``subject`` a claim id) or an inference (an index) has its status."""

    subject: str | int
    status: Status
    facts: tuple[Fact, ...]
    judgement: Judgement | None = None
    """For a claim decided by a verdict: the judgement."""

    @property
    def is_claim(self) -> bool:
        """True when the subject is a claim."""
        return isinstance(self.subject, str)


def explain(evaluation: Evaluation, claim_id: str) -> Why:
    """The shortest explanation of a claim's status."""
    return _Explainer(evaluation).claim(claim_id, 0, ())


class _Explainer:
    def __init__(self, evaluation: Evaluation) -> None:
        self.ev = evaluation
        self.fw: Framework = evaluation.framework
        self.labels = evaluation.grounded
        self.rounds = evaluation.rounds
        self.sizes: dict[int, int] = {}
        self.support: dict[str, list[int]] = {}
        for inference in evaluation.amap.inferences:
            if inference.target is not None and inference.type is LinkType.SUPPORT:
                self.support.setdefault(inference.target, []).append(inference.index)

    # --- choosing among attackers -------------------------------------------------

    def size(self, node: int) -> int:
        """How large the explanation of a labelled argument is (memoized, iterative)."""
        if node in self.sizes:
            return self.sizes[node]
        stack = [node]
        while stack:
            top = stack[-1]
            if top in self.sizes:
                stack.pop()
                continue
            needed = self.needed(top)
            missing = [n for n in needed if n not in self.sizes]
            if missing:
                stack.extend(missing)
                continue
            stack.pop()
            if self.labels[top] == dung.IN:
                total = 1 + sum(self.sizes[n] for n in needed)
            else:
                total = 1 + min(self.sizes[n] for n in needed)
            self.sizes[top] = min(total, _SIZE_CAP)
        return self.sizes[node]

    def needed(self, node: int) -> list[int]:
        """What a labelled argument's explanation may rest on: all its attackers when it is
        in, the attackers in in its own round when it is out."""
        attackers = self.fw.attackers[node]
        if self.labels[node] == dung.IN:
            return [a for a in set(attackers) if a != node]
        return [
            a for a in set(attackers) if self.labels[a] == dung.IN and self.rounds[a] == self.rounds[node]
        ]

    def best_attacker(self, node: int) -> int:
        """The attacker ``in`` that explains an ``out`` argument most briefly."""
        return min(self.needed(node), key=lambda a: (self.size(a), a))

    # --- claims and inferences --------------------------------------------------------

    def claim(self, claim_id: str, depth: int, path: tuple[str | int, ...]) -> Why:
        node = self.fw.claim[claim_id]
        status = STATUS[self.ev.labels[node]]
        judgement = self.ev.judgements[claim_id]
        if depth > MAX_DEPTH:
            return Why(claim_id, status, (Fact(Because.MORE),))
        if claim_id in path:
            return self.cycle(claim_id, status, path)
        path = (*path, claim_id)
        grounded = STATUS[self.labels[node]]
        facts: list[Fact] = []
        if status is not grounded:  # preferred semantics decided what grounded leaves open
            attacks = self.inference_attackers(node)
            if status is Status.OUT:
                attacks = [i for i in attacks if self.fw.inference[i] in self.ev.credulous]
            open_ = self.open_claim(claim_id, node, depth, path)
            return Why(claim_id, status, (Fact(Because.READINGS, open_.subs, links=tuple(attacks)),))
        if grounded is Status.IN:
            if judgement.verdict is Verdict.ACCEPT:
                facts.append(Fact(Because.VERDICT))
            else:
                best = self.best_attacker(self.fw.unsupported[claim_id])
                facts.append(Fact(Because.REASON_HOLDS, (self.inference(self.ref(best), depth + 1, path),)))
            attacks = self.inference_attackers(node)
            if attacks:
                facts.append(Fact(Because.ATTACKS_FAIL, tuple(self.inference(i, depth + 1, path) for i in attacks)))
        elif grounded is Status.OUT:
            best = self.best_attacker(node)
            kind = self.fw.nodes[best][0]
            if kind is Node.REJECTED:
                facts.append(Fact(Because.VERDICT))
            elif kind is Node.UNSUPPORTED:
                reasons = tuple(self.inference(i, depth + 1, path) for i in self.support.get(claim_id, ()))
                facts.append(Fact(Because.NO_REASON_HOLDS, reasons))
            else:
                facts.append(Fact(Because.DEFEATED, (self.inference(self.ref(best), depth + 1, path),)))
        else:
            facts.append(self.open_claim(claim_id, node, depth, path))
        decided = any(f.because is Because.VERDICT for f in facts)
        return Why(claim_id, status, tuple(facts), judgement if decided else None)

    def open_claim(self, claim_id: str, node: int, depth: int, path: tuple[str | int, ...]) -> Fact:
        """Why a claim is undecided under grounded semantics: a doubt, an undecided attack or reason."""
        open_ = [a for a in self.fw.attackers[node] if self.labels[a] == dung.UNDEC]
        kinds = {self.fw.nodes[a][0]: a for a in reversed(open_)}
        if Node.DOUBTED in kinds:
            return Fact(Because.VERDICT)
        if Node.INFERENCE in kinds:
            return Fact(Because.OPEN_ATTACK, (self.inference(self.ref(kinds[Node.INFERENCE]), depth + 1, path),))
        reasons = [
            i for i in self.support.get(claim_id, ()) if self.labels[self.fw.inference[i]] == dung.UNDEC
        ]
        return Fact(Because.OPEN_REASON, tuple(self.inference(i, depth + 1, path) for i in reasons[:1]))

    def inference(self, index: int, depth: int, path: tuple[str | int, ...]) -> Why:
        node = self.fw.inference[index]
        status = STATUS[self.ev.labels[node]]
        if depth > MAX_DEPTH:
            return Why(index, status, (Fact(Because.MORE),))
        if index in path:
            return self.cycle(index, status, path)
        path = (*path, index)
        grounded = STATUS[self.labels[node]]
        inference = self.ev.amap.inferences[index]
        facts: list[Fact] = []
        if grounded is Status.IN:
            facts.append(
                Fact(Because.PREMISES_STAND, tuple(self.claim(p, depth + 1, path) for p in inference.premises))
            )
            undercuts = self.inference_attackers(node)
            if undercuts:
                facts.append(
                    Fact(Because.UNDERCUTS_FAIL, tuple(self.inference(u, depth + 1, path) for u in undercuts))
                )
        elif grounded is Status.OUT:
            best = self.best_attacker(node)
            kind, ref = self.fw.nodes[best]
            if kind is Node.FAILS:
                assert isinstance(ref, str)
                facts.append(Fact(Because.PREMISE_FAILS, (self.claim(ref, depth + 1, path),)))
            else:
                facts.append(Fact(Because.UNDERCUT, (self.inference(self.ref(best), depth + 1, path),)))
        else:
            open_ = [a for a in self.fw.attackers[node] if self.labels[a] == dung.UNDEC]
            kind, ref = self.fw.nodes[open_[0]]
            if kind is Node.FAILS:
                assert isinstance(ref, str)
                facts.append(Fact(Because.OPEN_PREMISE, (self.claim(ref, depth + 1, path),)))
            else:
                assert isinstance(ref, int)
                facts.append(Fact(Because.OPEN_UNDERCUT, (self.inference(ref, depth + 1, path),)))
            if status is not grounded:  # preferred semantics decided what grounded leaves open
                facts = [Fact(Because.READINGS, facts[0].subs)]
        return Why(index, status, tuple(facts))

    def inference_attackers(self, node: int) -> list[int]:
        """The inferences (attacks, undercuts) that attack an argument, by index."""
        return [self.ref(a) for a in self.fw.attackers[node] if self.fw.nodes[a][0] is Node.INFERENCE]

    def ref(self, node: int) -> int:
        ref = self.fw.nodes[node][1]
        assert isinstance(ref, int)
        return ref

    def cycle(self, subject: str | int, status: Status, path: tuple[str | int, ...]) -> Why:
        """Back at ``subject``: the claims from it round to itself, in the order they attack or support."""
        start = path.index(subject)
        loop = [step for step in path[start:] if isinstance(step, str)]
        if isinstance(subject, str):
            loop.append(subject)
        elif loop:
            loop.append(loop[0])
        loop.reverse()  # the path runs from a claim to what it rests on; a cycle reads the other way
        return Why(subject, status, (Fact(Because.CYCLE, cycle=tuple(loop)),))
