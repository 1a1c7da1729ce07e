"""The reading view's HTML (``argmap.annotate``) and ``argmap annotate``: every quote is
marked where the source has it, everything from the map and the source is escaped once,
the page loads nothing, and what is missing is said on the page."""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import argmap
from argmap.cli import main
from argmap.drawing import DEFAULT_THEME
from argmap.reading import CONTENT_SECURITY_POLICY, annotate

ROOT = Path(__file__).resolve().parent.parent
SUMMIT = ROOT / "examples" / "summit" / "summit.arg"

pytestmark = pytest.mark.needs_dot

# Elements HTML never closes; every other element opened must be closed.
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


class Page(HTMLParser):
    """A strict-enough reading of a page: nesting, elements by id, text by element, scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.by_id: dict[str, dict[str, str]] = {}
        self.text_of: dict[str, str] = {}
        self._open_ids: list[tuple[int, str]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self._script: dict[str, str] | None = None
        self._script_text: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.elements.append((tag, attributes))
        if "id" in attributes:
            if attributes["id"] in self.by_id:
                self.errors.append(f"duplicate id {attributes['id']}")
            self.by_id[attributes["id"]] = attributes
            self._open_ids.append((len(self.stack), attributes["id"]))
            self.text_of[attributes["id"]] = ""
        if tag == "script":
            self._script = attributes
            self._script_text = []
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
            return
        self.stack.pop()
        while self._open_ids and self._open_ids[-1][0] >= len(self.stack):
            self._open_ids.pop()
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._script_text)))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)
            return
        self.text.append(data)
        for _, element_id in self._open_ids:
            self.text_of[element_id] += data


def parse_page(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    assert parser.errors == []
    assert parser.stack == []
    return parser


def quote_text(page: Page, claim: str) -> str:
    """The text of a claim's quote as the page marks it: its first piece and the pieces after it."""
    return page.text_of[f"q-{claim}"]


def write_map(folder: Path, arg: str, source: str | None = None, name: str = "map.arg") -> Path:
    if source is not None:
        (folder / "source.txt").write_text(source, encoding="utf-8")
    path = folder / name
    path.write_text(arg, encoding="utf-8")
    return path


def load(path: Path) -> argmap.ArgumentMap:
    return argmap.resolve(argmap.load(str(path)))


@pytest.fixture(scope="module")
def summit() -> tuple[argmap.ArgumentMap, str, Page]:
    amap = argmap.check(str(SUMMIT))
    page = annotate(amap)
    return amap, page, parse_page(page)


# --- the seed example ------------------------------------------------------------------------


def test_every_found_quote_is_marked_with_its_exact_source_text(summit: tuple[argmap.ArgumentMap, str, Page]) -> None:
    """Each claim whose quote was found has a focusable first piece, and its pieces together
    are exactly the stretch of source the quote matched."""
    amap, page, parsed = summit
    grounding = amap.grounding
    assert grounding is not None and grounding.matches
    pieces: dict[str, str] = {}
    for claim_id in grounding.matches:
        first = parsed.by_id[f"q-{claim_id}"]
        assert first["data-claim"] == claim_id
        assert first["tabindex"] == "0" and first["role"] == "button"
        assert first["aria-controls"] == f"claim-{claim_id}"
        pieces[claim_id] = ""
    # Rebuild each quote from the page: the pieces of a claim, in order.
    collector = _Pieces()
    collector.feed(page)
    for claim_id, match in grounding.matches.items():
        assert collector.text[claim_id] == grounding.text[match.start : match.end], claim_id


class _Pieces(HTMLParser):
    """Concatenates the text inside every element with data-claim, per claim (innermost counts once)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str | None] = []
        self.text: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        claim = attributes.get("data-claim") if ("q" in classes or "gap" in classes) else None
        if tag not in VOID:
            self.stack.append(claim)

    def handle_endtag(self, tag: str) -> None:
        if self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        for claim in dict.fromkeys(c for c in self.stack if c is not None):
            self.text[claim] = self.text.get(claim, "") + data


def test_the_map_is_inlined_and_its_boxes_are_buttons(summit: tuple[argmap.ArgumentMap, str, Page]) -> None:
    """Every claim's box is a focusable button naming the claim; the SVG is a group, not an image."""
    amap, _, parsed = summit
    assert parsed.by_id["map-svg"]["role"] == "group"
    for claim in amap.claims:
        box = parsed.by_id[f"claim-{claim.id}"]
        assert box["tabindex"] == "0" and box["role"] == "button" and box["data-claim"] == claim.id
        assert claim.id in box["aria-label"]


def test_colours_are_the_renderers_theme(summit: tuple[argmap.ArgumentMap, str, Page]) -> None:
    """A quote is highlighted in its box's colours: the CSS carries the theme's fill and border."""
    _, page, parsed = summit
    premise = DEFAULT_THEME.nodes["premise"]
    assert f".k-premise{{--fill:{premise.fill};--line:{premise.border}" in page
    assert "k-premise" in parsed.by_id["q-minority"]["class"]


def test_coverage_and_unmapped_sentences_are_listed(summit: tuple[argmap.ArgumentMap, str, Page]) -> None:
    """The guide states the coverage and links every uncovered sentence with indicator words."""
    amap, page, parsed = summit
    assert amap.grounding is not None
    coverage = amap.grounding.coverage()
    assert f"{coverage.covered} of {coverage.sentences} sentences" in page
    for number, sentence in enumerate(coverage.uncovered_with_indicators, start=1):
        marked = parsed.by_id[f"u-{number}"]
        assert "unmapped" in marked["class"]
        assert f'href="#u-{number}"' in page
        assert "unmapped-line" in parsed.by_id[f"L{sentence.line}"]["class"]


def test_the_page_loads_nothing(summit: tuple[argmap.ArgumentMap, str, Page]) -> None:
    """No src, no external href, no url() or @import, and a policy that forbids every load."""
    _, page, parsed = summit
    for tag, attributes in parsed.elements:
        assert not {"src", "srcset", "action", "poster", "background"} & set(attributes), tag
        for name in ("href", "xlink:href"):
            assert attributes.get(name, "#").startswith("#"), (tag, name, attributes[name])
    assert "url(" not in page and "@import" not in page
    policies = [a["content"] for _, a in parsed.elements if a.get("http-equiv") == "Content-Security-Policy"]
    assert policies == [CONTENT_SECURITY_POLICY]
    assert "default-src 'none'" in CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY.split("script-src")[1].split(";")[0]


def test_the_script_is_the_one_the_policy_allows(summit: tuple[argmap.ArgumentMap, str, Page]) -> None:
    """The page's only executable script is the fixed one whose hash is in the policy; data
    travels as JSON."""
    import base64
    import hashlib

    _, _, parsed = summit
    executable = [text for attributes, text in parsed.scripts if attributes.get("type") != "application/json"]
    assert len(executable) == 1
    digest = base64.b64encode(hashlib.sha256(executable[0].encode("utf-8")).digest()).decode()
    assert f"'sha256-{digest}'" in CONTENT_SECURITY_POLICY
    data = [text for attributes, text in parsed.scripts if attributes.get("type") == "application/json"]
    assert json.loads(data[0])["main"] == "blueprint"


# --- escaping ---------------------------------------------------------------------------------

HOSTILE_SOURCE = (
    "Hostile text <script>window.__pwned = 1; alert(1)</script> is here in the source.\n"
    'An image <img src="http://127.0.0.1:9/x.png" onerror="window.__pwned=2"> here, and a closing '
    "</script><script>window.__pwned=3</script> tag too.\n"
    "Quotes \"double\" and 'single' & ampersands \\ backslashes \\N and &amp; entities.\n"
    "RTL: שלום עולם and مرحبا بالعالم are greetings. CJK: 北京和莫斯科的联合声明 is a joint statement.\n"
    "A bell\x07 rings here in the text, and a \u2028 separator.\n"
    "We should act now because the rain will surely come soon.\n"
)

HOSTILE_MAP = """title: </title><script>window.__pwned=5</script> & "quotes"
author: <b onmouseover="window.__pwned=6">Mallory</b>
source: source.txt

main conclusion c: <script>window.__pwned=4</script> is shown as text.
  quote: <script>window.__pwned = 1; alert(1)</script>
premise a: An <img src=x onerror="window.__pwned=7"> tag & "quotes" 'too'.
  quote: <img src="http://127.0.0.1:9/x.png" onerror="window.__pwned=2">
premise b: A closing </script> tag ]]> <!-- and --> a comment.
  quote: </script><script>window.__pwned=3</script>
premise d: Backslashes \\ and \\\\N stay.
  quote: "double" and 'single' & ampersands \\ backslashes \\N
premise e: שלום עולם and 北京 are text.
  quote: שלום עולם and مرحبا … 北京和莫斯科的联合声明
a, b, d, e -> c
"""


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    return write_map(tmp_path, HOSTILE_MAP, HOSTILE_SOURCE)


def test_hostile_source_and_claims_are_text(hostile: Path) -> None:
    """Markup in the source, the claims and the header reaches the page only as text: the
    parsed page has exactly our two scripts and no element the user wrote."""
    amap = load(hostile)
    assert amap.ok
    page = annotate(amap)
    parsed = parse_page(page)
    tags = [tag for tag, _ in parsed.elements]
    assert tags.count("script") == 2
    assert "img" not in tags and "b" not in tags
    assert not [a for _, a in parsed.elements if any(name.startswith("on") for name in a)]
    text = "".join(parsed.text)
    assert '<script>window.__pwned = 1; alert(1)</script>' in text
    assert '<img src="http://127.0.0.1:9/x.png" onerror="window.__pwned=2">' in text
    assert "</title><script>window.__pwned=5</script>" in text
    assert quote_text(parsed, "c") == "<script>window.__pwned = 1; alert(1)</script>"
    assert quote_text(parsed, "b") == "</script><script>window.__pwned=3</script>"
    # Backslashes are not doubled in the text (only DOT needs that), and &amp; stays literal.
    assert "ampersands \\ backslashes \\N and &amp; entities." in text
    # A control character is shown, never passed through.
    assert "\x07" not in page and "bell<U+0007> rings" in text
    assert "שלום עולם" in text and "北京和莫斯科的联合声明" in text


def test_the_data_blob_cannot_end_its_element(hostile: Path) -> None:
    """The JSON for the script has no <, > or & in it, yet decodes to the claims' exact text."""
    page = annotate(load(hostile))
    blob = re.search(r'<script type="application/json" id="argmap-data">(.*?)</script>', page, re.S)
    assert blob is not None
    assert not set("<>&") & set(blob.group(1))
    data = json.loads(blob.group(1))
    assert data["claims"]["c"]["label"] == "main conclusion c: <script>window.__pwned=4</script> is shown as text."


def test_escaped_exactly_once(tmp_path: Path) -> None:
    """An ampersand written as &amp; in a claim shows as &amp;, not &: one escape, not zero or two."""
    path = write_map(
        tmp_path,
        "source: source.txt\nmain conclusion c: Salt &amp; pepper & more.\n  quote: Salt &amp; pepper\n",
        "Salt &amp; pepper is what the recipe says.\n",
    )
    parsed = parse_page(annotate(load(path)))
    assert "Salt &amp; pepper & more." in parsed.by_id["claim-c"]["aria-label"]
    assert quote_text(parsed, "c") == "Salt &amp; pepper"


# --- quotes: gaps, nesting, crossing, duplicates -----------------------------------------------


def test_gaps_nesting_and_crossing_quotes(tmp_path: Path) -> None:
    """An ellipsis gap is its own element; a quote inside another nests; quotes that cross are
    split, and each claim's pieces still spell its passage."""
    source = "Trees cool the streets in summer, and shade cuts the cost of cooling homes by a lot.\n"
    arg = """source: source.txt
main conclusion c: Trees save money.
  quote: Trees cool … cost of cooling homes
premise a: Trees cool streets.
  quote: cool the streets in summer
premise b: Shade lowers cooling costs.
  quote: summer, and shade cuts
a, b -> c
"""
    amap = load(write_map(tmp_path, arg, source))
    page = annotate(amap)
    parsed = parse_page(page)
    collector = _Pieces()
    collector.feed(page)
    assert amap.grounding is not None
    for claim_id, match in amap.grounding.matches.items():
        assert collector.text[claim_id] == source[match.start : match.end]
    gaps = [a for t, a in parsed.elements if "gap" in a.get("class", "").split()]
    assert gaps and all(a["data-claim"] == "c" for a in gaps)
    assert '<span class="gap k-main" data-claim="c"' in page


def test_a_repeated_phrase_is_marked_at_the_chosen_occurrence(tmp_path: Path) -> None:
    """`occurrence: 2` highlights the second of two identical passages, on its line."""
    source = "Prices will rise.\nSomething else happens in between here.\nPrices will rise.\n"
    arg = "source: source.txt\nmain conclusion c: Prices rise again.\n  quote: Prices will rise\n  occurrence: 2\n"
    page = annotate(load(write_map(tmp_path, arg, source)))
    assert parse_page(page).text_of["q-c"] == "Prices will rise"
    line3 = page.split('id="L3"')[1].split("</div></div>")[0]
    assert 'id="q-c"' in line3


# --- graceful degradation ---------------------------------------------------------------------


def test_no_source_says_so_and_lists_the_quotes(tmp_path: Path) -> None:
    """A map without source: a notice, the quotes listed unchecked, and the map."""
    arg = "main conclusion c: Trees matter.\n  quote: trees matter a lot\npremise a: Shade.\na -> c\n"
    parsed = parse_page(annotate(load(write_map(tmp_path, arg))))
    text = " ".join("".join(parsed.text).split())
    assert "names no source text" in text
    assert "trees matter a lot" in parsed.text_of["q-c"]
    assert "claim-a" in parsed.by_id
    assert "could not be checked" in parsed.by_id["claim-c"]["aria-label"]


def test_unreadable_source_says_so(tmp_path: Path) -> None:
    """A source that cannot be read: the page names it and points at argmap check."""
    arg = "source: missing.txt\nmain conclusion c: Trees matter.\n  quote: trees\n"
    parsed = parse_page(annotate(load(write_map(tmp_path, arg))))
    text = " ".join("".join(parsed.text).split())
    assert "The source text missing.txt could not be read" in text


def test_a_quote_not_found_is_listed(tmp_path: Path) -> None:
    """A claim whose quote is not in the source (an error for argmap check) is listed by the
    guide, and its box says so; the other quotes are still marked."""
    source = "Trees cool streets in summer.\n"
    arg = "source: source.txt\nmain conclusion c: Trees matter.\n  quote: Trees cool streets\npremise a: Rain.\n  quote: it rains a lot\na -> c\n"
    amap = load(write_map(tmp_path, arg, source))
    assert not amap.ok
    parsed = parse_page(annotate(amap))
    assert "Quotes not found in the text (1)" in "".join(parsed.text)
    assert "was not found" in parsed.by_id["claim-a"]["aria-label"]
    assert parsed.text_of["q-c"] == "Trees cool streets"
    assert "q-a" not in parsed.by_id


def test_assumptions_are_listed_as_unstated(tmp_path: Path) -> None:
    """An assumption has no place in the text: the guide lists it as unstated."""
    source = "Trees cool streets in summer.\n"
    arg = "source: source.txt\nmain conclusion c: Plant trees.\npremise a: Trees cool streets.\n  quote: Trees cool streets\nassumption b: Cool is good.\na + b -> c\n"
    parsed = parse_page(annotate(load(write_map(tmp_path, arg, source))))
    assert "Unstated assumptions (1)" in "".join(parsed.text)
    assert "unstated" in parsed.by_id["claim-b"]["aria-label"]


def test_an_empty_source(tmp_path: Path) -> None:
    """An empty source file gives a page (one empty line), not a crash."""
    parsed = parse_page(annotate(load(write_map(tmp_path, "source: source.txt\nmain conclusion c: Trees.\n", ""))))
    assert "L1" in parsed.by_id


# --- the command ------------------------------------------------------------------------------


def run(argv: list[str]) -> tuple[int, bytes, str]:
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="utf-8")
    err = io.StringIO()
    status = main(argv, out, err)
    out.flush()
    return status, raw.getvalue(), err.getvalue()


GOOD = "source: source.txt\nmain conclusion c: Cities should plant trees.\n  quote: plant more trees\npremise a: Trees cool streets.\n  quote: Trees cool streets\na -> c\n"
GOOD_SOURCE = "Trees cool streets in summer. So cities should plant more trees.\n"


def test_cli_default_output_is_the_file_as_html(tmp_path: Path) -> None:
    """`argmap annotate FILE` writes FILE.html beside it and prints nothing."""
    path = write_map(tmp_path, GOOD, GOOD_SOURCE)
    status, out, err = run(["annotate", str(path)])
    assert (status, out, err) == (0, b"", "")
    assert path.with_suffix(".html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cli_output_to_a_file_and_to_stdout(tmp_path: Path) -> None:
    """-o names the page; -o - writes it to standard output."""
    path = write_map(tmp_path, GOOD, GOOD_SOURCE)
    target = tmp_path / "reading.html"
    assert run(["annotate", str(path), "-o", str(target)])[0] == 0
    status, out, _ = run(["annotate", str(path), "-o", "-"])
    assert status == 0 and out.decode("utf-8") == target.read_text(encoding="utf-8")


def test_cli_errors_are_printed_like_check_and_nothing_is_written(tmp_path: Path) -> None:
    """A file with errors: check's diagnostics on stderr, exit 1, no page."""
    path = write_map(tmp_path, GOOD + "b -> c\n", GOOD_SOURCE)
    status, out, err = run(["annotate", str(path)])
    assert status == 1 and out == b""
    assert "error:" in err and "argmap check: 1 file checked" in err
    assert not path.with_suffix(".html").exists()


def test_cli_source_outside_the_folder_needs_the_flag(tmp_path: Path) -> None:
    """A source outside the map's folder is refused (exit 1) unless --allow-outside-source."""
    (tmp_path / "source.txt").write_text(GOOD_SOURCE, encoding="utf-8")
    inner = tmp_path / "maps"
    inner.mkdir()
    path = write_map(inner, GOOD.replace("source: source.txt", "source: ../source.txt"))
    status, _, err = run(["annotate", str(path)])
    assert status == 1 and "[Q005]" in err
    status, _, err = run(["annotate", str(path), "--allow-outside-source"])
    assert status == 0 and err == ""
    assert 'id="q-c"' in path.with_suffix(".html").read_text(encoding="utf-8")


def test_cli_without_dot_exits_3(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without Graphviz: the renderer's message, exit 3, and an old page left as it was."""
    path = write_map(tmp_path, GOOD, GOOD_SOURCE)
    old = path.with_suffix(".html")
    old.write_text("old", encoding="utf-8")
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    status, _, err = run(["annotate", str(path)])
    assert status == 3 and "Graphviz's dot is not installed" in err
    assert old.read_text(encoding="utf-8") == "old"


def test_cli_unreadable_file_exits_3(tmp_path: Path) -> None:
    """A FILE that cannot be read: exit 3, as for argmap check."""
    status, _, err = run(["annotate", str(tmp_path / "nope.arg")])
    assert status == 3 and "there is no such file" in err


def test_cli_no_source_still_writes_a_page(tmp_path: Path) -> None:
    """A map with no source: the page is written, and a note says the quotes are unchecked."""
    path = write_map(tmp_path, "main conclusion c: Trees.\npremise a: Shade.\na -> c\n")
    status, _, err = run(["annotate", str(path)])
    assert status == 0 and "names no 'source:'" in err
    assert "names no source text" in path.with_suffix(".html").read_text(encoding="utf-8")


def test_every_passage_of_a_claim_is_highlighted_and_labelled(tmp_path: Path) -> None:
    """A claim with two quotes is highlighted at both; the second passage is labelled but is no second tab stop."""
    (tmp_path / "text.txt").write_text(
        "Cities should plant more trees. Shade cools the streets in summer.\n\n"
        "In short, cities should plant more trees.\n",
        encoding="utf-8",
    )
    path = tmp_path / "map.arg"
    path.write_text(
        "source: text.txt\nmain conclusion c: Cities should plant more trees.\n"
        "  quote: Cities should plant more trees\n  quote: In short, cities should plant more trees\n"
        "premise a: Shade cools the streets.\n  quote: Shade cools the streets in summer\na -> c\n",
        encoding="utf-8",
    )
    page = annotate(argmap.check(str(path)))
    assert page.count('class="q first k-main" id="q-c"') == 1
    assert page.count('class="q again k-main" data-claim="c"') == 1
    assert "quoted on lines 1 and 3 of the text" in page


def test_the_printed_map_page_is_big_enough_to_read() -> None:
    """The map's printed page is A4, or A3 when A4 would shrink its text under 5 pt, turned as fits best."""
    summit = annotate(argmap.check(str(ROOT / "examples" / "summit" / "summit.arg")))
    assert "@page map{size:A3 landscape}" in summit
    small = annotate(argmap.check(str(ROOT / "examples" / "teaching" / "undercut.arg")))
    assert "@page map{size:A4 landscape}" in small
