"""Shared by the test_render_*.py files: case files, golden cases, map builders, SVG helpers."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

import argmap
from argmap.analysis import ArgumentMap

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).parent / "render_cases"
GOLDEN = Path(__file__).parent / "golden" / "render"
EXAMPLES = sorted((ROOT / "examples").glob("**/*.arg"))
RENDER_CASES = sorted(CASES.glob("*.arg"))

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


def load(path: Path) -> ArgumentMap:
    """A case or example file, resolved; it must have no errors."""
    amap = argmap.check(str(path))
    assert amap.ok, [d.message for d in amap.errors]
    return amap


def case(name: str) -> ArgumentMap:
    return load(CASES / f"{name}.arg")


def _example_name(path: Path) -> str:
    return "example-" + "-".join(path.relative_to(ROOT / "examples").with_suffix("").parts)


def golden_cases() -> list[tuple[str, Path, Mapping[str, Any]]]:
    """(golden name, input file, to_dot options): every example and every render case with
    default options, and the variants that pin themes, directions, legend, sections and focus."""
    cases: list[tuple[str, Path, Mapping[str, Any]]] = []
    for path in EXAMPLES:
        cases.append((_example_name(path), path, {}))
    for path in RENDER_CASES:
        cases.append((path.stem, path, {}))
    variants: list[tuple[str, str, Mapping[str, Any]]] = [
        ("legend", "print", {"theme": "print"}),
        ("legend", "no-legend", {"legend": False}),
        ("rebuttal", "print", {"theme": "print"}),
        ("undercut_attack", "print", {"theme": "print"}),
        ("linked", "TB", {"direction": "TB"}),
        ("linked", "LR", {"direction": "LR"}),
        ("sections", "no-sections", {"sections": False}),
        ("legend", "focus-sub-1", {"focus": "sub", "depth": 1}),
        ("legend", "depth-1", {"depth": 1}),
    ]
    for stem, variant, options in variants:
        cases.append((f"{stem}.{variant}", CASES / f"{stem}.arg", options))
    summit = ROOT / "examples" / "summit" / "summit.arg"
    if summit.exists():
        cases.append(("example-summit-summit.print", summit, {"theme": "print"}))
        cases.append(("example-summit-summit.focus-revolt-1", summit, {"focus": "revolt", "depth": 1}))
        cases.append(("example-summit-summit.sections", summit, {"sections": True}))
    return cases


def with_texts(amap: ArgumentMap, texts: Mapping[str, str], quote: str | None = None) -> ArgumentMap:
    """The map with some claims' texts replaced (and their quote set), as a program could
    build it: the parser would reject control characters, the renderer must not."""
    claims = []
    for claim in amap.claims:
        if claim.id in texts:
            properties = tuple(p for p in claim.properties if p.key != "quote")
            if quote is not None:
                span = claim.span
                properties += (argmap.Property.spanning("quote", quote, claim.source, span, span),)
            claim = attrs.evolve(claim, text=texts[claim.id], properties=properties)
        claims.append(claim)
    return attrs.evolve(amap, claims=tuple(claims), by_id={claim.id: claim for claim in claims})


def svg_root(svg: bytes) -> ET.Element:
    """The SVG parsed as XML: fails the test if it is not well-formed."""
    return ET.fromstring(svg)


def group(root: ET.Element, element_id: str) -> ET.Element:
    for element in root.iter(f"{SVG}g"):
        if element.get("id") == element_id:
            return element
    raise AssertionError(f"no <g id={element_id!r}> in the SVG")


def texts(element: ET.Element) -> str:
    """All the visible text inside an element, concatenated in document order."""
    return "".join(text.text or "" for text in element.iter(f"{SVG}text"))


_BREAKS = re.compile("[ \t\r\n\u2028\u2029]")


def without_breaks(text: str) -> str:
    """``text`` without the characters a line may be wrapped at (which wrapping drops)."""
    return _BREAKS.sub("", text)


def big_map(n: int = 1000) -> str:
    """A map of ``n`` claims: a tree of reasons three wide, with linked pairs, objections
    and undercuts sprinkled through it."""
    lines = ["title: A generated map of many claims", "main conclusion c0: The main conclusion."]
    links: list[str] = []
    for i in range(1, n):
        parent = f"c{(i - 1) // 3}"
        if i % 40 == 0:
            lines.append(f"objection c{i}: Objection number {i} against {parent}.")
            links.append(f"c{i} -x {parent}")
        elif i % 9 == 5 and links and links[-1] == f"c{i - 1} -> {parent}":
            lines.append(f"assumption c{i}: Assumption number {i}, needed by c{i - 1}.")
            links[-1] = f"c{i - 1} + c{i} -> {parent}"
        else:
            lines.append(f"premise c{i}: Premise number {i}, a reason for {parent}.")
            links.append(f"c{i} -> {parent}")
    claims = n
    for i in range(1, n, 97):
        link = f"c{i} -> c{(i - 1) // 3}"
        if link in links and claims < n + 10:
            lines.append(f"objection u{i}: An undercut of the link from c{i}.")
            links.append(f"u{i} -x ({link})")
            claims += 1
    return "\n".join(lines + links) + "\n"


def relative_luminance(color: str) -> float:
    """WCAG 2.1 relative luminance of ``#RRGGBB``."""
    channels = []
    for start in (1, 3, 5):
        value = int(color[start : start + 2], 16) / 255
        channels.append(value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(foreground: str, background: str) -> float:
    """WCAG 2.1 contrast ratio, from 1 to 21."""
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
