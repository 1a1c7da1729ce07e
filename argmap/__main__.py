"""``python -m argmap``: the same as the ``argmap`` command."""

from .cli import main_entry

main_entry()
