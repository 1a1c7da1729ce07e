"""Text to :class:`~argmap.model.Document`: the only module that touches Lark.

The grammar is the data file ``grammars/argmap.lark``. This module loads it
once, runs Lark's LALR parser, builds the frozen model from the tree, and turns
every Lark exception into an :class:`~argmap.diagnostics.ArgmapSyntaxError`
whose message speaks the user's language, not Lark's terminal names.

**The fast path.** Lark's LALR parser in pure Python costs about 10 µs a
token, too slow for maps of tens of thousands of claims checked on every
keystroke. So a line scanner (:func:`_scan`) first tries to build the very
same document, straight from the lines, with whole-line patterns composed
from the grammar's own terminals (read from the grammar file). It accepts
only the plain, well-formed shapes of each kind of line; at the first line it
is not sure about it gives up, and Lark parses the file (and reports any
error). Tests check that the two agree on every example, every case file,
and on fuzzed input. Lark is imported only when it is needed.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeGuard

from ._speed import gc_paused
from .codes import REGISTRY
from .diagnostics import ArgmapSyntaxError, Diagnostic, Note
from .model import Claim, ClaimKind, Document, Link, LinkRef, LinkType, Property, Ref, Section, Span, Target

KIND_WORDS = tuple(kind.value for kind in ClaimKind)
"""The keywords that start a claim."""

MAX_NESTING = 100
"""How deep undercuts of undercuts may nest: ``u -x (v -x (w -x (a -> c)))`` is 3."""

_ESCAPE = re.compile(r"\\([#\\])")
_COMMENT_IN_HEADING = re.compile(r"(?<![^\s])#.*$")
_BAD_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff]|\r(?!\n)"
)


def grammar_path() -> Path:
    """Where the grammar file is: inside an installed wheel, or in the source tree.

    A wheel carries it as ``argmap/grammars/argmap.lark``; a source checkout
    and an editable install find the top-level ``grammars/argmap.lark``.
    (A plain path, not importlib.resources: that import alone costs more than
    a small file's whole check.)
    """
    here = Path(__file__).resolve().parent
    packaged = here / "grammars" / "argmap.lark"
    if packaged.is_file():
        return packaged
    return here.parent / "grammars" / "argmap.lark"


if TYPE_CHECKING:
    import lark
    from lark import Token, Tree
    from lark.exceptions import UnexpectedInput, UnexpectedToken

    Leaf = Token
    """A token of Lark's tree (a ``str`` with its positions)."""
    Node = Tree[Token]
    """A node of Lark's tree."""


@functools.cache
def _grammar_text() -> str:
    return grammar_path().read_text(encoding="utf-8")


@functools.cache
def _parser() -> lark.Lark:
    import lark

    return lark.Lark(_grammar_text(), parser="lalr", lexer="contextual", maybe_placeholders=False)


def _leaf(item: object) -> TypeGuard[Leaf]:
    return isinstance(item, str)


def _node(item: object) -> TypeGuard[Node]:
    return not isinstance(item, str)


# --- entry points -------------------------------------------------------------


def parse(text: str, path: str = "<string>") -> Document:
    """Parse ``.arg`` source text into a :class:`Document`.

    Raises :class:`ArgmapSyntaxError` (and nothing else) for malformed input.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    _check_characters(text, path)
    if not text or text.isspace():
        _fail(text, path, "S005", "the file is empty: an .arg file needs at least one claim", 0, 0)
    _check_first_line(text, path)
    with gc_paused():
        document = _scan(text, path)
        if document is not None:
            return document
        _check_layout(text, path)
        from lark.exceptions import UnexpectedInput

        source = text if text.endswith("\n") else text + "\n"
        try:
            tree = _parser().parse(source)
        except UnexpectedInput as exc:
            _raise_friendly(exc, text, source, path)
        return _Builder(text, path).build(tree)


_INDENTED_STATEMENT = re.compile(
    r"^([ \t]+)(?:(?:main[ \t]+)?(?:" + "|".join(KIND_WORDS) + r")[ \t]+[^\W\d][\w-]*[ \t]*:"
    r"|[^\W\d]\w*(?:-\w+)*(?:[ \t]*[,+][ \t]*[^\W\d]\w*(?:-\w+)*)*[ \t]*(?:->|-x)[ \t]*"
    r"(?:[^\W\d]\w*(?:-\w+)*|\()[^\n]*$)",
    re.MULTILINE,
)


_KEYWORD_ID = re.compile(
    r"^((?:main[ \t]+)?(?:" + "|".join(KIND_WORDS) + r")[ \t]+)(" + "|".join((*KIND_WORDS, "main"))
    + r")(?=[ \t]*:)",
    re.MULTILINE,
)


def _check_first_line(text: str, path: str) -> None:
    """The first line that says something must start at the left margin (S010)."""
    first = re.search(r"^(?![ \t]*(?:#(?!#)[^\n]*)?\r?$)([ \t]*)\S", text, re.MULTILINE)
    if first is not None and first.group(1):
        _fail(
            text,
            path,
            "S010",
            "the first line is indented, but there is no claim or link above it for it to "
            "belong to; claims, links, header fields and headings start at the left margin",
            first.start(),
            first.end(1),
        )


def _check_layout(text: str, path: str) -> None:
    """Mistakes the grammar would silently accept: a keyword as an id, an indented statement.

    The fast path declines every file these would reject, so they run only
    before Lark parses a file.
    """
    _check_first_line(text, path)
    for match in _KEYWORD_ID.finditer(text):
        word = match.group(2)
        _fail(
            text,
            path,
            "S001",
            f"'{word}' is a keyword and cannot be an id: choose another, such as '{word}1' or a "
            "word for what the claim says",
            match.start(2),
            match.end(2),
        )
    for match in _INDENTED_STATEMENT.finditer(text):
        _fail(
            text,
            path,
            "S014",
            "this indented line looks like a claim or a link, but indented lines continue the "
            "claim above as text: move it to the left margin",
            match.start(),
            match.end(1),
        )


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
        else:
            message = (
                f"the file is not UTF-8: byte 0x{body[exc.start]:02X} cannot start or continue a "
                "character (save the file as UTF-8)"
            )
        _fail(shown, path, "S004", message, offset, offset + 1)


def load(path: str | Path) -> Document:
    """Read and parse an ``.arg`` file. OSError propagates for unreadable files."""
    data = Path(path).read_bytes()
    return parse(decode(data, str(path)), str(path))


# --- errors -------------------------------------------------------------------


def _span_at(text: str, path: str, start: int, end: int) -> Span:
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    end_line = text.count("\n", 0, end) + 1
    end_column = end - (text.rfind("\n", 0, end) + 1) + 1
    return Span(path, line, column, end_line, end_column, start, end)


def _fail(
    text: str,
    path: str,
    code: str,
    message: str,
    start: int,
    end: int,
    notes: tuple[Note, ...] = (),
) -> NoReturn:
    span = _span_at(text, path, start, end)
    diagnostic = Diagnostic(code, REGISTRY[code].severity, message, span, notes)
    raise ArgmapSyntaxError(diagnostic, text) from None


_ASCII_TEXT = bytes(range(0x20, 0x7F)) + b"\t\n\r"
"""The ASCII characters an .arg file may hold (a carriage return only before a line feed)."""


def _check_characters(text: str, path: str) -> None:
    if text.isascii() and not text.encode("ascii").translate(None, _ASCII_TEXT) and (
        "\r" not in text or text.count("\r") == text.count("\r\n")
    ):
        return  # the common case, ten times faster than the search below
    match = _BAD_CHARS.search(text)
    if match is None:
        return
    char = match.group()
    if char == "\r":
        what = "a carriage return (U+000D) that is not followed by a line feed"
    else:
        name = unicodedata.name(char, "") or _CONTROL_NAMES.get(ord(char), "a control character")
        what = f"the control character U+{ord(char):04X} ({name})"
    _fail(
        text,
        path,
        "S003",
        f"{what} cannot appear in an .arg file; delete it",
        match.start(),
        match.end(),
    )


_CONTROL_NAMES = {
    0x00: "NUL",
    0x07: "BELL",
    0x08: "BACKSPACE",
    0x0B: "VERTICAL TAB",
    0x0C: "FORM FEED",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
    0x85: "NEXT LINE",
}

_TERMINAL_WORDS = {
    "ID": "a claim id",
    "COLON": "':'",
    "COMMA": "','",
    "PLUS": "'+'",
    "ARROW": "an arrow ('->' or '-x')",
    "LPAR": "'('",
    "RPAR": "')'",
    "KEY": "a property ('key: value')",
    "TEXT": "text",
    "_NL": "the end of the line",
    "_INDENT": "an indented line",
    "SECTION": "a heading ('## ...')",
    "MAIN": "'main'",
    "$END": "the end of the file",
}
_KIND_TERMINALS = {word.upper() for word in KIND_WORDS}


def _expected_words(expected: set[str], source: str = "", pos: int = 0) -> str:
    words: list[str] = []
    if source and "RPAR" in expected:
        before = source[_line_start(source, pos) : pos]
        if before.count("(") <= before.count(")"):
            expected = expected - {"RPAR"}
    if "SECTION" in expected:
        return (
            "a claim ('premise id: text'), a link ('a -> b'), a header field "
            "('key: value') or a heading ('## ...')"
        )
    if expected & _KIND_TERMINALS:
        words.append("a claim kind (" + ", ".join(KIND_WORDS) + ")")
    for name in sorted(expected - _KIND_TERMINALS, key=lambda n: list(_TERMINAL_WORDS).index(n) if n in _TERMINAL_WORDS else 99):
        word = _TERMINAL_WORDS.get(name)
        if word and word not in words:
            words.append(word)
    if not words:
        return "something else"
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " or " + words[-1]


def _describe(token: Token) -> str:
    if token.type in ("_NL", "$END"):
        return "the end of the line"
    if token.type == "_INDENT":
        return "an indented line"
    value = str(token)
    if len(value) > 30:
        value = value[:27] + "..."
    if token.type == "ID":
        return f"'{value}'"
    if token.type == "TEXT":
        return f"the text '{value}'"
    if token.type == "KEY":
        return f"'{value}:'"
    return f"'{value}'"


def _closest_kind(word: str) -> str | None:
    candidates = [*KIND_WORDS, "main"]
    from .suggest import closest

    return closest(word.lower(), candidates)


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _raise_friendly(exc: UnexpectedInput, text: str, source: str, path: str) -> NoReturn:
    """Translate a Lark exception into the project's own syntax error."""
    from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedToken

    if isinstance(exc, UnexpectedCharacters):
        pos = exc.pos_in_stream or 0
        expected = set(exc.allowed or ())
        char = source[pos]
        line_start = _line_start(source, pos)
        first_word = re.match(r"[^\W\d][\w-]*", source[line_start:])
        # "premis a: ..." fails on the id after an unknown first word.
        if (
            first_word
            and line_start < pos
            and expected <= {"COMMA", "PLUS", "ARROW"}
            and (char.isalpha() or char == "_")
        ):
            _unknown_keyword(text, path, line_start, line_start + first_word.end(), first_word.group())
        if expected == {"COLON"} and char == "-":
            _fail(
                text,
                path,
                "S001",
                "an id cannot end with '-' or contain '--': hyphens go between letters or digits "
                "(gas-supplier)",
                pos,
                pos + 1,
            )
        if expected == {"COLON"}:
            _fail(text, path, "S007", "expected ':' after the claim id, before its text", pos, pos + 1)
        shown = "a space" if char in " \t" else repr(char)
        _fail(
            text,
            path,
            "S001",
            f"expected {_expected_words(expected, source, pos)}, found {shown}",
            pos,
            pos + 1,
        )
    if isinstance(exc, UnexpectedToken):
        token = exc.token
        expected = set(exc.expected)
        start = token.start_pos if token.start_pos is not None else len(text)
        end = token.end_pos if token.end_pos is not None else start
        if token.type in ("_NL", "_INDENT"):
            # Point at the end of the line's content, before any comment, not at the newline run.
            rest = source[start:]
            at_eof = not rest.strip()
            start = end = _content_end(source, start)
        else:
            at_eof = token.type == "$END"
        previous = _previous_token(exc)
        if "RPAR" in expected and token.type in ("_NL", "_INDENT", "$END"):
            _fail(
                text,
                path,
                "S009",
                "the '(' of this inference is never closed: expected ')'",
                start,
                start,
            )
        if token.type == "_INDENT" and "_INDENT" not in expected:
            indent_at = token.end_pos if token.end_pos is not None else start
            line_begin = _line_start(source, indent_at)
            statement = _line_start(source, start)
            no_id = re.match(r"(main[ \t]+)?(" + "|".join(KIND_WORDS) + r")[ \t]*:", source[statement:])
            if no_id is not None:
                kind = no_id.group(2)
                _fail(
                    text,
                    path,
                    "S008",
                    f"this {kind} has no id: write '{kind} ID: text', for example '{kind} p1: ...'",
                    statement,
                    statement + no_id.end() - 1,
                )
            _fail(
                text,
                path,
                "S010",
                "this line is indented, but there is no claim or link above it for it to "
                "belong to; header fields and headings start at the left margin",
                line_begin,
                indent_at,
            )
        if previous is not None and previous.type == "ID" and expected <= {"COMMA", "PLUS", "ARROW"}:
            line_begin = _line_start(source, previous.start_pos or 0)
            word_follows = source[start].isalpha() or source[start] == "_"
            if previous.start_pos == line_begin and word_follows:
                _unknown_keyword(text, path, line_begin, previous.end_pos or line_begin, str(previous))
            if source[start] in "+," and expected & {"PLUS", "COMMA"}:
                _fail(
                    text,
                    path,
                    "S011",
                    "a link cannot mix ',' (separate reasons) and '+' (premises that work only "
                    "together): write one link for each reason",
                    start,
                    end,
                )
        if previous is not None and previous.type == "MAIN" and expected <= _KIND_TERMINALS | {"KIND"}:
            word = re.match(r"[^\W\d][\w-]*", source[start:])
            if word is not None:
                _unknown_keyword(text, path, start, start + word.end(), word.group())
        if previous is not None and previous.type.lower() in KIND_WORDS and source[start] == ":":
            _fail(
                text,
                path,
                "S008",
                f"this {previous.type.lower()} has no id: write '{previous.type.lower()} ID: text'",
                start,
                start + 1,
            )
        if expected == {"COLON"} and previous is not None and previous.type == "ID" and source[start] == "-":
            _fail(
                text,
                path,
                "S001",
                "an id cannot end with '-' or contain '--': hyphens go between letters or digits "
                "(gas-supplier)",
                start,
                start + 1,
            )
        if expected == {"COLON"} and previous is not None and previous.type == "ID":
            _fail(text, path, "S007", "expected ':' after the claim id, before its text", start, max(end, start + 1))
        if at_eof:
            _fail(
                text,
                path,
                "S006",
                f"the file ends too soon: expected {_expected_words(expected, source, start)}",
                start,
                start,
            )
        notes: tuple[Note, ...] = ()
        if "ID" in expected and source[start : start + 1].isdigit():
            notes = (Note("an id starts with a letter or '_', for example p1 or gas_supplier"),)
        _fail(
            text,
            path,
            "S001",
            f"expected {_expected_words(expected, source, start)}, found {_describe(token)}",
            start,
            max(end, start + 1) if token.type not in ("_NL", "_INDENT") else start,
            notes,
        )
    if isinstance(exc, UnexpectedEOF):  # pragma: no cover - LALR reports $END as a token
        _fail(text, path, "S006", "the file ends too soon", len(text), len(text))
    raise AssertionError(f"unhandled parser exception {exc!r}")  # pragma: no cover


def _content_end(source: str, newline: int) -> int:
    """The offset just after the last character of code on the line ending at ``newline``."""
    begin = _line_start(source, newline)
    line = source[begin:newline]
    code = re.sub(r"(?:^|(?<=\s))#.*$", "", line).rstrip(" \t\r")
    return begin + len(code)


def _previous_token(exc: UnexpectedToken) -> Token | None:
    from lark import Token, Tree

    state = exc.state
    if state is None:
        return None
    value_stack = getattr(state, "value_stack", None)
    if not value_stack:
        return None
    last = value_stack[-1]
    while isinstance(last, Tree):
        if not last.children:
            return None
        last = last.children[-1]
    return last if isinstance(last, Token) else None


def _unknown_keyword(text: str, path: str, start: int, end: int, word: str) -> NoReturn:
    guess = _closest_kind(word)
    if guess is not None:
        message = f"unknown claim kind '{word}': did you mean '{guess}'?"
    else:
        message = (
            f"a line cannot start with '{word}' here: expected a claim "
            "('premise id: text'), a link ('a -> b'), a header field ('key: value') "
            "or a heading ('## ...')"
        )
    _fail(
        text,
        path,
        "S002",
        message,
        start,
        end,
        (Note("claim kinds are: " + ", ".join(KIND_WORDS)),),
    )


# --- building the model ---------------------------------------------------------


def unescape(raw: str) -> str:
    """Decode the two escapes of claim text: ``\\#`` and ``\\\\``."""
    if "\\" not in raw:
        return raw
    return _ESCAPE.sub(_unescaped, raw)


def _unescaped(match: re.Match[str]) -> str:
    return match.group(1)


class _Records:
    """What both parsers make: the document's records in order, and the sections still open."""

    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path
        self.header: list[Property] = []
        self.sections: list[Section] = []
        self.claims: list[Claim] = []
        self.links: list[Link] = []
        self.stack: list[Section] = []
        """The open sections, outermost first."""

    @property
    def current_section(self) -> int | None:
        return self.stack[-1].index if self.stack else None

    def add_section(self, heading: str, span: Span) -> None:
        """A ``## heading`` line: it closes the open sections of its level or deeper."""
        hashes = len(heading) - len(heading.lstrip("#"))
        level = hashes - 1
        title = unescape(_COMMENT_IN_HEADING.sub("", heading[hashes:]).strip())
        stack = self.stack
        while stack and stack[-1].level >= level:
            stack.pop()
        section = Section(len(self.sections), title, level, self.current_section, span)
        self.sections.append(section)
        stack.append(section)

    def document(self) -> Document:
        return Document(
            self.path, self.text, tuple(self.header), tuple(self.sections), tuple(self.claims), tuple(self.links)
        )


class _Builder(_Records):
    """Walks Lark's tree once and builds the frozen records."""

    def span(self, first: Leaf, last: Leaf | None = None) -> Span:
        last = last or first
        return Span(
            self.path,
            first.line or 1,
            first.column or 1,
            last.end_line or 1,
            last.end_column or 1,
            first.start_pos or 0,
            last.end_pos or 0,
        )

    def fail(self, code: str, message: str, first: Leaf, last: Leaf | None = None) -> NoReturn:
        span = self.span(first, last)
        _fail(self.text, self.path, code, message, span.start, span.end)

    def build(self, tree: Node) -> Document:
        for node in tree.children:
            assert _node(node)
            getattr(self, f"_{node.data}")(node)
        return self.document()

    def _header(self, node: Node) -> None:
        key = node.children[0]
        assert _leaf(key)
        if str(key) in KIND_WORDS or str(key) == "main":
            self.fail(
                "S008",
                f"this {key} has no id: write '{key} ID: text', for example '{key} p1: ...'",
                key,
            )
        self.header.append(self._property(node))

    def _property(self, node: Node, items: list[Node] | None = None) -> Property:
        key = node.children[0]
        assert _leaf(key)
        tokens = [child for child in node.children[1:] if _leaf(child)]
        for item in items or ():
            token = item.children[0]
            assert _leaf(token)
            tokens.append(token)
        return _property(self.path, str(key), self.span(key), [(str(token), self.span(token)) for token in tokens])

    def _section(self, node: Node) -> None:
        token = node.children[0]
        assert _leaf(token)
        self.add_section(str(token), self.span(token))

    def _body(
        self, children: list[Node | Leaf]
    ) -> tuple[list[Leaf], list[Property], Leaf | None]:
        """Split a body into the continuation lines of the head and the properties.

        Continuation lines belong to the item just above them: to the head
        (claim text or link label) until the first property, then to that property.
        """
        head_more: list[Leaf] = []
        properties: list[Property] = []
        pending: tuple[Node, list[Node]] | None = None
        last: Leaf | None = None
        for child in children:
            if not _node(child):
                continue
            if child.data == "property":
                if pending is not None:
                    properties.append(self._property(*pending))
                pending = (child, [])
                last = _last_token(child)
            else:  # continuation
                token = child.children[0]
                assert _leaf(token)
                if str(token) == "main":
                    self.fail(
                        "S013",
                        "'main' on a line of its own is read as text: mark the main conclusion "
                        "with 'main conclusion id: text' instead",
                        token,
                    )
                if pending is None:
                    head_more.append(token)
                else:
                    pending[1].append(child)
                last = token
        if pending is not None:
            properties.append(self._property(*pending))
        return head_more, properties, last

    def _claim(self, node: Node) -> None:
        children = list(node.children)
        main_token: Leaf | None = None
        first = children[0]
        if _leaf(first) and first.type == "MAIN":
            main_token = first
            children = children[1:]
        kind_tree = children[0]
        assert _node(kind_tree)
        kind_token = kind_tree.children[0]
        assert _leaf(kind_token)
        id_token = children[1]
        assert _leaf(id_token)
        if str(id_token) in KIND_WORDS or str(id_token) == "main":
            self.fail(
                "S001",
                f"'{id_token}' is a keyword and cannot be an id: choose another, such as "
                f"'{id_token}1' or a word for what the claim says",
                id_token,
            )
        rest = children[2:]
        text_token: Leaf | None = None
        if rest and _leaf(rest[0]):
            text_token = rest[0]
            rest = rest[1:]
        head_more, properties, last = self._body(rest)
        parts = ([text_token] if text_token is not None else []) + head_more
        if not parts:
            self.fail(
                "S012",
                f"claim '{id_token}' has no text: write it after the colon",
                id_token,
            )
        text = " ".join(unescape(str(part)) for part in parts)
        start_token = main_token or kind_token
        span = self.span(start_token, last or parts[-1])
        self.claims.append(
            Claim(
                id=str(id_token),
                kind=ClaimKind(str(kind_token)),
                text=text,
                main=main_token is not None,
                properties=tuple(properties),
                section=self.current_section,
                span=span,
                id_span=self.span(id_token),
                text_span=self.span(parts[0], parts[-1]),
                kind_span=self.span(start_token, kind_token),
            )
        )

    def _refs(self, node: Node) -> tuple[tuple[Ref, ...], bool]:
        refs = tuple(
            Ref(str(token), self.span(token)) for token in node.children if _leaf(token)
        )
        return refs, node.data == "linked"

    def _target(self, node: Node | Leaf, depth: int = 0) -> Target:
        if _leaf(node):
            return Ref(str(node), self.span(node))
        assert _node(node)
        sources_node, arrow, target_node = node.children
        assert _node(sources_node) and _leaf(arrow)
        if depth >= MAX_NESTING:
            self.fail(
                "S015",
                f"undercuts are nested more than {MAX_NESTING} deep here; no argument needs that "
                "many, and argmap stops to stay fast and safe",
                _first_token(sources_node),
                arrow,
            )
        sources, linked = self._refs(sources_node)
        target = self._target(target_node, depth + 1)
        first = _first_token(sources_node)
        span = _widen_to_parentheses(self.text, self.span(first, arrow).to(target.span))
        return LinkRef(sources, linked, LinkType(str(arrow)), target, span)

    def _link(self, node: Node) -> None:
        sources_node, arrow, target_node, *rest = node.children
        assert _node(sources_node) and _leaf(arrow)
        sources, linked = self._refs(sources_node)
        target = self._target(target_node)
        label_token: Leaf | None = None
        if rest and _leaf(rest[0]):
            label_token = rest[0]
            rest = rest[1:]
        head_more, properties, last = self._body(rest)
        label_parts = ([label_token] if label_token is not None else []) + head_more
        label = " ".join(unescape(str(part)) for part in label_parts) or None
        first = _first_token(sources_node)
        span = self.span(first, arrow).to(target.span)
        if last is not None:
            span = span.to(self.span(last))
        elif label_parts:
            span = span.to(self.span(label_parts[-1]))
        self.links.append(
            Link(
                sources=sources,
                linked=linked,
                type=LinkType(str(arrow)),
                target=target,
                label=label,
                properties=tuple(properties),
                section=self.current_section,
                span=span,
                arrow_span=self.span(arrow),
                label_span=self.span(label_parts[0], label_parts[-1]) if label_parts else None,
            )
        )


def _first_token(node: Node) -> Leaf:
    for child in node.children:
        if _leaf(child):
            return child
        assert _node(child)
        return _first_token(child)
    raise AssertionError("empty tree")  # pragma: no cover


def _last_token(node: Node) -> Leaf:
    for child in reversed(node.children):
        if _leaf(child):
            return child
        assert _node(child)
        return _last_token(child)
    raise AssertionError("empty tree")  # pragma: no cover


# --- the fast path --------------------------------------------------------------------


@functools.cache
def _terminal(name: str) -> str:
    """A terminal's pattern, read from the grammar file, so both parsers share one definition."""
    match = re.search(rf"^{name}(?:\.\d+)?:\s*/(.*)/\s*$", _grammar_text(), re.MULTILINE)
    if match is None:  # pragma: no cover - the grammar defines them
        raise AssertionError(f"terminal {name} not found in the grammar")
    return match.group(1)


_KEYWORDS = frozenset((*KIND_WORDS, "main"))


class _Lines:
    """The whole-line patterns of the fast path, composed from the grammar's terminals.

    Each matches one kind of plain, well-formed line from its start to its end
    (a trailing comment allowed). An id is followed by ``(?!\\w|-\\w)``, so a
    shorter id is never tried where the lexer would take a longer one
    (``a-x b`` is the id ``a-x``, not ``a -x b``).
    """

    def __init__(self, text: str, end: str) -> None:
        ident = _terminal("ID") + r"(?!\w|-\w)"
        key = _terminal("KEY")
        kinds = "|".join(KIND_WORDS)
        sources = rf"\+[ \t]*{ident}|{ident}(?:[ \t]*,[ \t]*{ident})*|{ident}(?:[ \t]*\+[ \t]*{ident})+"
        self.ident = re.compile(ident)
        self.header = re.compile(rf"({key})[ \t]*:[ \t]*({text})?{end}")
        self.claim = re.compile(rf"(?:(main)[ \t]+)?({kinds})[ \t]+({ident})[ \t]*:[ \t]*({text})?{end}")
        self.property = re.compile(rf"[ \t]+({key})[ \t]*:[ \t]*({text})?{end}")
        self.continuation = re.compile(rf"[ \t]+({text}){end}")
        self.key = re.compile(rf"[ \t]+{key}")
        # Sources and arrow, then either a target id or the '(' of an inference.
        self.inference = re.compile(rf"[ \t]*({sources})[ \t]*(->|-x)[ \t]*(?:({ident})|\()")
        self.close = re.compile(r"[ \t]*\)")
        self.label = re.compile(rf"[ \t]*(?::[ \t]*({text})?)?{end}")
        # The commonest link, 'a -> b' with an optional label, in one match.
        self.simple_link = re.compile(rf"({ident})[ \t]*(->|-x)[ \t]*({ident})[ \t]*(?::[ \t]*({text})?)?{end}")
        self.indented_statement = re.compile(_INDENTED_STATEMENT.pattern, re.MULTILINE)


@functools.cache
def _plain_lines() -> _Lines:
    """The patterns for lines without a ``#`` or a backslash.

    On such a line the grammar's TEXT is simply everything from the first to
    the last character that is not a space or tab, which a simpler pattern
    finds several times faster.
    """
    return _Lines(r"[^ \t](?:.*[^ \t])?", r"[ \t]*\Z")


@functools.cache
def _full_lines() -> _Lines:
    """The patterns for lines with a ``#`` (a comment, perhaps) or a backslash (an escape)."""
    return _Lines(_terminal("TEXT"), r"[ \t]*(?:#.*)?\Z")


class _Decline(Exception):
    """The fast path met a line it is not sure about: Lark parses the file instead."""


class _Pending:
    """A claim or link whose indented lines are still being read."""

    __slots__ = ("head", "last", "properties", "record", "scanner", "section")

    def __init__(self, scanner: _Scanner, head: list[tuple[str, Span]]) -> None:
        self.scanner = scanner
        self.head = head
        """The claim text or link label, then its continuation lines: (raw text, span)."""
        self.properties: list[tuple[str, Span, list[tuple[str, Span]]]] = []
        """(key, key span, value parts) for each property."""
        self.last: Span | None = None
        """The last token of the indented lines."""
        self.section = scanner.current_section

    def finish(self) -> None:
        """Make the record, now that all its lines are read."""
        raise NotImplementedError

    def made_properties(self) -> tuple[Property, ...]:
        if not self.properties:
            return ()
        path = self.scanner.path
        return tuple([_property(path, *item) for item in self.properties])


class _PendingClaim(_Pending):
    __slots__ = ()
    record: tuple[str, ClaimKind, bool, Span, Span]
    """Id, kind, main, id span and kind span."""

    def finish(self) -> None:
        parts = self.head
        if not parts:
            raise _Decline  # no text: Lark's builder reports it
        ident, kind, main, id_span, kind_span = self.record
        text, text_span = _joined(parts)
        self.scanner.claims.append(
            Claim(
                ident,
                kind,
                text,
                main,
                self.made_properties(),
                self.section,
                kind_span.to(self.last or parts[-1][1]),
                id_span,
                text_span,
                kind_span,
            )
        )


class _PendingLink(_Pending):
    __slots__ = ()
    record: tuple[tuple[Ref, ...], bool, LinkType, Target, Span, Span]
    """Sources, linked, type, target, span up to the target, arrow span."""

    def finish(self) -> None:
        parts = self.head
        sources, linked, link_type, target, span, arrow_span = self.record
        if self.last is not None:
            span = span.to(self.last)
        elif parts:
            span = span.to(parts[-1][1])
        label, label_span = _joined(parts) if parts else (None, None)
        self.scanner.links.append(
            Link(
                sources,
                linked,
                link_type,
                target,
                label,
                self.made_properties(),
                self.section,
                span,
                arrow_span,
                label_span,
            )
        )


def _split_lines(text: str, chunk: int = 1 << 20) -> Iterator[tuple[int, str]]:
    """(offset, line) for each line of the text, without its line break.

    Splits a megabyte at a time, so a big file is not held twice, once as
    text and once as a list of lines.
    """
    start = 0
    size = len(text)
    while start < size:
        stop = text.find("\n", min(start + chunk, size - 1))
        block = text[start : size if stop < 0 else stop + 1]
        lines = block.split("\n")
        if block.endswith("\n"):
            lines.pop()  # the empty piece after the last line break
        for raw in lines:
            yield start, raw
            start += len(raw) + 1


def _joined(parts: list[tuple[str, Span]]) -> tuple[str, Span]:
    """The text of one or more pieces (escapes decoded, joined by a space) and the span over them."""
    if len(parts) == 1:
        raw, span = parts[0]
        return unescape(raw), span
    return " ".join([unescape(raw) for raw, _ in parts]), parts[0][1].to(parts[-1][1])


def _property(path: str, key: str, key_span: Span, parts: list[tuple[str, Span]]) -> Property:
    """A property from its key and the pieces of its value (none: empty, spanned just after the key)."""
    if not parts:
        line, column, end = key_span.end_line, key_span.end_column, key_span.end
        return Property(key, "", key_span, key_span, Span(path, line, column, line, column, end, end))
    value, value_span = _joined(parts)
    return Property(key, value, key_span.to(value_span), key_span, value_span)


def _widen_to_parentheses(text: str, span: Span) -> Span:
    """An inference's span, widened to the parentheses around it (they are on its line)."""
    opening = text.rfind("(", 0, span.start)
    closing = text.find(")", span.end)
    if opening < 0 or closing < 0:
        return span
    line_start = span.start - (span.column - 1)
    return Span(
        span.file,
        span.line,
        opening - line_start + 1,
        span.end_line,
        closing - line_start + 2,
        opening,
        closing + 1,
    )


def _scan(text: str, path: str) -> Document | None:
    """The document, built straight from the lines if every line is plain and well-formed.

    Returns None at the first line it is not sure about (an error, or a shape
    it does not handle); then Lark parses the file and reports any error. The
    layout checks are covered too: it declines every file they would reject.
    """
    try:
        return _Scanner(text, path).run()
    except _Decline:
        return None


class _Shared(dict[str, str]):
    """Each string maps to itself: the first object seen stands for all equal ones."""

    def __missing__(self, key: str) -> str:
        self[key] = key
        return key


class _Scanner(_Records):
    """One pass over the lines, making the records as it goes."""

    def __init__(self, text: str, path: str) -> None:
        super().__init__(text, path)
        self.number = 0
        self.offset = 0
        self.share = _Shared().__getitem__
        """One string object for each id and key however often it is written (memory)."""

    def run(self) -> Document:
        plain, full = _plain_lines(), _full_lines
        path = self.path
        indented_statement = plain.indented_statement.match
        pending: _Pending | None = None
        new_span = _new_span
        share = self.share
        number = 0
        for offset, raw in _split_lines(self.text):
            number += 1
            line = raw[:-1] if raw.endswith("\r") else raw
            if not line:
                continue
            first = line[0]
            patterns = full() if "#" in line or "\\" in line else plain
            if first == " " or first == "\t":
                content = line.lstrip(" \t")
                if not content or content[0] == "#":
                    continue
                if pending is None:
                    raise _Decline
                prop = patterns.property.match(line)
                if prop is not None:
                    # Only a key with '-x' in it can also read as an indented link (S014).
                    if "-x" in prop.group(1) and indented_statement(line):
                        raise _Decline
                    start, end = prop.span(1)
                    key_span = new_span(Span, (path, number, start + 1, number, end + 1, offset + start, offset + end))
                    value = prop.group(2)
                    if value is None:
                        pending.properties.append((share(prop.group(1)), key_span, []))
                        pending.last = key_span
                    else:
                        start, end = prop.span(2)
                        span = new_span(Span, (path, number, start + 1, number, end + 1, offset + start, offset + end))
                        pending.properties.append((share(prop.group(1)), key_span, [(value, span)]))
                        pending.last = span
                    continue
                self.number, self.offset = number, offset
                more = patterns.continuation.match(line)
                if more is None or patterns.key.match(line) or more.group(1) == "main" or indented_statement(line):
                    raise _Decline
                part = (more.group(1), self.span(*more.span(1)))
                if pending.properties:
                    pending.properties[-1][2].append(part)
                else:
                    pending.head.append(part)
                pending.last = part[1]
                continue
            if first == "#" and not line.startswith("##"):
                continue  # a comment at the margin does not end the claim above
            self.number, self.offset = number, offset
            if pending is not None:
                pending.finish()
                pending = None
            if first == "#":
                self.add_section(line, self.span(0, len(line)))
                continue
            # A line is at most one of: claim, header field, link.
            claim = patterns.claim.match(line)
            if claim is not None:
                pending = self.claim(claim)
                continue
            field = patterns.header.match(line)
            if field is not None:
                if field.group(1) in _KEYWORDS:
                    raise _Decline
                key_span = self.span(*field.span(1))
                value_parts = [] if field.group(2) is None else [(field.group(2), self.span(*field.span(2)))]
                self.header.append(_property(path, field.group(1), key_span, value_parts))
                continue
            link = patterns.simple_link.match(line)
            pending = self.link(line, patterns) if link is None else self.simple_link(link)
        if pending is not None:
            pending.finish()
        return self.document()

    def span(self, start: int, end: int) -> Span:
        """The span of columns [start, end) of the current line."""
        number, offset = self.number, self.offset
        return _new_span(Span, (self.path, number, start + 1, number, end + 1, offset + start, offset + end))

    def claim(self, match: re.Match[str]) -> _Pending:
        ident = self.share(match.group(3))
        if ident in _KEYWORDS:
            raise _Decline
        main = match.group(1) is not None
        kind_span = self.span(0 if main else match.start(2), match.end(2))  # from 'main' when it is there
        text = match.group(4)
        head = [] if text is None else [(text, self.span(*match.span(4)))]
        pending = _PendingClaim(self, head)
        pending.record = (ident, _CLAIM_KINDS[match.group(2)], main, self.span(*match.span(3)), kind_span)
        return pending

    def simple_link(self, match: re.Match[str]) -> _Pending:
        """``a -> b`` or ``a -x b``, with an optional label."""
        source = match.group(1)
        if source in _KEYWORDS:
            raise _Decline  # Lark reads a keyword here; let it report the error
        ref = Ref(self.share(source), self.span(*match.span(1)))
        arrow_span = self.span(*match.span(2))
        target = Ref(self.share(match.group(3)), self.span(*match.span(3)))
        label = match.group(4)
        head = [] if label is None else [(label, self.span(*match.span(4)))]
        pending = _PendingLink(self, head)
        pending.record = ((ref,), False, _LINK_TYPES[match.group(2)], target, ref.span.to(target.span), arrow_span)
        return pending

    def link(self, line: str, patterns: _Lines) -> _Pending:
        first = patterns.ident.match(line)
        if first is not None and first.group() in _KEYWORDS:
            raise _Decline  # Lark reads a keyword here; let it report the error
        sources, linked, link_type, arrow_span, target, pos = self.inference(line, 0, 0, patterns)
        rest = patterns.label.match(line, pos)
        if rest is None:
            raise _Decline
        head = [] if rest.group(1) is None else [(rest.group(1), self.span(*rest.span(1)))]
        pending = _PendingLink(self, head)
        pending.record = (sources, linked, link_type, target, sources[0].span.to(target.span), arrow_span)
        return pending

    def inference(
        self, line: str, pos: int, depth: int, patterns: _Lines
    ) -> tuple[tuple[Ref, ...], bool, LinkType, Span, Target, int]:
        """``sources ARROW target`` from ``pos``; the target may be an inference in parentheses."""
        match = patterns.inference.match(line, pos)
        if match is None or depth > 50:
            raise _Decline
        group = match.group(1)
        share = self.share
        if "," in group or "+" in group:
            begin, end = match.span(1)
            sources = tuple(
                [Ref(share(ref.group()), self.span(*ref.span())) for ref in patterns.ident.finditer(line, begin, end)]
            )
        else:
            sources = (Ref(share(group), self.span(*match.span(1))),)
        linked = "+" in group
        arrow_span = self.span(*match.span(2))
        link_type = _LINK_TYPES[match.group(2)]
        target: Target
        ident = match.group(3)
        if ident is not None:
            target = Ref(share(ident), self.span(*match.span(3)))
            return sources, linked, link_type, arrow_span, target, match.end()
        inner_sources, inner_linked, inner_type, _, inner_target, pos = self.inference(line, match.end(), depth + 1, patterns)
        close = patterns.close.match(line, pos)
        if close is None:
            raise _Decline
        span = _widen_to_parentheses(self.text, inner_sources[0].span.to(inner_target.span))
        target = LinkRef(inner_sources, inner_linked, inner_type, inner_target, span)
        return sources, linked, link_type, arrow_span, target, close.end()


_new_span = tuple.__new__
"""Makes a Span from a tuple without the named tuple's own ``__new__`` (a third of its cost)."""

_CLAIM_KINDS = {kind.value: kind for kind in ClaimKind}
_LINK_TYPES = {"->": LinkType.SUPPORT, "-x": LinkType.ATTACK}
