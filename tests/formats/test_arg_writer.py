"""The canonical .arg writer: what it writes parses back to the same map, and its layout is fixed."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap.core.model import ClaimKind, LinkType
from argmap.formats.arg import clean_text, escape_text, write_arg
from argmap.formats.records import (
    ClaimRecord,
    LinkRecord,
    MapRecord,
    SectionRecord,
    StepRecord,
    from_document,
)
from argmap.language.format import format_text
from tests.conftest import ROOT

from .maps import MAPS, maps

EXISTING = sorted(
    [*(ROOT / "examples").rglob("*.arg"), *(ROOT / "tests" / "cases" / "valid").rglob("*.arg"),
     *(ROOT / "tests" / "cases" / "resolve").rglob("*.arg")],
    key=str,
)


@pytest.mark.parametrize("path", EXISTING, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_map_in_the_repository_survives_writing(path: Path) -> None:
    """Each example and test case, written by the writer, parses to the same records and is as argmap fmt has it."""
    record = from_document(argmap.load(path))
    written = write_arg(record)
    assert from_document(argmap.parse(written, "again.arg")) == record
    assert format_text(written, "again.arg") == written


@MAPS
@given(maps())
def test_generated_maps_survive_writing(record: MapRecord) -> None:
    """Any map (hostile texts, Unicode ids, nested sections, every kind of link) parses back unchanged."""
    written = write_arg(record)
    assert from_document(argmap.parse(written, "written.arg")) == record
    assert write_arg(from_document(argmap.parse(written, "written.arg"))) == written


@MAPS
@given(maps())
def test_what_the_writer_writes_is_already_in_argmap_fmts_layout(record: MapRecord) -> None:
    """argmap fmt changes nothing in a written map: imports come out in the canonical layout."""
    written = write_arg(record)
    assert format_text(written, "written.arg") == written


@given(st.text(max_size=60))
def test_any_text_is_written_so_that_it_reads_back_cleaned(text: str) -> None:
    """Any string as claim text, label, property and heading: the parser reads exactly clean_text() of it."""
    cleaned, _ = clean_text(text)
    if not cleaned:
        return
    record = MapRecord(
        header=(("title", text),),
        sections=(SectionRecord(text, 1, None),),  # a heading's title: any space at its ends goes
        claims=(ClaimRecord("a", ClaimKind.PREMISE, text, properties=(("note", text),), section=0),
                ClaimRecord("c", ClaimKind.CONCLUSION, "C.", True, section=0)),
        links=(LinkRecord(("a",), False, LinkType.SUPPORT, "c", text),),
    )
    document = argmap.parse(write_arg(record), "text.arg")
    assert document.header[0].value == cleaned
    assert document.sections[0].title == cleaned.strip()  # a heading drops any white space at its ends
    assert document.claims[0].text == cleaned
    assert document.claims[0].properties[0].value == cleaned
    assert document.links[0].label == cleaned


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Plain text.", "Plain text."),
        ("#hashtag first", "\\#hashtag first"),
        ("a #tag after a space", "a \\#tag after a space"),
        ("C# and No#1 need nothing", "C# and No#1 need nothing"),
        ("C:\\Users needs nothing", "C:\\Users needs nothing"),
        ("a \\# escaped already", "a \\\\# escaped already"),
        ("two \\\\ backslashes", "two \\\\\\ backslashes"),
        ("ends with a backslash \\", "ends with a backslash \\"),
        ("line\nbreaks\r\nbecome\u2028spaces", "line breaks become spaces"),
        ("a bell\x07 is dropped", "a bell is dropped"),
        ("  padded  ", "padded"),
    ],
)
def test_escaping_follows_the_language_reference(text: str, written: str) -> None:
    """'#' after a space or first is escaped, a backslash before '#' or '\\' doubled, nothing else touched."""
    assert escape_text(text) == written


def test_the_layout_is_header_claims_by_section_then_links() -> None:
    """The canonical layout: comments, header, unsectioned claims, each section, links; undercuts nested."""
    record = MapRecord(
        header=(("title", "Trees"),),
        sections=(SectionRecord("Reasons", 1, None), SectionRecord("Details", 2, 0)),
        claims=(
            ClaimRecord("c", ClaimKind.CONCLUSION, "Plant trees.", True),
            ClaimRecord("a", ClaimKind.PREMISE, "Trees cool.", properties=(("by", "author"),), section=0),
            ClaimRecord("b", ClaimKind.ASSUMPTION, "Cool is good.", section=1),
            ClaimRecord("u", ClaimKind.OBJECTION, "Not always.", section=1),
        ),
        links=(
            LinkRecord(("a", "b"), True, LinkType.SUPPORT, "c", "together", (("note", "n"),)),
            LinkRecord(("u",), False, LinkType.ATTACK, StepRecord(("a", "b"), True, LinkType.SUPPORT, "c")),
        ),
        comments=("Imported from trees.json.",),
    )
    assert write_arg(record) == (
        "# Imported from trees.json.\n"
        "\n"
        "title: Trees\n"
        "\n"
        "main conclusion c: Plant trees.\n"
        "\n"
        "## Reasons\n"
        "premise a: Trees cool.\n"
        "  by: author\n"
        "\n"
        "### Details\n"
        "assumption b: Cool is good.\n"
        "objection u: Not always.\n"
        "\n"
        "a + b -> c: together\n"
        "  note: n\n"
        "u -x (a + b -> c)\n"
    )


def test_an_empty_map_is_still_a_file_argmap_reads() -> None:
    """A map with no claims (an empty AIF file) is written as a comment, which parses to no claims."""
    text = write_arg(MapRecord())
    assert from_document(argmap.parse(text, "empty.arg")) == MapRecord()
