"""``argmap fmt``: one canonical layout that keeps every word, comment and blank-line paragraph.

Cases in tests/cases/format/ pair an input (NAME.arg) with its canonical form
(NAME.expected). Property tests hold the formatter to its promises on every
example, on generated files and on mutated ones: the result parses to the same
document (compared here with a comparison of its own, spans left out), the
formatter is idempotent, and only white space (and a link's empty ``:``)
changes.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap.cli import main
from argmap.core.diagnostics import ArgmapSyntaxError
from argmap.core.model import Document, Span
from argmap.language.format import format_text
from argmap.language.parser import decode

from .conftest import ROOT

CASES = sorted((ROOT / "tests" / "cases" / "format").glob("*.arg"))
CORPUS = sorted(
    p
    for p in [*(ROOT / "examples").rglob("*.arg"), *(ROOT / "tests" / "cases").rglob("*.arg")]
    if "syntax" not in p.parts
)


def _meaning(document: Document) -> dict[str, object]:
    """The document as plain data without a single span (nor its text)."""
    data = attrs.asdict(
        document, filter=lambda field, value: not isinstance(value, Span) and not field.metadata.get("place")
    )
    del data["text"]
    return data


def _squeezed(text: str) -> str:
    """The text without white space (a heading's title is stripped of any), line ends, a byte-order
    mark, or a colon that ends a line."""
    text = text.removeprefix("\ufeff")
    lines = [re.sub(r":(?=[ \t]*(?:#.*)?\r?$)", "", line) for line in text.split("\n")]
    return re.sub(r"\s", "", "".join(lines))


def _comment_lines(text: str) -> int:
    return sum(1 for line in text.split("\n") if line.strip(" \t\r").startswith("#") and not line.startswith("##"))


def _assert_formats_well(text: str) -> str:
    """Format ``text`` (which parses) and check every promise; returns the result."""
    formatted = format_text(text, "t.arg")
    assert format_text(formatted, "t.arg") == formatted
    assert _meaning(argmap.parse(formatted, "t.arg")) == _meaning(argmap.parse(text, "t.arg"))
    assert _squeezed(formatted) == _squeezed(text)
    assert _comment_lines(formatted) == _comment_lines(text)
    assert formatted.endswith("\n") and "\r" not in formatted and "\n\n\n" not in formatted
    assert not any(line != line.rstrip(" \t") for line in formatted.split("\n"))
    return formatted


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_case_formats_to_its_expected_layout(path: Path) -> None:
    """Each case file formats to exactly its .expected file, which is already canonical."""
    expected = path.with_suffix(".expected").read_text(encoding="utf-8")
    assert _assert_formats_well(path.read_text(encoding="utf-8")) == expected
    assert format_text(expected) == expected


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_example_and_case_keeps_its_meaning(path: Path) -> None:
    """Every file that parses formats to the same document, idempotently, with its comments."""
    text = decode(path.read_bytes(), str(path))
    try:
        argmap.parse(text, str(path))
    except ArgmapSyntaxError:
        return
    _assert_formats_well(text)


def test_the_examples_are_canonical() -> None:
    """The shipped examples are written in the canonical layout already."""
    for path in sorted((ROOT / "examples").rglob("*.arg")):
        text = path.read_text(encoding="utf-8")
        assert format_text(text, str(path)) == text, path


def test_line_ends_and_byte_order_mark_are_normalised() -> None:
    """CRLF becomes LF, a byte-order mark goes, and a final newline is added."""
    text = "\ufefftitle: T\r\nmain conclusion c: C.\r\npremise a: A.\r\na -> c"
    assert _assert_formats_well(text) == "title: T\n\nmain conclusion c: C.\npremise a: A.\na -> c\n"


def test_a_syntax_error_raises_and_names_the_place() -> None:
    """A file that does not parse raises the parser's own error, with its line and column."""
    with pytest.raises(ArgmapSyntaxError) as caught:
        format_text("main conclusion c: C.\npremis a: A.\n", "bad.arg")
    assert str(caught.value).startswith("bad.arg:2:1:")


# --- generated files -----------------------------------------------------------------

_IDS = st.sampled_from(["a", "b", "c", "gas-supplier", "Путин2", "x_1", "mainly"])
_GAP = st.text(alphabet=" \t", max_size=3)
_SPACE = st.text(alphabet=" \t", min_size=1, max_size=3)
_TEXT = st.sampled_from(
    [
        "Trees cool streets.",
        "Schools teach C# and F\\#.",
        "a \\\\ backslash and C:\\Users",
        "“quoted” — yes…",
        "习近平 and Путин",
        "😀 𝒜 astral",
        "see http://x.org/#a",
        "at 10:30 today",
        "no\u00a0break\u00a0",
        "tabs\tinside\ttext",
        "ends with a colon:",
    ]
)
_COMMENT = st.one_of(st.just(""), st.builds(lambda gap, body: gap + body, _SPACE, st.sampled_from(["# c", "#x", "# ## not a heading", "# 💬  "])))
_KEYS = st.sampled_from(["note", "quote", "by", "kind", "tags", "basis"])


@st.composite
def _line(draw: st.DrawFn) -> str:
    shape = draw(st.sampled_from(["header", "claim", "property", "more", "link", "undercut", "heading", "comment", "blank"]))
    gap, text, comment = draw(_GAP), draw(_TEXT), draw(_COMMENT)
    if shape == "header":
        return f"{draw(st.sampled_from(['title', 'author']))}{draw(_GAP)}:{gap}{text}{comment}"
    if shape == "claim":
        main = draw(st.sampled_from(["", "main "]))
        kind = draw(st.sampled_from(["premise", "conclusion", "objection", "prediction"]))
        return f"{main}{kind}{draw(_SPACE)}{draw(_IDS)}{draw(_GAP)}:{gap}{text}{comment}"
    if shape == "property":
        return f"{draw(_SPACE)}{draw(_KEYS)}{draw(_GAP)}:{gap}{text}{comment}"
    if shape == "more":
        return f"{draw(_SPACE)}{text}{comment}"
    if shape in ("link", "undercut"):
        sources = draw(st.lists(_IDS, min_size=1, max_size=3))
        joiner = draw(st.sampled_from([",", "+"]))
        left = f"{draw(_GAP)}{joiner}{draw(_GAP)}".join(sources)
        arrow = draw(st.sampled_from(["->", "-x"]))
        target = draw(_IDS)
        if shape == "undercut":
            target = f"({draw(_GAP)}{draw(_IDS)}{draw(_GAP)}->{draw(_GAP)}{target}{draw(_GAP)})"
        label = draw(st.sampled_from(["", ":", f":{gap}{text}"]))
        return f"{left}{draw(_SPACE)}{arrow}{draw(_SPACE)}{target}{draw(_GAP)}{label}{comment}"
    if shape == "heading":
        return f"{'#' * draw(st.integers(2, 4))}{draw(_GAP)}{text}{comment}"
    if shape == "comment":
        return f"{draw(st.sampled_from(['', '  ', chr(9)]))}# {text}"
    return draw(_GAP)


@given(
    st.lists(_line(), min_size=1, max_size=14),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
)
def test_generated_files_keep_their_meaning(lines: list[str], end: str, final: bool) -> None:
    """On generated files, in every layout, fmt fails exactly when parsing fails, else keeps the meaning."""
    text = "main conclusion c: C.\n" + end.join(lines) + (end if final else "")
    try:
        argmap.parse(text, "t.arg")
    except ArgmapSyntaxError:
        with pytest.raises(ArgmapSyntaxError):
            format_text(text, "t.arg")
        return
    _assert_formats_well(text)


_SEEDS = [p for p in CORPUS if "valid" in p.parts or "examples" in p.parts]


@given(st.sampled_from(_SEEDS), st.data())
def test_mutated_files_keep_their_meaning(path: Path, data: st.DataObject) -> None:
    """Real files with lines re-indented, spaced, doubled, dropped or padded with blank lines and comments."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(lines) - 1))
        operation = data.draw(st.sampled_from(["indent", "space", "double", "drop", "blank", "comment", "tabs"]))
        line = lines[at]
        if operation == "indent" and line[:1] in (" ", "\t"):
            lines[at] = data.draw(_SPACE) + line.lstrip(" \t")
        elif operation == "space":
            lines[at] = re.sub(r" ", lambda _: data.draw(_SPACE), line) + data.draw(_GAP)
        elif operation == "double":
            lines.insert(at, line)
        elif operation == "drop" and len(lines) > 1:
            del lines[at]
        elif operation == "blank":
            lines.insert(at, data.draw(_GAP))
        elif operation == "comment":
            lines.insert(at, data.draw(st.sampled_from(["", "  ", "\t"])) + "# inserted")
        elif operation == "tabs":
            lines[at] = line.replace("  ", "\t")
    text = "\n".join(lines)
    try:
        argmap.parse(text, "t.arg")
    except ArgmapSyntaxError:
        return
    _assert_formats_well(text)


# --- the command -----------------------------------------------------------------------

UGLY = "title:T\nmain conclusion c:C.\npremise a:A.\na->c\n"
PRETTY = "title: T\n\nmain conclusion c: C.\npremise a: A.\na -> c\n"


def _run(*argv: str, stdin: str | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    if stdin is None:
        status = main(["fmt", *argv], out, err)
    else:
        import sys

        saved = sys.stdin
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8")
        try:
            status = main(["fmt", *argv], out, err)
        finally:
            sys.stdin = saved
    return status, out.getvalue(), err.getvalue()


def test_fmt_rewrites_a_file_in_place(tmp_path: Path) -> None:
    """``argmap fmt FILE`` rewrites the file and says so; a second run changes nothing."""
    path = tmp_path / "m.arg"
    path.write_text(UGLY, encoding="utf-8")
    status, _, err = _run(str(path))
    assert status == 0 and path.read_text(encoding="utf-8") == PRETTY
    assert f"reformatted {path}" in err
    status, _, err = _run(str(path))
    assert status == 0 and "0 files reformatted, 1 unchanged" in err


def test_fmt_check_fails_without_writing(tmp_path: Path) -> None:
    """``--check`` exits 1 for a file that would change and leaves it as it was; 0 for a canonical one."""
    ugly, pretty = tmp_path / "u.arg", tmp_path / "p.arg"
    ugly.write_text(UGLY, encoding="utf-8")
    pretty.write_text(PRETTY, encoding="utf-8")
    status, _, err = _run("--check", str(ugly), str(pretty))
    assert status == 1 and ugly.read_text(encoding="utf-8") == UGLY
    assert f"would reformat {ugly}" in err and str(pretty) not in err
    assert _run("--check", str(pretty))[0] == 0


def test_fmt_diff_prints_a_unified_diff(tmp_path: Path) -> None:
    """``--diff`` prints what would change and changes nothing."""
    path = tmp_path / "m.arg"
    path.write_text(UGLY, encoding="utf-8")
    status, out, _ = _run("--diff", str(path))
    assert status == 0 and path.read_text(encoding="utf-8") == UGLY
    assert "\n-a->c\n" in out and "\n+a -> c\n" in out and out.startswith(f"--- {path}\n")


def test_fmt_reads_standard_input() -> None:
    """``-`` formats standard input to standard output."""
    assert _run("-", stdin=UGLY)[:2] == (0, PRETTY)


def test_fmt_leaves_a_broken_file_untouched(tmp_path: Path) -> None:
    """A syntax error is printed as check prints it, exit 1, and the file (or the filtered input) is kept."""
    path = tmp_path / "bad.arg"
    broken = "main conclusion c:C.\npremis a: A.\n"
    path.write_text(broken, encoding="utf-8")
    status, _, err = _run(str(path))
    assert status == 1 and path.read_text(encoding="utf-8") == broken
    assert f"{path}:2:1: error: unknown claim kind 'premis'" in err
    status, out, _ = _run("-", stdin=broken)
    assert status == 1 and out == broken


def test_fmt_takes_a_folder_and_reports_unreadable_files(tmp_path: Path) -> None:
    """A folder means its .arg files (hidden folders skipped); a missing file is exit 3."""
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("a.arg", "sub/b.arg", ".hidden/c.arg"):
        (tmp_path / name).write_text(UGLY, encoding="utf-8")
    status, _, err = _run(str(tmp_path))
    assert status == 0 and "2 files reformatted" in err
    assert (tmp_path / ".hidden" / "c.arg").read_text(encoding="utf-8") == UGLY
    status, _, err = _run(str(tmp_path / "missing.arg"))
    assert status == 3 and "missing.arg: cannot read the file: there is no such file" in err
