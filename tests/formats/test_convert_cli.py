"""``argmap convert``: formats from names and contents, warnings by node, exit statuses, whole outputs.

Malformed inputs are data: each file in tests/formats/malformed/ has beside it
(``NAME.error``) the one-line message the command must give for it.
"""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path

import pytest

import argmap
from argmap.cli import main

from .conftest import SAMPLES

MALFORMED = Path(__file__).resolve().parent / "malformed"

MAP = """title: Trees
main conclusion c: Cities should plant more trees.
premise a: Trees cool the streets.
assumption b: Cooler streets are worth what trees cost.
objection o: Young trees need water.
premise r: Rainwater can water them.
a + b -> c
o -x c
r -x (o -x c)
"""


def run(argv: list[str], stdin: bytes | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdin
    if stdin is not None:
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        status = main(argv, out, err)
    finally:
        sys.stdin = old
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def trees(tmp_path: Path) -> Path:
    path = tmp_path / "trees.arg"
    path.write_text(MAP, encoding="utf-8")
    return path


def test_a_microtext_imports_with_its_text_and_checks_clean(tmp_path: Path) -> None:
    """XML in, .arg out beside the text it quotes; the command checks what it wrote and says so."""
    for name in ("micro_library.xml", "micro_library.txt"):
        shutil.copy(SAMPLES / "microtexts" / name, tmp_path)
    status, out, err = run(["convert", str(tmp_path / "micro_library.xml"), "-o", str(tmp_path / "map.arg")])
    assert status == 0, err
    assert out == ""
    assert f"argmap convert: wrote {tmp_path / 'map.arg'} (13 claims, 9 inferences); argmap check: 0 errors" in err
    text = (tmp_path / "map.arg").read_text(encoding="utf-8")
    assert "source: micro_library.txt" in text  # the text beside it, unchanged, is the source
    assert argmap.check(str(tmp_path / "map.arg")).ok


def test_an_ova_import_writes_the_source_text_beside_the_map(tmp_path: Path) -> None:
    """OVA keeps the analysed text: the map is written with it as its source, quotes found in it."""
    out_dir = tmp_path / "maps"
    out_dir.mkdir()
    status, _, err = run(["convert", str(SAMPLES / "ova3" / "library.json"), "-o", str(out_dir / "sunday.arg")])
    assert status == 0, err
    assert (out_dir / "library.txt").read_text(encoding="utf-8") == (
        SAMPLES / "ova3" / "library.expected-source.txt"
    ).read_text(encoding="utf-8")
    amap = argmap.check(str(out_dir / "sunday.arg"))
    assert amap.ok and amap.grounding is not None and len(amap.grounding.matches) == 13


def test_a_different_text_of_the_same_name_is_never_overwritten(tmp_path: Path) -> None:
    """When library.txt beside the output holds something else, the source goes to OUT.source.txt."""
    (tmp_path / "library.txt").write_text("My own notes.\n", encoding="utf-8")
    status, _, err = run(["convert", str(SAMPLES / "ova3" / "library.json"), "-o", str(tmp_path / "sunday.arg")])
    assert status == 0, err
    assert (tmp_path / "library.txt").read_text(encoding="utf-8") == "My own notes.\n"
    assert "source: sunday.source.txt" in (tmp_path / "sunday.arg").read_text(encoding="utf-8")
    assert argmap.check(str(tmp_path / "sunday.arg")).ok


def test_warnings_name_the_node_and_do_not_fail(tmp_path: Path) -> None:
    """What AIF has and argmap cannot say is printed as 'IN: warning: … (node N)'; the exit status is 0."""
    source = SAMPLES / "aif" / "library.json"
    status, _, err = run(["convert", str(source), "-o", str(tmp_path / "map.arg")])
    assert status == 0
    assert f"{source}: warning: argmap has no preferences: this one (node 9 over node 7) is dropped (node 29)" in err
    assert (tmp_path / "map.arg").exists()


@pytest.mark.parametrize(("suffix", "check"), [
    (".json", lambda text: json.loads(text)["format"] == "argmap"),
    (".aif.json", lambda text: {n["type"] for n in json.loads(text)["nodes"]} == {"I", "RA", "CA"}),
    (".argdown", lambda text: "[c]: Cities should plant more trees." in text),
    (".graphml", lambda text: text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<graphml')),
])
def test_the_output_suffix_picks_the_export(trees: Path, suffix: str, check: object) -> None:
    """-o map.json, .aif.json, .argdown, .graphml: each writes its format."""
    output = trees.with_name("out" + suffix)
    status, _, err = run(["convert", str(trees), "-o", str(output)])
    assert status == 0, err
    assert callable(check) and check(output.read_text(encoding="utf-8"))
    assert f"argmap convert: wrote {output} (5 claims, 3 inferences)" in err


@pytest.mark.parametrize("suffix", [".json", ".aif.json"])
def test_json_files_are_told_apart_by_their_contents(trees: Path, suffix: str) -> None:
    """An exported .json comes back as the same map whether it is argmap JSON or AIF: read from what is in it."""
    exported = trees.with_name("out" + suffix)
    assert run(["convert", str(trees), "-o", str(exported)])[0] == 0
    back = trees.with_name("back.arg")
    status, _, err = run(["convert", str(exported), "-o", str(back)])
    assert status == 0, err
    original = argmap.load(trees)
    again = argmap.load(back)
    assert [(c.id, c.kind, c.text) for c in again.claims] == [(c.id, c.kind, c.text) for c in original.claims]


def test_standard_input_and_output(trees: Path) -> None:
    """IN - with --from, OUT - with --to: the map goes through the pipes."""
    status, out, _ = run(["convert", str(trees), "--to", "json", "-o", "-"])
    assert status == 0
    status, out, err = run(["convert", "-", "--from", "json", "--to", "arg"], stdin=out.encode("utf-8"))
    assert status == 0, err
    assert "main conclusion c: Cities should plant more trees." in out


def test_between_two_other_formats_the_map_goes_through_arg(tmp_path: Path) -> None:
    """AIF in, GraphML out: imported, checked, exported."""
    output = tmp_path / "map.graphml"
    status, _, err = run(["convert", str(SAMPLES / "aif" / "library.json"), "-o", str(output)])
    assert status == 0, err
    assert output.read_text(encoding="utf-8").count('<data key="type">claim</data>') == 14


def test_a_map_with_errors_is_not_exported(tmp_path: Path) -> None:
    """An .arg with errors is reported as argmap check reports it (exit 1), and nothing is written."""
    broken = tmp_path / "broken.arg"
    broken.write_text(MAP + "zz -> c\n", encoding="utf-8")
    status, _, err = run(["convert", str(broken), "-o", str(tmp_path / "out.json")])
    assert status == 1
    assert "no claim has the id 'zz'" in err
    assert not (tmp_path / "out.json").exists()


def test_argmap_json_that_says_something_wrong_is_written_and_its_errors_reported(tmp_path: Path) -> None:
    """argmap JSON is read as it is: a circle of support in it is written, and argmap check's error reported (exit 1)."""
    circle = {"format": "argmap", "version": 1,
              "claims": [{"id": "a", "kind": "claim", "text": "A."}, {"id": "b", "kind": "claim", "text": "B."}],
              "links": [{"type": "support", "sources": ["a"], "target": "b"},
                        {"type": "support", "sources": ["b"], "target": "a"}]}
    source = tmp_path / "circle.json"
    source.write_text(json.dumps(circle), encoding="utf-8")
    status, _, err = run(["convert", str(source), "-o", str(tmp_path / "circle.arg")])
    assert status == 1
    assert "argmap check: 1 error" in err and "circular reasoning" in err
    assert (tmp_path / "circle.arg").exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["map.arg", "-o", "map.xyz"],
         "cannot tell the format from 'map.xyz': name it .arg, .json, .aif.json, .argdown or .graphml, or give --to"),
        (["map.arg"], "give -o OUT (its suffix sets the format) or --to FORMAT"),
        (["map.arg", "-o", "again.arg"], "both sides are .arg: there is nothing to convert"),
        (["map.arg", "--to", "kialo"], "argmap reads kialo files but does not write them"),
        (["map.graphml", "-o", "map.arg"], "argmap writes graphml files but does not read them"),
        (["-", "-o", "map.arg"], "reading standard input needs --from FORMAT"),
        (["map.json", "-o", "map.json"], "OUT is IN: choose another output file"),
    ],
)
def test_bad_usage_exits_2_with_one_line(argv: list[str], message: str) -> None:
    """Usage mistakes: a one-line message and exit 2."""
    status, _, err = run(["convert", *argv])
    assert status == 2
    assert err == f"argmap convert: {message}\n"


def test_an_unreadable_input_or_output_exits_3(trees: Path, tmp_path: Path) -> None:
    """A missing input, or an output folder that does not exist: exit 3, one line, nothing half-written."""
    status, _, err = run(["convert", str(tmp_path / "missing.json"), "-o", str(tmp_path / "out.arg")])
    assert status == 3
    assert err.startswith(f"argmap convert: cannot read {tmp_path / 'missing.json'}: ")
    status, _, err = run(["convert", str(trees), "-o", str(tmp_path / "no" / "such" / "dir" / "out.json")])
    assert status == 3
    assert "cannot write" in err


CASES = sorted(path for path in MALFORMED.iterdir() if path.suffix != ".error")


def test_there_are_malformed_cases_of_each_format() -> None:
    """The folder has malformed AIF, argmap JSON, Argdown, microtexts and Kialo files."""
    names = " ".join(path.name for path in CASES)
    for prefix in ("aif-", "argmap-", "argdown-", "micro-", "kialo-"):
        assert prefix in names


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_a_malformed_input_gets_one_line_naming_the_file(path: Path, tmp_path: Path) -> None:
    """Exit 1 and exactly 'argmap convert: FILE: problem' — no traceback — and no output file."""
    expected = path.with_name(path.name + ".error").read_text(encoding="utf-8").strip()
    output = tmp_path / "out.arg"
    status, out, err = run(["convert", str(path), "-o", str(output)])
    assert (status, out, err) == (1, "", f"argmap convert: {path}: {expected}\n")
    assert not output.exists()
