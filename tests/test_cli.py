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
    assert f"{tmp_path / 'nope.arg'}: error: there is no such file [F001]" in err
    assert "argmap check: 1 file checked, 1 could not be read, 1 error, 0 warnings (failed)" in err


def test_a_folder_is_named_a_folder(tmp_path: Path) -> None:
    """A folder given as a file is one line naming the problem, with no line and column, and not 'checked'."""
    status, _, err = run(["check", str(tmp_path)])
    assert status == 3
    assert err.splitlines() == [
        f"{tmp_path}: error: this is a folder, not a file: name the .arg files in it ({tmp_path}/*.arg) [F001]",
        "argmap check: 0 files checked, 1 could not be read, 1 error, 0 warnings (failed)",
    ]


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


def test_an_unknown_option_gets_the_commands_usage_and_a_suggestion() -> None:
    """`check --frmat` is the check command's usage error, with the option it probably meant."""
    status, _, err = run(["check", "--frmat", "json", "x.arg"])
    assert status == 2
    assert err.startswith("usage: argmap check ")
    assert "argmap check: error: unrecognized arguments: --frmat: did you mean --format?" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["codes", "--markdown"],
        ["check", "--format", "json", "examples/summit/summit.arg"],
        ["render", "examples/teaching/undercut.arg", "-o", "-", "--format", "dot"],
    ],
)
def test_a_full_standard_output_is_one_line_and_exit_3(argv: list[str]) -> None:
    """Output that cannot be written (a full disk: /dev/full) says so in one line and exits 3, no traceback."""
    root = Path(__file__).resolve().parent.parent
    with open("/dev/full", "w") as full:
        completed = subprocess.run(
            [sys.executable, "-m", "argmap", *argv], stdout=full, stderr=subprocess.PIPE, text=True, cwd=root, check=False
        )
    assert completed.returncode == 3
    assert "Traceback" not in completed.stderr
    assert "No space left on device" in completed.stderr.strip().splitlines()[-1]


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


def test_strict_says_failed_where_it_fails(files: dict[str, Path]) -> None:
    """Under --strict a file with warnings exits 1, and both the summary and the JSON say it failed."""
    status, _, err = run(["check", "--strict", str(files["warns"])])
    assert status == 1
    assert err.rstrip().endswith("(failed: --strict counts warnings)")
    status, out, _ = run(["check", "--strict", "--format", "json", str(files["warns"])])
    report = json.loads(out)
    assert status == 1 and report["ok"] is False and report["strict"] is True
    assert report["files"][0]["ok"] is False
    status, out, _ = run(["check", "--format", "json", str(files["warns"])])
    assert status == 0 and json.loads(out)["ok"] is True


def test_json_positions_have_one_shape(files: dict[str, Path]) -> None:
    """Every diagnostic and every note carries the same position keys; a note that points nowhere has them null."""
    _, out, _ = run(["check", "--format", "json", str(files["warns"])])
    keys = {"file", "line", "column", "end_line", "end_column", "start", "end"}
    diagnostics = json.loads(out)["files"][0]["diagnostics"]
    notes = [note for diagnostic in diagnostics for note in diagnostic["notes"]]
    assert diagnostics and notes
    assert all(keys <= set(diagnostic) for diagnostic in diagnostics)
    assert all(set(note) == keys | {"message"} for note in notes)


def test_recurring_warnings_are_printed_once_with_their_places(tmp_path: Path) -> None:
    """A warning that recurs is printed once with the lines of the others; --all prints each; errors never group."""
    claims = "".join(f"premise p{n}: Reason number {n}.\n" for n in range(5))
    text = "main conclusion c: Cities should plant trees.\n" + claims + "zz -> c\nyy -> c\nxx -> c\n"
    path = tmp_path / "many.arg"
    path.write_text(text, encoding="utf-8")
    status, _, err = run(["check", "--no-lint", str(path)])
    assert status == 1
    assert err.count("[G005]\n") == 1
    assert "= and 4 more like this [G005], on lines 3, 4, 5, 6 ('argmap check --all' prints each)" in err
    assert err.count("[N001]\n") == 3  # errors are each printed in full
    _, _, every = run(["check", "--no-lint", "--all", str(path)])
    assert every.count("[G005]\n") == 5 and "more like this" not in every
    _, out, _ = run(["check", "--no-lint", "--format", "json", str(path)])
    assert [d["code"] for d in json.loads(out)["files"][0]["diagnostics"]].count("G005") == 5


def test_the_command_line_can_be_profiled(tmp_path: Path) -> None:
    """`python -m cProfile -o FILE -m argmap check …` writes its profile: argmap exits normally under a profiler."""
    import pstats

    root = Path(__file__).resolve().parent.parent
    profile = tmp_path / "check.prof"
    completed = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "argmap", "check", "examples/teaching/undercut.arg"],
        capture_output=True, text=True, cwd=root, check=False,
    )
    assert completed.returncode == 0, completed.stderr
    stats = pstats.Stats(str(profile))
    assert any("resolve" in function for _, _, function in stats.stats)  # type: ignore[attr-defined]
