"""The fast line scanner and Lark agree: same document, or the scanner steps aside.

The scanner (argmap.language.scanner.scan) builds the document straight from the lines
of plain, well-formed files; anything else falls back to Lark. These tests
hold it to that: on every example and case file, and on generated text,
whenever the scanner produces a document, it equals the one built from Lark's
tree — positions included — Lark accepts the text too, and so do the layout
checks the fast path skips.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.core.diagnostics import ArgmapSyntaxError
from argmap.language import errors, grammar, parser, scanner, tree

from .conftest import ROOT

FILES = sorted(
    p for p in [*(ROOT / "examples").rglob("*.arg"), *(ROOT / "tests" / "cases").rglob("*.arg")]
)


def _both(text: str) -> tuple[object, object] | None:
    """(fast document, Lark document or error), or None when the scanner declines."""
    body = text[1:] if text.startswith("\ufeff") else text
    fast = scanner.scan(body, "t.arg")
    if fast is None:
        return None
    # The fast path skips the layout checks, so it must decline every file they reject.
    try:
        errors.check_layout(body, "t.arg")
    except ArgmapSyntaxError as exc:
        raise AssertionError(f"scanner accepted text the layout checks reject: {exc}") from None
    from lark.exceptions import UnexpectedInput

    source = body if body.endswith("\n") else body + "\n"
    try:
        lark_tree = grammar.lark_parser().parse(source)
    except UnexpectedInput as exc:  # the scanner accepted what Lark rejects: a bug
        raise AssertionError(f"scanner accepted text Lark rejects: {exc}") from None
    try:
        slow: object = tree.TreeBuilder(body, "t.arg").build(lark_tree)
    except ArgmapSyntaxError as exc:
        slow = exc.diagnostic
    return fast, slow


def _assert_agree(text: str) -> None:
    """The scanner declines, or builds exactly the document Lark's tree gives."""
    try:  # what parse() checks before the fast path
        errors.check_characters(text, "t.arg")
        errors.check_first_line(text, "t.arg")
    except ArgmapSyntaxError:
        return
    result = _both(text)
    if result is not None:
        fast, slow = result
        assert fast == slow


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_scanner_agrees_with_lark_on_every_file(path: Path) -> None:
    """On each example and case file the scanner either declines or builds Lark's document exactly."""
    try:
        text = parser.decode(path.read_bytes(), str(path))
    except ArgmapSyntaxError:
        return
    _assert_agree(text)


def test_scanner_handles_the_valid_corpus() -> None:
    """The scanner is not a no-op: it takes every valid case and example itself."""
    valid = [p for p in FILES if "valid" in p.parts or "examples" in p.parts]
    declined = []
    for path in valid:
        text = parser.decode(path.read_bytes(), str(path))
        if _both(text) is None:
            declined.append(path.name)
    assert declined == []


_PIECES = [
    "premise", "conclusion", "main ", "assumption", "objection", "prediction", "claim",
    "a", "b", "c", "d2", "x-y", "premises", ":", ": ", " ", "  ", "\t", "\n", "\n  ", "\r\n", "->", "-x",
    " -> ", " -x ", "+", " + ", ",", ", ", "(", ")", "#", " # c", "##", "## Head", "\\", "\\#", "C#",
    "quote:", "by: author", "title:", "status: open", "“", "—", "习近平", "é", "<b>", "&", "\u00a0", "http://x",
]
_TEXTS = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@given(_TEXTS)
def test_scanner_agrees_with_lark_on_generated_text(text: str) -> None:
    """Generated near-valid text: whenever the scanner builds a tree, it is Lark's."""
    _assert_agree(text)


@given(st.sampled_from([p for p in FILES if "valid" in p.parts or "examples" in p.parts]), st.data())
def test_scanner_agrees_on_mutated_files(path: Path, data: st.DataObject) -> None:
    """Real files with a line deleted, duplicated or edited: the two parsers still agree."""
    lines = parser.decode(path.read_bytes(), str(path)).split("\n")
    i = data.draw(st.integers(0, len(lines) - 1))
    change = data.draw(st.sampled_from(["delete", "duplicate", "insert"]))
    if change == "delete":
        del lines[i]
    elif change == "duplicate":
        lines.insert(i, lines[i])
    else:
        lines.insert(i, data.draw(_TEXTS))
    _assert_agree("\n".join(lines))


def test_lark_is_not_imported_for_a_valid_file() -> None:
    """Checking a well-formed file never imports Lark (start-up time)."""
    import subprocess
    import sys

    code = (
        "import sys, argmap; argmap.resolve(argmap.parse('main conclusion c: C.\\npremise a: A.\\na -> c\\n'));"
        "print('lark' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


_MARGIN_LINES = [
    "premise a: Some text.", "conclusion c: Text with # a hash", "main conclusion m: Main.", "premise e: Es\\#caped",
    "prediction p: Will happen.  ", "claim g:\tTabbed", "premise x-y: Dashed id", "premise f:",
    "# a comment at the margin", "## Heading", "### Sub", "title: T", "a -> m", "a -x m: a label", "a, e -> m",
    "a + e -> m", "g -x (a -> m)", "a -> m: label # comment", "a->m", "a  ->  m  :  spaced  ",
]
_INDENTED_LINES = [
    "  quote: a quote", "  kind: fact", "  note:", "    a continuation line", "  # an indented comment", "\tby: author",
    "  deadline: 2030-01-01", "  quote: http://x.y", "  value: # no value?", "  quote: with \\# escape", "  a-x: k",
    "  a -x m", "  main: x", "", "   ",
]
_LINE_TEXTS = st.tuples(
    st.lists(
        st.tuples(st.sampled_from(_MARGIN_LINES), st.lists(st.sampled_from(_INDENTED_LINES), max_size=7)),
        min_size=1,
        max_size=12,
    ),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
).map(lambda t: t[1].join(line for margin, under in t[0] for line in [margin, *under]) + (t[1] if t[2] else ""))


@given(_LINE_TEXTS)
def test_scanner_agrees_with_lark_on_generated_lines(text: str) -> None:
    """Whole lines in any order: a claim with zero to seven property lines under it (the scanner matches
    up to four with the claim), continuation and comment lines, blank lines, both line breaks."""
    _assert_agree(text)


@pytest.mark.parametrize(
    "text",
    [
        "premise a: A.\n  a-xb: c\n",  # a property key, or the link 'a -x b: c'? S014 says move it
        "premise a: A.\n  a -> b\n",
        "premise a: A.\n  premise b: B.\n",
        "premise a: A.\n  note: fine\n  b-xc: d\n",
    ],
)
def test_scanner_leaves_indented_statements_to_the_layout_check(text: str) -> None:
    """Lines the layout check rejects (S014) are never accepted by the fast path."""
    assert scanner.scan(text, "t.arg") is None
    with pytest.raises(ArgmapSyntaxError) as caught:
        parser.parse(text, "t.arg")
    assert caught.value.diagnostic.code == "S014"
