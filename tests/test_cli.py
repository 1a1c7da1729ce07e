"""The command line: exit codes, output formats, several files, standard input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from argmap import __version__
from argmap.cli import main

GOOD = (
    "main conclusion c: Cities should plant more trees.\npremise a: Trees cool streets.\n"
    "assumption b: Cooler streets are worth what trees cost.\na + b -> c\n"
)
WARNS = GOOD + "premise lonely: Nobody links me.\n"
BROKEN = "premis a: Trees cool streets.\n"
RESOLVE_ERROR = GOOD + "zz -> c\n"


def run(argv: list[str], stdin: str | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    if stdin is not None:
        old = sys.stdin
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8")
        try:
            status = main(argv, out, err)
        finally:
            sys.stdin = old
    else:
        status = main(argv, out, err)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    made = {}
    for name, text in {"good": GOOD, "warns": WARNS, "broken": BROKEN, "resolve": RESOLVE_ERROR}.items():
        made[name] = tmp_path / f"{name}.arg"
        made[name].write_text(text, encoding="utf-8")
    return made


def test_clean_file_exits_zero_with_a_summary(files: dict[str, Path]) -> None:
    """A clean file: exit 0, and a one-line summary on standard error."""
    status, out, err = run(["check", str(files["good"])])
    assert status == 0
    assert out == ""
    assert err.strip() == "argmap check: 1 file checked, 0 errors, 0 warnings (ok)"


def test_warnings_pass_unless_strict(files: dict[str, Path]) -> None:
    """Warnings alone exit 0; --strict makes them fail with 1."""
    status, _, err = run(["check", str(files["warns"])])
    assert status == 0
    assert f"{files['warns']}:5:9: warning: 'lonely' is not linked to any other claim [G005]" in err
    assert run(["check", "--strict", str(files["warns"])])[0] == 1


def test_syntax_error_is_compiler_style_with_caret(files: dict[str, Path]) -> None:
    """A syntax error prints path:line:col, the source line and a caret; exit 1; no traceback."""
    status, _, err = run(["check", str(files["broken"])])
    assert status == 1
    lines = err.splitlines()
    assert lines[0] == f"{files['broken']}:1:1: error: unknown claim kind 'premis': did you mean 'premise'? [S002]"
    assert lines[1] == "    1 | premis a: Trees cool streets."
    assert lines[2] == "      | ^~~~~~"
    assert "Traceback" not in err


def test_several_files_are_all_checked_even_when_one_is_broken(files: dict[str, Path]) -> None:
    """One broken file does not stop the others from being checked and reported."""
    status, _, err = run(["check", str(files["broken"]), str(files["warns"]), str(files["resolve"])])
    assert status == 1
    assert "[S002]" in err and "[G005]" in err and "[N001]" in err
    assert "3 files checked, 2 errors, 1 warning (failed)" in err


def test_missing_file_is_an_environment_error(files: dict[str, Path], tmp_path: Path) -> None:
    """A file that cannot be read exits 3, and the other files are still checked."""
    status, _, err = run(["check", str(tmp_path / "nope.arg"), str(files["good"])])
    assert status == 3
    assert "nope.arg:1:1: error: cannot read the file: No such file or directory [F001]" in err


def test_standard_input(files: dict[str, Path]) -> None:
    """'-' reads the file from standard input and names it <stdin>."""
    status, _, err = run(["check", "-"], stdin=RESOLVE_ERROR)
    assert status == 1
    assert "<stdin>:5:1: error: no claim has the id 'zz'" in err


def test_json_format(files: dict[str, Path]) -> None:
    """--format json prints machine-readable diagnostics with positions and codes."""
    status, out, _ = run(["check", "--format", "json", str(files["resolve"]), str(files["broken"])])
    assert status == 1
    report = json.loads(out)
    first, second = report["files"]
    assert first["ok"] is False and first["errors"] == 1
    (diagnostic,) = first["diagnostics"]
    assert diagnostic["code"] == "N001" and diagnostic["name"] == "unknown-id"
    assert (diagnostic["line"], diagnostic["column"], diagnostic["end_column"]) == (5, 1, 3)
    assert second["diagnostics"][0]["code"] == "S002"
    assert report["errors"] == 2


def test_bad_usage_exits_two() -> None:
    """Unknown options and missing arguments are usage errors: exit 2."""
    assert run(["check"])[0] == 2
    assert run(["check", "--bogus", "x.arg"])[0] == 2
    assert run(["frobnicate"])[0] == 2


def test_version() -> None:
    """--version prints the package version."""
    completed = subprocess.run(
        [sys.executable, "-m", "argmap", "--version"], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0
    assert completed.stdout.strip() == f"argmap {__version__}"


def test_codes_command_explains_a_code() -> None:
    """`argmap codes N001` explains the code; an unknown code is a usage error."""
    status, out, _ = run(["codes", "N001"])
    assert status == 0 and out.startswith("N001 unknown-id (error):")
    assert run(["codes", "Z999"])[0] == 2


def test_console_script_runs_as_a_process(files: dict[str, Path]) -> None:
    """python -m argmap check works as a separate process, with the right exit status."""
    completed = subprocess.run(
        [sys.executable, "-m", "argmap", "check", str(files["resolve"])],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 1
    assert "[N001]" in completed.stderr


def test_quiet_prints_errors_only_and_says_so(files: dict[str, Path]) -> None:
    """-q hides warnings and notes, and the summary says they were hidden."""
    status, _, err = run(["check", "-q", str(files["warns"])])
    assert status == 0
    assert "[G005]" not in err
    assert err.strip().endswith("1 warning (ok; only errors shown)")
