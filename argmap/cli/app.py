"""The ``argmap`` command line: ``main(argv) -> exit status``.

Exit statuses: 0 clean (or warnings only), 1 errors in an input file,
2 bad usage, 3 an environment or I/O problem. Diagnostics go to standard
error; artefacts (JSON, maps) to standard output or ``-o``.

Each command is a module of this package with a ``register(commands)`` that
adds its parser and handler: :mod:`~argmap.cli.check`,
:mod:`~argmap.cli.predictions`, :mod:`~argmap.cli.codes`,
:mod:`~argmap.cli.render`, :mod:`~argmap.cli.evaluate`, :mod:`~argmap.cli.teach` (compare, grade,
quiz), :mod:`~argmap.cli.annotate`, :mod:`~argmap.cli.fmt`, :mod:`~argmap.cli.lsp` and
:mod:`~argmap.cli.convert`. What they share is :mod:`~argmap.cli.common`.
A command module imports what its work needs inside its handler, so that
``argmap check`` starts without loading Graphviz, the reading view or the
teaching code.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Mapping, Sequence
from typing import TextIO

from argmap import __version__

from . import annotate, check, codes, convert, evaluate, fmt, lsp, predictions, render, teach
from .common import EXIT_ENVIRONMENT, EXIT_OK, EXIT_USAGE

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
        self.commands: Mapping[str, argparse.ArgumentParser] = {}
        """The sub-command parsers, by name (the top-level parser's)."""

    def unrecognised(self, extras: Sequence[str]) -> None:
        """Report options the command does not know, as the command's own usage error."""
        from argmap.core.suggest import closest

        known = [option for action in self._actions for option in action.option_strings]
        first = next((extra.split("=")[0] for extra in extras if extra.startswith("-")), None)
        guess = closest(first, known) if first else None
        hint = f": did you mean {guess}?" if guess else ""
        self.error(f"unrecognized arguments: {' '.join(extras)}{hint}")

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{self.format_usage()}{self.prog}: error: {message}")


class _UsageError(Exception):
    pass


def build_parser() -> _Parser:
    """The argument parser of the ``argmap`` command."""
    parser = _Parser(
        prog="argmap",
        description="Map the structure of arguments: check .arg files and draw them.",
    )
    parser.add_argument("--version", action="version", version=f"argmap {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True
    for command in (check, predictions, codes, render, evaluate, teach, annotate, fmt, lsp, convert):
        command.register(commands)
    parser.commands = commands.choices
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
        args, extras = parser.parse_known_args(argv)
        if extras:  # the command's usage, not the top level's, and a did-you-mean
            command = parser.commands.get(args.command)
            (command if isinstance(command, _Parser) else parser).unrecognised(extras)
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
    except OSError as exc:  # writing the output failed (a full disk, say); files are whole or absent
        print(f"argmap {args.command}: {_io_problem(exc)}", file=err)
        return EXIT_ENVIRONMENT
    return status


def _io_problem(exc: OSError) -> str:
    where = exc.filename if exc.filename else "standard output"
    return f"cannot write {where}: {exc.strerror or exc}"


def main_entry() -> None:
    """Console-script entry point: run, flush, and exit with main()'s status.

    It leaves with ``os._exit``: tearing down the objects of a large map one by
    one takes a tenth of a big check's time, and the process is ending anyway.
    Every file argmap writes is closed before main() returns. Under a profiler
    or tracer (``python -m cProfile -m argmap check …``) it exits normally, so
    that the profile is written (docs/performance.md).

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
    except (BrokenPipeError, ValueError):
        pass
    except OSError as exc:  # standard output on a full disk (> /dev/full): one line, exit 3
        command = sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("-") else ""
        print(f"argmap{' ' + command if command else ''}: cannot write standard output: {exc.strerror or exc}",
              file=sys.stderr)
        status = EXIT_ENVIRONMENT
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    if sys.getprofile() is not None or sys.gettrace() is not None:
        # Under a profiler or a tracer (python -m cProfile -m argmap …, coverage): a normal exit,
        # so that it can write what it measured.
        sys.exit(status)
    os._exit(status)
