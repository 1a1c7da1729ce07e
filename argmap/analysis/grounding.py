"""Ground claims in their source text: find each ``quote:`` and measure coverage.

Matching forgives what a copying reader cannot control and nothing else:

- any run of white space (spaces, tabs, line breaks) matches any other run;
- straight and typographic quotation marks match each other (" “ ” „ ‟ « »),
  as do apostrophes (' ‘ ’ ‚ ‛ `);
- hyphens and dashes match each other (- ‐ ‑ ‒ – — ― −);
- an ellipsis in a quote (``…`` or ``...``) matches an omitted stretch of at
  most :data:`MAX_GAP` characters (which may itself be an ellipsis in the
  source, or words the quote leaves out).

Letters must match exactly, case included, and a quote that starts or ends
with a letter or digit matches only whole words there ("need" does not match
the start of "needed"). A quote found more than once must be disambiguated
with ``occurrence: N`` (the N-th match, counting from 1).
"""

from __future__ import annotations

import bisect
import functools
import heapq
import os
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate, compress, count, islice, repeat
from operator import add
from pathlib import Path
from typing import NamedTuple

import attrs

from argmap.core.diagnostics import Note
from argmap.core.model import Claim, ClaimKind, Document, Property, Span

from .findings import Report

MAX_GAP = 300
"""The longest stretch of source text one ellipsis in a quote may stand for, in characters."""

_DOUBLE = "\"“”„‟«»"
_SINGLE = "'‘’‚‛`"
_DASHES = "-‐‑‒–—―−"
_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.)\s*")
_WORD = re.compile(r"\w+")


@attrs.frozen
class QuoteMatch:
    """Where a claim's quote was found in the source."""

    claim: str
    start: int
    """Offset of the first matched character in the source text."""
    end: int
    line: int
    """1-based line of the start in the source."""
    column: int
    end_line: int
    gaps: tuple[tuple[int, int], ...]
    """Stretches of source an ellipsis in the quote stood for (start, end offsets)."""
    occurrences: int
    """How many times the quote occurs in the source (outside the front matter, if it occurs there)."""
    passage: int = 0
    """Which of the claim's quotes this is: 0 for its first ``quote:``, 1 for a second, …"""


@attrs.frozen
class Sentence:
    """A sentence of the source text, with the argument indicators it carries."""

    start: int
    end: int
    line: int
    text: str
    indicators: tuple[str, ...]


@attrs.frozen
class Coverage:
    """How much of the source the map's quotes cover."""

    sentences: int
    covered: int
    uncovered_with_indicators: tuple[Sentence, ...]

    @property
    def share(self) -> float:
        """Covered sentences over all sentences (0 when the source has none)."""
        return self.covered / self.sentences if self.sentences else 0.0

    def to_json(self) -> dict[str, object]:
        """A plain dictionary for JSON output."""
        return {
            "sentences": self.sentences,
            "covered": self.covered,
            "share": round(self.share, 4),
            "uncovered_with_indicators": [
                {"line": s.line, "start": s.start, "end": s.end, "text": s.text, "indicators": list(s.indicators)}
                for s in self.uncovered_with_indicators
            ],
        }


@attrs.frozen
class Grounding:
    """The source text of a map and where each quote was found in it."""

    path: str
    """The source file as resolved (relative to the .arg file's folder)."""
    text: str
    passages: dict[str, tuple[QuoteMatch, ...]]
    """Claim id → every passage found for it, in the order of its ``quote:`` lines (an ambiguous
    quote at its chosen occurrence); a claim none of whose quotes was found is left out."""
    front_matter: int = 0
    """Where the source's front matter ends (0: it has none); see :func:`front_matter_end`."""

    @property
    def matches(self) -> dict[str, QuoteMatch]:
        """Claim id → its first passage found: what most outputs show for a claim."""
        return {claim: found[0] for claim, found in self.passages.items()}

    def all_matches(self) -> list[QuoteMatch]:
        """Every passage of every claim."""
        return [match for found in self.passages.values() for match in found]

    def coverage(self) -> Coverage:
        """Which sentences some claim quotes, and the uncovered ones that carry indicators."""
        return measure_coverage(self.text, self.all_matches(), self.front_matter)


def _part_pattern(part: str) -> str:
    """The regular expression of one stretch of a quote between ellipses."""
    chars: list[str] = []
    for char in part.strip():
        if char.isspace():
            if not chars or chars[-1] != r"\s+":
                chars.append(r"\s+")
        elif char in _DOUBLE:
            chars.append("[" + re.escape(_DOUBLE) + "]")
        elif char in _SINGLE:
            chars.append("[" + re.escape(_SINGLE) + "]")
        elif char in _DASHES:
            chars.append("[" + re.escape(_DASHES) + "]")
        else:
            chars.append(re.escape(char))
    return "".join(chars)


_SPACE_RUN = re.compile(r"\s*")
_WORD_CHAR = re.compile(r"\w")


def find_gapped(
    text: str, quote: str, max_gap: int | None = None
) -> list[tuple[int, int, tuple[tuple[int, int], ...]]]:
    r"""Where a quote with ellipses occurs in ``text``, without overlaps, left to right.

    Each match is (start, end, gaps): the stretches the ellipses stood for. It
    is what the regular expression ``(part1)\s*([\s\S]{0,MAX_GAP}?)\s*(part2)…``
    finds (whole words at the ends), and tests hold it to that. The expression
    itself tries every combination of places for the parts: when they do not
    follow one another, that takes time exponential in the number of ellipses
    (a quote with forty hung a check). Here each part's places are found once,
    the places from which the rest of the quote can follow are worked out from
    the last part back, and at each step the earliest is taken, which is the
    expression's own choice.
    """
    limit = MAX_GAP if max_gap is None else max_gap
    parts = [part for part in _ELLIPSIS.split(quote.strip()) if part.strip()]
    if not parts:
        return []
    places: dict[str, list[tuple[int, int]]] = {}
    for part in parts:
        if part not in places:
            finder = re.compile("(?=(" + _part_pattern(part) + "))")
            places[part] = [match.span(1) for match in finder.finditer(text)]
    first_word = re.match(r"\w", parts[0].strip()) is not None
    last_word = re.search(r"\w$", parts[-1].strip()) is not None

    def gap_start(end: int) -> int:
        found = _SPACE_RUN.match(text, end)
        assert found is not None
        return found.end()

    def gap_end(start: int, floor: int) -> int:
        """Where the stretch an ellipsis stands for ends, for a part starting at ``start``."""
        while start > floor and text[start - 1].isspace():
            start -= 1
        return start

    # alive[i]: the places of part i from which the rest of the quote follows, by start.
    last = places[parts[-1]]
    alive: list[list[tuple[int, int]]] = [[]] * len(parts)
    alive[-1] = [p for p in last if not (last_word and _WORD_CHAR.match(text, p[1]))]
    for number in range(len(parts) - 2, -1, -1):
        following = alive[number + 1]
        starts = [start for start, _ in following]
        kept = []
        for place in places[parts[number]]:
            begin = gap_start(place[1])
            at = bisect.bisect_left(starts, begin)
            if at < len(starts) and gap_end(starts[at], begin) - begin <= limit:
                kept.append(place)
        if not kept:
            return []
        alive[number] = kept
    firsts = [
        place for place in alive[0] if not (first_word and place[0] and _WORD_CHAR.match(text, place[0] - 1))
    ]
    starts_of = [[start for start, _ in level] for level in alive]
    found: list[tuple[int, int, tuple[tuple[int, int], ...]]] = []
    position = 0
    for start, end in firsts:
        if start < position:
            continue
        gaps = []
        for number in range(1, len(parts)):
            begin = gap_start(end)
            at = bisect.bisect_left(starts_of[number], begin)
            next_start, end = alive[number][at]
            stop = gap_end(next_start, begin)
            if begin < stop:
                gaps.append((begin, stop))
        found.append((start, end, tuple(gaps)))
        position = end
    return found


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


# --- the canonical form of a text: what matching forgives, undone ---------------------------

_MARKS = tuple(
    (char, representative)
    for chars, representative in ((_DOUBLE, '"'), (_SINGLE, "'"), (_DASHES, "-"))
    for char in chars
    if char != representative
)
"""(mark, representative) for each quotation mark, apostrophe and dash that is not its own representative."""
_ASCII_MARKS = tuple((char, representative) for char, representative in _MARKS if char.isascii())
_ASCII_FLAT = str.maketrans(
    {**dict(_ASCII_MARKS), **{char: " " for char in map(chr, range(128)) if char.isspace()}}
)
"""For ASCII text: the marks as their representatives, every white-space character as a space."""
_ASCII_WORDS = str.maketrans(
    {char: " " for char in map(chr, range(128)) if not (char.isalnum() or char == "_")}
)
"""For ASCII text: every character that is not a word character (``\\w``) as a space."""
_OTHER_SPACE = re.compile(r"[^\S ]")
_NON_WORD = re.compile(r"[^\w ]")
_LONG_SPACES = re.compile("  +")
_CHUNK = 1 << 16
"""Characters of the text split into words at a time when indexing (bounds the memory the word lists take)."""
_COMMON = 64
"""Places in the text beyond which a quote's anchor word counts as common, and a rarer one is sought."""


def _has_ellipsis(quote: str) -> bool:
    """Whether :data:`_ELLIPSIS` occurs in ``quote`` (found without a regular expression)."""
    return "…" in quote or "..." in quote


def _marks(text: str) -> str:
    """``text`` with every mark (:data:`_MARKS`) replaced by its representative.

    Replaces only the marks present: ``str.translate`` would do the same but
    slowly, character by character, for any text that is not ASCII.
    """
    for char, representative in _ASCII_MARKS if text.isascii() else _MARKS:
        if char in text:
            text = text.replace(char, representative)
    return text


def _needle(quote: str) -> str:
    """The canonical form of a quote: marks replaced, white space as single spaces, trimmed."""
    needle = " ".join(_marks(quote).split())
    return quote if needle == quote else needle  # most quotes are canonical already: one string, not two


def _word_text(text: str) -> str:
    """``text`` with every character but word characters and spaces as a space (offsets unchanged)."""
    return text.translate(_ASCII_WORDS) if text.isascii() else _NON_WORD.sub(" ", text)


def _word_lists(spaced: str) -> Iterator[list[str]]:
    """The words of a text whose words are separated by spaces, a list for every :data:`_CHUNK` characters or so."""
    start = 0
    while start < len(spaced):
        end = spaced.find(" ", start + _CHUNK)
        end = len(spaced) if end == -1 else end
        yield spaced[start:end].split()
        start = end


def _rarest(spaced_needles: Iterable[str | None], counts: Counter[str]) -> list[tuple[str, int] | None]:
    """The rarest word of each needle by ``counts``, and the offset of its first occurrence in the needle.

    The needles come as :func:`_word_text` with a space added at each end;
    None stands for no needle, and is also the answer for a needle without words.
    """
    anchors: list[tuple[str, int] | None] = []
    for spaced in spaced_needles:
        if spaced is not None and (words := spaced.split()):
            rare = min(words, key=counts.__getitem__)
            anchors.append((rare, spaced.find(f" {rare} ")))
        else:
            anchors.append(None)
    return anchors


class _Found(NamedTuple):
    """A match in the source: offsets, and the stretches an ellipsis stood for."""

    start: int
    end: int
    gaps: tuple[tuple[int, int], ...] = ()


_make_found = functools.partial(tuple.__new__, _Found)
"""``_make_found((start, end, gaps))`` is ``_Found(start, end, gaps)`` made in C (NamedTuple's own ``__new__`` is Python)."""


class SourceIndex:
    """A source text prepared for finding many quotes fast.

    The text is put in a canonical form once — every quotation mark, apostrophe
    and dash replaced by one representative, every run of white space by one
    space — with a map back to the original offsets. A quote without an
    ellipsis is then a plain substring search of its own canonical form. A
    quote with an ellipsis is matched with a regular expression.

    For maps with many quotes in a long text, :meth:`find_all` anchors each
    quote at a rare word of its own and collects the places of all the anchor
    words in one pass over the words of the text; the quote is then checked at
    those places only. The anchor is the word rarest among all the quotes'
    words, which costs little to count; a quote whose anchor proves common in
    the text (more than :data:`_COMMON` places) is anchored again at its word
    rarest in the text, for which the text's words are counted.

    Per-character work is left to ``str`` methods and regular expressions (C);
    Python loops run per quote, per place of an anchor word, per piece of the
    split text, and per run of two or more white-space characters.
    """

    def __init__(self, text: str, remember: bool = False) -> None:
        self.text = text
        self.remember = remember
        """Keep the places of every quote looked for (for an index that is kept: :func:`source_index`)."""
        flat = _marks(text)
        # Every white-space character as one space: flat is as long as text, offset for offset.
        flat = flat.translate(_ASCII_FLAT) if flat.isascii() else _OTHER_SPACE.sub(" ", flat)
        # Runs of two or more spaces become one; remember how far each later offset shifts.
        self._run_at: list[int] = [0]
        self._shift: list[int] = [0]
        pieces: list[str] = []
        position = 0
        shift = 0
        for run in _LONG_SPACES.finditer(flat):
            pieces.append(flat[position : run.start() + 1])
            self._run_at.append(run.start() - shift + 1)
            shift += run.end() - run.start() - 1
            self._shift.append(shift)
            position = run.end()
        self.canonical = "".join(pieces) + flat[position:] if pieces else flat
        self._shifted = len(self._run_at) > 1  # else canonical offsets are the original ones
        self._lines = array("Q", [match.end() for match in re.finditer("\n", text)])
        self._spaced: str | None = None
        self._counts: Counter[str] | None = None
        self._places: dict[str, list[int]] = {}
        self._passages: _Passages | None = None
        self._found: dict[tuple[str, bool], tuple[_Found, ...]] = {}
        self._closest: dict[str, tuple[int, int] | None] = {}

    def original(self, offset: int) -> int:
        """The offset in the original text of an offset in the canonical text."""
        return offset + self._shift[bisect.bisect_right(self._run_at, offset) - 1]

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an offset in the original text."""
        line = bisect.bisect_right(self._lines, offset)
        start = self._lines[line - 1] if line else 0
        return line + 1, offset - start + 1

    def closest_passage(self, quote: str) -> tuple[int, int] | None:
        """:func:`closest_passage` in this text, whose words are split once for all the quotes asked about."""
        if self._passages is None:
            self._passages = _Passages(self.text)
        if quote not in self._closest:
            self._closest[quote] = self._passages.closest(quote)
        return self._closest[quote]

    # --- the words of the text ------------------------------------------------------------

    def _words_spaced(self) -> str:
        """The canonical text with every non-word character a space, and a space at each end.

        A word of the text at canonical offset ``p`` is ``" word "`` at offset ``p`` here.
        """
        if self._spaced is None:
            self._spaced = "".join((" ", _word_text(self.canonical), " "))  # two copies of the text at most, not three
        return self._spaced

    def _word_lists(self) -> Iterator[list[str]]:
        """The words of the text in order, a list for every :data:`_CHUNK` characters or so."""
        return _word_lists(self._words_spaced())

    def _word_counts(self) -> Counter[str]:
        """How often each word occurs in the text (counted on first use)."""
        if self._counts is None:
            counts: Counter[str] = Counter()
            for words in self._word_lists():
                counts.update(words)
            self._counts = counts
        return self._counts

    def _collect(self, words: Iterable[str]) -> None:
        """Find the canonical offsets of every whole-word occurrence of ``words``, in one pass."""
        wanted = {word for word in words if word not in self._places}
        if not wanted:
            return
        places: dict[str, list[int]] = {word: [] for word in wanted}
        spaced = self._words_spaced()
        at = 0
        for chunk in self._word_lists():
            # The wanted words in text order; each is the next " word " in the spaced text.
            for word in compress(chunk, map(wanted.__contains__, chunk)):
                at = spaced.find(f" {word} ", at)
                places[word].append(at)
                at += len(word) + 1
        if self._places:
            self._places.update(places)
        else:
            self._places = places

    # --- finding quotes --------------------------------------------------------------------

    def find(self, quote: str, indexed: bool = False) -> list[_Found]:
        """Every non-overlapping occurrence of ``quote``, in order."""
        return self.find_all([quote], indexed)[0]

    def find_all(self, quotes: Sequence[str], indexed: bool = False) -> list[list[_Found]]:
        """What :meth:`find` gives for each quote; ``indexed`` anchors them at rare words.

        An index that remembers looks each quote up once in its life: the language server
        checks a map again after every edit, and only the quote that changed is new."""
        if not self.remember:
            results = self._find_all(quotes, indexed)
            # Let go of what only finding them needed: the places of the anchor words, the words.
            self._places, self._spaced, self._counts = {}, None, None
            return results
        new = [quote for quote in dict.fromkeys(quotes) if (quote, indexed) not in self._found]
        if new:
            for quote, found in zip(new, self._find_all(new, indexed), strict=True):
                self._found[(quote, indexed)] = tuple(found)
        return [list(self._found[(quote, indexed)]) for quote in quotes]

    def _find_all(self, quotes: Sequence[str], indexed: bool) -> list[list[_Found]]:
        needles = [None if _has_ellipsis(quote) else _needle(quote) for quote in quotes]
        anchors = self._anchors(needles) if indexed else [None] * len(needles)
        results = [
            self._find_pattern(quote) if needle is None else self._find_plain(needle, anchor)
            for quote, needle, anchor in zip(quotes, needles, anchors, strict=True)
        ]
        # A quote in quotation marks that is not found is looked for without them.
        retry = [
            number
            for number, (quote, found) in enumerate(zip(quotes, results, strict=True))
            if not found and len(quote) > 2 and quote[0] in _DOUBLE and quote[-1] in _DOUBLE
        ]
        if retry:
            again = self._find_all([quotes[number][1:-1] for number in retry], indexed)
            for number, found in zip(retry, again, strict=True):
                results[number] = found
        return results

    def _anchors(self, needles: Sequence[str | None]) -> list[tuple[str, int] | None]:
        """An anchor word for each needle and its offset in the needle, its places collected.

        None for no needle, or a needle without words (it is found by a scan).
        """
        # The words of all the needles, from one translation (each call of translate costs).
        # With a space at each end: needle n, as word text with a space at each end, is
        # joined[starts[n] : starts[n + 1] + 1] (sliced when needed: memory).
        joined = _word_text(" ".join(["", *(needle or "" for needle in needles), ""]))
        starts = list(accumulate([len(needle or "") + 1 for needle in needles], initial=0))
        counts: Counter[str] = Counter()
        for words in _word_lists(joined):  # a little at a time: the quotes have a million words
            counts.update(words)
        ends = map(add, islice(starts, 1, None), repeat(1))
        anchors = _rarest(map(joined.__getitem__, map(slice, starts, ends)), counts)
        self._collect(anchor[0] for anchor in anchors if anchor is not None)
        # Anchors that are common in the text: anchor those needles again, at their rarest word in it.
        common = [
            number
            for number, anchor in enumerate(anchors)
            if anchor is not None and len(self._places[anchor[0]]) > _COMMON
        ]
        if common:
            again = _rarest((joined[starts[n] : starts[n + 1] + 1] for n in common), self._word_counts())
            self._collect(anchor[0] for anchor in again if anchor is not None)
            for number, anchor in zip(common, again, strict=True):
                anchors[number] = anchor
        return anchors

    def _find_plain(self, needle: str, anchor: tuple[str, int] | None) -> list[_Found]:
        """Occurrences of a canonical needle: at the places of its anchor word, or by a scan."""
        if not needle:
            return []
        text = self.canonical
        size = len(needle)
        if anchor is not None:
            word, offset = anchor
            candidates = self._places[word]
        else:
            offset = 0
            candidates = []
            at = text.find(needle)
            while at != -1:
                candidates.append(at)
                at = text.find(needle, at + 1)
        # Whole words at the needle's ends: no word character just outside them.
        word_start = needle[0].isalnum() or needle[0] == "_"
        word_end = needle[-1].isalnum() or needle[-1] == "_"
        shifted = self._shifted
        out: list[_Found] = []
        previous_end = 0  # where the last occurrence ends, in canonical offsets
        for place in candidates:
            at = place - offset
            if at < 0 or not text.startswith(needle, at):
                continue
            if word_start and at and ((before := text[at - 1]).isalnum() or before == "_"):
                continue
            end = at + size
            if word_end and end < len(text) and ((after := text[end]).isalnum() or after == "_"):
                continue
            if out and at < previous_end:
                continue  # overlaps the occurrence before
            previous_end = end
            if shifted:
                out.append(_make_found((self.original(at), self.original(end - 1) + 1, ())))
            else:
                out.append(_make_found((at, end, ())))
        return out

    def _find_pattern(self, quote: str) -> list[_Found]:
        return [_Found(start, end, gaps) for start, end, gaps in find_gapped(self.text, quote)]


def find_quote(source: str, quote: str) -> list[tuple[int, int]]:
    """(start, end) of every non-overlapping occurrence of ``quote`` in ``source``."""
    return [(found.start, found.end) for found in SourceIndex(source).find(quote)]


def closest_passage(source: str, quote: str) -> tuple[int, int] | None:
    """The stretch of source most like ``quote``: (start, end) offsets, or None.

    Looks only around occurrences of the quote's rarest words, so it stays fast
    on sources of megabytes.
    """
    return _Passages(source).closest(quote)


class _Passages:
    """The words of a source, split once, for finding the passages most like quotes not in it.

    Kept compact for long sources: offsets in arrays, and each word as the
    number of its lower-case form rather than as a string of its own.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self.starts = array("q")
        """Where each word (run of ``\\w``) of the source starts."""
        self.ends = array("q")
        self.ids = array("q")
        """Each word as the number of its lower-case form (see :attr:`numbers`)."""
        self.numbers: dict[str, int] = {}
        """Lower-case word -> its number: the index of its first occurrence."""
        self.frequency: Counter[str] = Counter()
        """How often each lower-case word occurs."""
        # In the word text every character but a word character is a space, so the words are
        # what split(" ") gives that is not empty, and each piece's offset is the sum of the
        # lengths before it, one more for each space.
        text = _word_text(source)
        start = 0
        while start < len(text):
            end = text.find(" ", start + _CHUNK)
            end = len(text) if end == -1 else end
            pieces = text[start:end].split(" ")
            lengths = list(map(len, pieces))
            starts = list(compress(accumulate(map(add, lengths, repeat(1)), initial=start), lengths))
            lowered = list(map(str.lower, filter(None, pieces)))
            self.ends.extend(map(add, starts, filter(None, lengths)))
            self.starts.extend(starts)
            self.frequency.update(lowered)
            self.ids.extend(map(self.numbers.setdefault, lowered, count(len(self.ids))))
            start = end

    def closest(self, quote: str) -> tuple[int, int] | None:
        """The stretch of the source most like ``quote`` (see :func:`closest_passage`)."""
        import difflib

        source, starts, ends = self.source, self.starts, self.ends
        if not starts:
            return None
        quote_words = [w.lower() for w in _WORD.findall(quote)]
        if not quote_words:
            return None
        frequency = self.frequency
        rare = sorted(set(quote_words), key=lambda w: (frequency.get(w, 0) or 10**9, w))[:4]
        wanted = {self.numbers[word] for word in rare if word in self.numbers}
        positions = list(compress(count(), map(wanted.__contains__, self.ids)))
        span = len(quote_words)
        if len(positions) > _NEAREST_PLACES:
            # Look closely only where most of the quote's words are near: in a big source its
            # rare words still occur thousands of times, and each place costs dozens of windows.
            ids = self.ids
            known = {self.numbers[word] for word in quote_words if word in self.numbers}

            def near(position: int) -> int:
                return len(known.intersection(ids[max(0, position - span) : position + span + 1]))

            positions = sorted(heapq.nlargest(_NEAREST_PLACES, positions, key=near))
        lowered = quote.lower()
        # difflib's quick_ratio is 2 * matches / total length, where matches counts each character
        # of the quote as often as it occurs in both. Counted here with set and str methods rather
        # than character by character: a character once in the quote counts if the passage has it.
        quote_counts = Counter(lowered)
        once = {char for char, number in quote_counts.items() if number == 1}
        repeated = [char for char, number in quote_counts.items() if number > 1]
        repeats = [quote_counts[char] for char in repeated]
        candidates: list[tuple[float, int, int]] = []
        seen: set[tuple[int, int]] = set()
        for position in positions:
            for start_word in range(max(0, position - span), position + 1):
                for length in (span - 1, span, span + 1):
                    end_word = min(len(starts), start_word + max(length, 1)) - 1
                    if (start_word, end_word) in seen:
                        continue
                    seen.add((start_word, end_word))
                    start, end = starts[start_word], ends[end_word]
                    passage = source[start:end].lower()
                    matches = len(once.intersection(passage))
                    matches += sum(map(min, repeats, map(passage.count, repeated)))
                    total = len(lowered) + len(passage)
                    candidates.append((2.0 * matches / total if total else 1.0, start, end))
        candidates.sort(key=lambda c: -c[0])
        best: tuple[float, int, int] | None = None
        for _, start, end in candidates[:25]:
            passage = " ".join(source[start:end].lower().split())
            ratio = difflib.SequenceMatcher(None, lowered, passage).ratio()
            if best is None or ratio > best[0]:
                best = (ratio, start, end)
        if best is None or best[0] < 0.5:
            return None
        return best[1], best[2]


_NEAREST_PLACES = 100
"""How many places of a misquote's rarest words are searched for the passage it may mean."""


def source_folder(document: Document) -> Path:
    """The folder a map's source is found in: the .arg file's own (the working folder for text)."""
    return Path(document.path).resolve().parent if os.path.isfile(document.path) else Path.cwd()


def resolve_source(
    document: Document, allow_outside: bool, root: Path | None = None
) -> tuple[Path | None, str | None]:
    """The source file named in the header, and a problem if it may not be read.

    The path is relative to ``root`` (default: :func:`source_folder`), and must
    stay inside it, symbolic links followed, unless ``allow_outside``.
    """
    value = document.header_value("source")
    if value is None or not value.strip():
        return None, None
    base = (root or source_folder(document)).resolve()
    candidate = (base / value.strip()).resolve()
    if not allow_outside:
        try:
            candidate.relative_to(base.resolve())
        except ValueError:
            return candidate, (
                f"the source '{value.strip()}' is outside the folder of this file ({base}); "
                "argmap reads only sources beside the .arg file or below it "
                "(pass --allow-outside-source to permit it)"
            )
    return candidate, None


def ground(
    document: Document,
    claims: Iterable[Claim],
    report: Report,
    allow_outside: bool = False,
    root: Path | None = None,
    keep_index: bool = False,
) -> Grounding | None:
    """Find every quote in the header's source; report what is missing or ambiguous.

    ``keep_index``: keep the source's index for the next check (see :func:`source_index`).
    """
    quoted = [(claim, prop) for claim in claims for prop in claim.properties if prop.key == "quote"]
    source_field = next((f for f in document.header if f.key == "source"), None)
    if source_field is None or not source_field.value.strip():
        if quoted:
            first = quoted[0][1]
            assert first is not None
            report(
                "Q007",
                "quotes are not checked: the header names no 'source:' text to find them in",
                first.key_span,
            )
        return None
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", source_field.value.strip()):
        report(
            "Q008",
            "quotes are not checked: the source is a web address, and argmap reads sources only "
            "from files (save the text beside the map and name the file)",
            source_field.value_span,
        )
        return None
    path, problem = resolve_source(document, allow_outside, root)
    assert path is not None
    if problem is not None:
        report("Q005", problem, source_field.value_span)
        return None
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        if isinstance(exc, UnicodeDecodeError):
            reason = "it is not UTF-8 text"
        report(
            "Q004",
            f"cannot read the source '{source_field.value.strip()}': {reason}",
            source_field.value_span,
            Note(f"looked for {path}"),
        )
        return None
    text = text.replace("\r\n", "\n")
    passages: dict[str, tuple[QuoteMatch, ...]] = {}
    index = source_index(text) if keep_index else SourceIndex(text)
    front = front_matter_end(text)
    # Many quotes in a long text: index the words once rather than scan the text per quote.
    indexed = len(quoted) * len(text) > 20_000_000
    wanted = [
        (claim, prop)
        for claim, prop in quoted
        if claim.kind is not ClaimKind.ASSUMPTION and prop.value.strip()
    ]
    # Each different quote is looked for once: many claims may quote the same words.
    different = list(dict.fromkeys(prop.value for _, prop in wanted))
    everywhere = dict(zip(different, index.find_all(different, indexed), strict=True))
    del different
    # What was found for each quote, last first: popped as the matches are made, a quote's places
    # are let go after its last use.
    found_for = [everywhere[prop.value] for _, prop in reversed(wanted)]
    del everywhere
    occurrences = _occurrences(wanted, report)
    line_col, count_lines = index.line_col, text.count
    for claim, prop in wanted:
        found = found_for.pop()
        if front and any(f.start >= front for f in found):
            found = [f for f in found if f.start >= front]  # the body, not the front matter, states it
        occurrence = occurrences.get(id(prop)) if occurrences else None
        # The common case, with nothing to report: found once, no occurrence asked for.
        chosen = found[0] if len(found) == 1 and occurrence is None else _choose(
            claim, prop, occurrence, found, index, report
        )
        if chosen is None:
            continue
        start, end, gaps = chosen
        line, column = line_col(start)
        end_line = line + count_lines("\n", start, end)
        before = passages.get(claim.id, ())
        passages[claim.id] = (
            *before, QuoteMatch(claim.id, start, end, line, column, end_line, gaps, len(found), len(before))
        )
    return Grounding(str(path), text, passages, front)


_RECENT_SOURCES = 4
_recent: dict[str, SourceIndex] = {}


def source_index(text: str) -> SourceIndex:
    """The index of a source text, kept for the few texts used last: a language server checks
    the same map against the same source after every edit (each quote is then found once)."""
    index = _recent.pop(text, None)
    if index is None:
        index = SourceIndex(text, remember=True)
        while len(_recent) >= _RECENT_SOURCES:
            del _recent[next(iter(_recent))]
    _recent[text] = index  # last used, last in the dict
    return index


def front_matter_end(text: str) -> int:
    """Where the body of the source starts, after its front matter: 0 when it has none.

    Front matter is a block at the very top between two lines of three hyphens
    (``---``), the convention of Markdown tools: the text's title, author,
    outlet and date. Coverage skips it; quotes may still be found in it, but a
    quote that also occurs in the body is found there, not counted twice.
    """
    if not text.startswith("---"):
        return 0
    opening = re.match(r"---[ \t]*\n", text)
    if opening is None:
        return 0
    closing = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE).search(text, opening.end())
    if closing is None or text.count("\n", 0, closing.start()) > 60:
        return 0
    return closing.end() + 1 if text.startswith("\n", closing.end()) else closing.end()


def _occurrences(wanted: Sequence[tuple[Claim, Property]], report: Report) -> dict[int, Property]:
    """Each ``occurrence:`` paired with the quote it applies to: the ``quote:`` above it (or the
    claim's first quote, when it comes before them all). By the quote property's ``id()``."""
    paired: dict[int, Property] = {}
    done: set[int] = set()
    for claim, _ in wanted:
        if id(claim) in done or claim.get("occurrence") is None:
            continue
        done.add(id(claim))
        current: Property | None = None
        first_quote = claim.get("quote")
        for prop in claim.properties:
            if prop.key == "quote":
                current = prop
            elif prop.key == "occurrence":
                target = current or first_quote
                if target is None:
                    continue
                if id(target) in paired:
                    report(
                        "K003",
                        f"'{claim.id}' has two 'occurrence' lines for one quote",
                        prop.key_span,
                        Note("first given here", paired[id(target)].key_span),
                        Note("an 'occurrence:' applies to the 'quote:' above it"),
                    )
                    continue
                paired[id(target)] = prop
    return paired


def _choose(
    claim: Claim,
    prop: Property,
    occurrence_prop: Property | None,
    found: list[_Found],
    index: SourceIndex,
    report: Report,
) -> _Found | None:
    """The occurrence a quote stands for (its ``occurrence:``, else the first); None, reported, when there is none.

    A quote found more than once without ``occurrence:`` is reported ambiguous (its first occurrence is taken)."""
    wanted: int | None = None
    if occurrence_prop is not None and occurrence_prop.value.strip().isdigit():
        wanted = int(occurrence_prop.value.strip()) or None  # 0 is reported as a bad value (K002)
    if not found:
        _not_found(claim, prop, index, report)
        return None
    if wanted is not None:
        if wanted < 1 or wanted > len(found):
            assert occurrence_prop is not None
            report(
                "Q006",
                f"'occurrence: {wanted}', but the quote of '{claim.id}' occurs "
                f"{len(found)} time{'s' if len(found) != 1 else ''} in the source",
                occurrence_prop.value_span,
            )
            return None
        chosen = found[wanted - 1]
    else:
        chosen = found[0]
        if len(found) > 1:
            places = [":".join(map(str, index.line_col(m.start))) for m in found[:10]]
            where = ", ".join(places[:-1]) + " and " + places[-1]
            report(
                "Q003",
                f"the quote of '{claim.id}' occurs {len(found)} times in the source (at {where})",
                prop.value_span,
                Note("lengthen the quote until it is unique, or add 'occurrence: N' to choose the N-th"),
            )
    return chosen


def _not_found(claim: Claim, prop: Property, index: SourceIndex, report: Report) -> None:
    """Q002, saying why: the parts of a quote with an ellipsis too far apart, or the nearest passage."""
    text = index.text
    if _has_ellipsis(prop.value):
        far = find_gapped(text, prop.value, max_gap=len(text))
        widest = max((stop - begin for begin, stop in far[0][2]), default=0) if far else 0
        if widest > MAX_GAP:
            line, _ = index.line_col(far[0][0])
            report(
                "Q002",
                f"the parts of the quote of '{claim.id}' are in the source, from line {line}, but "
                f"{widest} characters apart: an ellipsis stands for at most {MAX_GAP}",
                prop.value_span,
                Note("where the text states the claim in two places, give each its own 'quote:' line"),
            )
            return
    notes = []
    near = index.closest_passage(prop.value)
    if near is not None:
        line, _ = index.line_col(near[0])
        passage = " ".join(text[near[0] : near[1]].split())
        notes.append(Note(f"did you mean the passage on line {line} of the source: “{passage}”?"))
    notes.append(
        Note("a quote must be the source's words, in order; white space, quote marks and "
             "dashes may differ, and … may stand for left-out words")
    )
    report("Q002", f"the quote of '{claim.id}' is not in the source", prop.value_span, *notes)


# --- coverage -----------------------------------------------------------------------

INDICATORS: dict[str, tuple[str, ...]] = {
    "reason": ("because", "since", "for", "given that", "as a result of", "due to", "owing to"),
    "conclusion": (
        "therefore", "thus", "hence", "so", "consequently", "as a result", "it follows",
        "which means", "this means", "this shows", "signifies",
    ),
    "hedge or forecast": (
        "likely", "unlikely", "may", "might", "could", "expected", "will", "probably",
        "possibly", "perhaps", "seem", "seems", "seemingly",
    ),
    "recommendation": ("should", "must", "ought", "need to", "needs to", "have to", "has to"),
    "concession": ("although", "though", "however", "but", "nevertheless", "yet", "admittedly"),
}
"""Words that signal argument (Harrell: spotting them is what later success rests on)."""

_INDICATOR_RE = {
    group: re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)
    for group, words in INDICATORS.items()
}
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
_BULLETS = ("•", "* ", "- ", "– ")
_ENDS_SENTENCE = re.compile(r"[.!?…:;,][\"”’'»)\]]*\Z")


def _blocks(text: str) -> list[tuple[int, int]]:
    """Paragraphs, with each bullet point (and each line that ends without punctuation) on its own."""
    out = []
    start = 0
    for match in re.finditer(r"\n[ \t]*\n\s*|\n(?=[ \t]*[•*–-][ \t])", text):
        out.append((start, match.start()))
        start = match.end()
    out.append((start, len(text)))
    blocks = []
    for begin, end in out:
        first_line_end = text.find("\n", begin, end)
        if first_line_end != -1 and text[begin:first_line_end].lstrip().startswith(("•", "* ", "- ", "– ")):
            blocks.append((begin, first_line_end))
            blocks.append((first_line_end + 1, end))
        else:
            blocks.append((begin, end))
    return blocks


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of four words or more.

    Sentences end at . ! ? or … before a capital letter, and at paragraph
    breaks; a bullet point is a sentence of its own. A heading — a paragraph
    of one line that ends without a sentence's punctuation, such as a title —
    is not a sentence.
    """
    result = []
    for block_start, block_end in _blocks(text):
        start = block_start
        pieces = []
        for match in _SENTENCE_END.finditer(text, block_start, block_end):
            pieces.append((start, match.start()))
            start = match.end()
        pieces.append((start, block_end))
        for begin, end in pieces:
            while begin < end and text[begin].isspace():
                begin += 1
            while end > begin and text[end - 1].isspace():
                end -= 1
            if len(_WORD.findall(text[begin:end])) < 4:
                continue
            if (
                len(pieces) == 1
                and "\n" not in text[begin:end]
                and not _ENDS_SENTENCE.search(text, begin, end)
                and not text.startswith(_BULLETS, begin)
            ):
                continue  # a heading
            result.append((begin, end))
    return result


def indicators_in(sentence: str) -> tuple[str, ...]:
    """The indicator words in a sentence, in order of first appearance, lower-cased."""
    found: list[tuple[int, str]] = []
    for regex in _INDICATOR_RE.values():
        for match in regex.finditer(sentence):
            found.append((match.start(), match.group().lower()))
    seen: dict[str, None] = {}
    for _, word in sorted(found):
        seen.setdefault(word, None)
    return tuple(seen)


def measure_coverage(text: str, matches: Iterable[QuoteMatch], front_matter: int = 0) -> Coverage:
    """Share of sentences overlapped by some quote, and uncovered sentences with indicators.

    Sentences in the front matter (before offset ``front_matter``) are not counted.

    Linear in the text and the quotes: the quotes are merged into sorted,
    disjoint stretches once, and each sentence looks up the first stretch
    that ends after it starts.
    """
    merged: list[list[int]] = []
    for start, end in sorted((m.start, m.end) for m in matches):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    ends = [end for _, end in merged]
    line_ends = [match.end() for match in re.finditer("\n", text)]
    covered = 0
    uncovered: list[Sentence] = []
    body = text[front_matter:] if front_matter else text
    all_sentences = [(start + front_matter, end + front_matter) for start, end in sentences(body)]
    for start, end in all_sentences:
        at = bisect.bisect_right(ends, start)
        if at < len(merged) and merged[at][0] < end:
            covered += 1
            continue
        body = " ".join(text[start:end].split())
        words = indicators_in(body)
        if words:
            line = bisect.bisect_right(line_ends, start) + 1
            uncovered.append(Sentence(start, end, line, body, words))
    return Coverage(len(all_sentences), covered, tuple(uncovered))


def source_span(path: str, text: str, start: int, end: int) -> Span:
    """A span in the source text (for messages that point into it)."""
    line, column = _line_col(text, start)
    end_line, end_column = _line_col(text, end)
    return Span(path, line, column, end_line, end_column, start, end)
