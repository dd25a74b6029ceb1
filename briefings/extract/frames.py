"""Event frames: one object per gathering, filled from every sentence that names it.

A summit or a round of talks is often told over several sentences: "Leaders
gathered in Davos for the forum." ... "Mr Blair arrived for the forum on
Wednesday." ... "Ms Merkel also addressed the forum." No sentence names two of
them together, so a per-sentence rule finds nothing. Here each event noun
("summit", "talks", "forum", see `patterns/frames.json`) opens a frame or, when
definite ("the summit", "their talks"), refers back to the last frame of the same
family; every person the text places at it (attending, joining, addressing,
arriving for, speaking at it, "attended by") joins the frame, and so do the
people of a rule meeting whose sentence names the event. One meeting per frame.

The tables of constructions are data (`patterns/frames.json`); this module is the
engine that applies them to a parsed document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Span, Token

from ..models import Agreement, Evidence, Meeting, Status
from ..text import fold
from .context import MEETING_IRREALIS_GOV, DocContext
from .dates import resolve
from .pattern_files import read_patterns

__all__ = [
    "Frame",
    "FramePatterns",
    "Placement",
    "event_frames",
    "frame_meetings",
    "merge_restatements",
    "patterns",
    "together_meetings",
]

_SUBJ = ("nsubj", "nsubjpass")
_RELATIVE = frozenset({"who", "which", "that"})
_NAMED = frozenset({"ORG", "EVENT", "FAC", "GPE", "NORP"})


@dataclass(frozen=True, slots=True)
class FramePatterns:
    event_nouns: dict[str, str]
    attend: dict[str, frozenset[str]]
    take_part: dict[str, frozenset[str]]
    passive_attend: frozenset[str]
    together: frozenset[str]
    together_subjects: frozenset[str]
    accompany: frozenset[str]
    joint_events: frozenset[str]
    not_located: frozenset[str]


@lru_cache(maxsize=1)
def patterns() -> FramePatterns:
    raw = read_patterns("frames")
    return FramePatterns(
        event_nouns=dict(raw["event_nouns"]),
        attend={k: frozenset(v) for k, v in raw["attend"].items()},
        take_part={k: frozenset(v) for k, v in raw["take_part"].items()},
        passive_attend=frozenset(raw["passive_attend"]),
        together=frozenset(raw["together"]),
        together_subjects=frozenset(raw["together_subjects"]),
        accompany=frozenset(raw["accompany"]),
        joint_events=frozenset(raw["joint_events"]),
        not_located=frozenset(raw["not_located"]),
    )


@dataclass(frozen=True, slots=True)
class Placement:
    """A party placed at an event by one construction."""

    name: str
    planned: bool
    sent: Span
    how: str
    past: bool = False  # told in a past tense ("attended"), not a present ("attends")


@dataclass
class Frame:
    family: str
    name: str | None
    anchor: Token
    mentions: list[Token] = field(default_factory=list)
    placed: list[Placement] = field(default_factory=list)


def _family(tok: Token, pats: FramePatterns) -> str | None:
    fam = pats.event_nouns.get(tok.lower_) or pats.event_nouns.get(tok.lemma_.lower())
    if fam is None or tok.pos_ not in ("NOUN", "PROPN"):
        return None
    if tok.tag_ == "NNS" and tok.lower_ not in pats.event_nouns:
        return None  # "summits" in general, not one event
    if any(c.lower_ in ("news", "press") for c in tok.children):
        return None  # a news conference is no gathering of its own (and not the summit)
    if tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN"):
        head = tok.head
        if head.lower_ not in pats.event_nouns and head.lemma_.lower() not in pats.event_nouns:
            return None  # "a conference call", "the summit venue": a modifier, no event
    return fam


def _definite(tok: Token) -> bool:
    if any(c.lower_ == "own" for c in tok.children):
        return False  # "at its own convention": another event than the one told before
    return any(
        (c.dep_ == "det" and c.lower_ in ("the", "this", "that"))
        # "its summit", "his talks"; not "their meeting", whose owners are named in its
        # own clause ("A shakes hands with B after their meeting": an event of its own)
        or (c.dep_ == "poss" and c.pos_ == "PRON" and c.lower_ != "their")
        # "this year's forum", "next week's summit": a time owns it, no party
        or (c.dep_ == "poss" and c.lemma_.lower() in _TIME_OWNERS)
        for c in tok.children
    )


# What someone delivers to a gathering in person (a message or statement may be sent).
_ADDRESSES = frozenset(["address", "speech", "presentation", "lecture"])


def _address_to(ev: Token) -> Token | None:
    """The address in "an address to the summit": "to" on the noun, or on the verb whose
    object the address is ("will miss an address to the summit")."""
    if ev.dep_ != "pobj" or ev.head.lower_ != "to":
        return None
    up = ev.head.head
    if up.lemma_ in _ADDRESSES and up.pos_ == "NOUN":
        return up
    return next(
        (c for c in up.children if c.dep_ == "dobj" and c.lemma_ in _ADDRESSES and c.i < ev.i),
        None,
    )


def _bare_event_anaphor(tok: Token) -> bool:
    """ "the event", "the occasion": definite, singular, with no words of its own."""
    return (
        tok.lower_ in ("event", "occasion")
        and tok.pos_ == "NOUN"
        and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
        and not any(
            c.dep_ in ("amod", "compound", "relcl", "acl")
            or (c.dep_ == "prep" and c.lower_ != "including")
            for c in tok.children
        )
    )


_TIME_OWNERS = frozenset(
    ["year", "week", "month", "today", "yesterday", "tomorrow", "monday", "tuesday",
     "wednesday", "thursday", "friday", "saturday", "sunday"]
)  # fmt: skip


def _event_name(ctx: DocContext, tok: Token) -> str | None:
    """ "the G8 summit", "the World Economic Forum": a named event."""
    ent = ctx.ent_at.get(tok.i)
    if ent is not None and ent.label_ in _NAMED:
        return fold(ent.text)
    names = [c for c in tok.children if c.dep_ == "compound" and (c.ent_type_ or c.pos_ == "PROPN")]
    if names:
        return fold(" ".join(c.text for c in names) + " " + tok.lower_)
    return None


def _subjects(ctx: DocContext, verb: Token) -> list[str]:
    """Who does `verb`: its subject with conjuncts, through "is due to attend" and
    "who attended" (the relative pronoun's antecedent)."""
    cur = verb
    for _ in range(4):
        subj = next((c for c in cur.children if c.dep_ in _SUBJ), None)
        if subj is not None:
            if subj.lower_ in _RELATIVE and cur.dep_ == "relcl":
                return ctx.parties(cur.head)
            if subj.dep_ == "nsubjpass" and cur is verb:
                return []  # "the summit was attended by ...": the agent is read elsewhere
            return ctx.parties(subj)
        # "is due to attend": through the adjective to the copula's subject
        if cur.dep_ in ("xcomp", "conj", "advcl", "acomp") and cur.head.i != cur.i:
            cur = cur.head
            continue
        if cur.dep_ == "acl" and cur.tag_ == "VBG":
            noun = cur.head
            # "A and B are among the (leaders and heads of state) attending the summit"
            for up in (noun, *list(noun.ancestors)[:6]):
                if up.dep_ == "pobj" and up.head.lower_ == "among":
                    be = up.head.head
                    subj = next((c for c in be.children if c.dep_ in _SUBJ), None)
                    return ctx.parties(subj) if subj is not None else []
            return ctx.parties(noun)  # "leaders attending the summit"
        break
    return []


def _including(ctx: DocContext, verb: Token, *nouns: Token) -> list[str]:
    """ "More than 20 leaders are expected to attend (the forum), including A and B":
    the people an unnamed group's "including" list names. The parser hangs the list on
    the verb, a verb it depends on, or the event noun."""
    hosts = [*nouns, verb, *list(verb.ancestors)[:2]]
    objs = [
        p
        for h in hosts
        for c in h.children
        if c.dep_ == "prep" and c.lower_ == "including"
        for p in c.children
        if p.dep_ == "pobj"
    ]
    # "..., among them A and B": a name hung on the verb with "among them" of its own
    objs += [
        c
        for h in hosts
        for c in h.children
        if ctx.persons.at(c)
        and any(
            k.dep_ == "prep" and k.lower_ == "among" and any(p.lower_ == "them" for p in k.children)
            for k in c.children
        )
    ]
    names = [n for p in objs for n in ctx.parties(p)]
    for p in objs:
        names += [n for n in ctx.list_tail(p.right_edge) if n not in names]
    return names


def _listed_before(ctx: DocContext, ev: Token) -> list[str]:
    """The people a sentence lists before `ev` as one noun phrase: "A, B and C", with
    titles and possessives ("Germany's Chancellor A") but no verb between them."""
    names: list[str] = []
    first = last = -1
    for t in ev.sent:
        if t.i >= ev.i:
            break
        m = ctx.persons.mention_at(t)
        if m is not None and m.head == t.i:
            names.append(m.canonical)
            first = t.i if first < 0 else first
            last = t.i
    if len(set(names)) < 2:
        return []
    between = ctx.doc[first:last]
    if any(t.pos_ in ("VERB", "AUX") for t in between) or not any(
        t.lower_ == "and" for t in between
    ):
        return []
    return list(dict.fromkeys(names))


def _clause_people(ctx: DocContext, verb: Token | None) -> list[str]:
    """ "A is shown the way by B following their meeting", "A greeted B before their
    talks": "their" are the people of the clause, its subject and its other party."""
    # "... following their meeting": "following" is a preposition here, not the clause
    while verb is not None and verb.tag_ == "VBG" and verb.dep_ in ("prep", "pcomp", "advcl"):
        verb = ctx.governing_verb(verb.head) if verb.head.i != verb.i else None
    if verb is None:
        return []
    subj = ctx.subject_of(verb)
    others = [
        p
        for c in verb.children
        if c.dep_ in ("dobj", "dative")
        or (c.dep_ in ("agent", "prep") and c.lower_ in ("by", "with"))
        for p in ((c,) if c.dep_ in ("dobj", "dative") else c.children)
        if p.dep_ in ("dobj", "dative", "pobj")
    ]
    # "is shown the way by B": the "by" the parser hangs on the object
    others += [
        p
        for o in list(others)
        if o.dep_ == "dobj"
        for c in o.children
        if c.dep_ == "prep" and c.lower_ in ("by", "with")
        for p in c.children
        if p.dep_ == "pobj"
    ]
    names = [
        n
        for t in ([subj] if subj is not None else []) + others
        for k in (t, *t.conjuncts)
        if (n := ctx.persons.at(k)) is not None
    ]
    names = list(dict.fromkeys(names))
    return names if len(names) >= 2 else []


def _blocked(ctx: DocContext, verb: Token) -> bool:
    return (
        any(c.dep_ == "neg" for c in verb.children)
        # "is expected to attend", "plans to attend": planned attendance, as for meetings
        or ctx.is_irrealis(verb, MEETING_IRREALIS_GOV)
        or ctx.is_conditional(verb)
    )


def _placements(ctx: DocContext, ev: Token, pats: FramePatterns) -> list[Placement]:
    out: list[Placement] = []
    sent = ev.sent

    def add(names: list[str], verb: Token, how: str) -> None:
        if _blocked(ctx, verb):
            return
        listed = _including(ctx, verb, ev)
        if listed and not any(ctx.persons.is_person(n) for n in names):
            names = listed  # "ministers are coming, including A": the group is A and others
        planned = ctx.is_future(verb)
        past = _past(verb)
        out.extend(Placement(n, planned, sent, how, past) for n in names)

    head = ev.head
    if ev.dep_ == "dobj" and "dobj" in pats.attend.get(head.lemma_, ()):
        add(_subjects(ctx, head), head, f"{head.lemma_} E")
    if ev.dep_ == "pobj" and head.dep_ == "prep":
        verb = head.head
        lemma = verb.lemma_
        if verb.pos_ in ("VERB", "AUX") and head.lower_ in pats.attend.get(lemma, ()):
            add(_subjects(ctx, verb), verb, f"{lemma} {head.lower_} E")
        elif (
            verb.pos_ == "VERB"
            and head.lower_ in ("at", "during")
            and lemma not in pats.not_located
            and head.i < verb.i
        ):
            # "At the summit, Uribe charged ...": what someone does at the event, fronted
            # as its setting, places them there
            add(_subjects(ctx, verb), verb, f"{head.lower_} E, {lemma}")
        elif verb.pos_ == "VERB" and any(
            c.dep_ == "dobj" and c.lower_ in pats.take_part.get(lemma, ()) for c in verb.children
        ):
            # "took part in the talks" with "in" hung on the verb
            add(_subjects(ctx, verb), verb, f"{lemma} part {head.lower_} E")
        elif (
            head.lower_ in ("at", "for")
            and verb.dep_ == "pobj"
            and verb.head.lower_ == "among"
            and verb.head.head.lemma_ == "be"
        ):
            # "A and B were among those (the leaders) at the summit"
            be = verb.head.head
            add(_subjects(ctx, be), be, f"among {verb.lower_} {head.lower_} E")
        elif verb.pos_ == "NOUN" and verb.dep_ == "dobj":
            # "take part in the talks", "play host to the summit"
            v = verb.head
            if verb.lower_ in pats.take_part.get(v.lemma_, ()):
                add(_subjects(ctx, v), v, f"{v.lemma_} {verb.lower_} {head.lower_} E")
    if ev.dep_ == "nsubj" and (
        (head.lemma_ == "bring" and any(c.lower_ == "together" for c in head.children))
        or head.lemma_ == "draw"
    ):
        # "The talks brought together A, B and C", "The summit drew A and B to Lisbon"
        add(_objects_listed(ctx, head), head, f"E {head.lemma_}")
    talk = _address_to(ev)
    if talk is not None:
        # "an address to the summit from B", "a speech to the conference by B": the
        # speaker is at the event, when the address is (the verb it hangs on tells).
        # The parser hangs "from B" on the address or on the event.
        gov = ctx.governing_verb(talk)
        speakers = [p for h in (talk, ev) for c in h.children
                    if c.dep_ == "prep" and c.lower_ in ("from", "by")
                    for p in c.children if p.dep_ == "pobj"]  # fmt: skip
        names = [n for p in speakers for n in ctx.parties(p) if ctx.persons.is_person(n)]
        if not names and gov is not None and gov.lemma_ in ("give", "deliver", "make"):
            # "gave a speech to the summit": the one who gives it (not one who "sent a
            # message to the summit", from afar)
            names = [n for n in _subjects(ctx, gov) if ctx.persons.is_person(n)]
        if names and (gov is None or not _blocked(ctx, gov)):
            planned = gov is not None and ctx.is_future(gov)
            past = gov is not None and _past(gov)
            out.extend(Placement(n, planned, sent, "address to E from", past) for n in names)
    if any(c.dep_ == "poss" and c.lower_ == "their" for c in ev.children):
        # "A and B arrive for their meeting": a parse-independent reading, since
        # captions like this one are often misparsed ("arrive" as a noun).
        gov = ctx.governing_verb(ev)
        if gov is None or not _blocked(ctx, gov):
            names = _listed_before(ctx, ev) or _clause_people(ctx, gov)
            planned = gov is not None and ctx.is_future(gov)
            past = gov is not None and _past(gov)
            out.extend(Placement(n, planned, sent, "their E", past) for n in names)
    for r in _where_clauses(ev):
        # "hosted a dinner in November where A told B ...": the people of the clause
        if _blocked(ctx, r):
            continue
        names = [n for t in _clause_parties(r) for n in ctx.parties(t) if ctx.persons.is_person(n)]
        out.extend(
            Placement(n, ctx.is_future(r), sent, "E where", _past(r)) for n in dict.fromkeys(names)
        )
    passives = [c for c in ev.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    if ev.dep_ == "nsubjpass":
        passives.append(head)  # "the summit was attended by A and B"
    for v in passives:
        if v.lemma_ not in pats.passive_attend:
            continue
        for a in v.children:
            if a.dep_ == "agent":
                for p in a.children:
                    if p.dep_ == "pobj":
                        add(ctx.parties(p), v, f"E {v.lemma_} by")
    return out


# "where" after a place is about the place ("in London, where ..."), not the event
_SETTING = frozenset(["DATE", "TIME"])


def _where_clauses(ev: Token) -> list[Token]:
    """Relative clauses opened by "where" that describe `ev`: hung on the noun itself, or
    (as the parser often does) on the time or place told right after it ("a dinner in
    November 2003 where ...")."""
    out = []
    for r in ev.sent:
        if r.dep_ != "relcl" or not any(c.lower_ == "where" for c in r.children):
            continue
        h = r.head
        if h.i == ev.i or (
            ev.i < h.i <= ev.i + 6
            and h.ent_type_ in _SETTING
            and not any(t.pos_ in ("VERB", "AUX") for t in ev.doc[ev.i + 1 : h.i])
        ):
            out.append(r)
    return out


def _clause_parties(r: Token) -> list[Token]:
    """The subject and the objects of a clause ("A told B", "A met with B")."""
    toks = [c for c in r.children if c.dep_ in ("nsubj", "dobj", "dative")]
    toks += [
        p
        for c in r.children
        if c.dep_ == "prep" and c.lower_ in ("with", "to")
        for p in c.children
        if p.dep_ == "pobj"
    ]
    return toks


def event_frames(ctx: DocContext) -> list[Frame]:
    """Frames of the document, in order of first mention, with their placements."""
    pats = patterns()
    frames: list[Frame] = []
    last: dict[str, Frame] = {}
    named: dict[str, Frame] = {}
    last_at: dict[str, int] = {}  # the sentence of each family's last mention
    topic: Frame | None = None  # the event the first sentence names
    recent: tuple[Frame, int] | None = None  # the last frame mentioned, and where
    for n_sent, sent in enumerate(ctx.sents):
        for tok in sent:
            if _unnamed_gathering(ctx, tok):
                # "Ministers of nine countries will meet here on March 11": an event
                # that "the meeting" and "would be represented" refer back to.
                opened = Frame("meeting", None, tok, [tok])
                frames.append(opened)
                last["meeting"] = last["talks"] = opened
                last_at["meeting"] = last_at["talks"] = n_sent
                recent = (opened, n_sent)
                continue
            fam = _family(tok, pats)
            if fam is None:
                if _bare_event_anaphor(tok) and recent is not None:
                    # "coming to the event": a word for any gathering, so it only refers
                    # back to the one last told, and never opens an event of its own
                    recent[0].mentions.append(tok)
                    recent[0].placed.extend(_placements(ctx, tok, pats))
                continue
            name = _event_name(ctx, tok)
            frame = named.get(name) if name else None
            if frame is None and name is None and _definite(tok):
                # "the summit": the last event of its kind when it was just mentioned,
                # else the article's main (first named) event: "the forum", sentences
                # after a rival forum was named in passing, is still the WEF.
                main = next((f for f in frames if f.name), None)
                near = fam in last and n_sent - last_at[fam] <= _ANAPHORIC_REACH
                frame = (last.get(fam) if near else main) or last.get(fam) or main
            if frame is None:
                frame = Frame(fam, name, tok)
                frames.append(frame)
                if name:
                    named[name] = frame
            last[fam] = frame
            last_at[fam] = n_sent
            frame.mentions.append(tok)
            frame.placed.extend(_placements(ctx, tok, pats))
            if not _background(tok):
                recent = (frame, n_sent)
        if recent is not None and (
            n_sent - recent[1] <= _ANAPHORIC_REACH
            # an article about one event (named in its first sentence, no other since):
            # "will also be there" anywhere in it is about that event
            or (recent[0] is topic and recent[0].name is not None)
        ):
            recent[0].placed.extend(_anaphoric_placements(ctx, sent))
        if n_sent == 0 and frames:
            topic = frames[0]
    return frames


_GATHER_VERBS = frozenset(["meet", "gather", "convene", "assemble"])


def _unnamed_gathering(ctx: DocContext, v: Token) -> bool:
    """A gathering told by its verb, its people unnamed: "Representatives of nine
    countries will meet here", "Finance ministers gather in Paris on Monday"."""
    if v.pos_ != "VERB" or v.lemma_ not in _GATHER_VERBS or _blocked(ctx, v):
        return False
    if any(c.dep_ in ("dobj", "auxpass") for c in v.children):
        return False  # "met the president", "was met by": an encounter, not a gathering
    if any(c.dep_ == "prep" and c.lower_ == "with" for c in v.children):
        return False
    if any(_family(t, patterns()) for t in v.subtree):
        return False  # "gathered for the forum": that event, named by its noun
    subj = next((c for c in v.children if c.dep_ in _SUBJ), None)
    # "Representatives of nine countries", capitalised after a masked dateline: NNPS
    plural = subj is not None and (
        subj.tag_ == "NNS" or (subj.tag_ == "NNPS" and not subj.ent_type_)
    )
    return subj is not None and plural and not ctx.parties(subj)


# How many sentences after a mention of an event "will also attend" still refers to it.
_ANAPHORIC_REACH = 2
_OBJECTLESS_ATTEND = frozenset(["attend", "participate"])
_UNFOLD_VERBS = frozenset(
    ["open", "begin", "start", "convene", "take", "hold", "close", "end", "continue", "resume"]
)
_ATTENDEES = frozenset(["participant", "attendee", "guest", "delegate", "speaker", "invitee"])
_PRESENCE = frozenset(["attendance", "participation", "presence"])


def _anaphoric_placements(ctx: DocContext, sent: Span) -> list[Placement]:
    """Attendance told without naming the event, which the text has just mentioned:
    "B will also attend", "C, D and E would be represented", "Also due to attend are F
    and G", "H will also be there, as will I"."""
    out: list[Placement] = []
    for v in sent:
        if (
            v.pos_ == "NOUN"
            and v.lemma_ in _PRESENCE
            and not any(c.dep_ == "prep" for c in v.children)
        ):
            # "Mr Blair, whose attendance was announced at the last minute"
            owner = next((c for c in v.children if c.dep_ == "poss"), None)
            gov = ctx.governing_verb(v)
            if owner is not None and owner.lower_ == "whose" and gov is not None:
                owner = gov.head if gov.dep_ == "relcl" else None  # its antecedent
            who = ctx.party(owner) if owner is not None else None
            if (
                who
                and ctx.persons.is_person(who)
                and not ctx.is_called_off(v)
                and (gov is None or not _blocked(ctx, gov))
            ):
                out.append(Placement(who, False, sent, "attendance (at the event)"))
            continue
        if v.pos_ not in ("VERB", "AUX") or _blocked(ctx, v):
            continue
        kids = list(v.children)
        if v.lemma_ in _OBJECTLESS_ATTEND:
            if any(
                c.dep_ in ("dobj", "ccomp")
                or (
                    c.dep_ == "prep"
                    and c.lower_ != "including"
                    # "attended for the first time", "attended on Friday": when, not where
                    and not _time_phrase(c)
                    and not any(p.dep_ == "pobj" and p.lemma_ == "time" for p in c.children)
                )
                for c in kids
            ):
                continue  # an object of its own: read by `_placements`, or not an event
            how = f"{v.lemma_} (the event)"
        elif v.lemma_ in ("speak", "talk") and ctx.is_future(v):
            # "B is to speak": a coming address, at the event just told of; any word of
            # its own ("speak to reporters", "speak by phone") tells another setting
            if any(
                c.dep_ in ("dobj", "ccomp", "xcomp", "advcl")
                or (c.dep_ == "prep" and not _time_phrase(c))
                for c in kids
            ):
                continue
            how = "speak (at the event)"
        elif (
            v.lemma_ == "take"
            and any(c.dep_ == "dobj" and c.lower_ == "part" for c in kids)
            and not any(c.dep_ == "prep" and not _time_phrase(c) for c in kids)
        ):
            how = "take part (in the event)"  # "A and B took part"
        elif v.lemma_ == "include" and any(
            c.dep_ == "nsubj"
            and c.lemma_ in _ATTENDEES
            and not any(k.dep_ == "prep" for k in c.children)
            for c in kids
        ):
            # "Other participants included A and B": the people listed
            out.extend(
                Placement(n, ctx.is_future(v), sent, "participants included", _past(v))
                for n in dict.fromkeys(_objects_listed(ctx, v))
            )
            continue
        elif v.lemma_ == "represent" and any(c.dep_ == "auxpass" for c in kids):
            if any(c.dep_ in ("agent", "prep") for c in kids):
                continue  # "represented by her deputy", "represented at the talks"
            how = "represented (at the event)"
        elif v.lemma_ == "be" and any(
            c.lower_ in ("there", "here") and c.dep_ == "advmod" for c in kids
        ):
            how = "be there"
        else:
            continue
        names = _subjects(ctx, v) or _inverted_subjects(ctx, v) or _including(ctx, v)
        names += [n for c in kids if c.dep_ == "advcl" for n in _as_will(ctx, c)]
        if v.lemma_ == "represent":
            subj = next((c for c in kids if c.dep_ == "nsubjpass"), None)
            names = _listed_sides(ctx, subj) if subj is not None else []
        planned = ctx.is_future(v)
        past = _past(v)
        out.extend(Placement(n, planned, sent, how, past) for n in dict.fromkeys(names))
    return out


def _time_phrase(prep: Token) -> bool:
    """ "after his inauguration", "on Monday": when, not where or to whom."""
    if prep.lower_ in ("after", "before", "during"):
        return True
    return any(p.dep_ == "pobj" and p.ent_type_ in ("DATE", "TIME") for p in prep.children)


def _as_will(ctx: DocContext, c: Token) -> list[str]:
    """ "..., as will I": the subject of an elliptic "as" clause does the same. In "as
    will newly elected leader A" the parser reads "elected" as the verb and A as its
    object; with no subject, the object of such a participle is the one meant."""
    kids = list(c.children)
    if not any(m.lower_ == "as" and m.dep_ == "mark" for m in kids):
        return []
    subj = [n for k in kids if k.dep_ == "nsubj" for n in ctx.parties(k)]
    if subj or c.tag_ != "VBN" or not any(k.dep_ == "aux" for k in kids):
        return subj
    return [n for k in kids if k.dep_ == "dobj" for n in ctx.parties(k)]


def _listed_sides(ctx: DocContext, tok: Token) -> list[str]:
    """ "Egypt, Zambia, Kenya and Mali": a list of countries, which the parser may hang
    as an apposition and its conjuncts."""
    names = list(ctx.parties(tok))
    for c in tok.children:
        if c.dep_ == "appos" and c.ent_type_ in ("GPE", "ORG"):
            names += [n for n in ctx.parties(c) if n not in names]
    return names


def _background(tok: Token) -> bool:
    """An event named inside a relative clause ("Mbeki, whose arrival has been delayed
    by peace talks, ...") is background: "will also be there" does not refer to it."""
    return any(a.dep_ == "relcl" for a in tok.ancestors)


def _objects_listed(ctx: DocContext, v: Token) -> list[str]:
    return [
        n
        for o in v.children
        if o.dep_ == "dobj"
        for t in ctx.coordinated(o)
        for n in ctx.parties(t)
        if ctx.persons.is_person(n) or t.ent_type_ in ("GPE", "ORG")
    ]


def _inverted_subjects(ctx: DocContext, v: Token) -> list[str]:
    """ "Also due to attend are A and B", "Also attending were A and B": the people
    after the copula."""
    if v.tag_ == "VBG" and v.dep_ == "ROOT":
        # "Also attending were A and B": the copula parsed as its auxiliary
        return [
            n
            for a in v.children
            if a.dep_ == "aux" and a.lemma_ == "be" and a.i > v.i
            for c in a.children
            if c.dep_ == "nsubj"
            for n in ctx.parties(c)
        ]
    if v.dep_ != "xcomp" or v.head.lower_ not in ("due", "expected", "scheduled", "set"):
        return []
    copula = v.head.head
    if copula.lemma_ != "be" or any(c.dep_ in _SUBJ for c in copula.children):
        return []
    return [n for c in copula.children if c.dep_ == "attr" for n in ctx.parties(c)]


def _persons_of(ctx: DocContext, tok: Token | None) -> list[str]:
    if tok is None:
        return []
    return [n for n in ctx.parties(tok) if ctx.persons.is_person(n)]


def together_meetings(ctx: DocContext) -> list[Meeting]:
    """People told as being together: "A walks with B", "A, accompanied by B, arrives",
    "A and B hold a joint news conference". (Common in wire copy and photo captions.)"""
    pats = patterns()
    out: list[Meeting] = []
    for sent in ctx.sents:
        caption = _caption_encounter(ctx, sent)
        if caption:
            out.append(Meeting(tuple(caption), "held", None, None, None, (ctx.evidence(sent),)))
        for v in sent:
            relevant = (
                v.lemma_ in pats.together
                or v.lemma_ in pats.accompany
                or v.lemma_ in ("hold", "give", "host")
                or v.lemma_ in _SEATED
            )
            if v.pos_ != "VERB" or not relevant or _blocked(ctx, v):
                continue
            people: list[str] = []
            anchor = v  # the verb whose tense and time the encounter takes
            placed = [v]  # where an "in X" may hang
            if v.lemma_ in _SEATED:
                # "A sits between B and C", "A stood beside B": next to named people
                beside = [
                    p
                    for c in v.children
                    if c.dep_ == "prep" and c.lower_ in ("between", "beside", "alongside", "with")
                    for p in c.children
                    if p.dep_ == "pobj"
                ]
                others = [
                    n for w in beside for k in ctx.coordinated(w) for n in _persons_of(ctx, k)
                ]
                seated = _subject_persons(ctx, v)
                if others and not any(ctx.on_the_bench(n) for n in seated):
                    people = [*seated, *others]
            elif v.lemma_ in pats.together:
                withs = [
                    p
                    for c in v.children
                    if c.dep_ == "prep" and c.lower_ in ("with", "alongside")
                    for p in c.children
                    if p.dep_ == "pobj"
                ]
                others = [n for w in withs for n in _persons_of(ctx, w)]
                if others:
                    people = [*_subject_persons(ctx, v), *others]
                elif v.lemma_ in pats.together_subjects and not withs:
                    people = _subject_persons(ctx, v)  # "A, B and C chat after the talks"
            elif v.lemma_ in pats.accompany and v.tag_ == "VBN" and v.dep_ in ("acl", "advcl"):
                # "A, accompanied by B, arrives": the participle hangs on A or A's verb
                agents = ctx.agent_objects(v)
                host = v.head if v.head.pos_ in ("PROPN", "NOUN") else ctx.subject_of(v.head)
                others = [n for a in agents for n in _persons_of(ctx, a)]
                if others and _bound_for_an_event(ctx.governing_verb(v) or v, v, pats):
                    people = [*_persons_of(ctx, host), *others]
                    # "A, accompanied by B, will visit X": as planned as the visit
                    anchor = ctx.governing_verb(v) or v
            elif v.lemma_ in ("hold", "give", "host"):
                joint = [
                    c
                    for c in v.children
                    if c.dep_ == "dobj"
                    and any(k.lower_ == "joint" for k in c.children)
                    and (c.lemma_ in pats.joint_events or c.lower_ in pats.joint_events)
                ]
                subj = ctx.subject_of(v)
                placed += joint  # "held a joint news conference in Oslo"
                if joint and subj is not None:
                    # "A and Jordan's King B hold ...", misparsed as "(A and Jordan)'s
                    # B": everyone named in the subject
                    people = [x for t in subj.subtree if (x := ctx.persons.at(t))]
            names = list(dict.fromkeys(people))
            if len(names) >= 2:
                when_span = ctx.time_words([v, anchor])
                when = when_span.text if when_span is not None else None
                status: Status = "planned" if ctx.is_future(anchor) else "held"
                out.append(
                    Meeting(
                        tuple(names),
                        status,
                        ctx.place_of(placed),
                        when,
                        resolve(
                            when,
                            ctx.article.published,
                            direction="future" if status == "planned" else "past",
                        ),
                        (ctx.evidence(sent),),
                    )
                )
    return out


_SEATED = frozenset(["sit", "stand"])
_EVENT_WORDS = frozenset(["breakfast", "meet", "attend"])


def _bound_for_an_event(anchor: Token, participle: Token, pats: FramePatterns) -> bool:
    """ "A, accompanied by B, arrives for a breakfast": a companion shares the event A
    goes to. One of A's own party on a trip ("A, accompanied by B, is on a tour of
    Europe", "will visit Japan") has met no one for it."""
    inside = {t.i for t in participle.subtree}
    return anchor.lemma_ in _EVENT_WORDS or any(
        t.lower_ in pats.event_nouns or t.lower_ in _EVENT_WORDS
        for t in anchor.subtree
        if t.i not in inside
    )


# Caption verbs the tagger reads as nouns when a caption has no other verb ("A and B
# greet C for a meeting"): the people before and after them met.
_CAPTION_VERBS = frozenset(
    ["greet", "greets", "meet", "meets", "embrace", "embraces", "hug", "hugs", "jokes",
     "laughs", "chats", "walks", "poses", "smiles"]
)  # fmt: skip


def _caption_encounter(ctx: DocContext, sent: Span) -> list[str]:
    root = sent.root
    if root.lower_ not in _CAPTION_VERBS or root.pos_ not in ("NOUN", "PROPN"):
        return []
    if any(t.pos_ in ("VERB", "AUX") and t.i < root.i for t in sent):
        return []  # a clause of its own before: "the meet" is something else
    before = [m for t in sent if t.i < root.i and (m := ctx.persons.at(t))]
    after = [
        m
        for t in sent
        if t.i > root.i
        and (m := ctx.persons.at(t))
        # not people after the place or time ("at the White House of A")
        and not any(
            a.dep_ == "prep" and a.lower_ in ("at", "in", "during")
            for a in t.ancestors
            if a.i > root.i
        )
    ]
    if not before or not after:
        return []
    return list(dict.fromkeys([*before, *after]))


def _subject_persons(ctx: DocContext, v: Token) -> list[str]:
    subj = ctx.subject_of(v)
    return _persons_of(ctx, subj)


def _sent_of(ctx: DocContext, m: Meeting) -> int | None:
    if not m.evidence:
        return None
    start = m.evidence[0].start
    for s in ctx.sents:
        if s.start_char <= start < s.end_char:
            return s.start
    return None


def frame_meetings(ctx: DocContext, frames: list[Frame], rules: list[Meeting]) -> list[Meeting]:
    """The rules' meetings with every frame's people added: a rule meeting whose
    sentence names a frame's event is that event; frames of their own become meetings."""
    by_sent: dict[int, list[Frame]] = {}
    for f in frames:
        for tok in f.mentions:
            by_sent.setdefault(tok.sent.start, []).append(f)
    grown: dict[int, Frame] = {}
    out: list[Meeting] = []
    at = {s.start: k for k, s in enumerate(ctx.sents)}  # sentence start -> its number
    for m in rules:
        start = _sent_of(ctx, m)
        hits = by_sent.get(start, []) if start is not None else []
        frame = next((f for f in hits if f.placed), None)
        if frame is None and start is not None:
            frame = _referred_back(at, frames, start, grown)
        if frame is None:
            out.append(m)
            continue
        grown[id(frame)] = frame
        extra = [p.name for p in frame.placed if p.planned == (m.status == "planned")]
        people = list(dict.fromkeys([*m.participants, *extra]))
        evidence = list(m.evidence)
        for p in frame.placed:
            ev = ctx.evidence(p.sent)
            if ev not in evidence and p.name in people:
                evidence.append(ev)
        out.append(
            Meeting(
                _drop_sides(ctx, people),
                m.status,
                m.place,
                m.when,
                m.date,
                tuple(evidence),
                m.confidence,
            )
        )
    for f in frames:
        if id(f) in grown:
            continue
        meeting = _own_meeting(ctx, f)
        if meeting is not None:
            out.append(meeting)
    return out


def _referred_back(
    at: dict[int, int], frames: list[Frame], start: int, grown: dict[int, Frame]
) -> Frame | None:
    """ "The ministers of A and B met in Cairo. C joined the talks as an observer.": an
    unnamed event first told by a definite noun just after a meeting told by its verb
    is that meeting. `at`: each sentence's number by its first token."""
    here = at.get(start)
    if here is None:
        return None
    for f in frames:
        first = f.mentions[0]
        k = at.get(first.sent.start)
        if (
            id(f) not in grown
            and f.placed
            and f.name is None
            and f.family in ("meeting", "talks")
            and _definite(first)
            and k is not None
            and here < k <= here + 2
        ):
            return f
    return None


def _drop_sides(ctx: DocContext, names: list[str]) -> tuple[str, ...]:
    """Countries stand for people only where no person is named."""
    people = [n for n in names if ctx.persons.is_person(n)]
    return tuple(people if len(people) >= 2 else names)


def _past(verb: Token) -> bool:
    return verb.tag_ == "VBD" or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children
    )


def _own_meeting(ctx: DocContext, f: Frame) -> Meeting | None:
    planned = [p for p in f.placed if p.planned]
    held = [p for p in f.placed if not p.planned]
    if planned and not any(p.past for p in held):
        # One event has one time: "A attends the meeting on Friday" (a present) and
        # "B has been invited to take part in it" tell of the same planned meeting.
        planned = list(f.placed)
        held = []
    group = held if len({p.name for p in held}) >= 2 else planned
    names = _drop_sides(ctx, list(dict.fromkeys(p.name for p in group)))
    if len(names) < 2:
        return None
    status: Status = "planned" if group is planned else "held"
    evidence: list[Evidence] = []
    for p in group:
        ev = ctx.evidence(p.sent)
        if ev not in evidence:
            evidence.append(ev)
    # "The summit opened in Lisbon", "the talks were held in Oslo": the verb the event
    # is the subject of says where
    held_by = [
        m.head
        for m in f.mentions
        if m.dep_ in ("nsubj", "nsubjpass") and m.head.lemma_ in _UNFOLD_VERBS
    ]
    when_span = ctx.time_words(f.mentions) or ctx.time_words(held_by)
    when = when_span.text if when_span is not None else None
    return Meeting(
        names,
        status,
        ctx.place_of(f.mentions) or ctx.place_of(held_by),
        when,
        resolve(when, ctx.article.published, direction="future" if status == "planned" else "past"),
        tuple(evidence),
    )


# --- deals told more than once ------------------------------------------------

_DEAL_HEADS = frozenset(
    ["agreement", "deal", "accord", "pact", "treaty", "contract", "memorandum", "protocol"]
)
_BARE_WORDS = frozenset(
    [
        *_DEAL_HEADS,
        "agreements",
        "deals",
        "accords",
        "sign",
        "signed",
        "signing",
        "reach",
        "reached",
        "seal",
        "sealed",
        "strike",
        "struck",
        "today",
        "yesterday",
        "here",
        "new",
        "interim",
        "formal",
        "final",
        "which",
        "with",
        "between",
        "they",
    ]
)
_WEEKDAYS = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
)


def _content_words(text: str, parties: tuple[str, ...]) -> set[str]:
    names = {w.lower() for p in parties for w in p.replace("'s", "").split()}
    words = {w.lower().strip(".,\"'()") for w in text.replace("'s", " ").replace("-", " ").split()}
    return {
        w
        for w in words
        if len(w) > 3
        and w.isalpha()
        and w not in _BARE_WORDS
        and w not in _WEEKDAYS
        and w not in names
        and not any(n.startswith(w) or w.startswith(n) for n in names if len(n) > 3)
    }


_AGENT = re.compile(
    r"\b(?:was|were|is|are|been|be)\s+(?:signed|reached|sealed|struck)\b.*$|\bby\b.*$"
)


def _says_what(a: Agreement) -> bool:
    """Whether the agreement's text says what was agreed, beyond who signed it and when
    ("The agreement was signed by A and B" does not)."""
    return bool(_content_words(_AGENT.sub("", a.text), a.parties))


def _deal_phrase(ctx: DocContext, noun: Token) -> str:
    """ "an agreement to reschedule Nigeria's official debts": the noun and what follows it."""
    right = noun.right_edge.i
    for c in noun.children:
        if c.dep_ == "relcl" and c.i > noun.i:
            right = min(right, c.left_edge.i - 1)
    left = noun.left_edge.i
    toks = [t for t in ctx.doc[left : min(right, noun.i + 30) + 1] if not t.is_space]
    while toks and (toks[-1].is_punct or toks[-1].dep_ == "cc"):
        toks.pop()
    return ctx.doc[toks[0].i : toks[-1].i + 1].text.replace("\n", " ") if toks else noun.text


def _said_next(
    ctx: DocContext, mentions: list[tuple[int, str, Token]], a: Agreement
) -> tuple[str, Token] | None:
    """The first definite deal noun ("the deal", "this accord") in the two sentences
    after a bare telling, when it says what the deal is."""
    told = ctx.doc.char_span(a.evidence[0].start, a.evidence[0].end, alignment_mode="expand")
    if told is None:
        return None
    end = told.end
    for _ in range(2):
        if end >= len(ctx.doc):
            break
        end = ctx.doc[end].sent.end
    for i, phrase, noun in mentions:
        if not told.end <= i < end:
            continue
        if any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in noun.children) and (
            _content_words(phrase, a.parties)
        ):
            return phrase, noun
        return None  # another deal named first: not sure it is the same one
    return None


def merge_restatements(ctx: DocContext, agreements: list[Agreement]) -> list[Agreement]:
    """A deal told again ("The agreement was signed by A and B", "signing the deal on
    Tuesday") says who or when, not what: it takes the content of the deal's first
    telling that says what (the nearest earlier deal noun with content), and where that
    telling is itself an extracted agreement the two become one, with both parties."""
    mentions: list[tuple[int, str, Token]] = []  # (token index, phrase, noun)
    for sent in ctx.sents:
        for tok in sent:
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in _DEAL_HEADS:
                mentions.append((tok.i, _deal_phrase(ctx, tok), tok))
    if not mentions:
        return agreements
    out: list[Agreement] = []
    by_sentence: dict[int, int] = {}  # evidence start -> index in out
    for a in agreements:
        if a.polarity != "agreed" or not a.evidence or _says_what(a):
            out.append(a)
            if a.evidence:
                by_sentence.setdefault(a.evidence[0].start, len(out) - 1)
            continue
        start = a.evidence[0].start
        earlier = [
            (i, phrase, noun)
            for i, phrase, noun in mentions
            if noun.idx < start and _content_words(phrase, a.parties)
        ]
        if not earlier:
            # "A and B reached a deal on Friday. The deal to open talks with C ...": told
            # first bare, then by the definite noun that says what it is
            later = _said_next(ctx, mentions, a)
            if later is not None:
                phrase, noun = later
                evidence = (*a.evidence, ctx.evidence(noun.sent))
                out.append(Agreement(a.parties, "agreed", phrase, evidence, a.confidence))
            else:
                out.append(a)
            continue
        _, phrase, noun = earlier[-1]
        first = ctx.evidence(noun.sent)
        target = by_sentence.get(first.start)
        if target is not None and out[target].polarity == "agreed":
            t = out[target]
            parties = tuple(dict.fromkeys([*t.parties, *a.parties]))
            evidence = tuple(dict.fromkeys([*t.evidence, *a.evidence]))
            out[target] = Agreement(parties, "agreed", t.text, evidence, t.confidence)
            continue
        out.append(Agreement(a.parties, "agreed", phrase, (first, *a.evidence), a.confidence))
    return out
