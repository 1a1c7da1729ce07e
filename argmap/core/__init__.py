"""The vocabulary every stage shares: the parsed model, diagnostics and their codes.

- :mod:`~argmap.core.model`: the frozen records of a parsed file (:class:`Document`,
  :class:`Claim`, :class:`Link`, :class:`Span`, …);
- :mod:`~argmap.core.diagnostics`: :class:`Diagnostic`, the errors argmap raises,
  and how a diagnostic is printed (``path:line:col: error: … [CODE]``, the line, a caret);
- :mod:`~argmap.core.codes`: the registry of diagnostic codes, as data;
- :mod:`~argmap.core.suggest`: "did you mean …?";
- :mod:`~argmap.core.files` (writing a file whole or not at all) and
  :mod:`~argmap.core.speed` (pausing the garbage collector while a map is built).

This is the bottom layer: it imports nothing else of argmap's (docs/architecture.md).
"""
