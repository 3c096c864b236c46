"""Backup files: an uncompressed tar holding the database payload, then `manifest.json`. Written to
a temporary file beside the target, fsynced, then renamed, so a failure half-way (disk full,
interrupted) never leaves a file under the target's name."""

from __future__ import annotations

import hashlib
import io
import os
import tarfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from django.utils.translation import gettext as _

from .errors import BackupError
from .manifest import MANIFEST_NAME, MAX_MANIFEST_BYTES, Manifest

CHUNK = 1024 * 1024
ByteProgress = Callable[[int, int], None]


class _HashingReader:
    """Reads a file for tarfile while hashing it and reporting the bytes read."""

    def __init__(self, handle: BinaryIO, total: int, progress: ByteProgress | None) -> None:
        self.handle, self.total, self.progress = handle, total, progress
        self.sha256 = hashlib.sha256()
        self.done = 0

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.sha256.update(data)
        self.done += len(data)
        if self.progress is not None:
            self.progress(self.done, self.total)
        return data


def open_for_writing(path: Path) -> BinaryIO:
    """The one place backup files are opened for writing (a test puts a full disk here). New,
    and readable by its owner only: a backup holds personal data and password hashes."""
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")


def fsync_directory(directory: Path) -> None:
    """Make a rename in `directory` durable."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_archive(
    *,
    target: Path,
    partial: Path,
    payload: Path,
    payload_name: str,
    manifest_for: Callable[[int, str], Manifest],
    progress: ByteProgress | None = None,
) -> Manifest:
    """Write payload + manifest to `partial` (in the target's directory), fsync it and rename it
    to `target`. `manifest_for(size, sha256)` builds the manifest once the payload is hashed.
    On any failure `partial` is removed and `target` is untouched."""
    size = payload.stat().st_size
    try:
        with open_for_writing(partial) as out:
            with tarfile.open(fileobj=out, mode="w", format=tarfile.PAX_FORMAT) as tar:
                with payload.open("rb") as handle:
                    reader = _HashingReader(handle, size, progress)
                    tar.addfile(_member(payload_name, size), reader)
                manifest = manifest_for(size, reader.sha256.hexdigest())
                document = manifest.to_json()
                tar.addfile(_member(MANIFEST_NAME, len(document)), io.BytesIO(document))
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    fsync_directory(target.parent)
    return manifest


def _member(name: str, size: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = size, 0o600, int(time.time())
    return info


def _open(path: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(path, mode="r:")
    except FileNotFoundError:
        raise BackupError(_("There is no file at %(path)s.") % {"path": path}) from None
    except IsADirectoryError:
        raise BackupError(_("%(path)s is a folder, not a backup file.") % {"path": path}) from None
    except (tarfile.TarError, EOFError) as error:
        raise BackupError(
            _("%(path)s is not an opengov backup file, or it is damaged (%(error)s).")
            % {"path": path, "error": error}
        ) from None
    except OSError as error:
        raise BackupError(
            _("%(path)s cannot be read (%(error)s).") % {"path": path, "error": error.strerror}
        ) from None


def _damaged(path: Path, error: Exception) -> BackupError:
    return BackupError(
        _("%(path)s is damaged or cut short (%(error)s). Nothing was changed.")
        % {"path": path, "error": error}
    )


def read_manifest(path: Path) -> Manifest:
    """The manifest of the backup at `path`; BackupError if it is not a readable backup."""
    with _open(path) as tar:
        try:
            member = tar.getmember(MANIFEST_NAME)
            handle = tar.extractfile(member) if member.isfile() else None
            if handle is None or member.size > MAX_MANIFEST_BYTES:
                raise BackupError(_("%(path)s has an unreadable manifest.") % {"path": path})
            data = handle.read()
        except KeyError:
            raise BackupError(
                _(
                    "%(path)s has no manifest: it is not an opengov backup file, or it was cut "
                    "short."
                )
                % {"path": path}
            ) from None
        except (tarfile.TarError, EOFError) as error:
            raise _damaged(path, error) from None
    try:
        return Manifest.from_json(data)
    except BackupError as error:
        raise BackupError(f"{path}: {error.message}") from None


def extract_payload(
    path: Path, manifest: Manifest, into: Path, progress: ByteProgress | None = None
) -> Path:
    """Copy the payload out of the backup into the folder `into`, checking its size and sha256
    against the manifest: a damaged file is refused here, before the database is touched."""
    destination = into / "payload"
    digest = hashlib.sha256()
    done = 0
    with _open(path) as tar:
        try:
            member = tar.getmember(manifest.payload_name)
            handle = tar.extractfile(member) if member.isfile() else None
            if handle is None:
                raise KeyError(manifest.payload_name)
            with destination.open("xb") as out:
                while chunk := handle.read(CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
                    done += len(chunk)
                    if progress is not None:
                        progress(done, manifest.payload_size)
        except KeyError:
            raise BackupError(
                _("%(path)s does not hold the database its manifest names.") % {"path": path}
            ) from None
        except (tarfile.TarError, EOFError) as error:
            raise _damaged(path, error) from None
    if done != manifest.payload_size or digest.hexdigest() != manifest.payload_sha256:
        raise BackupError(
            _(
                "%(path)s is damaged: its database does not match the checksum in its manifest. "
                "Nothing was restored."
            )
            % {"path": path}
        )
    return destination
