"""Text for three outputs from one feedback sentence: plain text, Markdown and HTML.

Feedback sentences quote the student's and the key's words, and mark what the student should
write (``r1 + r2 -> c``) between :data:`CODE` and :data:`END` (two control characters, which no
``.arg`` text can hold). Each output escapes the quoted words its own way and shows the marked
parts as code. Markdown is escaped only where a character would otherwise turn into markup, so the
file also reads cleanly as plain text.
"""

from __future__ import annotations

import html
import re

__all__ = ["CODE", "END", "code", "escape_markdown", "html_text", "markdown_text", "plain_text"]

CODE = "\x02"
"""Starts a part of a sentence that is something to write in a map."""
END = "\x03"
"""Ends it."""

_PART = re.compile(f"{CODE}(.*?){END}", re.DOTALL)

# What Markdown (CommonMark, with GitHub's tables and strikethrough) would read as markup: a
# backslash before punctuation, backticks, '*', '_' at the edge of a word, '[' (links and images),
# '<' opening a tag, '&' opening an entity, '|' (tables), '~~'.
_SPECIAL = re.compile(
    r"\\(?=[!-/:-@\[-`{-~])|`|\*|(?<![^\W_])_|_(?![^\W_])|\[|<(?=[A-Za-z/!?])|&(?=#?\w+;)|\||~(?=~)"
)


def code(text: str) -> str:
    """Mark ``text`` as something to write in a map."""
    return f"{CODE}{text}{END}"


def escape_markdown(text: str) -> str:
    """Text for Markdown, shown as written: a backslash before each character Markdown or HTML would
    read as markup, and nowhere else; line breaks become spaces.

    >>> escape_markdown("a *b* <i> look_up (x) 5 < 7 & 8")
    'a \\\\*b\\\\* \\\\<i> look_up (x) 5 < 7 & 8'
    """
    return _SPECIAL.sub(lambda match: "\\" + match.group(0), " ".join(text.split()))


def plain_text(text: str) -> str:
    """A sentence as plain text: the parts to write in backticks."""
    return _PART.sub(lambda match: f"`{match.group(1)}`", text)


def markdown_text(text: str) -> str:
    """A sentence as Markdown: the quoted words escaped, the parts to write as code spans (fenced
    with more backticks than they hold)."""
    out = []
    last = 0
    for match in _PART.finditer(text):
        out.append(_escape_keeping_edges(text[last : match.start()]))
        inner = " ".join(match.group(1).split())
        longest = max((len(run) for run in re.findall(r"`+", inner)), default=0)
        fence = "`" * (longest + 1)
        pad = " " if inner.startswith("`") or inner.endswith("`") else ""
        out.append(f"{fence}{pad}{inner}{pad}{fence}")
        last = match.end()
    out.append(_escape_keeping_edges(text[last:]))
    return "".join(out)


def _escape_keeping_edges(text: str) -> str:
    """:func:`escape_markdown`, keeping one space where the text began or ended with white space."""
    if not text:
        return ""
    before = " " if text[0].isspace() else ""
    after = " " if text[-1].isspace() and text.strip() else ""
    return before + escape_markdown(text) + after


def html_text(text: str) -> str:
    """A sentence as HTML: escaped, the parts to write in ``<code>``."""
    out = []
    last = 0
    for match in _PART.finditer(text):
        out.append(html.escape(text[last : match.start()], quote=True))
        out.append(f"<code>{html.escape(match.group(1), quote=True)}</code>")
        last = match.end()
    out.append(html.escape(text[last:], quote=True))
    return "".join(out)
