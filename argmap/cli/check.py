"""``argmap check FILE...``: report every problem in .arg files (text or JSON), and quote coverage."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from typing import Any, TextIO

from argmap import __version__
from argmap.analysis.check import FileResult, check_file, plural
from argmap.core.diagnostics import Severity, sort_key

from .common import EXIT_ENVIRONMENT, EXIT_ERRORS, EXIT_OK, add_source_option, print_report

__all__ = ["cmd_check", "register"]


def register(commands: argparse._SubParsersAction[Any]) -> None:
    """Add the ``check`` command to the ``argmap`` sub-command parsers."""
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
        "--all", dest="every", action="store_true",
        help="print every warning and note in full (by default one that recurs three times or more in a "
        "file is printed once, with the lines of the others; JSON always has each)",
    )
    check.add_argument(
        "--coverage",
        action="store_true",
        help="report how much of the source text the quotes cover, and uncovered sentences "
        "with argument indicators",
    )
    check.add_argument(
        "--no-lint", action="store_true", help="skip the claim-writing checks (C codes)"
    )
    check.add_argument(
        "--analysis",
        action="store_true",
        help="analysis mode: add the Rabbit rule (T001), as 'mode: analysis' in a header does",
    )
    add_source_option(check)
    check.set_defaults(handler=cmd_check)


def cmd_check(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """``argmap check FILE...``"""
    results = [
        check_file(
            path,
            allow_outside_source=args.allow_outside_source,
            lint=not args.no_lint,
            analysis=True if args.analysis else None,
        )
        for path in args.files
    ]
    if args.format == "json":
        json.dump(_json_report(results, args.coverage, args.strict), stdout, ensure_ascii=False, indent=2)
        stdout.write("\n")
    else:
        print_report(results, stderr, args.quiet, args.strict, args.every)
        if args.coverage:
            _print_coverage(results, stdout)
    if any(result.unreadable for result in results):
        return EXIT_ENVIRONMENT
    return EXIT_ERRORS if any(result.failed(args.strict) for result in results) else EXIT_OK


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
                f"{result.path}: {plural(missed, 'sentence')} that no claim quotes "
                f"{'carries' if missed == 1 else 'carry'} argument indicators: did the map miss an argument?",
                file=out,
            )
        for sentence in coverage.uncovered_with_indicators:
            words = ", ".join(sentence.indicators)
            print(f"  source line {sentence.line} [{words}]: {sentence.text}", file=out)


def _json_report(results: Sequence[FileResult], coverage: bool = False, strict: bool = False) -> dict[str, object]:
    files = []
    for result in results:
        entry: dict[str, object] = {
            "path": result.path,
            "ok": not result.failed(strict),
            "errors": result.count(Severity.ERROR),
            "warnings": result.count(Severity.WARNING),
            "notes": result.count(Severity.NOTE),
            "diagnostics": [d.to_json() for d in sorted(result.diagnostics, key=sort_key)],
        }
        grounding = result.map.grounding if result.map is not None else None
        if grounding is not None:
            entry["quotes"] = {
                claim: [
                    {"start": m.start, "end": m.end, "line": m.line, "column": m.column,
                     "end_line": m.end_line, "gaps": [list(g) for g in m.gaps]}
                    for m in found
                ]
                for claim, found in grounding.passages.items()
            }
        if coverage:
            entry["coverage"] = grounding.coverage().to_json() if grounding is not None else None
        files.append(entry)
    return {
        "version": __version__,
        "ok": not any(result.failed(strict) for result in results),
        "strict": strict,
        "files": files,
        "errors": sum(r.count(Severity.ERROR) for r in results),
        "warnings": sum(r.count(Severity.WARNING) for r in results),
    }
