"""Inferences in the key's terms: a :class:`Step` names premises and target by key claim ids.

A student's inference is translated into the key's ids through the alignment
(:func:`~argmap.teaching.align.translation`); a student claim the key does not
have is ``student:ID``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from argmap.analysis.argument_map import ArgumentMap
from argmap.core.model import LinkType

__all__ = ["STUDENT", "Step", "key_step", "reduced", "refs_of", "student_step"]

STUDENT = "student:"
"""Prefix of a student claim with no counterpart in the key, in key-space references
(a ``:`` cannot occur in an id, so these never clash with key ids)."""


@attrs.frozen
class Step:
    """An inference in the key's terms: premises and target as key claim ids (or
    ``student:ID`` for a student claim the key does not have)."""

    type: LinkType
    premises: frozenset[str]
    target: str | Step
    """A claim, or for an undercut the step it attacks."""

    def words(self, order: Sequence[str] = ()) -> str:
        """The step written as in a map: ``a + b -> c``, ``u -x (a -> c)``; premises in ``order``."""
        rank = {name: n for n, name in enumerate(order)}
        names = sorted(self.premises, key=lambda name: (rank.get(name, len(rank)), name))
        target = self.target if isinstance(self.target, str) else f"({self.target.words(order)})"
        return f"{' + '.join(names)} {self.type.value} {target}"


def student_step(student: ArgumentMap, table: Mapping[str, str], index: int) -> Step:
    """A student inference as a :class:`Step`, its ids translated by ``table``."""
    inference = student.inferences[index]
    target: str | Step
    if inference.target is not None:
        target = table[inference.target]
    else:
        assert inference.target_inference is not None
        target = student_step(student, table, inference.target_inference)
    return Step(inference.type, frozenset(table[p] for p in inference.premises), target)


def key_step(key: ArgumentMap, index: int) -> Step:
    """A key inference as a :class:`Step`."""
    inference = key.inferences[index]
    target: str | Step
    if inference.target is not None:
        target = inference.target
    else:
        assert inference.target_inference is not None
        target = key_step(key, inference.target_inference)
    return Step(inference.type, frozenset(inference.premises), target)


def refs_of(step: Step) -> tuple[str, ...]:
    """Every claim a step involves: its premises and, through undercuts, its targets."""
    found = list(step.premises)
    target = step.target
    while not isinstance(target, str):
        found.extend(target.premises)
        target = target.target
    found.append(target)
    return tuple(dict.fromkeys(found))


def reduced(step: Step, absent: frozenset[str]) -> Step | None:
    """The step without premises that are optional claims the student left out; None if nothing is left."""
    target = step.target
    if isinstance(target, str):
        if target in absent:
            return None
    else:
        inner = reduced(target, absent)
        if inner is None:
            return None
        target = inner
    premises = step.premises - absent
    return Step(step.type, premises, target) if premises else None
