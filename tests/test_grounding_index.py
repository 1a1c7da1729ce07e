"""The word index of grounding finds what a plain scan of the text finds."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap.analysis import grounding
from argmap.analysis.grounding import SourceIndex

# Words, marks and white space that the canonical form and the word index treat specially.
PIECES = [
    "the", "of", "a", "1", "12", "_x", "Kremlin’s", "state-of-the-art", "naïve", "ΟΔΟΣ",
    "“", "”", '"', "'", "`", "—", "-", "…", "...", ".", ",", "(",
    " ", " ", "  ", "\n", "\n\n", "\t", "\xa0", "\u3000",
]


@st.composite
def text_and_quotes(draw: st.DrawFn) -> tuple[str, list[str]]:
    text = "".join(draw(st.lists(st.sampled_from(PIECES), max_size=120)))
    quotes = []
    for _ in range(draw(st.integers(1, 8))):
        if text and draw(st.booleans()):
            start = draw(st.integers(0, len(text) - 1))
            quotes.append(text[start : start + draw(st.integers(0, 40))])
        else:
            quotes.append("".join(draw(st.lists(st.sampled_from(PIECES), max_size=6))))
    return text, quotes


@pytest.mark.parametrize(("common", "chunk"), [(64, 1 << 20), (0, 3)])
@given(case=text_and_quotes())
def test_anchored_search_finds_what_the_scan_finds(
    case: tuple[str, list[str]], common: int, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """find_all with anchors (re-anchored when common, text split in pieces) equals find per quote."""
    text, quotes = case
    with monkeypatch.context() as patch:
        patch.setattr(grounding, "_COMMON", common)
        patch.setattr(grounding, "_CHUNK", chunk)
        anchored = SourceIndex(text).find_all(quotes, indexed=True)
    index = SourceIndex(text)
    assert anchored == [index.find(quote) for quote in quotes]


def test_common_anchor_words_are_replaced_by_rarer_ones() -> None:
    """A quote whose rarest word among the quotes is common in the text is still found, once."""
    text = "the cat sat. " * 100 + "the dog sat."
    index = SourceIndex(text)
    (found,) = index.find_all(["the dog"], indexed=True)
    assert [(f.start, f.end) for f in found] == [(text.index("the dog"), text.index("the dog") + 7)]
    assert len(index.find_all(["the cat"], indexed=True)[0]) == 100


def test_an_index_is_kept_for_the_same_source_and_gives_what_a_fresh_one_gives(tmp_path: Path) -> None:
    """Checking a map again against an unchanged source reuses its index (each quote is found once);
    the results are those of a fresh index, and a changed source gets a new index."""
    from argmap.analysis.grounding import SourceIndex, source_index

    text = "Trees cool streets. Shade cuts bills. Trees cool streets again.\n"
    index = source_index(text)
    assert source_index(str(text)) is index  # an equal text, another string object
    quotes = ["Trees cool streets", "Shade cuts … bills", "nowhere", "“Shade cuts bills”"]
    first = index.find_all(quotes)
    assert index.find_all(list(reversed(quotes))) == list(reversed(first))
    assert first == SourceIndex(text).find_all(quotes)
    assert index.closest_passage("Shade cut bill") == SourceIndex(text).closest_passage("Shade cut bill")
    assert source_index(text + "More.\n") is not index
    source = tmp_path / "article.txt"
    source.write_text(text, encoding="utf-8")
    arg = 'source: article.txt\nmain conclusion c: C.\n  quote: "Trees cool streets"\npremise a: A.\n  quote: Shade cuts bills\na -> c\n'
    path = tmp_path / "map.arg"
    path.write_text(arg, encoding="utf-8")
    runs = [argmap.check(str(path)) for _ in range(2)]
    assert [str(d) for d in runs[0].diagnostics] == [str(d) for d in runs[1].diagnostics]
    source.write_text(text.replace("Shade cuts bills", "Shade lowers bills"), encoding="utf-8")
    assert any(d.code == "Q002" for d in argmap.check(str(path)).diagnostics)
