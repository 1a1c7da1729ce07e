"""Write a file whole or not at all.

An artefact (a rendered map, an export) is written to a temporary file in the
same directory and moved over the target with :func:`os.replace`, which is
atomic on POSIX and Windows: a reader sees the old file or the new one, never a
half-written one, and a failure leaves the old file as it was.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile

__all__ = ["write_atomic"]


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, keeping an existing file's permissions.

    A new file gets the usual permissions (0666 less the umask), not the 0600
    of a temporary file. Raises :class:`OSError`; the target is then untouched.
    """
    target = os.fspath(path)
    directory = os.path.dirname(os.path.abspath(target))
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_current_umask()
    fd, temporary = tempfile.mkstemp(dir=directory, prefix="." + os.path.basename(target) + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
