"""The grammar: the data file ``grammars/argmap.lark``, Lark's parser built from it, and its words.

The grammar is the one definition of the language's tokens: the Lark parser is
built from it, and the fast scanner (:mod:`argmap.language.scanner`) composes
its whole-line patterns from the same terminals (:func:`terminal`). Lark is
imported only when a file needs it.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.core.model import ClaimKind

if TYPE_CHECKING:
    import lark

__all__ = ["KEYWORDS", "KIND_WORDS", "MAX_NESTING", "grammar_path", "grammar_text", "lark_parser", "terminal"]

KIND_WORDS = tuple(kind.value for kind in ClaimKind)
"""The keywords that start a claim."""

MAX_NESTING = 100
"""How deep undercuts of undercuts may nest: ``u -x (v -x (w -x (a -> c)))`` is 3."""

KEYWORDS = frozenset((*KIND_WORDS, "main"))
"""The words that cannot be ids."""


def grammar_path() -> Path:
    """Where the grammar file is: inside an installed wheel, or in the source tree.

    A wheel carries it as ``argmap/grammars/argmap.lark``; a source checkout
    and an editable install find the top-level ``grammars/argmap.lark``.
    (A plain path, not importlib.resources: that import alone costs more than
    a small file's whole check.)
    """
    here = Path(__file__).resolve().parent.parent
    packaged = here / "grammars" / "argmap.lark"
    if packaged.is_file():
        return packaged
    return here.parent / "grammars" / "argmap.lark"


@functools.cache
def grammar_text() -> str:
    """The grammar file's text, read once."""
    return grammar_path().read_text(encoding="utf-8")


@functools.cache
def lark_parser() -> lark.Lark:
    """Lark's LALR parser for the grammar, built once (about 13 ms)."""
    import lark

    return lark.Lark(grammar_text(), parser="lalr", lexer="contextual", maybe_placeholders=False)


@functools.cache
def terminal(name: str) -> str:
    """A terminal's pattern, read from the grammar file, so both parsers share one definition."""
    match = re.search(rf"^{name}(?:\.\d+)?:\s*/(.*)/\s*$", grammar_text(), re.MULTILINE)
    if match is None:  # pragma: no cover - the grammar defines them
        raise AssertionError(f"terminal {name} not found in the grammar")
    return match.group(1)
