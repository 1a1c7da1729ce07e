"""Teaching: compare a student's map with an answer key, grade a class, make exercises.

- :mod:`~argmap.teaching.compare`: :func:`compare`, a student's map against the key
  (the steps: :mod:`~argmap.teaching.align`, :mod:`~argmap.teaching.links`,
  :mod:`~argmap.teaching.differences`, :mod:`~argmap.teaching.kinds`,
  :mod:`~argmap.teaching.score`, with :mod:`~argmap.teaching.steps`,
  :mod:`~argmap.teaching.similarity` and :mod:`~argmap.teaching.wording`);
- :mod:`~argmap.teaching.rubric`: what each line is worth (TOML);
- :mod:`~argmap.teaching.feedback`: feedback for the student, the report for the teacher;
- :mod:`~argmap.teaching.grade`: a whole class at once;
- :mod:`~argmap.teaching.quiz` and :mod:`~argmap.teaching.maps`: worksheets, the
  blank map and the difference map.
"""

from __future__ import annotations

from .compare import Comparison, compare
from .feedback import feedback, report_text
from .rubric import DEFAULT_RUBRIC, Rubric, load_rubric

__all__ = ["DEFAULT_RUBRIC", "Comparison", "Rubric", "compare", "feedback", "load_rubric", "report_text"]
