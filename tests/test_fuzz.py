"""The whole pipeline on hostile and extreme input: parse -> resolve -> DOT.

Every input either succeeds or ends in the project's own error with a
position: never another exception, never a hang. Hypothesis runs a short,
fixed-seed pass here (the "ci" profile); `scripts/fuzz` runs it for longer
with fresh seeds.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap.drawing import MAX_FRAME_DEPTH, to_dot
from argmap.language.grammar import MAX_NESTING
from argmap.language.parser import decode

from .conftest import ROOT

# The "ci" and "long" profiles are registered in conftest.py.

SEEDS = sorted([*(ROOT / "examples").rglob("*.arg"), *(ROOT / "tests" / "cases" / "valid").rglob("*.arg")])


def pipeline(data: bytes) -> str:
    """Run the whole pipeline; return 'syntax', 'errors' or 'ok'. Anything else escaping is a bug."""
    try:
        text = decode(data, "fuzz.arg")
        document = argmap.parse(text, "fuzz.arg")
    except argmap.ArgmapSyntaxError as exc:
        span = exc.diagnostic.span
        assert exc.diagnostic.code.startswith("S")
        assert span.line >= 1 and span.column >= 1
        assert exc.format().startswith("fuzz.arg:")
        return "syntax"
    amap = argmap.resolve(document, check_source=False)
    for diagnostic in amap.diagnostics:
        assert diagnostic.span.line >= 1
    if not amap.ok:
        return "errors"
    dot = to_dot(amap)
    assert dot.startswith("digraph")
    return "ok"


def _mutate(lines: list[str], data: st.DataObject) -> bytes:
    operation = data.draw(st.sampled_from(["delete", "duplicate", "swap", "truncate", "bytes", "text"]))
    text = "\n".join(lines)
    if operation == "truncate":
        raw = text.encode("utf-8")
        return raw[: data.draw(st.integers(0, len(raw)))]
    if operation == "bytes":
        raw = bytearray(text.encode("utf-8"))
        at = data.draw(st.integers(0, len(raw)))
        raw[at:at] = data.draw(st.binary(min_size=1, max_size=8))
        return bytes(raw)
    i = data.draw(st.integers(0, len(lines) - 1))
    j = data.draw(st.integers(0, len(lines) - 1))
    if operation == "delete":
        del lines[i]
    elif operation == "duplicate":
        lines.insert(j, lines[i])
    elif operation == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    else:
        lines.insert(i, data.draw(st.text(max_size=20)))
    return "\n".join(lines).encode("utf-8")


@given(st.sampled_from(SEEDS), st.data())
def test_mutated_files_go_through_the_whole_pipeline(path: Path, data: st.DataObject) -> None:
    """Deleted, duplicated, swapped or garbled lines, truncation and random bytes: the project's error or a map."""
    lines = path.read_text(encoding="utf-8").split("\n")
    assert pipeline(_mutate(lines, data)) in ("syntax", "errors", "ok")


@pytest.mark.parametrize("path", SEEDS[:12], ids=lambda p: p.name)
def test_truncated_at_every_position(path: Path) -> None:
    """A file cut off anywhere never escapes the project's errors.

    CI cuts at about 400 evenly spaced places of each file; the long fuzz run
    (scripts/fuzz) cuts at every byte.
    """
    raw = path.read_bytes()
    step = 1 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else max(1, len(raw) // 400)
    for end in range(0, len(raw) + 1, step):
        assert pipeline(raw[:end]) in ("syntax", "errors", "ok")


def test_a_one_megabyte_line() -> None:
    """A claim whose text is a single line of a million characters parses and draws."""
    text = "main conclusion c: " + "word " * 200_000 + "\n"
    assert pipeline(text.encode()) == "ok"


def test_deeply_nested_sections() -> None:
    """Sections nested 1,500 deep (the # count is the level) parse, resolve and draw.

    Frames nest at most MAX_FRAME_DEPTH deep in the drawing; a deeper section's
    claims are drawn in its ancestor at that depth (this once overflowed the stack).
    """
    depth = 1_500
    lines = ["#" * (level + 1) + f" Level {level}" for level in range(1, depth + 1)]
    lines.append("main conclusion c: The deepest claim.")
    text = "\n".join(lines)
    amap = argmap.resolve(argmap.parse(text))
    assert len(amap.document.sections) == depth
    assert amap.document.sections[-1].level == depth
    assert pipeline(text.encode()) == "ok"
    for sections in (None, True):
        dot = to_dot(amap, sections=sections)
        assert dot.count("subgraph cluster_section") == MAX_FRAME_DEPTH
        assert "claim-c" in dot


def test_deepest_undercut_nesting_and_one_more() -> None:
    """Undercuts nest up to the limit; one level deeper is a clear S015 error, not a crash."""

    def nested(levels: int) -> str:
        claims = "\n".join(f"objection u{i}: Objection {i}." for i in range(levels))
        inner = "a -> c"
        for i in range(levels):
            inner = f"u{i} -x ({inner})"
        return f"main conclusion c: C.\npremise a: A.\n{claims}\na -> c\n{inner}\n"

    assert pipeline(nested(MAX_NESTING).encode()) in ("ok", "errors")
    with pytest.raises(argmap.ArgmapSyntaxError) as caught:
        argmap.parse(nested(MAX_NESTING + 1))
    assert caught.value.diagnostic.code == "S015"


def test_a_cycle_of_100000_links() -> None:
    """A single circle through 100,000 claims is found, without recursion, and reported once."""
    n = 100_000
    lines = ["main conclusion m: M."] + [f"conclusion c{i}: Claim {i}." for i in range(n)]
    lines += [f"c{i} -> c{(i + 1) % n}" for i in range(n)] + ["c0 -> m"]
    amap = argmap.resolve(argmap.parse("\n".join(lines)), lint=False)
    assert [d.code for d in amap.errors] == ["G002"]


def test_only_comments_and_odd_files() -> None:
    """Only comments: a warning; invalid UTF-8: S004; ending inside a construct: a syntax error."""
    assert pipeline(b"# just a comment\n# and another\n") == "ok"
    assert pipeline(b"main conclusion c: caf\xe9\n") == "syntax"
    for cut in (b"main conclusion c: C.\na -> (b -> ", b"premise a", b"main conclusion c: C.\na +", b"##"):
        assert pipeline(cut) in ("syntax", "errors", "ok")


def test_no_hang_on_pathological_regex_input() -> None:
    """Long runs of the characters the lexer's patterns care about finish quickly (no catastrophic backtracking)."""
    chunks = ("\\" * 50_000, " " * 50_000 + "#", "-" * 50_000, "a-" * 25_000, "(" * 20_000, "\t \t" * 20_000)
    # Blank lines and runs of words before a '#': the scanner's whole-claim lookahead and its text pattern.
    chunks += ("\n" * 50_000 + "  x", "\n  " * 30_000 + "#", "a " * 25_000 + "#", "\n  quote: y" * 10_000 + " #")
    for chunk in chunks:
        start = time.monotonic()
        pipeline(("main conclusion c: " + chunk + "\n").encode())
        pipeline(chunk.encode())
        assert time.monotonic() - start < 30  # a hang guard, not a speed test
