"""A dataset archive as a file: its format and version, and reading one safely (the manifest and the
members it lists, nothing else; sizes and checksums checked; no decompression bomb, no unsafe
path). What the records mean and how they are restored is releases/dataset.py's."""

from __future__ import annotations

import hashlib
import json
import tarfile
from pathlib import Path, PurePosixPath
from typing import Any

from django.core.management.base import CommandError

FORMAT = "ogptracker-dataset"
VERSION = 1


def _safe_media_name(name: str) -> str:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise CommandError(f"The archive names an unsafe file path: {name!r}.")
    return str(path)


# Unpacked, an archive may be at most this many times its size on disk: more is a decompression
# bomb (1 GiB of zeros fits in 1 MB), refused before anything is read into memory.
MAX_EXPANSION = 100
MIN_ALLOWED_BYTES = 64 * 1024 * 1024


def read_archive(path: Path) -> tuple[dict[str, Any], dict[str, bytes], dict[str, bytes]]:
    """The manifest and the members it lists, and nothing else: a member the manifest does not
    list (an .htaccess, a page) refuses the archive, as does one bigger than the archive can hold."""
    data: dict[str, bytes] = {}
    media: dict[str, bytes] = {}
    try:
        with tarfile.open(path, "r:gz") as archive:
            members = {m.name: m for m in archive.getmembers() if m.isfile()}
            allowed = max(MAX_EXPANSION * path.stat().st_size, MIN_ALLOWED_BYTES)
            total = sum(m.size for m in members.values())
            if total > allowed:
                raise CommandError(
                    f"The archive unpacks to {total} bytes, more than {MAX_EXPANSION} times its "
                    "size: refused (a damaged or malicious archive)."
                )
            manifest_member = members.get("manifest.json")
            if manifest_member is None:
                raise CommandError(
                    "The archive has no manifest.json: it is not an OGP Tracker dataset."
                )
            manifest = json.loads(_member_bytes(archive, manifest_member))
            _check_manifest(manifest)
            listed = {"manifest.json"}
            listed |= {f"data/{label}.jsonl" for label in manifest.get("models", [])}
            files = {
                f"media/{_safe_media_name(item['path'])}": item
                for item in manifest.get("files", [])
            }
            listed |= set(files)
            unlisted = sorted(set(members) - listed)
            if unlisted:
                raise CommandError(
                    "The archive holds files its manifest does not list: "
                    + ", ".join(unlisted[:5])
                    + ". Nothing was restored."
                )
            for name, item in files.items():
                member = members.get(name)
                if member is None or member.size != item.get("size", member.size):
                    raise CommandError(
                        f"The file {name.removeprefix('media/')} is missing from the archive or "
                        "damaged."
                    )
            for name, member in members.items():
                if name.startswith("data/"):
                    data[name.removeprefix("data/").removesuffix(".jsonl")] = _member_bytes(
                        archive, member
                    )
                elif name.startswith("media/"):
                    media[name.removeprefix("media/")] = _member_bytes(archive, member)
    except (OSError, tarfile.TarError, json.JSONDecodeError) as exc:
        raise CommandError(f"{path} is not a readable dataset archive (.tar.gz): {exc}") from None
    for item in manifest.get("files", []):
        name = _safe_media_name(item["path"])
        content = media.get(name)
        if content is None or hashlib.sha256(content).hexdigest() != item["sha256"]:
            raise CommandError(f"The file {name} is missing from the archive or damaged.")
    return manifest, data, media


def _member_bytes(archive: tarfile.TarFile, member: tarfile.TarInfo) -> bytes:
    handle = archive.extractfile(member)
    return handle.read(member.size) if handle else b""


def _check_manifest(manifest: Any) -> None:
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        found = manifest.get("format") if isinstance(manifest, dict) else None
        raise CommandError(f"The archive's format is {found!r}, not {FORMAT!r}.")
    if manifest.get("version") != VERSION:
        raise CommandError(
            f"The archive is format version {manifest.get('version')!r}; this version of OGP "
            f"Tracker restores version {VERSION}."
        )
