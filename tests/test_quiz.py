"""argmap quiz: the blank map and the kind sheet, repeatable by seed, with nothing of the key leaking."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import argmap
from argmap.cli import main
from argmap.drawing import to_dot
from argmap.teaching.maps import blank_map
from argmap.teaching.quiz import (
    QUIZ_KINDS,
    blank_map_sheet,
    escape_markdown,
    kinds_answers,
    kinds_sheet,
    letters,
    make_quiz,
)

TEACHING = Path(__file__).parent / "teaching"
KEY = TEACHING / "key.arg"


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(argv, out, err)
    return status, out.getvalue(), err.getvalue()


def files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.mark.needs_dot
def test_same_seed_gives_byte_identical_files(tmp_path: Path) -> None:
    """Two runs with --seed 7 write the same five files, byte for byte; another seed shuffles otherwise."""
    for name in ("one", "two"):
        assert run(["quiz", str(KEY), "-o", str(tmp_path / name), "--seed", "7"])[0] == 0
    one, two = files(tmp_path / "one"), files(tmp_path / "two")
    assert one == two
    assert sorted(one) == ["blank-map-answers.html", "blank-map.html", "blank-map.svg", "kinds-answers.html",
                           "kinds.html", "worksheet.html"]
    ET.fromstring(one["blank-map.svg"])
    assert run(["quiz", str(KEY), "-o", str(tmp_path / "three"), "--seed", "8"])[0] == 0
    assert files(tmp_path / "three")["blank-map.html"] != one["blank-map.html"]


def test_markdown_sheets_without_a_map_need_no_dot(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """--format markdown --no-map writes the four sheets even where dot is missing."""
    monkeypatch.setenv("PATH", str(tmp_path))
    status, _, err = run(["quiz", str(KEY), "-o", str(tmp_path / "q"), "--seed", "1", "--format", "markdown",
                          "--no-map"])
    assert status == 0, err
    assert sorted(files(tmp_path / "q")) == ["blank-map-answers.md", "blank-map.md", "kinds-answers.md", "kinds.md"]


def test_quiz_without_dot_is_an_environment_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Without dot the blank map cannot be drawn: exit 3, a clear message, and nothing written."""
    monkeypatch.setenv("PATH", str(tmp_path))
    status, _, err = run(["quiz", str(KEY), "-o", str(tmp_path / "q"), "--seed", "1"])
    assert status == 3 and "Graphviz's dot is not installed" in err and "--no-map" in err
    assert not (tmp_path / "q").exists()


def test_no_seed_prints_the_one_it_chose(tmp_path: Path) -> None:
    """Without --seed a random seed is used and printed, so the sheets can be made again."""
    status, _, err = run(["quiz", str(KEY), "-o", str(tmp_path), "--no-map"])
    assert status == 0 and "give --seed" in err


def test_blank_map_leaks_no_text_id_or_quote_of_the_key() -> None:
    """The blank map's DOT has numbered boxes and none of the key's words."""
    key = argmap.check(str(KEY))
    blank, numbers = blank_map(key)
    dot = to_dot(blank, sections=False)
    for claim in key.claims:
        assert claim.text not in dot
        assert f'"{claim.id}"' not in dot and f" {claim.id} " not in dot
        quote = claim.get("quote")
        assert quote is None or quote.value not in dot
    assert sorted(numbers.values()) == list(range(1, len(key.claims) + 1))
    assert numbers["free"] == 1  # the main conclusion is box 1


def test_answers_match_the_worksheet() -> None:
    """Every letter on the worksheet names the claim the answer sheet puts in its box."""
    key = argmap.check(str(KEY))
    quiz = make_quiz(key, 3)
    _, numbers = blank_map(key)
    assert [p.letter for p in quiz.placements] == [letters(n) for n in range(len(key.claims))]
    for placement in quiz.placements:
        assert numbers[placement.claim] == placement.box
        assert key.by_id[placement.claim].text == placement.text
    assert make_quiz(key, 3) == quiz and make_quiz(key, 4) != quiz


def test_kind_sheet_asks_only_the_five_kinds_and_answers_with_alternatives() -> None:
    """The kind sheet lists the claims whose kind is one of five, and the answers show alt-kind too."""
    key = argmap.check(str(KEY))
    quiz = make_quiz(key, 3)
    assert {item.answer for item in quiz.kinds} <= set(QUIZ_KINDS)
    assert len(quiz.kinds) == len(key.claims)
    answers = kinds_answers(quiz)
    assert "fact (also accepted: interpretation)" in answers
    sheet = kinds_sheet(quiz)
    assert "also accepted" not in sheet and "<th>interpretation</th>" in sheet


def test_letters_go_on_after_z() -> None:
    """A, B, … Z, AA, AB: labels for keys of any size."""
    assert [letters(n) for n in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]


def test_worksheets_escape_the_keys_text(tmp_path: Path) -> None:
    """A claim with markup reaches the HTML and Markdown sheets escaped."""
    path = tmp_path / "key.arg"
    path.write_text(
        "main conclusion c: <script>alert(1)</script> & *stars*\n  kind: policy\n"
        "premise a: Trees | cool [streets](x).\n  kind: fact\na -> c\n",
        encoding="utf-8",
    )
    quiz = make_quiz(argmap.check(str(path)), 1)
    page = blank_map_sheet(quiz) + kinds_sheet(quiz)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; *stars*" in page
    markdown = blank_map_sheet(quiz, markdown=True) + kinds_sheet(quiz, markdown=True)
    assert not re.search(r"(?<!\\)<script>", markdown) and escape_markdown("Trees | cool [streets](x).") in markdown
    assert "Trees \\| cool \\[streets](x)." in markdown  # '[' escaped is no link; ']' and '(' need nothing


def test_blank_map_gives_no_kind_of_box_away_unless_asked() -> None:
    """By default every box is a plain claim (no 'assumption', 'objection', no dashed box); with
    kinds=True the boxes keep their kinds."""
    key = argmap.check(str(KEY))
    hidden = to_dot(blank_map(key)[0], sections=False, legend=False)
    for word in ("ASSUMPTION", "OBJECTION", "PREDICTION", "REBUTTAL", "filled,dashed"):
        assert word not in hidden, word
    shown = to_dot(blank_map(key, kinds=True)[0], sections=False, legend=False)
    assert "ASSUMPTION" in shown and "OBJECTION" in shown and "filled,dashed" in shown


@pytest.mark.needs_dot
def test_worksheet_has_a_name_line_the_text_the_claims_and_the_map(tmp_path: Path) -> None:
    """worksheet.html: a line for the name, the key's source text, the lettered claims, an answer
    table and the blank map drawn inside the page."""
    assert run(["quiz", str(KEY), "-o", str(tmp_path), "--seed", "2"])[0] == 0
    page = (tmp_path / "worksheet.html").read_text(encoding="utf-8")
    assert 'class="name-line"' in page and "Tallinn made its buses free in 2013" in page
    assert page.count("<tr><th>") >= 15 and "<svg" in page and "@page { size: A4" in page
    assert "ASSUMPTION" not in page
