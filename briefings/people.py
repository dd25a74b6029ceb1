"""Names of people: normal forms and keys used to link mentions across articles."""

from __future__ import annotations

import re

from .text import fold

_HONORIFICS = {
    "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof", "professor",
    "mister", "madam", "sen", "rep", "gen", "president", "minister", "chancellor",
}


def name_key(name: str) -> str:
    """Folded name without punctuation or honorifics: "Mr. José Pérez" -> "jose perez"."""
    words = re.sub(r"[^\w\s-]", " ", fold(name)).replace("-", " ").split()
    while len(words) > 1 and words[0] in _HONORIFICS:
        words = words[1:]
    return " ".join(words)


def surname(name: str) -> str:
    key = name_key(name)
    return key.rsplit(" ", 1)[-1] if key else ""
