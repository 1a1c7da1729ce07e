"""The Python API: parse, load, resolve, and what the resolved map derives."""

from __future__ import annotations

import enum
from pathlib import Path

import attrs
import pytest

import argmap
from argmap import ClaimKind, LinkType, Role
from argmap.core.model import LinkRef, Span

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "summit" / "summit.arg"

SUMMIT_LIKE = """\
title: Trees
## Reasons
main conclusion c: Cities should plant more trees.
premise a: Trees cool streets.
  quote: trees cool the streets
assumption b: Cooler streets are worth paying for.
conclusion m: Trees make cities liveable.
premise d: Shade lowers energy bills.
objection o: Trees cost a lot to water.
premise r: Rainwater can water them for free.
objection u: Cooler is not the same as better.

a + b -> m
m, d -> c
o -x c
r -x o
u -x (a + b -> m)
"""


def test_parse_builds_frozen_records_with_tuples() -> None:
    """The model is frozen attrs records holding tuples, not lists."""
    doc = argmap.parse(SUMMIT_LIKE, "trees.arg")
    assert isinstance(doc.claims, tuple) and isinstance(doc.links, tuple)
    claim = doc.claims[0]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        claim.text = "changed"  # type: ignore[misc]
    assert claim.kind is ClaimKind.CONCLUSION and claim.main
    assert doc.header_value("title") == "Trees"
    assert doc.sections[0].title == "Reasons"
    assert all(c.section == 0 for c in doc.claims)


def test_no_lark_type_leaves_the_parser() -> None:
    """Every value reachable from a Document is a model record, enum or builtin — never a Lark object."""
    doc = argmap.parse(SUMMIT_LIKE)
    seen = 0

    def walk(value: object) -> None:
        nonlocal seen
        seen += 1
        assert "lark" not in type(value).__module__, type(value)
        if attrs.has(type(value)):
            for field in attrs.fields(type(value)):
                walk(getattr(value, field.name))
        elif isinstance(value, tuple):
            for item in value:
                walk(item)
        elif isinstance(value, argmap.Source):
            walk(value.path)
            walk(value.text)
        else:
            assert isinstance(value, (str, int, bool, bytes, type(None), enum.Enum)), type(value)
            if isinstance(value, str):
                assert type(value) is str

    walk(doc)
    assert seen > 100


def test_spans_are_exact() -> None:
    """Claims, ids, properties and link refs carry 1-based line/column and 0-based offsets."""
    doc = argmap.parse(SUMMIT_LIKE, "trees.arg")
    a = doc.claims[1]
    assert a.id_span == Span("trees.arg", 4, 9, 4, 10, SUMMIT_LIKE.index("a: Trees"), SUMMIT_LIKE.index("a: Trees") + 1)
    quote = a.get("quote")
    assert quote is not None
    assert (quote.key_span.line, quote.key_span.column) == (5, 3)
    assert SUMMIT_LIKE[quote.value_span.start : quote.value_span.end] == "trees cool the streets"
    undercut = doc.links[-1]
    assert isinstance(undercut.target, LinkRef)
    assert SUMMIT_LIKE[undercut.target.span.start : undercut.target.span.end] == "(a + b -> m)"


def test_crlf_bom_and_tabs_keep_columns_right() -> None:
    """CRLF line ends, a byte-order mark and tab indentation parse, and columns count characters."""
    text = "\ufeffmain conclusion c: Trees help.\r\npremise a: Shade\r\n\tquote: shade\r\na -> c"
    doc = argmap.parse(text)
    assert doc.claims[1].get("quote") is not None
    assert doc.claims[1].text == "Shade"
    assert doc.links[0].span.line == 4
    assert argmap.resolve(doc).ok


def test_multiline_text_escapes_and_comments() -> None:
    """Continuation lines join with a space; \\# is a literal #; C# stays; a spaced # starts a comment."""
    doc = argmap.parse(
        "premise a: We use C# and \\#hashtags  # comment\n"
        "  and more words  # another comment\n"
        "  quote: first part\n"
        "    second part\n"
        "  by: C:\\Users\\ann\n"
    )
    claim = doc.claims[0]
    assert claim.text == "We use C# and #hashtags and more words"
    assert claim.properties[0].value == "first part second part"
    assert claim.properties[1].value == "C:\\Users\\ann"


def test_unicode_text_and_ids() -> None:
    """Curly quotes, em dashes, CJK and Cyrillic survive in text; ids may be non-ASCII words."""
    text = "main conclusion вывод: “习近平 and Путин” — agree.\npremise été: Ça va.\nété -> вывод\n"
    amap = argmap.resolve(argmap.parse(text))
    assert amap.ok
    assert amap.claim("вывод").text == "“习近平 and Путин” — agree."


def test_roles_and_depth_are_derived_from_the_graph() -> None:
    """Main, intermediate, basic premises, objections, rebuttals and undercuts come from the links."""
    amap = argmap.resolve(argmap.parse(SUMMIT_LIKE))
    assert amap.ok, amap.diagnostics
    assert amap.main == "c"
    assert amap.roles["c"] == {Role.MAIN}
    assert amap.roles["m"] == {Role.INTERMEDIATE}
    assert amap.roles["a"] == {Role.BASIC_PREMISE}
    assert amap.roles["o"] == {Role.OBJECTION}
    assert amap.roles["r"] == {Role.REBUTTAL}
    assert amap.roles["u"] == {Role.UNDERCUT}
    assert [c.id for c in amap.claims_with(Role.BASIC_PREMISE)] == ["a", "b", "d"]
    assert dict(amap.depth) == {"c": 0, "m": 1, "d": 1, "o": 1, "a": 2, "b": 2, "u": 2, "r": 2}


def test_inferences_split_convergent_and_keep_linked_together() -> None:
    """`m, d -> c` is two inferences; `a + b -> m` is one; the undercut targets the linked one."""
    amap = argmap.resolve(argmap.parse(SUMMIT_LIKE))
    shapes = [(i.premises, i.type, i.target, i.target_inference) for i in amap.inferences]
    assert shapes == [
        (("a", "b"), LinkType.SUPPORT, "m", None),
        (("m",), LinkType.SUPPORT, "c", None),
        (("d",), LinkType.SUPPORT, "c", None),
        (("o",), LinkType.ATTACK, "c", None),
        (("r",), LinkType.ATTACK, "o", None),
        (("u",), LinkType.ATTACK, None, 0),
    ]
    assert amap.inferences[5].is_undercut


def test_undercut_of_an_undercut_written_before_it() -> None:
    """An undercut may attack an undercut, in any order of lines."""
    text = (
        "main conclusion c: C.\npremise a: A.\nobjection u: U.\nobjection v: V.\n"
        "v -x (u -x (a -> c))\nu -x (a -> c)\na -> c\n"
    )
    amap = argmap.resolve(argmap.parse(text))
    assert amap.ok, amap.diagnostics
    assert amap.roles["v"] == {Role.UNDERCUT}
    assert amap.depth["v"] == 1


def test_cycle_message_prints_the_circle() -> None:
    """A support cycle is reported once, with the circle spelled out."""
    text = "main conclusion c: C.\nconclusion a: A.\nconclusion b: B.\nconclusion d: D.\na -> b\nb -> d\nd -> a\na -> c\n"
    amap = argmap.resolve(argmap.parse(text))
    cycles = [d for d in amap.diagnostics if d.code == "G002"]
    assert len(cycles) == 1
    assert "a → b → d → a" in cycles[0].message


def test_resolver_never_raises_on_a_long_chain() -> None:
    """A chain of 10,000 supports resolves with no recursion error, and depth counts down the chain."""
    n = 10_000
    lines = ["main conclusion c0: Claim 0."]
    lines += [f"premise c{i}: Claim {i}." for i in range(1, n)]
    lines += [f"c{i} -> c{i - 1}" for i in range(1, n)]
    amap = argmap.resolve(argmap.parse("\n".join(lines)))
    assert amap.ok and not amap.warnings
    assert amap.depth[f"c{n - 1}"] == n - 1


def test_resolver_handles_a_long_cycle() -> None:
    """A 10,000-claim circle is found without recursion and printed from its first claim."""
    n = 10_000
    lines = ["main conclusion m: M."] + [f"conclusion c{i}: Claim {i}." for i in range(n)]
    lines += [f"c{i} -> c{(i + 1) % n}" for i in range(n)] + ["c0 -> m"]
    amap = argmap.resolve(argmap.parse("\n".join(lines)))
    (cycle,) = [d for d in amap.diagnostics if d.code == "G002"]
    assert cycle.message.startswith("circular reasoning: c0 → c1 → c2")


def test_map_of_10000_claims() -> None:
    """A broad map of 10,000 claims resolves cleanly."""
    n = 10_000
    lines = ["main conclusion c0: Claim 0."]
    lines += [f"premise c{i}: Claim number {i}.\n  by: author" for i in range(1, n)]
    lines += [f"c{i} -> c{(i - 1) // 3}" for i in range(1, n)]
    amap = argmap.resolve(argmap.parse("\n".join(lines)))
    assert amap.ok and not amap.warnings
    assert len(amap.claims) == n and len(amap.inferences) == n - 1


def test_load_reads_files_and_reports_bad_utf8(tmp_path: Path) -> None:
    """load() reads UTF-8 files; a file that is not UTF-8 is a syntax error pointing at the byte."""
    good = tmp_path / "good.arg"
    good.write_text("main conclusion c: Café.\n", encoding="utf-8")
    assert argmap.load(good).claims[0].text == "Café."
    bad = tmp_path / "bad.arg"
    bad.write_bytes(b"main conclusion c: Caf\xe9.\n")
    with pytest.raises(argmap.ArgmapSyntaxError) as caught:
        argmap.load(bad)
    diagnostic = caught.value.diagnostic
    assert (diagnostic.code, diagnostic.span.line, diagnostic.span.column) == ("S004", 1, 23)


def test_check_helper_and_repr_of_errors(tmp_path: Path) -> None:
    """argmap.check() loads and resolves; the syntax error's str() is a one-line location."""
    path = tmp_path / "x.arg"
    path.write_text("main conclusion c: C.\npremise a: A.\na -> c\n", encoding="utf-8")
    assert argmap.check(str(path)).ok
    with pytest.raises(argmap.ArgmapSyntaxError, match=r"^<string>:1:11: .*\[S007\]$"):
        argmap.parse("premise a text")


def test_a_map_has_a_short_repr() -> None:
    """repr() of a map is one short line with its counts, however big the map (it printed 138,750 characters)."""
    amap = argmap.check(str(EXAMPLE))
    text = repr(amap)
    assert text == (
        f"<ArgumentMap {str(EXAMPLE)!r}: {len(amap.claims)} claims, {len(amap.inferences)} inferences, "
        f"0 errors, {len(amap.warnings)} warnings>"
    )
    assert len(text) < 200


def test_jupyter_shows_the_errors_of_a_broken_map_instead_of_drawing_it() -> None:
    """A map with errors is not drawn inline (the command line refuses to draw it); its errors are shown."""
    broken = argmap.resolve(argmap.parse("main conclusion c: C.\npremise a: A.\nzz -> c\n", "x.arg"))
    assert broken._repr_svg_() is None
    shown = broken._repr_html_()
    assert shown is not None and "no claim has the id &#x27;zz&#x27;" in shown and "[N001]" in shown
    clean = argmap.resolve(argmap.parse("main conclusion c: C.\npremise a: A.\na -> c\n", "y.arg"))
    assert clean._repr_html_() is None


def test_suggestions_match_difflib_and_stay_fast_among_many_ids() -> None:
    """'Did you mean' is difflib's answer; among 100,000 ids it looks at a shortlist."""
    import difflib
    import random

    from argmap.core.suggest import SHORTLIST, closest

    rng = random.Random(7)
    words = ["gas-supplier", "pipeline", "alliance", "trade_deal", "p1", "p12", "summit", "summits"]
    for _ in range(300):
        pool = rng.sample(words, rng.randrange(1, len(words)))
        word = rng.choice(words)[: rng.randrange(1, 10)] + rng.choice(["", "x", "s"])
        expected = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
        assert closest(word, pool) == (expected[0] if expected else None)
    many = [f"claim{i}" for i in range(100_000)] + ["gas-supplier"]
    assert len(many) > SHORTLIST
    assert closest("gas-suplier", many) == "gas-supplier"
    assert closest("claim4711x", many) == "claim4711"


def test_many_unknown_ids_are_reported_quickly_and_suggested_for_the_first_hundred() -> None:
    """Thousands of unknown ids: each an N001, a guess for the first 100 different ones only."""
    lines = ["main conclusion c: C."] + [f"premise a{i}: A{i}.\nb{i} -> c" for i in range(1000)]
    amap = argmap.resolve(argmap.parse("\n".join(lines) + "\n"), lint=False)
    unknown = [d for d in amap.diagnostics if d.code == "N001"]
    assert len(unknown) == 1000
    guessed = [i for i, d in enumerate(unknown) if "did you mean" in d.message]
    assert guessed == list(range(10, 100))  # b0 … b9 are too short to resemble a0 … a9
    assert "did you mean 'a10'?" in unknown[10].message


def test_many_diagnostics_print_in_linear_time() -> None:
    """The source line of each diagnostic is found from a table of line starts, not by splitting the text."""
    from argmap.core.diagnostics import source_line

    text = "".join(f"line {i}\n" for i in range(200_000))
    assert source_line(text, 1) == "line 0"
    assert source_line(text, 200_000) == "line 199999"
    assert source_line(text, 200_001) == ""
    assert [source_line(text, n) for n in range(150_000, 150_003)] == ["line 149999", "line 150000", "line 150001"]


def test_guesses_do_not_depend_on_the_order_of_the_known_names() -> None:
    """The shortlist breaks ties by name, so a set's iteration order cannot change a suggestion."""
    from argmap.core.suggest import MAX_GUESSES, Guesser, closest

    names = [f"x{i}" for i in range(2000)]
    assert closest("x12y", names) == closest("x12y", list(reversed(names)))
    guess = Guesser(names)
    assert [guess(f"x{i}y") for i in range(3)] == [closest(f"x{i}y", names) for i in range(3)]
    for i in range(MAX_GUESSES):
        guess(f"unknown{i}")
    assert guess("x5y") is None  # past the budget
    assert guess("x1y") == closest("x1y", names)  # worked out before: remembered


def test_a_large_file_is_checked_as_any_other(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Above LARGE_FILE bytes check_file first has the C library map large blocks (memory);
    the diagnostics are those of parsing and resolving the same text."""
    from argmap.analysis import check
    from argmap.core import speed

    path = tmp_path / "map.arg"
    path.write_text(SUMMIT_LIKE + "premise lone: Nobody links to this.\nlone -> nowhere\n", encoding="utf-8")
    calls: list[None] = []
    monkeypatch.setattr(check, "LARGE_FILE", 10)
    monkeypatch.setattr(check, "map_large_blocks", lambda: calls.append(None))  # not the process-wide setting
    result = check.check_file(str(path))
    assert calls == [None]
    monkeypatch.setattr(speed, "_LARGE_BLOCKS_MAPPED", True)
    speed.map_large_blocks()  # once done, a call does nothing (and never fails where there is no glibc)
    expected = argmap.resolve(argmap.parse(path.read_text(encoding="utf-8"), str(path)))
    assert [str(d) for d in result.diagnostics] == [str(d) for d in expected.diagnostics]
    assert any(d.code == "N001" for d in result.diagnostics)


def test_a_settled_pause_leaves_what_it_made_to_the_oldest_generation() -> None:
    """gc_paused(settle=True): the collector's next young pass does not go over what was built, which
    is still collected with the long-lived objects; a program's own frozen objects stay frozen."""
    import gc

    from argmap.core.speed import gc_paused

    class Box:
        pass

    def young() -> set[int]:
        return {id(obj) for obj in gc.get_objects(generation=0)}

    with gc_paused(settle=True):
        made = [Box() for _ in range(100)]
    assert gc.isenabled()
    assert not young() & {id(box) for box in made}
    assert {id(box) for box in made} <= {id(obj) for obj in gc.get_objects(generation=2)}
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with gc_paused(settle=True):
            [Box() for _ in range(100)]
        assert gc.get_freeze_count() == frozen  # not unfrozen by us
    finally:
        gc.unfreeze()
    with gc_paused(settle=True):
        settled_cycle: list[object] = []
        settled_cycle.append(settled_cycle)
    del settled_cycle
    assert gc.collect() >= 1  # a full collection still frees a cycle that was settled
