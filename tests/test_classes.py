"""Grading the test classes of tests/teaching/classes end to end, held to marks and truths written
before argmap graded them (expected.toml beside each class): every score in its fair band, no
feedback sentence that is not true of the map, names from the school system's files and roster,
resubmissions, and a summary a spreadsheet cannot be attacked through."""

from __future__ import annotations

import csv
import io
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap.cli import main
from argmap.teaching import DEFAULT_RUBRIC
from argmap.teaching.compare import Comparison, compare
from argmap.teaching.differences import LinkStatus
from argmap.teaching.feedback import DEFAULT_POINTS, praise, shown
from argmap.teaching.grade import Submission, grade
from argmap.teaching.roster import load_roster
from argmap.teaching.score import Skill
from argmap.teaching.submissions import find_files, identify, sort_out

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 only
    import tomli as tomllib

CLASSES = Path(__file__).parent / "teaching" / "classes"
NAMES = sorted(path.name for path in CLASSES.iterdir() if (path / "expected.toml").exists())


@dataclass
class Graded:
    folder: Path
    expected: dict[str, Any]
    submissions: tuple[Submission, ...]
    out: Path
    status: int
    stderr: str

    def entry(self, s: Submission) -> dict[str, Any]:
        return self.expected["submissions"][s.shown.replace("\\", "/")]  # type: ignore[no-any-return]


@pytest.fixture(scope="module", params=NAMES)
def graded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Graded:
    """A class copied to a temporary folder (the hostile file names given), graded by the command
    line and, the same way, by the library."""
    folder = tmp_path_factory.mktemp(request.param) / request.param
    shutil.copytree(CLASSES / request.param, folder)
    expected = tomllib.loads((folder / "expected.toml").read_text(encoding="utf-8"))
    for safe, hostile in expected.get("rename", {}).items():
        (folder / "submissions" / safe).rename(folder / "submissions" / hostile)
    out = folder / "graded"
    err = io.StringIO()
    status = main(
        ["grade", str(folder / "key.arg"), str(folder / "submissions"), "-o", str(out), "--roster",
         str(folder / "roster.csv")],
        io.StringIO(), err,
    )
    key = argmap.check(str(folder / "key.arg"))
    files = [identify(path, shown) for path, shown in find_files([str(folder / "submissions")])]
    handed, missing = sort_out(files, load_roster(str(folder / "roster.csv")))
    submissions = grade(key, handed, DEFAULT_RUBRIC, missing=missing)
    return Graded(folder, expected, submissions, out, status, err.getvalue())


def said(c: Comparison) -> list[str]:
    return [f"{d.issue.value} {d.subject}".strip() for d in shown(c)]


def truth_comparison(g: Graded, s: Submission) -> Comparison:
    """The comparison under the true alignment (as a teacher would confirm it)."""
    assert s.comparison is not None
    truth = g.entry(s)["truth"]
    confirmed: dict[str, str | None] = {claim.id: truth.get(claim.id) for claim in s.comparison.student.claims}
    return compare(s.comparison.student, s.comparison.key, confirmed=confirmed, partial=s.comparison.partial)


def test_every_file_is_graded_under_the_right_name(graded: Graded) -> None:
    """Each file expected belongs to the expected student (roster, LMS naming); earlier versions and
    students who handed nothing in are known."""
    g = graded
    assert g.status == 0, g.stderr
    handed = [s for s in g.submissions if s.path]
    assert sorted(s.shown for s in handed) == sorted(g.expected["submissions"])
    for s in handed:
        assert s.name == g.entry(s)["name"], s.shown
    superseded = sorted(path for s in g.submissions for path in s.superseded)
    assert superseded == sorted(g.expected["superseded"])
    assert sorted(s.name for s in g.submissions if s.status == "missing") == sorted(g.expected["missing"])


def test_every_score_is_in_its_fair_band(graded: Graded) -> None:
    """The score of every submission lies in the band a fair teacher's mark lies in."""
    outside = []
    for s in graded.submissions:
        if not s.path:
            continue
        assert s.comparison is not None, f"{s.shown} was not graded"
        low, high = graded.entry(s)["band"]
        if not low <= s.comparison.total <= high:
            outside.append((s.shown, s.comparison.total, (low, high)))
    assert outside == []


def test_feedback_says_only_what_is_true(graded: Graded) -> None:
    """Every point of every student's feedback is a difference the map truly has, and the one that
    matters most is among the first points."""
    for s in graded.submissions:
        if s.comparison is None:
            continue
        entry = graded.entry(s)
        told = said(s.comparison)
        assert set(told) <= set(entry["errors"]), (s.shown, sorted(set(told) - set(entry["errors"])))
        first = told[:DEFAULT_POINTS]
        assert all(point in first for point in entry["must"]), (s.shown, first)


def test_a_claim_the_student_has_is_never_called_missing(graded: Graded) -> None:
    """A key claim the student has, in other words or under other ids, is never told missing, and
    an alignment that differs from the truth is always marked for the teacher to confirm."""
    for s in graded.submissions:
        if s.comparison is None:
            continue
        truth = graded.entry(s)["truth"]
        for match in s.comparison.matches:
            if truth.get(match.student) != match.key:
                assert match.review, (s.shown, match)
        told = said(s.comparison)
        for key_claim in truth.values():
            assert f"missing-claim {key_claim}" not in told, s.shown


def test_what_went_well_is_true(graded: Graded) -> None:
    """Each thing praised holds under the true alignment."""
    for s in graded.submissions:
        if s.comparison is None:
            continue
        truth = truth_comparison(graded, s)
        statuses = {link.index: link.status for link in truth.key_links}
        for item in praise(s.comparison):
            if item.skill is Skill.THESIS:
                assert truth.main_ok, s.shown
            elif item.link is not None:
                assert statuses[item.link] in (LinkStatus.RIGHT, LinkStatus.ALTERNATIVE), (s.shown, item)
            else:
                found = truth.skill(item.skill)
                assert found is not None and found.right == found.count, (s.shown, item)


def test_summary_opens_in_a_spreadsheet_and_runs_no_formula(graded: Graded) -> None:
    """summary.csv: a byte-order mark, CRLF line ends, a row per student with the expected total;
    a cell holding a hostile file name starts with a quote mark, so no spreadsheet runs it."""
    data = (graded.out / "summary.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    by_name = {row["student"].lstrip("'"): row for row in rows}
    for s in graded.submissions:
        if s.comparison is not None:
            assert float(by_name[s.name]["total"]) == s.comparison.total
    for row in rows:
        for column in ("student", "id", "file", "superseded"):
            assert not row[column].startswith(("=", "+", "-", "@", "\t", "\r")), row[column]
    for name in graded.expected.get("rename", {}).values():
        stem = name[: -len(".arg")]
        assert by_name[stem]["student"] == "'" + stem
        assert by_name[stem]["on_roster"] == "no"


def test_student_files_hold_nothing_meant_for_the_teacher(graded: Graded) -> None:
    """No folder, no school-system file name, no list of matches to confirm in any student's feedback,
    and no stray Markdown escape in ordinary text."""
    files = sorted((graded.out / "feedback").iterdir())
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert str(graded.folder) not in text and "assignsubmission" not in text
        assert "taken as" not in text and "to-confirm" not in text and "confidence" not in text
        if path.suffix == ".md":
            assert not re.search(r"\\[-(){}+.!#]", text), path.name
    print_all = (graded.out / "feedback-all.html").read_text(encoding="utf-8")
    assert print_all.count('<section class="sheet">') == sum(1 for s in graded.submissions if s.path)


def test_class_overview_names_no_one_and_the_teachers_names_each(graded: Graded) -> None:
    """class.html (to project) names no student; overview.md (the teacher's) names who made each
    mistake and who handed in nothing."""
    page = (graded.out / "class.html").read_text(encoding="utf-8")
    teacher = (graded.out / "overview.md").read_text(encoding="utf-8")
    for s in graded.submissions:
        assert s.name not in page
    assert "## Who made each mistake" in teacher
    for name in graded.expected["missing"]:
        assert name in teacher


def test_syntax_errors_are_graded_around_and_shown(graded: Graded) -> None:
    """A map with a syntax error halfway is graded as far as it can be read, and its feedback opens
    with the error, the file named without its folders."""
    partial = [s for s in graded.submissions if s.status == "syntax error"]
    assert partial
    for s in partial:
        assert s.comparison is not None and s.comparison.total > 0
        text = (graded.out / "feedback" / f"{s.file}.md").read_text(encoding="utf-8")
        name = Path(s.path).name
        assert f"{name}:" in text and "could not be read" in text
        assert said(s.comparison)[0] == "syntax-error"
