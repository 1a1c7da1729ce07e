"""``argmap annotate FILE``: write the reading view (:func:`argmap.reading.annotate`).

Exit
statuses are the command line's: 0 written (warnings are pointed at, not
fatal), 1 the file has errors (printed as ``argmap check`` prints them),
3 Graphviz's ``dot`` is missing or fails, or a file cannot be read or written.
"""

from __future__ import annotations

import argparse
import os
from typing import Any, TextIO

from argmap.analysis.check import check_file

from .common import (
    EXIT_ENVIRONMENT,
    EXIT_OK,
    add_direction_option,
    add_source_option,
    dot_warnings_printed,
    not_drawable,
    write_output,
)
from .evaluate import add_evaluation_options, marks_for

__all__ = ["cmd_annotate", "register"]


def register(commands: argparse._SubParsersAction[Any]) -> None:
    """Add the ``annotate`` command to the ``argmap`` sub-command parsers."""
    parser = commands.add_parser(
        "annotate",
        help="write the reading view: the source text with each quote highlighted, beside the map",
        description="Write one self-contained HTML page (no network, opens from a file) that shows "
        "the source text named by the header's 'source:' with every quoted span highlighted in its "
        "claim's colour, beside the map; docs/reading.md explains it. A file with errors is not "
        "annotated: its diagnostics are printed as 'argmap check' prints them (exit 1). Exit 3 when "
        "Graphviz's dot is missing or fails, or the page cannot be written.",
    )
    parser.add_argument("file", metavar="FILE", help="the .arg file; - reads standard input")
    parser.add_argument(
        "-o", "--output", metavar="OUT",
        help="where to write the page; - is standard output (default: FILE with .html)",
    )
    add_direction_option(parser)
    parser.add_argument(
        "--evaluate", action="store_true",
        help="mark every box of the map with whether it stands under your verdicts, as "
        "'argmap render --evaluate' does; with --assume and --semantics",
    )
    add_evaluation_options(parser)
    add_source_option(parser)
    parser.set_defaults(handler=cmd_annotate)


def cmd_annotate(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """``argmap annotate FILE [-o OUT]``."""
    from argmap.drawing import RenderError
    from argmap.reading import annotate

    output = args.output
    if output is None:
        output = "-" if args.file == "-" else os.path.splitext(args.file)[0] + ".html"
    result = check_file(args.file, allow_outside_source=args.allow_outside_source)
    status = not_drawable(result, "annotate", stderr)
    if status is not None:
        return status
    assert result.map is not None
    if result.map.grounding is None:
        print(f"argmap annotate: {result.path}: the header names no 'source:' text, "
              "so the page shows the map and the quotes unchecked", file=stderr)
    marks = marks_for(result.map, args, "annotate", "default", stderr)
    if isinstance(marks, int):
        return marks
    try:
        with dot_warnings_printed("annotate", stderr):
            page = annotate(result.map, direction=args.direction, marks=marks)
    except RenderError as exc:
        print(f"argmap annotate: {exc}", file=stderr)
        return EXIT_ENVIRONMENT
    if not write_output(output, page.encode("utf-8"), stdout, stderr, "annotate"):
        return EXIT_ENVIRONMENT
    return EXIT_OK
