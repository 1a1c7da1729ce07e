"""``argmap predictions FILE...``: the predictions table and each author's track record."""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from argmap.analysis.check import check_file

from .common import EXIT_ENVIRONMENT, EXIT_ERRORS, EXIT_OK, print_report

__all__ = ["cmd_predictions", "register"]


def register(commands: argparse._SubParsersAction[Any]) -> None:
    """Add the ``predictions`` command to the ``argmap`` sub-command parsers."""
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


def cmd_predictions(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """``argmap predictions FILE...``: the predictions table and each author's track record."""
    from argmap.analysis import predictions as pr
    from argmap.analysis.scales import DEFAULT_SCALE

    results = [check_file(path) for path in args.files]
    failed = [r for r in results if r.map is None or not r.map.ok]
    if failed:
        print_report(failed, stderr, quiet=True)
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
