"""Claim-writing feedback and the Rabbit rule: what fires, what must not, and how to switch it off."""

from __future__ import annotations

import io
import re
import string
import sys

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import argmap
from argmap.analysis.lint import (
    _FOLDED_APART,
    _may_fire,
    compound,
    leans_on_context,
    reasoning_word,
    second_clause,
)
from argmap.cli import main
from argmap.core.model import ClaimKind


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Trees cool streets because they give shade.", "because"),
        ("The deal is signed, therefore prices will fall.", "therefore"),
        ("Russia backs China, but interests may diverge.", "but"),
        ("Prices fell, so demand rose.", "so"),
        ("Since the deals run for years, both can hedge.", "since"),
    ],
)
def test_reasoning_words_are_found(text: str, word: str) -> None:
    """Reasoning and contrast words inside a claim are reported (C001)."""
    assert reasoning_word(text) == word


@pytest.mark.parametrize(
    "text",
    [
        "Russia has backed China since 2014.",
        "Prices have risen since March.",
        "Success is all but certain.",
        "The statement calls the US “nothing but a minority because it says so”.",
        "Moscow so far agrees with Beijing.",
    ],
)
def test_reasoning_word_false_positives_do_not_fire(text: str) -> None:
    """'since' with a date, 'all but', quoted words and 'so far' are not reasoning words."""
    assert reasoning_word(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Xi and Putin would synchronise their watches and cooperate more closely.",
        "Trees cool streets and they cut energy bills.",
        "China backs Russia's security guarantees and Russia calls Taiwan part of China.",
        "Prices rose, and the bank will raise rates.",
        "The partnership is not carved in stone; interests may diverge.",
    ],
)
def test_compound_claims_are_found(text: str) -> None:
    """A semicolon or 'and' joining two clauses is two claims (C002)."""
    assert compound(text, ClaimKind.PREMISE) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Russia and China are dividing the world into two rival camps.",
        "Cooperation between Tokyo, Washington and Canberra is intensifying.",
        "Xi and Putin met in Beijing.",
        "Both oppose the enlargement of Nato in Europe and Asia.",
        "The deals cover energy and trade.",
        "Trees need space and care.",
        "The statement covers politics, economics and security.",
        "The US was pummelled over alliance building and the Aukus partnership.",
    ],
)
def test_compound_false_positives_do_not_fire(text: str) -> None:
    """Coordinated names and nouns ('Russia and China') are one claim."""
    assert compound(text, ClaimKind.PREMISE) is None, second_clause(text)


def test_predictions_leave_and_to_p009() -> None:
    """In a prediction, 'and' joining outcomes is P009, not C002 (a semicolon is still C002)."""
    assert compound("Rents will fall and trams will return.", ClaimKind.PREDICTION) is None
    assert compound("Rents will fall; trams will return.", ClaimKind.PREDICTION) is not None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They would forge a deeper energy alliance.", "They"),
        ("This shows the alliance is deep.", "This"),
        ("It cools the street.", "It"),
        ("It is likely that Russia will supply more gas.", None),
        ("It seems the alliance is deep.", None),
        ("Theyre is not a word; Thessaloniki is a city.", None),
        ("“They” is a pronoun.", "They"),
    ],
)
def test_pronoun_start(text: str, expected: str | None) -> None:
    """A claim starting with a pronoun leans on context (C004); an empty 'it is …' does not."""
    assert leans_on_context(text) == expected


@pytest.mark.parametrize(
    ("text", "reasoning", "second", "pronoun"),
    [
        ("Russia’s economy grew because oil prices rose.", "because", None, None),
        ("Prices rose, “as feared” so rates fell.", "so", None, None),
        ("Growth held up ſince the war began.", "ſince", None, None),
        ("Growth held up ſince 2014.", None, None, None),
        ("Café owners BUT not bakers agree.", "but", None, None),
        ("The bank cut rates 5and they cut taxes.", None, "they", None),
        ("The bank cut rates x-and they cut taxes.", None, None, None),
        ("İstanbul grew and it will grow more.", None, "it", None),
        ("Prices rose and “they” will fall.", None, "will", None),
        ("İt rose, so it fell.", "so", None, None),
        ("  “It” matters.", None, None, "It"),
        ("Theirs is the win.", None, None, None),
    ],
)
def test_unusual_text(text: str, reasoning: str | None, second: str | None, pronoun: str | None) -> None:
    """Curly quotes, non-ASCII letters, and words glued to digits or hyphens take the careful paths."""
    assert reasoning_word(text) == reasoning
    assert second_clause(text) == second
    assert leans_on_context(text) == pronoun


def test_lower_casing_stands_in_for_ignorecase() -> None:
    """What lint's lower-cased matching relies on, checked against this Python's Unicode tables.

    Except for 'İ', 'ı' and 'ſ', lower-casing keeps each character one character
    of the same class (word, digit, space), and an ASCII letter matches, case-blind,
    exactly the characters that lower-case to it.
    """
    text = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c) not in _FOLDED_APART)
    lower = text.lower()
    assert len(lower) == len(text)
    for name in (r"\w", r"\d", r"\s"):
        pattern = re.compile(name)
        assert [m.start() for m in pattern.finditer(text)] == [m.start() for m in pattern.finditer(lower)]
    folded = [m.start() for m in re.finditer("[a-z]", text, re.IGNORECASE)]
    assert folded == [m.start() for m in re.finditer("[a-z]", lower)]
    for index in folded:
        matched = [x for x in string.ascii_lowercase if re.fullmatch(x, text[index], re.IGNORECASE)]
        assert matched == [lower[index]]


LINTY = """\
title: Lint
main conclusion c: Cities should plant more street trees.
premise a: They cool the streets because they give shade.
premise b: Don't trees cut energy bills?
premise d: Trees give shade; they also cut energy bills.
premise e: Trees that are planted along the streets of a city cool the pavement and the air around it by several degrees on hot summer afternoons, according to many careful measurements made by researchers in several countries.
premise f: But street trees are cheap.
a, b, d, e, f -> c
"""


def _codes(text: str, **options: bool) -> list[str]:
    return [d.code for d in argmap.resolve(argmap.parse(text), **options).diagnostics]


def test_lint_codes_on_by_default() -> None:
    """Every claim-writing code but the opt-in C002 fires on a map written the way beginners write; 'lint: all' adds C002."""
    assert sorted(set(_codes(LINTY))) == ["C001", "C003", "C004", "C005", "C006", "C007"]
    everything = _codes(LINTY.replace("title: Lint", "title: Lint\nlint: all"))
    assert sorted(set(everything)) == ["C001", "C002", "C003", "C004", "C005", "C006", "C007"]


def test_lint_switched_off_per_file_per_claim_and_by_flag() -> None:
    """'lint: off', a header 'waive:', a claim's 'waive:' and lint=False each silence the checks."""
    assert not [c for c in _codes(LINTY.replace("title: Lint", "lint: off")) if c.startswith("C")]
    assert not [c for c in _codes(LINTY, lint=False) if c.startswith("C")]
    waived = _codes(LINTY.replace("title: Lint", "waive: C001, C004"))
    assert "C001" not in waived and "C004" not in waived and "C003" in waived
    per_claim = LINTY.replace("because they give shade.\n", "because they give shade.\n  waive: C004\n")
    assert _codes(per_claim).count("C004") == 0 and "C001" in _codes(per_claim)


def test_single_premise_is_one_note_per_file_and_waivable_on_the_link() -> None:
    """C006 is a single note listing the single-premise reasons; 'waive: C006' on a link removes it."""
    text = "main conclusion c: C.\npremise a: A.\npremise b: B.\na -> c\nb -> c\n"
    (note,) = [d for d in argmap.resolve(argmap.parse(text)).diagnostics if d.code == "C006"]
    assert note.severity is argmap.Severity.NOTE
    assert note.message.startswith("2 reasons have a single premise")
    waived = text.replace("a -> c\n", "a -> c\n  waive: C006\n").replace("b -> c\n", "b -> c\n  waive: C006\n")
    assert "C006" not in _codes(waived)


RABBIT = """\
mode: analysis
main conclusion revolt: Russia and China declare an open revolt against the US-led order.
premise consolidated: Moscow and Beijing formally consolidated their positions.
assumption words: What a joint statement says is what the states will do.
consolidated + words -> revolt
"""


def test_rabbit_rule_reports_missing_terms_in_analysis_mode_only() -> None:
    """T001 names the conclusion's words no premise mentions, and runs only in analysis mode."""
    amap = argmap.resolve(argmap.parse(RABBIT))
    (rabbit,) = [d for d in amap.diagnostics if d.code == "T001"]
    for word in ("Russia", "China", "revolt"):
        assert f"'{word}'" in rabbit.message
    assert "'Moscow'" not in rabbit.message
    assert "T001" not in _codes(RABBIT.replace("mode: analysis", "mode: reasoning"))
    assert "T001" not in _codes(RABBIT, analysis=False)


def test_rabbit_rule_synonyms_stemming_and_waiver() -> None:
    """Synonyms in 'terms:' (one or two words) and stemming close the gap; 'waive: T001' silences it."""
    text = (
        "mode: analysis\n"
        "main conclusion c: Russia and China are revolting against the order.\n"
        "premise a: Moscow and Beijing consolidated their positions against the ordering of things.\n"
        "a -> c\n"
    )
    (before,) = [d.message for d in argmap.resolve(argmap.parse(text)).diagnostics if d.code == "T001"]
    assert "'Russia', 'China', 'revolting'" in before
    synonyms = text.replace(
        "mode: analysis", "mode: analysis\nterms: Russia = Moscow; China = Beijing; revolt = consolidated positions"
    )
    assert "T001" not in _codes(synonyms)
    waived = RABBIT.replace("consolidated + words -> revolt", "consolidated + words -> revolt\n  waive: T001")
    assert "T001" not in _codes(waived)


def test_cli_flags() -> None:
    """--no-lint and --analysis reach the resolver."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "m.arg"
        path.write_text(RABBIT, encoding="utf-8")
        err = io.StringIO()
        main(["check", str(path)], io.StringIO(), err)
        assert "[T001]" in err.getvalue()
        path.write_text(LINTY, encoding="utf-8")
        err = io.StringIO()
        main(["check", "--no-lint", str(path)], io.StringIO(), err)
        assert "[C00" not in err.getvalue()


# --- which claims check_claims looks at closely ------------------------------------


def _reported(text: str) -> bool:
    """Whether check_claims reports this text (without ``lint: all``), asked one text at a time."""
    from argmap.analysis.lint import _WORDS, LONG_CLAIM, _reasoning_word, _unquoted, leading_connective

    bare = _unquoted(text)
    opener = leading_connective(text)
    word = None if opener is not None else _reasoning_word(bare, bare.lower())
    return (
        opener is not None
        or word is not None
        or text.rstrip().endswith("?")
        or leans_on_context(text) is not None
        or len(_WORDS.findall(text)) > LONG_CLAIM
    )


def _labelled_texts() -> list[str]:
    from pathlib import Path

    lines = (Path(__file__).parent / "lint_set" / "sentences.tsv").read_text(encoding="utf-8").splitlines()
    return [line.split("\t")[2] for line in lines[1:]]


_PIECES = [
    "so", "So", "SO", "but", "since", "Thus", "hence", "because", "therefore", "consequently", "However",
    "yet", "and so", "that is why", "it", "It", "They", "these", "Her", "he", "i", "we", "?", " ", "  ",
    "\t", "\x1c", "\u00a0", "\u2003", '"', "'", "(", "“", "«", "‘", "İ", "ı", "ſ", "\u212a", "é", ",", ";",
    ".", "word", "Words", "x-and", "the", "The", "cat", "sat", "-", "0", "_", "\U0001f600",
]


@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join), max_size=12))
@example(_labelled_texts())
@example(["plain text", "also ſo", "  (They are", "'\x1cthey", "x" * 40 + " ," * 31, "Why not?"])
def test_the_claims_looked_at_closely_include_every_reported_one(texts: list[str]) -> None:
    """_may_fire, which asks the cheap questions of all the texts at once, passes over no text
    that check_claims would report; a text holding the separator it joins them with is no trouble."""
    looked_at = set(_may_fire(texts))
    assert looked_at <= set(range(len(texts)))
    assert {index for index, text in enumerate(texts) if _reported(text)} <= looked_at
    with_separator = [*texts, "a\x00b"]
    assert _may_fire(with_separator) == list(range(len(with_separator)))


def test_plain_claims_are_not_looked_at_closely() -> None:
    """The point of _may_fire: the usual claim, ASCII and short, with no reasoning word, no question
    and no pronoun first, is passed over."""
    texts = ["The policy funds the treaty of reform number 0 and its border.", "Trees cool streets."]
    assert _may_fire(texts) == []
    assert _may_fire([*texts, "Trees cool streets, so plant them."]) == [2]
