"""Scoring a comparison: weighted items of the key, by rubric line and by skill.

Everything a student can get right is an :class:`Item` of the key: the thesis; each required
claim; each premise of each required link (an arrow, weighted by the link's skill: a reason, an
objection, a rebuttal, an undercut); each claim two or more premises support (linked or separate,
as the key draws it); each claim's kind and statement kind. A key's ``worth:`` on a claim or a
link multiplies its items. A rubric line's points are shared among its items by weight, so a map
that has little of the key scores little on every line, and each :class:`Skill` is the share of
its items the map has right.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence

import attrs

from argmap.analysis.argument_map import ArgumentMap, Role
from argmap.core.model import LinkType, Property

from .differences import WRONG_LINK_ISSUES, Difference, Issue, Line
from .rubric import Rubric
from .steps import Step

__all__ = ["Item", "LineScore", "Skill", "SkillScore", "key_weight", "line_scores", "link_skill", "skill_scores"]


class Skill(enum.Enum):
    """What a map shows the student can do (values are stable: CSV, JSON)."""

    THESIS = "thesis"
    CLAIMS = "claims"
    REASONS = "reasons"
    LINKED = "linked"
    """Telling premises that work only together from separate reasons."""
    OBJECTIONS = "objections"
    REBUTTALS = "rebuttals"
    UNDERCUTS = "undercuts"
    KINDS = "kinds"


SKILL_WORDS = {
    Skill.THESIS: "main conclusion",
    Skill.CLAIMS: "claims",
    Skill.REASONS: "reasons",
    Skill.LINKED: "linked or separate",
    Skill.OBJECTIONS: "objections",
    Skill.REBUTTALS: "rebuttals",
    Skill.UNDERCUTS: "undercuts",
    Skill.KINDS: "kinds",
}
"""Each skill in words, for feedback and overviews."""


@attrs.frozen
class Item:
    """One thing of the key a map can get right."""

    skill: Skill
    line: Line
    weight: float
    credit: float
    """0 to 1: how much of it the map has."""
    claim: str | None = None
    """The key claim it is about (thesis, claim and kind items)."""
    links: tuple[int, ...] = ()
    """The key inferences it is about (link items; a linked-or-separate item has each one into its claim)."""

    @property
    def lost(self) -> float:
        """The weight the map does not have."""
        return self.weight * (1 - self.credit)


@attrs.frozen
class LineScore:
    """The points of one rubric line."""

    line: Line
    points: float
    maximum: float
    credited: float
    """Items credited (a near miss counts as its share; weighted)."""
    items: float
    """The items' total weight (none for the extras line, which only deducts)."""

    def to_json(self) -> dict[str, object]:
        """A plain dictionary for JSON output."""
        return {
            "line": self.line.value,
            "points": self.points,
            "max": self.maximum,
            "credited": self.credited,
            "items": self.items,
        }


@attrs.frozen
class SkillScore:
    """How much of one skill's items a map has right."""

    skill: Skill
    credited: float
    total: float
    right: int
    """Items fully right."""
    count: int
    """Items."""

    @property
    def percent(self) -> float:
        """The credited share of the weight, in per cent."""
        return round(100 * self.credited / self.total, 1) if self.total else 0.0

    def to_json(self) -> dict[str, object]:
        """A plain dictionary for JSON output."""
        return {"skill": self.skill.value, "percent": self.percent, "right": self.right, "items": self.count}


def key_weight(properties: Iterable[Property]) -> float:
    """A key claim's or link's ``worth:`` (1 when it has none)."""
    for prop in properties:
        if prop.key == "worth":
            try:
                return max(0.0, float(prop.value.strip()))
            except ValueError:
                return 1.0
    return 1.0


def link_skill(key: ArgumentMap, step: Step) -> Skill:
    """Which skill a link of the key asks for: a reason, an objection, a rebuttal or an undercut."""
    if step.type is LinkType.SUPPORT:
        return Skill.REASONS
    if not isinstance(step.target, str):
        return Skill.UNDERCUTS
    if key.roles.get(step.target, frozenset()) & {Role.OBJECTION, Role.REBUTTAL, Role.UNDERCUT}:
        return Skill.REBUTTALS
    return Skill.OBJECTIONS


def skill_weight(skill: Skill, rubric: Rubric) -> float:
    """The rubric's weight of one premise of a link of this skill."""
    return {
        Skill.REASONS: rubric.reason_weight,
        Skill.OBJECTIONS: rubric.objection_weight,
        Skill.REBUTTALS: rubric.rebuttal_weight,
        Skill.UNDERCUTS: rubric.undercut_weight,
        Skill.LINKED: rubric.linked_weight,
    }.get(skill, 1.0)


def _points(points: float, items: Sequence[Item], empty: float) -> tuple[float, float, float]:
    """(points, credited weight, total weight) of a line's items; ``empty`` × points when there are none."""
    total = sum(item.weight for item in items)
    credited = sum(item.weight * item.credit for item in items)
    if not total:
        return round(points * empty, 2), 0.0, 0.0
    return round(points * credited / total, 2), round(credited, 4), round(total, 4)


def line_scores(items: Sequence[Item], rubric: Rubric, differences: Sequence[Difference]) -> tuple[LineScore, ...]:
    """The points of each rubric line, and the extras' deduction."""
    maximum = {Line.MAIN: rubric.main, Line.CLAIMS: rubric.claims, Line.LINKS: rubric.links, Line.KINDS: rubric.kinds}
    scores = []
    for line, points in maximum.items():
        mine = [item for item in items if item.line is line]
        got, credited, total = _points(points, mine, 1.0 if line in (Line.MAIN, Line.LINKS) else 0.0)
        scores.append(LineScore(line, got, points, credited, total))
    extra_links = sum(1 for d in differences if d.issue is Issue.EXTRA_LINK and d.counted)
    extra_claims = sum(1 for d in differences if d.issue is Issue.EXTRA_CLAIM)
    wrong_links = sum(1 for d in differences if d.issue in WRONG_LINK_ISSUES and d.counted)
    deduction = min(
        rubric.max_deduction,
        rubric.extra_link * extra_links + rubric.extra_claim * extra_claims + rubric.wrong_link * wrong_links,
    )
    scores.append(LineScore(Line.EXTRAS, -round(deduction, 2) if deduction else 0.0, 0.0, 0.0, 0.0))
    return tuple(scores)


def skill_scores(items: Sequence[Item]) -> tuple[SkillScore, ...]:
    """Each skill the key asks for, in the order of :class:`Skill`."""
    found = []
    for skill in Skill:
        mine = [item for item in items if item.skill is skill]
        if not mine:
            continue
        found.append(
            SkillScore(
                skill,
                round(sum(i.weight * i.credit for i in mine), 4),
                round(sum(i.weight for i in mine), 4),
                sum(1 for i in mine if i.credit >= 1),
                len(mine),
            )
        )
    return tuple(found)


def item_points(item: Item, items: Sequence[Item], rubric: Rubric) -> float:
    """The points one item's loss costs on its line."""
    maximum = {Line.MAIN: rubric.main, Line.CLAIMS: rubric.claims, Line.LINKS: rubric.links, Line.KINDS: rubric.kinds}
    total = sum(i.weight for i in items if i.line is item.line)
    return maximum.get(item.line, 0.0) * item.lost / total if total else 0.0
