"""The DOT text of a map: goldens, determinism, the visual language, escaping, focus.

None of these tests runs Graphviz; test_render_svg.py does. Regenerate the goldens
with ``pytest --update-goldens`` and review the diff.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap.drawing import (
    THEMES,
    FocusError,
    balanced_wrap,
    header_words,
    prediction_words,
    to_dot,
    wrap,
)
from tests.render_support import (
    EXAMPLES,
    GOLDEN,
    ROOT,
    big_map,
    case,
    golden_cases,
    load,
    with_texts,
    without_breaks,
)

_EDGE = re.compile(r'^\t+("[^"]*"|\S+) -> ("[^"]*"|\S+)(?: \[(.*)\])?$', re.MULTILINE)


def edges(dot: str) -> list[tuple[str, str, str]]:
    """(tail, head, attributes) of every edge statement, quotes removed from the names."""
    return [(tail.strip('"'), head.strip('"'), attributes or "") for tail, head, attributes in _EDGE.findall(dot)]


def edge(dot: str, tail: str, head: str) -> str:
    found = [attributes for t, h, attributes in edges(dot) if (t, h) == (tail, head)]
    assert len(found) == 1, f"expected one edge {tail} -> {head}, found {len(found)}"
    return found[0]


# --- goldens ----------------------------------------------------------------------


@pytest.mark.parametrize(("name", "path", "options"), golden_cases(), ids=[c[0] for c in golden_cases()])
def test_dot_matches_golden(name: str, path: Path, options: dict[str, Any], update_goldens: bool) -> None:
    """Each example and focused case draws exactly the reviewed DOT text."""
    dot = to_dot(load(path), **options)
    golden = GOLDEN / f"{name}.dot"
    if update_goldens:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(dot, encoding="utf-8")
        return
    assert golden.exists(), f"no golden {golden.relative_to(ROOT)}: run pytest --update-goldens and review it"
    assert dot == golden.read_text(encoding="utf-8"), f"{name}: run pytest --update-goldens and review the diff"


def test_every_example_has_a_golden() -> None:
    """A new example gets a golden (the parametrised test above would create it with the flag)."""
    assert EXAMPLES, "the examples/ folder has no .arg files"
    names = {name for name, _, _ in golden_cases()}
    for path in EXAMPLES:
        stem = "example-" + "-".join(path.relative_to(ROOT / "examples").with_suffix("").parts)
        assert stem in names


def test_no_stale_goldens() -> None:
    """Every golden file belongs to a case, so a renamed case does not leave an orphan behind."""
    names = {f"{name}.dot" for name, _, _ in golden_cases()}
    stale = sorted(path.name for path in GOLDEN.glob("*.dot") if path.name not in names)
    assert not stale, f"goldens with no case (delete them): {stale}"


# --- determinism ---------------------------------------------------------------


def test_same_map_same_bytes() -> None:
    """Drawing the same map twice gives byte-identical DOT."""
    amap = case("legend")
    assert to_dot(amap) == to_dot(case("legend"))


@pytest.mark.parametrize("seed", ["0", "1", "4242"])
def test_same_bytes_in_another_process(seed: str) -> None:
    """DOT does not depend on hash randomisation: another interpreter with another seed agrees."""
    path = ROOT / "tests" / "render_cases" / "undercut_attack.arg"
    code = "import sys, argmap; from argmap.drawing import to_dot; sys.stdout.write(to_dot(argmap.check(sys.argv[1])))"
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, env=env, check=True, cwd=ROOT
    )
    assert done.stdout.decode("utf-8") == to_dot(load(path))


def test_claims_in_source_order() -> None:
    """Boxes are written in the order the file gives the claims."""
    amap = case("legend")
    dot = to_dot(amap, legend=False)
    positions = [dot.index(f'id="claim-{claim.id}"') for claim in amap.claims]
    assert positions == sorted(positions)


# --- the visual language ---------------------------------------------------------


def test_main_conclusion_on_top() -> None:
    """Arrows run from reason to conclusion with rankdir=BT, so the main conclusion is at the top."""
    dot = to_dot(case("linked"))
    assert "rankdir=BT" in dot
    assert "MAIN CONCLUSION" in dot
    assert "penwidth=3" in next(line for line in dot.splitlines() if 'id="claim-overdue"' in line)


@pytest.mark.parametrize("direction", ["BT", "TB", "LR", "RL"])
def test_direction_is_rankdir(direction: str) -> None:
    """--direction is Graphviz's rankdir: where the arrows (reason to conclusion) point."""
    assert f"rankdir={direction}" in to_dot(case("linked"), direction=direction)


def test_linked_premises_meet_at_a_junction() -> None:
    """Linked premises feed one junction point without arrowheads; one arrow leaves it."""
    dot = to_dot(case("linked"))
    assert '"inference.0" [label="" ' in dot and "shape=circle" in dot
    assert "arrowhead=none" in edge(dot, "rule", "inference.0")
    assert "arrowhead=none" in edge(dot, "borrowed", "inference.0")
    into = edge(dot, "inference.0", "overdue")
    assert "arrowhead=normal" in into and "style=solid" in into and "together" in into


def test_separate_reasons_draw_their_own_arrows() -> None:
    """Convergent reasons each get a direct arrow, with no junction."""
    dot = to_dot(case("linked"))
    for premise in ("notice", "librarian"):
        assert "arrowhead=normal" in edge(dot, premise, "overdue")
    assert "inference.1" not in dot and "inference.2" not in dot


def test_support_and_attack_differ_without_colour() -> None:
    """Support is solid with an arrow; attack is dashed with a tee; a rebuttal is dotted."""
    dot = to_dot(case("rebuttal"), theme="print")
    support, attack, rebuttal = edge(dot, "walks", "dog"), edge(dot, "nobody", "dog"), edge(dot, "grandpa", "nobody")
    assert "style=solid" in support and "arrowhead=normal" in support
    assert "style=dashed" in attack and "arrowhead=tee" in attack
    assert "style=dotted" in rebuttal and "arrowhead=tee" in rebuttal
    assert "REBUTTAL" in dot


def test_undercut_of_a_support_hits_its_junction() -> None:
    """An undercut ends on the junction point of the link it attacks, not on a claim."""
    dot = to_dot(case("undercut_support"))
    assert "arrowhead=none" in edge(dot, "queue", "inference.0")
    assert "arrowhead=normal" in edge(dot, "inference.0", "good")
    undercut = edge(dot, "only_cafe", "inference.0")
    assert "arrowhead=tee" in undercut and "undercut" in undercut
    assert not [e for e in edges(dot) if e[0] == "only_cafe" and e[1] != "inference.0"]
    # The other reason is untouched: a plain arrow, no junction.
    assert "arrowhead=normal" in edge(dot, "award", "good")


def test_undercut_of_an_attack_and_of_a_linked_support() -> None:
    """Undercuts of an attack and of a linked group both end on the right junction."""
    amap = case("undercut_attack")
    dot = to_dot(amap)
    linked = next(i for i in amap.inferences if i.linked)
    attack = next(i for i in amap.inferences if i.type is argmap.LinkType.ATTACK and not i.is_undercut)
    assert "arrowhead=tee" in edge(dot, "sponsor", f"inference.{linked.index}")
    assert "arrowhead=tee" in edge(dot, "one_cup", f"inference.{attack.index}")
    assert "style=dashed" in edge(dot, f"inference.{attack.index}", "good")


def test_link_labels_are_shown() -> None:
    """A link's label is drawn on its arrow."""
    dot = to_dot(case("rebuttal"))
    assert "<I>but</I>" in edge(dot, "nobody", "dog")
    assert "<I>yet</I>" in edge(dot, "grandpa", "nobody")


def test_headers_name_kind_and_role() -> None:
    """Each box's header names its kind, and its role when it attacks."""
    amap = case("legend")
    words = {claim.id: header_words(amap, claim) for claim in amap.claims}
    assert words == {
        "m": "MAIN CONCLUSION",
        "sub": "CONCLUSION",
        "p": "PREMISE",
        "a": "ASSUMPTION (unstated)",
        "k": "CLAIM",
        "f": "PREDICTION",
        "r": "RECOMMENDATION",
        "o": "OBJECTION",
        "reb": "REBUTTAL · PREMISE",
        "u": "UNDERCUT",
    }


def test_assumption_is_dashed_and_italic() -> None:
    """An unstated assumption has a dashed border and italic text."""
    dot = to_dot(case("legend"), legend=False)
    line = next(line for line in dot.splitlines() if 'id="claim-a"' in line)
    assert "dashed" in line and "<I>An unstated assumption.</I>" in line


@pytest.mark.parametrize(
    ("kind", "header", "dashed"),
    [
        ("conclusion", "MAIN CONCLUSION", False),
        ("claim", "MAIN CONCLUSION", False),
        ("recommendation", "MAIN CONCLUSION · RECOMMENDATION", False),
        ("prediction", "MAIN CONCLUSION · PREDICTION", False),
        ("assumption", "MAIN CONCLUSION (unstated)", True),
    ],
)
def test_main_claim_says_its_kind_and_an_unstated_one_is_dashed(kind: str, header: str, dashed: bool) -> None:
    """A thesis that is a recommendation or forecast says so; a thesis the text never states is drawn unstated."""
    amap = argmap.resolve(argmap.parse(f"main {kind} t: Cities should plant trees.\npremise a: Trees cool streets.\na -> t\n"))
    assert amap.ok and amap.main == "t"
    assert header_words(amap, amap.claim("t")) == header
    line = next(line for line in to_dot(amap, legend=False).splitlines() if 'id="claim-t"' in line)
    assert ("dashed" in line) is dashed
    assert ("<I>Cities should plant trees.</I>" in line) is dashed


def test_an_example_link_is_labelled_example_unless_it_has_a_label() -> None:
    """kind: example puts 'example' on the line (support all the same); a written label wins."""
    amap = argmap.resolve(argmap.parse(
        "main conclusion l: Lanes work.\npremise o: Oslo cycles more.\npremise p: Paris cycles more.\n"
        "o -> l\n  kind: example\np -> l: as in Paris\n  kind: example\n"
    ))
    assert amap.ok
    dot = to_dot(amap, legend=False)
    lines = {line.split(" [")[0].strip(): line for line in dot.splitlines() if " -> " in line}
    assert "<I>example</I>" in lines["o -> l"] and "arrowhead=normal" in lines["o -> l"]
    assert "<I>as in Paris</I>" in lines["p -> l"] and "example" not in lines["p -> l"]


def test_prediction_shows_likelihood_status_and_self_grading() -> None:
    """A prediction's box shows its likelihood or p, its status, and whether it is self-graded."""
    amap = case("predictions")
    words = {claim.id: prediction_words(claim) for claim in amap.claims}
    assert words["self"] == ["likely", "status: open", "self-graded: yes"]
    assert words["unresolved"] == ["p = 70%", "no status", "self-graded: partly"]
    assert words["resolved"] == ["expected", "by 2026-12-31", "status: no", "author's verdict: yes"]
    assert words["bare"] == ["no status"]
    assert words["c"] == []
    dot = to_dot(amap)
    assert "self-graded: yes" in dot and "p = 70%" in dot


def test_sections_become_nested_clusters() -> None:
    """Sections become clusters, nested as written; a section with nothing drawn in it gets none."""
    dot = to_dot(case("sections"))
    amap = case("sections")
    titles = {section.title: section.index for section in amap.document.sections}
    reasons, money, details = titles["Reasons"], titles["Money"], titles["Details"]
    assert f"subgraph cluster_section_{titles['Links']}" not in dot
    start = dot.index(f"subgraph cluster_section_{reasons} {{")
    inner = dot.index(f"subgraph cluster_section_{money} {{")
    innermost = dot.index(f"subgraph cluster_section_{details} {{")
    assert start < inner < innermost < dot.index(f"subgraph cluster_section_{titles['Objections']} {{")
    assert "cluster_section" not in to_dot(amap, sections=False)


def test_sections_left_unframed_when_they_cut_across_a_large_map() -> None:
    """By default a large map whose links mostly cross sections is drawn without frames."""
    summit = ROOT / "examples" / "summit" / "summit.arg"
    if not summit.exists():
        pytest.skip("the summit example is not there")
    amap = load(summit)
    assert "cluster_section" not in to_dot(amap)
    assert "cluster_section" in to_dot(amap, sections=True)


def test_legend_lists_only_what_occurs() -> None:
    """The key lists the kinds and link types drawn, and nothing else."""
    dot = to_dot(case("undercut_support"))
    key = dot[dot.index('"legend.key" [label=') :]
    key = key[: key.index("\n")]
    assert "PREMISE" in key and "OBJECTION" not in key.replace("UNDERCUT", "")
    assert ">supports<" in key and ">undercuts the step it ends on<" in key
    assert ">linked: only together<" not in key and ">attacks<" not in key and ">rebuts<" not in key
    assert "REBUTTAL" not in key and "ASSUMPTION" not in key
    full = to_dot(case("legend"))
    for words in ("supports", "linked: only together", "attacks", "rebuts", "undercuts the step it ends on"):
        assert f">{words}<" in full
    assert "legend.key" not in to_dot(case("legend"), legend=False)


def test_key_sits_beside_the_main_conclusion() -> None:
    """The key is one table in the main conclusion's rank, before it (left of it, or above it in LR)."""
    dot = to_dot(case("legend"))
    assert "subgraph cluster_legend" not in dot
    assert '{\n\t\trank=same\n\t\t"legend.key"\n\t\tm\n\t}' in dot
    assert '"legend.key" -> m [style=invis]' in dot


def test_a_tiny_map_has_no_key() -> None:
    """Below three claims there is nothing to look up: no key."""
    amap = argmap.resolve(argmap.parse("main conclusion c: Trees.\npremise a: Shade.\na -> c\n"))
    assert "legend.key" not in to_dot(amap)


@pytest.mark.parametrize(("attacked", "color"), [(False, "#009E73"), (True, "#D55E00")])
def test_the_keys_undercut_ends_on_the_kind_of_step_the_map_undercuts(attacked: bool, color: str) -> None:
    """Most undercuts in a real corpus hit an attack: the key's sample dot takes the colour of what is undercut."""
    arrow = "-x" if attacked else "->"
    amap = argmap.resolve(argmap.parse(
        f"main conclusion c: Trees help.\npremise a: Shade cools.\nobjection u: Not here.\na {arrow} c\nu -x (a {arrow} c)\n"
    ))
    key = next(line for line in to_dot(amap).splitlines() if '"legend.key" [label=' in line)
    sample = key[key.index(">undercuts the step") - 400 : key.index(">undercuts the step")]
    assert f'COLOR="{color}">&#9679;' in sample


def test_print_theme_is_black_and_white() -> None:
    """The print theme uses greys only; the lines are told apart by style."""
    dot = to_dot(case("legend"), theme="print")
    colours = set(re.findall(r"#[0-9A-Fa-f]{6}", dot))
    assert colours, "the print theme names its colours"
    for colour in colours:
        assert colour[1:3] == colour[3:5] == colour[5:7], f"{colour} is not a grey"
    default = set(re.findall(r"#[0-9A-Fa-f]{6}", to_dot(case("legend"))))
    assert {"#009E73", "#D55E00", "#CC79A7"} <= default


def test_every_theme_draws_every_look() -> None:
    """Both themes define every box look and every link look."""
    for theme in THEMES.values():
        assert set(theme.nodes) == set(THEMES["default"].nodes)
        assert set(theme.edges) == {"support", "attack", "rebuttal", "undercut"}


def test_classes_and_ids_for_css() -> None:
    """Each box carries an id and classes for its kind and roles; each link its type."""
    dot = to_dot(case("rebuttal"))
    line = next(line for line in dot.splitlines() if 'id="claim-grandpa"' in line)
    assert 'class="claim rebuttal premise"' in line
    assert 'class="link rebuttal"' in edge(dot, "grandpa", "nobody")


def test_bad_options_are_refused() -> None:
    """An unknown direction, theme or a negative depth is an error, not a silent default."""
    amap = case("linked")
    with pytest.raises(ValueError, match="direction"):
        to_dot(amap, direction="up")
    with pytest.raises(ValueError, match="theme"):
        to_dot(amap, theme="neon")
    with pytest.raises(FocusError, match="depth"):
        to_dot(amap, focus="rule", depth=-1)


# --- focus ---------------------------------------------------------------------


def test_focus_draws_the_neighbourhood() -> None:
    """--focus ID --depth N draws only the claims within N links, and says it is partial."""
    amap = case("legend")
    dot = to_dot(amap, focus="sub", depth=1)
    drawn = set(re.findall(r'id="claim-([^"]+)"', dot))
    # sub's reasons (a linked pair, drawn whole) and what it supports.
    assert drawn == {"sub", "p", "a", "m"}
    assert "partial view" in dot and "within 1 link of sub" in dot
    assert "links not shown" in dot  # m has reasons that are not drawn
    assert "peripheries=2" in next(line for line in dot.splitlines() if 'id="claim-sub"' in line)


def test_focus_reaches_an_undercut_through_the_link() -> None:
    """An undercut is one link away from both ends of the link it attacks."""
    amap = case("undercut_support")
    drawn = set(re.findall(r'id="claim-([^"]+)"', to_dot(amap, focus="queue", depth=1)))
    assert drawn == {"queue", "good", "only_cafe"}


def test_depth_alone_counts_from_the_main_conclusion() -> None:
    """--depth without --focus draws the top N levels below the main conclusion."""
    amap = case("legend")
    drawn = set(re.findall(r'id="claim-([^"]+)"', to_dot(amap, depth=1)))
    assert drawn == {"m", "sub", "k", "f", "r", "o", "u"}


def test_unknown_focus_suggests_an_id() -> None:
    """An unknown focus id is an error that suggests the closest id."""
    with pytest.raises(FocusError, match="did you mean 'sub'"):
        to_dot(case("legend"), focus="sbu")


# --- escaping --------------------------------------------------------------------


def test_hostile_text_is_escaped_once_in_dot() -> None:
    """Markup in claim text reaches DOT escaped, never as markup; backslashes are doubled."""
    dot = to_dot(case("hostile"), sections=True)  # one section: framed only when asked
    # Outside quoted strings (tooltips, where DOT reads < and > as plain characters)
    # the only markup is the label tables argmap writes, all in capitals.
    unquoted = re.sub(r'"(?:[^"\\]|\\.)*"', '""', dot)
    assert "<script" not in unquoted and "<b>" not in unquoted and "<!--" not in unquoted
    assert 'tooltip="<b>Section</b> & \\"more\\" {x|y}"' in dot
    assert "&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;" in dot
    assert "&amp;amp;" in dot  # the text "&amp;" is kept as text
    assert "\\\\N" in dot  # \N must not become the node's name


def test_tooltip_that_looks_like_html_stays_a_string() -> None:
    """A text shaped like <...> is quoted as a string in tooltips, not read as an HTML label."""
    amap = case("linked")
    amap = with_texts(amap, {"rule": "<b>x</b>"})
    line = next(line for line in to_dot(amap).splitlines() if 'id="claim-rule"' in line)
    assert 'tooltip="premise rule: <b>x</b>"' in line


# --- wrapping ---------------------------------------------------------------------


def test_wrap_keeps_lines_short() -> None:
    """Lines hold at most the width; a wide (CJK) character counts twice; long words break."""
    assert wrap("Trees cool streets by several degrees in summer.", 20) == [
        "Trees cool streets",
        "by several degrees",
        "in summer.",
    ]
    assert wrap("北京和莫斯科的联合声明", 10) == ["北京和莫斯", "科的联合声", "明"]
    assert wrap("a" * 25, 10) == ["a" * 10, "a" * 10, "a" * 5]
    assert wrap("line one\nline two", 40) == ["line one", "line two"]
    assert wrap("", 10) == [""]


def test_wrap_never_splits_an_emoji_sequence() -> None:
    """A family emoji (joined by ZWJ) and a skin tone stay on one line."""
    family = "👨\u200d👩\u200d👧"
    for width in range(2, 8):
        for line in wrap(f"{family} ✊🏽 {family}{family}", width):
            assert not line.startswith("\u200d") and not line.endswith("\u200d")
            assert not line.startswith("🏽")


def test_balanced_wrap_avoids_a_lonely_word() -> None:
    """Balanced wrapping uses as few lines, with no single short word left on the last."""
    lines = balanced_wrap("The Okafor family should adopt a dog.")
    assert len(lines) == 2 and min(len(line) for line in lines) > 10


@given(st.text(), st.integers(min_value=1, max_value=60))
def test_wrap_loses_no_character(text: str, width: int) -> None:
    """Wrapping only turns spaces and tabs into line breaks: every other character survives."""
    assert without_breaks("".join(wrap(text, width))) == without_breaks(text)
    assert without_breaks("".join(balanced_wrap(text, width))) == without_breaks(text)


# --- scale -----------------------------------------------------------------------


def test_a_thousand_claims_to_dot_quickly() -> None:
    """A map of 1,000 claims becomes DOT in well under a few seconds."""
    amap = argmap.resolve(argmap.parse(big_map(1000)))
    assert amap.ok and len(amap.claims) >= 1000
    start = time.perf_counter()
    dot = to_dot(amap)
    assert time.perf_counter() - start < 5
    assert dot.count('class="claim ') >= 1000


def _star(claims: int) -> argmap.ArgumentMap:
    lines = ["main conclusion c: The plan works."]
    for i in range(1, claims):
        lines += [f"premise p{i}: Reason number {i} holds.", f"p{i} -> c"]
    return argmap.resolve(argmap.parse("\n".join(lines) + "\n"), lint=False)


@pytest.mark.parametrize(
    ("claims", "expected"),
    [(300, {}), (301, {"nslimit": "2", "mclimit": "0.3"}), (601, {"nslimit": "0.01", "splines": "polyline"})],
)
def test_bigger_maps_ask_graphviz_for_less_layout_effort(claims: int, expected: dict[str, str]) -> None:
    """Layout time grows faster than the map: past 300 and 600 claims the settings get lighter."""
    source = to_dot(_star(claims))
    graph_line = next(line for line in source.splitlines() if line.lstrip().startswith("graph ["))
    for key, value in expected.items():
        assert f"{key}={value}" in graph_line
    if not expected:
        assert "nslimit" not in graph_line and "splines" not in graph_line


@pytest.mark.needs_dot
def test_an_overview_map_renders_cleanly() -> None:
    """The overview settings are ones Graphviz accepts without a warning, and every claim is drawn."""
    from argmap.drawing import FitWarning, render

    with pytest.warns(FitWarning, match="601 claims"):  # too big to read whole: it says so
        svg = render(_star(601), "svg").decode()
    assert len(set(re.findall(r'id="claim-(p\d+|c)"', svg))) == 601


@pytest.mark.needs_dot
def test_a_layout_that_takes_too_long_says_how_to_draw_a_part() -> None:
    """When dot runs out of time on a big map, the error says to draw a part of it."""
    from argmap.drawing import FitWarning, RenderError, render

    with (
        pytest.raises(RenderError, match=r"301 claims are too many .* --focus ID --depth N"),
        pytest.warns(FitWarning),
    ):
        render(_star(301), "svg", timeout=0.001)
