"""The themes meet WCAG 2.1: text contrast at least 4.5:1, lines at least 3:1, and colour is
never the only cue."""

from __future__ import annotations

import re

import pytest

from argmap.drawing import THEMES, Theme
from tests.render_support import contrast

OKABE_ITO = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"}


def test_contrast_formula() -> None:
    """The contrast helper gives WCAG's reference values (black on white is 21:1)."""
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast("#FFFFFF", "#FFFFFF") == pytest.approx(1)
    assert contrast("#0072B2", "#000000") == pytest.approx(4.05, abs=0.01)


@pytest.mark.parametrize("theme", THEMES.values(), ids=list(THEMES))
def test_text_contrast_at_least_4_5(theme: Theme) -> None:
    """Every box's text and header on its fill reaches 4.5:1 (WCAG 1.4.3)."""
    for name, look in theme.nodes.items():
        assert contrast(look.text, look.fill) >= 4.5, f"{theme.name} {name} text"
        assert contrast(look.header, look.fill) >= 4.5, f"{theme.name} {name} header"
    for name, edge in theme.edges.items():
        assert contrast(edge.label, theme.background) >= 4.5, f"{theme.name} {name} label"
    assert contrast(theme.cluster, theme.background) >= 4.5  # section titles are text too
    assert contrast(theme.title, theme.background) >= 4.5


@pytest.mark.parametrize("theme", THEMES.values(), ids=list(THEMES))
def test_lines_contrast_at_least_3(theme: Theme) -> None:
    """Links and box borders stand out from the page at 3:1 (WCAG 1.4.11)."""
    for name, edge in theme.edges.items():
        assert contrast(edge.color, theme.background) >= 3, f"{theme.name} {name} line"
    for name, look in theme.nodes.items():
        assert contrast(look.border, theme.background) >= 3, f"{theme.name} {name} border"


def test_default_lines_are_okabe_ito() -> None:
    """The default theme's link colours come from the colour-blind-safe Okabe–Ito palette."""
    assert {edge.color for edge in THEMES["default"].edges.values()} <= OKABE_ITO


@pytest.mark.parametrize("theme", THEMES.values(), ids=list(THEMES))
def test_link_types_differ_without_colour(theme: Theme) -> None:
    """Support and attack differ in line style and arrowhead; a rebuttal in line style too."""
    edges = theme.edges
    assert (edges["support"].style, edges["support"].arrowhead) == ("solid", "normal")
    for name in ("attack", "rebuttal", "undercut"):
        assert edges[name].style != "solid" and edges[name].arrowhead == "tee"
    assert edges["rebuttal"].style != edges["attack"].style
    assert theme.nodes["assumption"].dashed
    assert theme.nodes["main"].penwidth > max(
        look.penwidth for name, look in theme.nodes.items() if name != "main"
    )


def test_rendering_doc_explains_the_picture(capsys: pytest.CaptureFixture[str]) -> None:
    """docs/rendering.md explains every header, both themes and every option of argmap render."""
    from argmap.cli import main
    from argmap.drawing.key import NODE_LEGEND as _NODE_LEGEND
    from tests.render_support import ROOT

    page = (ROOT / "docs" / "rendering.md").read_text(encoding="utf-8")
    for header, _ in _NODE_LEGEND.values():
        assert f"**{header}**" in page, header
    for words in ("supports", "attacks", "rebuts", "undercuts", "linked", "junction", "self-graded"):
        assert words in page, words
    assert "--theme print" in page and "Okabe–Ito" in page
    assert main(["render", "--help"]) == 0
    options = set(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", capsys.readouterr().out))
    assert options - {"-h", "--help", "--output"} <= set(re.findall(r"(--?[a-z][a-z-]*)", page))
