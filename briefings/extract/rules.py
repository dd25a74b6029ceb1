"""Pipeline additions (entity ruler patterns etc.) used by the extractors."""

from __future__ import annotations

from spacy.language import Language


def add_pipes(nlp: Language) -> None:
    """Add briefbot's rule components to a loaded pipeline (idempotent)."""
    return None
