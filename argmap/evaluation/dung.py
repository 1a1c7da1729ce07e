"""Dung's abstract argumentation on integer-numbered arguments: grounded and preferred labellings.

An argumentation framework here is ``attackers``: for each argument ``0 … n-1``,
the arguments that attack it. A labelling gives each argument :data:`IN`,
:data:`OUT` or :data:`UNDEC` (Caminada 2006, "On the issue of reinstatement in
argumentation"): ``in`` when all its attackers are ``out``, ``out`` when some
attacker is ``in``.

- :func:`grounded`: the grounded labelling (Dung 1995, Def. 20: the least fixed
  point of the characteristic function), computed in linear time, with the
  round in which each argument was labelled (what explanations are built on).
- :func:`preferred`: the preferred labellings (Dung 1995, Def. 8: maximal
  admissible sets), found per connected part of what the grounded labelling
  leaves undecided (modularization: Baumann, Brewka and Ulbricht, KR 2020).
- :func:`grounded_extension` and :func:`preferred_extensions`: the same for
  named arguments, as extensions (the form other solvers use; the tests
  cross-check them against an independent implementation).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Iterable, Sequence
from typing import TypeVar

__all__ = [
    "IN",
    "OUT",
    "PREFERRED_BUDGET",
    "UNDEC",
    "TooManyReadings",
    "grounded",
    "grounded_extension",
    "preferred",
    "preferred_extensions",
    "targets_of",
]

IN, OUT, UNDEC = 0, 1, 2
"""The three labels, as small integers (a map of 10,000 claims has some 40,000 arguments)."""

PREFERRED_BUDGET = 20_000
"""How many steps the search for preferred labellings may take in one connected part of a map."""

A = TypeVar("A", bound=Hashable)


class TooManyReadings(Exception):
    """The preferred labellings of a part of the framework are too many to search through."""


def targets_of(attackers: Sequence[Sequence[int]]) -> list[list[int]]:
    """For each argument, the arguments it attacks."""
    targets: list[list[int]] = [[] for _ in attackers]
    for target, sources in enumerate(attackers):
        for source in sources:
            targets[source].append(target)
    return targets


def grounded(
    attackers: Sequence[Sequence[int]], targets: Sequence[Sequence[int]] | None = None
) -> tuple[list[int], list[int]]:
    """The grounded labelling, and for each argument the round it was labelled in (0: undecided).

    An argument with no attackers is ``in`` in round 1. An argument attacked by
    an argument ``in`` in round ``k`` is ``out`` in round ``k`` (the earliest such
    round); one whose attackers are all ``out`` is ``in`` in one round after the
    last of them. What is never labelled is undecided.
    """
    if targets is None:
        targets = targets_of(attackers)
    n = len(attackers)
    labels = [UNDEC] * n
    rounds = [0] * n
    alive = [len(set(sources)) for sources in attackers]
    queue = deque(argument for argument in range(n) if alive[argument] == 0)
    for argument in queue:
        rounds[argument] = 1
    while queue:
        argument = queue.popleft()
        labels[argument] = IN
        now = rounds[argument]
        for target in targets[argument]:
            if labels[target] != UNDEC or rounds[target]:
                continue  # already out (or queued as in, which cannot be: it has an attacker in)
            labels[target] = OUT
            rounds[target] = now
            for further in set(targets[target]):
                alive[further] -= 1
                if alive[further] == 0 and labels[further] == UNDEC and not rounds[further]:
                    rounds[further] = now + 1
                    queue.append(further)
    return labels, rounds


def preferred(
    attackers: Sequence[Sequence[int]],
    targets: Sequence[Sequence[int]] | None = None,
    base: Sequence[int] | None = None,
    budget: int = PREFERRED_BUDGET,
) -> list[list[list[int]]]:
    """The preferred labellings, part by part.

    ``base`` is the grounded labelling (computed when not given). Every
    preferred labelling extends it, and what it leaves undecided falls into
    connected parts that are read independently: the result is, for each part,
    the list of its preferred labellings (each a full-length label list, with
    ``-1`` outside the part). A preferred labelling of the whole is the grounded
    labelling with one labelling of each part laid over it.

    Raises :class:`TooManyReadings` when one part needs more than ``budget``
    search steps.
    """
    if targets is None:
        targets = targets_of(attackers)
    if base is None:
        base = grounded(attackers, targets)[0]
    undecided = [argument for argument, label in enumerate(base) if label == UNDEC]
    parts = []
    seen = set()
    for start in undecided:
        if start in seen:
            continue
        part = []
        stack = [start]
        seen.add(start)
        while stack:
            argument = stack.pop()
            part.append(argument)
            for other in (*attackers[argument], *targets[argument]):
                if base[other] == UNDEC and other not in seen:
                    seen.add(other)
                    stack.append(other)
        parts.append(_preferred_part(sorted(part), attackers, base, budget))
    return parts


def _preferred_part(
    part: list[int], attackers: Sequence[Sequence[int]], base: Sequence[int], budget: int
) -> list[list[int]]:
    """The preferred labellings of one connected part of the grounded-undecided arguments.

    A search for the complete labellings of the part (in the framework left
    when the grounded labelling is taken out, Baumann et al. 2020), each choice
    followed by the labels it forces; the preferred ones are those whose ``in``
    set no other contains.
    """
    inside = set(part)
    # Attackers that matter: those in the part (the others are out, or would have decided it).
    local_attackers = {a: [b for b in set(attackers[a]) if b in inside] for a in part}
    local_targets: dict[int, list[int]] = {a: [] for a in part}
    for a, sources in local_attackers.items():
        for b in sources:
            local_targets[b].append(a)
    found: list[dict[int, int]] = []
    steps = 0

    def check(label: dict[int, int], b: int, work: list[int]) -> bool:
        """Whether b's label can still be right given its attackers'; forces what follows."""
        sources = local_attackers[b]
        ins = outs = undec = 0
        open_ = []
        for s in sources:
            value = label.get(s)
            if value is None:
                open_.append(s)
            elif value == IN:
                ins += 1
            elif value == OUT:
                outs += 1
            else:
                undec += 1
        if ins:
            possible = {OUT}
        elif not open_:
            possible = {UNDEC} if undec else {IN}
        else:
            possible = {OUT, UNDEC} if undec else {IN, OUT, UNDEC}
        value = label.get(b)
        if value is None:
            if len(possible) == 1:
                label[b] = possible.pop()
                work.append(b)
            return True
        if value not in possible:
            return False
        if ins or not open_:
            return True
        # b's label is set and some attackers are open: what b's label needs of them
        forced = None
        if value == IN:
            for s in open_:
                label[s] = OUT
                work.append(s)
        elif value == OUT and len(open_) == 1:
            forced = IN
        elif value == UNDEC and not undec and len(open_) == 1:
            forced = UNDEC
        if forced is not None:
            label[open_[0]] = forced
            work.append(open_[0])
        return True

    def propagate(label: dict[int, int], changed: int) -> bool:
        work = [changed]
        while work:
            a = work.pop()
            for b in (a, *local_targets[a]):
                if not check(label, b, work):
                    return False
        return True

    def complete(label: dict[int, int]) -> bool:
        for b in part:
            values = [label[s] for s in local_attackers[b]]
            right = OUT if IN in values else UNDEC if UNDEC in values else IN
            if label[b] != right:
                return False
        return True

    def search(label: dict[int, int]) -> None:
        nonlocal steps
        steps += 1
        if steps > budget:
            raise TooManyReadings(f"more than {budget:,} steps for a part of {len(part):,} arguments")
        free = [a for a in part if a not in label]
        if not free:
            if complete(label):
                found.append(label)
            return
        choice = max(free, key=lambda a: len(local_attackers[a]) + len(local_targets[a]))
        for value in (IN, OUT, UNDEC):
            trial = dict(label)
            trial[choice] = value
            if propagate(trial, choice):
                search(trial)

    search({})
    ins = [frozenset(a for a, v in label.items() if v == IN) for label in found]
    keep = []
    done: set[frozenset[int]] = set()
    for index, in_set in enumerate(ins):
        if in_set in done or any(in_set < other for other in ins):
            continue
        done.add(in_set)
        labels = [-1] * len(base)
        for a, v in found[index].items():
            labels[a] = v
        keep.append(labels)
    return keep


def _number(arguments: Iterable[A], attacks: Iterable[tuple[A, A]]) -> tuple[list[A], list[list[int]]]:
    names = list(dict.fromkeys(arguments))
    index = {name: number for number, name in enumerate(names)}
    attackers: list[list[int]] = [[] for _ in names]
    for source, target in attacks:
        attackers[index[target]].append(index[source])
    return names, attackers


def grounded_extension(arguments: Iterable[A], attacks: Iterable[tuple[A, A]]) -> frozenset[A]:
    """The grounded extension of a framework of named arguments.

    >>> sorted(grounded_extension("abc", [("a", "b"), ("b", "c")]))
    ['a', 'c']
    """
    names, attackers = _number(arguments, attacks)
    labels = grounded(attackers)[0]
    return frozenset(name for name, label in zip(names, labels, strict=True) if label == IN)


def preferred_extensions(arguments: Iterable[A], attacks: Iterable[tuple[A, A]]) -> list[frozenset[A]]:
    """Every preferred extension of a framework of named arguments (there may be exponentially many).

    >>> sorted(sorted(e) for e in preferred_extensions("ab", [("a", "b"), ("b", "a")]))
    [['a'], ['b']]
    """
    names, attackers = _number(arguments, attacks)
    targets = targets_of(attackers)
    base = grounded(attackers, targets)[0]
    extensions = [frozenset(number for number, label in enumerate(base) if label == IN)]
    for part in preferred(attackers, targets, base):
        extensions = [
            extension | frozenset(number for number, label in enumerate(labels) if label == IN)
            for extension in extensions
            for labels in part
        ]
    return [frozenset(names[number] for number in extension) for extension in extensions]
