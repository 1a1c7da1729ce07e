"""Quote matching, the source-path rule and coverage."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
import argmap.analysis.grounding as grounding
from argmap.analysis.grounding import (
    _ELLIPSIS,
    MAX_GAP,
    _part_pattern,
    closest_passage,
    find_gapped,
    find_quote,
    indicators_in,
    measure_coverage,
    sentences,
)

from .conftest import ROOT

SOURCE = (
    "Moscow and Beijing have formally consolidated their official positions on a wide\n"
    "range of global affairs. They are rebelling against the “minority [of states that] …\n"
    "advocate unilateral approaches to … international issues”. The EU should take a\n"
    "note of this – it is the Kremlin’s view. The EU should take a note of that, too.\n"
)


def _one(quote: str) -> str:
    (match,) = find_quote(SOURCE, quote)
    return SOURCE[match[0] : match[1]]


def test_whitespace_and_line_breaks_are_forgiven() -> None:
    """Runs of spaces and line breaks in the quote or the source match each other."""
    assert _one("on a wide range   of global affairs") == "on a wide\nrange of global affairs"


def test_quote_marks_apostrophes_and_dashes_are_forgiven() -> None:
    """Straight and curly quotes, apostrophes, hyphens and dashes match each other."""
    assert _one('against the "minority') == "against the “minority"
    assert _one("the Kremlin's view") == "the Kremlin’s view"
    assert _one("note of this - it is") == "note of this – it is"


def test_letters_and_case_must_match() -> None:
    """A changed letter or case is not forgiven."""
    assert find_quote(SOURCE, "Formally consolidated") == []
    assert find_quote(SOURCE, "formaly consolidated") == []


def test_ellipsis_matches_an_omitted_stretch_and_records_it() -> None:
    """'…' or '...' in a quote stands for left-out words, recorded as gaps in the map."""
    assert _one("advocate unilateral approaches ... international issues").endswith("international issues")
    text = "source: src.txt\nmain conclusion c: C.\n  quote: the “minority … international issues”\n"
    amap = _resolved(text, SOURCE)
    match = amap.grounding.matches["c"]  # type: ignore[union-attr]
    omitted = [SOURCE[a:b] for a, b in match.gaps]
    assert omitted == ["[of states that] …\nadvocate unilateral approaches to …"]


def test_ellipsis_gap_is_bounded() -> None:
    """An ellipsis does not bridge more than MAX_GAP characters."""
    far = "alpha " + "x" * (MAX_GAP + 10) + " omega"
    assert find_quote(far, "alpha … omega") == []
    near = "alpha " + "x" * (MAX_GAP - 10) + " omega"
    assert len(find_quote(near, "alpha … omega")) == 1


def test_regex_characters_in_quotes_are_literal() -> None:
    """Brackets, dots and stars in a quote are matched as written, not as a pattern."""
    assert _one("[of states that]") == "[of states that]"
    assert find_quote(SOURCE, ".*") == []


def test_indexed_search_finds_what_the_scan_finds() -> None:
    """With the word index (used for many quotes in a long text) the results are the same."""
    from argmap.analysis.grounding import SourceIndex

    index = SourceIndex(SOURCE * 3)
    for quote in ("The EU should take a note of", "the Kremlin's view", "of global affairs", "wide range"):
        assert index.find(quote, indexed=True) == index.find(quote, indexed=False)
        assert len(index.find(quote)) >= 3


def test_repeated_quote_is_found_every_time() -> None:
    """A phrase that occurs twice is found twice (the resolver then warns)."""
    assert len(find_quote(SOURCE, "The EU should take a note of")) == 2


def test_closest_passage_for_a_near_miss() -> None:
    """A quote with a mistake points at the passage it was probably copied from."""
    near = closest_passage(SOURCE, "have formerly consolidated their offical positions")
    assert near is not None
    assert "consolidated their official positions" in SOURCE[near[0] : near[1]]


def _resolved(text: str, source: str, folder: Path | None = None, **options: bool) -> argmap.ArgumentMap:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        base = folder or Path(tmp)
        (base / "src.txt").write_text(source, encoding="utf-8")
        path = base / "map.arg"
        path.write_text(text, encoding="utf-8")
        return argmap.resolve(argmap.load(path), **options)


def test_not_found_error_names_the_line_of_the_closest_passage() -> None:
    """The Q002 error says where the closest passage is: 'did you mean the passage on line N'."""
    amap = _resolved("source: src.txt\nmain conclusion c: C.\n  quote: The EU should take notes of this\n", SOURCE)
    (error,) = amap.errors
    assert error.code == "Q002"
    assert any("passage on line 3 of the source" in note.message for note in error.notes)


def test_missing_source_is_one_error_not_one_per_quote(tmp_path: Path) -> None:
    """A source that cannot be read is reported once."""
    text = "source: gone.txt\nmain conclusion c: C.\n  quote: a\npremise a: A.\n  quote: b\na -> c\n"
    (tmp_path / "map.arg").write_text(text, encoding="utf-8")
    amap = argmap.check(str(tmp_path / "map.arg"))
    assert [d.code for d in amap.errors] == ["Q004"]


def test_source_must_stay_in_the_folder_unless_allowed(tmp_path: Path) -> None:
    """../ paths, absolute paths and symbolic links out of the folder are refused; the flag permits them."""
    secret = tmp_path / "secret.txt"
    secret.write_text("the secret words", encoding="utf-8")
    folder = tmp_path / "upload"
    folder.mkdir()
    (folder / "link.txt").symlink_to(secret)
    for source in ("../secret.txt", str(secret), "link.txt"):
        path = folder / "map.arg"
        path.write_text(f"source: {source}\nmain conclusion c: C.\n  quote: the secret words\n", encoding="utf-8")
        refused = argmap.check(str(path))
        assert [d.code for d in refused.errors] == ["Q005"], source
        assert refused.grounding is None
        allowed = argmap.resolve(argmap.load(path), allow_outside_source=True)
        assert allowed.ok and allowed.grounding is not None


def test_matches_record_offsets_and_lines() -> None:
    """Each found quote records its character offsets and line in the resolved map."""
    amap = _resolved("source: src.txt\nmain conclusion c: C.\n  quote: rebelling against\n", SOURCE)
    match = amap.grounding.matches["c"]  # type: ignore[union-attr]
    assert SOURCE[match.start : match.end] == "rebelling against"
    assert (match.line, match.column, match.occurrences) == (2, 35, 1)


def test_sentences_and_indicators() -> None:
    """Sentences split at ends, blank lines and bullets; indicators are found by word, not inside words."""
    text = "First claim here, surely. Therefore the second follows!\n\n• A bullet point line here\nSo we may stop."
    found = [text[a:b] for a, b in sentences(text)]
    assert found == ["First claim here, surely.", "Therefore the second follows!", "• A bullet point line here", "So we may stop."]
    assert indicators_in("Therefore it may be so, since Sonya said it") == ("therefore", "may", "so", "since")
    assert indicators_in("Mayors saw the forecast") == ()


def test_coverage_of_the_seed_example() -> None:
    """The seed map quotes most of the article, and its uncovered indicator sentences are listed."""
    amap = argmap.check(str(ROOT / "examples" / "summit" / "summit.arg"))
    assert amap.grounding is not None
    coverage = amap.grounding.coverage()
    assert coverage.sentences == len(sentences(amap.grounding.text))
    assert 0.6 < coverage.share <= 1.0
    assert all(s.indicators for s in coverage.uncovered_with_indicators)
    # Take the quotes away and every indicator sentence is reported uncovered.
    bare = measure_coverage(amap.grounding.text, [])
    assert bare.covered == 0
    assert any("expected to make Russia" in s.text for s in bare.uncovered_with_indicators)


def test_check_coverage_flag_prints_and_serialises(tmp_path: Path) -> None:
    """argmap check --coverage prints the share; --format json carries the same data."""
    import io
    import json

    from argmap.cli import main

    out, err = io.StringIO(), io.StringIO()
    seed = str(ROOT / "examples" / "summit" / "summit.arg")
    assert main(["check", "--coverage", seed], out, err) == 0
    assert "sentences of article.txt" in out.getvalue()
    out = io.StringIO()
    assert main(["check", "--coverage", "--format", "json", seed], out, err) == 0
    (entry,) = json.loads(out.getvalue())["files"]
    assert entry["coverage"]["sentences"] > 30
    assert entry["quotes"]["blueprint"][0]["line"] >= 1  # one entry per quote: line ≥ 1


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_symlinked_folder_inside_is_fine(tmp_path: Path) -> None:
    """A source in a subfolder is allowed."""
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text("words here", encoding="utf-8")
    (tmp_path / "map.arg").write_text("source: texts/a.txt\nmain conclusion c: C.\n  quote: words here\n", encoding="utf-8")
    assert argmap.check(str(tmp_path / "map.arg")).ok


def test_repeats_after_a_paragraph_break_are_all_counted() -> None:
    """Runs of white space shift canonical offsets; overlap is judged in one coordinate system."""
    source = "First part.\n\n  Then:  we see. we see. we see"
    assert len(find_quote(source, "we see")) == 3
    assert find_quote("we see we see", "we see we") == [(0, 9)]  # overlapping repeats count once


def test_the_closest_passage_is_found_late_in_a_long_source() -> None:
    """A misquote's suggestion is searched where most of its words are, not in the first places only."""
    source = " ".join(f"The fleet of harbour number {i} sails." for i in range(3000))
    found = closest_passage(source, "the fleet of harbuor number 2999")
    assert found is not None
    assert source[found[0] : found[1]] == "The fleet of harbour number 2999"


def quote_pattern(quote: str) -> re.Pattern[str]:
    """The regular expression that states what a quote with ellipses matches (find_gapped's reference)."""
    parts = [part for part in _ELLIPSIS.split(quote.strip()) if part.strip()]
    gap = r"\s*([\s\S]{0," + str(grounding.MAX_GAP) + r"}?)\s*"
    # Whole words at the ends: "Trees also need" does not match inside "Trees also needed".
    before = r"(?<!\w)" if re.match(r"\w", parts[0].strip()) else ""
    after = r"(?!\w)" if re.search(r"\w$", parts[-1].strip()) else ""
    return re.compile(before + gap.join("(" + _part_pattern(part) + ")" for part in parts) + after)


def _by_regex(text: str, quote: str) -> list[tuple[int, int, tuple[tuple[int, int], ...]]]:
    pattern = quote_pattern(quote)
    return [
        (
            match.start(),
            match.end(),
            tuple(
                (match.start(group), match.end(group))
                for group in range(2, (pattern.groups or 1) + 1, 2)
                if match.start(group) < match.end(group)
            ),
        )
        for match in pattern.finditer(text)
    ]


@given(
    st.lists(st.sampled_from(["a", "b", " ", "a ", "  ", "\n", "ab", "é", "—", "_", "."]), max_size=30).map("".join),
    st.lists(st.sampled_from(["a", "b", "a b", "ab", "é", "b —", "x"]), min_size=1, max_size=5),
    st.integers(1, 6),
)
def test_ellipsis_quotes_are_found_as_the_regular_expression_finds_them(
    text: str, parts: list[str], gap: int
) -> None:
    """The matcher for quotes with ellipses gives the documented pattern's matches, gaps included."""
    from unittest import mock

    quote = " … ".join(parts)
    with mock.patch.object(grounding, "MAX_GAP", gap):
        assert find_gapped(text, quote) == _by_regex(text, quote)


def test_a_quote_of_many_ellipses_does_not_hang() -> None:
    """Forty omissions whose last part is nowhere: the regular expression took minutes; this is quick."""
    source = " ".join(["the market and the border"] * 20_000)
    quote = " … ".join(["the"] * 40 + ["zzz"])
    assert find_quote(source, quote) == []
    quote = " … ".join(["the"] * 40 + ["border"])
    assert len(find_quote(source, quote)) > 0


def test_many_claims_quoting_the_same_common_words(tmp_path: Path) -> None:
    """Two thousand claims quote one phrase that occurs thousands of times: it is looked for once."""
    (tmp_path / "source.txt").write_text(" ".join(["the market moved."] * 5000), encoding="utf-8")
    lines = ["source: source.txt", "main conclusion c: C."]
    for i in range(2000):
        lines += [f"premise p{i}: P{i}.", "  quote: the market", f"p{i} -> c"]
    path = tmp_path / "map.arg"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    amap = argmap.resolve(argmap.load(path), lint=False)
    repeated = [d for d in amap.diagnostics if d.code == "Q003"]
    assert len(repeated) == 2000
    assert "occurs 5000 times" in repeated[0].message
    assert amap.grounding is not None and amap.grounding.matches["p1999"].start == 0


# --- a claim stated twice, front matter, headings ---------------------------------------

RESTATED = (
    "---\n"
    "title: Spend big on water now\n"
    "author: A. Writer, The Daily Sample, 2026-03-01\n"
    "---\n"
    "California needs to spend big on water now. The last three winters brought half the usual snow, "
    + "and reservoirs stand at a third of their capacity. " * 8
    + "Farmers have already left a fifth of their fields unplanted this year.\n\n"
    "That is why California needs to spend big on water now, before the next dry summer.\n"
)


def _ground(tmp_path: Path, body: str, source: str = RESTATED) -> argmap.ArgumentMap:
    (tmp_path / "text.txt").write_text(source, encoding="utf-8")
    path = tmp_path / "map.arg"
    path.write_text("source: text.txt\n" + body, encoding="utf-8")
    return argmap.check(str(path))


def test_a_claim_stated_twice_carries_both_passages(tmp_path: Path) -> None:
    """Repeated 'quote:' lines are each verified and each counted in coverage; no K003."""
    amap = _ground(
        tmp_path,
        "main recommendation spend: California needs to spend big on water now.\n"
        "  quote: California needs to spend big on water now.\n  occurrence: 1\n"
        "  quote: why California needs to spend big on water now\n"
        "premise snow: The last three winters brought half the usual snow.\n"
        "  quote: The last three winters brought half the usual snow\n"
        "snow -> spend\n",
    )
    assert [d.code for d in amap.diagnostics if d.severity is not argmap.Severity.NOTE] == []
    assert amap.grounding is not None
    first, second = amap.grounding.passages["spend"]
    assert (first.passage, second.passage) == (0, 1) and first.line < second.line
    assert amap.grounding.matches["spend"] == first
    assert amap.grounding.coverage().covered == 3  # both of the claim's sentences, and the reason's


def test_occurrence_applies_to_the_quote_above_it(tmp_path: Path) -> None:
    """With two quotes, each 'occurrence:' chooses among the matches of the quote it follows."""
    amap = _ground(
        tmp_path,
        "main conclusion spend: California needs to spend big on water now.\n"
        "  quote: California needs to spend big on water now\n  occurrence: 2\n"
        "  quote: half the usual snow\n",
    )
    assert amap.grounding is not None
    (match, snow) = amap.grounding.passages["spend"]
    assert RESTATED[match.start - len("why "): match.start] == "why "  # the second occurrence
    assert "Q003" not in {d.code for d in amap.diagnostics}
    assert RESTATED[snow.start : snow.end] == "half the usual snow"


def test_an_ellipsis_gap_too_long_says_so(tmp_path: Path) -> None:
    """When the parts of a quote are there but too far apart, Q002 says how far, and what to do."""
    amap = _ground(
        tmp_path,
        "main conclusion spend: California needs to spend big on water now.\n"
        "  quote: California needs to spend big on water now … Farmers have already left a fifth\n",
    )
    (q002,) = [d for d in amap.diagnostics if d.code == "Q002"]
    assert "are in the source, from line 5, but" in q002.message
    assert f"an ellipsis stands for at most {MAX_GAP}" in q002.message
    assert "give each its own 'quote:' line" in q002.notes[0].message


def test_front_matter_is_not_coverage_and_not_a_second_occurrence(tmp_path: Path) -> None:
    """The '---' block at the top is skipped by coverage; a quote found in the body ignores it; a quote
    found only there is still found."""
    amap = _ground(
        tmp_path,
        "title: Spend big on water now\n"
        "main conclusion spend: California should spend big on water now.\n"
        "  quote: spend big on water now\n  occurrence: 1\n"
        "premise byline: The piece is by A. Writer.\n  quote: A. Writer, The Daily Sample\n"
        "byline -> spend\n",
    )
    assert amap.grounding is not None and amap.grounding.front_matter == RESTATED.index("California")
    (spend,) = amap.grounding.passages["spend"]
    assert spend.start > amap.grounding.front_matter and spend.occurrences == 2  # the title's is not counted
    (byline,) = amap.grounding.passages["byline"]
    assert byline.start < amap.grounding.front_matter
    coverage = amap.grounding.coverage()
    assert coverage.sentences == len(sentences(RESTATED[amap.grounding.front_matter :])) == 4


def test_a_title_line_is_not_a_sentence_but_a_bullet_is() -> None:
    """A one-line paragraph without a sentence's punctuation (a title) is not counted; a bullet point is."""
    text = (
        "Cities and their trees in the long hot summer\n\n"
        "• Street trees cool the pavement by several degrees\n\n"
        "Shade also cuts the energy bills of nearby homes.\n"
    )
    found = [text[start:end] for start, end in sentences(text)]
    assert found == ["• Street trees cool the pavement by several degrees", "Shade also cuts the energy bills of nearby homes."]
