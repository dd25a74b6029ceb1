"""Candidate links and their features, for the trained link model (`linker`).

The rules find facts with high precision but miss constructions they were not
written for. Here every plausible link in a sentence becomes a candidate:
- a meeting pair: two actors (people, or countries/organisations) in one sentence;
- a next stop: a person and a place in one sentence;
- an agreement: a sentence naming at least one actor.
Each candidate carries sparse features that describe the *language* around it
(the dependency path between the two mentions, the lemmas of the clause,
tense and modality, quotation) plus whether a rule found the same link. The
features never name an article, a person or a place, so what the model learns
is how news English tells of meetings, deals and trips.

Pure functions of a `DocContext`; no state is kept between documents.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.symbols import NOUN, PRON
from spacy.tokens import Span, Token

from ..models import Agreement, Itinerary, Meeting
from ..text import fold
from .context import DocContext
from .lexicon import PERSON_PRONOUNS, SAY_VERBS, demonym_country

__all__ = [
    "Actor",
    "AgreementCandidate",
    "PairCandidate",
    "StopCandidate",
    "actors_in",
    "agreement_candidates",
    "lca",
    "meeting_candidates",
    "sent_at",
    "stop_candidates",
]

_SIDE_LABELS = frozenset({"GPE", "ORG", "NORP"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_CONTENT_POS = frozenset({"VERB", "NOUN", "ADJ", "ADV", "ADP", "AUX", "PART"})
_FUTURE = frozenset(
    ["will", "'ll", "shall", "tomorrow", "next", "upcoming", "later", "due", "expected", "plan"]
)
_PAST_TIME = frozenset(["yesterday", "ago", "last", "earlier", "previous"])
_ACTOR_POS = frozenset({PRON, NOUN})  # a token outside names and entities must be one
_MAX_ACTORS = 12  # a sentence listing more is a roll-call; keep the first ones
_MAX_SENT_TOKENS = 120  # longer "sentences" are lists or broken text


@dataclass(frozen=True, slots=True)
class Actor:
    """One mention of a person or side in a sentence."""

    name: str
    kind: str  # "person" | "side"
    tok: Token
    via: str  # "name" | "pronoun" | "role" | "entity"


@dataclass(slots=True)
class PairCandidate:
    a: Actor
    b: Actor
    sent: Span
    features: dict[str, float] = field(default_factory=dict)
    rule: Meeting | None = None


@dataclass(slots=True)
class StopCandidate:
    who: Actor
    place: str
    place_tok: Token
    sent: Span
    features: dict[str, float] = field(default_factory=dict)
    rule: bool = False


@dataclass(slots=True)
class AgreementCandidate:
    sent: Span
    actors: list[Actor]
    features: dict[str, float] = field(default_factory=dict)
    rule: Agreement | None = None


# --- actors ------------------------------------------------------------------


class SentenceCache:
    """Actors and clause features of each sentence, computed once for all candidate
    kinds (a plain memo, private to one document's linking)."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self._actors: dict[int, list[Actor]] = {}
        self._clause: dict[int, dict[str, float]] = {}

    def actors(self, sent: Span) -> list[Actor]:
        found = self._actors.get(sent.start)
        if found is None:
            found = self._actors[sent.start] = actors_in(self.ctx, sent)
        return found

    def clause(self, sent: Span) -> dict[str, float]:
        found = self._clause.get(sent.start)
        if found is None:
            found = self._clause[sent.start] = _clause_features(self.ctx, sent)
        return found


def actors_in(ctx: DocContext, sent: Span) -> list[Actor]:
    """People and sides named in `sent`, first mention of each, in text order."""
    seen: dict[str, Actor] = {}
    doc, by_token, ent_at, pos_ids = sent.doc, ctx.persons.by_token, ctx.ent_at, ctx.pos_ids
    for i in range(sent.start, sent.end):
        if len(seen) >= _MAX_ACTORS:
            break
        m = by_token.get(i)
        if m is None and i not in ent_at and pos_ids[i] not in _ACTOR_POS:
            continue  # none of the cases below: no Token made
        tok = doc[i]
        actor: Actor | None = None
        if m is not None:
            if tok.i == m.head:
                actor = Actor(m.canonical, "person", tok, "name")
        elif tok.lower_ in PERSON_PRONOUNS and tok.pos_ == "PRON":
            if not ctx.in_quote[tok.i] and (name := ctx.persons.pronoun(tok)):
                actor = Actor(name, "person", tok, "pronoun")
        elif (ent := ctx.ent_at.get(tok.i)) is not None:
            if ent.label_ in _SIDE_LABELS and tok.i == ent.root.i and not _locative(tok):
                name = ctx.party(tok)
                if name:
                    actor = Actor(name, "side", tok, "entity")
        elif tok.pos_ == "NOUN" and tok.dep_ != "compound":
            name = ctx.party(tok)
            if name and ctx.persons.is_person(name):
                actor = Actor(name, "person", tok, "role")
        if actor is not None and actor.name not in seen:
            seen[actor.name] = actor
    return list(seen.values())


_LOCATIVE_PREPS = frozenset(["in", "at", "to", "from", "into", "near", "across", "outside"])


def _locative(tok: Token) -> bool:
    """ "in Oslo", "flew to Paris": a place where something happens, not a side."""
    return (
        tok.ent_type_ in ("GPE", "LOC", "FAC")
        and tok.dep_ == "pobj"
        and tok.head.lower_ in _LOCATIVE_PREPS
    )


# --- shared feature helpers -----------------------------------------------


def _bucket(n: int, edges: Iterable[int]) -> str:
    for e in edges:
        if n <= e:
            return f"<={e}"
    return "more"


def lca(a: Token, b: Token) -> Token | None:
    # Token objects are made afresh on each access: compare indices, never identity.
    up = {a.i: a}
    t = a
    while t.head.i != t.i:
        t = t.head
        up[t.i] = t
    t = b
    while t.i not in up:
        if t.head.i == t.i:
            return None
        t = t.head
    return t


def _path(a: Token, top: Token) -> list[Token]:
    out = []
    t = a
    while t.i != top.i and t.head.i != t.i:
        t = t.head
        out.append(t)
    return out


def _word(tok: Token) -> str:
    """A common word's lemma; a name stands as its entity type, so no feature names
    a particular person, place or organisation."""
    if tok.pos_ == "PROPN" or tok.ent_type_:
        return f"<{tok.ent_type_ or tok.pos_}>"
    return tok.lemma_.lower()


def _role(tok: Token, depth: int = 0) -> str:
    """The token's grammatical role, with its preposition ("pobj:with"); conjuncts and
    appositions take the role of the phrase they extend."""
    if tok.dep_ == "pobj" and tok.head.dep_ in ("prep", "agent"):
        return f"pobj:{tok.head.lower_}"
    if tok.dep_ in ("compound", "poss", "amod") and tok.head.dep_ == "pobj":
        return f"{tok.dep_}>pobj:{tok.head.head.lower_}"
    if tok.dep_ in ("conj", "appos") and tok.head.i != tok.i and depth < 6:
        return _role(tok.head, depth + 1)
    return tok.dep_


def _clause_features(ctx: DocContext, sent: Span, prefix: str = "s") -> dict[str, float]:
    """Lemmas, tense and modality of the sentence as a whole."""
    f: dict[str, float] = {}
    for t in sent:
        if t.pos_ in ("VERB", "NOUN") and not t.is_stop:
            f[f"{prefix}:{t.lemma_.lower()}"] = 1.0
        low = t.lower_
        if low in _FUTURE:
            f[f"{prefix}:fut:{low}"] = 1.0
        if low in _PAST_TIME:
            f[f"{prefix}:past:{low}"] = 1.0
        if t.dep_ == "neg":
            f[f"{prefix}:neg"] = 1.0
        if t.tag_ in ("VBD", "VBN", "VBZ", "VBP", "VBG", "MD") and t.dep_ in ("ROOT", "aux"):
            f[f"{prefix}:tag:{t.tag_}"] = 1.0
    if ctx.in_quote[sent.start] or ctx.in_quote[max(sent.start, sent.end - 2)]:
        f[f"{prefix}:quoted"] = 1.0
    f[f"{prefix}:len:{_bucket(len(sent), (12, 25, 40, 70))}"] = 1.0
    if sent.start == ctx.sents[0].start if ctx.sents else False:
        f[f"{prefix}:lead"] = 1.0
    return f


def _path_features(a: Token, b: Token, prefix: str) -> dict[str, float]:
    f: dict[str, float] = {}
    top = lca(a, b)
    if top is None:
        f[f"{prefix}:nopath"] = 1.0
        return f
    pa, pb = _path(a, top), _path(b, top)
    steps = [t for t in (*pa, *pb) if t.i not in (top.i, a.i, b.i)]
    f[f"{prefix}:lca:{_word(top)}"] = 1.0
    f[f"{prefix}:lca_pos:{top.pos_}"] = 1.0
    for t in steps:
        if t.pos_ in _CONTENT_POS:
            f[f"{prefix}:via:{_word(t)}"] = 1.0
        for c in t.children:
            # "separate meetings with A and B", "joint talks", "planned visit"
            if c.dep_ == "amod" and c.pos_ in ("ADJ", "VERB"):
                f[f"{prefix}:mod:{c.lemma_.lower()}"] = 1.0
    f[f"{prefix}:plen:{_bucket(len(steps), (0, 1, 2, 4, 7))}"] = 1.0
    # What the pair hangs on, with its modifiers: "separate meetings with A and B".
    gov = next((t for t in top.ancestors if t.pos_ in ("NOUN", "VERB")), None)
    if gov is not None and top.dep_ in ("pobj", "dobj", "conj"):
        f[f"{prefix}:gov:{_word(gov)}"] = 1.0
        for c in gov.children:
            if c.dep_ == "amod":
                f[f"{prefix}:gov_mod:{c.lemma_.lower()}"] = 1.0
    if top.i in (a.i, b.i):
        f[f"{prefix}:dominates"] = 1.0
    # The verb governing the pair: its tense and modality decide held vs planned.
    verb = (
        top
        if top.pos_ in ("VERB", "AUX")
        else next((t for t in top.ancestors if t.pos_ in ("VERB", "AUX")), None)
    )
    if verb is not None:
        f[f"{prefix}:verb:{verb.lemma_.lower()}"] = 1.0
        f[f"{prefix}:verb_tag:{verb.tag_}"] = 1.0
        for c in verb.children:
            if c.dep_ in ("aux", "auxpass", "neg", "mark", "advmod") and c.pos_ != "PUNCT":
                f[f"{prefix}:verb_{c.dep_}:{c.lower_}"] = 1.0
        if verb.dep_ == "xcomp":
            f[f"{prefix}:verb_gov:{verb.head.lemma_.lower()}"] = 1.0
    return f


def _actor_features(actor: Actor, prefix: str) -> dict[str, float]:
    return {
        f"{prefix}:kind:{actor.kind}": 1.0,
        f"{prefix}:via:{actor.via}": 1.0,
        f"{prefix}:role:{_role(actor.tok)}": 1.0,
    }


def _belongs(ctx: DocContext, person: Actor, side: Actor, titles: dict[str, str]) -> bool:
    """A person paired with the side he or she speaks for ("Blair" and "UK")."""
    title = fold(titles.get(person.name) or "")
    side_name = fold(side.name)
    if not title or not side_name:
        return False
    words = set(title.replace("'s", " ").split())
    countries = {fold(demonym_country(w) or "") for w in words}
    return side_name in title or side_name in countries


# --- meetings ----------------------------------------------------------------


def _rule_pairs(meetings: Iterable[Meeting]) -> dict[frozenset[str], Meeting]:
    out: dict[frozenset[str], Meeting] = {}
    for m in meetings:
        ps = list(m.participants)
        for i in range(len(ps)):
            for j in range(i + 1, len(ps)):
                out.setdefault(frozenset((ps[i], ps[j])), m)
    return out


def meeting_candidates(
    ctx: DocContext,
    rules: list[Meeting],
    titles: dict[str, str],
    cache: SentenceCache | None = None,
) -> list[PairCandidate]:
    """Every pair of actors sharing a sentence, plus every pair a rule linked."""
    cache = cache or SentenceCache(ctx)
    ruled = _rule_pairs(rules)
    out: list[PairCandidate] = []
    seen: set[frozenset[str]] = set()
    for sent in ctx.sents:
        if len(sent) > _MAX_SENT_TOKENS:
            continue
        actors = cache.actors(sent)
        if len(actors) < 2:
            continue
        clause = cache.clause(sent)
        n_people = sum(a.kind == "person" for a in actors)
        for i in range(len(actors)):
            for j in range(i + 1, len(actors)):
                a, b = actors[i], actors[j]
                if a.kind == "side" and b.kind == "person":
                    a, b = b, a
                key = frozenset((a.name, b.name))
                f = dict(clause)
                f.update(_path_features(a.tok, b.tok, "p"))
                f.update(_actor_features(a, "a"))
                f.update(_actor_features(b, "b"))
                f[f"kinds:{a.kind}|{b.kind}"] = 1.0
                f[f"people:{_bucket(n_people, (1, 2, 3, 5))}"] = 1.0
                f[f"actors:{_bucket(len(actors), (2, 3, 5))}"] = 1.0
                f[f"dist:{_bucket(abs(a.tok.i - b.tok.i), (3, 8, 15, 30))}"] = 1.0
                if any(t.i == b.tok.i for t in a.tok.conjuncts):
                    # "A and B met" (subjects) differs from "met A and B" (objects).
                    role = _role(a.tok)
                    f[f"conj@{role}"] = 1.0
                    if role not in ("nsubj", "nsubjpass") and any(
                        x.kind == "person" and _role(x.tok) == "nsubj" for x in actors
                    ):
                        f["conj_objects_of_subject"] = 1.0  # "X met A and B": X met each
                if a.kind == "person" and b.kind == "side" and _belongs(ctx, a, b, titles):
                    f["belongs"] = 1.0
                if b.kind == "side" and n_people >= 2:
                    f["side_with_people"] = 1.0
                rule = ruled.get(key)
                if rule is not None:
                    f["rule"] = 1.0
                    f[f"rule:{rule.status}"] = 1.0
                f["bias"] = 1.0
                seen.add(key)
                out.append(PairCandidate(a, b, sent, f, rule))
    # Pairs the rules linked across sentences (gatherings, "the two leaders").
    for key, rule in ruled.items():
        if key in seen or len(key) != 2 or not rule.evidence:
            continue
        x, y = sorted(key)
        found = sent_at(ctx, rule.evidence[0].start)
        if found is None:
            continue
        sent = found
        head = sent.root
        f = {"rule": 1.0, f"rule:{rule.status}": 1.0, "rule_only": 1.0, "bias": 1.0}
        f.update(_clause_features(ctx, sent))
        kx = "person" if ctx.persons.is_person(x) else "side"
        ky = "person" if ctx.persons.is_person(y) else "side"
        f[f"kinds:{kx}|{ky}"] = 1.0
        out.append(
            PairCandidate(Actor(x, kx, head, "rule"), Actor(y, ky, head, "rule"), sent, f, rule)
        )
    return out


def sent_at(ctx: DocContext, char: int) -> Span | None:
    for s in ctx.sents:
        if s.start_char <= char < s.end_char + 1:
            return s
    return None


# --- next stops --------------------------------------------------------------


def _places_in(ctx: DocContext, sent: Span) -> list[tuple[str, Token]]:
    out: dict[str, Token] = {}
    for ent in ctx.sent_ents.get(sent.start, ()):
        if ent.label_ not in _PLACE_LABELS:
            continue
        name = ctx.entity_text(ent.root)
        if name and name not in out and not ctx.persons.at(ent.root):
            out[name] = ent.root
    return list(out.items())


def stop_candidates(
    ctx: DocContext,
    rules: list[Itinerary],
    cache: SentenceCache | None = None,
) -> list[StopCandidate]:
    """Every (person, place) pair in a sentence; the topic person where none is named."""
    cache = cache or SentenceCache(ctx)
    ruled = {(i.who, fold(s.place)) for i in rules for s in i.stops}
    out: list[StopCandidate] = []
    for sent in ctx.sents:
        if len(sent) > _MAX_SENT_TOKENS:
            continue
        places = _places_in(ctx, sent)
        if not places:
            continue
        people = [a for a in cache.actors(sent) if a.kind == "person"]
        if not people:
            topic = ctx.persons.topic_before(sent.start)
            if topic is None:
                continue
            people = [Actor(topic, "person", sent.root, "topic")]
        clause = cache.clause(sent)
        for who in people:
            for place, ptok in places:
                f = dict(clause)
                f.update(_path_features(who.tok, ptok, "p"))
                f.update(_actor_features(who, "a"))
                f[f"place:role:{_role(ptok)}"] = 1.0
                f[f"place:label:{ptok.ent_type_}"] = 1.0
                if ptok.head.dep_ == "prep" and ptok.head.head.pos_ in ("VERB", "NOUN"):
                    f[f"place:gov:{ptok.head.head.lemma_.lower()}"] = 1.0
                if ptok.i < who.tok.i:
                    f["place_first"] = 1.0
                if len(people) > 1:
                    f["several_people"] = 1.0
                if place in ctx.article.title:
                    f["in_title"] = 1.0
                rule = (who.name, fold(place)) in ruled
                if rule:
                    f["rule"] = 1.0
                f["bias"] = 1.0
                out.append(StopCandidate(who, place, ptok, sent, f, rule))
    return out


# --- agreements --------------------------------------------------------------


def _trigger_features(sent: Span) -> dict[str, float]:
    f: dict[str, float] = {}
    for t in sent:
        if t.pos_ in ("VERB", "NOUN") and not t.is_stop:
            lem = t.lemma_.lower()
            for c in t.children:
                if c.dep_ == "neg":
                    f[f"neg:{lem}"] = 1.0
                elif c.dep_ in ("dobj", "prep", "xcomp", "ccomp", "pobj"):
                    f[f"dep:{lem}>{c.dep_}:{c.lemma_.lower() if c.dep_ == 'prep' else ''}"] = 1.0
                elif c.dep_ in ("amod", "compound") and c.pos_ in ("ADJ", "NOUN"):
                    f[f"mod:{c.lemma_.lower()} {lem}"] = 1.0
    return f


def agreement_candidates(
    ctx: DocContext, rules: list[Agreement], cache: SentenceCache | None = None
) -> list[AgreementCandidate]:
    """Each sentence naming an actor; rule agreements attach to their sentence."""
    cache = cache or SentenceCache(ctx)
    by_start: dict[int, Agreement] = {}
    for a in rules:
        for ev in a.evidence:
            by_start.setdefault(ev.start, a)
    out: list[AgreementCandidate] = []
    for sent in ctx.sents:
        if len(sent) > _MAX_SENT_TOKENS:
            continue
        actors = cache.actors(sent)
        ev = ctx.evidence(sent)
        rule = by_start.get(ev.start)
        if not actors and rule is None:
            continue
        f = dict(cache.clause(sent))
        f.update(_trigger_features(sent))
        n_people = sum(a.kind == "person" for a in actors)
        f[f"people:{_bucket(n_people, (0, 1, 2, 4))}"] = 1.0
        f[f"sides:{_bucket(len(actors) - n_people, (0, 1, 2, 4))}"] = 1.0
        if any(t.lemma_ in SAY_VERBS and t.dep_ == "ROOT" for t in sent):
            f["reported"] = 1.0
        if rule is not None:
            f["rule"] = 1.0
            f[f"rule:{rule.polarity}"] = 1.0
        f["bias"] = 1.0
        out.append(AgreementCandidate(sent, actors, f, rule))
    return out
