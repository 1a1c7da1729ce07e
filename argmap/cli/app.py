"""The ``argmap`` command line: ``main(argv) -> exit status``.

Exit statuses: 0 clean (or warnings only), 1 errors in an input file,
2 bad usage, 3 an environment or I/O problem. Diagnostics go to standard
error; artefacts (JSON, maps) to standard output or ``-o``.

Each command is a module of this package with a ``register(commands)`` that
adds its parser and handler: :mod:`~argmap.cli.check`,
:mod:`~argmap.cli.predictions`, :mod:`~argmap.cli.codes`,
:mod:`~argmap.cli.render`, :mod:`~argmap.cli.evaluate`, :mod:`~argmap.cli.teach` (compare, grade, quiz)
and :mod:`~argmap.cli.annotate`. What they share is :mod:`~argmap.cli.common`.
A command module imports what its work needs inside its handler, so that
``argmap check`` starts without loading Graphviz, the reading view or the
teaching code.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from argmap import __version__

from . import annotate, check, codes, evaluate, predictions, render, teach
from .common import EXIT_OK, EXIT_USAGE

__all__ = ["build_parser", "main", "main_entry"]


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, sized without importing shutil (6 ms of every start)."""

    def __init__(self, prog: str) -> None:
        import os

        try:
            width = int(os.environ["COLUMNS"])
        except (KeyError, ValueError):
            try:
                width = os.get_terminal_size(sys.__stdout__.fileno() if sys.__stdout__ else 1).columns
            except (OSError, ValueError):
                width = 80
        super().__init__(prog, width=max(width - 2, 20))


class _Parser(argparse.ArgumentParser):
    """argparse that exits with status 2 through an exception we can catch in tests."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise _UsageError(f"{self.prog}: error: {message}")


class _UsageError(Exception):
    pass


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``argmap`` command."""
    parser = _Parser(
        prog="argmap",
        description="Map the structure of arguments: check .arg files and draw them.",
    )
    parser.add_argument("--version", action="version", version=f"argmap {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True
    for command in (check, predictions, codes, render, evaluate, teach, annotate):
        command.register(commands)
    return parser


def main(
    argv: Sequence[str] | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run the command line; returns the exit status."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except _UsageError as exc:
        print(exc, file=err)
        return EXIT_USAGE
    except SystemExit as exc:  # --help and --version exit through argparse
        return int(exc.code or 0)
    try:
        status: int = args.handler(args, out, err)
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    return status


def main_entry() -> None:
    """Console-script entry point: run, flush, and exit with main()'s status.

    It leaves with ``os._exit``: tearing down the objects of a large map one by
    one takes a tenth of a big check's time, and the process is ending anyway.
    Every file argmap writes is closed before main() returns.

    The cyclic garbage collector stays off for the whole run. The map is
    acyclic and reference counting frees what it drops; turned back on after a
    map is built, the collector's first pass walks every record of it (70 ms
    for 10,000 claims) to find nothing, and the process is short-lived.
    """
    import gc
    import os

    gc.disable()
    status = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        pass
    os._exit(status)
