"""Spans made on demand: records keep packed offsets and their Source makes each Span when asked.

The line and column of every span must be what counting the text gives, for any
text (line breaks of both kinds, tabs, characters outside the BMP) and for every
record of every example and case file, whichever parser made it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap.core.diagnostics import ArgmapSyntaxError
from argmap.core.model import Claim, Document, Link, LinkRef, Property, Ref, Source, Span, Target
from argmap.language import grammar, parser, tree

from .conftest import ROOT

FILES = sorted(
    p for p in [*(ROOT / "examples").rglob("*.arg"), *(ROOT / "tests" / "cases").rglob("*.arg")]
)


def _counted(path: str, text: str, start: int, end: int) -> Span:
    """The span of ``text[start:end]`` by counting line breaks: what Source.span must give."""

    def place(offset: int) -> tuple[int, int]:
        return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1

    line, column = place(start)
    end_line, end_column = place(end)
    return Span(path, line, column, end_line, end_column, start, end)


@given(
    st.text(alphabet=st.sampled_from(["a", " ", "\t", "\n", "\r", "é", "😀", "#"]), max_size=300),
    st.data(),
)
def test_a_source_makes_the_span_counting_gives(text: str, data: st.DataObject) -> None:
    source = Source("t.arg", text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert source.span(start, end) == _counted("t.arg", text, start, end)


def test_line_starts_are_counted_across_the_blocks_of_a_big_text() -> None:
    """The line starts are counted a megabyte at a time: lines across a block's edge, a text
    without a final line break, and one with it, all give the counted spans."""
    line = "premise p: " + "x" * 90 + "\n"
    text = line * 30_000 + "last line, no break"
    source = Source("big.arg", text)
    for offset in (0, 1, len(line) - 1, len(line), (1 << 20) - 1, 1 << 20, (1 << 20) + 1, len(text) - 1, len(text)):
        assert source.span(offset, offset) == _counted("big.arg", text, offset, offset), offset
    ended = Source("big.arg", text + "\n")
    assert ended.span(len(text) + 1, len(text) + 1) == _counted("big.arg", text + "\n", len(text) + 1, len(text) + 1)


def _spans(document: Document) -> list[tuple[str, Span]]:
    """Every span of every record: (what it is, the span)."""
    found: list[tuple[str, Span]] = []

    def prop(p: Property) -> None:
        found.extend([("property", p.span), ("key", p.key_span), ("value", p.value_span)])

    def ref(target: Target) -> None:
        found.append(("ref", target.span))
        if isinstance(target, LinkRef):
            for source in target.sources:
                ref(source)
            ref(target.target)

    for field in document.header:
        prop(field)
    for claim in document.claims:
        found.extend(
            [("claim", claim.span), ("id", claim.id_span), ("text", claim.text_span), ("kind", claim.kind_span)]
        )
        for p in claim.properties:
            prop(p)
    for link in document.links:
        found.extend([("link", link.span), ("arrow", link.arrow_span)])
        if link.label_span is not None:
            found.append(("label", link.label_span))
        for source in link.sources:
            ref(source)
        ref(link.target)
        for p in link.properties:
            prop(p)
    return found


def _assert_spans_counted(document: Document) -> None:
    text = document.text
    for what, span in _spans(document):
        assert span == _counted(document.path, text, span.start, span.end), what
    for claim in document.claims:
        assert text[claim.id_span.start : claim.id_span.end] == claim.id
        assert claim.start == claim.span.start
    for link in document.links:
        assert text[link.arrow_span.start : link.arrow_span.end] in ("->", "-x")
        assert link.start == link.span.start
        assert (link.label is None) == (link.label_span is None)
        for source in link.sources:
            assert text[source.span.start : source.span.end] == source.id
            assert source.start == source.span.start


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_span_of_every_file_is_where_counting_puts_it(path: Path) -> None:
    """Both parsers: the fast scanner (when it takes the file) and Lark's tree builder."""
    try:
        text = parser.decode(path.read_bytes(), str(path))
        document = argmap.parse(text, str(path))
    except ArgmapSyntaxError:
        return
    _assert_spans_counted(document)
    body = document.text
    try:
        slow = tree.TreeBuilder(body, str(path)).build(grammar.lark_parser().parse(body if body.endswith("\n") else body + "\n"))
    except ArgmapSyntaxError:
        return
    _assert_spans_counted(slow)


def test_records_made_from_spans_give_them_back() -> None:
    """The ``spanning`` constructors (for code that builds records itself) keep what they are given."""
    text = "main conclusion c: Cities should plant trees.\n  quote: plant trees\npremise a: Shade.\na -> c: cools\n"
    document = argmap.parse(text, "t.arg")
    source = document.source
    claim, link = document.claims[0], document.links[0]
    prop = claim.properties[0]
    assert Property.spanning(prop.key, prop.value, source, prop.key_span, prop.value_span) == prop
    made = Claim.spanning(
        claim.id, claim.kind, claim.text, claim.main, claim.properties, claim.section, source,
        claim.span, claim.id_span, claim.text_span, claim.kind_span,
    )
    assert made == claim
    refs = tuple(Ref.spanning(ref.id, source, ref.span) for ref in link.sources)
    assert refs == link.sources
    again = Link.spanning(
        refs, link.linked, link.type, link.target, link.label, link.properties, link.section, source,
        link.span, link.arrow_span, link.label_span,
    )
    assert again == link
    assert again.label_span is not None and text[again.label_span.start : again.label_span.end] == "cools"
    assert repr(claim).startswith("Claim(id='c'") and "Cities" in repr(claim) and "source" not in repr(claim)


def test_a_text_too_long_to_pack_is_refused() -> None:
    class Huge(str):
        def __len__(self) -> int:
            return 1 << 32

    with pytest.raises(ValueError, match="longer than"):
        Source("huge.arg", Huge("x"))


@given(st.text(alphabet=st.sampled_from(["a", " ", "\n", "\r", "é"]), max_size=200))
def test_a_source_counts_the_line_starts_counting_gives(text: str) -> None:
    """A Source works out where each line starts (and, after a final line break, the empty last line)."""
    counted = [0] + [at + 1 for at, char in enumerate(text) if char == "\n"]
    assert list(Source("t.arg", text)._line_starts()) == counted


def test_two_parses_of_one_text_compare_equal_without_comparing_the_text_per_record() -> None:
    """Records compare their sources; an equal source is remembered, so the text is compared once."""
    text = "".join(f"premise p{n}: Claim {n}.\n" for n in range(200)) + "main conclusion c: C.\n"
    first, second = argmap.parse(text, "t.arg"), argmap.parse((text + " ")[:-1], "t.arg")
    assert first.claims[0].source is not second.claims[0].source
    assert first.claims == second.claims
    assert first.claims[0].source._twin is second.claims[0].source
    assert argmap.parse(text.replace("Claim 5.", "Claim 6."), "t.arg").claims[0] != first.claims[0]


@given(st.text(alphabet="ab\n\r \t", max_size=60))
def test_printing_counts_lines_as_the_source_does(text: str) -> None:
    """check_report prints with the line starts of the document's Source instead of counting
    them again: they are the ones diagnostics would count (and the scanner's, for a map it reads)."""
    from argmap.core import diagnostics

    assert list(Source("x.arg", text).line_starts()) == list(diagnostics._line_starts(text))


def test_check_report_prints_as_when_it_counted_the_lines() -> None:
    """The report of a map with diagnostics on many lines is the same with the document's line
    starts as with lines counted from the text."""
    from argmap.analysis.check import FileResult, check_report
    from argmap.core import diagnostics

    text = "".join(f"premise p{n}: Since it rains?\n" for n in range(30)) + "p1 -> p2\r\np3 -> p3\n"
    document = argmap.parse(text, "m.arg")
    amap = argmap.resolve(document)
    with_source = check_report([FileResult("m.arg", document.text, amap.diagnostics, amap)], every=True)
    diagnostics._starts_of = ("", [0])
    counted = check_report([FileResult("m.arg", document.text, amap.diagnostics, None)], every=True)
    assert with_source == counted
    assert "p3 -> p3" in with_source
