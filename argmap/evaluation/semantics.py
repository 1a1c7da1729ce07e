"""Evaluating a map: :func:`evaluate` gives each claim and inference a status and a strength.

The status is the label of the claim's argument in the map's framework
(:mod:`argmap.evaluation.framework`) under grounded semantics (the default: what
every reader who accepts the verdicts must grant) or preferred semantics (for
cycles of attack: ``in`` when the claim is in every preferred reading). The
strength is DF-QuAD's (:mod:`argmap.evaluation.strength`).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence

import attrs

from argmap.analysis.argument_map import ArgumentMap

from . import dung
from .framework import Framework, build
from .strength import Strengths, dfquad
from .verdicts import Assumption, Judgement, check_assumptions, judge, link_weights

__all__ = ["Evaluation", "Semantics", "Status", "evaluate", "labels_of"]


class Status(enum.Enum):
    """Whether a claim (or an inference) stands."""

    IN = "in"
    """It stands."""
    OUT = "out"
    """It does not stand: defeated, rejected, or no reason for it stands."""
    UNDECIDED = "undecided"
    """Neither: it hangs on something undecided (a doubt, a cycle of attack)."""


STATUS = (Status.IN, Status.OUT, Status.UNDECIDED)
"""The status of each of :mod:`~argmap.evaluation.dung`'s labels."""


class Semantics(enum.Enum):
    """How the framework's labels are chosen."""

    GROUNDED = "grounded"
    """The least committed reading: only what follows whatever one makes of the cycles."""
    PREFERRED = "preferred"
    """Every maximal consistent reading of the cycles; a claim is ``in`` when it is in all of them."""


@attrs.frozen(eq=False)
class Evaluation:
    """What follows from the reader's verdicts, for every claim and inference of a map."""

    amap: ArgumentMap
    semantics: Semantics
    judgements: Mapping[str, Judgement]
    assumptions: tuple[Assumption, ...]
    framework: Framework
    labels: tuple[int, ...]
    """The label of each argument of the framework under :attr:`semantics`."""
    grounded: tuple[int, ...]
    """The grounded label of each argument (what explanations are built on)."""
    rounds: tuple[int, ...]
    """The round of the grounded labelling in which each argument was labelled (0: undecided)."""
    credulous: frozenset[int]
    """Under preferred semantics: the arguments ``in`` in at least one preferred reading."""
    readings: int
    """Under preferred semantics: how many preferred readings there are (1 under grounded)."""
    strengths: Strengths

    def status(self, claim_id: str) -> Status:
        """Whether the claim stands."""
        return STATUS[self.labels[self.framework.claim[claim_id]]]

    def inference_status(self, index: int) -> Status:
        """Whether the inference holds (``in``), fails (``out``) or is undecided."""
        return STATUS[self.labels[self.framework.inference[index]]]

    def strength(self, claim_id: str) -> float:
        """The claim's DF-QuAD strength, 0 to 1."""
        return self.strengths.claims[claim_id]

    def in_some_reading(self, claim_id: str) -> bool:
        """Under preferred semantics: whether some preferred reading has the claim ``in``."""
        return self.framework.claim[claim_id] in self.credulous

    def count(self, status: Status) -> int:
        """How many claims have this status."""
        return sum(1 for claim in self.amap.claims if self.status(claim.id) is status)


def labels_of(framework: Framework, semantics: Semantics) -> tuple[list[int], list[int], list[int], frozenset[int], int]:
    """The labels under ``semantics``, the grounded labels and rounds, the credulously
    accepted arguments, and the number of readings (raises :class:`dung.TooManyReadings`)."""
    grounded, rounds = dung.grounded(framework.attackers, framework.targets)
    if semantics is Semantics.GROUNDED:
        return grounded, grounded, rounds, frozenset(i for i, v in enumerate(grounded) if v == dung.IN), 1
    labels = list(grounded)
    credulous = {i for i, v in enumerate(grounded) if v == dung.IN}
    readings = 1
    for part in dung.preferred(framework.attackers, framework.targets, grounded):
        readings *= max(1, len(part))
        members = [i for i, v in enumerate(part[0]) if v != -1] if part else []
        for node in members:
            values = {labelling[node] for labelling in part}
            labels[node] = values.pop() if len(values) == 1 else dung.UNDEC
            if any(labelling[node] == dung.IN for labelling in part):
                credulous.add(node)
    return labels, grounded, rounds, frozenset(credulous), readings


def evaluate(
    amap: ArgumentMap,
    *,
    semantics: Semantics | str = Semantics.GROUNDED,
    assume: Sequence[Assumption] = (),
) -> Evaluation:
    """Evaluate a resolved map under the reader's verdicts (and ``assume``, laid over them).

    Raises :class:`~argmap.evaluation.verdicts.AssumptionError` for an
    assumption naming no claim, and :class:`~argmap.evaluation.dung.TooManyReadings`
    when preferred semantics meets more cycles than it can search.

    >>> import argmap
    >>> amap = argmap.resolve(argmap.parse('''
    ... main conclusion c: Cities should plant more trees.
    ... premise a: Trees cool streets.
    ... assumption b: Cooler streets are worth paying for.
    ...   eval: reject
    ... a + b -> c
    ... '''))
    >>> evaluate(amap).status("c")
    <Status.OUT: 'out'>
    """
    semantics = Semantics(semantics)
    assumptions = tuple(assume)
    check_assumptions(amap, assumptions)
    judgements = judge(amap, assumptions)
    framework = build(amap, judgements)
    labels, grounded, rounds, credulous, readings = labels_of(framework, semantics)
    return Evaluation(
        amap=amap,
        semantics=semantics,
        judgements=judgements,
        assumptions=assumptions,
        framework=framework,
        labels=tuple(labels),
        grounded=tuple(grounded),
        rounds=tuple(rounds),
        credulous=credulous,
        readings=readings,
        strengths=dfquad(amap, judgements, link_weights(amap)),
    )
