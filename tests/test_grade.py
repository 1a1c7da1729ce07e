"""argmap grade: a class folder with one broken submission, the summary CSV, feedback files, the overview."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from argmap.cli import main

TEACHING = Path(__file__).parent / "teaching"
KEY = TEACHING / "key.arg"
CLASS = TEACHING / "class"


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(argv, out, err)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    out = tmp_path_factory.mktemp("graded")
    status, stdout, stderr = run(["grade", str(KEY), str(CLASS), "-o", str(out)])
    assert status == 0, stderr
    return out, stdout, stderr


def test_summary_has_one_row_per_student_with_status_and_scores(graded: tuple[Path, str, str]) -> None:
    """summary.csv: every student in name order, the broken one marked, the others scored per rubric line."""
    out, _, _ = graded
    rows = list(csv.DictReader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8"))))
    assert [(r["student"], r["status"], r["total"]) for r in rows] == [
        ("ana", "ok", "100"),
        ("ben", "ok", "95.56"),
        ("chloe", "ok", "91.27"),
        ("dev", "syntax error", ""),
        ("eli", "ok", "89.33"),
        ("fay", "errors", "95.56"),
    ]
    ben = rows[1]
    assert (ben["main"], ben["claims"], ben["links"], ben["kinds"], ben["extras"]) == ("10", "30", "35.56", "20", "0")
    assert rows[0]["to_review"] == "2"  # ana's two assumptions were matched by wording


def test_broken_submission_feedback_shows_the_error_as_check_prints_it(graded: tuple[Path, str, str]) -> None:
    """dev.md carries the syntax error exactly as 'argmap check' prints it."""
    out, _, _ = graded
    status, _, check_output = run(["check", str(CLASS / "dev.arg")])
    assert status == 1
    text = (out / "feedback" / "dev.md").read_text(encoding="utf-8")
    assert f"```text\n{check_output}```" in text
    assert "unknown claim kind 'premis'" in text


def test_feedback_file_for_each_student(graded: tuple[Path, str, str]) -> None:
    """Each student gets a Markdown feedback file with the score and sentences to act on."""
    out, _, _ = graded
    assert sorted(p.name for p in (out / "feedback").iterdir()) == [
        "ana.md", "ben.md", "chloe.md", "dev.md", "eli.md", "fay.md"
    ]
    ben = (out / "feedback" / "ben.md").read_text(encoding="utf-8")
    assert "Score: 95.56 of 100" in ben and "as separate reasons for" in ben
    fay = (out / "feedback" / "fay.md").read_text(encoding="utf-8")
    assert "no claim has the id 'fre'" in fay and "Score: 95.56 of 100" in fay


def test_overview_names_what_most_students_missed(graded: tuple[Path, str, str]) -> None:
    """The overview (printed and in overview.md) counts the class's commonest misses and errors."""
    out, stdout, stderr = graded
    assert (out / "overview.md").read_text(encoding="utf-8") == stdout
    assert "6 submissions: 5 compared, 1 could not be read as a map (dev)." in stdout
    assert "- `tallinn + similar_city -> more_riders`: 2 of 5 (linked-as-separate 1, missing-co-premise 1)" in stdout
    assert "1 could not be read" in stderr


def test_grade_exit_statuses(tmp_path: Path) -> None:
    """1 when the key has errors, 2 when there is nothing to grade."""
    broken = tmp_path / "key.arg"
    broken.write_text("premis a: Trees.\n", encoding="utf-8")
    assert run(["grade", str(broken), str(CLASS), "-o", str(tmp_path / "o")])[0] == 1
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run(["grade", str(KEY), str(empty), "-o", str(tmp_path / "o")])[0] == 2


def test_repeated_stems_get_unique_names() -> None:
    """Two submissions called ana.arg in different folders become ana and ana-2."""
    from argmap.teaching.grade import student_names

    assert student_names(["a/ana.arg", "b/ana.arg", "ben.arg"]) == ["ana", "ana-2", "ben"]


@pytest.mark.needs_dot
def test_grade_maps_draws_a_difference_map_per_compared_student(tmp_path: Path) -> None:
    """--maps writes maps/STUDENT.svg for each student whose file could be read."""
    status, _, err = run(["grade", str(KEY), str(CLASS / "ben.arg"), str(CLASS / "dev.arg"), "-o",
                          str(tmp_path), "--maps"])
    assert status == 0, err
    assert sorted(p.name for p in (tmp_path / "maps").iterdir()) == ["ben.svg"]


def test_grade_exits_3_for_a_mistyped_submission_path(tmp_path: Path) -> None:
    """A submission path that does not exist is an environment problem (exit 3), not a success."""
    from argmap.cli import main

    key = Path(__file__).parent / "teaching" / "key.arg"
    err = io.StringIO()
    status = main(["grade", str(key), str(tmp_path / "nosuchdir"), "-o", str(tmp_path / "out")], io.StringIO(), err)
    assert status == 3
    assert "could not read nosuchdir" in err.getvalue()


def test_grade_maps_without_dot_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--maps without Graphviz stops before writing: the output folder is whole or absent."""
    from argmap.cli import main

    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    key = Path(__file__).parent / "teaching" / "key.arg"
    out = tmp_path / "out"
    status = main(["grade", str(key), str(Path(__file__).parent / "teaching" / "class"), "-o", str(out), "--maps"],
                  io.StringIO(), io.StringIO())
    assert status == 3
    assert not out.exists()
