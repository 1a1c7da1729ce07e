"""Grade a class: compare every submission with the key; a summary, feedback files, overviews.

:func:`grade` never raises for a bad submission: a file that cannot be read becomes a row whose
status says so; a file with a syntax error is graded as far as it can be read
(:mod:`~argmap.teaching.reading`), its feedback starting with the error; a map with other errors
(an unknown id in a link) is compared as far as it resolved. Which file is whose comes from
:mod:`~argmap.teaching.submissions` (school systems' naming, resubmissions, a roster).

The summary is a CSV file for a spreadsheet: UTF-8 with a byte-order mark and CRLF line ends
(Excel reads it right), and every cell that holds a text from outside (a name, a file name) and
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a ``'`` in front, so a
spreadsheet shows it as text and never runs it as a formula (OWASP's advice on CSV injection).
"""

from __future__ import annotations

import csv
import io
import re
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence

import attrs

from argmap.analysis.argument_map import ArgumentMap
from argmap.core.diagnostics import Severity

from .compare import Comparison, compare
from .confirmations import Confirmation, for_student
from .differences import Issue, Line
from .feedback import DEFAULT_HINTS, DEFAULT_POINTS, feedback
from .markup import code, escape_markdown, markdown_text
from .reading import read_submission
from .roster import Student
from .rubric import Rubric
from .score import SKILL_WORDS, Skill
from .submissions import Handed
from .wording import short

__all__ = [
    "STATUS_ERRORS",
    "STATUS_MISSING",
    "STATUS_OK",
    "STATUS_PARTIAL",
    "STATUS_UNREADABLE",
    "Submission",
    "feedback_markdown",
    "grade",
    "overview",
    "safe_cell",
    "summary_csv",
]

STATUS_OK = "ok"
STATUS_ERRORS = "errors"
"""The map has errors other than syntax errors; what resolved was compared."""
STATUS_PARTIAL = "syntax error"
"""Part of the file could not be parsed; the rest was graded."""
STATUS_UNREADABLE = "unreadable"
"""The file could not be read as a map at all."""
STATUS_MISSING = "missing"
"""A student on the roster handed in nothing."""


@attrs.frozen
class Submission:
    """One student's submission and what grading found."""

    name: str
    """The student's name (the roster's, else what the file's name and folder tell)."""
    ident: str
    file: str
    """The name of the student's output files (``feedback/FILE.md``): safe on every system, unique."""
    path: str
    """The file graded ('' for a student who handed in nothing)."""
    shown: str
    """The file as the teacher knows it: its path under the folder given."""
    status: str
    report: str
    """The file's errors as ``argmap check`` prints them, named by the file's name alone."""
    comparison: Comparison | None
    """None when nothing could be read as a map (or nothing was handed in)."""
    superseded: tuple[str, ...] = ()
    """Earlier versions, not graded."""
    on_roster: bool | None = None
    late: bool = False


def safe_file_name(name: str, taken: set[str]) -> str:
    """A file name for a student's outputs: letters, digits, '.', '-' and '_' only, never hidden,
    unique among ``taken`` (which it joins)."""
    base = re.sub(r"[^\w.-]+", "-", name, flags=re.UNICODE).strip("-._")[:80] or "student"
    file, number = base, 1
    while file.casefold() in taken:
        number += 1
        file = f"{base}-{number}"
    taken.add(file.casefold())
    return file


def grade(
    key: ArgumentMap,
    handed: Sequence[Handed],
    rubric: Rubric,
    *,
    confirmations: Mapping[str, Mapping[str, Confirmation]] | None = None,
    missing: Sequence[Student] = (),
) -> tuple[Submission, ...]:
    """Compare each student's latest submission with the key; students who handed in nothing get a row."""
    taken: set[str] = set()
    graded = []
    for entry in handed:
        reading = read_submission(entry.found.path)
        file = safe_file_name(entry.name, taken)
        row = Submission(
            entry.name, entry.ident, file, entry.found.path, entry.found.shown, STATUS_UNREADABLE, reading.report,
            None, tuple(found.shown for found in entry.superseded), entry.on_roster, entry.found.late,
        )
        if reading.map is not None:
            confirmed = for_student(confirmations or {}, entry.name, reading.map)
            comparison = compare(reading.map, key, rubric, confirmed=confirmed, partial=reading.summaries())
            errors = any(d.severity is Severity.ERROR for d in reading.map.diagnostics)
            status = STATUS_PARTIAL if reading.partial else STATUS_ERRORS if errors else STATUS_OK
            row = attrs.evolve(row, status=status, comparison=comparison)
        graded.append(row)
    for student in missing:
        file = safe_file_name(student.name, taken)
        graded.append(Submission(student.name, student.ident, file, "", "", STATUS_MISSING, "", None, on_roster=True))
    return tuple(graded)


# --- the summary --------------------------------------------------------------------------

_LINES = (Line.MAIN, Line.CLAIMS, Line.LINKS, Line.KINDS, Line.EXTRAS)
_SKILLS = (Skill.THESIS, Skill.REASONS, Skill.LINKED, Skill.OBJECTIONS, Skill.REBUTTALS, Skill.UNDERCUTS, Skill.KINDS)
COLUMNS = (
    "student", "id", "file", "status", "total", "max", "percent",
    *(line.value for line in _LINES),
    *(f"{skill.value}_percent" for skill in _SKILLS),
    "missing_claims", "extra_claims", "differences", "to_confirm", "superseded", "late", "on_roster",
)
"""The summary's columns."""

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """A text cell a spreadsheet shows as written: one that starts with a character that would make
    it a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return) gets a ``'`` in front.

    >>> safe_cell('=HYPERLINK("x","y")'), safe_cell("Ana")
    ('\\'=HYPERLINK("x","y")', 'Ana')
    """
    return "'" + text if text.lstrip(" ").startswith(_FORMULA) or text.startswith(_FORMULA) else text


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def summary_csv(submissions: Sequence[Submission], rubric: Rubric) -> str:
    """One row per student: status, total, the points of each rubric line and the share of each
    skill; a byte-order mark first and CRLF line ends, for spreadsheets."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for s in submissions:
        texts = [safe_cell(s.name), safe_cell(s.ident), safe_cell(s.shown), s.status]
        flags = [
            safe_cell("; ".join(s.superseded)), "yes" if s.late else "",
            "" if s.on_roster is None else "yes" if s.on_roster else "no",
        ]
        c = s.comparison
        if c is None:
            empty = [""] * (1 + len(_LINES) + len(_SKILLS) + 4)
            writer.writerow([*texts, "", _number(rubric.total), *empty, *flags])
            continue
        skills = []
        for skill in _SKILLS:
            found = c.skill(skill)
            skills.append(_number(found.percent) if found is not None else "")
        writer.writerow(
            [
                *texts, _number(c.total), _number(c.maximum), _number(c.percent),
                *(_number(c.score(line).points) for line in _LINES), *skills,
                len(c.missing), len(c.extra), sum(1 for d in c.differences if d.counted), len(c.to_confirm()),
                *flags,
            ]
        )
    return "\ufeff" + out.getvalue()


# --- the student's feedback ---------------------------------------------------------------


def _fence(text: str) -> str:
    """A fenced code block longer than any run of backticks in ``text``."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text.rstrip(chr(10))}\n{fence}"


def feedback_markdown(submission: Submission, *, hints: int = DEFAULT_HINTS, points: int = DEFAULT_POINTS) -> str:
    """A student's feedback file (Markdown): the score and what to work on, or why the file could
    not be read. It names no folder and lists nothing meant for the teacher alone."""
    s = submission
    if s.comparison is None:
        return (
            "# Feedback on your map\n\n"
            "Your file could not be read as a map, so it was not graded. This is what `argmap check` "
            "says about it; fix it and run `argmap check` on your file until it reports no errors:\n\n"
            f"{_fence(s.report)}\n"
        )
    text = feedback(s.comparison, markdown=True, hints=hints, points=points)
    if s.report:
        head, _, rest = text.partition("\n\n")
        what = (
            "Part of your file could not be read; the rest was graded."
            if s.status == STATUS_PARTIAL else "Your map has errors; it was graded as far as it could be read."
        )
        text = f"{head}\n\n{what} This is what `argmap check` says:\n\n{_fence(s.report)}\n\n{rest}"
    return text


# --- the teacher's overview ------------------------------------------------------------------


def _names(names: Sequence[str]) -> str:
    return ", ".join(escape_markdown(name) for name in names)


def _path(path: str) -> str:
    """A file's path as a Markdown code span."""
    return markdown_text(code(path))


def overview(submissions: Sequence[Submission], rubric: Rubric, top: int = 6) -> str:
    """The class at a glance, for the teacher (Markdown): scores, skills, what was missed and drawn
    otherwise and by whom, what to confirm, superseded versions and the roster's gaps."""
    compared = [s for s in submissions if s.comparison is not None]
    broken = [s for s in submissions if s.comparison is None and s.status != STATUS_MISSING]
    absent = [s for s in submissions if s.status == STATUS_MISSING]
    lines = ["# Class overview", ""]
    key = next((s.comparison.key for s in compared if s.comparison is not None), None)
    if key is not None and key.title:
        lines += [f"Key: {escape_markdown(key.title)}", ""]
    counts = f"{len(submissions) - len(absent)} submissions: {len(compared)} graded"
    partial = [s for s in compared if s.status == STATUS_PARTIAL]
    if partial:
        counts += f" ({len(partial)} only in part: {_names([s.name for s in partial])})"
    if broken:
        counts += f", {len(broken)} could not be read as {'a map' if len(broken) == 1 else 'maps'} ({_names([s.name for s in broken])})"
    lines.append(counts + ".")
    if absent:
        lines += ["", f"Nothing handed in: {_names([s.name for s in absent])}."]
    strangers = [s for s in submissions if s.on_roster is False]
    if strangers:
        lines += ["", "Not on the roster: " + ", ".join(f"{escape_markdown(s.name)} ({_path(s.shown)})" for s in strangers) + "."]
    comparisons = [(s.name, s.comparison) for s in compared if s.comparison is not None]
    if not comparisons:
        return "\n".join(lines) + "\n"
    totals = [c.total for _, c in comparisons]
    lines += [
        "",
        f"Score: mean {_number(statistics.mean(totals))}, median {_number(statistics.median(totals))}, "
        f"lowest {_number(min(totals))}, highest {_number(max(totals))} (of {_number(rubric.total)}).",
        "", "| rubric line | mean | max |", "|---|---|---|",
    ]
    for line in _LINES:
        scores = [c.score(line) for _, c in comparisons]
        lines.append(f"| {line.value} | {_number(statistics.mean(s.points for s in scores))} | {_number(scores[0].maximum)} |")
    lines += ["", "| skill | class mean | maps with it all right |", "|---|---|---|"]
    for skill in Skill:
        found = [c.skill(skill) for _, c in comparisons]
        present = [f for f in found if f is not None]
        if present:
            whole = sum(1 for f in present if f.right == f.count)
            lines.append(f"| {SKILL_WORDS[skill]} | {_number(statistics.mean(f.percent for f in present))}% | {whole} of {len(present)} |")
    lines += _mistakes(comparisons, top)
    unsure = [(name, m) for name, c in comparisons for m in c.to_confirm()]
    if unsure:
        many = f"{len(unsure)} matches argmap is not sure of are" if len(unsure) > 1 else "1 match argmap is not sure of is"
        lines += ["", "## Matches to confirm", "",
                  f"{many} listed in `to-confirm.toml`: confirm or correct them there, then grade again "
                  "with `--confirm to-confirm.toml`.", ""]
        for name, match in unsure:
            lines.append(f"- {escape_markdown(name)}: `{match.student}` taken as `{match.key}` ({match.confidence:.2f})")
    superseded = [s for s in submissions if s.superseded]
    if superseded:
        lines += ["", "## Earlier versions, not graded", ""]
        lines += [
            f"- {escape_markdown(s.name)}: graded {_path(s.shown)}, not {', '.join(_path(p) for p in s.superseded)}"
            for s in superseded
        ]
    return "\n".join(lines) + "\n"


def _mistakes(comparisons: Sequence[tuple[str, Comparison]], top: int) -> list[str]:
    """The commonest differences, each with the students who made it."""
    key = comparisons[0][1].key
    who: dict[tuple[Issue, str], list[str]] = {}
    for name, c in comparisons:
        for d in c.differences:
            if d.counted and d.certain and d.issue not in (Issue.EXTRA_CLAIM, Issue.SYNTAX_ERROR):
                who.setdefault((d.issue, d.subject), []).append(name)
    if not who:
        return []
    lines = ["", "## Who made each mistake", ""]
    ranked = sorted(who.items(), key=lambda item: (-len(item[1]), item[0][0].value, item[0][1]))
    for (issue, subject), names in ranked[:top]:
        about = escape_markdown(short(key.by_id[subject].text)) if subject in key.by_id else f"`{subject}`"
        lines.append(f"- {issue.value} {about}: {len(names)} of {len(comparisons)} ({_names(names)})")
    missed = Counter(claim for _, c in comparisons for claim in c.missing)
    if missed:
        lines += ["", "Key claims most often missing: " + "; ".join(
            f"{escape_markdown(short(key.by_id[claim].text))} ({count})"
            for claim, count in sorted(missed.items(), key=lambda item: (-item[1], item[0]))[:top]
        ) + "."]
    return lines
