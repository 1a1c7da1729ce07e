"""Property tests: on any input, the parser and resolver fail only in the project's own way.

Mutations of real files, through the whole pipeline to DOT, are in test_fuzz.py.
"""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

import argmap
from argmap.language.parser import decode

# Pieces of the language, so generated text is often almost valid: that is where bugs hide.
_PIECES = [
    "premise", "conclusion", "main", "assumption", "objection", "prediction", "a", "b", "c",
    ":", " ", "  ", "\t", "\n", "\r\n", "->", "-x", "+", ",", "(", ")", "#", "##", "\\", "\\#",
    "quote:", "status: open", "p: 1.5", "“", "—", "习近平", "\x00", "\r", "é", "<b>", "&",
]
_ALMOST_ARG = st.lists(st.sampled_from(_PIECES) | st.text(max_size=4), max_size=40).map("".join)


def _parse_or_syntax_error(text: str) -> None:
    try:
        document = argmap.parse(text, "fuzz.arg")
    except argmap.ArgmapSyntaxError as exc:
        diagnostic = exc.diagnostic
        assert diagnostic.code.startswith("S")
        assert 1 <= diagnostic.span.line <= text.count("\n") + 2
        assert diagnostic.span.column >= 1
        assert exc.format().startswith("fuzz.arg:")
        return
    amap = argmap.resolve(document)
    for diagnostic in amap.diagnostics:
        assert diagnostic.span.line >= 1 and diagnostic.span.column >= 1


@given(st.text())
@example("")
@example("\ufeff")
@example("premise a: x\n  \n")
@example("a -> (")
def test_arbitrary_text_raises_only_the_project_syntax_error(text: str) -> None:
    """Any Unicode text either parses and resolves, or raises ArgmapSyntaxError with a position."""
    _parse_or_syntax_error(text)


@given(_ALMOST_ARG)
def test_almost_valid_text_raises_only_the_project_syntax_error(text: str) -> None:
    """Text built from the language's own pieces never escapes as another exception."""
    _parse_or_syntax_error(text)


@given(st.binary(max_size=200))
def test_arbitrary_bytes_decode_or_report_s004(data: bytes) -> None:
    """Any bytes either decode as UTF-8 and parse, or give a project error with a position."""
    try:
        text = decode(data, "fuzz.arg")
    except argmap.ArgmapSyntaxError as exc:
        assert exc.diagnostic.code == "S004"
        return
    _parse_or_syntax_error(text)
