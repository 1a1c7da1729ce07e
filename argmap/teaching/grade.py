"""Grade a class: compare every submission with the key; a summary, feedback files, an overview.

:func:`grade` never raises for a bad submission: a file that cannot be read or
parsed becomes a row whose status says so, and its feedback shows the problem
exactly as ``argmap check`` prints it. A submission with other errors (an
unknown id in a link, say) is compared as far as it resolved, and its
feedback lists the errors first.
"""

from __future__ import annotations

import csv
import io
import os
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence

import attrs

from argmap.analysis.argument_map import ArgumentMap
from argmap.analysis.check import check_file, check_report
from argmap.core.diagnostics import Severity

from .compare import Comparison, compare
from .differences import Issue, Line
from .feedback import feedback
from .quiz import escape_markdown
from .rubric import Rubric
from .wording import short

STATUS_OK = "ok"
STATUS_ERRORS = "errors"
"""The map has errors; what resolved was compared."""
STATUS_SYNTAX = "syntax error"
STATUS_UNREADABLE = "unreadable"


@attrs.frozen
class Submission:
    """One student's file and what grading found."""

    name: str
    """The student's name: the file's stem (made unique with -2, -3 … when stems repeat)."""
    path: str
    status: str
    check_output: str
    """The file's errors as ``argmap check`` prints them (empty when there are none)."""
    comparison: Comparison | None
    """None when the file could not be read as a map."""


def expand(paths: Iterable[str], key_path: str) -> list[str]:
    """Submission paths: files as given, folders as their ``*.arg`` files (sorted); the key left out."""
    key_real = os.path.realpath(key_path)
    found: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            found += sorted(os.path.join(path, name) for name in os.listdir(path) if name.endswith(".arg"))
        else:
            found.append(path)
    return [path for path in dict.fromkeys(found) if os.path.realpath(path) != key_real]


def student_names(paths: Sequence[str]) -> list[str]:
    """A unique name for each path: its stem, then ``stem-2`` and so on for repeats."""
    names: list[str] = []
    for path in paths:
        stem = os.path.splitext(os.path.basename(path))[0] or "submission"
        name, number = stem, 1
        while name in names:
            number += 1
            name = f"{stem}-{number}"
        names.append(name)
    return names


def grade(key: ArgumentMap, paths: Sequence[str], rubric: Rubric) -> tuple[Submission, ...]:
    """Compare each submission with the key."""
    submissions = []
    for path, name in zip(paths, student_names(paths), strict=True):
        result = check_file(path)
        errors = result.count(Severity.ERROR)
        output = check_report([result], quiet=True) if errors else ""
        if result.unreadable:
            submissions.append(Submission(name, path, STATUS_UNREADABLE, output, None))
        elif result.map is None:
            submissions.append(Submission(name, path, STATUS_SYNTAX, output, None))
        else:
            status = STATUS_ERRORS if errors else STATUS_OK
            submissions.append(Submission(name, path, status, output, compare(result.map, key, rubric)))
    return tuple(submissions)


_LINES = (Line.MAIN, Line.CLAIMS, Line.LINKS, Line.KINDS, Line.EXTRAS)


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def summary_csv(submissions: Sequence[Submission], rubric: Rubric) -> str:
    """One row per student: status, total, and the points of each rubric line."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["student", "file", "status", "total", "max", "percent", *(line.value for line in _LINES),
         "missing_claims", "extra_claims", "differences", "to_review"]
    )
    for s in submissions:
        c = s.comparison
        if c is None:
            writer.writerow([s.name, s.path, s.status, "", _number(rubric.total), "", *("" for _ in _LINES), "", "", "", ""])
            continue
        writer.writerow(
            [
                s.name, s.path, s.status, _number(c.total), _number(c.maximum), _number(c.percent),
                *(_number(c.score(line).points) for line in _LINES),
                len(c.missing), len(c.extra), sum(1 for d in c.differences if d.counted),
                sum(1 for m in c.matches if m.review),
            ]
        )
    return out.getvalue()


def _fence(text: str) -> str:
    """A fenced code block longer than any run of backticks in ``text``."""
    longest = max((len(run) for run in text.split("\n") for run in _backtick_runs(run)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text.rstrip(chr(10))}\n{fence}"


def _backtick_runs(line: str) -> list[str]:
    runs, current = [], ""
    for char in line:
        if char == "`":
            current += char
        elif current:
            runs.append(current)
            current = ""
    if current:
        runs.append(current)
    return runs


def feedback_markdown(submission: Submission) -> str:
    """A student's feedback file (Markdown): the score and sentences to act on, or the
    errors that kept the file from being read, as ``argmap check`` prints them."""
    s = submission
    if s.comparison is None:
        what = "could not be read" if s.status == STATUS_UNREADABLE else "could not be read as a map"
        return (
            f"# Feedback on {escape_markdown(s.path)}\n\n"
            f"Your file {what}, so it was not compared with the key. This is what `argmap check` "
            "says about it; fix it and run `argmap check` on your file until it reports no errors:\n\n"
            f"{_fence(s.check_output)}\n"
        )
    text = feedback(s.comparison, markdown=True, escape=escape_markdown)
    if s.check_output:
        head, _, rest = text.partition("\n\n")
        text = (
            f"{head}\n\nYour map has errors; it was compared as far as it could be read. "
            f"This is what `argmap check` says:\n\n{_fence(s.check_output)}\n\n{rest}"
        )
    return text


def overview(submissions: Sequence[Submission], rubric: Rubric, top: int = 5) -> str:
    """The class at a glance (Markdown): scores, the key claims and links most students
    missed or drew differently, and the commonest differences."""
    compared = [s for s in submissions if s.comparison is not None]
    broken = [s for s in submissions if s.comparison is None]
    lines = ["# Class overview", ""]
    if compared:
        key = compared[0].comparison.key if compared[0].comparison is not None else None
        if key is not None and key.title:
            lines += [f"Key: {escape_markdown(key.title)} ({escape_markdown(key.path)})", ""]
    lines.append(
        f"{len(submissions)} submissions: {len(compared)} compared"
        + (f", {len(broken)} could not be read as {'a map' if len(broken) == 1 else 'maps'} "
           f"({', '.join(escape_markdown(s.name) for s in broken)})" if broken else "")
        + "."
    )
    comparisons = [s.comparison for s in compared if s.comparison is not None]
    if not comparisons:
        return "\n".join(lines) + "\n"
    totals = [c.total for c in comparisons]
    lines += [
        "",
        f"Score: mean {_number(statistics.mean(totals))}, median {_number(statistics.median(totals))}, "
        f"lowest {_number(min(totals))}, highest {_number(max(totals))} (of {_number(rubric.total)}).",
        "",
        "| rubric line | mean | max |",
        "|---|---|---|",
    ]
    for line in _LINES:
        scores = [c.score(line) for c in comparisons]
        mean = statistics.mean(score.points for score in scores)
        lines.append(f"| {line.value} | {_number(mean)} | {_number(scores[0].maximum)} |")
    n = len(comparisons)
    key = comparisons[0].key
    missed = Counter(claim for c in comparisons for claim in c.missing)
    if missed:
        lines += ["", "## Key claims most often missing", ""]
        for claim_id, count in sorted(missed.items(), key=lambda item: (-item[1], item[0]))[:top]:
            text = escape_markdown(short(key.by_id[claim_id].text))
            lines.append(f"- {text} (`{claim_id}`): {count} of {n}")
    order = [claim.id for claim in key.claims]
    wrong: Counter[str] = Counter()
    how: dict[str, Counter[str]] = {}
    for c in comparisons:
        for link in c.key_links:
            if link.credit < 1 and not link.optional:
                words = link.step.words(order)
                wrong[words] += 1
                how.setdefault(words, Counter())[link.issue.value if link.issue else link.status.value] += 1
    if wrong:
        lines += ["", "## Key links most often missed or drawn differently", ""]
        for words, count in sorted(wrong.items(), key=lambda item: (-item[1], item[0]))[:top]:
            detail = ", ".join(f"{issue} {k}" for issue, k in sorted(how[words].items(), key=lambda i: (-i[1], i[0])))
            lines.append(f"- `{words}`: {count} of {n} ({detail})")
    students: Counter[Issue] = Counter()
    times: Counter[Issue] = Counter()
    for c in comparisons:
        counted = [d.issue for d in c.differences if d.counted]
        times.update(counted)
        students.update(set(counted))
    if students:
        lines += ["", "## Most common differences", ""]
        for issue, count in sorted(students.items(), key=lambda item: (-item[1], item[0].value))[:top]:
            lines.append(f"- {issue.value}: {count} of {n} students ({times[issue]} in all)")
    review = [(s.name, m) for s in compared if s.comparison is not None for m in s.comparison.matches if m.review]
    if review:
        lines += ["", "## Matched by wording: worth a look", ""]
        for name, match in review:
            lines.append(f"- {escape_markdown(name)}: `{match.student}` taken as `{match.key}` ({match.score:.2f})")
    return "\n".join(lines) + "\n"
