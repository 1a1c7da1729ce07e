"""Feedback: the student's (what went well, then a few ranked points at a hint level, nothing meant
for the teacher) and the teacher's report (every difference, the alignment with its confidence,
what to confirm).

The student's feedback never states what argmap is unsure of: a difference that rests on an unsure
match, or on a claim the student may have in words argmap did not recognise, is left to the
teacher (:attr:`Difference.certain`).
"""

from __future__ import annotations

import attrs

from argmap.core.model import LinkType

from .compare import Comparison
from .differences import GROUPING_ISSUES, MISSING_LINK_ISSUES, Difference, Issue, Line, LinkStatus
from .markup import markdown_text, plain_text
from .score import SKILL_WORDS, Skill
from .steps import refs_of
from .wording import Words, short

__all__ = [
    "DEFAULT_HINTS",
    "DEFAULT_POINTS",
    "Feedback",
    "Praise",
    "feedback",
    "make_feedback",
    "praise",
    "report_text",
    "shown",
]

DEFAULT_HINTS = 1
"""The hint level of the student's feedback unless the teacher asks for more: a question each."""
DEFAULT_POINTS = 3
"""At most this many points to work on in the student's feedback."""

LINE_NAMES = {
    Line.MAIN: "main conclusion",
    Line.CLAIMS: "claims",
    Line.LINKS: "links",
    Line.KINDS: "kinds",
    Line.EXTRAS: "extras",
}


def shown(comparison: Comparison) -> tuple[Difference, ...]:
    """The differences worth a point in the student's feedback, costliest first, without repeats:
    what argmap is unsure of, a missing claim another point already names, a missing link whose
    claim is missing, and what costs nothing are left out. An unsure main conclusion stays: it is
    put to the student as a question (see :func:`make_feedback`)."""
    differences = comparison.differences
    named = {
        claim
        for d in differences
        if d.certain and (d.issue in GROUPING_ISSUES or d.issue is Issue.MAIN_WRONG)
        for claim in d.key_claims
    }
    missing = set(comparison.missing)
    kept: list[Difference] = []
    for d in differences:
        if not d.certain and d.issue is not Issue.MAIN_WRONG:
            continue
        if d.issue is Issue.MISSING_CLAIM and d.subject in named:
            continue
        if d.issue in MISSING_LINK_ISSUES and missing & set(d.key_claims):
            continue
        if not d.counted:
            continue
        kept.append(d)
    return tuple(kept)


def _fmt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


@attrs.frozen
class Praise:
    """One thing that went well."""

    skill: Skill
    link: int | None
    """The key link it is about; None for the skill as a whole (or the thesis)."""
    sentence: str


def praise(comparison: Comparison, limit: int = 3) -> tuple[Praise, ...]:
    """What went well, at most ``limit`` things, each true of the map: only what rests on matches
    argmap is sure of."""
    c = comparison
    sure = {m.key for m in c.matches if not m.review}
    words = Words(c.student, c.key, c.matches)
    found: list[Praise] = []
    if c.main_ok and c.key.main in sure:
        found.append(Praise(Skill.THESIS, None, f"Your main conclusion is the text's: {words.q(c.key.main)}."))
    right = [
        link for link in c.key_links
        if not link.optional and link.status in (LinkStatus.RIGHT, LinkStatus.ALTERNATIVE)
        and all(ref in sure for ref in refs_of(link.step))
    ]
    linked = [link for link in right if len(link.step.premises) > 1 and link.step.type is LinkType.SUPPORT]
    if linked:
        step = linked[0].step
        sentence = f"You saw that {words.claims(step.premises)} support {words.target(step.target)} only together."
        found.append(Praise(Skill.LINKED, linked[0].index, sentence))
    for skill, sentence in (
        (Skill.UNDERCUTS, "You saw that {} attacks a step of the argument, not a claim."),
        (Skill.OBJECTIONS, "You aimed {} against the claim the text aims it at."),
        (Skill.REBUTTALS, "You drew {} as an answer to the objection it answers."),
    ):
        score = c.skill(skill)
        mine = [link for link in right if _skill_of(c, link.index) is skill]
        if score is not None and score.right == score.count and mine:
            found.append(Praise(skill, mine[0].index, sentence.format(words.claims(mine[0].step.premises))))
    reasons = c.skill(Skill.REASONS)
    if reasons is not None and reasons.right == reasons.count and reasons.count > 1 and not c.to_confirm():
        found.append(Praise(Skill.REASONS, None, "Every reason in your map supports the claim the text gives it for."))
    kinds = c.skill(Skill.KINDS)
    if kinds is not None and kinds.right == kinds.count and not c.missing:
        found.append(Praise(Skill.KINDS, None, "Every claim has the right kind."))
    return tuple(found[:limit])


def _skill_of(c: Comparison, index: int) -> Skill | None:
    return next((item.skill for item in c.items if item.links == (index,) and item.skill is not Skill.LINKED), None)


@attrs.frozen
class Feedback:
    """The student's feedback, ready to be written as text, Markdown or HTML."""

    title: str
    score: str
    lines: tuple[tuple[str, str], ...]
    """Rubric line, points."""
    skills: tuple[tuple[str, str], ...]
    """Skill, how much of it is right."""
    went_well: tuple[str, ...]
    points: tuple[str, ...]
    """The points to work on, at the hint level asked for, costliest first."""
    more: int
    """Points left out (there were more than the limit)."""


def make_feedback(comparison: Comparison, *, hints: int = DEFAULT_HINTS, points: int = DEFAULT_POINTS) -> Feedback:
    """The student's feedback as data: the score by line and by skill, what went well, and at
    most ``points`` points to work on at hint level ``hints``."""
    c = comparison
    rows = []
    for score in c.scores:
        if score.line is Line.EXTRAS:
            if score.points:
                rows.append(("extras (links the text does not draw)", _fmt(score.points)))
            continue
        rows.append((LINE_NAMES[score.line], f"{_fmt(score.points)} / {_fmt(score.maximum)}"))
    skills = tuple(
        (SKILL_WORDS[s.skill], f"{s.right} of {s.count}" if s.skill is not Skill.THESIS else ("right" if s.right else "not yet"))
        for s in c.skills
    )
    todo = shown(c)
    title = c.key.title or "the text"
    return Feedback(
        title=f"Feedback on your map of “{title}”",
        score=f"Score: {_fmt(c.total)} of {_fmt(c.maximum)} ({_fmt(c.percent)}%)",
        lines=tuple(rows),
        skills=skills,
        went_well=tuple(item.sentence for item in praise(c)),
        points=tuple(d.hints.at(hints if d.certain else 1) for d in todo[:points]),
        more=max(0, len(todo) - points),
    )


def feedback(
    comparison: Comparison,
    *,
    markdown: bool = False,
    hints: int = DEFAULT_HINTS,
    points: int = DEFAULT_POINTS,
) -> str:
    """Feedback for the student as text or Markdown (every text a map supplied escaped): the score by
    rubric line and by skill, what went well, then the points to work on. Nothing in it is meant for
    the teacher alone: no paths, no list of matches to confirm."""
    f = make_feedback(comparison, hints=hints, points=points)
    out = markdown_text if markdown else plain_text
    lines: list[str] = [f"# {out(f.title)}" if markdown else f.title, "", f.score, ""]
    if markdown:
        lines += ["| rubric line | points |", "|---|---|"]
        lines += [f"| {name} | {value} |" for name, value in f.lines]
    else:
        width = max(len(name) for name, _ in f.lines)
        lines += [f"  {name:<{width}}  {value}" for name, value in f.lines]
    lines += ["", "By skill: " + ", ".join(f"{name} {value}" for name, value in f.skills) + "."]
    if f.went_well:
        lines += ["", "## What went well" if markdown else "What went well:", ""]
        lines += [f"- {out(sentence)}" for sentence in f.went_well]
    if f.points:
        lines += ["", "## What to work on" if markdown else "What to work on:", ""]
        lines += [f"{n}. {out(point)}" for n, point in enumerate(f.points, 1)]
        if f.more:
            lines += ["", more_sentence(f.more)]
    elif not comparison.differences:
        lines += ["", "Nothing to work on: your map reads the text as the key does. Well done."]
    return "\n".join(lines) + "\n"


def more_sentence(more: int) -> str:
    """The line under the points when some were left out."""
    points = "is 1 more point" if more == 1 else f"are {more} more points"
    return f"There {points} to look at; your teacher can go through {'it' if more == 1 else 'them'} with you."


def report_text(comparison: Comparison, *, hints: int = DEFAULT_HINTS, points: int = DEFAULT_POINTS) -> str:
    """The teacher's view: the student's feedback, then every difference (the unsure ones marked),
    the alignment with each match's confidence, what to confirm, and every link of the key."""
    c = comparison
    order = [claim.id for claim in c.key.claims]
    lines = [feedback(c, hints=hints, points=points).rstrip("\n"), "", "For the teacher", "", "Every difference:"]
    for d in c.differences:
        mark = "" if d.certain else " [unsure: not in the student's feedback]"
        lines.append(f"  {d.issue.value} {d.subject} (-{_fmt(d.cost)}){mark}: {plain_text(d.message)}")
    lines += ["", "Alignment (key ← student):"]
    for match in c.matches:
        how = f"{match.method.value}, confidence {match.confidence:.2f}"
        flag = "  ← confirm" if match.review else ""
        lines.append(f"  {match.key} ← {match.student} ({how}){flag}")
    for claim_id in c.missing:
        maybe = c.alignment.possible.get(claim_id, ())
        note = f" (maybe: {', '.join(maybe)})" if maybe else ""
        lines.append(f"  {claim_id} ← missing{note}")
    for claim_id in c.skipped:
        lines.append(f"  {claim_id} ← missing (optional)")
    for claim_id in c.extra:
        lines.append(f"  (extra) ← {claim_id}: {short(c.student.by_id[claim_id].text)}")
    lines += ["", "Links of the key:"]
    for link in c.key_links:
        note = f" ({link.issue.value})" if link.issue is not None else ""
        optional = ", optional" if link.optional else ""
        lines.append(f"  {link.step.words(order)}: {link.status.value}{note}{optional}")
    for step in c.extra_steps():
        lines.append(f"  extra: {step.words(order)}")
    return "\n".join(lines) + "\n"
