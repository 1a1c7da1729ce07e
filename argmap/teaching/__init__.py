"""Teaching: compare a student's map with an answer key, grade a class, make exercises.

- :mod:`~argmap.teaching.compare`: :func:`compare`, a student's map against the key. Its steps:
  :mod:`~argmap.teaching.align` (one global assignment, :mod:`~argmap.teaching.assignment`, over
  the evidence of :mod:`~argmap.teaching.evidence`, :mod:`~argmap.teaching.similarity` and the
  place in the map, :mod:`~argmap.teaching.structure`), :mod:`~argmap.teaching.links` (the link
  passes, with :mod:`~argmap.teaching.steps`), :mod:`~argmap.teaching.differences` and
  :mod:`~argmap.teaching.advice` (feedback at three hint levels, with
  :mod:`~argmap.teaching.wording`), :mod:`~argmap.teaching.kinds` and
  :mod:`~argmap.teaching.score` (weighted items, by rubric line and by skill);
- :mod:`~argmap.teaching.rubric`: what each line is worth (TOML);
- :mod:`~argmap.teaching.feedback`: feedback for the student, the report for the teacher;
  :mod:`~argmap.teaching.markup` writes it as text, Markdown or HTML;
- :mod:`~argmap.teaching.grade`: a whole class at once: :mod:`~argmap.teaching.reading` (a file
  as far as it can be read), :mod:`~argmap.teaching.submissions` and :mod:`~argmap.teaching.roster`
  (whose file is whose), :mod:`~argmap.teaching.confirmations` (a teacher's word on unsure
  matches), :mod:`~argmap.teaching.outputs` (the files written), :mod:`~argmap.teaching.html` and
  :mod:`~argmap.teaching.pages` (pages to print on A4);
- :mod:`~argmap.teaching.quiz` and :mod:`~argmap.teaching.maps`: worksheets, the blank map and the
  difference map.
"""

from __future__ import annotations

from .compare import Comparison, compare
from .feedback import feedback, report_text
from .rubric import DEFAULT_RUBRIC, Rubric, load_rubric

__all__ = ["DEFAULT_RUBRIC", "Comparison", "Rubric", "compare", "feedback", "load_rubric", "report_text"]
