"""Writing a file all or nothing: into a temporary file beside it, renamed over it only once
complete and on disk. A full disk, a crash or any error half-way leaves the old file as it was
(or no file), never half a file, and no temporary file behind."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from django.utils.translation import gettext as _


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str], *, encoding: str = "utf-8") -> Iterator[TextIO]:
    """Yield a text stream (universal newlines off, as the csv module needs); on leaving the
    block without an error, it replaces `path`. A new file gets 0644, an existing one keeps its
    permissions."""
    target = Path(path)
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".part", dir=target.parent or "."
    )
    try:
        with open(descriptor, "w", encoding=encoding, newline="") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        mode = target.stat().st_mode & 0o7777 if target.exists() else 0o644
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def describe_os_error(error: OSError) -> str:
    """A sentence for a person: the disk full or a quota reached said plainly."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return _("the disk is full")
    return error.strerror or str(error)
