"""Pipeline additions used by the extractors.

`add_pipes` puts an EntityRuler in front of the statistical NER so that country
and capital names are always GPE (the small model sometimes tags "Tbilisi" as a
person) and honorific + surname ("Mr Straw", "Gen Musharraf") is a PERSON.
The NER keeps entities set before it, so these act as constraints.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .lexicon import CAPITALS, COUNTRIES, MULTIWORD_CAPITALS, MULTIWORD_COUNTRIES

RULER_NAME = "briefbot_places"
PARAGRAPHS_NAME = "briefbot_paragraphs"
_TIME_UNITS = [
    "week", "month", "year", "weekend", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "spring", "summer", "autumn", "winter",
]  # fmt: skip
# "later this week", "early next month": the whole phrase is the time
_QUALIFIERS = ["later", "early", "earlier", "late", "mid"]
# Months only capitalised ("this May", not "this may change").
_MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip
_HONORIFIC_TEXTS = ["Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Gen", "Gen."]


def patterns() -> list[dict[str, Any]]:
    """Entity-ruler patterns: places as GPE, honorific + capitalised name as PERSON."""
    out: list[dict[str, Any]] = []
    for name in (*COUNTRIES, *MULTIWORD_COUNTRIES, *CAPITALS, *MULTIWORD_CAPITALS):
        out.append({"label": "GPE", "pattern": [{"TEXT": w} for w in name.split()]})
    # Seas named after a country ("the South China Sea") stay one place, not a country
    # with a stray "South" in front.
    singles = [c for c in COUNTRIES if " " not in c]
    out.append(
        {
            "label": "LOC",
            "pattern": [
                {"TEXT": {"IN": ["South", "North", "East", "West"]}, "OP": "?"},
                {"TEXT": {"IN": singles}},
                {"TEXT": {"IN": ["Sea", "Ocean"]}},
            ],
        }
    )
    # "next month", "this week", "next Tuesday": the small model sometimes leaves these
    # untagged after a name ("will host B next month"), and then no time is read.
    for key, words in (("LOWER", _TIME_UNITS), ("TEXT", _MONTHS)):
        out.append(
            {
                "label": "DATE",
                "pattern": [
                    {"LOWER": {"IN": _QUALIFIERS}, "OP": "?"},
                    {"LOWER": {"IN": ["next", "last", "this", "coming"]}},
                    {key: {"IN": words}},
                ],
            }
        )
    out.append(
        {
            "label": "PERSON",
            "pattern": [
                {"TEXT": {"IN": _HONORIFIC_TEXTS}},
                {"IS_TITLE": True, "TAG": "NNP", "OP": "{1,3}"},
            ],
        }
    )
    return out


# A line that ends like this closes its sentence; one that does not may be a text
# wrapped at a fixed width, whose sentences run on over the line break.
_CLOSERS = (".", "!", "?", '"', "'", "\u201d", "\u2019", ")")


@Language.component(PARAGRAPHS_NAME)
def paragraphs(doc: Doc) -> Doc:
    """A sentence never runs on past the end of a paragraph: after a line break, a
    closed line and a capital start a new sentence. The parser keeps boundaries set
    before it; left alone it sometimes reads on through a break after an
    abbreviation ("... in the U.S.\nFILE - President ...")."""
    for i in range(2, len(doc)):
        brk = doc[i - 1]
        if not (brk.is_space and "\n" in brk.text):
            continue
        tok, last = doc[i], doc[i - 2]
        if tok.text[:1].isupper() and last.text.endswith(_CLOSERS):
            tok.is_sent_start = True
    return doc


def add_pipes(nlp: Language) -> None:
    """Add briefbot's rule components to a loaded pipeline (idempotent)."""
    if RULER_NAME in nlp.pipe_names:
        return
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS_NAME, before="parser")
    where: dict[str, Any] = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe("entity_ruler", name=RULER_NAME, config={"overwrite_ents": True}, **where)
    ruler.add_patterns(patterns())  # type: ignore[attr-defined]
