"""Evaluation: the reader's verdict on each premise, and what follows for every claim.

It works from an :class:`~argmap.analysis.ArgumentMap` and may use only the
layers below (:mod:`argmap.analysis`, :mod:`argmap.language`, :mod:`argmap.core`);
drawing, the reading view and the command line show its results
(docs/architecture.md). docs/evaluation.md defines the semantics.

- :mod:`~argmap.evaluation.verdicts`: ``eval:``, ``credence:``, ``--assume`` and the defaults;
- :mod:`~argmap.evaluation.framework`: the map as a Dung framework;
- :mod:`~argmap.evaluation.dung`: grounded and preferred labellings;
- :mod:`~argmap.evaluation.semantics`: :func:`evaluate`, the statuses;
- :mod:`~argmap.evaluation.strength`: DF-QuAD strengths;
- :mod:`~argmap.evaluation.explain`: why a claim has its status;
- :mod:`~argmap.evaluation.pivots`: the load-bearing basic claims;
- :mod:`~argmap.evaluation.report`: the report as text, Markdown or JSON.
"""

from __future__ import annotations

from .dung import TooManyReadings
from .explain import Because, Fact, Why, explain
from .pivots import Pivot, pivots
from .report import Report, make_report, to_json, to_markdown, to_text
from .semantics import Evaluation, Semantics, Status, evaluate
from .verdicts import Assumption, AssumptionError, Judgement, Source, Verdict, parse_assumption

__all__ = [
    "Assumption",
    "AssumptionError",
    "Because",
    "Evaluation",
    "Fact",
    "Judgement",
    "Pivot",
    "Report",
    "Semantics",
    "Source",
    "Status",
    "TooManyReadings",
    "Verdict",
    "Why",
    "evaluate",
    "explain",
    "make_report",
    "parse_assumption",
    "pivots",
    "to_json",
    "to_markdown",
    "to_text",
]
