"""The atlas of a big map (argmap render --atlas): every claim on one page, every page reachable.

Real ``dot`` throughout: the folder is drawn, then read back as a reader's browser
would follow it (the SVG links, the index page).
"""

from __future__ import annotations

import io
import re
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import argmap
from argmap.cli import main
from argmap.core.files import FOLDER_MARK
from argmap.drawing import MAX_DRAWN, TooBigError, plan_atlas, render, render_atlas
from argmap.drawing.atlas import plan_parts
from argmap.reading import annotate
from tests.render_support import SVG, XLINK, big_map

pytestmark = pytest.mark.needs_dot


def sectioned(n: int, per: int, hostile: bool = False) -> str:
    """big_map(n) with its claims under headings of ``per`` claims each (links after them all)."""
    lines = big_map(n).splitlines()
    head, claims, links = lines[:1], [], []
    for line in lines[1:]:
        (links if " -> " in line or " -x " in line else claims).append(line)
    out = list(head)
    for number, start in enumerate(range(0, len(claims), per)):
        title = f'Part <b>"{number}"</b> & <script>alert(1)</script>' if hostile else f"Topic {number}"
        out += [f"## {title}", *claims[start : start + per]]
    return "\n".join([*out, "## Links", *links]) + "\n"


def _read(folder: Path) -> dict[str, ET.Element]:
    return {path.name: ET.parse(path).getroot() for path in sorted(folder.glob("*.svg"))}


def _boxes(root: ET.Element) -> dict[str, ET.Element]:
    return {g.get("id", "")[len("claim-") :]: g for g in root.iter(f"{SVG}g") if g.get("id", "").startswith("claim-")}


def _links(element: ET.Element) -> set[str]:
    """Where the element's links lead (a tooltip's <a> has no href)."""
    return {a.get(f"{XLINK}href", "") for a in element.iter(f"{SVG}a")} - {""}


@pytest.mark.parametrize("with_sections", [True, False])
def test_every_claim_is_on_one_page_and_every_page_is_reachable(tmp_path: Path, with_sections: bool) -> None:
    """Each claim is drawn in full on exactly one page; a stub on another page links to that page;
    the overview links to every page and every page back to it; index.html lists them all."""
    text = sectioned(400, 60) if with_sections else big_map(400)
    amap = argmap.resolve(argmap.parse(text))
    folder = tmp_path / "atlas"
    atlas = render_atlas(amap, str(folder), page_claims=80)
    pages = _read(folder)
    assert set(pages) == {"overview.svg", *(f"{page.name}.svg" for page in atlas.pages)}
    assert len(atlas.pages) >= (7 if with_sections else 5)
    home: dict[str, str] = {}
    for name, root in pages.items():
        if name == "overview.svg":
            continue
        for claim_id, box in _boxes(root).items():
            if "stub" not in box.get("class", "").split():
                assert claim_id not in home, f"{claim_id} drawn on {home.get(claim_id)} and {name}"
                home[claim_id] = name
        assert "overview.svg" in _links(root)  # the title leads back
    assert set(home) == {claim.id for claim in amap.claims}
    for name, root in pages.items():
        for claim_id, box in _boxes(root).items():
            if "stub" in box.get("class", "").split():
                assert _links(box) == {home[claim_id]}, f"stub {claim_id} on {name}"
    overview_links = _links(pages["overview.svg"])
    assert overview_links == {f"{page.name}.svg" for page in atlas.pages}
    index = (folder / "index.html").read_text(encoding="utf-8")
    for page in atlas.pages:
        assert f'href="{page.name}.svg"' in index
    assert (folder / FOLDER_MARK).exists()


def test_parts_follow_sections_and_are_cut_to_size() -> None:
    """Top-level sections are parts; a section bigger than the limit is cut, in source order; claims
    outside sections are grouped by the branch of the main conclusion they belong to."""
    amap = argmap.resolve(argmap.parse(sectioned(300, 100)))
    parts = plan_parts(amap, limit=40)
    assert [part.title for part in parts][:4] == ["Topic 0 (1 of 3)", "Topic 0 (2 of 3)", "Topic 0 (3 of 3)", "Topic 1 (1 of 3)"]
    assert all(len(part.claims) <= 40 for part in parts)
    assert sorted(claim_id for part in parts for claim_id in part.claims) == sorted(c.id for c in amap.claims)
    flat = argmap.resolve(argmap.parse(big_map(120)))
    page_of = {claim_id: part.name for part in plan_parts(flat, limit=50) for claim_id in part.claims}

    def branch(claim_id: str) -> str:  # big_map: c{i} is a reason for c{(i - 1) // 3}
        number = int(claim_id[1:])
        while number > 3:
            number = (number - 1) // 3
        return f"c{number}"

    # The main conclusion c0 has the reasons c1, c2, c3, about 40 claims each: each branch stays on one page.
    for top in ("c1", "c2", "c3"):
        assert len({page_of[c.id] for c in flat.claims if c.id.startswith("c") and c.id != "c0" and branch(c.id) == top}) == 1


def test_hostile_titles_and_texts_are_escaped(tmp_path: Path) -> None:
    """Section titles and claims with markup, quotes and ampersands come out as text on the pages and the index."""
    amap = argmap.resolve(argmap.parse(sectioned(120, 40, hostile=True)))
    folder = tmp_path / "atlas"
    render_atlas(amap, str(folder), page_claims=50)
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in index and "&lt;script&gt;alert(1)&lt;/script&gt;" in index
    for path in folder.glob("*.svg"):
        svg = path.read_text(encoding="utf-8")
        assert "<script" not in svg and "<b>" not in svg
        ET.fromstring(svg)  # well-formed
    overview = ET.parse(folder / "overview.svg").getroot()
    shown = " ".join(text.text or "" for text in overview.iter(f"{SVG}text"))
    assert '<b>"0"</b>' in shown or "Part <b>" in shown


def test_a_folder_argmap_did_not_write_is_left_alone(tmp_path: Path) -> None:
    """--atlas into a folder holding someone's files fails (exit 3) and changes nothing; its own folder is replaced."""
    path = tmp_path / "map.arg"
    path.write_text(sectioned(60, 20), encoding="utf-8")
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me", encoding="utf-8")
    err = io.StringIO()
    assert main(["render", str(path), "--atlas", str(folder)], io.StringIO(), err) == 3
    assert "did not write" in err.getvalue()
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    atlas = tmp_path / "atlas"
    for _ in range(2):  # the second run replaces the first
        err = io.StringIO()
        assert main(["render", str(path), "--atlas", str(atlas)], io.StringIO(), err) == 0, err.getvalue()
        assert "wrote" in err.getvalue() and (atlas / "index.html").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary folder left


def test_atlas_does_not_go_with_single_picture_options(tmp_path: Path) -> None:
    """--atlas with -o or --focus is a usage error (exit 2), said before any work."""
    path = tmp_path / "map.arg"
    path.write_text(sectioned(30, 10), encoding="utf-8")
    err = io.StringIO()
    assert main(["render", str(path), "--atlas", str(tmp_path / "a"), "-o", "x.svg"], io.StringIO(), err) == 2
    assert "does not go with -o" in err.getvalue()


def test_a_map_too_big_for_one_picture_is_refused_at_once() -> None:
    """Drawing more than MAX_DRAWN claims as one picture fails before dot runs, pointing to --atlas and --focus; DOT is still written."""
    amap = argmap.resolve(argmap.parse(big_map(MAX_DRAWN + 1)))
    started = time.perf_counter()
    with pytest.raises(TooBigError, match=r"--atlas FOLDER.*--focus ID"):
        render(amap, "svg")
    assert time.perf_counter() - started < 60  # no dot: not the 120 s timeout
    assert render(amap, "dot").startswith(b"digraph")
    assert render(amap, "svg", focus="c1", depth=1).startswith(b"<?xml")


def test_reading_view_of_a_big_map_draws_the_part_around_the_thesis() -> None:
    """A map over 1,000 claims shows, in the reading view's map pane, the main conclusion and what is within two links, and says where the rest is."""
    amap = argmap.resolve(argmap.parse(big_map(1200)))
    page = annotate(amap)
    assert "too many to draw here" in page and "--atlas FOLDER" in page
    drawn = set(re.findall(r'id="claim-([^"]+)"', page))
    assert {"c0", "c1", "c4", "c12"} <= drawn  # c0, its reasons, theirs
    assert "c13" not in drawn and len(drawn) < 100
    small = annotate(argmap.resolve(argmap.parse(big_map(40))))
    assert "too many to draw here" not in small


def test_plan_is_pure() -> None:
    """plan_atlas makes the same DOT for the same map twice (no dot run)."""
    amap = argmap.resolve(argmap.parse(sectioned(100, 30)))
    first, second = plan_atlas(amap, limit=40), plan_atlas(amap, limit=40)
    assert [p.drawing.source for p in first.pages] == [p.drawing.source for p in second.pages]
    assert first.overview.drawing.source == second.overview.drawing.source
