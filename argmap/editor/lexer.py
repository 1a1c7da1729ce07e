"""A Pygments lexer for ``.arg`` files, so that Sphinx, MkDocs and Jupyter highlight them.

Registered through the ``pygments.lexers`` entry point (pyproject.toml) under
the alias ``argmap`` and the pattern ``*.arg``: once argmap is installed,
```` ```argmap ```` fences and ``pygmentize -l argmap`` work. Pygments is not a
dependency of argmap: the tools that highlight bring it, and they import this
module only through the entry point.

It reads a line as the parser does (docs/language.md): a heading, a comment,
a claim (``[main] kind id: text``), a header field or a link at the left
margin; a property or more text on an indented line; ``\\#`` and ``\\\\``
escapes, and a ``#`` after a space starting a comment. A line it cannot read
is plain text, never an error token: ``argmap check`` is the judge of
mistakes, and a highlighter should not shout while one types.
"""

from __future__ import annotations

from typing import ClassVar

from pygments.lexer import RegexLexer, bygroups, default
from pygments.token import Comment, Generic, Keyword, Name, Operator, Punctuation, String, Text, Whitespace

from argmap.core.model import ClaimKind

__all__ = ["ArgmapLexer"]

_ID = r"[^\W\d]\w*(?:-\w+)*"
"""A claim id, as the grammar's ``ID`` terminal has it."""
_KEY = r"[^\W\d][\w-]*(?=[ \t]*:(?!//))"
"""A header field or property key, as the grammar's ``KEY`` terminal has it."""
_KINDS = "|".join(kind.value for kind in ClaimKind)


def _text(token: object) -> list[object]:
    """Free text running to the end of the line: escapes, and a comment after a space."""
    return [
        (r"\n", Whitespace, "#pop"),
        (r"\\[#\\]", String.Escape),
        (r"([ \t]+)(#.*)", bygroups(Whitespace, Comment.Single)),
        (r"[ \t]+", Whitespace),
        (r"[^\s\\]+|\\|[^\S\n]", token),
    ]


class ArgmapLexer(RegexLexer):
    """Lexer for argmap's ``.arg`` argument maps."""

    name = "argmap"
    aliases: ClassVar[list[str]] = ["argmap", "arg"]
    filenames: ClassVar[list[str]] = ["*.arg"]
    mimetypes: ClassVar[list[str]] = ["text/x-argmap"]

    tokens: ClassVar[dict[str, list[object]]] = {
        "root": [
            (r"\n", Whitespace),
            (r"^(##+)([^\n]*?)((?:(?<=\s)#[^\n]*)?)$", bygroups(Generic.Heading, Generic.Heading, Comment.Single)),
            (r"^[ \t]*#[^\n]*", Comment.Single),
            (
                rf"^(?:(main)([ \t]+))?({_KINDS})([ \t]+)({_ID})([ \t]*)(:)([ \t]*)",
                bygroups(Keyword, Whitespace, Keyword.Type, Whitespace, Name.Label, Whitespace, Punctuation,
                         Whitespace),
                ("claim-text", "start"),
            ),
            (rf"^({_KEY})([ \t]*)(:)([ \t]*)", bygroups(Name.Attribute, Whitespace, Punctuation, Whitespace),
             ("value", "start")),
            (
                rf"^([ \t]+)({_KEY})([ \t]*)(:)([ \t]*)",
                bygroups(Whitespace, Name.Attribute, Whitespace, Punctuation, Whitespace),
                ("value", "start"),
            ),
            (r"^[ \t]+(?=\S)", Whitespace, "claim-text"),
            (rf"^(?=\+|{_ID}[ \t]*(?:[,+]|->|-x))", Text, "link"),
            (r"[^\n]+", Text),
        ],
        "link": [
            (r"\n", Whitespace, "#pop"),
            (r"->|-x", Operator),
            (r"[,+]", Operator),
            (r"[()]", Punctuation),
            (_ID, Name.Variable),
            (r"(:)([ \t]*)", bygroups(Punctuation, Whitespace), ("#pop", "value", "start")),
            (r"([ \t]+)(#.*)", bygroups(Whitespace, Comment.Single)),
            (r"[ \t]+", Whitespace),
            (r"[^\n]", Text),
        ],
        "claim-text": _text(Text),
        "value": _text(String),
        # Right after the colon a '#' starts a comment even with no space before it (text cannot start with '#').
        "start": [(r"#.*", Comment.Single), default("#pop")],
    }
