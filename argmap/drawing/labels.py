"""Text in the picture: visible characters, wrapping, and the one escape of every user string.

Every string a user wrote reaches the DOT output through exactly one escape,
here: :func:`esc` (:func:`html.escape`, plus doubled backslashes and ``]`` as
a character reference, which Graphviz's HTML labels need) for all visible
text, which is always in HTML-like labels, and :func:`plain` (:func:`graphviz.escape`
plus the ``graphviz`` package's quoting) for the other attributes (tooltips).
Characters XML cannot carry are shown as ``<U+XXXX>`` (:func:`visible`).
"""

from __future__ import annotations

import bisect
import functools
import html
import itertools
import re
import unicodedata
from collections.abc import Sequence

import graphviz

__all__ = [
    "LABEL_WRAP_WIDTH",
    "LINE_BREAK",
    "SMALL_TEXT",
    "WRAP_WIDTH",
    "Wrapping",
    "balanced_wrap",
    "esc",
    "esc_lines",
    "font",
    "html_label",
    "phrase_lines",
    "plain",
    "styled",
    "text_width",
    "visible",
    "wrap",
]

WRAP_WIDTH = 36
"""Characters per line of a claim's text in its box (a CJK character counts as two)."""

LABEL_WRAP_WIDTH = 24
"""Characters per line of the words on a link's line."""

SMALL_TEXT = 9
"""Point size of a box's header, id and details, and of the key. Graphviz 2.43 reads an HTML
``POINT-SIZE`` as a whole number (8.5 is drawn at 8), so only whole sizes are used."""

_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
LINE_BREAK = re.compile("\r\n|[\r\n\u2028\u2029]")
_SPACES = re.compile("[ \t]+")
_GLUE = frozenset("\u200d\ufe0e\ufe0f")


def visible(text: str) -> str:
    """``text`` with each character XML cannot carry (control characters, U+FFFE, U+FFFF,
    lone surrogates) shown as ``<U+XXXX>``; tabs and line breaks are kept."""
    return _INVISIBLE.sub(lambda match: f"<U+{ord(match.group()):04X}>", text)


@functools.lru_cache(maxsize=8192)
def _char_width(char: str) -> int:
    if " " <= char <= "~":
        return 1
    if unicodedata.combining(char) or char in _GLUE or unicodedata.category(char) == "Cf":
        return 0
    if 0x1F3FB <= ord(char) <= 0x1F3FF:  # skin-tone modifiers join the emoji before them
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def text_width(text: str) -> int:
    if text.isascii() and text.isprintable():
        return len(text)
    return sum(_char_width(char) for char in text)


def _units(word: str, width: int) -> list[str]:
    """Pieces of ``word`` a line may break between: around each wide (CJK) character,
    and every ``width`` columns in a run too long for a line."""
    if len(word) <= width and word.isascii() and word.isprintable():
        return [word]
    units: list[str] = []
    current = ""
    current_width = 0
    previous = ""
    previous_wide = False
    for char in word:
        char_width = _char_width(char)
        glued = char_width == 0 or previous == "\u200d"
        wide = char_width == 2
        if current and not glued and (wide or previous_wide or current_width + char_width > width):
            units.append(current)
            current, current_width = "", 0
        current += char
        current_width += char_width
        if not glued:
            previous_wide = wide
        previous = char
    if current:
        units.append(current)
    return units


def wrap(text: str, width: int = WRAP_WIDTH) -> list[str]:
    """Lines of at most ``width`` columns (a wide character takes two).

    Lines break at spaces and tabs, between CJK characters, and inside a word
    longer than a line; a line break in the text is kept. No other character
    is added, dropped or changed, apart from runs of spaces becoming one.

    >>> wrap("Trees cool streets by several degrees in summer.", 20)
    ['Trees cool streets', 'by several degrees', 'in summer.']
    >>> wrap("北京和莫斯科的联合声明", 10)
    ['北京和莫斯', '科的联合声', '明']
    """
    lines: list[str] = []
    simple = text.isascii()  # every character one column wide: no per-character widths
    for paragraph in LINE_BREAK.split(text):
        line = ""
        line_width = 0
        words = _SPACES.split(paragraph)
        if simple and paragraph.isprintable() and max(map(len, words)) <= width:
            # The common case, about three times faster: every word fits on a line.
            for word in words:
                if not line:
                    line, line_width = word, len(word)
                elif line_width + 1 + len(word) > width:
                    lines.append(line)
                    line, line_width = word, len(word)
                else:
                    line += " " + word
                    line_width += 1 + len(word)
            lines.append(line)
            continue
        for word in words:
            units = (
                [word[i : i + width] for i in range(0, len(word), width)] or [word]
                if simple and word.isprintable()
                else _units(word, width)
            )
            for index, unit in enumerate(units):
                gap = 1 if index == 0 and line else 0
                unit_width = len(unit) if simple and unit.isprintable() else text_width(unit)
                if line and line_width + gap + unit_width > width:
                    lines.append(line)
                    line, line_width = unit, unit_width
                else:
                    line += " " * gap + unit
                    line_width += gap + unit_width
        lines.append(line)
    while len(lines) > 1 and not lines[-1]:
        lines.pop()
    return lines


def balanced_wrap(text: str, width: int = WRAP_WIDTH) -> list[str]:
    """:func:`wrap` into as few lines as ``width`` allows, with the lines as even as
    possible (no lonely last word).

    >>> balanced_wrap("The Okafor family should adopt a dog.")
    ['The Okafor family', 'should adopt a dog.']
    """
    return Wrapping(text).balanced(width)


class Wrapping:
    """One text wrapped at any width, its words split once. A drawing's layout estimate counts
    each claim's lines at every width it tries, then the box takes the balanced lines of the
    width chosen: with one :class:`Wrapping` per claim those counts are made once, not again
    by :func:`balanced_wrap`, and the lines are cut from the word lengths without splitting
    the text a second time (at 10,000 claims these were most of the time of a box's label)."""

    __slots__ = ("_counts", "_ends", "_lengths", "_longest", "_words", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._lengths: list[int] | None = None
        """The word lengths of the usual claim (one paragraph, no empty word), else None."""
        self._ends: list[int] = []
        """Their :func:`_word_ends`."""
        self._longest = 0
        self._counts: dict[int, int] = {}
        if text.isascii() and text.isprintable() and "  " not in text:  # one paragraph of words: the usual claim
            lengths = list(map(len, text.split(" ")))
            self._words: tuple[list[list[int]], int] | None = [lengths], max(lengths)
        else:
            self._words = _word_lengths(text)
            if self._words is None or len(self._words[0]) > 1:
                return
            lengths = self._words[0][0]
        if min(lengths) > 0:
            self._lengths, self._longest, self._ends = lengths, self._words[1], _word_ends(lengths)

    def lines(self, width: int) -> int:
        """``len(wrap(text, width))``, counted once per width.

        >>> wrapping = Wrapping("Trees cool streets by several degrees in summer.")
        >>> wrapping.lines(20), wrapping.lines(80)
        (3, 1)
        """
        count = self._counts.get(width)
        if count is None:
            count = self._counts[width] = self._count(width)
        return count

    def _count(self, width: int) -> int:
        """``len(wrap(text, width))``: counted from the word lengths when :func:`wrap` would lay the
        text out from them alone, which is most of the time and several times faster than wrapping."""
        lengths = self._lengths
        if lengths is not None:
            return _words_line_count(self._ends, width) if self._longest <= width else len(wrap(self.text, width))
        words = self._words
        if words is not None and words[1] <= width:
            return _line_count(words[0], width)
        return len(wrap(self.text, width))

    def balanced(self, width: int) -> list[str]:
        """``balanced_wrap(text, width)``."""
        text, lengths, longest = self.text, self._lengths, self._longest
        lines = self.lines(width)
        if lines < 2:
            return wrap(text, width)
        # The narrowest width that needs no more lines (fewer columns never need fewer lines).
        low, high = max(width // 2, 1), width
        if lengths is not None:
            # One paragraph of words. Each line break saves at most one space, so ``lines`` lines
            # of fewer columns than its letters and remaining spaces spread over them cannot hold
            # it; from its longest word on, the lines are counted from the word lengths, which a
            # wider line never makes more of. Searching from that bound gives the same width in
            # about half the counts.
            least = -(-(sum(lengths) + len(lengths) - lines) // lines)
            if least >= longest:
                low = max(low, least)
        while low < high:
            middle = (low + high) // 2
            if self.lines(middle) > lines:
                low = middle + 1
            else:
                high = middle
        if lengths is not None and longest <= low and "  " not in text:
            return _cut(text, lengths, low)
        return wrap(text, low)


def _cut(text: str, lengths: list[int], width: int) -> list[str]:
    """:func:`wrap` of one paragraph of words parted by single spaces (no empty word, none longer
    than ``width``), cut from the text by the word lengths: the lines wrap makes, at the same
    places, without splitting the text again."""
    lines: list[str] = []
    start, end = 0, lengths[0]
    for length in lengths[1:]:
        if end - start + 1 + length > width:
            lines.append(text[start:end])
            start = end + 1
            end = start + length
        else:
            end += 1 + length
    lines.append(text[start:end])
    return lines


def _words_line_count(ends: list[int], width: int) -> int:
    """:func:`_line_count` of one paragraph with no empty word (none longer than ``width``), from
    :func:`_word_ends`: each line takes the words that end within ``width`` columns of its start,
    found by bisection, so the count costs a step per line instead of per word."""
    count, start, last = 1, 0, ends[-1]
    reach = width + 1
    while last > reach:  # the words from ``start`` on do not all fit on this line
        start = ends[bisect.bisect_right(ends, reach) - 1]
        reach = start + width + 1
        count += 1
    return count


def _word_ends(lengths: list[int]) -> list[int]:
    """Where each word of a paragraph ends, counting one space after every word: ``ends[i] - 1`` is the
    width of the words up to ``i`` on one line, and ``ends[j] - ends[i] - 1`` that of the words after
    ``i`` up to ``j``."""
    return [end + words for words, end in enumerate(itertools.accumulate(lengths), 1)]


def _word_lengths(text: str) -> tuple[list[list[int]], int] | None:
    """The lengths of the words of each paragraph, and the longest, when :func:`wrap` can
    lay ``text`` out from them alone (ASCII, printable); otherwise ``None``."""
    if not text.isascii():
        return None
    if text.isprintable():  # one paragraph: the usual claim
        paragraphs = [text]
    else:
        paragraphs = LINE_BREAK.split(text)
        if not all(paragraph.isprintable() for paragraph in paragraphs):
            return None
    lengths = [
        list(map(len, paragraph.split(" ") if "  " not in paragraph else _SPACES.split(paragraph)))
        for paragraph in paragraphs
    ]
    return lengths, max(map(max, lengths))


def _line_count(paragraphs: list[list[int]], width: int) -> int:
    """How many lines :func:`wrap` makes of words of these lengths, none longer than
    ``width``: its steps, counted instead of built (a quarter of the time of drawing a big
    map went on wrapping each claim's text about six times)."""
    count = 0
    trailing_empty = 0
    for words in paragraphs:
        empty, used = True, 0
        for length in words:
            if empty:
                empty, used = length == 0, length
            elif used + 1 + length > width:
                count += 1
                trailing_empty = 0  # the line just ended has a word
                empty, used = length == 0, length
            else:
                used += 1 + length
        count += 1
        trailing_empty = trailing_empty + 1 if empty else 0
    # wrap drops empty last lines, keeping one.
    return count - min(trailing_empty, count - 1)


def phrase_lines(phrases: Sequence[str], width: int) -> list[str]:
    """Phrases joined by `` · ``, broken only between phrases (or inside one too long for a line)."""
    lines: list[str] = []
    for phrase in phrases:
        for piece in wrap(phrase, width):
            if lines and text_width(lines[-1]) + 3 + text_width(piece) <= width:
                lines[-1] += " · " + piece
            else:
                lines.append(piece)
    return lines


# --- HTML-like labels: every user string passes through esc exactly once ---------


def esc(text: str) -> str:
    """User text for an HTML-like label: characters made visible, then escaped.

    Graphviz expands ``\\N``, ``\\G`` and friends even inside HTML-like labels,
    and reads ``\\\\`` as one backslash, so backslashes are doubled as well as
    the HTML special characters escaped. Its HTML lexer also fails on a text
    that is only ``]`` (Graphviz 2.43), so ``]`` is written as a character reference.
    """
    if text.isprintable() and not _SPECIAL.search(text):
        return text  # most text: nothing to show or escape (a printable string has nothing :func:`visible` shows)
    return html.escape(visible(text).replace("\\", "\\\\"), quote=True).replace("]", "&#93;")


_SPECIAL = re.compile(r"[&<>\"'\\\]]")
"""The characters :func:`esc` changes in a printable string."""


def esc_lines(lines: Sequence[str]) -> str:
    """Escaped lines joined by left-aligned line breaks."""
    return '<BR ALIGN="LEFT"/>'.join(map(esc, lines))


def font(content: str, *, size: float | None = None, color: str | None = None) -> str:
    if not content:
        return ""  # Graphviz refuses an empty <FONT></FONT>
    attributes = ""
    if size is not None:
        attributes += f' POINT-SIZE="{size:g}"'
    if color is not None:
        attributes += f' COLOR="{color}"'
    return f"<FONT{attributes}>{content}</FONT>" if attributes else content


def styled(content: str, *, bold: bool = False, italic: bool = False) -> str:
    if not content:
        return ""  # nor an empty <B></B>
    if italic:
        content = f"<I>{content}</I>"
    if bold:
        content = f"<B>{content}</B>"
    return content


def html_label(content: str) -> str:
    """Mark a finished HTML-like label for the ``graphviz`` package (which then leaves it alone)."""
    return f"<{content}>"


_PLAIN_LIMIT = 2000
"""Longest user string put in a non-HTML DOT attribute. The ``graphviz`` package's quoting
takes time quadratic in a run of backslashes; the SVG gets the full text in post-processing."""


def plain(text: str) -> str:
    """A user string for a non-HTML attribute (a tooltip): backslashes doubled, never HTML."""
    shown = visible(text)
    if len(shown) > _PLAIN_LIMIT:
        shown = shown[: _PLAIN_LIMIT - 1] + "…"
    escaped: str = graphviz.escape(shown)
    return escaped
