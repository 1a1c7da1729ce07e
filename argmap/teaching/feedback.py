"""Feedback: the student's sentences, and the teacher's report of the alignment and every link."""

from __future__ import annotations

from collections.abc import Callable

from .align import Method
from .compare import Comparison
from .differences import GROUPING_ISSUES, MISSING_LINK_ISSUES, Difference, Issue, Line
from .wording import short

__all__ = ["feedback", "report_text", "shown", "summary_sentence"]

_LINE_NAMES = {
    Line.MAIN: "main conclusion",
    Line.CLAIMS: "claims",
    Line.LINKS: "links",
    Line.KINDS: "kinds",
    Line.EXTRAS: "extras",
}


def shown(comparison: Comparison) -> tuple[Difference, ...]:
    """The differences worth a sentence to the student, without repeats: a missing claim
    another sentence already names, a missing link whose claim is missing, a link or
    kind of the student's own extra claims, and what costs nothing are left out."""
    differences = comparison.differences
    named = {
        claim
        for d in differences
        if d.issue in GROUPING_ISSUES or d.issue is Issue.MAIN_WRONG
        for claim in d.key_claims
    }
    missing = set(comparison.missing)
    kept: list[Difference] = []
    for d in differences:
        if d.issue is Issue.MISSING_CLAIM and d.subject in named:
            continue
        if d.issue in MISSING_LINK_ISSUES and missing & set(d.key_claims):
            continue
        if not d.counted and d.issue is not Issue.EXTRA_CLAIM:
            continue
        kept.append(d)
    return tuple(kept)


def _fmt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def summary_sentence(comparison: Comparison) -> str:
    """What the map gets right, in one or two sentences."""
    c = comparison
    required = c.score(Line.CLAIMS).items
    links = c.score(Line.LINKS)
    right_links = sum(1 for link in c.key_links if not link.optional and link.credit == 1)
    parts = []
    if c.main_ok:
        parts.append("your main conclusion is the text's")
    parts.append(f"your map has {required - len(c.missing)} of the {required} claims of the key")
    parts.append(f"draws {right_links} of its {links.items} links as the key does")
    text = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
    return text[0].upper() + text[1:] + "."


def feedback(comparison: Comparison, *, markdown: bool = False, escape: Callable[[str], str] | None = None) -> str:
    """Feedback for the student: the score by rubric line, what is right, then one
    sentence for each thing to look at. ``markdown`` formats it for a ``.md`` file, with
    ``escape`` applied to every text a map supplied."""
    c = comparison
    esc = escape or (lambda text: text)
    lines: list[str] = []
    title = f"Feedback on {c.student.path}"
    if markdown:
        lines += [f"# {esc(title)}", ""]
    else:
        lines += [title, ""]
    lines.append(f"Compared with the key {esc(c.key.path)}.")
    lines.append("")
    lines.append(f"Score: {_fmt(c.total)} of {_fmt(c.maximum)} ({_fmt(c.percent)}%)")
    lines.append("")
    rows = []
    for score in c.scores:
        if score.line is Line.EXTRAS:
            if score.points:
                rows.append((_LINE_NAMES[score.line], _fmt(score.points), "for links the key does not have"))
            continue
        detail = ""
        if score.line is Line.CLAIMS:
            detail = f"{_fmt(score.credited)} of {score.items} claims"
        elif score.line is Line.LINKS:
            detail = f"{_fmt(score.credited)} of {score.items} links"
        elif score.line is Line.KINDS:
            detail = f"{_fmt(score.credited)} of {score.items} kinds right"
        rows.append((_LINE_NAMES[score.line], f"{_fmt(score.points)} / {_fmt(score.maximum)}", detail))
    if markdown:
        lines += ["| rubric line | points | |", "|---|---|---|"]
        lines += [f"| {name} | {points} | {detail} |" for name, points, detail in rows]
    else:
        width = max(len(name) for name, _, _ in rows)
        number = max(len(points) for _, points, _ in rows)
        lines += [f"  {name:<{width}}  {points:>{number}}   {detail}".rstrip() for name, points, detail in rows]
    lines += ["", esc(summary_sentence(c))]
    todo = shown(c)
    if todo:
        lines += ["", "## What to look at" if markdown else "What to look at:", ""]
        for number, difference in enumerate(todo, 1):
            lines.append(f"{number}. {esc(difference.message)}")
    else:
        lines += ["", "Nothing to look at: your map reads the text as the key does. Well done."]
    review = [m for m in c.matches if m.review]
    if review:
        lines += ["", "## Matched by wording" if markdown else "Matched by wording (your teacher may check these):", ""]
        if markdown:
            lines += ["Your teacher may check these.", ""]
        for match in review:
            mine, theirs = c.student.by_id[match.student].text, c.key.by_id[match.key].text
            bullet = "-" if markdown else "  -"
            lines.append(f"{bullet} {esc(short(mine))} taken as the key's {esc(short(theirs))}")
    return "\n".join(lines) + "\n"


def report_text(comparison: Comparison) -> str:
    """The teacher's view: the feedback, then the alignment and every link of the key."""
    c = comparison
    order = [claim.id for claim in c.key.claims]
    lines = [feedback(c).rstrip("\n"), "", "Alignment (key ← student):"]
    for match in c.matches:
        how = match.method.value + (f" {match.score:.2f}" if match.method in (Method.QUOTE, Method.TEXT) else "")
        lines.append(f"  {match.key} ← {match.student} (by {how})")
    for claim_id in c.missing:
        lines.append(f"  {claim_id} ← missing")
    for claim_id in c.skipped:
        lines.append(f"  {claim_id} ← missing (optional)")
    for claim_id in c.extra:
        lines.append(f"  (extra) ← {claim_id}")
    lines += ["", "Links of the key:"]
    for link in c.key_links:
        note = f" ({link.issue.value})" if link.issue is not None else ""
        optional = ", optional" if link.optional else ""
        lines.append(f"  {link.step.words(order)}: {link.status.value}{note}{optional}")
    for step in c.extra_steps():
        lines.append(f"  extra: {step.words(order)}")
    return "\n".join(lines) + "\n"
