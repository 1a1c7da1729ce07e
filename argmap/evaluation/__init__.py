"""Evaluation: judging an argument, the reader's verdict on each premise and what follows for each conclusion.

It works from an :class:`~argmap.analysis.ArgumentMap` and may use only the
layers below (:mod:`argmap.analysis`, :mod:`argmap.language`, :mod:`argmap.core`);
drawing, the reading view and the command line show its results
(docs/architecture.md).
"""
