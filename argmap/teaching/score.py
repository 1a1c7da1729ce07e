"""Scoring a comparison: the points of each rubric line."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from argmap.analysis.argument_map import ArgumentMap

from .differences import Difference, Issue, KeyLink, Line, LinkStatus
from .rubric import Rubric

__all__ = ["LineScore", "line_scores", "link_credit"]


@attrs.frozen
class LineScore:
    """The points of one rubric line."""

    line: Line
    points: float
    maximum: float
    credited: float
    """Items credited (a near miss counts as its share)."""
    items: int
    """Items the line measures (none for the extras line, which only deducts)."""

    def to_json(self) -> dict[str, object]:
        """A plain dictionary for JSON output."""
        return {
            "line": self.line.value,
            "points": self.points,
            "max": self.maximum,
            "credited": self.credited,
            "items": self.items,
        }


def link_credit(status: LinkStatus, rubric: Rubric) -> float:
    """The share of a link's points its status earns."""
    if status in (LinkStatus.RIGHT, LinkStatus.ALTERNATIVE):
        return 1.0
    if status is LinkStatus.GROUPING:
        return rubric.grouping_credit
    if status is LinkStatus.WRONG_TARGET:
        return rubric.target_credit
    return 0.0


def _share(points: float, credited: float, items: int, empty: float) -> float:
    """``points`` times the credited share of ``items``; ``empty`` times them when there are none."""
    return round(points * credited / items, 2) if items else round(points * empty, 2)


def line_scores(
    key: ArgumentMap,
    rubric: Rubric,
    main_ok: bool,
    missing: Sequence[str],
    optional: frozenset[str],
    key_links: Sequence[KeyLink],
    kind_items: int,
    kind_credit: float,
    differences: Sequence[Difference],
) -> tuple[LineScore, ...]:
    required = [claim.id for claim in key.claims if claim.id not in optional]
    have = len(required) - len(missing)
    counted = [link for link in key_links if not link.optional]
    link_credit = sum(link.credit for link in counted)
    extra_links = sum(1 for d in differences if d.issue is Issue.EXTRA_LINK and d.counted)
    extra_claims = sum(1 for d in differences if d.issue is Issue.EXTRA_CLAIM)
    deduction = min(rubric.max_deduction, rubric.extra_link * extra_links + rubric.extra_claim * extra_claims)
    main = rubric.main if main_ok or key.main is None else 0.0
    return (
        LineScore(Line.MAIN, main, rubric.main, 1.0 if main else 0.0, 1),
        LineScore(Line.CLAIMS, _share(rubric.claims, have, len(required), 1.0), rubric.claims, have, len(required)),
        LineScore(
            Line.LINKS, _share(rubric.links, link_credit, len(counted), 1.0), rubric.links, link_credit, len(counted)
        ),
        LineScore(
            Line.KINDS, _share(rubric.kinds, kind_credit, kind_items, 0.0), rubric.kinds, kind_credit, kind_items
        ),
        LineScore(Line.EXTRAS, -round(deduction, 2) if deduction else 0.0, 0.0, 0.0, 0),
    )
