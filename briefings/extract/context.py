"""Per-document state and helpers shared by the fact extractors.

`DocContext` holds the parsed `Doc`, the sentences left after boilerplate is
dropped, the person index (names, aliases, pronouns), which tokens sit inside
quotation marks, and the helpers that turn a token into a party name, a place,
time words and a tense.
"""

from __future__ import annotations

import copy
import re
from bisect import bisect_left, insort
from collections.abc import Iterable, Iterator

import numpy
from spacy.attrs import DEP, POS
from spacy.symbols import NOUN
from spacy.tokens import Doc, Span, Token

from ..models import Article, Evidence
from ..text import fold
from .boilerplate import boilerplate_spans, dateline_place, is_boilerplate
from .coref import PersonIndex
from .lexicon import (
    CAPITALS,
    COUNTRIES,
    FUTURE_AUX,
    FUTURE_GOVERNORS,
    FUTURE_WORDS,
    GENERIC_PEOPLE,
    GROUP_HEADS,
    HONORIFICS,
    INSTITUTION_HEADS,
    KIN_NOUNS,
    LED_GROUPS,
    MEETING_NOUNS,
    MULTIWORD_CAPITALS,
    MULTIWORD_COUNTRIES,
    PAST_TIME_WORDS,
    PERSON_PRONOUNS,
    POLITICAL_PARTIES,
    ROLE_HEADS,
    SAY_VERBS,
    TITLE_WORDS,
    TRAVEL_NOUNS,
    demonym_country,
    is_known_place,
)
from .titles import first_titles

__all__ = ["DocContext", "is_group_of_nations", "numbered_group"]

SUBJ = frozenset({"nsubj", "nsubjpass"})
_PARTY_LABELS = frozenset({"GPE", "ORG", "NORP"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_TIME_LABELS = frozenset({"DATE", "TIME"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})
_GROUP_ANAPHOR_HEADS = frozenset(
    [
        "side",
        "sides",
        "country",
        "countries",
        "nation",
        "nations",
        "leader",
        "leaders",
        "president",
        "presidents",
        "government",
        "governments",
        "party",
        "parties",
        "man",
        "men",
        "minister",
        "ministers",
    ]
)
_MEDIA = re.compile(
    r"\b(?:bbc\d?|reuters|associated press|afp|cnn|msnbc|nbc|cbs|npr|pbs|itv|al jazeera|times"
    r"|newspaper|radio|tv|wikinews|news)\b",
    re.IGNORECASE,
)
_COUNTRY_WORDS = {fold(c): c for c in (*COUNTRIES, *MULTIWORD_COUNTRIES)} | {
    "us": "US",
    "u.s.": "U.S.",
    "uk": "UK",
    "eu": "EU",
    "nato": "Nato",
    "un": "UN",
}
# Blocs whose members' ministers are each other's counterparts ("his EU counterparts").
_BLOCS = frozenset(
    ["eu", "european union", "ec", "european community", "g7", "g-7", "g8", "g-8", "g20",
     "g-20", "nato", "asean", "opec", "african union", "arab league", "commonwealth",
     "group of seven", "group of eight", "group of 20", "mercosur", "comecon"]
)  # fmt: skip
# Names of one country, for counting who a story is about.
_SAME_COUNTRY = {
    "us": "united states", "u.s.": "united states", "america": "united states",
    "united states of america": "united states", "uk": "britain", "united kingdom": "britain",
    "great britain": "britain", "ussr": "soviet union",
}  # fmt: skip
_DASHES = frozenset(["-", "\u2013"])
_ASIDE_DASHES = frozenset(["-", "\u2013", "\u2014"])
_GROUP_OF_NATIONS = re.compile(r"G-?(?:[2-9]|1[0-9]|20|77)")
# How far back (in tokens, about eight sentences) a group anaphor looks for its group.
_GROUP_REACH = 200
_LEAD_TOKENS = 80
_BENCH = frozenset(["judge", "justice", "magistrate", "sheriff"])
_COURT = re.compile(r"\b(court|tribunal)\b", re.IGNORECASE)

# Relational nouns that name a side only through a modifier ("EU counterparts").
_RELATIONAL = frozenset(
    ["counterpart", "representative", "delegate", "envoy", "diplomat", "member"]
)
_DASH_SPLIT = re.compile("[-\u2013]")
_SIDE_PLACES = frozenset(
    fold(n) for n in (*COUNTRIES, *MULTIWORD_COUNTRIES, *CAPITALS, *MULTIWORD_CAPITALS)
) | frozenset(_COUNTRY_WORDS)
_PORTFOLIOS = frozenset(
    ["foreign", "finance", "trade", "defence", "defense", "energy", "economy", "interior"]
)
_RANK_MODIFIERS = frozenset(
    ["deputy", "vice", "shadow", "former", "assistant", "under", "acting", "junior", "ex"]
)
# A modifier that makes a role another office: "prime minister" vs "foreign minister".
_HEAD_OF_GOVERNMENT = frozenset(["prime", "chief", "first", "general"])
_ARRANGE = frozenset(["arrange", "schedule", "plan", "propose", "request", "seek", "organise"])
_CALL_OFF = frozenset(["cancel", "postpone", "scrap", "abandon", "shelve", "delay"])
_COUNTRY_NOUNS = frozenset(
    ["sheikhdom", "kingdom", "emirate", "republic", "principality", "sultanate", "island",
     "state", "nation", "country"]
)  # fmt: skip
_MEDIA_WORKS = frozenset(
    ["programme", "program", "programmes", "show", "documentary", "podcast", "column"]
)
_FAITHS = frozenset(
    ["christian", "muslim", "catholic", "protestant", "maronite", "sunni", "shiite", "shi'ite",
     "jewish", "hindu", "buddhist", "sikh", "orthodox", "evangelical"]
)  # fmt: skip
_PLANS = frozenset(["plan", "proposal", "idea", "bid", "offer", "invitation"])
_FAIL = frozenset(["collapse", "fail", "founder", "fall"])
IRREALIS_AUX = frozenset(["would", "could", "might", "may", "can", "should", "must"])
IRREALIS_GOV = frozenset(
    [
        "hope",
        "able",
        "try",
        "aim",
        "seek",
        "want",
        "expect",
        "plan",
        "need",
        "wish",
        "attempt",
        "ready",
        "willing",
        "happy",
        "eager",
        "keen",
        "prefer",
        "like",
        "intend",
        "propose",
        "offer",
    ]
)
# Meeting plans ("expected to meet", "plans to meet") are planned meetings, not irrealis.
MEETING_IRREALIS_GOV = frozenset(
    [
        "hope",
        "able",
        "want",
        "wish",
        "ready",
        "willing",
        "happy",
        "eager",
        "keen",
        "refuse",
        # a need is no plan: "he and Putin need to talk about what happened"
        "need",
        # urging others to meet: "encouraged A and B to resume talks"
        "urge",
        "encourage",
        "press",
        "persuade",
        # leave to meet is no meeting: "have been allowed to meet their lawyers"
        "allow",
        "permit",
        # nor is asking or getting someone to talk: "an idea to induce them to talk"
        "ask",
        "induce",
        "force",
        # an offer or proposal of talks awaits an answer: "offered talks with B",
        # "proposed that they meet"
        "offer",
        "propose",
        "suggest",
    ]
)
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
_QUOTE_OPEN = frozenset({"“", "‘‘", "``"})
_QUOTE_CLOSE = frozenset({"”", "''"})
# A sentence holding a quotation-mark token holds one of these in its text.
_QUOTE_CHARS = ('"', "“", "”", "‘‘", "``", "''")


_DURATION = re.compile(
    r"(?:-|\s)long$"
    r"|^(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|a few)[-\s]"
    r"(?:hours?|days?|weeks?|months?|years?)$",
    re.IGNORECASE,
)
# Armed groups, sides in talks and truces under their own name ("the ELN rebels").
_ARMED = frozenset(
    ["rebel", "militant", "insurgent", "separatist", "guerrilla", "militia", "force", "fighter"]
)
_FIRM_PEOPLE = frozenset(["boss", "management", "board"])
# Common nouns whose appositive proper name is the body itself ("the company Verizon").
_BODY_NOUNS = frozenset(
    ["company", "firm", "group", "bank", "carrier", "airline", "maker", "giant", "exchange",
     "agency", "organisation", "organization", "union", "conglomerate", "operator"]
)  # fmt: skip
_SPOKES = frozenset(["spokesman", "spokeswoman", "spokesperson"])
_COLLECTIVES = frozenset(["group", "coalition", "club", "bloc", "alliance"])


def _members(t: Token) -> Token:
    """ "a group of world powers", "a coalition of Western nations": the members named
    by the "of" phrase stand for the collective, which names nobody itself."""
    if t.lemma_ not in _COLLECTIVES or t.pos_ != "NOUN" or t.ent_type_:
        return t
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj" and p.tag_ in ("NNS", "NNPS"):
                    return p
    return t


# A unit with no count ("seconds", "hours"): how long, never when.
_BARE_UNIT = re.compile(r"(?:seconds|minutes|hours|days|weeks|months|years)", re.IGNORECASE)
_UNIT_END = re.compile(r"\b(?:second|minute|hour|day|week|month|year)s?$", re.IGNORECASE)
# Modifiers that leave a group of leaders or officials unnamed.
VAGUE = frozenset(
    ["other", "multiple", "several", "many", "some", "various", "numerous", "senior", "top",
     "leading", "key", "world", "economic", "high", "level", "high-level"]
)  # fmt: skip
# Trips a meeting can happen on ("during his visit to Oslo").
_TRIPS = frozenset(["visit", "trip", "tour", "stay", "stopover"])
# Motion towards a place: under way in the present progressive, the place is ahead.
_ON_THE_WAY = frozenset(["travel", "go", "head", "fly", "return", "come", "proceed", "journey"])
# Nouns that carry a time of their own: a time hung on one is not its governor's.
_OTHER_EVENTS = TRAVEL_NOUNS | MEETING_NOUNS


def _reported_would(verb: Token) -> bool:
    """ "Officials said X would chair the meeting": "would" is the future of reported
    speech, not a condition. Only where "would" is the verb's one modal, with no "if"
    and no "have" ("would have met" is counterfactual)."""
    kids = list(verb.children)
    auxes = [c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")]
    if "would" not in auxes or any(a in auxes for a in ("have", "could", "might")):
        return False
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in kids) or any(
        c.dep_ == "advcl" and any(m.lower_ in CONDITIONAL_MARKS for m in c.children) for c in kids
    ):
        return False  # "said if the meeting took place it would open the way"
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    head = clause.head
    return (
        clause.dep_ == "ccomp"
        and head.lemma_ in SAY_VERBS
        and head.tag_ == "VBD"
        and not any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in head.children)
    )


def _along_with(tok: Token) -> list[Token]:
    """ "India, along with China and Brazil, has been invited": the companions, who do
    what the subject does ("together with" alike). The parser may hang the phrase on
    the verb instead; it still belongs to the subject when it stands between the two."""
    hosts = [*tok.children]
    if tok.dep_ in SUBJ and tok.head.i > tok.i:
        hosts += [c for c in tok.head.children if tok.i < c.i < tok.head.i]
    return [
        k
        for c in hosts
        if c.dep_ == "prep" and c.lower_ in ("along", "together")
        for w in c.children
        if w.dep_ == "prep" and w.lower_ == "with"
        for p in w.children
        if p.dep_ == "pobj"
        for k in (p, *p.conjuncts)
    ]


def _owner_within(k: Token, top: Token) -> bool:
    """Whether `k` owns something on its way up to `top`: "an official from President
    Bush's administration" names Bush only as the administration's owner."""
    cur = k
    while cur.i != top.i and cur.head.i != cur.i:
        if cur.dep_ == "poss":
            return True
        cur = cur.head
    return False


def split_subjects(tok: Token) -> list[Token]:
    """ "A and B will discuss X" parsed with two subjects, the first holding a dangling
    "and": the later subjects of the same verb, which share what the first one does."""
    if tok.dep_ != "nsubj" or tok.conjuncts:
        return []
    if not any(c.dep_ == "cc" and c.lower_ in ("and", "&") for c in tok.children):
        return []
    return [c for c in tok.head.children if c.dep_ == "nsubj" and c.i > tok.i]


def _group_text(tok: Token) -> str:
    """ "Five public sector unions" -> "public sector unions"; a short "of" complement
    is kept ("committee of ministers")."""
    # A coordinated modifier is another side misparsed ("Iran and world powers" with
    # "Iran and world" hung on "powers"): not part of the group's name.
    dropped = {
        d.i
        for c in tok.children
        if c.dep_ == "nmod"
        for k in c.children
        if k.dep_ == "cc"
        for d in c.subtree
        if d.i <= k.i  # "Iran and" goes, "world" stays
    }
    words = [
        t
        for t in tok.subtree
        if t.i <= tok.i
        and t.dep_ not in ("det", "nummod", "poss", "case", "punct")
        and not t.is_stop
        and not t.is_space  # a dateline blanked by the noise mask
        and t.i >= tok.left_edge.i
        and t.i not in dropped
    ]
    text = " ".join(t.text for t in words) or tok.text
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            tail = [t.text for t in c.subtree]
            if len(tail) <= 4:
                text = f"{text} {' '.join(tail)}"
    return text


def _strip_the(text: str) -> str:
    text = text.strip().strip("\"'“”‘’")
    text = re.sub(r"^(?:the|The)\s+", "", text)
    return re.sub(r"(?:'s|’s|')$", "", text).strip()


def numbered_group(tok: Token) -> str | None:
    """ "the Group of 24", "the Group of Seven": a group of nations named by its size."""
    if tok.text != "Group":
        return None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of" and c.i == tok.i + 1:
            num = next((p for p in c.children if p.dep_ == "pobj" and p.like_num), None)
            if num is not None and num.i == c.i + 1:
                return f"Group of {num.text}"
    return None


def is_group_of_nations(tok: Token) -> bool:
    return bool(_GROUP_OF_NATIONS.fullmatch(tok.text) or numbered_group(tok))


def _institution(tok: Token) -> str | None:
    """ "the Paris Club", "the Council of Mortgage Lenders": the capitalised words of an
    institution's name (its compounds, the head, and a capitalised "of" phrase)."""
    start = tok.i
    for c in tok.lefts:
        if c.dep_ == "compound" and c.tag_ == "NNP" and c.text[:1].isupper():
            start = min(start, c.i)
    end = tok.i
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is not None and of.i == tok.i + 1:
        pobj = next((p for p in of.children if p.dep_ == "pobj"), None)
        if (
            pobj is not None
            and pobj.tag_ in ("NNP", "NNPS")
            and all(t.text[:1].isupper() for t in tok.doc[of.i + 1 : pobj.i + 1])
        ):
            end = pobj.i
    if start == end:
        return None  # a bare "Council" names no one in particular
    return tok.doc[start : end + 1].text


# Roles that fit any office: "the FAO official" is whoever the text titled at the FAO.
_GENERIC_ROLES = frozenset(["official", "diplomat", "leader", "chief", "minister"])


def is_media_outlet(name: str) -> bool:
    """ "Wikinews", "BBC Radio 4", "the Times": an outlet, whose interviews are no meetings."""
    return bool(_MEDIA.search(name))


def alternatives(tok: Token) -> bool:
    """ "A or B", "neither A nor B": a coordination of alternatives, not of companions."""
    return any(
        c.dep_ == "cc" and c.lower_ in ("or", "nor")
        for t in (tok, *tok.conjuncts)
        for c in t.children
    )


_SIDE_ENTS = frozenset(["GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"])


def _kin_mention(doc: Doc, start: int, head: int) -> bool:
    """ "his wife Sandra", "daughter Larissa", "His parents, A and B": a family noun just
    before the name, or one the name hangs from through a list or an apposition."""
    if start > 0 and doc[start - 1].lower_ in KIN_NOUNS:
        return True
    tok = doc[head]
    for _ in range(4):
        if tok.dep_ not in ("appos", "conj", "compound") or tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.lower_ in KIN_NOUNS:
            return True
    return False


# Verbs that end a dispute: "settled", "resolved"; and as phrasal verbs, "worked out",
# "ironed out", "patched up" (their differences).
_ENDING_VERBS = frozenset(["settle", "resolve", "end", "solve", "defuse", "overcome"])
_ENDING_PHRASAL = frozenset(
    [("work", "out"), ("iron", "out"), ("sort", "out"), ("thrash", "out"), ("patch", "up"),
     ("smooth", "over")]
)  # fmt: skip


def ends_dispute(v: Token) -> bool:
    """ "settled their dispute", "ironed out their differences"."""
    if v.lemma_ in _ENDING_VERBS:
        return True
    return any(c.dep_ == "prt" and (v.lemma_, c.lower_) in _ENDING_PHRASAL for c in v.children)


def coordinated_modifiers(tok: Token) -> list[Token]:
    """ "between Iran and world powers", "met A and union leaders": the parser hangs the
    first of two coordinated nouns on the second as a modifier with its own "and"."""
    return [
        k
        for k in tok.children
        if k.dep_ == "nmod" and k.i < tok.i and any(c.dep_ == "cc" for c in k.children)
    ]


def repeated_prep_objects(tok: Token) -> list[Token]:
    """ "talks with A and with B": B and its conjuncts, for A (the parser makes the
    second "with" a conjunct of the first, not B a conjunct of A)."""
    if tok.dep_ != "pobj" or tok.head.dep_ != "prep":
        return []
    prep = tok.head
    again = [k for k in prep.conjuncts if k.pos_ == "ADP" and k.lower_ == prep.lower_]
    owner = prep.head
    if owner.dep_ == "dobj" and not again:
        # "held talks with A and with B", "met envoys of A and of B": the second
        # preposition hung on the verb
        again = [
            k
            for k in owner.head.children
            if k.dep_ == "conj" and k.pos_ == "ADP" and k.lower_ == prep.lower_ and k.i > tok.i
        ]
    return [t for k in again for p in k.children if p.dep_ == "pobj" for t in (p, *p.conjuncts)]


# Common nouns a place name stands beside: "the Nigerian capital Abuja".
_PLACE_NOUNS = frozenset(["capital", "city", "town", "port", "resort", "village"])


def _party_owned(tok: Token) -> bool:
    """A place-tagged modifier that names a political party ("Tory Party")."""
    ent = [t for t in tok.doc[tok.i : tok.head.i] if t.ent_type_ == tok.ent_type_]
    return any(t.lower_ in ("party", "parties") or t.lower_ in POLITICAL_PARTIES for t in ent)


class DocContext:
    def __init__(self, doc: Doc, article: Article) -> None:
        self.doc = doc
        self.article = article
        # `Doc.text` joins every token's text on each call: read once.
        self.text = text = doc.text
        self._same_offsets = len(article.text) == len(text)
        spans = boilerplate_spans(text)
        # `doc.sents` builds its spans anew on each pass: walked once here.
        all_sents = list(doc.sents)
        self.sents: list[Span] = []
        skip: set[int] = set()
        for sent in all_sents:
            s0, s1 = sent.start_char, sent.end_char
            sent_text = text[s0:s1]  # == sent.text, without joining its tokens
            if not sent_text.strip():
                continue
            if any(a < s1 and s0 < b for a, b in spans) or is_boilerplate(sent_text):
                skip.add(sent.start)
                continue
            self.sents.append(sent)
        self.skip = skip
        self.dateline = dateline_place(article.text)  # where "here" is for the reporter
        self.persons = PersonIndex(doc, skip).build()
        self.ent_at: dict[int, Span] = {}
        # Entities by sentence start, in one pass: `Span.ents` rescans every entity of
        # the document on each call, which made per-sentence loops quadratic.
        self.sent_ents: dict[int, list[Span]] = {}
        starts = [s.start for s in all_sents]
        k = 0
        for ent in doc.ents:  # both in document order: one merge pass
            for i in range(ent.start, ent.end):
                self.ent_at[i] = ent
            while k + 1 < len(starts) and starts[k + 1] <= ent.start:
                k += 1
            if starts:
                self.sent_ents.setdefault(starts[k], []).append(ent)
        self.in_quote = self._quote_mask(all_sents)
        self._speakers: dict[int, str | None] = {}
        self._sent_words: dict[tuple[int, frozenset[str]], bool] = {}
        self.groups: dict[str, str] = {}
        self._sides: list[str] | None = None
        # Groups of two or more parties named so far, by token position, for
        # "the two countries", "both sides", "the two leaders".
        self._memory: list[tuple[int, str, list[str]]] = []
        self._title_sides = title_sides = self._title_parties(article.title)
        if title_sides:
            self._memory.append((-1, "sides", title_sides))
        # Part of speech and dependency of every token, read in one call: the passes
        # below make Token objects only for the few tokens they look at.
        pos_dep = doc.to_array([POS, DEP])
        # Each token's universal part of speech (`spacy.symbols` ids), for passes that
        # skip most tokens without making a Token object.
        self.pos_ids: list[int] = pos_dep[:, 0].tolist()
        conj = doc.vocab.strings["conj"]
        self._remember_coordinations(numpy.flatnonzero(pos_dep[:, 1] == conj).tolist())
        for i in numpy.flatnonzero(pos_dep[:, 0] == NOUN).tolist():
            tok = doc[i]
            if self.is_group(tok) and tok.sent.start not in skip:
                group = _group_text(tok)
                if len(group) > len(self.groups.get(tok.lemma_, "")):
                    self.groups[tok.lemma_] = group
        # Each person's first role title, found once: (mention start, title span).
        self.titles = first_titles(self.persons)
        # (mention start, canonical name, lower-cased title words), in text order.
        self.titled: tuple[tuple[int, str, frozenset[str]], ...] = tuple(
            sorted(
                (start, name, frozenset(t.lower_ for t in title))
                for name, (start, title) in self.titles.items()
            )
        )
        # People the text introduces by family tie and gives no role: private people,
        # never a side in a meeting or a deal.
        kin = [m for m in self.persons.mentions if _kin_mention(doc, m.start, m.head)]
        self.relatives = frozenset(m.canonical for m in kin if m.canonical not in self.titles)
        # Where anyone is named by a family tie ("met his future wife Glenys, now an
        # MEP"): an encounter told there is a private one, whatever role they hold.
        # ("his son, Governor Jeb Bush", titled right there, met in that role, counts.)
        self.kin_at: tuple[tuple[str, int], ...] = tuple(
            (m.canonical, doc[m.start].idx)
            for m in kin
            if not (m.start > 0 and doc[m.start - 1].lower_ in TITLE_WORDS)
        )

    def head_of_delegation(self, tok: Token) -> str | None:
        """ "The Nigerians will go on to Paris": the one titled person of that country
        named before (the delegation's head), if the text names exactly one."""
        if tok.ent_type_ != "NORP" or tok.tag_ not in ("NNPS", "NNS"):
            return None
        word = fold(tok.text)
        country = demonym_country(word) or demonym_country(word.removesuffix("s"))
        if country is None:
            return None
        found = {
            name
            for start, name, title in self.titled
            if start < tok.i
            and any(w == fold(country) or demonym_country(w) == country for w in title)
        }
        return found.pop() if len(found) == 1 else None

    # --- sentences and evidence ----------------------------------------

    def evidence(self, sent: Span) -> Evidence:
        """The sentence as the article wrote it, with offsets into `article.text`
        (the parsed text may have furniture blanked out, at the same offsets)."""
        source = self.article.text if self._same_offsets else self.text
        # Bounds from the parsed tokens that are not blank: a sentence that runs on
        # into blanked-out furniture must not quote it back from the original text.
        # (Its first and last such token, looked for from each end.)
        doc, lo, hi = self.doc, sent.start_char, sent.end_char
        for i in range(sent.start, sent.end):
            if not (first := doc[i]).is_space:
                lo = first.idx
                for j in range(sent.end - 1, i - 1, -1):
                    if not (last := doc[j]).is_space:
                        hi = last.idx + len(last)
                        break
                break
        raw = source[lo:hi]
        # A closing quote the parser carried over from the paragraph before ('"\nA said
        # ...'): the sentence starts after the break.
        brk = raw.find("\n")
        if brk >= 0 and raw[:brk].strip() and not any(ch.isalnum() for ch in raw[:brk]):
            raw, lo = raw[brk + 1 :], lo + brk + 1
        lead = len(raw) - len(raw.lstrip())
        text = raw.strip()
        start = lo + lead
        return Evidence(text, start, start + len(text))

    def _mark_side(self, tok: Token) -> str | None:
        """Whether a straight quote mark opens or closes by its spacing: glued to the word
        before it and followed by a space it closes ('... advancement." It also'); after
        a space and glued to the next word it opens ('said: "We agree'). None if unclear."""
        doc = self.doc
        prev = doc[tok.i - 1] if tok.i > 0 else None
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        before = prev is not None and not prev.is_space and not prev.whitespace_
        after = nxt is not None and not nxt.is_space and not tok.whitespace_
        if before and not after:
            return "close"
        if after and not before:
            return "open"
        return None

    def _quote_mask(self, sents: Iterable[Span] | None = None) -> list[bool]:
        """Tokens inside quotation marks; quotes are matched within a sentence only,
        so one unbalanced mark cannot turn the reporter's text into a quote."""
        mask = [False] * len(self.doc)
        text = self.text
        for sent in self.doc.sents if sents is None else sents:
            if not any(q in text[sent.start_char : sent.end_char] for q in _QUOTE_CHARS):
                continue  # no quotation mark token: nothing inside quotes
            inside = False
            marks = [
                t for t in sent if t.text in _QUOTE_OPEN or t.text in _QUOTE_CLOSE or t.text == '"'
            ]
            for tok in sent:
                if tok.i == sent.start and tok.text == '"' and self._mark_side(tok) == "close":
                    mask[tok.i] = True  # the previous sentence's closing mark, split off
                    continue
                if tok.text in _QUOTE_OPEN:
                    inside = True
                elif tok.text in _QUOTE_CLOSE:
                    mask[tok.i] = inside
                    inside = False
                    continue
                elif tok.text == '"':
                    side = self._mark_side(tok)
                    inside = side == "open" if side is not None else not inside
                    mask[tok.i] = True
                    continue
                mask[tok.i] = inside
            lone = marks[0] if len(marks) == 1 else None
            if (
                lone is not None
                and lone.i > sent.start + 1
                and lone.text not in _QUOTE_OPEN
                and (lone.text != '"' or self._mark_side(lone) != "open")
            ):
                # A lone closing mark: the sentence ends a quote begun earlier.
                for i in range(sent.start, lone.i + 1):
                    mask[i] = True
                for i in range(lone.i + 1, sent.end):
                    mask[i] = False
        return mask

    def speaker(self, sent: Span) -> str | None:
        """Who is speaking in `sent` (subject of a say-verb outside quotes)."""
        if sent.start in self._speakers:
            return self._speakers[sent.start]
        who: str | None = None
        for tok in sent:
            if tok.lemma_ in SAY_VERBS and tok.pos_ == "VERB" and not self.in_quote[tok.i]:
                for c in tok.children:
                    if c.dep_ in SUBJ:
                        who = self.party(c, allow_quote_pronouns=False)
                        break
                if who:
                    break
            if tok.lemma_ == "quote" and not self.in_quote[tok.i]:
                # "the agency quoted him as saying": the one quoted speaks
                obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
                if obj is not None and any(c.lower_ == "as" for c in tok.children):
                    who = self.party(obj, allow_quote_pronouns=False)
                    if who:
                        break
        if who is None and self.in_quote[sent.start] and sent.start > 0:
            # A quotation running on from the previous sentence keeps its speaker.
            prev = self.doc[sent.start - 1].sent
            if prev.start != sent.start and "\n" not in self.doc[prev.start : sent.start].text:
                who = self.speaker(prev)
        self._speakers[sent.start] = who
        return who

    # --- parties ----------------------------------------------------------

    def _title_parties(self, title: str) -> list[str]:
        """Countries named in the headline ("Egypt and Israel seal trade deal")."""
        words = re.findall(r"[A-Za-z.]+", title or "")
        out: list[str] = []
        i = 0
        while i < len(words):
            two = fold(" ".join(words[i : i + 2]))
            one = fold(words[i])
            if i + 1 < len(words) and two in _COUNTRY_WORDS:
                name, i = _COUNTRY_WORDS[two], i + 2
            elif one in _COUNTRY_WORDS:
                name, i = _COUNTRY_WORDS[one], i + 1
            else:
                i += 1
                continue
            if name not in out:
                out.append(name)
        return out if len(out) >= 2 else []

    def hyphen_countries(self, n: Token) -> list[str]:
        """ "the U.S.-Japanese accord", "a Greek-Turkish row": two countries joined by a
        hyphen in front of the noun `n`."""
        doc = n.doc
        for t in doc[n.left_edge.i : n.i]:
            if t.text in _DASHES and n.left_edge.i < t.i:
                parts = [doc[t.i - 1].text, doc[t.i + 1].text]  # "Japan - US" in three
            else:
                parts = [w for w in _DASH_SPLIT.split(t.text) if w]
                if len(parts) != 2 or t.text in parts:
                    continue
            names = [self.country_word(w) for w in parts]
            if names[0] and names[1] and names[0] != names[1]:
                return [names[0], names[1]]
        return []

    def article_sides(self) -> list[str]:
        """The two countries the story is about: each named (or its people named) at
        least three times, and more than any other. Empty when no pair stands out."""
        if self._sides is not None:
            return self._sides
        counts: dict[str, int] = {}
        shown: dict[str, dict[str, int]] = {}
        for ent in self.doc.ents:
            if ent.label_ not in ("GPE", "NORP") or ent.sent.start in self.skip:
                continue
            text = ent.text.removeprefix("the ").strip()
            word = self.country_word(text)
            if word is None:
                continue
            key = _SAME_COUNTRY.get(fold(word), fold(word))
            counts[key] = counts.get(key, 0) + 1
            if ent.label_ == "GPE":
                forms = shown.setdefault(key, {})
                forms[text] = forms.get(text, 0) + 1
        for name in self._title_sides:  # the headline's pair weighs as two mentions each
            key = _SAME_COUNTRY.get(fold(name), fold(name))
            counts[key] = counts.get(key, 0) + 2
            shown.setdefault(key, {}).setdefault(name, 0)
        ranked = sorted(counts, key=lambda k: -counts[k])
        sides: list[str] = []
        if len(ranked) >= 2 and counts[ranked[1]] >= 3:
            third = counts[ranked[2]] if len(ranked) > 2 else 0
            if counts[ranked[1]] > third:
                for key in ranked[:2]:
                    seen = shown.get(key)
                    sides.append(max(seen, key=seen.__getitem__) if seen else key.title())
        self._sides = sides
        return sides

    @staticmethod
    def country_word(word: str) -> str | None:
        """ "Japanese" -> "Japan", "U.S." -> "U.S.", "Greek" -> None unless listed."""
        low = fold(word)
        return _COUNTRY_WORDS.get(low) or demonym_country(low)

    def entity_text(self, tok: Token) -> str | None:
        ent = self.ent_at.get(tok.i)
        if ent is None:
            return None
        if ent.root.text == "Group" and (numbered := numbered_group(ent.root)):
            return numbered  # "the Group of Five", whose entity stops at "of"
        toks = list(ent)
        while toks and (toks[-1].is_punct or (toks[-1].is_lower and toks[-1].is_stop)):
            toks.pop()  # "Patrice Talon of" (a clipped entity)
        if not toks:
            return None
        text = _strip_the(self.doc[toks[0].i : toks[-1].i + 1].text)
        if text.count("(") > text.count(")"):
            text = text[: text.rindex("(")].rstrip()  # "Hindustan Aeronautics (HAL"
        return text or None

    def leaders_of(self, tok: Token) -> list[str]:
        """ "a delegation led by Minister A", "a team headed by B": the people who lead
        it act for it."""
        if tok.pos_ != "NOUN" or tok.lemma_ not in LED_GROUPS:
            return []
        return [
            name
            for c in tok.children
            if c.dep_ == "acl" and c.lemma_ in ("lead", "head")
            for a in self.agent_objects(c)
            for t in self.coordinated(a)
            if (name := self.persons.at(t))
        ]

    def on_the_bench(self, name: str) -> bool:
        """ "Judge Lord Cullen", "the court": who sits as a court rules on a case; a
        hearing or a ruling is no meeting and no dispute of theirs."""
        if _COURT.search(name):
            return True
        found = self.titles.get(name)
        if found is not None and any(t.lower_ in _BENCH for t in found[1]):
            return True
        # "Judge Lord Cullen": a title the honorific keeps out of the person's titles
        return any(
            t.lower_ in _BENCH
            for m in self.persons.mentions
            if m.canonical == name
            for t in self.doc[max(0, m.start - 3) : m.start]
        )

    def _nation_key(self, word: str) -> str:
        """One key for a country's names and its people's: "British", "UK" -> "britain"."""
        country = fold(self.country_word(word) or word)
        return _SAME_COUNTRY.get(country, country)

    def home_country(self, name: str) -> str | None:
        """The country a person's title names ("Chilean Foreign Minister", "Foreign
        Minister of Chile"), if exactly one."""
        found = self.titles.get(name)
        if found is None:
            return None
        start, title = found
        countries = {c for t in title if (c := self.country_word(t.text))}
        # "Foreign Minister Ana Ruiz of Chile": the country after the name
        mention = self.persons.mention_at(self.doc[start])
        if mention is not None and mention.end + 1 < len(self.doc):
            of, place = self.doc[mention.end], self.doc[mention.end + 1]
            if of.lower_ == "of" and place.ent_type_ == "GPE":
                countries.add(self.entity_text(place) or place.text)
        return countries.pop() if len(countries) == 1 else None

    def person_by_title(self, tok: Token, exclude: str | None = None) -> str | None:
        """ "the chancellor", "the Pakistani president", "their president" -> who is meant."""
        words = {tok.lower_} | {
            c.lower_ for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i
        }
        country = None
        for c in tok.children:
            if c.dep_ == "poss" and c.ent_type_ == "GPE":  # "Taiwan's president"
                country = fold(self.entity_text(c) or "")
        if country is None and any(
            c.dep_ == "poss" and c.lower_ in ("their", "its") for c in tok.children
        ):
            # "their president": the president of the country just named.
            for k in reversed(self.doc[max(tok.sent.start, tok.i - 25) : tok.i]):
                if k.ent_type_ == "GPE":
                    country = fold(self.entity_text(k) or "")
                    break
        best: str | None = None
        loose: str | None = None
        for start, name, title in self.titled:
            if start > tok.i:
                break
            if name == exclude:
                continue
            if tok.lower_ not in title:
                # "the FAO official", "the British minister" (of a "UK Foreign Secretary"):
                # a generic role whose modifiers are all in the title
                mods = {self._nation_key(w) for w in words - {tok.lower_}}
                if (
                    tok.lower_ in _GENERIC_ROLES
                    and mods
                    and mods <= {self._nation_key(w) for w in title}
                ):
                    best = name
                continue
            if (title & _RANK_MODIFIERS) - words:
                continue  # "the prime minister" is not the Deputy Prime Minister
            if (words & _HEAD_OF_GOVERNMENT) - title:
                continue  # "the prime minister" is not the Foreign Minister
            if country is not None:
                places = {fold(demonym_country(w) or "") for w in title} | {fold(w) for w in title}
                if country in places:
                    best = name
                continue
            loose = name
            if words <= title:
                best = name
        if best or loose or country is not None:
            return best or loose
        ahead = self._titled_later(tok, words, exclude)
        if ahead is not None:
            return ahead
        # A title with no titled person, as a subject: the person the text is about,
        # unless the text gives that person only other offices ("the president" is not
        # the Secretary of State the paragraph was about).
        if tok.dep_ in ("nsubj", "nsubjpass"):
            topic = self.persons.topic_before(tok.sent.start)
            offices = [title for _, name, title in self.titled if name == topic]
            if offices and all(tok.lower_ not in title for title in offices):
                return None
            return topic
        return None

    def _titled_later(self, tok: Token, words: set[str], exclude: str | None) -> str | None:
        """ "the Home Secretary's plans ... Home Secretary Charles Clarke said": a
        definite office the article names only later, held by one person in it."""
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            return None
        holders = {
            name
            for start, name, title in self.titled
            if start > tok.i
            and name != exclude
            and words <= title
            and not (title & _RANK_MODIFIERS) - words
        }
        return holders.pop() if len(holders) == 1 else None

    def party(
        self, tok: Token, *, allow_groups: bool = False, allow_quote_pronouns: bool = True
    ) -> str | None:
        """The person, country or organisation a nominal token stands for."""
        name = self.persons.at(tok)
        if name:
            return name
        low = tok.lower_
        if low in PERSON_PRONOUNS:
            if self.in_quote[tok.i] and allow_quote_pronouns:
                return None
            return self.persons.pronoun(tok)
        if low in ("i", "me", "my", "we", "us", "our") and tok.pos_ == "PRON":
            if allow_quote_pronouns and self.in_quote[tok.i]:
                return self.speaker(tok.sent)
            return None
        if low == "it" and tok.dep_ in ("nsubj", "nsubjpass") and not self.in_quote[tok.i]:
            # "the peace plan it signed": the last country or organisation named before as
            # a subject, in this sentence or the one before ("Mitsubishi has forecast a
            # loss. Last month, it signed ...")
            prev = tok.doc[tok.sent.start - 1].sent.start if tok.sent.start > 0 else 0
            for k in reversed(self.doc[max(prev, tok.i - 40) : tok.i]):
                if k.ent_type_ in ("GPE", "ORG") and k.dep_ in ("nsubj", "nsubjpass"):
                    return self.entity_text(k)
            return None
        if low in _MEDIA_WORKS:
            return None  # "BBC One's Breakfast with Frost programme": a show, not Frost
        for c in tok.children:
            if c.dep_ in ("appos", "compound") and (n := self.persons.at(c)):
                return n
        if _GROUP_OF_NATIONS.fullmatch(tok.text):
            return tok.text  # "the G8 (of top industrialised nations)", often left untagged
        numbered = numbered_group(tok)
        if numbered:
            return numbered  # "the Group of 24", whose entity stops at "Group"
        if tok.tag_ == "NNP" and not tok.ent_type_ and tok.lower_ in INSTITUTION_HEADS:
            named = _institution(tok)
            if named:
                return named  # "the Paris Club", untagged or with "Paris" as its only entity
        party = POLITICAL_PARTIES.get(tok.lower_) if tok.text[:1].isupper() else None
        if party and not any(c.dep_ in ("compound", "amod", "nmod", "poss") for c in tok.children):
            # "Labour", "the Tories"; not "Young Conservatives", "her Christian Democrats"
            return party
        ent = self.ent_at.get(tok.i)
        if ent is not None and ent.label_ in _PARTY_LABELS | {"LOC"}:
            if ent.label_ == "NORP":
                people = fold(ent.text)
                if (
                    people.endswith("s")
                    and tok.tag_ in ("NNPS", "NNS")
                    and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
                ):
                    # "talks with the Soviets": the people as a side, their government
                    # ("conversations with Kenyans" are with citizens)
                    return demonym_country(people) or demonym_country(people[:-1])
                return demonym_country(people)
            if ent.label_ == "ORG" and _MEDIA.search(ent.text):
                return None
            return self.entity_text(tok)
        if (
            ent is None
            and tok.tag_ == "NNP"
            and tok.text[:1].isupper()
            and low not in ROLE_HEADS
            and low not in TITLE_WORDS
            and low not in HONORIFICS
            and any(k.ent_type_ == "ORG" and k.ent_iob_ == "B" for k in tok.conjuncts)
        ):
            # "Rover and SAIC signed ...": a name the NER left untagged, coordinated with
            # an organisation, is one too
            first = tok.left_edge.i
            while first < tok.i and self.doc[first].tag_ != "NNP":
                first += 1
            return self.doc[first : tok.i + 1].text
        if tok.pos_ == "NOUN" and (named := self.named_after(tok)):
            # "his Iranian counterpart Kamal Kharrazi" with the name hung apart: the person
            return named
        if low in ROLE_HEADS and (
            (tok.tag_ == "NN" and any(c.dep_ in ("det", "poss") for c in tok.children))
            # "The Treasury Secretary" capitalised as a title, with no name of its own
            or (
                tok.tag_ == "NNP"
                and not tok.ent_type_
                and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
            )
        ):
            found = self.person_by_title(tok)
            if found:
                return found
        if low in _SPOKES and tok.pos_ == "NOUN" and not self.in_quote[tok.i]:
            # "an EU spokesman", "a State Department spokeswoman": no one the text names,
            # but the body that speaks through them
            return self.nationality_of(tok)
        if tok.pos_ == "NOUN" and tok.lemma_ in _COUNTRY_NOUNS:
            # "the Middle Eastern sheikhdom of Qatar", "the kingdom of Bahrain": the country
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for p in c.children:
                        if p.dep_ == "pobj" and p.ent_type_ == "GPE":
                            return self.entity_text(p)
        if tok.pos_ == "NOUN" and tok.lemma_ in ("side", "government", "delegation", "authority"):
            for c in tok.children:
                if c.dep_ in ("amod", "compound") and c.ent_type_ == "NORP" and c.i < tok.i:
                    return demonym_country(fold(c.text))
                if c.dep_ == "poss" and c.ent_type_ == "GPE":
                    return self.entity_text(c)  # "Colombia's government"
                if c.dep_ == "prep" and c.lower_ in ("of", "from"):
                    # "the government of Syria", "the latest delegation from the CBI"
                    for p in c.children:
                        if p.dep_ == "pobj" and (
                            p.ent_type_ == "GPE" or (c.lower_ == "from" and p.ent_type_ == "ORG")
                        ):
                            return self.entity_text(p)
        if tok.pos_ == "NOUN" and tok.lemma_ in ("mission", "delegation", "team"):
            for c in tok.children:
                # "the IMF mission", "a World Bank team": the body it comes from
                if c.dep_ == "compound" and c.ent_type_ in ("ORG", "GPE") and c.i < tok.i:
                    return self.entity_text(c)
        if tok.pos_ == "NOUN" and tok.lemma_ in _ARMED:
            # "the ELN rebels" -> ELN; "Tigrayan forces" stay as worded
            for c in tok.children:
                if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i == tok.i - 1:
                    return self.entity_text(c) or c.text
                if c.dep_ == "amod" and c.ent_type_ == "NORP" and c.i == tok.i - 1:
                    # "Russian forces" -> Russia
                    return demonym_country(fold(c.text)) or f"{c.text} {tok.text}"
        if tok.pos_ == "NOUN" and tok.lemma_ in _FIRM_PEOPLE:
            # "Deutsche Boerse bosses held talks": the firm they run
            return next(
                (
                    n
                    for c in tok.children
                    if c.dep_ == "compound" and c.i < tok.i and (n := self._body_name(c))
                ),
                None,
            )
        appos = [c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        if (
            tok.pos_ == "NOUN"
            and tok.lemma_ in _BODY_NOUNS
            and tok.tag_ == "NN"
            and len(appos) == 1
            and not appos[0].conjuncts
            and (body := self._body_name(appos[0]))
        ):
            # "the US telephone company Verizon": the one body the common noun names
            return body
        if tok.pos_ == "NOUN" and (tok.lemma_ in GENERIC_PEOPLE or tok.lower_ in GENERIC_PEOPLE):
            side = self.nationality_of(tok)
            if side or not allow_groups:
                return side
            modifiers = [c for c in tok.children if c.dep_ in ("compound", "amod")] + [
                k  # "A and union leaders" with "A and union" hung on "leaders"
                for c in coordinated_modifiers(tok)
                for k in c.conjuncts
                if k.pos_ == "NOUN" and k.i == tok.i - 1
            ]
            if not any(c.i < tok.i and c.lower_ not in VAGUE for c in modifiers):
                return None  # "multiple world leaders", "senior officials": nobody named
        if tok.pos_ == "NOUN" and tok.lemma_ in _RELATIONAL:
            # "EU counterparts" -> EU, "representatives of Citibank" -> Citibank, "the
            # supporters' representatives" as worded; bare "counterparts" name nobody
            if tok.lemma_ == "counterpart" and any(
                c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.children
            ):
                side = self.nationality_of(tok)
                if side is not None and fold(side) in _BLOCS:
                    return None  # "his EU counterparts": his own bloc, not another side
            owner = next((c for c in tok.children if c.dep_ == "poss" and c.tag_ == "NNS"), None)
            if allow_groups and owner is not None and owner.pos_ == "NOUN":
                return _strip_the(self.doc[owner.left_edge.i : tok.i + 1].text)
            return self.nationality_of(tok) or next(
                (
                    self.entity_text(p)
                    for c in tok.children
                    if c.dep_ == "prep" and c.lower_ in ("of", "from")
                    for p in c.children
                    if p.dep_ == "pobj" and p.ent_type_ in ("GPE", "ORG")
                ),
                None,
            )
        if allow_groups and tok.pos_ == "NOUN" and self.is_group(tok):
            return self.group_name(tok)
        return None

    @staticmethod
    def is_people_noun(tok: Token) -> bool:
        """ "leaders", "ministers", "unions": a noun for people who can be a side."""
        return any(w in GENERIC_PEOPLE or w in GROUP_HEADS for w in (tok.lower_, tok.lemma_))

    @staticmethod
    def is_group(tok: Token) -> bool:
        return tok.lower_ in GROUP_HEADS or tok.lemma_ in GROUP_HEADS

    def coordinated(self, tok: Token) -> list[Token]:
        """`tok`, its conjuncts, and conjuncts hung on its appositive ("A, X, and B, Y").
        Alternatives are not together: "EU or member state officials" is one of them."""
        if alternatives(tok):
            return [tok]
        out = [tok, *tok.conjuncts, *repeated_prep_objects(tok)]
        for t in list(out):
            # "met Jacques Chirac and business leaders": the first of the two hung on the
            # second as a modifier; the person is a side of its own
            for k in coordinated_modifiers(t):
                if self.persons.at(k):
                    out += [x for x in (k, *k.conjuncts) if x not in out and self.persons.at(x)]
                    out.sort(key=lambda x: x.i)
            out += [k for k in self._paired_names(t) if k not in out]
            out.sort(key=lambda x: x.i)
        for t in list(out):
            if self.persons.at(t):
                out += [k for k in self._hung_on_of(t) if k not in out]
                # "met President A, Prime Minister B and C": B taken for A's appositive
                name = self.persons.at(t)
                for c in t.children:
                    if c.dep_ == "appos" and self.persons.at(c) not in (None, name):
                        out += [k for k in (c, *c.conjuncts) if k not in out]
                continue  # "Abe, secretary general of the party": the name is the side
            if t.ent_type_ in _PARTY_LABELS:
                continue
            for c in t.children:
                if c.dep_ == "appos":
                    out += [k for k in (c, *c.conjuncts) if k not in out]
        return out

    def _paired_names(self, tok: Token) -> list[Token]:
        """ "Rishi Sunak and Ursula von der Leyen", "Syrian President A and Ukrainian
        President B": the first name hung, with its own "and", inside the second name
        or its title (as a modifier, an appositive of the title, ...)."""
        name = self.persons.at(tok)
        if name is None:
            return []
        left = [w for w in tok.subtree if w.i < tok.i]
        ands = [w.i for w in left if w.dep_ == "cc" and w.lower_ in ("and", "&")]
        if not ands:
            return []
        out: list[Token] = []
        seen: set[str] = {name}
        for w in left:
            other = self.persons.at(w)
            if other is None or other in seen or w.i > max(ands):
                continue
            # "A's envoy B", "the wife of A and B": a name inside a dependent is no side
            cur, dependent = w, False
            while cur.i != tok.i and cur.head.i != cur.i:
                if cur.dep_ == "poss" or (cur.dep_ == "pobj" and cur.head.lower_ == "of"):
                    dependent = True
                    break
                cur = cur.head
            if not dependent:
                seen.add(other)
                out.append(w)
        return out

    def _hung_on_of(self, person: Token) -> list[Token]:
        """ "A of Nigeria and B of Benin": people the parser hangs on A's country."""
        return [
            k
            for c in person.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children
            if p.dep_ == "pobj"
            for k in p.conjuncts
            if self.persons.at(k)
        ]

    def group_name(self, tok: Token) -> str:
        """ "Five public sector unions" -> "public sector unions": the longest form the
        document gives (all forms are read when the context is built)."""
        return self.groups.get(tok.lemma_) or _group_text(tok)

    def is_group_anaphor(self, tok: Token) -> bool:
        low = tok.lower_
        if low in ("they", "them", "both") and tok.pos_ in ("PRON", "DET", "NOUN"):
            if (
                low != "both"
                and any(
                    t.dep_ in ("nsubj", "nsubjpass")
                    and t.tag_ == "NNS"
                    and not t.ent_type_
                    # "U.S. officials ... they" (not "two candidates ... they")
                    and not any(c.ent_type_ in _SIDE_ENTS for c in t.children)
                    for t in self.doc[tok.sent.start : tok.i]
                )
            ):
                return False  # "shareholders feared ... force them to": them = shareholders
            return not self.in_quote[tok.i]
        if low in ("pair", "duo") and tok.pos_ == "NOUN":
            # "The pair met on the platform": the two people just named together
            return any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) and not any(
                c.dep_ == "prep" and c.lower_ == "of" for c in tok.children
            )
        if tok.lemma_ in _GROUP_ANAPHOR_HEADS or low in _GROUP_ANAPHOR_HEADS:
            kids = list(tok.children)
            if any(
                c.dep_ in ("nummod", "det", "predet") and c.lower_ in ("two", "both") for c in kids
            ):
                return True
            # "The leaders (at the summit) approved ...": plural, definite, otherwise unnamed.
            # "The foreign ministers agreed": a modifier that only names the portfolio
            # ("foreign", "finance") still leaves the group to the context.
            return (
                tok.tag_ == "NNS"
                and any(c.dep_ == "det" and c.lower_ == "the" for c in kids)
                and not any(
                    (c.dep_ in ("amod", "compound", "poss") and c.lower_ not in _PORTFOLIOS)
                    or c.ent_type_
                    for c in kids
                )
                and not any(c.dep_ == "prep" and c.lower_ == "of" for c in kids)
            )
        return False

    def listed_people(self, tok: Token) -> list[str]:
        """People a plural role noun lists after a comma or dash: "the two leaders, A and
        B, ..."; "the presidents of X and Y - A and B - ..."; "leaders of the parties, A,
        B and C." Read off the surface, since the parser hangs such lists anywhere. The
        list must end at punctuation or the sentence end ("leaders, A and B said" is not
        one) and name at least two people."""
        if tok.tag_ != "NNS" or not (tok.lemma_ in ROLE_HEADS or tok.lower_ in GENERIC_PEOPLE):
            return []
        sent = tok.sent
        names: list[str] = []
        opened = False  # a comma or dash seen between the noun and the first name
        k = tok.i + 1
        while k < min(sent.end, tok.i + 40):
            t = self.doc[k]
            if (
                t.lower_ == "including"
                or (t.lower_ == "them" and k > tok.i + 1 and self.doc[k - 1].lower_ == "among")
            ) and not names:
                opened = True  # "leaders, including A and B"; "leaders, among them A and B"
            elif t.pos_ in ("VERB", "AUX") or t.text in (";", "(", ")", ":"):
                if names and self.doc[k - 1].text == ",":
                    break  # "the leaders, A and B, met": the apposition is closed
                return []  # "leaders, A and B said": the names are a subject of their own
            elif t.text in (",", "-", "–", "—") and not names:
                opened = True
            elif t.text in ("-", "–", "—") or (t.lower_ == "respectively"):
                break
            elif (n := self.persons.at(t)) is not None:
                if not opened:
                    return []
                if n not in names:
                    names.append(n)
            elif names and not (
                t.text == ","
                or t.lower_ == "and"
                or t.pos_ in ("PROPN", "ADJ")
                or t.lower_ in ROLE_HEADS
                or t.lemma_ in ROLE_HEADS
            ):
                break
            k += 1
        return names if len(names) >= 2 else []

    def parties(self, tok: Token, *, allow_groups: bool = False) -> list[str]:
        """Parties named by `tok` and its conjuncts ("Kelly and Abe")."""
        listed = self.listed_people(tok) or self.leaders_of(tok)
        if listed:
            return listed
        if self.is_group_anaphor(tok):
            # "the two foreign ministers, A of Chile and B of Peru": named right there
            named = [
                x
                for c in tok.children
                if c.dep_ == "appos"
                for k in (c, *c.conjuncts)
                if (x := self.persons.at(k))
            ]
            if len(named) >= 2:
                return list(dict.fromkeys(named))
            kind = None
            if tok.lemma_ in ("country", "nation", "government", "side"):
                kind = "sides"  # "both sides": governments, not a person and a country
            elif tok.lemma_ in ("leader", "president", "man", "minister", "pair", "duo"):
                kind = "people"
            return self.recall(tok.i, kind)
        out: list[str] = []
        companions = _along_with(tok) + split_subjects(tok) if tok.dep_ in SUBJ else []
        hung = self._hung_on_of(tok) if self.persons.at(tok) else []
        # "A, but not B, will attend": a negated conjunct is left out
        conjuncts = [
            k
            for k in (*tok.conjuncts, *repeated_prep_objects(tok))
            if not any(c.dep_ == "neg" for c in k.children)
        ]
        if alternatives(tok):
            conjuncts = []  # "EU or member state officials": one of them, not both
        # "the U.S., Britain, and France" parsed as an apposition with conjuncts
        listed_countries = [
            k
            for c in tok.children
            if c.dep_ == "appos" and tok.ent_type_ == "GPE" and c.ent_type_ == "GPE" and c.conjuncts
            for k in (c, *c.conjuncts)
        ]
        # "his rival Alan Milburn and John Prescott": the list hangs on the name
        named_list = [
            k
            for c in tok.children
            if c.dep_ == "appos" and tok.pos_ == "NOUN" and self.persons.at(c)
            for k in c.conjuncts
            if self.persons.at(k)
        ]
        # "Rishi Sunak and Ursula von der Leyen": the first name hung on the second's last
        # word as a modifier with its own "and"
        paired = self._paired_names(tok)
        for t in (*paired, tok, *conjuncts, *companions, *hung, *listed_countries, *named_list):
            t = _members(t)
            if self.others_with(t):
                continue
            if t.tag_ == "NNS" and (
                t.lemma_ in ROLE_HEADS or t.lemma_ in ("delegation", "government")
            ):
                # "the prime ministers of Bulgaria, Albania and Macedonia": each the one
                # the text titles with that office and country, else the country
                sides = [self.office_holder(t, x) for x in self.sides_of(t)]
                sides = [x for x in sides if x not in out]
                if sides:
                    out += sides
                    continue
            # "his German counterpart Manfred Woerner" parsed as two subjects: the name
            # right after the role noun is its person, not the country of its modifier
            name = self.named_after(t) or self.party(t, allow_groups=allow_groups)
            if name is None and t.pos_ == "NOUN" and t.lemma_ in ("leader", "official"):
                name = self.nationality_of(t)
            if name is None:
                name = self.role_person(t)
            if name and name not in out:
                out.append(name)
        if out and self.persons.is_person(out[-1]):
            # "A - who X - and B": the list goes on after the aside
            last = max((tok, *conjuncts), key=lambda t: t.i)
            out += [n for n in self.list_tail(last) if n not in out]
        return out

    def list_tail(self, last: Token) -> list[str]:
        """People a list goes on to name after `last` where the parser lost the thread."""
        return self.after_aside(last) + self.titled_list(last)

    def titled_list(self, last: Token) -> list[str]:
        """ "see Finance Minister A, West German Finance Minister B and British Chancellor
        of the Exchequer C": a list of people each under a title, which the parser breaks
        into appositions and modifiers. Read off the surface: after the name, comma-set
        items of title words and a name, closed by "and"; anything else ends it unread."""
        doc, sent = self.doc, last.sent
        m = self.persons.mention_at(last)
        if m is None:
            return []
        names: list[str] = []
        k = m.end
        while k < sent.end:
            closing = doc[k].lower_ == "and" or doc[k : k + 2].text.lower() == ", and"
            if not closing and doc[k].text != ",":
                return []
            k += 2 if doc[k : k + 2].text.lower() == ", and" else 1
            j = k
            while j < min(sent.end, k + 9) and self.persons.mention_at(doc[j]) is None:
                t = doc[j]
                if not (
                    t.lower_ in TITLE_WORDS
                    or t.lower_ in ("of", "the", "'s")
                    or (t.pos_ in ("PROPN", "ADJ") and t.is_title)
                ):
                    return []
                j += 1
            # the name's entity may take in its title ("Minister Gerhard Stoltenberg")
            nxt = self.persons.mention_at(doc[j]) if j < sent.end else None
            if nxt is None or nxt.start < j:
                return []
            names.append(nxt.canonical)
            k = nxt.end
            if closing:
                return names
        return []

    def after_aside(self, last: Token) -> list[str]:
        """ "A - due to speak by video link - and B", "Alan Milburn - who the prime
        minister put in charge - and John Prescott": a list goes on after an aside set
        off by dashes, which the parser cannot hang anywhere sensible."""
        doc, sent = self.doc, last.sent
        k = last.i + 1
        if k >= sent.end or doc[k].text not in _ASIDE_DASHES:
            return []
        close = next(
            (j for j in range(k + 1, min(sent.end, k + 30)) if doc[j].text in _ASIDE_DASHES),
            None,
        )
        if close is None or close + 1 >= sent.end or doc[close + 1].lower_ != "and":
            return []
        for j in range(close + 2, min(sent.end, close + 7)):
            m = self.persons.mention_at(doc[j])
            if m is not None and m.start == j:
                return [m.canonical]
            if doc[j].pos_ in ("VERB", "AUX") or doc[j].is_punct:
                break
        return []

    def named_after(self, t: Token) -> str | None:
        """The person whose name starts right after a role noun ("counterpart Manfred
        Woerner"), however the parser hangs it."""
        if t.pos_ != "NOUN" or not (t.lower_ in ROLE_HEADS or t.lemma_ in ROLE_HEADS):
            return None
        k = t.i + 1
        # "minister without portfolio Egon Padovan": a fixed phrase of the office first
        if self.doc[k : k + 2].text.lower() == "without portfolio":
            k += 2
        if k >= len(self.doc):
            return None
        m = self.persons.mention_at(self.doc[k])
        return m.canonical if m is not None and m.start == k else None

    def _body_name(self, t: Token) -> str | None:
        """The name of a firm or body, whatever tag the NER gave it short of a person, a
        known place or a nationality ("Verizon" is tagged a place, or a people)."""
        if t.pos_ != "PROPN" or t.ent_type_ == "PERSON":
            return None
        text = self.entity_text(t) or t.text
        if t.ent_type_ in ("GPE", "LOC") and is_known_place(text):
            return None
        if t.ent_type_ == "NORP" and demonym_country(fold(text)):
            return None
        return text

    def role_person(self, t: Token) -> str | None:
        """The person a role noun's own phrase names: "Portugal's director general for
        Trade, Rui Costa Martins", "ambassador to Moscow Salah Bassiouni" (the name hung
        low by the parser)."""
        if t.pos_ not in ("NOUN", "PROPN") or not (
            t.lower_ in ROLE_HEADS or t.lemma_ in ROLE_HEADS
        ):
            return None
        return next(
            (
                n
                for k in t.subtree
                if k.i > t.i and (n := self.persons.at(k)) and not _owner_within(k, t)
            ),
            None,
        )

    def nationality_of(self, tok: Token) -> str | None:
        """ "Iraqi leaders" -> Iraq; "Nato leaders" -> Nato."""
        for c in tok.children:
            if c.i < tok.i and c.ent_type_ == "NORP":
                # "Iraqi leaders" -> Iraq, "African leaders" as worded; "the Maronite
                # Christian leader" names a faith, no side
                if fold(c.text) in _FAITHS:
                    return None
                # "the Tories' call": the party by the name it goes by
                side = demonym_country(fold(c.text)) or POLITICAL_PARTIES.get(fold(c.text))
                if side is None and c.left_edge.i < c.i:
                    # "Welsh Liberal Democrat council leaders": the whole name
                    return self.doc[c.left_edge.i : c.i + 1].text
                if side is None and tok.tag_ == "NNS" and self.is_people_noun(tok):
                    # "African leaders" as worded: a region is no side without its people
                    return self.doc[c.i : tok.i + 1].text
                return side or c.text
            if (
                c.i < tok.i
                and c.ent_type_ in ("GPE", "ORG")
                and c.dep_ in ("compound", "nmod", "poss")
            ):
                return self._split_name(c, tok) or self.entity_text(c)
        return None

    def _split_name(self, c: Token, tok: Token) -> str | None:
        """ "Welsh Liberal Democrat council leaders", tagged "Welsh Liberal" (ORG) and
        "Democrat" (NORP): one name the NER split in two, read whole."""
        span = next(
            (e for e in self.sent_ents.get(c.sent.start, ()) if e.start <= c.i < e.end), None
        )
        if span is None or span.label_ != "ORG":
            return None
        end = span.end
        while end < tok.i and self.doc[end].tag_ == "NNP" and self.doc[end].ent_type_ == "NORP":
            end += 1
        if end == span.end:
            return None
        return self.doc[span.start : end].text

    def others_with(self, t: Token) -> bool:
        """ "Minister A and other senior Japanese officials": the rest of A's own side,
        which A stands for; no side of its own."""
        return (
            t.dep_ == "conj"
            and t.pos_ == "NOUN"
            and any(c.dep_ == "amod" and c.lower_ == "other" for c in t.children)
            and self.persons.at(t.head) is not None
        )

    def office_holder(self, office: Token, country: str) -> str:
        """ "the prime ministers of A and B", where the text titles "A's Prime Minister X"
        ("Albanian Prime Minister Fatos Nano"): X for A, else the country."""
        if office.lemma_ not in ROLE_HEADS:
            return country  # "the governments of A and B", "delegations"
        words = {fold(t.text) for t in office.subtree if t.i <= office.i and t.dep_ != "det"}
        words = {w.removesuffix("s") for w in words}
        key = fold(country)
        found = {
            name
            for _, name, title in self.titled
            if words <= {w.removesuffix("s") for w in title}
            and any(w == key or fold(demonym_country(w) or "") == key for w in title)
        }
        return found.pop() if len(found) == 1 else country

    def sides_of(self, tok: Token) -> list[str]:
        """ "the presidents of Sri Lanka and Indonesia" -> [Sri Lanka, Indonesia];
        "leaders from ASEAN" -> [ASEAN]; "the Egyptian and Soviet governments" -> [Egypt,
        Soviet Union]."""
        out: list[str] = []
        for c in tok.children:
            if c.i < tok.i and c.ent_type_ == "NORP" and c.conjuncts:
                # one plural noun, several nationalities: a side each ("Japanese
                # officials" alone stays one side, found by nationality_of)
                for a in (c, *c.conjuncts):
                    if a.ent_type_ == "NORP" and fold(a.text) not in _FAITHS:
                        side = demonym_country(fold(a.text)) or POLITICAL_PARTIES.get(fold(a.text))
                        if side and side not in out:
                            out.append(side)
            if (
                c.i < tok.i
                and c.dep_ in ("nmod", "compound")
                and c.ent_type_ in ("GPE", "ORG")
                and any(k.ent_type_ == c.ent_type_ for k in c.conjuncts)
            ):
                # "the Iran and Iraq foreign ministers": a side each, as with nationalities
                out += [
                    n
                    for a in (c, *c.conjuncts)
                    if a.ent_type_ in ("GPE", "ORG") and (n := self.entity_text(a)) and n not in out
                ]
            if c.dep_ == "prep" and c.lower_ in ("of", "from"):
                for p in c.children:
                    if p.dep_ != "pobj":
                        continue
                    each = p.lemma_ in ("country", "nation", "side") and any(
                        c.dep_ == "det" and c.lower_ in ("each", "every") for c in p.children
                    )
                    if self.is_group_anaphor(p) or each:
                        # "the foreign ministers of both countries", "of each country"
                        out += [x for x in self.recall(p.i, "sides") if x not in out]
                        continue
                    out += [
                        n
                        # "envoys of Norway and of Sweden": the second "of" is its own
                        for t in (p, *p.conjuncts, *repeated_prep_objects(p))
                        if t.ent_type_ in ("GPE", "ORG") and (n := self.entity_text(t))
                    ]
        return list(dict.fromkeys(out))

    def with_groups(self, groups: Iterable[tuple[int, Iterable[str]]]) -> DocContext:
        """A copy that also knows `groups` (character offset, names), e.g. the people of
        the meetings found, for later group anaphora ("the two leaders agreed"). The
        context itself never changes once built, so extractors cannot affect each
        other through it."""
        other = copy.copy(self)
        other._memory = list(self._memory)
        for char, names in groups:
            span = self.doc.char_span(char, char + 1, alignment_mode="expand")
            if span is not None:
                other._remember(list(names), at=span.start)
        return other

    def _remember(self, names: Iterable[str], at: int) -> None:
        """Note a group of parties named at token `at` (for later group anaphora)."""
        names = list(dict.fromkeys(names))
        if len(names) < 2:
            return
        known = self.persons.known
        if all(n in known for n in names):
            kind = "people"
        elif not any(n in known for n in names):
            kind = "sides"
        else:
            kind = "mixed"
        insort(self._memory, (at, kind, names), key=lambda m: m[0])

    def recall(self, at: int, kind: str | None = None) -> list[str]:
        """The latest group named before token `at` (of `kind` when given), if named
        within reach or in the lead, where the story's sides are set: "they" pages after
        a list of districts is someone else."""
        i = bisect_left(self._memory, at, key=lambda m: m[0]) - 1
        while i >= 0:
            where, k, names = self._memory[i]
            if at - where > _GROUP_REACH and where > _LEAD_TOKENS:
                i -= 1
                continue
            if kind is None or k == kind:
                return list(names)
            i -= 1
        return []

    def _remember_coordinations(self, conjuncts: Iterable[int] | None = None) -> None:
        """ "Egypt and Israel", "Kelly and Abe": coordinated names are groups.
        `conjuncts`: the indices of the tokens whose dependency is "conj" (all when None)."""
        doc = self.doc
        if conjuncts is None:
            conjuncts = [t.i for t in doc if t.dep_ == "conj"]
        for i in conjuncts:
            tok = doc[i]
            if tok.head.dep_ == "conj" or self.in_quote[i]:
                continue  # a pair named inside a quotation is the speaker's, not the report's
            head = tok.head
            names = [n for t in (head, *head.conjuncts) if (n := self._name_only(t))]
            if len(names) >= 2:
                self._remember(names, at=head.i)

    def _name_only(self, tok: Token) -> str | None:
        person = self.persons.at(tok)
        if person:
            return person
        ent = self.ent_at.get(tok.i)
        if ent is not None and ent.label_ == "GPE":
            name = self.entity_text(tok)
            # Countries and capitals stand for governments; other towns ("a bus link
            # between Leeds and York") are not sides that "both sides" can mean.
            if name is not None and fold(name) in _SIDE_PLACES:
                return name
        return None

    # --- syntax helpers ---------------------------------------------------

    @staticmethod
    def subject_of(verb: Token) -> Token | None:
        """The subject of `verb`, climbing through xcomp/advcl/conj/relcl chains."""
        cur = verb
        for _ in range(6):
            for c in cur.children:
                if c.dep_ in SUBJ:
                    if c.lower_ in _RELATIVE and cur.dep_ == "relcl":
                        return cur.head
                    return c
            fronted = DocContext._fronted_subject(cur)
            if fronted is not None:
                return fronted
            trip = cur.head
            if (
                cur.dep_ == "acl"
                and trip.lemma_ in _TRIPS
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)
            ):
                # "arrived in Kabul on a visit to meet B", "his visit to meet B": the one
                # on the trip meets B
                owner = next((c for c in trip.children if c.dep_ == "poss"), None)
                if owner is not None:
                    return owner
                if trip.dep_ == "pobj" and trip.head.head.pos_ in ("VERB", "AUX"):
                    cur = trip.head.head
                    continue
                if trip.dep_ == "dobj":
                    cur = trip.head
                    continue
            if (
                cur.dep_ == "acl"
                and trip.lemma_ == "invitation"
                and trip.dep_ == "dobj"
                and trip.head.lemma_ in ("accept", "receive")
            ):
                cur = trip.head  # "accepted an invitation to visit Moscow": the invitee
                continue
            if (
                cur.dep_ == "acl"
                and cur.lower_ in ("following", "after")
                and trip.dep_ == "pobj"
                and trip.head.head.pos_ in ("VERB", "AUX")
            ):
                # "At a news conference following talks with B, A said": the one who
                # speaks at the event had the talks
                cur = trip.head.head
                continue
            if cur.dep_ == "relcl" or (cur.dep_ == "acl" and cur.head.pos_ in ("PROPN", "NOUN")):
                return cur.head
            # "Hungary licensed X, then agreed with B": a second predicate the parser
            # left as "dep" shares the first one's subject
            shared = (
                cur.dep_ == "dep"
                and cur.pos_ == "VERB"
                and cur.head.pos_ in ("VERB", "AUX")
                and cur.head.i < cur.i
            )
            if cur.dep_ == "ccomp" and cur.head.lemma_ in SAY_VERBS:
                # "Du Plessis said 34 banks ... agreed": what is reported has a doer of
                # its own. Only a pronoun the parser hung elsewhere ('Woolf said: "I
                # have, so far, failed to ..."') points back to the speaker.
                lo, hi = sorted((cur.head.i, cur.i))
                if not any(t.dep_ in SUBJ and t.pos_ == "PRON" for t in cur.doc[lo + 1 : hi]):
                    return None
            if (
                cur.dep_ in ("xcomp", "advcl", "conj", "pcomp", "ccomp", "acomp") or shared
            ) and cur.head.i != cur.i:
                if cur.dep_ == "xcomp" and cur.i == verb.i:
                    # object control: in "A urged B to sign" the one to sign is B (not
                    # past a conjunct: "A urged B to wait and spoke with C" is a misparse)
                    ctrl = next(
                        (c for c in cur.head.children if c.dep_ == "dobj" and c.i < cur.i), None
                    )
                    if ctrl is not None:
                        return ctrl
                cur = cur.head
                if cur.dep_ == "prep" and cur.head.i != cur.i:
                    cur = cur.head
                continue
            if cur.dep_ == "pobj" and cur.head.dep_ == "prep":
                cur = cur.head.head
                continue
            if cur.dep_ == "prep":
                cur = cur.head
                continue
            if cur.dep_ == "appos" and cur.head.pos_ in ("PROPN", "NOUN"):
                return cur.head
            break
        return None

    @staticmethod
    def agent_objects(verb: Token) -> list[Token]:
        """The objects of a passive's "by" phrase: "signed by A and B" -> [A]."""
        return [
            p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
        ]

    @staticmethod
    def governing_verb(tok: Token) -> Token | None:
        cur = tok
        for _ in range(6):
            if cur.head.i == cur.i:
                return cur if cur.pos_ in ("VERB", "AUX") else None
            cur = cur.head
            if cur.pos_ in ("VERB", "AUX"):
                return cur
        return None

    @staticmethod
    def on_the_way(v: Token) -> bool:
        """ "is travelling to Oslo": motion towards a place under way now, so the place,
        and what the trip is for ("for talks with B"), are still ahead."""
        return (
            v.tag_ == "VBG"
            and v.lemma_ in _ON_THE_WAY
            and any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in v.children)
            and any(c.dep_ == "prep" and c.lower_ == "to" for c in v.children)
        )

    def is_future(self, tok: Token) -> bool:
        """True when the clause of `tok` speaks about something still to come."""
        cur = tok
        for _ in range(7):
            kids = list(cur.children)
            if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in kids):
                return True
            if _reported_would(cur):
                return True  # "officials said X would chair the meeting"
            if cur is not tok and cur.lemma_ in _ARRANGE and not self._narrated_past(cur):
                return True  # "trying to arrange a meeting", "proposed talks"
            if (
                cur.dep_ == "pobj"
                and cur.head.lower_ == "to"
                and cur.head.head.lemma_ in ("agree", "consent", "commit")
            ):
                return True  # "agreed to talks with B": talks still to come
            if any(
                c.lower_ in ("next", "upcoming", "forthcoming", "planned")
                for c in kids
                if c.dep_ in ("amod", "compound")
            ):
                return True
            invitation = cur.head
            if (
                cur.dep_ == "acl"
                and invitation.lemma_ == "invitation"
                and invitation.dep_ == "dobj"
                and invitation.head.lemma_ == "accept"
                and not any(c.dep_ == "neg" for c in invitation.head.children)
            ):
                # "accepted an invitation to visit Moscow": a visit to come, unless dated
                # back ("... last year")
                when = self.time_words([cur, invitation.head])
                return when is None or not any(t.lower_ in PAST_TIME_WORDS for t in when)
            if any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD",) for c in kids):
                return False
            if cur.lemma_ == "be" and any(c.dep_ == "acomp" and c.lower_ == "due" for c in kids):
                return True  # "is due in Cairo on Monday for talks"
            if cur.lower_ in ("expected", "scheduled") and any(
                c.dep_ == "auxpass" and c.tag_ in ("VBP", "VBZ") for c in kids
            ):
                return True  # "are expected at the summit", as "due at"
            if cur.dep_ == "xcomp":
                head = cur.head
                if head.lemma_ in FUTURE_GOVERNORS or head.lower_ == "due":
                    return True
                if head.lower_ == "going" and any(
                    c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in head.children
                ):
                    return True  # "is going to meet B" (not "was going to", unreal)
                if (
                    head.lemma_ == "be"
                    and any(c.dep_ == "aux" and c.lower_ == "to" for c in kids)
                    # "is to attend" is arranged; "is in the UK to attend" is there now
                    and not any(
                        c.dep_ in ("prep", "acomp", "attr") and head.i < c.i < cur.i
                        for c in head.children
                    )
                ):
                    return True
                cur = head
                continue
            if cur.dep_ in ("nsubjpass", "nsubj") and cur.head.lemma_ in (
                "plan",
                "schedule",
                "expect",
                "due",
                "set",
            ):
                return True
            if cur.tag_ in ("VBD",):
                return False
            if cur.dep_ in ("conj", "advcl", "pcomp", "prep", "dobj", "pobj", "acl", "relcl"):
                if cur.head.i == cur.i:
                    break
                cur = cur.head
                continue
            break
        return False

    def _narrated_past(self, verb: Token) -> bool:
        """A past-tense verb in a sentence dated to an earlier year ("Within a week of his
        release in 1992, they arranged a meeting"): a story told, not a plan."""
        if verb.tag_ != "VBD":
            return False
        published = self.article.published
        for ent in self.sent_ents.get(verb.sent.start, ()):
            if ent.label_ != "DATE":
                continue
            for t in ent:
                if t.like_num and len(t.text) == 4 and t.text.isdigit():
                    year = int(t.text)
                    if year > 1900 and (published is None or year < published.year):
                        return True
        return False

    def is_called_off(self, n: Token) -> bool:
        """ "the planned trip to Oslo, which was cancelled", "the visit was postponed",
        "cancelled his trip": an event that will not happen."""
        # A place is not cancelled: a clause hung on the destination is about the event.
        dests = [p for c in n.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
        for c in (k for t in (n, *dests) for k in t.children):
            if c.dep_ in ("relcl", "acl", "amod") and c.lemma_ in _CALL_OFF:
                return True
        gov = self.governing_verb(n)
        if gov is not None and gov.lemma_ in _CALL_OFF and n.dep_ in ("nsubjpass", "dobj"):
            return True
        # "plans for a debate between A and B collapsed": the plan failed, so will the event
        plan = n.head.head if n.dep_ == "pobj" and n.head.lower_ in ("for", "of") else None
        if plan is not None and plan.lemma_ in _PLANS:
            verb = self.governing_verb(plan)
            return (
                verb is not None
                and plan.dep_ in ("nsubj", "nsubjpass", "dobj")
                and (verb.lemma_ in _CALL_OFF or (verb.lemma_ in _FAIL and plan.dep_ == "nsubj"))
            )
        return False

    @staticmethod
    def is_irrealis(tok: Token, governors: frozenset[str] = IRREALIS_GOV) -> bool:
        """ "would be happy to meet", "hope to reach a deal", "could sign"."""
        cur = tok
        for _ in range(3):
            if any(
                c.dep_ == "aux" and c.lower_ in IRREALIS_AUX for c in cur.children
            ) and not _reported_would(cur):
                return True
            # "expected Nippon to agree": an infinitive the parser made a clause of its own
            infinitive = cur.dep_ == "xcomp" or (
                cur.dep_ == "ccomp"
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)
            )
            if infinitive and cur.head.lemma_ in governors:
                return True
            if not (infinitive or cur.dep_ == "acomp") or cur.head.i == cur.i:
                return False
            cur = cur.head
        return False

    @staticmethod
    def _fronted_subject(verb: Token) -> Token | None:
        """ "After talks with B, President A said ...", parsed with A as B's appositive
        and no subject for "said": the name that closes the fronted phrase, set off by a
        comma and right before the verb, is its subject."""
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        doc = verb.doc
        for c in verb.children:
            if c.dep_ != "prep" or c.i > verb.i:
                continue
            for t in c.subtree:
                if (
                    t.dep_ == "appos"
                    and t.right_edge.i == verb.i - 1
                    and t.ent_type_ == "PERSON"
                    and doc[t.left_edge.i - 1].text == ","
                ):
                    return t
        return None

    @staticmethod
    def door_shut_on(tok: Token) -> Token | None:
        """ "slammed the door on (resuming) talks with B", "closed the door to talks": the
        verb that rules out what `tok` names, if one does."""
        if tok.dep_ not in ("pobj", "pcomp") or tok.head.lower_ not in ("on", "to"):
            return None
        # the parser hangs the phrase on the door or on the verb
        held = tok.head.head
        shut = held.head if held.lemma_ == "door" and held.dep_ == "dobj" else held
        if not any(c.dep_ == "dobj" and c.lemma_ == "door" for c in shut.children):
            return None
        if shut.lemma_ in ("slam", "close", "shut") and not any(
            c.dep_ == "neg" for c in shut.children
        ):
            return shut
        return None

    @staticmethod
    def is_denied(tok: Token, reach: int = 1) -> bool:
        """ "denied meeting B", "denied signing a deal with B": said not to have happened
        (by a "deny" up to `reach` heads above)."""
        cur = tok
        for _ in range(reach):
            if cur.dep_ in ("xcomp", "ccomp", "dobj", "pcomp") and cur.head.lemma_ == "deny":
                return True
            if cur.head.i == cur.i:
                break
            cur = cur.head
        return False

    @staticmethod
    def is_conditional(tok: Token) -> bool:
        """Inside an "if/unless/whether" clause, or bound by one ("will sign the treaty if
        the terms improve")."""
        if any(
            c.dep_ == "advcl" and any(m.lower_ in CONDITIONAL_MARKS for m in c.children)
            for c in tok.children
        ):
            return True
        cur = tok
        for _ in range(4):
            if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in cur.children):
                return True
            if cur.head.i == cur.i:
                break
            cur = cur.head
        return False

    def time_words(self, anchors: Iterable[Token], *, points: bool = False) -> Span | None:
        """A DATE/TIME entity attached to one of `anchors` (not via another verb);
        with `points`, a point in time only ("on Sunday", not "week-long")."""
        ids = {t.i for t in anchors}
        if not ids:
            return None
        lo, hi = min(ids), max(ids)
        sent = self.doc[lo].sent
        w0, w1 = max(sent.start, lo - 40), min(sent.end, hi + 40)
        for ent in self.sent_ents.get(sent.start, ()):
            if ent.start < w0 or ent.end > w1 or ent.label_ not in _TIME_LABELS:
                continue
            if points and _DURATION.search(ent.text):
                continue
            before = self.doc[ent.start - 1].lower_ if ent.start > 0 else ""
            if (
                _BARE_UNIT.fullmatch(ent.text)
                or before == "within"
                or (before == "for" and _UNIT_END.search(ent.text))
            ):
                # "arrived within seconds of each other", "met for an hour": how long
                continue
            t = ent.root
            for _ in range(8):
                if t.i in ids:
                    return ent
                if t.lower_ == "since" and t.dep_ == "prep":
                    break  # "its third meeting since its bid in December": a span's start
                if t.head.i == t.i or (
                    t is not ent.root and (t.pos_ in ("VERB", "AUX") or t.lower_ in _OTHER_EVENTS)
                ):
                    break  # "talks with B ahead of her visit next week": the visit's time
                t = t.head
        return None

    def place_of(self, anchors: Iterable[Token], *, named_before: bool = True) -> str | None:
        """A place in an "in/at X" phrase (or, with `named_before`, a "London meeting")
        attached to `anchors`."""
        for a in anchors:
            for c in a.children:
                if c.dep_ == "prep" and c.lower_ in ("in", "at"):
                    for p in c.children:
                        if p.dep_ == "pobj" and p.ent_type_ in _PLACE_LABELS:
                            return self.entity_text(p)
                        if p.dep_ == "pobj" and p.lemma_ in _PLACE_NOUNS:
                            # "in the Nigerian capital Abuja": the place named beside it
                            named = [
                                k
                                for k in p.children
                                if k.dep_ in ("appos", "compound")
                                and k.ent_type_ in _PLACE_LABELS
                                and k.i > p.i
                            ]
                            if named:
                                return self.entity_text(named[0])
                if (
                    named_before
                    and c.dep_ in ("compound", "nmod")
                    and c.ent_type_ in _PLACE_LABELS
                    and c.i < a.i
                    and not _GROUP_OF_NATIONS.fullmatch(c.text)  # "the G7 meeting"
                    # "the Tory Party spring conference", tagged a place: a party's event
                    and not _party_owned(c)
                    # "the Paris Club": part of a name, not a venue
                    and not (a.tag_ == "NNP" and a.lower_ in INSTITUTION_HEADS)
                    # "the US-Russia talks": a side, joined by a hyphen, not the venue
                    and not any(
                        0 <= k < len(self.doc) and self.doc[k].text in _DASHES
                        for k in (c.i - 1, c.i + 1)
                    )
                ):
                    return self.entity_text(c)
            # "the G7 meeting taking place in London": the place of its participle
            for c in a.children:
                if c.dep_ == "acl" and c.tag_ in ("VBG", "VBN"):
                    for k in c.children:
                        if k.dep_ == "prep" and k.lower_ in ("in", "at"):
                            for p in k.children:
                                if p.dep_ == "pobj" and p.ent_type_ in _PLACE_LABELS:
                                    return self.entity_text(p)
        return None

    def purpose_place(self, anchors: Iterable[Token]) -> str | None:
        """ "will host B for talks in London": the place of the meeting a verb is for."""
        return self.place_of(
            p
            for a in anchors
            for c in a.children
            if c.dep_ == "prep" and c.lower_ == "for"
            for p in c.children
            if p.dep_ == "pobj" and p.lower_ in MEETING_NOUNS
        )

    def trip_place(self, anchors: Iterable[Token]) -> str | None:
        """ "During his visit to Oslo, A met B", "talks with B during a visit to Oslo",
        "A, who is visiting Oslo, met B": the place of the trip the meeting happens on."""
        for a in anchors:
            for c in a.children:
                if c.dep_ == "prep" and c.lower_ in ("during", "on"):
                    for trip in c.children:
                        if trip.dep_ == "pobj" and trip.lemma_ in _TRIPS:
                            place = self.place_of([trip]) or self.to_place(trip)
                            if place:
                                return place
            subj = next((c for c in a.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            for r in subj.children if subj is not None else ():
                if r.dep_ == "relcl" and r.lemma_ == "visit" and r.tag_ == "VBG":
                    for o in r.children:  # "who is visiting Oslo": where the subject is now
                        if o.dep_ == "dobj" and o.ent_type_ in _PLACE_LABELS:
                            return self.entity_text(o)
        return None

    def to_place(self, trip: Token) -> str | None:
        """ "his visit to Oslo", "welcomed B to Jeddah": the place a trip or a welcome is to."""
        for c in trip.children:
            if c.dep_ == "prep" and c.lower_ == "to":
                for p in c.children:
                    if p.dep_ == "pobj" and p.ent_type_ in _PLACE_LABELS:
                        return self.entity_text(p)
                    if p.dep_ == "pobj":  # "his visit to a factory in Bergen"
                        return self.place_of([p])
        return None

    def here_place(self, anchors: Iterable[Token]) -> str | None:
        """ "will meet B here next week" under a "WASHINGTON, March 3 -" dateline: the
        reporter's "here" (not a quoted speaker's) is the dateline's city."""
        if self.dateline is None:
            return None
        for a in anchors:
            if any(c.lower_ == "here" and not self.in_quote[c.i] for c in a.children):
                return self.dateline
        return None

    def where_place(self, anchors: Iterable[Token]) -> str | None:
        """ "will travel to Oslo next week, where he will meet B": the place the relative
        "where" on an anchor goes back to, the last one named before it."""
        for a in anchors:
            where = next(
                (c for c in a.children if c.dep_ == "advmod" and c.lower_ == "where"), None
            )
            if where is None or where.i > a.i or a.dep_ not in ("relcl", "advcl"):
                continue
            for k in reversed(self.doc[a.sent.start : where.i]):
                if k.ent_type_ in _PLACE_LABELS:
                    return self.entity_text(k)
        return None

    def future_time(self, span: Span | None) -> bool:
        if span is None:
            return False
        return any(t.lower_ in FUTURE_WORDS for t in span)

    def sent_has(self, tok: Token, words: frozenset[str]) -> bool:
        """Whether the sentence of `tok` contains one of `words` (cached per sentence)."""
        sent = tok.sent
        key = (sent.start, words)
        hit = self._sent_words.get(key)
        if hit is None:
            hit = any(t.lower_ in words for t in sent)
            self._sent_words[key] = hit
        return hit

    def tokens(self) -> Iterator[Token]:
        for sent in self.sents:
            yield from sent
