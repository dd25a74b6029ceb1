"""Role titles of the people named in a document, found once per document.

Two constructions:
- before the name: "U.S. Assistant Secretary of State James Kelly", "Britain's
  Foreign Secretary David Miliband" (`prenominal_title`);
- in apposition: "Shinzo Abe, secretary general of the Liberal Democratic Party",
  "his Israeli counterpart, Ariel Sharon" (`appositive_title`).
A title counts when one of its words is a role ("minister", "official",
"spokesman"...) and none marks a reporter or commentator ("correspondent").
`first_titles` runs when the `DocContext` is built, so every extractor reads the
same titles whatever order they run in.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .coref import Mention, PersonIndex
from .lexicon import NON_OFFICIAL, ROLE_HEADS, TITLE_WORDS

__all__ = ["appositive_title", "first_titles", "prenominal_title", "surface_title"]

_COURTESY = frozenset(["mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "sir", "dame"])
_TITLE_DEPS = frozenset(
    {
        "compound",
        "amod",
        "nmod",
        "poss",
        "case",
        "npadvmod",
        "punct",
        "prep",
        "pobj",
        "det",
        "nummod",
        "advmod",
    }
)
_LEADING_DROP = frozenset(["the", "a", "an", "his", "her", "their", "its", "our", "my", "your"])
_MAX_TITLE = 14


def _trim(toks: list[Token]) -> list[Token]:
    while toks and (
        toks[0].lower_ in _LEADING_DROP
        or toks[0].is_punct
        or toks[0].lower_ in _COURTESY
        or toks[0].dep_ == "case"
    ):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].lower_ in _COURTESY or toks[-1].dep_ == "cc"):
        toks = toks[:-1]
    return toks


def _is_role(toks: list[Token], root: Token | None = None) -> bool:
    words = {t.lower_.strip("-") for t in toks} | {t.lemma_.lower() for t in toks}
    words |= {w[:-1] for w in words if w.endswith("s")}  # "EC Commissioners A and B"
    if words & NON_OFFICIAL:
        return False
    if root is not None:
        return root.lower_ in ROLE_HEADS or root.lemma_.lower() in ROLE_HEADS
    return bool(words & ROLE_HEADS)


def prenominal_title(persons: PersonIndex, m: Mention) -> Span | None:
    """Words before the name that modify it: "UK chancellor" in "UK chancellor Gordon Brown"."""
    doc = persons.doc
    head = doc[m.head]
    i = m.start - 1
    while i >= 0 and doc[i].lower_ in _COURTESY:
        i -= 1
    # A first name the NER left out of the entity ("MP Parmjit [Singh Gill]").
    while (
        i >= 0
        and doc[i].tag_ == "NNP"
        and doc[i].head.i == head.i
        and doc[i].dep_ == "compound"
        and doc[i].lower_ not in TITLE_WORDS
        and doc[i].ent_type_ not in ("GPE", "NORP", "ORG")
        and doc[i].text[:1].isupper()
        and i - 1 >= 0
        and doc[i - 1].lower_ in ROLE_HEADS
    ):
        i -= 1
    end = i
    left = head.left_edge.i
    while i >= left and i >= 0:
        t = doc[i]
        if t.is_space or t.text in (",", ";", ":", "(", ")") or t.is_quote:
            break
        if t.dep_ not in _TITLE_DEPS or t.ent_type_ in ("DATE", "TIME"):
            break  # ("on Sunday Presidents A and B": the day is no part of the title)
        if t.dep_ in ("cc", "conj"):
            break  # "minister Mr Rojas and Peruvian energy minister Pablo Quispe"
        if persons.at(t) not in (None, m.canonical) and not (
            t.dep_ == "compound" and (t.head.lower_ in ROLE_HEADS or t.head.lower_ in TITLE_WORDS)
        ):
            break  # another person's name, not a modifier ("Lib Dem MP" is a modifier)
        if t.pos_ in ("VERB", "AUX") or (
            t.pos_ == "ADP" and t.lower_ not in ("of", "for") and not t.text[:1].isupper()
        ):
            break  # ("Under-Secretary" keeps its capitalised "Under")
        i -= 1
    toks = _trim(list(doc[i + 1 : end + 1]))
    if not toks or len(toks) > _MAX_TITLE or not _is_role(toks):
        return None
    return doc[toks[0].i : toks[-1].i + 1]


def appositive_title(persons: PersonIndex, m: Mention) -> Span | None:
    doc = persons.doc
    head = doc[m.head]
    cands: list[Token] = []
    for c in head.children:
        if c.dep_ == "appos" and c.i > head.i and not persons.at(c):
            cands.append(c)
    for c in cands:
        toks = []
        for t in c.subtree:
            if t.dep_ in ("relcl", "acl") and t.head.i == c.i and t.i > c.i:
                break
            toks.append(t)
        toks = [t for t in toks if t.i <= c.right_edge.i]
        cut = [t for t in toks if t.dep_ not in ("relcl",)]
        cut = _trim(cut)
        if cut and len(cut) <= _MAX_TITLE and _is_role(cut, c):
            return doc[cut[0].i : cut[-1].i + 1]
    # Reverse apposition: "his Israeli counterpart, Ariel Sharon"; when the parser hangs
    # the name on a later noun ("director general for Trade, Rui Costa Martins"), climb
    # back to the role noun.
    if head.dep_ == "appos" and head.head.i < head.i and not persons.at(head.head):
        h = head.head
        for _ in range(2):
            if h.lower_ in ROLE_HEADS or h.dep_ != "pobj" or h.head.head.i == h.head.i:
                break
            h = h.head.head
        toks = [t for t in h.subtree if t.i < head.left_edge.i]
        # "minister Mr Rojas and Peruvian energy minister, Pablo Quispe": the part
        # after the last other name or conjunction is this person's title.
        breaks = [k for k, t in enumerate(toks) if t.dep_ == "cc" or persons.at(t)]
        if breaks:
            toks = toks[breaks[-1] + 1 :]
            role = [t for t in toks if t.lower_ in ROLE_HEADS]
            h = role[-1] if role else h
        toks = _trim(toks)
        if toks and len(toks) <= _MAX_TITLE and _is_role(toks, h):
            return doc[toks[0].i : toks[-1].i + 1]
    return None


_SURFACE_WORDS = frozenset(["of", "to", "for", "at", "'s", "’s"])


def surface_title(persons: PersonIndex, m: Mention) -> Span | None:
    """The words right before the name, read off the surface where the parser hung the
    name elsewhere: "Egyptian ambassador to Moscow Salah Bassiouni", "EC Commissioners
    Willy de Clercq". Stops at punctuation, verbs, conjunctions and other names."""
    doc = persons.doc
    i = m.start - 1
    while i >= 0 and doc[i].lower_ in _COURTESY:
        i -= 1
    end = i
    while i >= 0 and end - i < _MAX_TITLE:
        t = doc[i]
        if t.is_space or t.is_punct or t.pos_ in ("VERB", "AUX", "CCONJ", "PRON", "NUM"):
            break
        if t.pos_ == "ADP" and t.lower_ not in _SURFACE_WORDS:
            break
        if persons.at(t) not in (None, m.canonical):
            break
        if t.pos_ not in ("PROPN", "NOUN", "ADJ", "DET", "ADP", "PART") or t.ent_type_ in (
            "DATE",
            "TIME",
        ):
            break
        i -= 1
    toks = _trim(list(doc[i + 1 : end + 1]))
    while toks and toks[0].pos_ == "ADP":
        toks = toks[1:]
    if not toks or toks[-1].pos_ == "ADP" or not _is_role(toks):
        return None
    return doc[toks[0].i : toks[-1].i + 1]


def first_titles(persons: PersonIndex) -> dict[str, tuple[int, Span]]:
    """Each person's first title, with the start of the mention it belongs to."""
    out: dict[str, tuple[int, Span]] = {}
    for m in persons.mentions:
        if m.canonical in out:
            continue
        title = (
            appositive_title(persons, m)
            or prenominal_title(persons, m)
            or surface_title(persons, m)
        )
        if title is not None:
            out[m.canonical] = (m.start, title)
    return out
