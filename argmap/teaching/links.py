"""The link passes of a comparison: how the student drew each inference of the key.

In the order of :mod:`argmap.teaching.compare`'s description: alternatives the
key accepts, exact matches, support drawn as attack and the reverse, arrows
drawn the wrong way, linked premises drawn as separate reasons and the
reverse, other differences in a linked group, links aimed at the wrong claim;
what is left of the key is missing, what is left of the student's map is extra.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from argmap.analysis.argument_map import ArgumentMap
from argmap.core.model import ClaimKind, LinkType
from argmap.language.schema import parse_link_alternative, split_alternatives

from .differences import Difference, Issue, Line, LinkStatus, missing_issue
from .kinds import is_optional
from .steps import STUDENT, Step, key_step, reduced, refs_of, student_step
from .wording import Words, they

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
        self, issue: Issue, keys: Sequence[int], students: Sequence[int], message: str, refs: Iterable[str] = ()
    ) -> None:
        claims = dict.fromkeys([*(r for i in keys for r in refs_of(self.original[i])), *refs])
        self.differences.append(
            Difference(
                issue=issue,
                subject="; ".join(self.original[i].words(self.order) for i in keys),
                message=message,
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
        self.wrong_target()
        self.missing()

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
        w = self.words
        for i in list(self.open_keys):
            step = self.steps[i]
            other = LinkType.ATTACK if step.type is LinkType.SUPPORT else LinkType.SUPPORT
            j = self.find(Step(other, step.premises, step.target))
            if j is None:
                continue
            issue = Issue.SUPPORT_AS_ATTACK if step.type is LinkType.SUPPORT else Issue.ATTACK_AS_SUPPORT
            self.settle(i, LinkStatus.WRONG_TYPE, issue, [j])
            self.differ(issue, [i], [j], _flipped_message(w, step))

    def reversed(self) -> None:
        w = self.words
        for i in list(self.open_keys):
            step = self.steps[i]
            if len(step.premises) != 1 or not isinstance(step.target, str):
                continue
            (premise,) = step.premises
            for j in list(self.open_students):
                theirs = self.theirs[j]
                if theirs.premises == frozenset({step.target}) and theirs.target == premise:
                    verb = "supports" if step.type is LinkType.SUPPORT else "attacks"
                    message = (
                        f"Your map draws the arrow from {w.q(step.target)} to {w.q(premise)}, but in the text "
                        f"{w.q(premise)} is the reason and {w.q(step.target)} the claim it {verb}. Ask which "
                        "of the two the author gives you so that you will believe the other."
                    )
                    self.settle(i, LinkStatus.REVERSED, Issue.REVERSED, [j])
                    self.differ(Issue.REVERSED, [i], [j], message)
                    break

    def linked_as_separate(self) -> None:
        w = self.words
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
                first, *rest = sorted(drawn, key=w.order)
                kind = "reasons for" if step.type is LinkType.SUPPORT else "objections to"
                message = (
                    f"Your map treats {w.claims(drawn)} as separate {kind} {w.target(step.target)}; in the "
                    f"text they only work together. What does {w.q(first)} need {w.claims(rest)} for?"
                )
                if left_out:
                    message += f" The text joins {w.claims(left_out)} to them as well."
            else:
                issue = Issue.MISSING_CO_PREMISE
                message = _co_premise_message(w, self.key, drawn, left_out, step)
            self.settle(i, LinkStatus.GROUPING, issue, parts)
            self.differ(issue, [i], parts, message)

    def separate_as_linked(self) -> None:
        w = self.words
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
            target = w.target(theirs.target)
            if len(parts) >= 2:
                issue = Issue.SEPARATE_AS_LINKED
                groups = [self.steps[i].premises for i in parts]
                if all(len(group) == 1 for group in groups):
                    separate = "each is a reason on its own"
                else:
                    separate = f"they make {len(groups)} separate reasons: " + "; ".join(
                        w.claims(group) if len(group) == 1 else w.claims(group).replace(" and ", " with ", 1)
                        for group in groups
                    )
                message = (
                    f"Your map joins {w.claims(covered)} with '+', as if they only worked together for "
                    f"{target}; in the text {separate}. Cover one reason up: does the other still "
                    f"give some reason for {target}?"
                )
            elif all(ref.startswith(STUDENT) for ref in added):
                # The student completed a reason with a co-premise of their own (an assumption,
                # as a careful map does): the key's link is drawn; the new claim is shown as extra.
                self.settle(parts[0], LinkStatus.RIGHT, None, [j])
                continue
            else:
                issue = Issue.EXTRA_CO_PREMISE
                mine = self.steps[parts[0]].premises
                message = (
                    f"Your map joins {w.claims(added)} to {w.claims(mine)} as one reason for {target}; in the "
                    f"text {w.claims(mine)} {they(mine, 'does', 'do')} the job without "
                    f"{they(added, 'it', 'them')}. Is {w.claims(added)} needed for this step?"
                )
            for i in parts:
                self.settle(i, LinkStatus.GROUPING, issue, [j])
            self.differ(issue, parts, [j], message)

    def overlapping(self) -> None:
        w = self.words
        for i in list(self.open_keys):
            step = self.steps[i]
            for j in self.same_end(step):
                theirs = self.theirs[j]
                if not theirs.premises & step.premises:
                    continue
                yours, wanted = theirs.premises - step.premises, step.premises - theirs.premises
                message = (
                    f"Your map joins {w.claims(theirs.premises)} as one reason for {w.target(step.target)}; "
                    f"in the text the reason is {w.claims(step.premises)}. Compare {w.claims(yours)} with "
                    f"{w.claims(wanted)}: which of them does the step rely on?"
                )
                self.settle(i, LinkStatus.GROUPING, Issue.GROUP_DIFFERS, [j])
                self.differ(Issue.GROUP_DIFFERS, [i], [j], message, yours)
                break

    def wrong_target(self) -> None:
        w = self.words
        for i in list(self.open_keys):
            step = self.steps[i]
            for j in self.open_students:
                theirs = self.theirs[j]
                if theirs.type is not step.type or theirs.premises != step.premises:
                    continue
                support = step.type is LinkType.SUPPORT
                premises = w.claims(step.premises)
                message = (
                    f"Your map has {premises} {'supporting' if support else 'attacking'} "
                    f"{w.target(theirs.target)}; in the text {they(step.premises, 'it', 'they')} "
                    f"{'support' + they(step.premises, 's', '') if support else 'answer' + they(step.premises, 's', '')} "
                    f"{w.target(step.target)}. Which claim exactly does the author "
                    f"{'give it as a reason for' if support else 'aim it at'}?"
                )
                refs = [theirs.target] if isinstance(theirs.target, str) else []
                self.settle(i, LinkStatus.WRONG_TARGET, Issue.WRONG_TARGET, [j])
                self.differ(Issue.WRONG_TARGET, [i], [j], message, refs)
                break

    def missing(self) -> None:
        w = self.words
        for i in list(self.open_keys):
            step = self.steps[i]
            issue = missing_issue(self.key, self.original[i])
            self.settle(i, LinkStatus.MISSING, issue, [])
            self.differ(issue, [i], [], _missing_message(w, issue, step))


# --- the sentences -------------------------------------------------------------------


def _flipped_message(w: Words, step: Step) -> str:
    """Support drawn as attack, or attack as support."""
    premises, target = w.claims(step.premises), w.target(step.target)
    if step.type is LinkType.SUPPORT:
        return (
            f"Your map has {premises} attacking {target}, but in the text "
            f"{they(step.premises, 'it is a reason', 'they are reasons')} for it. "
            f"{they(step.premises, 'Does', 'Do')} {premises} make {target} more believable, or less?"
        )
    return (
        f"Your map has {premises} supporting {target}, but in the text "
        f"{they(step.premises, 'it speaks', 'they speak')} against it. "
        f"{they(step.premises, 'Does', 'Do')} {premises} make {target} more believable, or less?"
    )


def _co_premise_message(w: Words, key: ArgumentMap, drawn: frozenset[str], left_out: frozenset[str], step: Step) -> str:
    """A linked reason drawn with only some of its premises."""
    support = step.type is LinkType.SUPPORT
    partner = w.claims(left_out)
    if all(key.by_id[r].kind is ClaimKind.ASSUMPTION for r in left_out):
        partner = they(left_out, "an unstated assumption, ", "unstated assumptions, ") + partner
    target = w.target(step.target)
    message = (
        f"Your map has {w.claims(drawn)} {'supporting' if support else 'attacking'} {target} on "
        f"{they(drawn, 'its', 'their')} own; in the text {they(drawn, 'it does', 'they do')} so only "
        f"together with {partner}."
    )
    missing = [r for r in left_out if r not in w.mine]
    if missing:
        message += f" Your map does not have {they(missing, 'that claim', 'those claims')} yet."
    if partner.startswith(("an unstated", "unstated")):
        message += (
            f" What else must be true for {w.claims(drawn)} to "
            f"{'support' if support else 'count against'} {target}?"
        )
    else:
        message += " How do they work together?"
    return message


def _missing_message(w: Words, issue: Issue, step: Step) -> str:
    """A link of the key that the student did not draw."""
    premises, target = w.claims(step.premises), w.target(step.target)
    if issue is Issue.MISSING_SUPPORT:
        message = (
            f"Your map has {premises} and {target} but draws no link between them: in the text, "
            f"{premises} {they(step.premises, 'supports', 'together support')} {target}."
        )
    elif issue is Issue.MISSING_UNDERCUT:
        message = (
            f"Your map does not draw {premises} against {target}: in the text "
            f"{they(step.premises, 'it says', 'they say')} that this step does not follow."
        )
    elif issue is Issue.MISSING_REBUTTAL:
        message = (
            f"Your map does not draw {premises} as an answer to the objection {target}: "
            f"in the text {they(step.premises, 'it rebuts', 'they rebut')} it."
        )
    else:
        message = (
            f"Your map does not draw {premises} as an objection to {target}: in the text "
            f"{they(step.premises, 'it speaks', 'they speak')} against it."
        )
    return message
