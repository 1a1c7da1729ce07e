"""What the commands share: exit statuses, printing a check's report, writing an output whole.

The command line is the only code that prints or decides an exit status; the
library below it returns results and raises its own errors.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator, Sequence
from typing import TextIO

from argmap.analysis.check import FileResult, check_report, plural
from argmap.core.diagnostics import Severity

__all__ = [
    "EXIT_ENVIRONMENT",
    "EXIT_ERRORS",
    "EXIT_OK",
    "EXIT_USAGE",
    "MAP_SUFFIXES",
    "add_direction_option",
    "add_source_option",
    "dot_warnings_printed",
    "not_drawable",
    "print_report",
    "write_output",
]

EXIT_OK = 0
"""Done; a checked file is clean or has only warnings."""
EXIT_ERRORS = 1
"""An input file has errors (or warnings, with ``--strict``)."""
EXIT_USAGE = 2
"""Bad usage: an unknown option, a missing argument."""
EXIT_ENVIRONMENT = 3
"""An environment or I/O problem: a file that cannot be read or written, Graphviz missing."""

MAP_SUFFIXES = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot"}
"""The format of a drawn map by the output file's suffix."""


def print_report(
    results: Sequence[FileResult], out: TextIO, quiet: bool, strict: bool = False, every: bool = False
) -> None:
    """Print what checking found, as ``argmap check`` does (only errors when ``quiet``; each
    recurring warning in full when ``every``)."""
    out.write(check_report(results, quiet, strict, every))


def not_drawable(result: FileResult, command: str, stderr: TextIO) -> int | None:
    """Report on a file a command is about to draw: its errors in full, or one line that
    counts its warnings. The exit status when there is nothing to draw, else None."""
    warned = result.count(Severity.WARNING)
    if result.count(Severity.ERROR):
        print_report([result], stderr, quiet=False)
    elif warned:  # the map is drawn; one line points at the details
        print(f"argmap {command}: {result.path}: {plural(warned, 'warning')} "
              f"('argmap check {result.path}' shows them)", file=stderr)
    if result.unreadable:
        return EXIT_ENVIRONMENT
    if result.map is None or not result.map.ok:
        return EXIT_ERRORS
    return None


@contextlib.contextmanager
def dot_warnings_printed(command: str, stderr: TextIO) -> Iterator[None]:
    """Graphviz's warnings during the block, printed after it as the command's own."""
    import warnings

    from argmap.drawing import DotWarning, FitWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DotWarning)
        warnings.simplefilter("always", FitWarning)
        yield
    for warning in caught:
        print(f"argmap {command}: warning: {warning.message}", file=stderr)


def write_output(output: str, data: bytes, stdout: TextIO, stderr: TextIO, command: str) -> bool:
    """Write an artefact to ``output`` (``-`` is standard output) whole or not at all.

    False, with the reason on ``stderr``, when it cannot be written.
    """
    from argmap.core.files import write_atomic

    try:
        if output == "-":
            stdout.flush()
            buffer = getattr(stdout, "buffer", None)
            if buffer is not None:
                buffer.write(data)
                buffer.flush()
            else:
                stdout.write(data.decode("utf-8"))
        else:
            write_atomic(output, data)
    except OSError as exc:
        print(f"argmap {command}: cannot write {output}: {exc.strerror or exc}", file=stderr)
        return False
    return True


def add_direction_option(parser: argparse.ArgumentParser) -> None:
    """The --direction flag of the commands that draw a map."""
    parser.add_argument(
        "--direction", choices=("auto", "BT", "TB", "LR", "RL"), default="auto",
        help="where the arrows point, from reasons to conclusion: BT puts the main conclusion at the top, "
        "TB at the bottom, LR at the right, RL at the left; auto (default): BT, or LR for a wide, "
        "shallow map whose text BT would make too small to read",
    )


def add_source_option(parser: argparse.ArgumentParser) -> None:
    """The --allow-outside-source flag, shared by the commands that read a map's source text."""
    parser.add_argument(
        "--allow-outside-source",
        action="store_true",
        help="let the header's source: point outside the .arg file's folder",
    )
