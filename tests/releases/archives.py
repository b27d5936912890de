"""Dataset archives written by the tests themselves, in the shape an older version wrote them."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path


def write_archive(path: Path, members: dict[str, bytes]) -> Path:
    """A .tar.gz holding `members` (name -> bytes), as export_dataset lays them out."""
    with tarfile.open(path, "w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path
