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
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

import attrs

from .diagnostics import Note
from .model import Claim, ClaimKind, Document, Property, Span

MAX_GAP = 300
"""The longest stretch of source text one ellipsis in a quote may stand for, in characters."""

_DOUBLE = "\"“”„‟«»"
_SINGLE = "'‘’‚‛`"
_DASHES = "-‐‑‒–—―−"
_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.)\s*")
_WORD = re.compile(r"\w+")

Report = Callable[..., None]


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
    """How many times the quote occurs in the source."""


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
    matches: dict[str, QuoteMatch]
    """Claim id → match, for every quote found (an ambiguous one at its chosen occurrence)."""

    def coverage(self) -> Coverage:
        """Which sentences some claim quotes, and the uncovered ones that carry indicators."""
        return measure_coverage(self.text, self.matches.values())


def quote_pattern(quote: str) -> re.Pattern[str] | None:
    """A regular expression that finds ``quote`` with the documented tolerances (None if empty)."""
    parts = [part for part in _ELLIPSIS.split(quote.strip()) if part.strip()]
    if not parts:
        return None
    pieces = []
    for part in parts:
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
        pieces.append("(" + "".join(chars) + ")")
    gap = r"\s*([\s\S]{0," + str(MAX_GAP) + r"}?)\s*"
    # Whole words at the ends: "Trees also need" does not match inside "Trees also needed".
    before = r"(?<!\w)" if re.match(r"\w", parts[0].strip()) else ""
    after = r"(?!\w)" if re.search(r"\w$", parts[-1].strip()) else ""
    return re.compile(before + gap.join(pieces) + after)


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


_CANONICAL = str.maketrans({**dict.fromkeys(_DOUBLE, '"'), **dict.fromkeys(_SINGLE, "'"), **dict.fromkeys(_DASHES, "-")})
_SPACES = re.compile(r"\s+")


@attrs.frozen
class _Found:
    """A match in the source: offsets, and the stretches an ellipsis stood for."""

    start: int
    end: int
    gaps: tuple[tuple[int, int], ...] = ()


class SourceIndex:
    """A source text prepared for finding many quotes fast.

    The text is put in a canonical form once — every quotation mark, apostrophe
    and dash replaced by one representative, every run of white space by one
    space — with a map back to the original offsets. A quote without an
    ellipsis is then a plain substring search of its own canonical form
    (anchored, for maps with many quotes, at its rarest word). A quote with an
    ellipsis is matched with a regular expression.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        translated = text.translate(_CANONICAL)
        pieces: list[str] = []
        self._run_at: list[int] = [0]
        self._shift: list[int] = [0]
        position = 0
        shift = 0
        for run in _SPACES.finditer(translated):
            pieces.append(translated[position : run.start()])
            pieces.append(" ")
            shift += (run.end() - run.start()) - 1
            self._run_at.append(run.start() - (shift - (run.end() - run.start() - 1)) + 1)
            self._shift.append(shift)
            position = run.end()
        pieces.append(translated[position:])
        self.canonical = "".join(pieces)
        self._lines = [match.end() for match in re.finditer("\n", text)]
        self._words: dict[str, list[int]] | None = None

    def original(self, offset: int) -> int:
        """The offset in the original text of an offset in the canonical text."""
        return offset + self._shift[bisect.bisect_right(self._run_at, offset) - 1]

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an offset in the original text."""
        line = bisect.bisect_right(self._lines, offset)
        start = self._lines[line - 1] if line else 0
        return line + 1, offset - start + 1

    def _word_starts(self) -> dict[str, list[int]]:
        if self._words is None:
            words: dict[str, list[int]] = {}
            for match in _WORD.finditer(self.canonical):
                words.setdefault(match.group(), []).append(match.start())
            self._words = words
        return self._words

    def find(self, quote: str, indexed: bool = False) -> list[_Found]:
        """Every non-overlapping occurrence of ``quote``, in order."""
        if _ELLIPSIS.search(quote):
            found = self._find_pattern(quote)
        else:
            found = self._find_plain(quote, indexed)
        if not found and len(quote) > 2 and quote[0] in _DOUBLE and quote[-1] in _DOUBLE:
            return self.find(quote[1:-1], indexed)
        return found

    def _find_plain(self, quote: str, indexed: bool) -> list[_Found]:
        needle = _SPACES.sub(" ", quote.translate(_CANONICAL)).strip()
        if not needle:
            return []
        text = self.canonical
        word_start = needle[0].isalnum() or needle[0] == "_"
        word_end = needle[-1].isalnum() or needle[-1] == "_"

        def whole(at: int) -> bool:
            before = text[at - 1] if at else " "
            after_index = at + len(needle)
            after = text[after_index] if after_index < len(text) else " "
            return not (word_start and (before.isalnum() or before == "_")) and not (
                word_end and (after.isalnum() or after == "_")
            )

        starts: list[int] = []
        if indexed and (words := list(_WORD.finditer(needle))):
            index = self._word_starts()
            if not all(word.group() in index for word in words):
                return []
            rare = min(words, key=lambda word: len(index[word.group()]))
            for position in index[rare.group()]:
                at = position - rare.start()
                if at >= 0 and text.startswith(needle, at) and whole(at):
                    starts.append(at)
        else:
            at = text.find(needle)
            while at != -1:
                if whole(at):
                    starts.append(at)
                at = text.find(needle, at + 1)
        out: list[_Found] = []
        for at in starts:
            if out and at < out[-1].end:
                continue
            begin = self.original(at)
            end = self.original(at + len(needle) - 1) + 1
            out.append(_Found(begin, end))
        return out

    def _find_pattern(self, quote: str) -> list[_Found]:
        pattern = quote_pattern(quote)
        if pattern is None:
            return []
        out = []
        for match in pattern.finditer(self.text):
            gaps = tuple(
                (match.start(group), match.end(group))
                for group in range(2, (pattern.groups or 1) + 1, 2)
                if match.start(group) < match.end(group)
            )
            out.append(_Found(match.start(), match.end(), gaps))
        return out


def find_quote(source: str, quote: str) -> list[tuple[int, int]]:
    """(start, end) of every non-overlapping occurrence of ``quote`` in ``source``."""
    return [(found.start, found.end) for found in SourceIndex(source).find(quote)]


def closest_passage(source: str, quote: str) -> tuple[int, int] | None:
    """The stretch of source most like ``quote``: (start, end) offsets, or None.

    Looks only around occurrences of the quote's rarest words, so it stays fast
    on sources of megabytes.
    """
    import difflib

    words = list(_WORD.finditer(source))
    if not words:
        return None
    quote_words = [w.lower() for w in _WORD.findall(quote)]
    if not quote_words:
        return None
    frequency = Counter(w.group().lower() for w in words)
    rare = sorted(set(quote_words), key=lambda w: (frequency.get(w, 0) or 10**9, w))[:4]
    positions = [i for i, m in enumerate(words) if m.group().lower() in rare]
    span = len(quote_words)
    lowered = quote.lower()
    candidates: list[tuple[float, int, int]] = []
    seen: set[tuple[int, int]] = set()
    for position in positions[:2000]:
        for start_word in range(max(0, position - span), position + 1):
            for length in (span - 1, span, span + 1):
                end_word = min(len(words), start_word + max(length, 1)) - 1
                if (start_word, end_word) in seen:
                    continue
                seen.add((start_word, end_word))
                start, end = words[start_word].start(), words[end_word].end()
                matcher = difflib.SequenceMatcher(None, lowered, source[start:end].lower())
                candidates.append((matcher.quick_ratio(), start, end))
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
) -> Grounding | None:
    """Find every quote in the header's source; report what is missing or ambiguous."""
    claims = list(claims)
    quoted = [(c, c.get("quote")) for c in claims if c.get("quote") is not None]
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
        data = path.read_bytes()
        text = data.decode("utf-8-sig")
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
    matches: dict[str, QuoteMatch] = {}
    index = SourceIndex(text)
    # Many quotes in a long text: index the words once rather than scan the text per quote.
    indexed = len(quoted) * len(text) > 20_000_000
    for claim, prop in quoted:
        assert prop is not None
        if claim.kind is ClaimKind.ASSUMPTION or not prop.value.strip():
            continue
        match = _match_one(claim, prop, index, report, indexed)
        if match is not None:
            matches[claim.id] = match
    return Grounding(str(path), text, matches)


def _match_one(
    claim: Claim, prop: Property, index: SourceIndex, report: Report, indexed: bool
) -> QuoteMatch | None:
    text = index.text
    found = index.find(prop.value, indexed)
    occurrence_prop = claim.get("occurrence")
    wanted: int | None = None
    if occurrence_prop is not None and occurrence_prop.value.strip().isdigit():
        wanted = int(occurrence_prop.value.strip()) or None  # 0 is reported as a bad value (K002)
    if not found:
        notes = []
        near = closest_passage(text, prop.value)
        if near is not None:
            line, _ = index.line_col(near[0])
            passage = " ".join(text[near[0] : near[1]].split())
            notes.append(Note(f"did you mean the passage on line {line} of the source: “{passage}”?"))
        notes.append(
            Note("a quote must be the source's words, in order; white space, quote marks and "
                 "dashes may differ, and … may stand for left-out words")
        )
        report("Q002", f"the quote of '{claim.id}' is not in the source", prop.value_span, *notes)
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
    line, column = index.line_col(chosen.start)
    end_line, _ = index.line_col(chosen.end)
    return QuoteMatch(claim.id, chosen.start, chosen.end, line, column, end_line, chosen.gaps, len(found))


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
    breaks; a bullet point is a sentence of its own.
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
            if len(_WORD.findall(text[begin:end])) >= 4:
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


def measure_coverage(text: str, matches: Iterable[QuoteMatch]) -> Coverage:
    """Share of sentences overlapped by some quote, and uncovered sentences with indicators.

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
    all_sentences = sentences(text)
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
