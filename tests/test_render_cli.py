"""``argmap render``: formats and outputs, errors as ``argmap check`` prints them, exit codes,
atomic writes and ``--watch``."""

from __future__ import annotations

import io
import os
import stat
import time
from pathlib import Path

import pytest

from argmap.cli import main
from argmap.core.files import write_atomic
from tests.render_support import CASES

GOOD = "title: Trees\nmain conclusion c: Cities should plant more trees.\npremise a: Trees cool streets.\na -> c\n"
BROKEN = GOOD + "b -> c\n"


def run(argv: list[str]) -> tuple[int, bytes, str]:
    """Run the CLI; standard output as bytes (maps can be binary), standard error as text."""
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="utf-8")
    err = io.StringIO()
    status = main(argv, out, err)
    out.flush()
    return status, raw.getvalue(), err.getvalue()


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "trees.arg"
    path.write_text(GOOD, encoding="utf-8")
    return path


def _no_dot(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir(exist_ok=True)
    monkeypatch.setenv("PATH", str(empty))


# --- formats and where they go ---------------------------------------------------------


@pytest.mark.needs_dot
def test_default_output_is_the_file_as_svg(good: Path) -> None:
    """`argmap render FILE` writes FILE.svg beside it and prints nothing."""
    status, out, err = run(["render", str(good)])
    assert (status, out, err) == (0, b"", "")
    assert good.with_suffix(".svg").read_bytes().startswith(b"<?xml")


@pytest.mark.needs_dot
@pytest.mark.parametrize(("suffix", "magic"), [(".png", b"\x89PNG"), (".pdf", b"%PDF"), (".svg", b"<?xml")])
def test_format_from_the_output_name(good: Path, tmp_path: Path, suffix: str, magic: bytes) -> None:
    """-o out.png / out.pdf / out.svg picks the format from the suffix."""
    target = tmp_path / f"map{suffix}"
    assert run(["render", str(good), "-o", str(target)])[0] == 0
    assert target.read_bytes().startswith(magic)


def test_dot_output_needs_no_graphviz(good: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """-o map.dot writes the DOT text, with or without Graphviz installed."""
    _no_dot(monkeypatch, tmp_path)
    target = tmp_path / "map.dot"
    assert run(["render", str(good), "-o", str(target)])[0] == 0
    assert target.read_text(encoding="utf-8").startswith("digraph argmap {")


@pytest.mark.needs_dot
def test_dash_writes_to_standard_output(good: Path) -> None:
    """-o - writes the map to standard output (SVG unless --format says otherwise)."""
    status, out, _ = run(["render", str(good), "-o", "-"])
    assert status == 0 and out.startswith(b"<?xml")
    status, out, _ = run(["render", str(good), "-o", "-", "--format", "png"])
    assert status == 0 and out.startswith(b"\x89PNG")


def test_format_flag_overrides_the_suffix(good: Path, tmp_path: Path) -> None:
    """--format wins over the output's suffix."""
    target = tmp_path / "map.txt"
    assert run(["render", str(good), "-o", str(target), "--format", "dot"])[0] == 0
    assert target.read_text(encoding="utf-8").startswith("digraph")


def test_unknown_suffix_is_a_usage_error(good: Path, tmp_path: Path) -> None:
    """An output name whose format cannot be told is refused with exit 2."""
    status, _, err = run(["render", str(good), "-o", str(tmp_path / "map.jpg")])
    assert status == 2 and "cannot tell the format" in err


def test_options_reach_the_drawing(good: Path) -> None:
    """--direction, --theme, --no-legend, --no-sections reach the DOT text."""
    status, out, _ = run(
        ["render", str(good), "-o", "-", "--format", "dot", "--direction", "LR", "--theme", "print", "--no-legend"]
    )
    dot = out.decode("utf-8")
    assert status == 0 and "rankdir=LR" in dot and "cluster_legend" not in dot and "#009E73" not in dot


def test_focus_and_depth(tmp_path: Path) -> None:
    """--focus and --depth draw part of the map; an unknown id is a usage error."""
    path = CASES / "legend.arg"
    status, out, _ = run(["render", str(path), "-o", "-", "--format", "dot", "--focus", "sub", "--depth", "1"])
    assert status == 0 and b"partial view" in out and b'id="claim-k"' not in out
    status, _, err = run(["render", str(path), "-o", str(tmp_path / "x.dot"), "--focus", "nope"])
    assert status == 2 and "no claim has the id 'nope'" in err
    assert not (tmp_path / "x.dot").exists()


# --- errors ----------------------------------------------------------------------------


def test_file_with_errors_is_not_rendered(tmp_path: Path) -> None:
    """A file with errors prints its diagnostics exactly as `argmap check` does, exits 1, writes nothing."""
    path = tmp_path / "broken.arg"
    path.write_text(BROKEN, encoding="utf-8")
    status, out, err = run(["render", str(path)])
    check_status, _, check_err = run(["check", str(path)])
    assert status == check_status == 1
    assert err == check_err and "N001" in err
    assert out == b""
    assert not path.with_suffix(".svg").exists()


def test_missing_dot_exits_3_and_says_what_to_install(
    good: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without dot: exit 3, a message naming Graphviz and how to install it, no output file."""
    _no_dot(monkeypatch, tmp_path)
    status, out, err = run(["render", str(good), "-o", str(tmp_path / "map.png")])
    assert status == 3 and out == b""
    assert "Graphviz's dot is not installed" in err and "apt-get install graphviz" in err
    assert "scripts/setup" in err
    assert not (tmp_path / "map.png").exists()


def test_failed_render_leaves_the_old_file_whole(good: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When dot fails the old output stays as it was and no temporary file is left behind."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "dot"
    fake.write_text('#!/bin/sh\ncat >/dev/null\necho "Error: out of memory" >&2\nexit 2\n', encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", str(bin_dir))
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "map.svg"
    target.write_bytes(b"old map")
    status, _, err = run(["render", str(good), "-o", str(target)])
    assert status == 3 and "out of memory" in err
    assert target.read_bytes() == b"old map"
    assert sorted(p.name for p in out_dir.iterdir()) == ["map.svg"]


def test_unreadable_file_exits_3(tmp_path: Path) -> None:
    """A file that cannot be read is reported as check reports it, with exit 3."""
    status, _, err = run(["render", str(tmp_path / "nowhere.arg")])
    assert status == 3 and "F001" in err


# --- atomic writes ------------------------------------------------------------------------


def test_write_atomic_replaces_whole_and_keeps_mode(tmp_path: Path) -> None:
    """write_atomic replaces the content, keeps an existing file's mode, leaves no temp file."""
    target = tmp_path / "map.svg"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["map.svg"]


def test_write_atomic_new_file_honours_umask(tmp_path: Path) -> None:
    """A new file gets 0666 less the umask, not a temporary file's 0600."""
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.svg", b"data")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.svg").stat().st_mode) == 0o644


def test_write_atomic_failure_leaves_nothing(tmp_path: Path) -> None:
    """If the write cannot finish, the target is untouched and no temporary file remains."""
    target = tmp_path / "map.svg"
    target.write_bytes(b"old")

    with pytest.raises(TypeError):
        write_atomic(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["map.svg"]


# --- --watch ------------------------------------------------------------------------------


def test_watch_redraws_and_reports_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--watch draws on each change, reports errors without exiting, and Ctrl-C exits 0."""
    source = tmp_path / "trees.arg"
    source.write_text(GOOD, encoding="utf-8")
    target = tmp_path / "trees.dot"
    edits = [BROKEN, GOOD.replace("Trees cool streets.", "Trees cool streets in summer.")]
    polls = {"count": 0}

    def fake_sleep(seconds: float) -> None:
        assert seconds == 0.5
        polls["count"] += 1
        if polls["count"] > len(edits) * 2:
            raise KeyboardInterrupt
        if polls["count"] % 2 == 1:  # change the file every other poll
            source.write_text(edits[polls["count"] // 2], encoding="utf-8")
            stamp = time.time() + polls["count"]
            os.utime(source, (stamp, stamp))

    monkeypatch.setattr(time, "sleep", fake_sleep)
    status, _, err = run(["render", str(source), "-o", str(target), "--watch"])
    assert status == 0
    assert "watching" in err
    assert "N001" in err  # the broken version was reported...
    assert err.count(f"wrote {target}") == 2  # ...and the first and the fixed versions drawn
    assert "in summer" in target.read_text(encoding="utf-8")


def test_watch_needs_real_files(good: Path) -> None:
    """--watch with standard input or output is a usage error."""
    status, _, err = run(["render", str(good), "-o", "-", "--watch"])
    assert status == 2 and "--watch" in err
