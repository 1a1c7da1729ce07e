"""The link passes of a comparison: how the student drew each inference of the key.

In the order of :mod:`argmap.teaching.compare`'s description: alternatives the
key accepts, exact matches, support drawn as attack and the reverse, arrows
drawn the wrong way, linked premises drawn as separate reasons and the
reverse, other differences in a linked group, undercuts of a step the student
drew otherwise, links aimed at the wrong claim; what is left of the key is
missing, what is left of the student's map is extra. The sentences, at three
levels of help, are in :mod:`argmap.teaching.advice`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from argmap.analysis.argument_map import ArgumentMap
from argmap.core.model import LinkType
from argmap.language.schema import parse_link_alternative, split_alternatives

from . import advice
from .differences import Difference, Issue, Line, LinkStatus, missing_issue
from .kinds import is_optional
from .steps import STUDENT, Step, key_step, reduced, refs_of, student_step
from .wording import Hints, Words

__all__ = ["LinkDiff"]


class LinkDiff:
    """The link passes, in the order of the module's docstring."""

    def __init__(
        self, student: ArgumentMap, key: ArgumentMap, table: Mapping[str, str], absent: frozenset[str], words: Words
    ) -> None:
        self.key = key
        self.student = student
        self.words = words
        self.order = [claim.id for claim in key.claims]
        self.original = {i: key_step(key, i) for i in range(len(key.inferences))}
        self.optional: set[int] = set()
        self.steps: dict[int, Step] = {}
        for index, step in self.original.items():
            less = reduced(step, absent)
            if is_optional(key.inferences[index].link.properties) or less is None:
                self.optional.add(index)
            self.steps[index] = less if less is not None else step
        self.theirs = {j: student_step(student, table, j) for j in range(len(student.inferences))}
        self.open_keys = list(self.steps)
        self.open_students = list(self.theirs)
        self.status: dict[int, tuple[LinkStatus, Issue | None, tuple[int, ...]]] = {}
        self.differences: list[Difference] = []

    def settle(self, index: int, status: LinkStatus, issue: Issue | None, students: Sequence[int]) -> None:
        self.status[index] = (status, issue, tuple(students))
        self.open_keys.remove(index)
        for j in students:
            if j in self.open_students:
                self.open_students.remove(j)

    def differ(
        self, issue: Issue, keys: Sequence[int], students: Sequence[int], hints: Hints, refs: Iterable[str] = ()
    ) -> None:
        claims = dict.fromkeys([*(r for i in keys for r in refs_of(self.original[i])), *refs])
        self.differences.append(
            Difference(
                issue=issue,
                subject="; ".join(self.original[i].words(self.order) for i in keys),
                hints=hints,
                line=Line.LINKS,
                key_claims=tuple(c for c in claims if not c.startswith(STUDENT)),
                student_claims=tuple(
                    dict.fromkeys(p for j in students for p in self.student.inferences[j].premises)
                ),
                key_links=tuple(keys),
                student_links=tuple(students),
                counted=not all(i in self.optional for i in keys),
            )
        )

    def find(self, step: Step) -> int | None:
        return next((j for j in self.open_students if self.theirs[j] == step), None)

    def same_end(self, step: Step) -> list[int]:
        return [
            j for j in self.open_students
            if self.theirs[j].type is step.type and self.theirs[j].target == step.target
        ]

    def run(self) -> None:
        self.alternatives()
        self.exact()
        self.flipped()
        self.reversed()
        self.linked_as_separate()
        self.separate_as_linked()
        self.overlapping()
        self.undercuts_of_drawn_steps()
        self.wrong_target()
        self.missing()

    def drawn_arrows(self, index: int) -> frozenset[str]:
        """The premises of a key link whose arrow (premise, type, target) the student drew, however grouped."""
        status, _, students = self.status[index]
        step = self.steps[index]
        if status in (LinkStatus.RIGHT, LinkStatus.ALTERNATIVE):
            return step.premises
        if status is not LinkStatus.GROUPING:
            return frozenset()
        return frozenset(
            p for p in step.premises
            for j in students
            if p in self.theirs[j].premises and self.theirs[j].type is step.type
            and self.theirs[j].target == step.target
        )

    def alternatives(self) -> None:
        """A key link whose ``alt:`` the student drew, instead of the link itself, is right."""
        for link in self.key.document.links:
            prop = next((p for p in link.properties if p.key == "alt"), None)
            if prop is None:
                continue
            primary = [i for i in self.open_keys if self.key.inferences[i].link is link]
            if not primary or all(self.find(self.steps[i]) is not None for i in primary):
                continue
            for item in split_alternatives(prop.value):
                parsed = parse_link_alternative(item)
                if parsed is None:
                    continue
                premises, linked, link_type, target = parsed
                groups = [premises] if linked else [(p,) for p in premises]
                found = [self.find(Step(link_type, frozenset(group), target)) for group in groups]
                drawn = [j for j in found if j is not None]
                if len(drawn) == len(groups) and len(set(drawn)) == len(drawn):
                    for i in primary:
                        self.settle(i, LinkStatus.ALTERNATIVE, None, drawn)
                    break

    def exact(self) -> None:
        for i in list(self.open_keys):
            j = self.find(self.steps[i])
            if j is not None:
                self.settle(i, LinkStatus.RIGHT, None, [j])

    def flipped(self) -> None:
        """Support drawn as attack, or attack as support."""
        for i in list(self.open_keys):
            step = self.steps[i]
            other = LinkType.ATTACK if step.type is LinkType.SUPPORT else LinkType.SUPPORT
            j = self.find(Step(other, step.premises, step.target))
            if j is None:
                continue
            issue = Issue.SUPPORT_AS_ATTACK if step.type is LinkType.SUPPORT else Issue.ATTACK_AS_SUPPORT
            self.settle(i, LinkStatus.WRONG_TYPE, issue, [j])
            self.differ(issue, [i], [j], advice.flipped(self.words, step))

    def reversed(self) -> None:
        for i in list(self.open_keys):
            step = self.steps[i]
            if len(step.premises) != 1 or not isinstance(step.target, str):
                continue
            (premise,) = step.premises
            for j in list(self.open_students):
                theirs = self.theirs[j]
                if theirs.premises == frozenset({step.target}) and theirs.target == premise:
                    self.settle(i, LinkStatus.REVERSED, Issue.REVERSED, [j])
                    self.differ(Issue.REVERSED, [i], [j], advice.reversed_arrow(self.words, step))
                    break

    def linked_as_separate(self) -> None:
        for i in list(self.open_keys):
            step = self.steps[i]
            if len(step.premises) < 2:
                continue
            parts = [j for j in self.same_end(step) if self.theirs[j].premises < step.premises]
            if not parts:
                continue
            drawn: frozenset[str] = frozenset().union(*(self.theirs[j].premises for j in parts))
            left_out = step.premises - drawn
            if len(parts) >= 2:
                issue = Issue.LINKED_AS_SEPARATE
                hints = advice.linked_as_separate(self.words, step, drawn, left_out)
            else:
                issue = Issue.MISSING_CO_PREMISE
                hints = advice.co_premise(self.words, self.key, drawn, left_out, step)
            self.settle(i, LinkStatus.GROUPING, issue, parts)
            self.differ(issue, [i], parts, hints)

    def separate_as_linked(self) -> None:
        for j in list(self.open_students):
            theirs = self.theirs[j]
            if len(theirs.premises) < 2:
                continue
            parts = [
                i for i in self.open_keys
                if self.steps[i].type is theirs.type
                and self.steps[i].target == theirs.target
                and self.steps[i].premises < theirs.premises
            ]
            if not parts:
                continue
            covered: frozenset[str] = frozenset().union(*(self.steps[i].premises for i in parts))
            added = theirs.premises - covered
            if len(parts) >= 2:
                issue = Issue.SEPARATE_AS_LINKED
                hints = advice.separate_as_linked(self.words, theirs, [self.steps[i] for i in parts], covered)
            elif all(ref.startswith(STUDENT) for ref in added):
                # The student completed a reason with a co-premise of their own (an assumption,
                # as a careful map does): the key's link is drawn; the new claim is shown as extra.
                self.settle(parts[0], LinkStatus.RIGHT, None, [j])
                continue
            else:
                issue = Issue.EXTRA_CO_PREMISE
                hints = advice.extra_co_premise(self.words, theirs, self.steps[parts[0]], added)
            for i in parts:
                self.settle(i, LinkStatus.GROUPING, issue, [j])
            self.differ(issue, parts, [j], hints)

    def overlapping(self) -> None:
        for i in list(self.open_keys):
            step = self.steps[i]
            for j in self.same_end(step):
                theirs = self.theirs[j]
                if not theirs.premises & step.premises:
                    continue
                yours = theirs.premises - step.premises
                self.settle(i, LinkStatus.GROUPING, Issue.GROUP_DIFFERS, [j])
                self.differ(Issue.GROUP_DIFFERS, [i], [j], advice.group_differs(self.words, step, theirs), yours)
                break

    def undercuts_of_drawn_steps(self) -> None:
        """An undercut aimed at the student's version of the key's step (drawn with other grouping) is
        right: the grouping is counted once, where it was drawn."""
        for i in list(self.open_keys):
            inference = self.key.inferences[i]
            if inference.target_inference is None or inference.target_inference not in self.status:
                continue
            drawn_as = self.status[inference.target_inference][2]
            step = self.steps[i]
            for j in self.open_students:
                mine = self.student.inferences[j]
                theirs = self.theirs[j]
                if theirs.type is step.type and theirs.premises == step.premises and mine.target_inference in drawn_as:
                    self.settle(i, LinkStatus.RIGHT, None, [j])
                    break

    def wrong_target(self) -> None:
        for i in list(self.open_keys):
            step = self.steps[i]
            for j in self.open_students:
                theirs = self.theirs[j]
                if theirs.type is not step.type or theirs.premises != step.premises:
                    continue
                refs = [theirs.target] if isinstance(theirs.target, str) else []
                self.settle(i, LinkStatus.WRONG_TARGET, Issue.WRONG_TARGET, [j])
                self.differ(Issue.WRONG_TARGET, [i], [j], advice.wrong_target(self.words, step, theirs), refs)
                break

    def missing(self) -> None:
        for i in list(self.open_keys):
            step = self.steps[i]
            issue = missing_issue(self.key, self.original[i])
            self.settle(i, LinkStatus.MISSING, issue, [])
            self.differ(issue, [i], [], advice.missing_link(self.words, issue, step))
