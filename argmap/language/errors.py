"""Syntax errors: the checks made before parsing, and Lark's exceptions in the user's words.

Every syntax error is raised as one :class:`~argmap.core.diagnostics.ArgmapSyntaxError`
(``raise … from None``: no Lark traceback reaches a caller), with a code
S001–S015, the place, and a message that names what the user wrote and what
may follow, never Lark's terminal names.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, NoReturn

from argmap.core.codes import REGISTRY
from argmap.core.diagnostics import ArgmapSyntaxError, Diagnostic, Note
from argmap.core.model import Span

from .grammar import KIND_WORDS

if TYPE_CHECKING:
    from lark import Token
    from lark.exceptions import UnexpectedInput, UnexpectedToken

__all__ = ["INDENTED_STATEMENT", "check_characters", "check_first_line", "check_layout", "fail", "raise_friendly"]

_BAD_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff]|\r(?!\n)"
)


INDENTED_STATEMENT = re.compile(
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


def check_first_line(text: str, path: str) -> None:
    """The first line that says something must start at the left margin (S010)."""
    first = re.search(r"^(?![ \t]*(?:#(?!#)[^\n]*)?\r?$)([ \t]*)\S", text, re.MULTILINE)
    if first is not None and first.group(1):
        fail(
            text,
            path,
            "S010",
            "the first line is indented, but there is no claim or link above it for it to "
            "belong to; claims, links, header fields and headings start at the left margin",
            first.start(),
            first.end(1),
        )


def check_layout(text: str, path: str) -> None:
    """Mistakes the grammar would silently accept: a keyword as an id, an indented statement.

    The fast path declines every file these would reject, so they run only
    before Lark parses a file.
    """
    check_first_line(text, path)
    for match in _KEYWORD_ID.finditer(text):
        word = match.group(2)
        fail(
            text,
            path,
            "S001",
            f"'{word}' is a keyword and cannot be an id: choose another, such as '{word}1' or a "
            "word for what the claim says",
            match.start(2),
            match.end(2),
        )
    for match in INDENTED_STATEMENT.finditer(text):
        fail(
            text,
            path,
            "S014",
            "this indented line looks like a claim or a link, but indented lines continue the "
            "claim above as text: move it to the left margin",
            match.start(),
            match.end(1),
        )


def _span_at(text: str, path: str, start: int, end: int) -> Span:
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    end_line = text.count("\n", 0, end) + 1
    end_column = end - (text.rfind("\n", 0, end) + 1) + 1
    return Span(path, line, column, end_line, end_column, start, end)


def fail(
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


def check_characters(text: str, path: str) -> None:
    if text.isascii() and not text.encode("ascii").translate(None, _ASCII_TEXT) and (
        "\r" not in text or text.count("\r") == text.count("\r\n")
    ):
        return  # the common case, ten times faster than the search below
    match = _BAD_CHARS.search(text)
    if match is None:
        return
    char = match.group()
    hint = "delete it"
    if char == "\r":
        what = "a carriage return (U+000D) that is not followed by a line feed"
    elif char in "\u2028\u2029":
        what = f"the Unicode {unicodedata.name(char).lower()} U+{ord(char):04X}"
        hint = "use a plain line break (it often comes with text copied from a web page or a word processor)"
    elif unicodedata.category(char) == "Cs":
        what = f"the lone surrogate U+{ord(char):04X} (half of a character)"
    elif unicodedata.category(char) == "Cn":
        what = f"the noncharacter U+{ord(char):04X}"
    else:
        name = unicodedata.name(char, "") or _CONTROL_NAMES.get(ord(char), "a control character")
        what = f"the control character U+{ord(char):04X} ({name})"
    fail(
        text,
        path,
        "S003",
        f"{what} cannot appear in an .arg file; {hint}",
        match.start(),
        match.end(),
    )


def look_alike_space(text: str, path: str, source: str, pos: int) -> None:
    """A character that looks like a space but is not one (U+00A0 …), where the grammar needed a space or nothing."""
    char = source[pos : pos + 1]
    if char and char != " " and (unicodedata.category(char) == "Zs" or char in "\u200b\u2060\ufeff"):
        name = unicodedata.name(char, "a space").lower()
        fail(
            text,
            path,
            "S003",
            f"U+{ord(char):04X} ({name}) looks like a space but is not one here: type a plain space "
            "(or delete it)",
            pos,
            pos + 1,
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
    from argmap.core.suggest import closest

    return closest(word.lower(), candidates)


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def raise_friendly(exc: UnexpectedInput, text: str, source: str, path: str) -> NoReturn:
    """Translate a Lark exception into the project's own syntax error."""
    from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedToken

    if isinstance(exc, UnexpectedCharacters):
        pos = exc.pos_in_stream or 0
        look_alike_space(text, path, source, pos)
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
            _unknown_keyword(text, path, line_start, line_start + first_word.end(), first_word.group(), source)
        if expected == {"COLON"} and char == "-":
            fail(
                text,
                path,
                "S001",
                "an id cannot end with '-' or contain '--': hyphens go between letters or digits "
                "(gas-supplier)",
                pos,
                pos + 1,
            )
        if expected == {"COLON"}:
            fail(text, path, "S007", "expected ':' after the claim id, before its text", pos, pos + 1)
        shown = "a space" if char in " \t" else repr(char)
        fail(
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
        if token.type not in ("_NL", "_INDENT", "$END"):
            look_alike_space(text, path, source, start)
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
            fail(
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
                kind = ("main " if no_id.group(1) else "") + no_id.group(2)
                fail(
                    text,
                    path,
                    "S008",
                    f"this {kind} has no id: write '{kind} ID: text', for example '{kind} p1: ...'",
                    statement,
                    statement + no_id.end() - 1,
                )
            fail(
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
            _glued_arrow(text, path, source, previous.start_pos or 0, str(previous))
            at_line_start = previous.start_pos == line_begin
            if word_follows:
                if at_line_start and _closest_kind(str(previous)) is not None:  # premis a: ...
                    _unknown_keyword(text, path, line_begin, previous.end_pos or line_begin, str(previous), source)
                _missing_comma(text, path, source, previous.start_pos or 0, str(previous), start)
                if at_line_start:
                    _unknown_keyword(text, path, line_begin, previous.end_pos or line_begin, str(previous), source)
            if source[start] in "+," and expected & {"PLUS", "COMMA"}:
                fail(
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
                _unknown_keyword(text, path, start, start + word.end(), word.group(), source, after_main=True)
        if previous is not None and previous.type.lower() in KIND_WORDS and source[start] == ":":
            before = source[_line_start(source, start) : start]
            kind = ("main " if before.lstrip().startswith("main") else "") + previous.type.lower()
            fail(
                text,
                path,
                "S008",
                f"this {kind} has no id: write '{kind} ID: text', for example '{kind} p1: ...'",
                start,
                start + 1,
            )
        if expected == {"COLON"} and previous is not None and previous.type == "ID" and source[start] == "-":
            fail(
                text,
                path,
                "S001",
                "an id cannot end with '-' or contain '--': hyphens go between letters or digits "
                "(gas-supplier)",
                start,
                start + 1,
            )
        if expected == {"COLON"} and previous is not None and previous.type == "ID":
            fail(text, path, "S007", "expected ':' after the claim id, before its text", start, max(end, start + 1))
        if at_eof:
            fail(
                text,
                path,
                "S006",
                f"the file ends too soon: expected {_expected_words(expected, source, start)}",
                start,
                start,
            )
        if "ARROW" in expected:
            _wrong_arrow(text, path, source, start)
        if previous is not None and previous.type == "ID" and "COLON" in expected and "_NL" in expected:
            _second_target(text, path, source, start)
        notes: tuple[Note, ...] = ()
        if "ID" in expected and source[start : start + 1].isdigit():
            notes = (Note("an id starts with a letter or '_', for example p1 or gas_supplier"),)
        fail(
            text,
            path,
            "S001",
            f"expected {_expected_words(expected, source, start)}, found {_describe(token)}",
            start,
            max(end, start + 1) if token.type not in ("_NL", "_INDENT") else start,
            notes,
        )
    if isinstance(exc, UnexpectedEOF):  # pragma: no cover - LALR reports $END as a token
        fail(text, path, "S006", "the file ends too soon", len(text), len(text))
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


_ID = r"[^\W\d][\w]*(?:-\w+)*"
_ARROW_AHEAD = re.compile(r"(?<![\w-])(?:->|-x)(?![\w-])")


def _glued_arrow(text: str, path: str, source: str, start: int, word: str) -> None:
    """``o-x c``: an id may contain '-x', so an arrow written without spaces is read as part of the id."""
    parts = re.fullmatch(rf"({_ID})-x({_ID})?", word)
    if parts is None:
        return
    after = re.match(rf"[ \t]*({_ID})", source[start + len(word) :])
    target = parts.group(2) or (after.group(1) if after else "")
    if not target:
        return
    fail(
        text,
        path,
        "S002",
        f"'{word}' is read as one id, because an id may contain '-': put spaces around the arrow: "
        f"'{parts.group(1)} -x {target}'",
        start,
        start + len(word),
    )


def _missing_comma(text: str, path: str, source: str, start: int, word: str, next_start: int) -> None:
    """``a d -> c``: two ids with nothing between them, on a line that is a link."""
    line_end = source.find("\n", next_start)
    rest = source[next_start : line_end if line_end >= 0 else len(source)]
    after = re.match(_ID, rest)
    if after is None or not _ARROW_AHEAD.search(rest):
        return
    fail(
        text,
        path,
        "S002",
        f"after '{word}' a link needs ',' (separate reasons), '+' (premises that work together) or "
        f"an arrow, not another id: is a ',' missing between '{word}' and '{after.group()}'?",
        next_start,
        next_start + after.end(),
    )


_WRONG_ARROWS = {
    "=>": "->", "==>": "->", "-->": "->", "->>": "->", "→": "->", "⇒": "->", "⟶": "->",
    "=x": "-x", "--x": "-x", "-|": "-x", "⊣": "-x",
}


def _wrong_arrow(text: str, path: str, source: str, start: int) -> None:
    """An arrow from another notation (``=>``, ``→``, ``-->``) where an arrow is expected."""
    found = next((arrow for arrow in sorted(_WRONG_ARROWS, key=len, reverse=True) if source.startswith(arrow, start)), None)
    if found is not None:
        fail(
            text,
            path,
            "S001",
            f"'{found}' is not an arrow here: write '{_WRONG_ARROWS[found]}' "
            "('->' supports, '-x' attacks)",
            start,
            start + len(found),
        )
    if source.startswith("<-", start):
        fail(
            text,
            path,
            "S001",
            "'<-' is not an arrow here: arrows point from the reason to what it supports, so write "
            "the link the other way round ('reason -> claim')",
            start,
            start + 2,
        )


def _second_target(text: str, path: str, source: str, start: int) -> None:
    """``a + b -> c, d`` or ``a -> c -> d``: a link has one target."""
    begin = _line_start(source, start)
    head = source[begin:start].rstrip()
    rest = source[start : _content_end(source, source.find("\n", start) if "\n" in source[start:] else len(source))]
    more = re.match(rf"[ \t]*([,+])[ \t]*({_ID})", rest)
    chain = re.match(rf"[ \t]*(->|-x)[ \t]*({_ID})", rest)
    link = re.fullmatch(rf"[ \t]*(.+?)[ \t]*(->|-x)[ \t]*({_ID})", head)
    if more is not None:
        suggestion = ""
        if link is not None:
            sources, arrow, target = link.groups()
            suggestion = f": '{sources} {arrow} {target}' and '{sources} {arrow} {more.group(2)}'"
        message = f"a link has one target: write one link for each{suggestion}"
    elif chain is not None:
        target = link.group(3) if link is not None else "the target"
        message = (
            f"a link has one target: write '{target} {chain.group(1)} {chain.group(2)}' as a link of "
            "its own, on a line of its own"
        )
    else:
        return
    fail(text, path, "S001", message, start, start + len(rest.rstrip()))


def _unknown_keyword(
    text: str, path: str, start: int, end: int, word: str, source: str = "", *, after_main: bool = False
) -> NoReturn:
    guess = _closest_kind(word)
    if guess is not None:
        message = f"unknown claim kind '{word}': did you mean '{guess}'?"
    elif after_main:
        message = f"after 'main' write the claim's kind: 'main conclusion {word}: ...'"
    else:
        message = (
            f"'{word}' is no claim kind, so a line cannot start with it here: a claim starts with its "
            f"kind ('premise {word}: ...'), a link with ids and an arrow ('{word} -> c'), a header "
            "field with a key ('title: ...'), a section with '## '"
        )
    fail(
        text,
        path,
        "S002",
        message,
        start,
        end,
        (Note("claim kinds are: " + ", ".join(KIND_WORDS)),),
    )
