"""argmap grade: the free-buses class, the summary CSV, feedback files, overviews; folders to any
depth, stale files, school systems' file names, rosters, confirmations, formula-proof CSV."""

from __future__ import annotations

import csv
import io
import os
import shutil
import warnings
from pathlib import Path

import pytest

import argmap
from argmap.cli import main
from argmap.drawing import render
from argmap.teaching.grade import safe_cell, safe_file_name
from argmap.teaching.roster import RosterError, read_roster
from argmap.teaching.submissions import identify, sort_out

TEACHING = Path(__file__).parent / "teaching"
KEY = TEACHING / "key.arg"
CLASS = TEACHING / "class"


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(argv, out, err)
    return status, out.getvalue(), err.getvalue()


def rows(folder: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((folder / "summary.csv").read_text(encoding="utf-8-sig"), newline="")))


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    out = tmp_path_factory.mktemp("graded")
    status, stdout, stderr = run(["grade", str(KEY), str(CLASS), "-o", str(out)])
    assert status == 0, stderr
    return out, stdout, stderr


def test_summary_has_one_row_per_student_with_status_and_scores(graded: tuple[Path, str, str]) -> None:
    """summary.csv: every student in file order, each graded (dev's syntax error around), by line and skill."""
    out, _, _ = graded
    found = rows(out)
    assert [(r["student"], r["status"], r["total"]) for r in found] == [
        ("ana", "ok", "100"),
        ("ben", "ok", "92.31"),
        ("chloe", "ok", "87.57"),
        ("dev", "syntax error", "88.49"),
        ("eli", "ok", "88.89"),
        ("fay", "errors", "96.15"),
    ]
    ben = found[1]
    assert (ben["main"], ben["claims"], ben["links"], ben["kinds"], ben["extras"]) == ("10", "20", "42.31", "20", "0")
    assert (ben["linked_percent"], ben["reasons_percent"], ben["undercuts_percent"]) == ("33.3", "100", "")
    assert found[0]["to_confirm"] == "0"  # ana's assumptions, in her own words, are sure matches


def test_syntax_error_is_graded_around_and_shown_without_folders(graded: tuple[Path, str, str]) -> None:
    """dev.md shows the syntax error as 'argmap check' prints it, the file named without its folders,
    and grades the rest."""
    out, _, _ = graded
    status, _, check_output = run(["check", str(CLASS / "dev.arg")])
    assert status == 1
    text = (out / "feedback" / "dev.md").read_text(encoding="utf-8")
    assert check_output.replace(str(CLASS) + os.sep, "") in text
    assert str(CLASS) not in text and "unknown claim kind 'premis'" in text
    assert "Score: 88.49 of 100" in text and "Line 7 of your file could not be read" in text


def test_feedback_files_for_each_student(graded: tuple[Path, str, str]) -> None:
    """Each student gets feedback as Markdown and as a page to print, and the class one file with a page each."""
    out, _, _ = graded
    names = ["ana", "ben", "chloe", "dev", "eli", "fay"]
    assert sorted(p.name for p in (out / "feedback").iterdir()) == sorted(
        [f"{n}.md" for n in names] + [f"{n}.html" for n in names]
    )
    ben = (out / "feedback" / "ben.md").read_text(encoding="utf-8")
    assert "Score: 92.31 of 100" in ben and "as separate reasons for" in ben and "## What went well" in ben
    fay = (out / "feedback" / "fay.md").read_text(encoding="utf-8")
    assert "no claim has the id 'fre'" in fay and "Score: 96.15 of 100" in fay
    page = (out / "feedback-all.html").read_text(encoding="utf-8")
    assert page.count('<section class="sheet">') == 6 and "@page { size: A4" in page


def test_overview_names_what_most_students_missed_and_who(graded: tuple[Path, str, str]) -> None:
    """The overview (printed and in overview.md) gives the scores, the skills and who made each mistake."""
    out, stdout, stderr = graded
    assert (out / "overview.md").read_text(encoding="utf-8") == stdout
    assert "6 submissions: 6 graded (1 only in part: dev)." in stdout
    assert "- linked-as-separate `tallinn + similar_city -> more_riders`: 1 of 6 (ben)" in stdout
    assert "| linked or separate | 83.33% | 4 of 6 |" in stdout
    assert "6 of 6 submissions graded" in stderr
    assert "ben" not in (out / "class.html").read_text(encoding="utf-8")


def test_grade_exit_statuses(tmp_path: Path) -> None:
    """1 when the key has errors, 2 when there is nothing to grade."""
    broken = tmp_path / "key.arg"
    broken.write_text("premis a: Trees.\n", encoding="utf-8")
    assert run(["grade", str(broken), str(CLASS), "-o", str(tmp_path / "o")])[0] == 1
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run(["grade", str(KEY), str(empty), "-o", str(tmp_path / "o")])[0] == 2


def test_same_file_name_in_two_folders_is_two_students(tmp_path: Path) -> None:
    """ana.arg in 7a and ana.arg in 7b are two students (ana and ana-2), not one student's two versions."""
    for group in ("7a", "7b"):
        (tmp_path / "in" / group).mkdir(parents=True)
        shutil.copy(CLASS / "ana.arg", tmp_path / "in" / group / "ana.arg")
    status, _, err = run(["grade", str(KEY), str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    assert status == 0, err
    assert [(r["student"], r["file"]) for r in rows(tmp_path / "out")] == [
        ("ana", os.path.join("7a", "ana.arg")), ("ana", os.path.join("7b", "ana.arg"))
    ]
    assert sorted(p.name for p in (tmp_path / "out" / "feedback").glob("*.md")) == ["ana-2.md", "ana.md"]


def test_folders_are_searched_to_any_depth_and_old_files_go(tmp_path: Path) -> None:
    """Submissions in nested folders are found; a second run removes the files of the first that it
    does not write again (a student who left), and keeps what the teacher put in the folder."""
    nested = tmp_path / "in" / "week 3" / "group b"
    nested.mkdir(parents=True)
    for name in ("ana.arg", "ben.arg"):
        shutil.copy(CLASS / name, nested / name)
    (tmp_path / "in" / ".hidden").mkdir()
    shutil.copy(CLASS / "eli.arg", tmp_path / "in" / ".hidden" / "eli.arg")
    out = tmp_path / "out"
    assert run(["grade", str(KEY), str(tmp_path / "in"), "-o", str(out)])[0] == 0
    assert sorted(p.name for p in (out / "feedback").glob("*.md")) == ["ana.md", "ben.md"]
    (out / "notes.txt").write_text("my notes", encoding="utf-8")
    (nested / "ben.arg").unlink()
    status, _, err = run(["grade", str(KEY), str(tmp_path / "in"), "-o", str(out)])
    assert status == 0 and "removed 2 files of an earlier run" in err
    assert sorted(p.name for p in (out / "feedback").iterdir()) == ["ana.html", "ana.md"]
    assert (out / "notes.txt").read_text(encoding="utf-8") == "my notes"


@pytest.mark.parametrize(
    ("path", "name", "ident", "attempt", "system"),
    [
        ("in/Ana Lima_12345_assignsubmission_file_/map.arg", "Ana Lima", "12345", 1, "moodle"),
        ("in/Ana Lima_12345_assignsubmission_file_/map_2.arg", "Ana Lima", "12345", 2, "moodle"),
        ("in/Ana Lima_12345_assignsubmission_file_map.arg", "Ana Lima", "12345", 1, "moodle"),
        ("in/Participant_12345_assignsubmission_file_/x.arg", "Participant", "12345", 1, "moodle"),
        ("in/limaana_31001_4410001_phones.arg", "limaana", "31001", 1, "canvas"),
        ("in/limaana_late_31001_4410001_phones.arg", "limaana", "31001", 1, "canvas"),
        ("in/limaana_31001_4410009_phones-1.arg", "limaana", "31001", 2, "canvas"),
        ("in/Ana Lima - Deposit map.arg", "Ana Lima", "", 1, "classroom"),
        ("in/ana.arg", "ana", "", 1, "file"),
        ("in/ben_2.arg", "ben", "", 2, "file"),
        ("in/ben (1).arg", "ben", "", 2, "file"),
        ("in/ben v3.arg", "ben", "", 3, "file"),
        ("in/=HYPERLINK(1).arg", "=HYPERLINK(1)", "", 1, "file"),
    ],
)
def test_school_systems_file_names_tell_whose_file_it_is(path: str, name: str, ident: str, attempt: int, system: str) -> None:
    """Moodle's folders and file names, Canvas's, Google Classroom's and resubmissions' numbers."""
    found = identify(path, path)
    assert (found.name, found.ident, found.attempt, found.system) == (name, ident, attempt, system)
    assert found.late == ("_late_" in path)


def test_the_latest_version_is_graded_and_the_roster_names_each_file() -> None:
    """ben_2 replaces ben; Canvas's lastfirst and Moodle's ids meet the roster's names; who sent
    nothing is missing."""
    roster = read_roster(
        b"Student,ID\n    Points Possible,\n\"Lima, Ana\",31001\n\"Hofer, Ben\",31002\n\"Roth, Mia\",31003\n"
    )
    files = [
        identify(p, p)
        for p in ("in/limaana_31001_4410001_phones.arg", "in/ben.arg", "in/ben_2.arg", "in/stranger.arg")
    ]
    handed, missing = sort_out(files, roster)
    assert [(h.name, h.found.path, h.on_roster) for h in handed] == [
        ("Ana Lima", "in/limaana_31001_4410001_phones.arg", True),
        ("Ben Hofer", "in/ben_2.arg", True),
        ("stranger", "in/stranger.arg", False),
    ]
    assert [f.path for f in handed[1].superseded] == ["in/ben.arg"]
    assert [s.name for s in missing] == ["Mia Roth"]


@pytest.mark.parametrize(
    ("data", "students"),
    [
        (
            "\ufeffIdentifier,Full name,Email address\r\nParticipant 20101,Lena Vogt,lena@school.test\r\n",
            [("Lena Vogt", "20101", "lena@school.test")],
        ),
        (
            "Student,ID,SIS User ID\n    Points Possible,,\n\"Schäfer, Jörg\",31012,S1\n",
            [("Jörg Schäfer", "31012", "")],
        ),
        (
            "Last Name,First Name,Email Address,Map\nDate,,,\"Mar 5, 2025\"\nPoints,,,100\nLenz,Sara,sara@s.test,\n",
            [("Sara Lenz", "", "sara@s.test")],
        ),
        ("Vorname;Nachname;Name\n;;Eva Brandt\n", [("Eva Brandt", "", "")]),
    ],
)
def test_rosters_read_as_school_systems_export_them(data: str, students: list[tuple[str, str, str]]) -> None:
    """Moodle's grading worksheet, Canvas's gradebook, Google Classroom's grades, semicolons; in
    UTF-8 or saved by Excel in Windows-1252."""
    assert [(s.name, s.ident, s.email) for s in read_roster(data.encode("utf-8"))] == students
    windows = data.lstrip("\ufeff").encode("cp1252")
    assert [(s.name, s.ident, s.email) for s in read_roster(windows)] == students


def test_a_bad_roster_is_one_clear_error(tmp_path: Path) -> None:
    """A roster without a column of names says which columns it has, and grade exits 1."""
    with pytest.raises(RosterError, match=r"roster.csv: no column of names: .*it has: Mark, Comment"):
        read_roster(b"Mark,Comment\n3,good\n", "roster.csv")
    roster = tmp_path / "roster.csv"
    roster.write_text("Mark,Comment\n3,good\n", encoding="utf-8")
    status, _, err = run(["grade", str(KEY), str(CLASS), "-o", str(tmp_path / "o"), "--roster", str(roster)])
    assert status == 1 and "no column of names" in err and not (tmp_path / "o").exists()


def test_csv_cells_never_start_a_formula(tmp_path: Path) -> None:
    """Files named like formulas reach the summary as text: a quote mark before '=', '+', '-', '@'."""
    hostile = ["=HYPERLINK(\"evil.test\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tTab"]
    folder = tmp_path / "in"
    folder.mkdir()
    for name in hostile:
        shutil.copy(CLASS / "ana.arg", folder / f"{name}.arg")
    status, _, err = run(["grade", str(KEY), str(folder), "-o", str(tmp_path / "out")])
    assert status == 0, err
    found = rows(tmp_path / "out")
    assert sorted(r["student"] for r in found) == sorted("'" + name for name in hostile)
    assert all(r["file"].startswith("'") for r in found)
    assert float(found[0]["total"]) == 100  # numbers stay numbers
    assert safe_cell("Ana") == "Ana" and safe_cell("-1") == "'-1"
    assert sorted(p.name for p in (tmp_path / "out" / "feedback").glob("*.md")) == sorted(
        f"{safe_file_name(name, set())}.md" for name in hostile
    )


def test_confirmations_are_saved_beside_the_key_and_used_again(tmp_path: Path) -> None:
    """to-confirm.toml offers a claim argmap could not match; the teacher's answer (--confirm) is
    saved in KEY.confirm.toml and used on the next run without --confirm, until the student's claim
    changes; an answer naming no key claim is an error."""
    key = tmp_path / "key.arg"
    key.write_text(
        "main conclusion c: Cities should plant more street trees.\n"
        "premise a: Street trees lower summer temperatures on the pavement.\n"
        "premise b: Trees take up rainwater that would flood drains.\n"
        "objection o: Young trees need years of watering.\n"
        "premise r: Rainwater harvesting can water them for free.\n"
        "a -> c\nb -> c\no -x c\nr -x o\n",
        encoding="utf-8",
    )
    student = tmp_path / "in" / "mia.arg"
    student.parent.mkdir()
    student.write_text(
        "main conclusion t: Cities should plant more street trees.\n"
        "premise x: Shade keeps pavements cool.\n"
        "premise y: Trees take up rainwater that would flood drains.\n"
        "objection z: Young trees need years of watering.\n"
        "premise w: Harvested rain can water them.\n"
        "x -> t\ny -> t\nz -x t\nw -x z\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert run(["grade", str(key), str(tmp_path / "in"), "-o", str(out)])[0] == 0
    assert rows(out)[0]["missing_claims"] == "1"
    listed = (out / "to-confirm.toml").read_text(encoding="utf-8")
    assert '["mia"]' in listed and '# ? "x" = "a"' in listed
    answers = tmp_path / "answers.toml"
    answers.write_text(listed.replace('# ? "x" = "a"', '"x" = "a"'), encoding="utf-8")
    status, _, err = run(["grade", str(key), str(tmp_path / "in"), "-o", str(out), "--confirm", str(answers)])
    assert status == 0 and "saved in" in err, err
    saved = (tmp_path / "key.confirm.toml").read_text(encoding="utf-8")
    assert '"x" = { key = "a", text = "Shade keeps pavements cool." }' in saved
    assert rows(out)[0]["missing_claims"] == "0" and not (out / "to-confirm.toml").exists()
    assert run(["grade", str(key), str(tmp_path / "in"), "-o", str(out)])[0] == 0
    assert rows(out)[0]["missing_claims"] == "0"  # the saved answer is used
    student.write_text(student.read_text(encoding="utf-8").replace("Shade keeps", "Shade keeps the"), encoding="utf-8")
    assert run(["grade", str(key), str(tmp_path / "in"), "-o", str(out)])[0] == 0
    assert rows(out)[0]["missing_claims"] == "1"  # the claim changed: asked about again
    answers.write_text('["mia"]\n"x" = "q"\n', encoding="utf-8")
    status, _, err = run(["grade", str(key), str(tmp_path / "in"), "-o", str(out), "--confirm", str(answers)])
    assert status == 1 and "the key has no claim 'q'" in err


def test_hint_levels_go_from_a_question_to_the_answer(tmp_path: Path) -> None:
    """--hints 1 asks, --hints 2 says what differs, --hints 3 adds what to write."""
    texts = {}
    for level in (1, 2, 3):
        out = tmp_path / str(level)
        assert run(["grade", str(KEY), str(CLASS / "ben.arg"), "-o", str(out), "--hints", str(level)])[0] == 0
        texts[level] = (out / "feedback" / "ben.md").read_text(encoding="utf-8")
    assert "Cover one of them up" in texts[1] and "in the text they only work together" not in texts[1]
    assert "in the text they only work together" in texts[2] and "Join them with '+'" not in texts[2]
    assert "Join them with '+': `fares_income + collection_cost -> barely_cover`" in texts[3]


@pytest.mark.needs_dot
def test_grade_maps_draws_a_difference_map_per_compared_student(tmp_path: Path) -> None:
    """--maps writes maps/STUDENT.svg and a page to print for each student whose file could be read."""
    status, _, err = run(["grade", str(KEY), str(CLASS / "ben.arg"), str(tmp_path / "nothing.txt"), "-o",
                          str(tmp_path / "out"), "--maps"])
    assert status == 3, err  # the second path does not exist
    assert sorted(p.name for p in (tmp_path / "out" / "maps").iterdir()) == ["ben.html", "ben.svg"]
    page = (tmp_path / "out" / "maps" / "ben.html").read_text(encoding="utf-8")
    assert "<svg" in page and "@page wide" in page and "Grey and dashed" in page


def test_grade_exits_3_for_a_mistyped_submission_path(tmp_path: Path) -> None:
    """A submission path that does not exist is an environment problem (exit 3), not a success."""
    err = io.StringIO()
    status = main(["grade", str(KEY), str(tmp_path / "nosuchdir"), "-o", str(tmp_path / "out")], io.StringIO(), err)
    assert status == 3
    assert "could not read" in err.getvalue() and "nosuchdir" in err.getvalue()


def test_grade_maps_without_dot_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--maps without Graphviz stops before writing: the output folder is whole or absent."""
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    out = tmp_path / "out"
    status = main(["grade", str(KEY), str(CLASS), "-o", str(out), "--maps"], io.StringIO(), io.StringIO())
    assert status == 3
    assert not out.exists()


@pytest.mark.needs_dot
def test_a_difference_map_to_print_is_drawn_as_large_as_a4_allows(tmp_path: Path) -> None:
    """A wide 15-claim difference map with labelled lines is drawn left to right for A4, where its text
    comes out larger than bottom to top would (measured in the SVG), and the page says honestly
    whether that is still too small to read."""
    from argmap.teaching.compare import compare
    from argmap.teaching.maps import difference_map
    from tests.svg_measure import measure

    classes = TEACHING / "classes" / "deposit"
    nina = classes / "submissions" / "Nina Fuchs - Deposit map.arg"
    out = tmp_path / "nina.html"
    status, _, err = run(["compare", str(nina), str(classes / "key.arg"), "--map", str(out)])
    assert status == 0, err
    page = out.read_text(encoding="utf-8")
    union, marks = difference_map(compare(argmap.resolve(argmap.load(nina)), argmap.resolve(argmap.load(classes / "key.arg"))))
    text = {}
    for direction in ("BT", "LR"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            text[direction] = measure(render(union, "svg", fit="a4", sections=False, marks=marks, direction=direction)).text_at("a4")
    assert text["LR"] > text["BT"]
    drawn = page[page.index("<svg") : page.index("</svg>") + 6].encode("utf-8")
    assert measure(drawn).text_at("a4") == pytest.approx(text["LR"], abs=0.05)
    assert ("too small to read" in err) == (text["LR"] < 5.0)
