"""Who is who: full names, surname and honorific aliases, pronouns.

`PersonIndex` collects every PERSON mention of a document, maps each one to the
fullest form the article gives ("Mr Kelly" -> "James Kelly"), and resolves
personal pronouns to the person the discourse is about (the nearest preceding
subject in the sentence, else the last sentence's subject person).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

import numpy
from spacy.attrs import DEP, TAG
from spacy.tokens import Doc, Span, Token

from ..text import fold
from .lexicon import (
    HONORIFICS,
    INSTITUTION_HEADS,
    PERSON_PRONOUNS,
    ROLE_HEADS,
    TITLE_WORDS,
    demonym_country,
    is_known_place,
)

__all__ = ["Mention", "PersonIndex", "clean_name"]

_MAX_NAME_TOKENS = 5
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


@dataclass(slots=True)
class Mention:
    start: int  # token index of the name's first token (after honorifics)
    end: int  # token index past the name's last token
    text: str  # surface form of the name, honorific included
    name: str  # cleaned name ("Brown" for "Mr Brown")
    canonical: str = ""
    head: int = -1  # token index of the syntactic head of the name


def clean_name(span: Span) -> tuple[int, int, str] | None:
    """Strip honorifics/titles, possessive "'s" and punctuation from a PERSON span."""
    toks = [t for t in span if not t.is_space]
    while toks and (
        toks[-1].is_punct
        or toks[-1].lower_ in ("'s", "’s", "'")
        or (toks[-1].is_lower and toks[-1].is_stop)
    ):
        toks.pop()
    while toks and (
        toks[0].is_punct or toks[0].lower_ in HONORIFICS or toks[0].lower_ in TITLE_WORDS
    ):
        toks.pop(0)
    # "Abdel-Fattah el-Sissi": the hyphens are tokens of their own, not words
    if not toks or sum(1 for t in toks if t.text not in "-\u2010\u2011") > _MAX_NAME_TOKENS:
        return None
    if any(t.like_num or t.is_quote for t in toks) or not any(t.text[:1].isupper() for t in toks):
        return None
    doc = span.doc
    end = toks[-1].i + 1
    if toks[-1].lower_ in _PARTICLES:
        # "Ursula von der" + "Leyen", "Ursula von" + "der Leyen": the NER stopped at or
        # inside the particles
        k = end
        while k < len(doc) and k - end < 2 and doc[k].lower_ in _PARTICLES:
            k += 1
        if k < len(doc) and _name_word(doc[k]):
            end = k + 1
    text = doc[toks[0].i : end].text
    if "\n" in text:
        return None
    return toks[0].i, end, text


def _person_spans(doc: Doc) -> list[Span]:
    """PERSON entities, mended where the small model splits or mistakes a titled name:
    "Samia Suluhu" + "Hassan" side by side are one name; "Ugandan" alone before a title
    ("Ugandan President Yoweri Museveni") is a nationality, not a person."""
    spans: list[Span] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        if len(ent) == 1 and demonym_country(ent.text) is not None:
            continue
        last = spans[-1] if spans else None
        if (
            last is not None
            and last.end == ent.start
            and all(t.is_title and t.tag_ == "NNP" for t in (last[-1], ent[0]))
            and last.sent.start == ent.sent.start
        ):
            spans[-1] = doc[last.start : ent.end]
            continue
        spans.append(ent)
    return spans


def _key_tokens(name: str) -> list[str]:
    return [fold(w).strip(".,") for w in name.split() if w.strip(".,")]


# Capitalised words that follow titles but name no one ("Prime Minister's Office").
_NOT_NAMES = frozenset(
    [
        "office", "ministry", "house", "party", "council", "department", "committee",
        "bank", "government", "palace", "cabinet", "administration", "general", "of",
        "and", "the", "for", "state", "affairs", "elect", "designate",
        # places named after people ("King Fahd International Airport")
        "airport", "university", "foundation", "hospital", "stadium", "bridge", "street",
        "square", "mosque", "school", "institute", "center", "centre", "college", "museum",
        "hotel", "avenue", "road", "park", "hall", "library", "port", "dam", "canal",
    ]
)  # fmt: skip


_PLURAL_TITLES = frozenset(
    ["presidents", "ministers", "premiers", "chancellors", "secretaries", "leaders",
     "commissioners", "senators", "governors", "ambassadors", "envoys"]
)  # fmt: skip
_REGNAL = re.compile(r"(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3})")
# Lower-case particles inside a name ("Willy de Clercq", "Ursula von der Leyen").
_PARTICLES = frozenset(
    [
        "de",
        "da",
        "do",
        "dos",
        "du",
        "van",
        "von",
        "der",
        "den",
        "al",
        "el",
        "bin",
        "ibn",
        "la",
        "del",
        "della",
        "di",
        "ter",
    ]
)
_KNIGHTHOODS = frozenset(["Sir", "Dame"])
# Particles of a patronymic ("Abdullah bin Abdul Aziz"), after the given name.
_PATRONYMIC = frozenset(["bin", "ibn", "bint"])
# Titles that go with one given name ("King Felipe", "Pope Francis", "Emir Tamim").
_ONE_NAME_TITLES = frozenset(
    ["king", "queen", "pope", "emperor", "empress", "prince", "princess", "sultan", "emir",
     "sheikh", "shah"]
)  # fmt: skip


def _name_word(t: Token) -> bool:
    """A capitalised proper noun that can be part of a person's name ("Moll", "Abdel-
    Fattah"), not an acronym, a title or a word that names an office."""
    return (
        t.tag_ == "NNP"
        and t.text.replace("-", "").isalpha()
        and t.text[:1].isupper()
        and not t.text.isupper()
        and t.lower_ not in _NOT_NAMES
        and t.lower_ not in TITLE_WORDS
    )


_PEERAGE = frozenset(["lord", "lady", "baroness", "baron"])


def _titled_name(doc: Doc, i: int, *, in_title_entity: bool = False) -> tuple[int, int] | None:
    """Token range of a two- or three-word proper name starting at `i`: "Jan Moll" in
    "Premier Jan Moll said", "Willy de Clercq". None when the words are anything but a
    plain name. `in_title_entity`: the NER read title and name as one organisation
    ("EC Commissioners Willy de Clercq"), so inside it ORG is no objection."""
    banned = {"GPE", "LOC", "NORP", "ORG", "FAC", "DATE", "EVENT"}
    if doc[i].lower_ in _PEERAGE and doc[i].tag_ == "NNP" and i + 1 < len(doc):
        # "Home Office Minister Lord Falconer": a peer goes by one name after the rank
        k = i + 1
        if (
            _name_word(doc[k])
            and doc[k].lower_ not in HONORIFICS
            and doc[k].ent_type_ not in banned
        ):
            return (k, k + 1) if k + 1 == len(doc) or doc[k + 1].tag_ != "NNP" else None
        return None
    j = i
    joins = 0  # hyphens inside a surname ("Leigh-Pemberton" is three tokens)
    while j < len(doc) and j - i - joins < 3:
        t = doc[j]
        if j > i and t.lower_ in _PARTICLES and j + 1 < len(doc) and doc[j + 1].text[:1].isupper():
            j += 1  # "de" in "Willy de Clercq"
            continue
        if (
            j > i
            and t.text == "-"
            and not doc[j - 1].whitespace_
            and not t.whitespace_
            and j + 1 < len(doc)
            and _name_word(doc[j + 1])
        ):
            j += 1
            joins += 1
            continue
        org_ok = in_title_entity and t.ent_type_ == "ORG" and t.ent_iob_ == "I"
        # "President Thabo Mbeki" tagged a place: after a title, a name no gazetteer knows
        place_ok = t.ent_type_ == "GPE" and not is_known_place(t.text)
        if not (
            _name_word(t)
            and t.lower_ not in HONORIFICS
            and (t.ent_type_ not in banned or org_ok or place_ok)
        ):
            break
        j += 1
    if j - i == 1 and j < len(doc) and _REGNAL.fullmatch(doc[j].text):
        return i, j + 1  # "King Abdullah II": a name with its regnal number
    if j == i and 0 < i < len(doc) and _royal_name(doc, i):
        return i, i + 1  # "King Felipe", which the NER tags an organisation
    if (
        j - i == 1
        and i > 0
        and doc[i - 1].lower_ in _ONE_NAME_TITLES
        and (j == len(doc) or doc[j].tag_ != "NNP")
    ):
        return i, j  # "Pope Francis said"
    if j - i - joins < 2 or (j < len(doc) and doc[j].tag_ == "NNP"):
        return None  # one word is too little to be sure; a longer run is no plain name
    return i, j


_HOME_NATIONS = frozenset(["england", "scotland", "wales", "ireland"])


def _after_title_place(doc: Doc, i: int) -> int | None:
    """Where a name may start after "ambassador to Moscow", "envoy to the UN": the
    token after the place or body the title is attached to."""
    k = i + 1
    if k + 1 >= len(doc) or doc[k].lower_ not in ("to", "of", "for", "at"):
        return None
    k += 1
    if doc[k].lower_ == "the":
        k += 1
    if k >= len(doc) or doc[k].ent_type_ not in ("GPE", "ORG"):
        return None
    if doc[k].ent_iob_ != "B" and not (doc[k - 1].lower_ == "the" and doc[k - 1].ent_iob_ == "B"):
        return None  # "the" may open the entity: "of [the Bank of England]"
    first = k
    k += 1
    while k < len(doc) and doc[k].ent_iob_ == "I":
        k += 1
    # "Governor of the Bank of England Robin Leigh-Pemberton", read as one organisation:
    # the body ends at its own place ("of England"), and a name follows inside
    for p in range(first + 2, k - 1):
        if (
            doc[p - 2].lower_ == "of"
            and (is_known_place(doc[p - 1].text) or doc[p - 1].lower_ in _HOME_NATIONS)
            and (span := _titled_name(doc, p, in_title_entity=True)) is not None
            and span[1] == k
        ):
            return p
    return k if k < len(doc) else None


def _royal_name(doc: Doc, i: int) -> bool:
    """One given name after a monarch's or pope's title, read as one ORG entity by
    the NER ("King Felipe"): the entity is the title and the name, nothing more."""
    t, title = doc[i], doc[i - 1]
    return (
        title.lower_ in _ONE_NAME_TITLES
        and _name_word(t)
        and t.ent_type_ == "ORG"
        and t.ent_iob_ == "I"
        and title.ent_iob_ == "B"
        and title.ent_type_ == "ORG"
        and not (i + 1 < len(doc) and doc[i + 1].ent_iob_ == "I")
    )


def _listed_after(doc: Doc, k: int) -> list[tuple[int, int]]:
    """Names listed after a first one under a plural title, read off the surface since
    the parser hangs them anywhere: "Presidents A of X, B and C of Y"."""
    out: list[tuple[int, int]] = []
    while k < len(doc):
        if doc[k].lower_ == "of" and k + 1 < len(doc) and doc[k + 1].ent_type_ == "GPE":
            k += 1
            while k < len(doc) and (doc[k].ent_iob_ == "I" or doc[k].ent_type_ == "GPE"):
                k += 1  # "of Nigeria", "of the United States"
            if k >= len(doc):
                return out
        if doc[k].text not in (",", "and") or k + 1 >= len(doc):
            return out
        k += 1 + (doc[k + 1].lower_ == "and")
        j = k
        while j < len(doc) and j - k < 3 and doc[j].tag_ == "NNP" and doc[j].text.isalpha():
            if doc[j].ent_type_ in ("GPE", "LOC", "NORP") or doc[j].lower_ in _NOT_NAMES:
                return out
            j += 1
        if j - k < 2 or (j < len(doc) and doc[j].tag_ == "NNP"):
            return out
        out.append((k, j))
        k = j
    return out


_ORG_WORDS = (
    _NOT_NAMES
    | INSTITUTION_HEADS
    | frozenset(
        ["corp", "inc", "company", "news", "times", "post", "forces", "army", "front",
         "movement", "network"]
    )
)  # fmt: skip


def _listed_name(ent: Span) -> bool:
    """Shaped like a person's name: two or three capitalised words, none an org word."""
    words = [t for t in ent if t.text not in "-\u2010\u2011"]
    return 2 <= len(words) <= 3 and all(_name_word(t) and t.lower_ not in _ORG_WORDS for t in words)


@dataclass
class PersonIndex:
    """Person mentions of one document and their canonical names."""

    doc: Doc
    skip: set[int] = field(default_factory=set)  # sentence starts to ignore
    mentions: list[Mention] = field(default_factory=list)
    by_token: dict[int, Mention] = field(default_factory=dict)
    _starts: list[int] = field(default_factory=list)
    _topic: list[str] = field(default_factory=list)
    known: dict[str, None] = field(default_factory=dict)

    def build(self) -> PersonIndex:
        doc = self.doc
        for ent in _person_spans(doc):
            if ent.sent.start in self.skip:
                continue
            cleaned = clean_name(ent)
            if cleaned is None:
                continue
            start, end, name = cleaned
            self._add(Mention(start, end, ent.text, name))
        # Tag and dependency of every token in one call, so the two passes below make
        # Token objects only for proper nouns.
        tag_dep = doc.to_array([TAG, DEP])
        proper = tag_dep[:, 0] == doc.vocab.strings["NNP"]
        appos = tag_dep[:, 1] == doc.vocab.strings["appos"]
        # "his Greek counterpart, Nikos Petrakis": an appositive proper name of a role noun.
        for i in numpy.flatnonzero(proper & appos).tolist():
            tok = doc[i]
            if (
                tok.dep_ == "appos"
                and tok.tag_ == "NNP"
                and tok.i not in self.by_token
                and tok.head.lower_ in ROLE_HEADS
                and tok.ent_type_ not in ("GPE", "LOC", "NORP")
                and tok.sent.start not in self.skip
            ):
                first = tok.i
                while (
                    first - 1 >= 0
                    and doc[first - 1].dep_ == "compound"
                    and doc[first - 1].tag_ == "NNP"
                ):
                    first -= 1
                if tok.i - first < _MAX_NAME_TOKENS:
                    self._add(
                        Mention(
                            first,
                            tok.i + 1,
                            doc[first : tok.i + 1].text,
                            doc[first : tok.i + 1].text,
                        )
                    )
        # "Premier Jan Moll said": a name the NER missed right after a title.
        for tok in doc:
            if tok.lower_ not in TITLE_WORDS or tok.sent.start in self.skip:
                continue
            after = (
                tok.i + 1
                if tok.tag_ == "NNP" and tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ != "ADP"
                else _after_title_place(doc, tok.i)
            )  # "Premier Jan Moll", "the Prime Minister of New Zealand Bill English"
            span = (
                # inside an organisation's entity when the NER ran the name into it
                _titled_name(doc, after, in_title_entity=doc[after].ent_iob_ == "I")
                if after is not None
                else None
            )
            if span is not None and not any(i in self.by_token for i in range(*span)):
                a, b = span
                self._add(Mention(a, b, doc[a:b].text, doc[a:b].text))
        # "Prime Ministers A of China and B of Portugal", "Presidents A and B": every
        # name coordinated under a plural title is a person, whatever the NER said.
        for tok in doc:
            if tok.lower_ not in _PLURAL_TITLES or not tok.text[:1].isupper():
                continue
            head = tok.head
            named = self.by_token.get(tok.i + 1)
            span = (
                (named.start, named.end)
                if named
                else _titled_name(doc, tok.i + 1, in_title_entity=tok.ent_type_ == "ORG")
            )
            if span is not None and tok.sent.start not in self.skip:
                # "on Sunday Presidents A of X and B of Y signed": the title is no compound
                # of the first name, which the NER may miss
                a, b = span
                if named is None:
                    self._add(Mention(a, b, doc[a:b].text, doc[a:b].text))
                head = doc[b - 1]
                for x, y in _listed_after(doc, b):
                    if not any(i in self.by_token for i in range(x, y)):
                        self._add(Mention(x, y, doc[x:y].text, doc[x:y].text))
            if head.i in self.by_token and (tok.dep_ == "compound" or span is not None):
                for c in head.conjuncts:
                    if (
                        c.i not in self.by_token
                        and c.pos_ == "PROPN"
                        and c.ent_type_ not in ("GPE", "LOC", "NORP")
                    ):
                        first = c.left_edge.i
                        while doc[first].tag_ != "NNP" and first < c.i:
                            first += 1
                        if 1 <= c.i - first < _MAX_NAME_TOKENS:  # a full name, two words up
                            text = doc[first : c.i + 1].text
                            self._add(Mention(first, c.i + 1, text, text))
        # "A, B and C" with A and C people: B, tagged an organisation, is one too.
        for ent in doc.ents:
            if (
                ent.label_ == "ORG"
                and ent.sent.start not in self.skip
                and _listed_name(ent)
                and self._in_person_list(ent)
            ):
                self._add(Mention(ent.start, ent.end, ent.text, ent.text))
        # Surnames the NER missed elsewhere ("Kawaguchi" tagged ORG, or no entity).
        known = {_key_tokens(m.name)[-1] for m in self.mentions if _key_tokens(m.name)}
        # A known surname opening a sentence is sometimes tagged an adjective, and a
        # subject that is an adjective is a misread word ("Conable, who flew ...").
        misread = (tag_dep[:, 0] == doc.vocab.strings["JJ"]) & (
            tag_dep[:, 1] == doc.vocab.strings["nsubj"]
        )
        for i in numpy.flatnonzero(proper | misread).tolist():
            tok = doc[i]
            if (
                tok.i not in self.by_token
                and (tok.tag_ == "NNP" or tok.is_title)
                and fold(tok.text) in known
                # "Alfonsin" tagged a place after "Raul Alfonsin": a place only by name
                and (
                    tok.ent_type_ not in ("GPE", "LOC", "NORP")
                    or (tok.ent_type_ == "GPE" and not is_known_place(tok.text))
                )
                and tok.sent.start not in self.skip
                and not (tok.i + 1 < len(doc) and doc[tok.i + 1].tag_ == "NNP")
            ):
                self._add(Mention(tok.i, tok.i + 1, tok.text, tok.text))
        self.mentions.sort(key=lambda m: m.start)
        full: dict[str, list[tuple[int, list[str], str]]] = {}
        for m in self.mentions:
            keys = _key_tokens(m.name)
            if len(keys) >= 2:
                full.setdefault(keys[-1], []).append((m.start, keys, m.name))
                if "-" in keys[-1]:
                    # "Mr Kilroy" for "Robert Kilroy-Silk": the first half of a
                    # double-barrelled surname
                    half = keys[-1].split("-")[0]
                    full.setdefault(half, []).append((m.start, [*keys[:-1], half], m.name))
                if len(keys) >= 3 and keys[1] in _PATRONYMIC:
                    # "Prince Abdullah" for "Abdullah bin Abdul Aziz": a patronymic name
                    # is shortened to the given name, not the last word
                    full.setdefault(keys[0], []).append((m.start, keys, m.name))
        # "Sir Edward" for "Sir Edward Heath": a knight is shortened to the given name
        knights = {
            _key_tokens(m.name)[0]: m.name
            for m in self.mentions
            if self._knighted(m) and len(_key_tokens(m.name)) >= 2
        }
        for m in self.mentions:
            m.canonical = self._canonical(m, full)
            keys = _key_tokens(m.name)
            if (
                len(keys) == 1
                and m.canonical == m.name
                and self._knighted(m)
                and keys[0] in knights
            ):
                m.canonical = knights[keys[0]]
        self._index_topics()
        self.known = dict.fromkeys(m.canonical for m in self.mentions)
        return self

    def _knighted(self, m: Mention) -> bool:
        words = [*self.doc[max(m.start - 1, 0) : m.start], *self.doc[m.start : m.end]]
        return any(t.text in _KNIGHTHOODS for t in words[:2])

    def _in_person_list(self, ent: Span) -> bool:
        """Person mentions right before and after `ent` in one list ("A, B and C")."""
        doc = self.doc
        k = ent.start - 1
        if not (k >= 1 and doc[k].text in (",", "and") and (k - 1) in self.by_token):
            return False
        k = ent.end
        if k + 1 < len(doc) and doc[k].text == "," and doc[k + 1].lower_ == "and":
            k += 1
        return k + 1 < len(doc) and doc[k].text in (",", "and") and (k + 1) in self.by_token

    def _add(self, m: Mention) -> None:
        root = self.doc[m.start : m.end].root
        m.head = root.i
        self.mentions.append(m)
        for i in range(m.start, m.end):
            self.by_token[i] = m
        # Honorific tokens in front point at the mention too.
        i = m.start - 1
        while i >= 0 and self.doc[i].lower_ in HONORIFICS and self.doc[i].tag_ == "NNP":
            self.by_token[i] = m
            i -= 1

    def _canonical(self, m: Mention, full: dict[str, list[tuple[int, list[str], str]]]) -> str:
        keys = _key_tokens(m.name)
        if not keys:
            return m.name
        forms = full.get(keys[-1], ())[:200]
        if len(keys) == 1:
            # A bare surname several people share ("Cummings" of Elijah and of his
            # mother Ruth Elma Cummings) is the one the text introduced first, among
            # those introduced before it.
            firsts: dict[str, int] = {}
            for pos, fkeys, _ in forms:
                if pos <= m.start:
                    firsts.setdefault(fkeys[0], pos)
            if firsts:
                chosen = min(firsts, key=firsts.__getitem__)
                forms = [f for f in forms if f[1][0] == chosen]
        best: tuple[int, int, str] | None = None
        for pos, fkeys, fname in forms:
            if len(fkeys) < len(keys):
                continue
            if len(keys) > 1 and fkeys[0] != keys[0]:
                continue
            # Longest form wins; among equals, the nearest mention before this one.
            dist = m.start - pos if pos <= m.start else 10**6 + pos - m.start
            cand = (len(fkeys), -dist, fname)
            if best is None or cand[:2] > best[:2]:
                best = cand
        return best[2] if best else m.name

    # --- look-ups -------------------------------------------------------

    def at(self, tok: Token) -> str | None:
        """Canonical name of the person mention covering `tok`, if any."""
        m = self.by_token.get(tok.i)
        return m.canonical if m else None

    def mention_at(self, tok: Token) -> Mention | None:
        return self.by_token.get(tok.i)

    def canonical_names(self) -> list[str]:
        return list(self.known)

    def is_person(self, name: str | None) -> bool:
        return name is not None and name in self.known

    def pronoun(self, tok: Token) -> str | None:
        """The person a personal pronoun most likely refers to."""
        if tok.lower_ not in PERSON_PRONOUNS:
            return None
        sent_start = tok.sent.start
        bound = self._clause_subject(tok) if tok.dep_ == "poss" else None
        if bound is not None:
            return bound
        # A subject earlier in the same sentence ("Kelly said he ...").
        i = bisect_left(self._starts, tok.i) - 1
        floor = max(-1, i - 50)  # bounded look-back keeps giant sentences linear
        while i > floor and self.mentions[i].start >= sent_start:
            m = self.mentions[i]
            if self._is_subject(m):
                return m.canonical
            i -= 1
        # Cataphora first when the pronoun opens the sentence before its subject: "During
        # his trip to Washington, Bangemann will meet ..." is Bangemann's trip
        if tok.lower_ in ("his", "her"):
            root = tok.sent.root
            subj = next((c for c in root.children if c.dep_ in _SUBJECT_DEPS), None)
            if (
                subj is not None
                and subj.i > tok.i
                and not any(a.i == subj.i for a in tok.ancestors)
                and (main := self.mention_at(subj)) is not None
            ):
                return main.canonical
        found = self.topic_before(sent_start)
        if found:
            return found
        # Cataphora: "During her meeting with X, Chancellor Lind said ..."
        i = bisect_left(self._starts, tok.i)
        while i < len(self.mentions) and self.mentions[i].start < tok.sent.end:
            if self._is_subject(self.mentions[i]):
                return self.mentions[i].canonical
            i += 1
        return None

    def _clause_subject(self, tok: Token) -> str | None:
        """A possessive is bound by the subject of its own clause: in "X announced his
        attendance" and "..., pre-empted by Y, who announced his attendance" the
        attendance is X's and Y's, not that of a subject told earlier in the sentence."""
        verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if verb is None:
            return None
        subj = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
        if subj is None or subj.i > tok.i:
            return None
        if subj.lower_ in ("who", "that") and verb.dep_ == "relcl":
            subj = verb.head  # the relative pronoun stands for the noun it hangs on
        m = self.mention_at(subj)
        return m.canonical if m is not None else None

    def _is_subject(self, m: Mention) -> bool:
        head = self.doc[m.head]
        return (
            head.dep_ in _SUBJECT_DEPS
            or (head.dep_ in ("compound", "appos", "conj") and head.head.dep_ in _SUBJECT_DEPS)
            # "Donald Trump talks to the media": the name parsed as a compound of its verb
            # (or of the root, the verb read as a noun)
            or (
                head.dep_ == "compound"
                and (head.head.pos_ == "VERB" or head.head.dep_ == "ROOT")
                and head.i < head.head.i
            )
        )

    def topic_before(self, index: int) -> str | None:
        """Subject person of the nearest earlier sentence that has one, else the last person."""
        i = bisect_left(self._starts, index) - 1
        return self._topic[i] if i >= 0 else None

    def _main_subject(self, m: Mention) -> bool:
        head = self.doc[m.head]
        if head.dep_ == "poss" and head.head.dep_ in _SUBJECT_DEPS:
            # "Mr Straw's trip is part of ...": the possessor of the subject is what
            # the sentence is about ("He will meet ..." next is Straw).
            verb = head.head.head
            return verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")
        if not self._is_subject(m):
            return False
        verb = self.doc[m.head]
        while verb.dep_ in _SUBJECT_DEPS or verb.dep_ in ("compound", "appos", "conj"):
            verb = verb.head
        while verb.dep_ == "conj":
            verb = verb.head
        # Subjects of relative clauses ("where X won the seat") do not set the topic.
        return verb.dep_ not in ("relcl", "acl") or verb.head.i == verb.i

    def _index_topics(self) -> None:
        self._starts = [m.start for m in self.mentions]
        last_subject: str | None = None
        self._topic = []
        for m in self.mentions:
            if self._main_subject(m):
                last_subject = m.canonical
            self._topic.append(last_subject or m.canonical)
