"""Text to :class:`~argmap.core.model.Document`: :func:`parse`, :func:`load` and :func:`decode`.

The entry points of the language package. A file is decoded (UTF-8, an
optional byte-order mark), its characters and first line checked, and then
parsed: first by the fast line scanner (:mod:`argmap.language.scanner`), which
builds the document straight from the lines when every line is plain and
well-formed, else by Lark's LALR parser on the grammar
(:mod:`argmap.language.grammar`), whose tree :mod:`argmap.language.tree` turns
into the model. Every malformed input raises one
:class:`~argmap.core.diagnostics.ArgmapSyntaxError` (:mod:`argmap.language.errors`),
never a Lark exception; Lark is imported only when a file needs it.
"""

from __future__ import annotations

from pathlib import Path

from argmap.core.model import Document
from argmap.core.speed import gc_paused

from .errors import check_characters, check_first_line, check_layout, fail, raise_friendly
from .grammar import lark_parser
from .scanner import scan
from .tree import TreeBuilder

__all__ = ["decode", "load", "parse", "parse_again"]


def parse(text: str, path: str = "<string>") -> Document:
    """Parse ``.arg`` source text into a :class:`Document`.

    Raises :class:`ArgmapSyntaxError` (and nothing else) for malformed input.
    """
    text = _checked(text, path)
    with gc_paused():
        return _parsed(text, path)


def parse_again(previous: Document | None, text: str, path: str = "<string>") -> Document:
    """:func:`parse` of a new version of a document, reading again only what changed since ``previous``.

    The result is what :func:`parse` makes of ``text`` (the same document, the
    same error); ``previous`` is the document of an earlier version of the same
    file, or None. For an editor, which checks a document on every change
    (:mod:`argmap.language.incremental`).
    """
    if previous is None:
        return parse(text, path)
    from .incremental import rescan  # only an editor needs it: argmap check does not load it

    text = _checked(text, path)
    with gc_paused():
        return rescan(previous, text, path) or _parsed(text, path)


def _checked(text: str, path: str) -> str:
    """The text without its byte-order mark, once its characters and first line pass and it is not empty."""
    if text.startswith("\ufeff"):
        text = text[1:]
    check_characters(text, path)
    if not text or text.isspace():
        fail(text, path, "S005", "the file is empty: an .arg file needs at least one claim", 0, 0)
    check_first_line(text, path)
    return text


def _parsed(text: str, path: str) -> Document:
    """The document of a checked text: the fast scanner's, else Lark's."""
    document = scan(text, path)
    if document is not None:
        return document
    check_layout(text, path)
    from lark.exceptions import UnexpectedInput

    source = text if text.endswith("\n") else text + "\n"
    try:
        tree = lark_parser().parse(source)
    except UnexpectedInput as exc:
        raise_friendly(exc, text, source, path)
    return TreeBuilder(text, path).build(tree)


def decode(data: bytes, path: str) -> str:
    """Bytes to text: UTF-8 with an optional byte-order mark, or an S004 error."""
    bom = b"\xef\xbb\xbf"
    body = data[len(bom) :] if data.startswith(bom) else data
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = body[: exc.start].decode("utf-8", errors="replace")
        shown = good + body[exc.start :].decode("utf-8", errors="replace")
        offset = len(good)
        if body.startswith((b"\xff\xfe", b"\xfe\xff")):
            message = "the file is UTF-16, not UTF-8: save it as UTF-8"
            offset = 0
        elif exc.reason == "unexpected end of data":
            message = (
                f"the file ends in the middle of a character (byte 0x{body[exc.start]:02X} starts one whose "
                "other bytes are missing): was the file cut off? Save it again as UTF-8"
            )
        else:
            message = (
                f"the file is not UTF-8: byte 0x{body[exc.start]:02X} cannot start or continue a "
                "character (save the file as UTF-8)"
            )
        fail(shown, path, "S004", message, offset, offset + 1)


def load(path: str | Path) -> Document:
    """Read and parse an ``.arg`` file. OSError propagates for unreadable files."""
    data = Path(path).read_bytes()
    return parse(decode(data, str(path)), str(path))
