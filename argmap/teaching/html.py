"""Pages to print on A4 or show in a browser: a student's feedback, the whole class's feedback in
one file (a page each), the anonymous class overview to project, a map on a page of its own.

Every page is one self-contained HTML file (no network, no script) with print styles: ``@page``
A4 with margins, a page break between students, a map scaled to the page (and a page turned
sideways for a map wider than tall). Every text of a map is escaped.
"""

from __future__ import annotations

import html
import statistics
from collections.abc import Sequence

from .differences import ISSUE_WORDS, Difference
from .feedback import DEFAULT_HINTS, DEFAULT_POINTS, Feedback, make_feedback, more_sentence
from .grade import STATUS_MISSING, STATUS_PARTIAL, Submission
from .markup import html_text
from .pages import map_block, page
from .rubric import Rubric
from .score import SKILL_WORDS, Skill
from .wording import Words, short

__all__ = ["MARKS_NOTE", "class_page", "feedback_page", "map_page", "print_pages"]

MARKS_NOTE = (
    "The key's map, with the student's map laid over it. Grey and dashed: in the key, missing from "
    "the map. Blue and dotted: in the map, not in the key. Orange and bold: in the key, drawn "
    "differently (the label says how)."
)
"""What the marks of a difference map mean, printed above it."""

def _feedback_body(f: Feedback, who: str, report: str, note: str) -> list[str]:
    body = [f"<h1>{html.escape(f.title)}</h1>"]
    if who:
        body.append(f'<p class="who">{html.escape(who)}</p>')
    if report:
        body += [f"<p>{html.escape(note)} This is what <code>argmap check</code> says:</p>", f"<pre>{html.escape(report)}</pre>"]
    body += [f'<p class="score">{html.escape(f.score)}</p>', "<table>"]
    body += [f'<tr><th>{html.escape(name)}</th><td class="num">{html.escape(value)}</td></tr>' for name, value in f.lines]
    body += ["</table>", "<p>By skill: " + html.escape(", ".join(f"{n} {v}" for n, v in f.skills)) + ".</p>"]
    if f.went_well:
        body += ["<h2>What went well</h2>", "<ul>", *(f"<li>{html_text(s)}</li>" for s in f.went_well), "</ul>"]
    if f.points:
        body += ["<h2>What to work on</h2>", "<ol>", *(f"<li>{html_text(p)}</li>" for p in f.points), "</ol>"]
        if f.more:
            body.append(f"<p>{html.escape(more_sentence(f.more))}</p>")
    elif not f.points and not f.went_well:
        body.append("<p>Nothing to work on.</p>")
    return body


def _sheet(s: Submission, hints: int, points: int) -> list[str]:
    """One student's feedback as the body of a page (or of one page of the class's file)."""
    if s.comparison is None:
        return [
            "<h1>Feedback on your map</h1>", f'<p class="who">{html.escape(s.name)}</p>',
            "<p>Your file could not be read as a map, so it was not graded. This is what "
            "<code>argmap check</code> says about it; fix it and run <code>argmap check</code> on your "
            "file until it reports no errors:</p>", f"<pre>{html.escape(s.report)}</pre>",
        ]
    note = (
        "Part of your file could not be read; the rest was graded." if s.status == STATUS_PARTIAL
        else "Your map has errors; it was graded as far as it could be read."
    )
    return _feedback_body(make_feedback(s.comparison, hints=hints, points=points), s.name, s.report, note)


def feedback_page(s: Submission, *, hints: int = DEFAULT_HINTS, points: int = DEFAULT_POINTS) -> str:
    """A student's feedback as a page to print or open."""
    return page(f"Feedback: {s.name}", ['<section class="sheet">', *_sheet(s, hints, points), "</section>"])


def print_pages(submissions: Sequence[Submission], *, hints: int = DEFAULT_HINTS, points: int = DEFAULT_POINTS) -> str:
    """Every student's feedback in one file, a page each, to print for the class."""
    body = []
    for s in submissions:
        if s.status == STATUS_MISSING:
            continue
        body += ['<section class="sheet">', *_sheet(s, hints, points), "</section>"]
    return page("Feedback for the class", body)


def map_page(title: str, svg: bytes, note: str = "") -> str:
    """A drawn map alone on an A4 page (turned sideways when the map is wide)."""
    block, wide = map_block(svg)
    body = [f'<section class="sheet{" wide" if wide else ""}">', f"<h1>{html.escape(title)}</h1>"]
    if note:
        body.append(f"<p>{html.escape(note)}</p>")
    body += [block, "</section>"]
    return page(title, body)


def class_page(submissions: Sequence[Submission], rubric: Rubric, top: int = 6) -> str:
    """The class overview to project or hand round: no names, no files; the scores' spread, each
    skill's class mean and the commonest mistakes in the key's words."""
    comparisons = [s.comparison for s in submissions if s.comparison is not None]
    title = "How the class did"
    if not comparisons:
        return page(title, [f"<h1>{title}</h1>", "<p>No map could be graded.</p>"], projector=True)
    key = comparisons[0].key
    totals = [c.percent for c in comparisons]
    body = [f"<h1>{title}: {html.escape(key.title or 'the map')}</h1>",
            f"<p>{len(comparisons)} maps. Median {statistics.median(totals):.0f}%, "
            f"from {min(totals):.0f}% to {max(totals):.0f}%.</p>", "<h2>Scores</h2>", "<table>"]
    bands = [(low, low + 10) for low in range(0, 100, 10)]
    for low, high in reversed(bands):
        count = sum(1 for value in totals if low <= value < high or (high == 100 and value == 100))
        body.append(f'<tr><th>{low}–{high}%</th><td><span class="bar" style="width:{2 * count}em"></span> {count}</td></tr>')
    body += ["</table>", "<h2>By skill (class mean)</h2>", "<table>"]
    for skill in Skill:
        found = [f for f in (c.skill(skill) for c in comparisons) if f is not None]
        if found:
            mean = statistics.mean(f.percent for f in found)
            body.append(
                f'<tr><th>{html.escape(SKILL_WORDS[skill])}</th><td><span class="bar" '
                f'style="width:{mean / 8:.1f}em"></span> {mean:.0f}%</td></tr>'
            )
    body.append("</table>")
    counts: dict[tuple[str, str], list[Difference]] = {}
    for c in comparisons:
        for d in {(d.issue.value, d.subject): d for d in c.differences if d.counted and d.certain}.values():
            counts.setdefault((d.issue.value, d.subject), []).append(d)
    if counts:
        words = Words(key, key, ())
        steps = {link.index: link.step for c in comparisons for link in c.key_links}
        body += ["<h2>What many maps did differently</h2>", "<ul>"]
        for (_, subject), made in sorted(counts.items(), key=lambda item: (-len(item[1]), item[0]))[:top]:
            d = made[0]
            if subject in key.by_id:
                about = short(key.by_id[subject].text)
            elif d.key_links and d.key_links[0] in steps:
                step = steps[d.key_links[0]]
                about = f"{words.claims(step.premises)} → {words.target(step.target)}"
            else:
                about = subject
            body.append(
                f"<li>{html.escape(ISSUE_WORDS[d.issue])}: {html.escape(about)} — {len(made)} of {len(comparisons)} maps</li>"
            )
        body.append("</ul>")
    return page(title, body, projector=True)
