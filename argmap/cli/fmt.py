"""``argmap fmt FILE...``: rewrite .arg files in the canonical layout (``--check``, ``--diff``, ``-``)."""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from .common import EXIT_ENVIRONMENT, EXIT_ERRORS, EXIT_OK, write_output

__all__ = ["cmd_fmt", "register"]


def register(commands: argparse._SubParsersAction[Any]) -> None:
    """Add the ``fmt`` command to the ``argmap`` sub-command parsers."""
    fmt = commands.add_parser(
        "fmt",
        help="rewrite .arg files in the canonical layout",
        description="Rewrite .arg files in one canonical layout (docs/language.md, 'The canonical layout'), "
        "keeping every word, comment and blank-line paragraph. A folder means the .arg files in it and its "
        "subfolders; - reads standard input and writes the result to standard output. A file with a syntax "
        "error is left as it is and the error printed. Exit 0 when done, 1 on syntax errors (or, with "
        "--check, when a file would change), 3 when a file cannot be read or written.",
    )
    fmt.add_argument("files", nargs="+", metavar="FILE", help="files or folders to format; - reads standard input")
    fmt.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if a file would change (for CI)"
    )
    fmt.add_argument(
        "--diff", action="store_true", help="change nothing; print what would change as a unified diff"
    )
    fmt.set_defaults(handler=cmd_fmt)


def cmd_fmt(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """``argmap fmt FILE...``"""
    from argmap.analysis.check import read_source
    from argmap.core.diagnostics import ArgmapSyntaxError
    from argmap.language.format import FormatError, format_text
    from argmap.language.parser import decode

    dry = args.check or args.diff
    changed = unchanged = failed = 0
    status = EXIT_OK
    for path in _files(args.files):
        try:
            name, data = read_source(path)
        except OSError as exc:
            reason = "there is no such file" if isinstance(exc, FileNotFoundError) else exc.strerror or str(exc)
            print(f"argmap fmt: {path}: cannot read the file: {reason}", file=stderr)
            status = EXIT_ENVIRONMENT
            continue
        text: str | None = None
        try:
            text = decode(data, name)
            formatted = format_text(text, name)
        except (ArgmapSyntaxError, FormatError) as exc:
            print(exc.format() if isinstance(exc, ArgmapSyntaxError) else f"argmap fmt: {exc}", file=stderr)
            failed += 1
            status = max(status, EXIT_ERRORS)
            if path == "-" and not dry:  # a filter gives back what it was given (an editor keeps its buffer)
                stdout.write(text if text is not None else data.decode("utf-8", errors="replace"))
            continue
        same = formatted == text and not data.startswith(b"\xef\xbb\xbf")
        if args.diff and not same:
            stdout.write(_diff(text, formatted, name))
        if dry:
            if not same and args.check:
                print(f"argmap fmt: would reformat {name}", file=stderr)
                status = max(status, EXIT_ERRORS)
        elif path == "-":
            stdout.write(formatted)
        elif not same:
            if not write_output(path, formatted.encode("utf-8"), stdout, stderr, "fmt"):
                status = EXIT_ENVIRONMENT
                continue
            print(f"argmap fmt: reformatted {name}", file=stderr)
        changed += not same
        unchanged += same
    print(_summary(changed, unchanged, failed, dry), file=stderr)
    return status


def _files(paths: Sequence[str]) -> Iterator[str]:
    """The paths given, each folder replaced by the .arg files under it (hidden folders skipped)."""
    for path in paths:
        if path != "-" and os.path.isdir(path):
            found = sorted(
                str(file)
                for file in Path(path).rglob("*.arg")
                if file.is_file() and not any(part.startswith(".") for part in file.relative_to(path).parts[:-1])
            )
            yield from found
        else:
            yield path


def _diff(old: str, new: str, name: str) -> str:
    import difflib

    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), f"{name}", f"{name} (formatted)"
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def _summary(changed: int, unchanged: int, failed: int, dry: bool) -> str:
    from argmap.analysis.check import plural

    parts = [f"{plural(changed, 'file')} {'would be reformatted' if dry else 'reformatted'}",
             f"{unchanged} unchanged"]
    if failed:
        parts.append(f"{failed} left as {'it was' if failed == 1 else 'they were'} (errors above)")
    return "argmap fmt: " + ", ".join(parts)
