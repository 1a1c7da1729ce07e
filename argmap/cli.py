"""The ``argmap`` command line: ``main(argv) -> exit status``.

Exit statuses: 0 clean (or warnings only), 1 errors in an input file,
2 bad usage, 3 an environment or I/O problem. Diagnostics go to standard
error; artefacts (JSON, maps) to standard output or ``-o``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TextIO

import attrs

from . import __version__
from ._parser import decode, parse
from .codes import REGISTRY
from .diagnostics import ArgmapSyntaxError, Diagnostic, Severity, format_diagnostic, sort_key
from .model import Span
from .resolver import ArgumentMap, resolve

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_USAGE = 2
EXIT_ENVIRONMENT = 3


@attrs.frozen
class FileResult:
    """What checking one file found."""

    path: str
    text: str | None
    """The decoded text, or None when the file could not be read or decoded."""
    diagnostics: tuple[Diagnostic, ...]
    map: ArgumentMap | None
    unreadable: bool = False

    def count(self, severity: Severity) -> int:
        """How many diagnostics of this severity."""
        return sum(1 for d in self.diagnostics if d.severity is severity)


def read_source(path: str, stdin: TextIO | None = None) -> tuple[str, bytes]:
    """The display name and bytes of a file, ``-`` meaning standard input."""
    if path == "-":
        stream = stdin or sys.stdin
        buffer = getattr(stream, "buffer", None)
        data = buffer.read() if buffer is not None else stream.read().encode("utf-8")
        return "<stdin>", data
    with open(path, "rb") as handle:
        return path, handle.read()


def check_one(path: str, stdin: TextIO | None = None, allow_outside_source: bool = False) -> FileResult:
    """Read, parse and resolve one file; every outcome is a FileResult, never an exception."""
    try:
        name, data = read_source(path, stdin)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        span = Span(path, 1, 1, 1, 1, 0, 0)
        diagnostic = Diagnostic("F001", Severity.ERROR, f"cannot read the file: {reason}", span)
        return FileResult(path, None, (diagnostic,), None, unreadable=True)
    try:
        text = decode(data, name)
        document = parse(text, name)
    except ArgmapSyntaxError as exc:
        return FileResult(name, exc.text, (exc.diagnostic,), None)
    amap = resolve(document, allow_outside_source=allow_outside_source)
    return FileResult(name, document.text, amap.diagnostics, amap)


def _print_text(results: Sequence[FileResult], out: TextIO, quiet: bool) -> None:
    for result in results:
        for diagnostic in sorted(result.diagnostics, key=sort_key):
            if quiet and diagnostic.severity is not Severity.ERROR:
                continue
            text = None if result.unreadable else result.text
            print(format_diagnostic(diagnostic, text), file=out)
    errors = sum(r.count(Severity.ERROR) for r in results)
    warnings = sum(r.count(Severity.WARNING) for r in results)
    notes = sum(r.count(Severity.NOTE) for r in results)
    files = f"{len(results)} file" + ("" if len(results) == 1 else "s")
    parts = [_plural(errors, "error"), _plural(warnings, "warning")]
    if notes:
        parts.append(_plural(notes, "note"))
    verdict = "ok" if errors == 0 else "failed"
    print(f"argmap check: {files} checked, " + ", ".join(parts) + f" ({verdict})", file=out)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _print_coverage(results: Sequence[FileResult], out: TextIO) -> None:
    for result in results:
        grounding = result.map.grounding if result.map is not None else None
        if grounding is None:
            print(f"{result.path}: coverage: no source text to measure (the header needs 'source:')", file=out)
            continue
        coverage = grounding.coverage()
        source = result.map.document.header_value("source") if result.map is not None else grounding.path
        print(
            f"{result.path}: coverage: {coverage.covered} of {coverage.sentences} sentences of "
            f"{source} ({coverage.share:.0%}) are quoted by some claim",
            file=out,
        )
        missed = len(coverage.uncovered_with_indicators)
        if missed:
            print(
                f"{result.path}: {_plural(missed, 'sentence')} that no claim quotes "
                f"{'carries' if missed == 1 else 'carry'} argument indicators: did the map miss an argument?",
                file=out,
            )
        for sentence in coverage.uncovered_with_indicators:
            words = ", ".join(sentence.indicators)
            print(f"  source line {sentence.line} [{words}]: {sentence.text}", file=out)


def _json_report(results: Sequence[FileResult], coverage: bool = False) -> dict[str, object]:
    files = []
    for result in results:
        entry: dict[str, object] = {
            "path": result.path,
            "ok": result.count(Severity.ERROR) == 0,
            "errors": result.count(Severity.ERROR),
            "warnings": result.count(Severity.WARNING),
            "notes": result.count(Severity.NOTE),
            "diagnostics": [d.to_json() for d in sorted(result.diagnostics, key=sort_key)],
        }
        grounding = result.map.grounding if result.map is not None else None
        if grounding is not None:
            entry["quotes"] = {
                claim: {"start": m.start, "end": m.end, "line": m.line, "column": m.column,
                        "end_line": m.end_line, "gaps": [list(g) for g in m.gaps]}
                for claim, m in grounding.matches.items()
            }
        if coverage:
            entry["coverage"] = grounding.coverage().to_json() if grounding is not None else None
        files.append(entry)
    return {
        "version": __version__,
        "files": files,
        "errors": sum(r.count(Severity.ERROR) for r in results),
        "warnings": sum(r.count(Severity.WARNING) for r in results),
    }


def cmd_check(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """``argmap check FILE...``"""
    results = [check_one(path, allow_outside_source=args.allow_outside_source) for path in args.files]
    if args.format == "json":
        json.dump(_json_report(results, args.coverage), stdout, ensure_ascii=False, indent=2)
        stdout.write("\n")
    else:
        _print_text(results, stderr, args.quiet)
        if args.coverage:
            _print_coverage(results, stdout)
    if any(result.unreadable for result in results):
        return EXIT_ENVIRONMENT
    errors = sum(r.count(Severity.ERROR) for r in results)
    warnings = sum(r.count(Severity.WARNING) for r in results)
    if errors or (args.strict and warnings):
        return EXIT_ERRORS
    return EXIT_OK


def cmd_codes(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """``argmap codes [CODE]``: explain diagnostic codes."""
    if args.markdown:
        from .codes import render_markdown

        stdout.write(render_markdown())
        return EXIT_OK
    wanted = [code.upper() for code in args.codes] or list(REGISTRY)
    status = EXIT_OK
    for code_id in wanted:
        entry = REGISTRY.get(code_id)
        if entry is None:
            print(f"argmap: no diagnostic code '{code_id}'", file=stderr)
            status = EXIT_USAGE
            continue
        print(f"{entry.code} {entry.name} ({entry.severity.value}): {entry.summary}", file=stdout)
        if args.codes and entry.explanation:
            print(f"  {entry.explanation}", file=stdout)
    return status


def cmd_predictions(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """``argmap predictions FILE...``: the predictions table and each author's track record."""
    from . import predictions as pr
    from .scales import DEFAULT_SCALE

    results = [check_one(path) for path in args.files]
    failed = [r for r in results if r.map is None or not r.map.ok]
    if failed:
        _print_text(failed, stderr, quiet=True)
    maps = [(r.map.document, r.map.claims) for r in results if r.map is not None]
    scale = args.scale or (pr.scale_of(maps[0][0]) if maps else DEFAULT_SCALE)
    found = pr.collect(maps)
    if args.format == "json":
        json.dump(pr.report_data(found, scale), stdout, ensure_ascii=False, indent=2)
        stdout.write("\n")
    elif args.format == "csv":
        stdout.write(pr.report_csv(found, scale))
    else:
        stdout.write(pr.report_text(found, scale, markdown=args.format == "markdown"))
    if any(r.unreadable for r in results):
        return EXIT_ENVIRONMENT
    return EXIT_ERRORS if failed else EXIT_OK


class _Parser(argparse.ArgumentParser):
    """argparse that exits with status 2 through an exception we can catch in tests."""

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

    check = commands.add_parser(
        "check",
        help="check .arg files and report problems",
        description="Check .arg files: syntax, ids, links, properties. Exit 0 when clean "
        "or only warnings, 1 on errors (or warnings with --strict), 3 when a file cannot be read.",
    )
    check.add_argument("files", nargs="+", metavar="FILE", help="files to check; - reads standard input")
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    check.add_argument(
        "--coverage",
        action="store_true",
        help="report how much of the source text the quotes cover, and uncovered sentences "
        "with argument indicators",
    )
    check.add_argument(
        "--allow-outside-source",
        action="store_true",
        help="let the header's source: point outside the .arg file's folder",
    )
    check.set_defaults(handler=cmd_check)

    predictions = commands.add_parser(
        "predictions",
        help="list predictions and score each author's track record",
        description="Collect the predictions in .arg files: a table, then per author the counts, "
        "Brier and log scores under each likelihood scale, a calibration table, and what is "
        "unscorable and why. Files with errors are reported and their predictions still listed.",
    )
    predictions.add_argument("files", nargs="+", metavar="FILE")
    predictions.add_argument(
        "--format", choices=("text", "json", "csv", "markdown"), default="text", help="output format"
    )
    predictions.add_argument(
        "--scale",
        choices=("icd203", "kent", "ipcc-ar5"),
        help="the scale for reading likelihood words (default: the first file's 'scale:', else icd203)",
    )
    predictions.set_defaults(handler=cmd_predictions)

    codes = commands.add_parser("codes", help="explain diagnostic codes")
    codes.add_argument("codes", nargs="*", metavar="CODE")
    codes.add_argument("--markdown", action="store_true", help="print the whole diagnostics page (docs/diagnostics.md)")
    codes.set_defaults(handler=cmd_codes)
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
    """Console-script entry point: exit with main()'s status."""
    sys.exit(main())
