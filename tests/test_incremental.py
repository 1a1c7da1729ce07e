"""Reading only what an edit touched gives the document a whole parse gives.

The language server parses each new version of a document with
:func:`argmap.language.parser.parse_again`, which reads again only the
statements around the change (:mod:`argmap.language.incremental`). Whatever
it returns must be exactly what :func:`argmap.parse` makes of the new text —
every record, every position — or the same error; these tests hold it to that
on chains of random edits to real files, and check that the shortcut is
really taken where it should be.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.core.diagnostics import ArgmapSyntaxError
from argmap.language import incremental, parser
from argmap.language.parser import parse, parse_again

from .conftest import ROOT

FILES = sorted(
    p
    for p in [*(ROOT / "examples").rglob("*.arg"), *(ROOT / "tests" / "cases").rglob("*.arg")]
    if "syntax" not in p.parts
)
SUMMIT = ROOT / "examples" / "summit" / "summit.arg"

_SNIPPETS = st.sampled_from(
    ["x", "The ", " ", "  ", "\t", "\n", "\n\n", "\r\n", "#", "# note\n", "## Heading\n", "### Sub\n", "title: T\n",
     "premise q: Q.\n", "  quote: words\n", "  more text\n", "a -> b\n", "q -x c\n", "u -x (a -> c)\n", " -> ", "-x",
     "+", ",", "(", ")", ":", "main ", "\\", "\\#", "é", "😀", "prediction p: P.\n  by: 2030\n"]
)
_EDITS = st.lists(
    st.tuples(st.floats(0, 1), st.integers(0, 30), st.lists(_SNIPPETS, max_size=3).map("".join)),
    min_size=1,
    max_size=5,
)


def _outcome(call, *args):  # type: ignore[no-untyped-def]
    """The document, or the error's text."""
    try:
        return call(*args)
    except ArgmapSyntaxError as exc:
        return str(exc.diagnostic)


@given(st.sampled_from(FILES), _EDITS)
def test_a_chain_of_edits_gives_what_a_whole_parse_gives(path: Path, edits: list[tuple[float, int, str]]) -> None:
    """Each version is parsed from the last one that parsed, as the language server does."""
    text = parser.decode(path.read_bytes(), str(path))
    previous = _outcome(parse, text, "f.arg")
    for where, length, snippet in edits:
        start = int(where * len(text))
        text = text[:start] + snippet + text[start + length :]
        whole = _outcome(parse, text, "f.arg")
        again = _outcome(parse_again, previous if not isinstance(previous, str) else None, text, "f.arg")
        assert again == whole
        previous = again


@pytest.fixture
def taken(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """For each parse_again, whether it read only the changed part (True) or the whole text."""
    seen: list[bool] = []
    real = incremental.rescan

    def spy(*args):  # type: ignore[no-untyped-def]
        document = real(*args)
        seen.append(document is not None)
        return document

    monkeypatch.setattr(incremental, "rescan", spy)
    return seen


def _edited(text: str, old: str, new: str, nth: int = 0) -> str:
    at = -1
    for _ in range(nth + 1):
        at = text.index(old, at + 1)
    return text[:at] + new + text[at + len(old) :]


@pytest.mark.parametrize(
    ("old", "new", "nth"),
    [
        ("Xi and Putin", "Xi Jinping and Putin", 1),  # a claim's text, near the top
        ("Xi and Putin", "X", 5),  # further down
        ("minority -> revolt\n", "minority -> revolts\n", 0),  # an id in a link: now an unknown id
        ("\n", "\n\n\n", 100),  # blank lines: every later line moves
    ],
)
def test_typing_in_a_claim_or_link_reads_only_its_part(taken: list[bool], old: str, new: str, nth: int) -> None:
    text = SUMMIT.read_text(encoding="utf-8")
    previous = parse(text, str(SUMMIT))
    changed = _edited(text, old, new, nth)
    assert parse_again(previous, changed, str(SUMMIT)) == parse(changed, str(SUMMIT))
    assert taken == [True]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("## ", "### "),  # a heading: the sections after it change
        ("title:", "subject:"),  # a header field
    ],
)
def test_a_heading_or_header_field_is_read_whole(taken: list[bool], old: str, new: str) -> None:
    text = SUMMIT.read_text(encoding="utf-8")
    previous = parse(text, str(SUMMIT))
    changed = _edited(text, old, new)
    assert _outcome(parse_again, previous, changed, str(SUMMIT)) == _outcome(parse, changed, str(SUMMIT))
    assert taken == [False]


def test_another_file_or_a_byte_order_mark_is_handled_like_parse(taken: list[bool]) -> None:
    text = "main conclusion c: C.\npremise a: A.\na -> c\n"
    previous = parse(text, "one.arg")
    assert parse_again(previous, text.replace("A.", "B."), "two.arg") == parse(text.replace("A.", "B."), "two.arg")
    assert parse_again(previous, "\ufeff" + text.replace("A.", "B."), "one.arg") == parse(text.replace("A.", "B."), "one.arg")
    assert taken == [False, True]


def test_an_error_in_the_new_text_is_the_error_parse_gives() -> None:
    text = "main conclusion c: C.\npremise a: A.\na -> c\n"
    previous = parse(text, "t.arg")
    broken = text.replace("a -> c", "a => c")
    assert _outcome(parse_again, previous, broken, "t.arg") == _outcome(parse, broken, "t.arg")
    assert isinstance(_outcome(parse_again, previous, broken, "t.arg"), str)


@pytest.mark.parametrize(
    "changed",
    [
        "## Two\nmain conclusion c: C.\npremise a: A.\na -> c\n",  # the heading on the first line
        "main conclusion c: C.\npremise a: A.\na -> c\n",  # the heading taken away
        "## One\n\nmain conclusion c: C.\npremise a: A.\na -> c\n",  # a blank line after it
    ],
)
def test_an_edit_of_a_first_line_heading(changed: str) -> None:
    text = "## One\nmain conclusion c: C.\npremise a: A.\na -> c\n"
    assert parse_again(parse(text, "t.arg"), changed, "t.arg") == parse(changed, "t.arg")


@pytest.mark.parametrize(
    "broken",
    [
        "a - c",  # typing an arrow
        "a -> ",  # the target still to come
        "premise b:",  # a new claim, its text still to come
        "a b -> c",  # a comma left out
        "premise 1b: B.",  # an id that starts with a digit
        "u -x (a -> c",  # a parenthesis still to close
        "  b -> c",  # an indented link (a layout check)
        "main c: C.",  # the kind left out
    ],
)
def test_a_syntax_error_typed_into_a_big_map_is_found_around_the_edit(taken: list[bool], broken: str) -> None:
    """The error parse gives, found by Lark on the changed stretch alone, not on the file up to it."""
    text = SUMMIT.read_text(encoding="utf-8")
    previous = parse(text, str(SUMMIT))
    changed = _edited(text, "minority -> revolt\n", f"minority -> revolt\n{broken}\n")
    whole, again = _outcome(parse, changed, str(SUMMIT)), _outcome(parse_again, previous, changed, str(SUMMIT))
    assert isinstance(whole, str) and again == whole
    assert taken == []  # raised from the stretch: the whole text was not parsed again
