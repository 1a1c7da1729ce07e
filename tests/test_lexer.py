"""The Pygments lexer: found by name and file name through the entry point, and reads every example cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest
from pygments.lexers import get_lexer_by_name, get_lexer_for_filename
from pygments.token import (
    Comment,
    Error,
    Generic,
    Keyword,
    Name,
    Operator,
    Punctuation,
    String,
    Text,
    _TokenType,
)

from argmap.editor.lexer import ArgmapLexer

from .conftest import ROOT

FILES = sorted(
    p
    for p in [*(ROOT / "examples").rglob("*.arg"), *(ROOT / "tests" / "cases").rglob("*.arg")]
    if "syntax" not in p.parts
)


def test_pygments_finds_the_lexer_through_the_entry_point() -> None:
    """Sphinx, MkDocs and Jupyter ask Pygments for 'argmap' or a *.arg file name and get this lexer."""
    assert isinstance(get_lexer_by_name("argmap"), ArgmapLexer)
    assert isinstance(get_lexer_for_filename("summit.arg"), ArgmapLexer)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_example_lexes_without_error_tokens(path: Path) -> None:
    """Each example and case file is read with no error token, and the tokens give back the text."""
    text = path.read_text(encoding="utf-8").removeprefix("\ufeff")
    tokens = list(ArgmapLexer(stripnl=False, ensurenl=False).get_tokens(text))
    assert [value for kind, value in tokens if kind in Error] == []
    assert "".join(value for _, value in tokens) == text.replace("\r\n", "\n")


def _kinds(text: str) -> list[tuple[_TokenType, str]]:
    return [(kind, value) for kind, value in ArgmapLexer().get_tokens(text) if value.strip()]


def test_each_part_of_a_line_gets_its_token() -> None:
    """Keywords, ids, keys, values, arrows, escapes, headings and comments are told apart as the parser reads them."""
    text = (
        "title: Trees  # the title\n"
        "## Reasons\n"
        "main conclusion c: Schools teach C# and \\# tags.  # a comment\n"
        "  quote: plant more trees\n"
        "u -x (a + b -> c): label\n"
    )
    assert _kinds(text) == [
        (Name.Attribute, "title"), (Punctuation, ":"), (String, "Trees"), (Comment.Single, "# the title"),
        (Generic.Heading, "##"), (Generic.Heading, " Reasons"),
        (Keyword, "main"), (Keyword.Type, "conclusion"), (Name.Label, "c"), (Punctuation, ":"),
        (Text, "Schools"), (Text, "teach"), (Text, "C#"), (Text, "and"), (String.Escape, "\\#"), (Text, "tags."),
        (Comment.Single, "# a comment"),
        (Name.Attribute, "quote"), (Punctuation, ":"), (String, "plant"), (String, "more"), (String, "trees"),
        (Name.Variable, "u"), (Operator, "-x"), (Punctuation, "("), (Name.Variable, "a"), (Operator, "+"),
        (Name.Variable, "b"), (Operator, "->"), (Name.Variable, "c"), (Punctuation, ")"), (Punctuation, ":"),
        (String, "label"),
    ]
