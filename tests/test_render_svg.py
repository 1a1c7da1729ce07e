"""Real renders through Graphviz's dot: SVG, PNG and PDF, accessibility, escaping, failures.

Every test here needs ``dot`` on the PATH (scripts/setup installs it) and runs in
CI; none is skipped when it is missing.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.drawing import (
    DotNotFoundError,
    DotWarning,
    RenderError,
    describe,
    render,
    repr_svg,
    to_dot,
    visible,
)
from tests.render_support import (
    EXAMPLES,
    RENDER_CASES,
    SVG,
    XLINK,
    big_map,
    case,
    group,
    load,
    svg_root,
    texts,
    with_texts,
    without_breaks,
)

pytestmark = pytest.mark.needs_dot


def render_quietly(amap: argmap.ArgumentMap, fmt: str = "svg", **options: object) -> bytes:
    """Render, failing the test if dot prints any warning."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        data = render(amap, fmt, **options)  # type: ignore[arg-type]
    problems = [str(w.message) for w in caught if issubclass(w.category, DotWarning)]
    assert not problems, problems
    return data


# --- formats ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "magic"),
    [("svg", b"<?xml"), ("png", b"\x89PNG\r\n\x1a\n"), ("pdf", b"%PDF-")],
)
def test_formats(fmt: str, magic: bytes) -> None:
    """dot renders SVG, PNG and PDF (checked by their first bytes)."""
    data = render_quietly(case("legend"), fmt)
    assert data.startswith(magic)
    assert len(data) > 1000


def test_dot_format_needs_no_graphviz(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """render(fmt='dot') is the DOT text, even without Graphviz installed."""
    monkeypatch.setenv("PATH", str(tmp_path))
    assert render(case("linked"), "dot").startswith(b"digraph argmap {")


# --- the SVG for browsers and screen readers --------------------------------------


def test_svg_is_accessible() -> None:
    """The SVG has a root <title> and <desc>, role="img" and aria-labelledby pointing at them."""
    amap = case("legend")
    root = svg_root(render_quietly(amap))
    assert root.get("role") == "img"
    title, desc = root[0], root[1]
    assert title.tag == f"{SVG}title" and desc.tag == f"{SVG}desc"
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text == "Every kind of box and line"
    assert desc.text == describe(amap)
    assert desc.text is not None and "10 claims" in desc.text and "1 undercut link" in desc.text


def test_partial_view_says_so_in_the_title() -> None:
    """A focused map's title and description say it is a partial view."""
    root = svg_root(render_quietly(case("legend"), focus="sub", depth=1))
    assert root[0].text is not None and "partial view" in root[0].text
    assert root[1].text is not None and "partial view" in root[1].text


def test_nodes_have_classes_and_full_tooltips() -> None:
    """Each box is a <g> with CSS classes for kind and role, and its full text and quote as tooltip."""
    amap = case("hostile")
    root = svg_root(render_quietly(amap))
    main = group(root, "claim-m")
    assert set(main.get("class", "").split()) >= {"node", "claim", "main", "conclusion"}
    claim = amap.by_id["m"]
    quote = claim.get("quote")
    assert quote is not None
    title = main.find(f"{SVG}title")
    assert title is not None and title.text is not None
    assert claim.text in title.text and f"“{quote.value}”" in title.text
    anchors = [a for a in main.iter(f"{SVG}a") if a.get(f"{XLINK}title")]
    assert anchors and all(a.get(f"{XLINK}title") == title.text for a in anchors)
    premise = group(root, "claim-emoji")
    assert "premise" in premise.get("class", "").split()


def test_links_and_junctions_have_classes() -> None:
    """Links and junction points carry classes (support, attack, undercut, linked) for CSS."""
    root = svg_root(render_quietly(case("undercut_attack")))
    classes = [g.get("class", "") for g in root.iter(f"{SVG}g")]
    assert any("edge" in c and "undercut" in c for c in classes)
    assert any("junction" in c and "linked" in c for c in classes)


def test_hostile_text_comes_out_as_written() -> None:
    """Quotes, backslashes, <, >, &, {, }, |, emoji, RTL and CJK text appear in the SVG as written."""
    amap = case("hostile")
    svg = render_quietly(amap, sections=True)  # one section: framed only when asked
    assert b"<script" not in svg and b"<b>" not in svg and b"<![CDATA[" not in svg
    root = svg_root(svg)
    for claim in amap.claims:
        shown = without_breaks(texts(group(root, f"claim-{claim.id}")))
        assert without_breaks(claim.text) in shown, claim.id
    everything = without_breaks(texts(root))
    assert amap.title is not None and without_breaks(amap.title) in everything
    assert without_breaks(amap.document.sections[0].title) in everything
    assert without_breaks("<i>because</i> & \"so\"") in everything
    assert without_breaks("by O'Brien & <Sons>") in everything


def test_control_characters_are_shown_not_sent() -> None:
    """A control character (which XML cannot carry) is shown as <U+XXXX>, and the SVG stays valid."""
    amap = with_texts(case("linked"), {"rule": "bell\x07 nul\x00 esc\x1b del\x7f end"})
    root = svg_root(render_quietly(amap))
    shown = texts(group(root, "claim-rule"))
    assert "bell<U+0007>" in shown and "nul<U+0000>" in shown and "del<U+007F>" in shown


def lines(text: str) -> str:
    """Line breaks as XML keeps them: CR LF, CR, and the Unicode separators become LF."""
    return re.sub("\r\n|[\r\u2028\u2029]", "\n", text)


_HOSTILE = [
    *"\"'\\<>&{}|;[]#%$\n\t\r",
    "&amp;", "&#60;", "\\N", "\\G", "\\l", "]]>", "<!--", "-->", "<b>", "</TD>", "<BR/>",
    "😀", "👨\u200d👩\u200d👧", "✊🏽", "مرحبا", "שלום", "\u202e", "\u200f", "中文", "한국어", "\u3000",
    "\x00", "\x07", "\x1b", "\x7f", "\x85", "\ufeff", "\ufffe", "e\u0301",
]
_TEXT = st.lists(
    st.one_of(st.characters(codec="utf-8"), st.sampled_from(_HOSTILE)), max_size=60
).map("".join)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=_TEXT, second=_TEXT, quote=_TEXT)
def test_any_text_survives_dot(first: str, second: str, quote: str) -> None:
    """Arbitrary claim text goes through the real dot and is found intact in the SVG text,
    and the tooltip holds the text and the quote exactly."""
    amap = with_texts(case("linked"), {"rule": first, "borrowed": second}, quote=quote)
    root = svg_root(render_quietly(amap))
    for claim_id, text in (("rule", first), ("borrowed", second)):
        node = group(root, f"claim-{claim_id}")
        assert without_breaks(visible(text)) in without_breaks(texts(node))
        title = node.find(f"{SVG}title")
        assert title is not None and title.text is not None
        assert lines(visible(text)) in title.text
        assert lines(visible(quote.strip())) in title.text


# --- layout ---------------------------------------------------------------------------

LEVELS = """\
main conclusion c: The plan should go ahead.
premise a: It costs little.
premise b: Little cost is worth it here.
premise d: Residents asked for it.
claim e: Residents want it.
premise f: They signed a petition.
premise g: They said so at the meeting.
a + b -> c
d -> c
e -> c
f -> e
g -> e
"""


def _box_rows(svg: bytes) -> dict[str, float]:
    """The middle (SVG y) of each claim's box: dot centres the boxes of one row on one line."""
    rows = {}
    for element in svg_root(svg).iter(f"{SVG}g"):
        element_id = element.get("id", "")
        if element_id.startswith("claim-"):
            ys = [float(y) for path in element.iter(f"{SVG}path") for y in re.findall(r",(-?[\d.]+)", path.get("d", ""))]
            rows[element_id.removeprefix("claim-")] = round((min(ys) + max(ys)) / 2, 1)
    return rows


def test_reasons_of_a_claim_sit_level() -> None:
    """In a small map with a linked reason every single reason is drawn two ranks long, and every reason of a claim sits on one row."""
    amap = argmap.resolve(argmap.parse(LEVELS))
    dot = to_dot(amap, legend=False)
    two_ranks = {line.split(" ->")[0].strip() for line in dot.splitlines() if "minlen=2" in line}
    assert two_ranks == {"d", "e", "f", "g"}
    rows = _box_rows(render_quietly(amap, legend=False, direction="BT"))
    assert rows["a"] == rows["b"] == rows["d"] == rows["e"]  # c's reasons, linked or single
    assert rows["f"] == rows["g"]
    assert rows["f"] > rows["e"]  # a row further down (the map points up)


def _many_levels(copies: int) -> str:
    """LEVELS copied under one main conclusion, each copy's ids suffixed by its number."""
    lines = ["main conclusion top: The plans should all go ahead."]
    for n in range(copies):
        for line in LEVELS.splitlines():
            line = re.sub(r"\b([a-g])\b", rf"\g<1>{n}", line).replace("main conclusion", "conclusion")
            lines.append(line)
        lines.append(f"c{n} -> top")
    return "\n".join(lines) + "\n"


def test_reasons_of_a_claim_sit_level_in_a_big_map() -> None:
    """Above 300 claims only a single reason into a claim that also has a linked reason is two ranks long (cheaper for dot), and the reasons of every claim still sit level."""
    amap = argmap.resolve(argmap.parse(_many_levels(45)))
    assert len(amap.claims) > 300
    dot = to_dot(amap, legend=False, sections=False)
    two_ranks = {line.split(" ->")[0].strip() for line in dot.splitlines() if "minlen=2" in line}
    assert two_ranks == {f"{name}{n}" for n in range(45) for name in "de"}  # not f, g into e, nor c into top
    rows = _box_rows(render_quietly(amap, legend=False, sections=False, direction="BT"))
    for n in range(45):
        assert rows[f"a{n}"] == rows[f"b{n}"] == rows[f"d{n}"] == rows[f"e{n}"]
        assert rows[f"f{n}"] == rows[f"g{n}"] > rows[f"e{n}"]


# --- no warnings ---------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLES + RENDER_CASES, ids=lambda p: p.stem)
@pytest.mark.parametrize("theme", ["default", "print"])
def test_no_warnings_from_dot(path: Path, theme: str) -> None:
    """Graphviz prints nothing on standard error for any example or case, in either theme."""
    amap = load(path)
    for direction in ("BT", "LR"):
        render_quietly(amap, "svg", theme=theme, direction=direction)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_examples_render_to_png_and_pdf_without_warnings(path: Path) -> None:
    """Every example renders to PNG and PDF too (cairo's renderers) without a warning."""
    amap = load(path)
    assert render_quietly(amap, "png").startswith(b"\x89PNG")
    assert render_quietly(amap, "pdf").startswith(b"%PDF-")


# --- when dot is missing, fails, warns or hangs -----------------------------------------


def _fake_dot(directory: Path, script: str) -> None:
    path = directory / "dot"
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


def test_missing_dot_says_what_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Without dot on the PATH the error names Graphviz and how to install it."""
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(DotNotFoundError) as caught:
        render(case("linked"), "svg")
    message = str(caught.value)
    assert "Graphviz's dot is not installed" in message
    assert "apt-get install graphviz" in message and "scripts/setup" in message
    assert repr_svg(case("linked")) is None  # Jupyter falls back to the text repr


def test_dot_failure_shows_its_message(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """When dot fails, the error carries what dot printed."""
    _fake_dot(tmp_path, 'cat >/dev/null; echo "Error: syntax error in line 7" >&2; exit 1\n')
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(RenderError, match="syntax error in line 7"):
        render(case("linked"), "png")


def test_a_layout_dot_cannot_rank_is_drawn_again_without_levelling(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """When dot 2.43 fails with 'trouble in init_rank' (as it does on some framed maps of thousands of claims), the map is drawn again without newrank and two-rank links, and a warning says so."""
    real = shutil.which("dot")
    assert real is not None
    # A dot that fails as 2.43 does whenever it is asked for newrank, and is the real dot otherwise.
    _fake_dot(
        tmp_path,
        f'input=$(cat); case "$input" in *newrank=true*) echo "Error: trouble in init_rank" >&2; exit 1;; esac\n'
        f'printf "%s" "$input" | exec {real} "$@"\n',
    )
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    amap = argmap.resolve(argmap.parse(LEVELS))
    assert "minlen=2" in to_dot(amap) and "newrank=true" in to_dot(amap)  # what the retry leaves out
    with pytest.warns(DotWarning, match="could not keep each claim's reasons level"):
        svg = render(amap, "svg")
    assert set(_box_rows(svg)) == {"a", "b", "c", "d", "e", "f", "g"}


def test_dot_failing_twice_says_so(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """When dot cannot rank the map even without levelling, the error carries what it said."""
    _fake_dot(tmp_path, 'cat >/dev/null; echo "Error: trouble in init_rank" >&2; exit 1\n')
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(RenderError, match="trouble in init_rank"):
        render(case("linked"), "svg")


def test_dot_warnings_are_reported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """When dot succeeds but warns, the warning is issued as a DotWarning."""
    _fake_dot(tmp_path, 'cat >/dev/null; printf "%%PDF-1.5 fake"; echo "Warning: odd font" >&2\n')
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    with pytest.warns(DotWarning, match="odd font"):
        assert render(case("linked"), "pdf").startswith(b"%PDF")


def test_dot_that_hangs_times_out(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A dot that never finishes is stopped after the timeout."""
    _fake_dot(tmp_path, "exec sleep 30\n")
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(RenderError, match="did not finish"):
        render(case("linked"), "svg", timeout=0.5)


# --- Jupyter and scale ---------------------------------------------------------------


def test_repr_svg_for_jupyter() -> None:
    """repr_svg gives the SVG text that ArgumentMap._repr_svg_ shows inline."""
    svg = repr_svg(case("linked"))
    assert svg is not None and svg.startswith("<?xml") and "<svg" in svg
    shown = case("linked")._repr_svg_()  # through the hook the package root sets
    assert shown is not None and shown.startswith("<?xml")


@pytest.mark.slow
def test_a_thousand_claims_render() -> None:
    """A map of 1,000 claims renders to SVG and PNG through dot, without warnings."""
    amap = argmap.resolve(argmap.parse(big_map(1000)))
    root = svg_root(render_quietly(amap, "svg"))
    assert sum(1 for g in root.iter(f"{SVG}g") if "claim" in g.get("class", "").split()) >= 1000
    assert render_quietly(amap, "png").startswith(b"\x89PNG")
