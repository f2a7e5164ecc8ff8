"""Text helpers every stage shares, importing none: accent-insensitive keys and slugs."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "slug"]

_FOLD = str.maketrans({"’": "'", "‘": "'", "‐": "-", "–": "-"})


def fold(text: str) -> str:
    """Accent- and apostrophe-insensitive key for a name; case is kept ("Male" is not "male")."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"
