"""Looking at input paths safely: what kind of thing a path is (without opening it), and opening
only regular files. A FIFO, a device or a socket found on a shared drive would block a reader
or never end (/dev/zero): such paths are told apart by their type, never by trying them."""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

# An SOP file is a few MB; a scan compilation a few hundred. Anything larger is not read (its
# hash alone would hold the main process for long).
MAX_INPUT_BYTES = 1 << 30

SPECIAL_KINDS = ((stat.S_ISFIFO, "pipa bernama (FIFO)"), (stat.S_ISCHR, "perangkat karakter"),
                 (stat.S_ISBLK, "perangkat blok"), (stat.S_ISSOCK, "soket"))


class NotRegularFile(OSError):
    """The path is not a regular file (it changed since it was listed, or was never one)."""


def is_folder(path: Path, follow_links: bool) -> bool:
    try:
        mode = (os.stat if follow_links else os.lstat)(path).st_mode
    except OSError:
        return False
    return stat.S_ISDIR(mode)


def problem_of(path: Path) -> str | None:
    """Why the path cannot be read as an SOP file, in a sentence for the analyst; None for a
    regular, readable file of a sane size. Nothing is opened."""
    try:
        own = os.lstat(path)
    except OSError as error:
        return f"Berkas tidak dapat diperiksa ({os_reason(error)})."
    target = own
    is_link = stat.S_ISLNK(own.st_mode)
    if is_link:
        try:
            target = os.stat(path)
        except OSError:
            return "Tautan (symlink) ini rusak: yang ditunjuknya tidak ada atau tidak dapat dijangkau."
    subject = "Tautan ke" if is_link else "Ini"
    if stat.S_ISDIR(target.st_mode):
        return ("Tautan ke folder tidak diikuti (agar tidak berputar atau keluar dari folder masukan); "
                "berikan folder itu sendiri sebagai masukan.")
    for is_kind, name in SPECIAL_KINDS:
        if is_kind(target.st_mode):
            return f"{subject} {name}, bukan berkas biasa; tidak dibaca."
    if not stat.S_ISREG(target.st_mode):
        return f"{subject} bukan berkas biasa; tidak dibaca."
    if not os.access(path, os.R_OK):
        return "Berkas tidak dapat dibaca: izin ditolak. Minta akses baca kepada pemilik berkas."
    if target.st_size > MAX_INPUT_BYTES:
        return (f"Berkas berukuran {target.st_size >> 20:,} MB, lebih dari batas {MAX_INPUT_BYTES >> 20:,} MB "
                "untuk satu berkas SOP; tidak dibaca.")
    return None


def unreadable_folder(error: OSError) -> str:
    return (f"Folder ini tidak dapat dibuka ({os_reason(error)}); berkas di dalamnya tidak terbaca. Minta akses "
            "baca kepada pemiliknya.")


def open_regular(path: Path) -> BinaryIO:
    """The file opened for reading, if it is a regular file; never blocks on a FIFO (O_NONBLOCK)."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise NotRegularFile(errno.EINVAL, "not a regular file", str(path))
    except BaseException:
        os.close(descriptor)
        raise
    return os.fdopen(descriptor, "rb")


def os_reason(error: OSError) -> str:
    """An OS error in a few Indonesian words."""
    if isinstance(error, NotRegularFile):
        return "bukan berkas biasa"
    return {errno.EACCES: "izin ditolak", errno.EPERM: "izin ditolak", errno.ENOENT: "tidak ada lagi",
            errno.ELOOP: "tautan berputar", errno.EIO: "kesalahan baca perangkat",
            errno.ENAMETOOLONG: "nama terlalu panjang"}.get(error.errno, "kesalahan sistem berkas")
