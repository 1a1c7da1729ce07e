"""Offsets in the text (characters) to LSP positions (line, code units) and back.

argmap's spans count characters (Python's code points); the Language Server
Protocol counts a line's characters in UTF-16 code units unless the client
and server agreed on UTF-8 or UTF-32. An emoji before an id is one character
to argmap and two units to a UTF-16 client: :class:`LineIndex` converts.
"""

from __future__ import annotations

import bisect

from lsprotocol import types

from argmap.core.model import Span

__all__ = ["LineIndex"]


class LineIndex:
    """Where each line of a text starts, for converting offsets and LSP positions."""

    def __init__(self, text: str, encoding: str = types.PositionEncodingKind.Utf16) -> None:
        self.text = text
        self.encoding = encoding
        starts = [0]
        at = text.find("\n")
        while at != -1:
            starts.append(at + 1)
            at = text.find("\n", at + 1)
        self.starts = starts
        """The offset of the first character of each line."""

    def units(self, chars: str) -> int:
        """How many code units ``chars`` take in the agreed encoding."""
        if chars.isascii() or self.encoding == types.PositionEncodingKind.Utf32:
            return len(chars)
        if self.encoding == types.PositionEncodingKind.Utf8:
            return len(chars.encode("utf-8", errors="surrogatepass"))
        return len(chars.encode("utf-16-le", errors="surrogatepass")) // 2

    def position(self, offset: int) -> types.Position:
        """The LSP position of a character offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        return types.Position(line=line, character=self.units(self.text[start:offset]))

    def range(self, span: Span) -> types.Range:
        """The LSP range of a span."""
        return types.Range(start=self.position(span.start), end=self.position(span.end))

    def offset(self, position: types.Position) -> int:
        """The character offset of an LSP position (a position past a line's end is its end)."""
        if position.line >= len(self.starts):
            return len(self.text)
        start = self.starts[position.line]
        end = self.starts[position.line + 1] - 1 if position.line + 1 < len(self.starts) else len(self.text)
        line = self.text[start:end]
        if line.isascii() or self.encoding == types.PositionEncodingKind.Utf32:
            return start + min(position.character, len(line))
        units = 0
        for index, char in enumerate(line):
            if units >= position.character:
                return start + index
            units += self.units(char)
        return start + len(line)

    def line_text(self, line: int) -> str:
        """Line ``line`` (0-based) without its line end."""
        if line >= len(self.starts):
            return ""
        start = self.starts[line]
        end = self.starts[line + 1] - 1 if line + 1 < len(self.starts) else len(self.text)
        return self.text[start:end].removesuffix("\r")

    def end(self) -> types.Position:
        """The position after the last character."""
        return self.position(len(self.text))
