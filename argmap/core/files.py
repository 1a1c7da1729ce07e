"""Write a file whole or not at all.

An artefact (a rendered map, an export) is written to a temporary file in the
same directory and moved over the target with :func:`os.replace`, which is
atomic on POSIX and Windows: a reader sees the old file or the new one, never a
half-written one, and a failure leaves the old file as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Mapping

__all__ = ["FOLDER_MARK", "write_atomic", "write_folder_atomic"]

FOLDER_MARK = ".argmap"
"""A file in each folder :func:`write_folder_atomic` writes: such a folder may be replaced."""


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


def write_folder_atomic(path: str | os.PathLike[str], files: Mapping[str, bytes]) -> None:
    """Write a folder of ``files`` (name → bytes) whole or not at all.

    The files are written into a temporary folder beside ``path``, which then
    takes its place. An existing folder is replaced only when it is empty or
    was written this way (it holds :data:`FOLDER_MARK`); any other is left
    alone (:class:`FileExistsError`), so no one's files are lost. Raises
    :class:`OSError`; the target is then as it was.
    """
    target = os.path.abspath(os.fspath(path))
    if os.path.lexists(target) and not os.path.isdir(target):
        raise NotADirectoryError(errno.ENOTDIR, "exists and is not a folder", target)
    if os.path.isdir(target) and os.listdir(target) and not os.path.exists(os.path.join(target, FOLDER_MARK)):
        raise FileExistsError(errno.EEXIST, "is a folder argmap did not write: choose another or empty it", target)
    parent, name = os.path.split(target)
    temporary = tempfile.mkdtemp(dir=parent, prefix=f".{name}.", suffix=".tmp")
    try:
        for file_name, data in {**files, FOLDER_MARK: b"written by argmap; the next run replaces this folder\n"}.items():
            with open(os.path.join(temporary, file_name), "wb") as handle:
                handle.write(data)
        os.chmod(temporary, 0o777 & ~_current_umask())
        if os.path.isdir(target):
            old = temporary + ".old"
            os.rename(target, old)
            os.rename(temporary, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(temporary, target)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise

