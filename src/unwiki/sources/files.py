"""Single pages as files: `.wiki`/`.txt` files, folders of them, and stdin."""
from __future__ import annotations

import os
from collections.abc import Iterator
from urllib.parse import unquote

PAGE_SUFFIXES = (".wiki", ".wikitext", ".txt", ".mediawiki")
DUMP_SUFFIXES = (".xml", ".xml.bz2", ".xml.gz", ".bz2", ".gz")


def title_from_filename(path: str) -> str:
    """`Foo_bar%3F.wiki` -> `Foo bar?`: the corpus naming scheme read backwards."""
    stem = os.path.basename(path)
    for suffix in PAGE_SUFFIXES:
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    return unquote(stem).replace("_", " ").strip()


def is_dump(path: str) -> bool:
    """A path the XML reader should take (by name, else by a `<mediawiki` opening)."""
    lower = path.lower()
    if lower.endswith(DUMP_SUFFIXES):
        return True
    if lower.endswith(PAGE_SUFFIXES) or not os.path.isfile(path):
        return False
    with open(path, "rb") as fh:
        head = fh.read(512)
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or head[:2] in (b"<\x00", b"\x00<"):
        head = head.decode("utf-16", "ignore").encode()
    return b"<mediawiki" in head


def page_files(folder: str) -> Iterator[str]:
    """Page files under a folder, recursively, in a stable (sorted) order."""
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            if name.lower().endswith(PAGE_SUFFIXES):
                yield os.path.join(root, name)


def read_page_file(path: str) -> str:
    """A page file's text: UTF-8 (BOM tolerated) or UTF-16 with BOM; newlines normalised."""
    with open(path, "rb") as fh:
        data = fh.read()
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = data.decode("utf-16")
    else:
        text = data.decode("utf-8-sig", errors="replace")
    return text.replace("\r\n", "\n")
