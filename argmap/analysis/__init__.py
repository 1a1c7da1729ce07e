"""The analysis: a :class:`~argmap.core.model.Document` checked and resolved into an :class:`ArgumentMap`.

- :mod:`~argmap.analysis.check`: :func:`resolve`, the pipeline that runs every
  pass below, and :func:`check_file` for a file on disk;
- :mod:`~argmap.analysis.argument_map`: :class:`ArgumentMap`, :class:`Inference`, :class:`Role`;
- :mod:`~argmap.analysis.findings`: how the passes report diagnostics;
- the passes: :mod:`~argmap.analysis.properties` (header and properties),
  :mod:`~argmap.analysis.claims` (ids and the main conclusion),
  :mod:`~argmap.analysis.links` (links into inferences), :mod:`~argmap.analysis.graph`
  (circles, roles, reach), :mod:`~argmap.analysis.grounding` (quotes in the source
  text), :mod:`~argmap.analysis.predictions` (scorable forecasts, track records) with
  :mod:`~argmap.analysis.scales`, and :mod:`~argmap.analysis.lint` (claim writing)
  with :mod:`~argmap.analysis.lexicon`.

It imports only :mod:`argmap.language` and :mod:`argmap.core`; everything that
draws, teaches or exports works from its :class:`ArgumentMap`.
"""

from __future__ import annotations

from .argument_map import ArgumentMap, Inference, Role
from .check import FileResult, check_file, resolve

__all__ = ["ArgumentMap", "FileResult", "Inference", "Role", "check_file", "resolve"]
