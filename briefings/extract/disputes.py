"""Disagreements told by a noun or a negated verb, and deals signed "between" sides.

Constructions (tables in `patterns/disputes.json`):
- a dispute noun with its sides: "the dispute between A and B", "A's row with B",
  "their row over X" (the coordinated subject), "the US-EU dispute";
- an objection hung on an act: "A wants X, despite US objections" (A against the US);
- talks that failed: "talks between A and B collapsed / broke down / ended in deadlock";
- a failed or negated agreement: "A and B have not agreed on X", "A and B failed to
  agree on X", "were unable to agree";
- a deal "signed between A, B and C".
Pure functions of the document context; each returns agreements with evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from ..models import Agreement
from .context import DocContext, ends_dispute
from .pattern_files import read_patterns

__all__ = ["DisputePatterns", "extract_disputes", "patterns"]

_MAX_TEXT = 30


@dataclass(frozen=True, slots=True)
class DisputePatterns:
    dispute_nouns: frozenset[str]
    objection_nouns: frozenset[str]
    negated_agree: frozenset[str]
    failure_governors: frozenset[str]
    talks_nouns: frozenset[str]
    failed_talks_verbs: frozenset[str]
    failed_talks_particles: dict[str, str]
    failed_talks_ends: frozenset[str]
    fruitless_outcomes: frozenset[str]
    failed_talks_adjectives: frozenset[str]


@lru_cache(maxsize=1)
def patterns() -> DisputePatterns:
    raw = read_patterns("disputes")
    return DisputePatterns(
        frozenset(raw["dispute_nouns"]),
        frozenset(raw["objection_nouns"]),
        frozenset(raw["negated_agree"]),
        frozenset(raw["failure_governors"]),
        frozenset(raw["talks_nouns"]),
        frozenset(raw["failed_talks_verbs"]),
        dict(raw["failed_talks_particles"]),
        frozenset(raw["failed_talks_ends"]),
        frozenset(raw["fruitless_outcomes"]),
        frozenset(raw["failed_talks_adjectives"]),
    )


def _text(ctx: DocContext, start: int, end: int) -> str:
    end = min(end, start + _MAX_TEXT - 1)
    toks = [t for t in ctx.doc[start : end + 1] if not t.is_space]
    while toks and (toks[-1].is_punct or toks[-1].dep_ == "cc"):
        toks.pop()
    while toks and toks[0].is_punct:
        toks.pop(0)
    return ctx.doc[toks[0].i : toks[-1].i + 1].text.replace("\n", " ") if toks else ""


def _pobj_parties(ctx: DocContext, tok: Token, preps: tuple[str, ...]) -> list[str]:
    return [
        x
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ in preps
        for p in c.children
        if p.dep_ == "pobj"
        for x in ctx.parties(p)
    ]


def _subject_parties(ctx: DocContext, verb: Token | None) -> list[str]:
    if verb is None:
        return []
    subj = ctx.subject_of(verb)
    return ctx.parties(subj) if subj is not None else []


def _hyphen_sides(ctx: DocContext, n: Token) -> list[str]:
    """ "the US-EU dispute", "the Turkey-Greece row": sides named before the noun."""
    out: list[str] = []
    for c in n.children:
        if c.dep_ in ("compound", "nmod") and c.i < n.i:
            for t in c.subtree:
                if t.is_punct:
                    continue
                name = ctx.party(t)
                if name is None and t.text.isupper() and 1 < len(t.text) <= 5:
                    name = t.text  # an acronym the NER left untagged ("EU")
                if name:
                    out.append(name)
    out = list(dict.fromkeys(out))
    return out if len(out) >= 2 else ctx.hyphen_countries(n)  # "a Greek-Turkish row"


def _war_of_words(n: Token) -> bool:
    return n.lower_ == "war" and any(
        c.dep_ == "prep" and c.lower_ == "of" and any(p.lower_ == "words" for p in c.children)
        for c in n.children
    )


# Verbs that hold their subject in a dispute: "is in", "locked in", "embroiled in".
_HOLDERS = frozenset(["be", "lock", "embroil", "engage", "involve", "mire", "entangle", "remain"])
_HELD_IN = frozenset(["locked", "embroiled", "engaged", "involved", "mired", "entangled", "caught"])


def dispute_noun(ctx: DocContext, n: Token) -> Agreement | None:
    if any(c.dep_ == "det" and c.lower_ in ("any", "no") for c in n.children):
        return None  # "denied any differences between A and B"
    gov0 = ctx.governing_verb(n)
    if (
        gov0 is not None
        and n.dep_ == "dobj"
        and ends_dispute(gov0)
        and not any(c.dep_ == "neg" for c in gov0.children)
        and not (gov0.dep_ == "xcomp" and gov0.head.lemma_ in ("fail", "unable", "try", "seek"))
    ):
        return None  # "settled their border dispute": over, and an agreement now
    if (
        gov0 is not None
        and n.dep_ == "dobj"
        and gov0.lemma_ in ("put", "set", "lay", "leave")
        and any(c.lower_ in ("aside", "behind") for c in gov0.children)
    ):
        return None  # "put their differences aside", "put the dispute behind them"
    sides = _pobj_parties(ctx, n, ("between", "among"))
    if _war_of_words(n):  # "a war of words between A and B", "between" hung on "words"
        sides += [s for c in n.children if c.dep_ == "prep" for p in c.children
                  if p.dep_ == "pobj" for s in _pobj_parties(ctx, p, ("between",))]  # fmt: skip
    owner = next((c for c in n.children if c.dep_ == "poss"), None)
    if owner is not None:
        if owner.lower_ == "their":
            sides += _subject_parties(ctx, ctx.governing_verb(n))
        else:
            sides += ctx.parties(owner)
        sides += _pobj_parties(ctx, n, ("with",))
    sides += _hyphen_sides(ctx, n)
    gov = ctx.governing_verb(n)
    holder = None
    if owner is None and gov is not None:
        if n.dep_ == "dobj" and gov.lemma_ == "have":
            holder = gov  # "A often had disagreements with B"
        elif n.dep_ == "pobj" and n.head.lower_ == "in" and n.head.head.lemma_ in _HOLDERS:
            holder = n.head.head  # "A is locked in a dispute with B"
        elif (
            n.dep_ == "pobj"
            and n.head.lower_ == "in"
            and n.head.head.lower_ in _HELD_IN
            and n.head.head.dep_ == "acomp"
        ):
            holder = n.head.head.head  # "A and B remain locked in a dispute", as adjective
    if holder is not None:
        withs = _pobj_parties(ctx, n, ("with",)) + _pobj_parties(ctx, holder, ("with",))
        holders = _subject_parties(ctx, holder)
        if withs:
            sides += holders + withs
        elif len(holders) >= 2 and holder.lemma_ != "have":
            sides += holders  # "A and B have been locked in a dispute over X"
    if not sides and gov is not None and n.dep_ == "dobj":
        # "talks between A and B failed to resolve the dispute"
        verb = gov.head if gov.dep_ == "xcomp" else gov
        subj = ctx.subject_of(verb)
        if subj is not None:
            sides += _pobj_parties(ctx, subj, ("between", "with"))
    sides = list(dict.fromkeys(sides))
    if len(sides) < 2:
        return None
    end = n.right_edge.i
    if gov is not None:  # "their row over oil rights" with "over" hung on the verb
        for c in gov.children:
            if c.dep_ == "prep" and c.i == end + 1 and c.lower_ in ("over", "on", "about"):
                end = c.right_edge.i
    text = _text(ctx, n.left_edge.i, end)
    return Agreement(tuple(sides), "disagreed", text, (ctx.evidence(n.sent),))


def objection(ctx: DocContext, n: Token) -> Agreement | None:
    """ "X, despite US objections": X's author against the objector."""
    if n.head.lower_ not in ("despite", "over", "amid") or n.dep_ != "pobj":
        return None
    objectors = [
        x
        for c in n.children
        if c.dep_ in ("compound", "amod", "poss", "nmod")
        and c.i < n.i
        and (x := ctx.party(c)) is not None
    ]
    objectors += _pobj_parties(ctx, n, ("from", "by"))
    act = ctx.governing_verb(n)
    if act is None or not objectors:
        return None
    authors = _subject_parties(ctx, act)
    if not authors and act.dep_ in ("xcomp", "ccomp", "advcl"):
        authors = _subject_parties(ctx, act.head)
    sides = list(dict.fromkeys([*authors, *objectors]))
    if len(sides) < 2 or not set(authors) - set(objectors):
        return None
    start = act.i
    text = _text(ctx, start, n.head.i - 1) or _text(ctx, act.i, act.right_edge.i)
    return Agreement(tuple(sides), "disagreed", text, (ctx.evidence(n.sent),))


def failed_agreement(ctx: DocContext, v: Token, pats: DisputePatterns) -> Agreement | None:
    """ "A and B have not agreed on X", "failed to agree on X", "were unable to agree" """
    negated = any(c.dep_ == "neg" for c in v.children)
    failed = v.dep_ == "xcomp" and v.head.lemma_ in pats.failure_governors
    if not (negated or failed):
        return None
    if negated and any(c.lower_ == "yet" for c in v.children):
        return None  # "have not yet agreed": still open, not a disagreement
    head = v.head if failed else v
    sides = _subject_parties(ctx, head) or _subject_parties(ctx, v)
    sides += _pobj_parties(ctx, v, ("with",))
    sides = list(dict.fromkeys(sides))
    if len(sides) < 2:
        return None
    if ctx.is_future(v) or ctx.is_conditional(v):
        return None
    start = min([head.i, *(c.i for c in head.children if c.dep_ in ("aux", "neg"))])
    return Agreement(
        tuple(sides),
        "disagreed",
        _text(ctx, start, v.right_edge.i),
        (ctx.evidence(v.sent),),
    )


_STUCK = frozenset(["deadlocked", "stalled", "stalemated", "fruitless", "inconclusive"])


def _talks_failed(v: Token, pats: DisputePatterns) -> bool:
    if v.lemma_ in pats.failed_talks_verbs or v.lower_ in _STUCK:
        return True  # "have been deadlocked" (lemmatised "deadlocke")
    if v.lemma_ in ("be", "remain", "stay") and any(
        c.dep_ == "acomp" and c.lower_ in _STUCK for c in v.children
    ):
        return True  # "the talks have been deadlocked", "remain stalled", as an adjective
    particle = pats.failed_talks_particles.get(v.lemma_)
    if particle and any(c.dep_ == "prt" and c.lower_ == particle for c in v.children):
        return True
    if v.lemma_ in pats.fruitless_outcomes:
        # "resulted in no new arrangement", "produced no agreement", "led to little
        # progress", "made no headway"
        outcomes = [c for c in v.children if c.dep_ == "dobj"] + [
            p
            for c in v.children
            if c.dep_ == "prep" and c.lower_ in ("in", "to")
            for p in c.children
            if p.dep_ == "pobj"
        ]
        return any(
            k.lower_ in ("no", "little") and k.dep_ in ("det", "amod")
            for o in outcomes
            for k in o.children
        )
    return v.lemma_ == "end" and any(
        p.lower_ in pats.failed_talks_ends
        for c in v.children
        if c.dep_ == "prep" and c.lower_ == "in"
        for p in c.children
        if p.dep_ == "pobj"
    )


_RAISING = frozenset(["say", "report", "believe", "understand", "think", "know", "expect"])


def _walked_out(n: Token) -> Token | None:
    """The verb of "broke off talks", "walked out of talks" (`n` the talks), if it is."""
    v = n.head
    if (
        n.dep_ == "dobj"
        and v.lemma_ == "break"
        and any(c.dep_ == "prt" and c.lower_ == "off" for c in v.children)
    ):
        return v
    if n.dep_ == "pobj" and v.lower_ == "of" and v.head.lower_ == "out":
        walk = v.head.head
        if walk.lemma_ in ("walk", "storm", "pull"):
            return walk
    return None


def failed_talks(ctx: DocContext, n: Token, pats: DisputePatterns) -> Agreement | None:
    """ "Talks between A and B collapsed", "A's talks with B broke down", "the talks
    ended in deadlock": talks that failed set the sides against each other."""
    v = n.head
    named_failed = any(
        c.dep_ == "amod" and c.lower_ in pats.failed_talks_adjectives for c in n.children
    )
    walked = _walked_out(n)
    if walked is not None:
        # "A broke off talks with B over X", "A walked out of talks with B": A ended them
        if ctx.is_future(walked) or ctx.is_conditional(walked) or ctx.is_irrealis(walked):
            return None
        if walked.dep_ == "xcomp" or any(c.dep_ == "neg" for c in walked.children):
            return None  # "threatened to break off talks", "did not walk out"
        sides = list(
            dict.fromkeys(_subject_parties(ctx, walked) + _pobj_parties(ctx, n, ("with",)))
        )
        if len(sides) < 2:
            return None
        text = _text(ctx, walked.i, n.right_edge.i)
        return Agreement(tuple(sides), "disagreed", text, (ctx.evidence(walked.sent),))
    if named_failed:
        # "A and B held an inconclusive meeting", "after failed negotiations with B"
        gov = ctx.governing_verb(n)
        if gov is None:
            return None
        v = gov
    else:
        if n.dep_ == "nsubjpass" and v.lemma_ in _RAISING:
            # "the talks were said to have led to little progress": the reported verb
            v = next((c for c in v.children if c.dep_ == "xcomp"), v)
        if (
            n.dep_ not in ("nsubj", "nsubjpass")
            or v.pos_ not in ("VERB", "AUX")
            or not _talks_failed(v, pats)
        ):
            return None
    if ctx.is_future(v) or ctx.is_conditional(v) or ctx.is_irrealis(v):
        return None
    sides = _pobj_parties(ctx, n, ("between", "among", "with"))
    acted = named_failed and (n.dep_ == "dobj" or n.head.lower_ in ("after", "following"))
    if acted:
        # "A and B held an inconclusive meeting"; "A acted after failed talks with B"
        sides = _subject_parties(ctx, v) + sides
    owner = next((c for c in n.children if c.dep_ == "poss"), None)
    if owner is not None and owner.lower_ not in ("their", "its"):
        sides = ctx.parties(owner) + sides
    sides += _hyphen_sides(ctx, n)
    sides = list(dict.fromkeys(sides))
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in n.children)
    if len(sides) < 2 and not (definite and not sides):
        return None
    # "The talks collapsed": the sides are those of the talks told before; the caller
    # gives a party-less disagreement the participants of the nearest meeting.
    if acted and _subject_parties(ctx, v):
        text = _text(ctx, min(v.i, n.left_edge.i), max(n.right_edge.i, v.i))
    elif named_failed:
        text = _text(ctx, n.left_edge.i, n.right_edge.i)  # "the failed negotiations by B"
    else:
        text = _text(ctx, n.left_edge.i, v.right_edge.i)
    return Agreement(tuple(sides), "disagreed", text, (ctx.evidence(v.sent),))


def signed_between(ctx: DocContext, v: Token) -> Agreement | None:
    """ "A memorandum was signed between A, B and C" """
    if not any(c.dep_ == "auxpass" for c in v.children) or ctx.is_future(v):
        return None
    sides = _pobj_parties(ctx, v, ("between", "by"))
    deal = ctx.subject_of(v)
    if len(sides) < 2 or deal is None:
        return None
    text = _text(ctx, deal.left_edge.i, deal.right_edge.i)
    return Agreement(tuple(sides), "agreed", text, (ctx.evidence(v.sent),))


_EXCHANGED = frozenset(["barb", "barbs", "accusation", "accusations", "insults", "jibes", "blows"])


def traded_barbs(ctx: DocContext, v: Token) -> Agreement | None:
    """ "A and B traded barbs over X", "A exchanged accusations with B": an open clash."""
    obj = next(
        (
            k
            for c in v.children
            if c.dep_ == "dobj"
            for k in (c, *c.conjuncts)  # "trading new ideas and sharp barbs"
            if k.lower_ in _EXCHANGED
        ),
        None,
    )
    if obj is None or any(c.dep_ == "neg" for c in v.children):
        return None
    sides = _subject_parties(ctx, v) + _pobj_parties(ctx, v, ("with",))
    subj = ctx.subject_of(v)
    if subj is not None and subj.lemma_ in ("campaign", "camp"):
        # "the Clinton and Trump campaigns": the people they campaign for
        sides += [n for t in subj.subtree if (n := ctx.persons.at(t))]
    sides += _pobj_parties(ctx, obj, ("with",))
    sides = list(dict.fromkeys(sides))
    if len(sides) < 2:
        return None
    text = _text(ctx, v.i, v.right_edge.i)
    return Agreement(tuple(sides), "disagreed", text, (ctx.evidence(v.sent),))


_STRAIN = frozenset(["strain", "sour", "damage", "poison", "chill", "worsen", "sap", "cloud"])
_TIES = frozenset(["relations", "ties", "relationship"])


def strained_ties(ctx: DocContext, v: Token) -> Agreement | None:
    """ "An EC decision has strained trade relations between A and B", "the row soured
    ties between A and B": relations set back by something between the two sides."""
    if any(c.dep_ == "neg" for c in v.children) or ctx.is_conditional(v) or ctx.is_irrealis(v):
        return None
    if ctx.is_future(v):
        return None  # "could strain ties": a worry, not yet a rift
    ties = next((c for c in v.children if c.dep_ == "dobj" and c.lower_ in _TIES), None)
    if ties is None and v.dep_ == "amod" and v.head.lower_ in _TIES:
        ties = v.head  # "strained relations between A and B" (or a verb read so)
    if ties is None:
        return None
    sides = _pobj_parties(ctx, ties, ("between",))
    if len(sides) < 2:
        return None
    subj = ctx.subject_of(v)
    start = subj.left_edge.i if subj is not None and subj.i < v.i else v.i
    text = _text(ctx, start, ties.right_edge.i)
    return Agreement(tuple(sides), "disagreed", text, (ctx.evidence(v.sent),))


_FUTILE = {"avail": "to", "vain": "in", "success": "without"}
_TALK_VERBS = frozenset(["negotiate", "talk", "bargain", "haggle"])


def fruitless_effort(ctx: DocContext, n: Token, pats: DisputePatterns) -> Agreement | None:
    """ "Britain negotiated with Spain for months, to no avail", "held talks with B in
    vain", "talked with B without success": talks that came to nothing."""
    if n.dep_ != "pobj" or n.head.lower_ != _FUTILE.get(n.lower_):
        return None
    if n.lower_ == "avail" and not any(c.lower_ == "no" for c in n.children):
        return None
    if n.lower_ == "success" and any(c.dep_ in ("amod", "compound") for c in n.children):
        return None  # "without much success" is some success
    for v in list(n.ancestors)[:4]:
        if v.pos_ != "VERB":
            continue
        talks = [c for c in v.children if c.dep_ == "dobj" and c.lower_ in pats.talks_nouns]
        if v.lemma_ not in _TALK_VERBS and not talks:
            continue
        if ctx.is_future(v) or ctx.is_conditional(v) or ctx.is_irrealis(v):
            return None
        sides = _subject_parties(ctx, v) + _pobj_parties(ctx, v, ("with",))
        sides += [x for t in talks for x in _pobj_parties(ctx, t, ("with", "between"))]
        sides = list(dict.fromkeys(sides))
        if len(sides) < 2:
            return None
        subj = ctx.subject_of(v)
        start = subj.left_edge.i if subj is not None and subj.i < v.i else v.i
        return Agreement(tuple(sides), "disagreed", _text(ctx, start, n.i), (ctx.evidence(v.sent),))
    return None


def extract_disputes(ctx: DocContext) -> list[Agreement]:
    pats = patterns()
    out: list[Agreement] = []
    for sent in ctx.sents:
        for tok in sent:
            found: Agreement | None = None
            if tok.pos_ == "NOUN" and (tok.lower_ in pats.dispute_nouns or _war_of_words(tok)):
                found = dispute_noun(ctx, tok)
            elif tok.pos_ == "NOUN" and tok.lower_ in pats.talks_nouns:
                found = failed_talks(ctx, tok, pats)
            elif tok.pos_ == "NOUN" and tok.lower_ in pats.objection_nouns:
                found = objection(ctx, tok)
            elif tok.pos_ == "VERB" and tok.lemma_ in pats.negated_agree:
                found = failed_agreement(ctx, tok, pats)
            elif tok.pos_ == "VERB" and tok.lemma_ in ("trade", "exchange"):
                found = traded_barbs(ctx, tok)
            elif tok.pos_ == "VERB" and tok.lemma_ == "sign":
                found = signed_between(ctx, tok)
            elif tok.lower_ in _FUTILE:
                found = fruitless_effort(ctx, tok, pats)
            elif tok.pos_ in ("VERB", "ADJ") and (
                tok.lemma_ in _STRAIN or tok.lower_ in ("strained", "soured")
            ):
                found = strained_ties(ctx, tok)
            if found is not None and found.text:
                out.append(found)
    return out
