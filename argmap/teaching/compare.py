"""Compare a student's map with an answer key: align claims, diff links, score, give feedback.

:func:`compare` is pure: two resolved maps (and a :class:`Rubric`) in, a
:class:`Comparison` out. The steps, documented for teachers in ``docs/teaching.md``:

1. **Align claims** as one global assignment (:mod:`~argmap.teaching.align`): quotes, wording
   and the place in the map are evidence; every match has a confidence, and a teacher's
   confirmations are fixed first.
2. **Compare links** on the aligned claims, in passes (:mod:`~argmap.teaching.links`):
   alternatives the key accepts, exact matches, support drawn as attack and the reverse, arrows
   drawn the wrong way, linked premises drawn as separate reasons and the reverse, other
   differences in a linked group, undercuts of a step drawn otherwise, links aimed at the wrong
   claim; what is left of the key is missing, what is left of the student's map is extra.
3. **Compare kinds** (claim kind and statement ``kind:``) of the key's claims.
4. **Score** weighted items of the key by rubric line and by skill (:mod:`~argmap.teaching.score`),
   and rank the differences by the points they cost. A difference that rests on a match argmap is
   unsure of, or on a claim the student may have in unrecognised words, is marked uncertain: it
   is for the teacher, never told to the student as fact.

The feedback sentences are in :mod:`~argmap.teaching.differences` and
:mod:`~argmap.teaching.advice`; :mod:`~argmap.teaching.feedback` presents them.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from argmap.analysis.argument_map import ArgumentMap
from argmap.core.model import LinkType
from argmap.language.schema import parse_link_alternative, split_alternatives

from .align import Alignment, Match, align, translation
from .differences import (
    GROUPING_ISSUES,
    MISSING_LINK_ISSUES,
    WRONG_LINK_ISSUES,
    Difference,
    Issue,
    KeyLink,
    Line,
    LinkStatus,
    claim_kind_difference,
    extra_claim,
    extra_link,
    main_difference,
    missing_claim,
    statement_kind_difference,
)
from .kinds import accepted_kinds, claim_kind_matters, claim_kind_ok, is_optional, statement_kind
from .links import LinkDiff
from .rubric import DEFAULT_RUBRIC, Rubric
from .score import (
    Item,
    LineScore,
    Skill,
    SkillScore,
    item_points,
    key_weight,
    line_scores,
    link_skill,
    skill_scores,
    skill_weight,
)
from .steps import Step, student_step
from .wording import Hints, Words

__all__ = ["Comparison", "compare", "key_problems"]


@attrs.frozen
class Comparison:
    """Everything :func:`compare` found; :func:`feedback` and :meth:`to_json` present it."""

    student: ArgumentMap
    key: ArgumentMap
    rubric: Rubric
    alignment: Alignment
    missing: tuple[str, ...]
    """Required key claims the student does not have."""
    skipped: tuple[str, ...]
    """Optional key claims the student does not have (they cost nothing)."""
    extra: tuple[str, ...]
    """Student claims with no counterpart in the key."""
    main_ok: bool
    key_links: tuple[KeyLink, ...]
    extra_links: tuple[int, ...]
    """Indexes of the student inferences the key does not have."""
    differences: tuple[Difference, ...]
    """Costliest first; then in the order of :class:`Issue`, then of the key."""
    items: tuple[Item, ...]
    scores: tuple[LineScore, ...]
    skills: tuple[SkillScore, ...]
    partial: tuple[str, ...] = ()
    """The syntax errors of a file read only in part (what could not be read was left out)."""

    @property
    def matches(self) -> tuple[Match, ...]:
        """The aligned claims, in key order."""
        return self.alignment.matches

    @property
    def total(self) -> float:
        """The score: the lines' points less the deductions, never below 0."""
        return round(max(0.0, sum(score.points for score in self.scores)), 2)

    @property
    def maximum(self) -> float:
        """The most a map can score under the rubric."""
        return self.rubric.total

    @property
    def percent(self) -> float:
        """The score as a percentage of the maximum."""
        return round(100.0 * self.total / self.maximum, 1) if self.maximum else 0.0

    def score(self, line: Line) -> LineScore:
        """The score of one rubric line."""
        for score in self.scores:
            if score.line is line:
                return score
        raise KeyError(line)

    def skill(self, skill: Skill) -> SkillScore | None:
        """The score of one skill, or None when the key does not ask for it."""
        return next((found for found in self.skills if found.skill is skill), None)

    def student_for(self, key_id: str) -> str | None:
        """The student's claim aligned with a key claim, if any."""
        return next((m.student for m in self.matches if m.key == key_id), None)

    def extra_steps(self) -> tuple[Step, ...]:
        """The student's extra links, in the key's terms."""
        table = translation(self.student, self.matches)
        return tuple(student_step(self.student, table, index) for index in self.extra_links)

    def to_confirm(self) -> tuple[Match, ...]:
        """The matches a teacher should confirm."""
        return tuple(m for m in self.matches if m.review)

    def to_json(self) -> dict[str, object]:
        """Everything as plain data (docs/teaching.md describes the shape)."""
        order = [claim.id for claim in self.key.claims]
        return {
            "score": {
                "total": self.total,
                "max": self.maximum,
                "percent": self.percent,
                "lines": [score.to_json() for score in self.scores],
                "skills": [skill.to_json() for skill in self.skills],
            },
            "main_conclusion": {"right": self.main_ok, "key": self.key.main, "student": self.student.main},
            "claims": {
                "matched": [
                    {
                        "key": m.key, "student": m.student, "by": m.method.value, "score": m.score,
                        "confidence": m.confidence, "review": m.review,
                        "evidence": {"quote": m.quote, "wording": m.wording, "place": m.place},
                    }
                    for m in self.matches
                ],
                "missing": list(self.missing),
                "skipped": list(self.skipped),
                "extra": list(self.extra),
                "possible": {k: list(v) for k, v in self.alignment.possible.items()},
            },
            "links": {
                "key": [
                    {
                        "index": link.index,
                        "link": link.step.words(order),
                        "status": link.status.value,
                        "issue": link.issue.value if link.issue is not None else None,
                        "student": list(link.student),
                        "optional": link.optional,
                        "credit": link.credit,
                    }
                    for link in self.key_links
                ],
                "extra": [
                    {"student": index, "link": step.words(order)}
                    for index, step in zip(self.extra_links, self.extra_steps(), strict=True)
                ],
            },
            "differences": [difference.to_json() for difference in self.differences],
            "partial": list(self.partial),
        }


def key_problems(key: ArgumentMap) -> tuple[str, ...]:
    """What makes a map unusable as a key beyond its own errors: an ``alt:`` naming an unknown claim."""
    problems: list[str] = []
    for link in key.document.links:
        prop = next((p for p in link.properties if p.key == "alt"), None)
        if prop is None:
            continue
        for item in split_alternatives(prop.value):
            parsed = parse_link_alternative(item)
            if parsed is None:
                continue  # the resolver has reported it
            premises, _, _, target = parsed
            for name in dict.fromkeys((*premises, target)):
                if name not in key.by_id:
                    problems.append(
                        f"{key.path}:{prop.span.line}:{prop.span.column}: error: the alternative '{item}' "
                        f"names '{name}', which is no claim of the key"
                    )
    return tuple(problems)


def compare(
    student: ArgumentMap,
    key: ArgumentMap,
    rubric: Rubric = DEFAULT_RUBRIC,
    *,
    confirmed: dict[str, str | None] | None = None,
    partial: tuple[str, ...] = (),
) -> Comparison:
    """Compare a student's map with the key: alignment, differences, scores and feedback.

    ``confirmed`` maps student claim ids to the key claim a teacher says each is (``None``: none);
    ``partial`` holds the syntax errors of a file that could be read only in part."""
    alignment = align(student, key, rubric, confirmed)
    matches = alignment.matches
    table = translation(student, matches)
    mine = {m.key: m.student for m in matches}
    optional = frozenset(claim.id for claim in key.claims if is_optional(claim.properties))
    absent = frozenset(claim.id for claim in key.claims if claim.id not in mine and claim.id in optional)
    missing = tuple(claim.id for claim in key.claims if claim.id not in mine and claim.id not in optional)
    taken = set(mine.values())
    extra = tuple(claim.id for claim in student.claims if claim.id not in taken)
    words = Words(student, key, matches)
    differences: list[Difference] = [
        Difference(Issue.SYNTAX_ERROR, "", Hints.same(error), Line.CLAIMS, certain=True) for error in partial
    ]

    main_ok = student.main is not None and table.get(student.main) == key.main
    if not main_ok and key.main is not None:
        differences.append(main_difference(student, key, table, words))

    links = LinkDiff(student, key, table, absent, words)
    links.run()
    differences.extend(links.differences)
    differences.extend(missing_claim(key, claim_id, words, links.original) for claim_id in missing)
    extra_links = tuple(links.open_students)
    differences.extend(extra_link(student, links.theirs[j], j, words, key, rubric) for j in extra_links)
    differences.extend(extra_claim(student, claim_id, rubric) for claim_id in extra)
    items = [
        *_claim_items(student, key, rubric, mine, optional, main_ok, differences),
        *_link_items(key, rubric, links, mine),
    ]

    key_links = tuple(
        KeyLink(
            index=i,
            step=links.original[i],
            status=links.status[i][0],
            issue=links.status[i][1],
            student=links.status[i][2],
            optional=i in links.optional,
            credit=_link_credit(items, i),
        )
        for i in sorted(links.status)
    )
    scores = line_scores(items, rubric, differences)
    ranked = _ranked(_certainty(differences, alignment, student, key, bool(partial)), items, rubric)
    order = [claim.id for claim in key.claims]
    return Comparison(
        student=student,
        key=key,
        rubric=rubric,
        alignment=alignment,
        missing=missing,
        skipped=tuple(sorted(absent, key=order.index)),
        extra=extra,
        main_ok=main_ok,
        key_links=key_links,
        extra_links=extra_links,
        differences=ranked,
        items=tuple(items),
        scores=scores,
        skills=skill_scores(items),
        partial=partial,
    )


def _claim_items(
    student: ArgumentMap,
    key: ArgumentMap,
    rubric: Rubric,
    mine: dict[str, str],
    optional: frozenset[str],
    main_ok: bool,
    differences: list[Difference],
) -> list[Item]:
    """The thesis, the claims and their kinds, as items; kind differences are added to ``differences``.

    In a map that gives statement kinds (``kind:``) at all, or when the rubric requires them, each
    key claim's statement kind is an item, and its claim kind where that is a choice on its own (an
    unstated assumption, a prediction, a recommendation; premise, conclusion and objection follow
    from the links, which are scored on their own) or where the student got it wrong. In a map
    that gives no statement kinds, each key claim's claim kind is an item.
    """
    items: list[Item] = []
    if key.main is not None:
        items.append(Item(Skill.THESIS, Line.MAIN, 1.0, 1.0 if main_ok else 0.0, claim=key.main))
    kinds_given = rubric.require_statement_kind or any(statement_kind(claim) for claim in student.claims)
    for claim in key.claims:
        theirs = student.by_id[mine[claim.id]] if claim.id in mine else None
        if claim.id in optional and theirs is None:
            continue
        if claim.id not in optional:
            weight = key_weight(claim.properties)
            items.append(Item(Skill.CLAIMS, Line.CLAIMS, weight, 0.0 if theirs is None else 1.0, claim=claim.id))
        right = theirs is not None and claim_kind_ok(claim, theirs, main=main_ok and claim.id == key.main)
        if not kinds_given or claim_kind_matters(claim) or (theirs is not None and not right):
            items.append(Item(Skill.KINDS, Line.KINDS, 1.0, 1.0 if right else 0.0, claim=claim.id))
        if theirs is not None and not right:
            differences.append(claim_kind_difference(claim, theirs))
        wanted = statement_kind(claim)
        if wanted is None or not kinds_given:
            continue
        given = statement_kind(theirs) if theirs is not None else None
        right = given is not None and (given == wanted or given in accepted_kinds(claim))
        items.append(Item(Skill.KINDS, Line.KINDS, 1.0, 1.0 if right else 0.0, claim=claim.id))
        if theirs is not None and not right:
            differences.append(statement_kind_difference(claim, theirs, wanted, given))
    return items


def _link_items(key: ArgumentMap, rubric: Rubric, links: LinkDiff, mine: Mapping[str, str]) -> list[Item]:
    """Each premise of each required link, and each linked-or-separate choice, as items.

    The choice is one item for each claim that two or more premises support: it is right when the
    map draws some of those supports and groups none of them otherwise."""
    items: list[Item] = []
    into: dict[object, list[int]] = {}
    for i, step in links.steps.items():
        if i in links.optional:
            continue
        if step.type is LinkType.SUPPORT:
            into.setdefault(step.target, []).append(i)
        skill = link_skill(key, links.original[i])
        weight = key_weight(key.inferences[i].link.properties) * skill_weight(skill, rubric)
        status = links.status[i][0]
        drawn = links.drawn_arrows(i)
        for premise in sorted(step.premises):
            credit = 1.0 if premise in drawn else rubric.target_credit if status is LinkStatus.WRONG_TARGET else 0.0
            items.append(Item(skill, Line.LINKS, weight, credit, links=(i,)))
    for group in into.values():
        if sum(len(links.steps[i].premises) for i in group) < 2:
            continue
        statuses = [links.status[i][0] for i in group]
        some = any(status in (LinkStatus.RIGHT, LinkStatus.ALTERNATIVE, LinkStatus.GROUPING) for status in statuses)
        right = some and not any(_grouped_otherwise(links, i, mine) for i in group)
        weight = max(key_weight(key.inferences[i].link.properties) for i in group) * rubric.linked_weight
        items.append(Item(Skill.LINKED, Line.LINKS, weight, 1.0 if right else 0.0, links=tuple(group)))
    return items


def _grouped_otherwise(links: LinkDiff, index: int, mine: Mapping[str, str]) -> bool:
    """Whether a key link was drawn with other grouping: linked where separate, separate where
    linked, other partners. A linked reason drawn without a partner the map does not have at all
    is a missing claim, not a grouping the student chose."""
    status, issue, _ = links.status[index]
    if status is not LinkStatus.GROUPING:
        return False
    if issue is Issue.MISSING_CO_PREMISE:
        left_out = links.steps[index].premises - links.drawn_arrows(index)
        return any(ref in mine for ref in left_out)
    return True


def _link_credit(items: list[Item], index: int) -> float:
    mine = [item for item in items if item.links == (index,)]
    total = sum(item.weight for item in mine)
    return round(sum(item.weight * item.credit for item in mine) / total, 4) if total else 1.0


def _certainty(
    differences: list[Difference], alignment: Alignment, student: ArgumentMap, key: ArgumentMap, partial: bool
) -> list[Difference]:
    """Mark what rests on an unsure match, on a claim the student may have in other words, or on a
    part of the file that could not be read: for the teacher, not for the student."""
    unsure_students = {m.student for m in alignment.matches if m.review}
    unsure_keys = {m.key for m in alignment.matches if m.review}
    maybe = set(alignment.possible)
    unread = (Issue.MISSING_CLAIM, Issue.MAIN_WRONG, *MISSING_LINK_ISSUES, *GROUPING_ISSUES)
    marked = []
    for d in differences:
        doubt = bool(set(d.student_claims) & unsure_students or set(d.key_claims) & (unsure_keys | maybe))
        if d.issue is Issue.MAIN_WRONG and key.main in maybe:
            doubt = True
        if partial and d.issue in unread:
            doubt = True
        marked.append(attrs.evolve(d, certain=False) if doubt else d)
    return marked


def _ranked(differences: list[Difference], items: list[Item], rubric: Rubric) -> tuple[Difference, ...]:
    """The differences with their cost, costliest first (then in the order of :class:`Issue`)."""
    rank = {issue: n for n, issue in enumerate(Issue)}

    def cost(d: Difference) -> float:
        if d.issue is Issue.SYNTAX_ERROR:
            return rubric.total
        if d.issue is Issue.EXTRA_LINK:
            return rubric.extra_link if d.counted else 0.0
        if d.issue is Issue.EXTRA_CLAIM:
            return rubric.extra_claim if d.counted else 0.0
        if d.line is Line.LINKS:
            mine = [item for item in items if set(item.links) & set(d.key_links)]
            extra = rubric.wrong_link if d.issue in WRONG_LINK_ISSUES and d.counted else 0.0
            return round(extra + sum(item_points(item, items, rubric) for item in mine), 2)
        if d.issue is Issue.MAIN_WRONG:
            mine = [item for item in items if item.skill is Skill.THESIS]
        elif d.issue is Issue.MISSING_CLAIM:
            mine = [item for item in items if item.claim == d.subject]
        else:
            mine = [item for item in items if item.claim == d.subject and item.line is d.line]
        return round(sum(item_points(item, items, rubric) for item in mine), 2)

    costed = [attrs.evolve(d, cost=cost(d)) for d in differences]
    return tuple(sorted(costed, key=lambda d: (-d.cost, rank[d.issue])))
