"""Folder names for a roster's clients: readable, ASCII, and never two the same."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable


def slugify(text: str) -> str:
    """A folder name from a client's name: ASCII letters, digits and dashes.

    >>> slugify("Zoë O'Brien-Smith ")
    'zoe-o-brien-smith'
    >>> slugify("<script>")
    'script'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:60].strip("-") or "client"


def unique_slugs(labels: Iterable[str]) -> list[str]:
    """One slug per label, in order; repeats get ``-2``, ``-3``... so no two are the same.

    >>> unique_slugs(["Ana", "ana", "Ana 2", "Ana"])
    ['ana', 'ana-2', 'ana-2-2', 'ana-3']
    """
    taken: set[str] = set()
    slugs = []
    for label in labels:
        base = slugify(label)
        slug, count = base, 1
        while slug in taken:
            count += 1
            slug = f"{base}-{count}"
        taken.add(slug)
        slugs.append(slug)
    return slugs
