"""Next stops: where an official will travel, in the order the article gives.

Rules:
- `travel_verb`: future "will visit X", "is to visit X", "heading off to X",
  "before returning to X", "then goes on to X", "is due in X", "prepared to head
  to X"; "visit constituencies in A and B" gives A and B.
- `activity_abroad`: a future activity at a named place ("will see an orphanage in
  Tanzania", "before chairing a meeting in Cape Town").
- `travel_noun`: "stops in A, B and C are planned", "his trip to X next week".
Past travel is never a stop. The traveller is the clause subject, a pronoun or the
person the discourse is about; it must be a person.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from ..models import Evidence, Itinerary, Stop
from ..text import fold
from .context import DocContext
from .dates import resolve
from .frames import Frame
from .lexicon import (
    FUTURE_AUX,
    LED_GROUPS,
    MEETING_NOUNS,
    MOTION_VERBS,
    PAST_TIME_WORDS,
    TRAVEL_NOUNS,
    VISIT_VERBS,
)

__all__ = ["extract_next_stops"]

_PLACE_LABELS = frozenset({"GPE", "LOC"})
_SEQUENCE = frozenset(["then", "next", "later", "afterwards", "subsequently"])
# Time words of past or habitual events, which a present tense does not schedule.
_NOT_SCHEDULED = frozenset(
    ["last", "yesterday", "ago", "earlier", "previous", "every", "each", "annual", "usually"]
)
_MOTION_PREPS = ("to", "for", "in", "into", "at")
_ONWARD_WORDS = frozenset(["back", "home", "on", "off", "over", "away"])
_ACTIVITY_VERBS = frozenset(
    [
        "see",
        "meet",
        "chair",
        "attend",
        "open",
        "address",
        "hold",
        "tour",
        "inspect",
        "launch",
        "host",
        "join",
        "represent",
        "lead",
        "schedule",
        "plan",
        "arrange",
    ]
)
# Scheduling an event somewhere puts the scheduler there later, whatever the tense.
_SCHEDULING = frozenset(["schedule", "plan", "arrange"])


@dataclass
class _StopDraft:
    who: str
    place: str
    when: Span | None
    evidence: Evidence
    order: int


_GATHERINGS = frozenset(["meeting", "meetings", "summit", "conference", "talks", "forum"])


_OFF_WORLD = frozenset(["earth", "moon", "mars", "space", "orbit"])


def _places(ctx: DocContext, tok: Token) -> list[Token]:
    """`tok` and its conjuncts that are places; in a list that starts with a place, a
    proper noun the NER left untagged or took for a surname ("Leeds, York and Hull")
    is a place too."""
    items = [t for t in (tok, *tok.conjuncts) if t.lower_ not in _OFF_WORLD]
    if not items:
        return []  # "will return to Earth": astronauts, not an itinerary
    if len(items) == 1 and ctx.persons.is_person(tok.text):
        return []  # a person the NER took for a place ("visit Wiranto")
    if not any(t.ent_type_ in _PLACE_LABELS for t in items):
        return []
    places = sum(1 for t in items if t.ent_type_ in _PLACE_LABELS)
    out = []
    for t in items:
        if t.ent_type_ in _PLACE_LABELS or (
            t.tag_ == "NNP"
            and t.ent_type_ in ("", "PERSON")
            and " " not in (ctx.persons.at(t) or "")
        ):
            out.append(t)
        elif (
            places >= 2
            and t.tag_ == "NNP"
            and not t.text.isupper()  # "NATO" is an organisation
            and t.ent_type_ == "ORG"
            and t.ent_iob_ == "B"
            and (t.i + 1 >= len(t.doc) or t.doc[t.i + 1].ent_iob_ != "I")
        ):
            out.append(t)  # "Shrewsbury, Dorset and Torbay" with "Dorset" read as an ORG
    return out


def _is_place(ctx: DocContext, t: Token) -> bool:
    """A place entity, or an untagged proper noun placed in a country ("Aceh in
    Indonesia") or listed with places. A name the article uses for a person is not a
    place ("plans to visit Wiranto" with the name tagged as a place)."""
    if t.tag_ == "NNP" and any(
        r.dep_ == "relcl" and r.left_edge.lower_ == "where" for r in t.children
    ):
        return True  # "will visit Leicester South, where ...", whatever the NER said
    if ctx.persons.at(t) is not None or ctx.persons.is_person(ctx.entity_text(t) or t.text):
        return False
    if t.ent_type_ in _PLACE_LABELS:
        return True
    if t.tag_ != "NNP" or t.ent_type_ or ctx.persons.at(t) is not None:
        return False
    if any(k.ent_type_ in _PLACE_LABELS for k in t.conjuncts):
        return True
    nxt = t.doc[t.i + 1 : t.i + 3]
    return len(nxt) == 2 and nxt[0].lower_ == "in" and nxt[1].ent_type_ in _PLACE_LABELS


def _prep_places(ctx: DocContext, tok: Token, preps: tuple[str, ...]) -> list[Token]:
    out: list[Token] = []
    for c in tok.children:
        # "pay a visit next month to Japan": the parser may read the "to" as a dative
        if (c.dep_ == "prep" or (c.dep_ == "dative" and c.pos_ == "ADP")) and c.lower_ in preps:
            for p in c.children:
                if p.dep_ == "pobj":
                    found = _places(ctx, p)
                    if not found and p.ent_type_ in ("DATE", "TIME"):
                        # "heading to Kyiv Monday" parsed as one noun phrase
                        found = [
                            k
                            for k in p.children
                            if k.dep_ == "compound" and k.ent_type_ in _PLACE_LABELS
                        ]
                    out += found
        if c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ in _ONWARD_WORDS):
            out += _prep_places(ctx, c, preps)  # "heading off to", "will fly back to"
    return out


def _travellers(ctx: DocContext, anchor: Token) -> list[str]:
    """The people who travel: the clause subject, with its conjuncts ("Funaro and Gros
    will visit Britain") and the people who go with it ("leaves for New York with
    Treasury Secretary B")."""
    subj = ctx.subject_of(anchor)
    if subj is None:
        return []
    crew = _crew(ctx, subj)
    if crew:
        return crew
    names = [subj, *subj.conjuncts]
    # "The Commissioners, led by President A, will visit Bonn": the group's leader
    names += [
        p
        for c in subj.children
        if c.dep_ == "acl" and c.lemma_ in ("lead", "head")
        for p in ctx.agent_objects(c)
    ]
    # "A, accompanied by B, will visit X": B goes too
    names += [
        p
        for c in subj.children
        if c.dep_ == "acl" and c.lemma_ == "accompany" and c.tag_ == "VBN"
        for a in ctx.agent_objects(c)
        for p in (a, *a.conjuncts)
    ]
    # "Ministry of Trade (MITI) Vice Minister A leaves for ..." parsed with two subjects
    names += [c for c in anchor.children if c.dep_ == "nsubj" and c.i != subj.i]
    if anchor.lemma_ in MOTION_VERBS:
        names += [
            k
            for c in anchor.children
            if c.dep_ == "prep" and c.lower_ == "with"
            for p in c.children
            if p.dep_ == "pobj" and ctx.titles.get(ctx.persons.at(p) or "") is not None
            for k in (p, *p.conjuncts)
        ]
    return list(
        dict.fromkeys(
            n
            for t in names
            if (n := ctx.head_of_delegation(t) or ctx.party(t)) and ctx.persons.is_person(n)
        )
    )


# Nouns for a travelling party whose members the text has just named.
_CREWS = frozenset(["team", "delegation", "mission", "party"])


def _crew(ctx: DocContext, subj: Token) -> list[str]:
    """ "Senators A and B toured Kuwait. The Senate team next heads for Oman": a definite
    travelling party stands for the people last named together as a subject just
    before (in this sentence or the one before), when it names none of its own."""
    if subj.lemma_ not in _CREWS or subj.tag_ != "NN":
        return []
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in subj.children):
        return []
    if any(ctx.persons.at(t) for t in subj.subtree):
        return []
    sents = ctx.sents
    at = next((k for k, s in enumerate(sents) if s.start <= subj.i < s.end), None)
    if at is None:
        return []
    crew: list[str] = []
    for t in ctx.doc[sents[max(at - 1, 0)].start : subj.i]:
        if t.dep_ in ("nsubj", "nsubjpass"):
            people = [n for n in ctx.parties(t) if ctx.persons.is_person(n)]
            if len(people) >= 2:
                crew = people
    return crew


_DEPART = frozenset(["leave", "depart", "head", "fly", "set"])
_TODAY = frozenset(["today", "tonight", "morning", "afternoon", "evening"])


def _en_route(ctx: DocContext, v: Token) -> bool:
    """A departure under way: "leaves for Washington today", "has left for Washington",
    "was heading for Washington", "left Paris today for London". Its destination is
    still ahead of the traveller when the article is written."""
    if v.lemma_ not in _DEPART or not any(
        c.dep_ == "prep" and c.lower_ == "for" for c in v.children
    ):
        return False
    aux = {c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass")}
    if v.tag_ == "VBG" and aux:
        return True  # progressive, present or past: on the way
    if v.tag_ == "VBN" and aux & {"has", "have"}:
        return True  # "has left for"
    when = ctx.time_words([v])
    if v.tag_ in ("VBD", "VBZ", "VBP") and when is not None:
        return any(t.lower_ in _TODAY for t in when)
    return False


# Main verbs whose clause looks ahead, so a journey done "after"/"before" it does too.
_AHEAD = frozenset(["hope", "plan", "intend", "expect", "aim"])


def _is_upcoming(ctx: DocContext, v: Token) -> bool:
    if ctx.is_future(v) or _en_route(ctx, v):
        return True
    if v.tag_ == "VBG" and v.dep_ == "pcomp" and v.head.lower_ in ("after", "before"):
        # "After travelling this week to France, he hopes to visit Japan next week": a
        # journey ordered against a coming one is coming too, unless dated before
        main = v.head.head
        if main.pos_ in ("VERB", "AUX") and (ctx.is_future(main) or main.lemma_ in _AHEAD):
            when = ctx.time_words([v])
            return when is None or _scheduled(ctx, when)
    # "Mr Kennedy is visiting Somerset on Monday": present progressive with a time; not
    # "is currently touring Africa", which is where he is
    if v.tag_ == "VBG" and any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in v.children):
        if ctx.on_the_way(v):
            return True  # "is travelling to Oslo (for talks)": Oslo is ahead
        if any(c.lower_ in ("currently", "now", "already") for c in v.children):
            return False
        return ctx.time_words([v]) is not None
    # "She then goes on to Tokyo": a present-tense itinerary.
    if v.tag_ in ("VBZ", "VBP"):
        if any(c.dep_ == "advmod" and c.lower_ in _SEQUENCE for c in v.children):
            return True
        if v.lemma_ in MOTION_VERBS and any(
            c.dep_ == "prt" and c.lower_ == "on" for c in v.children
        ):
            return True  # "From Tokyo, she goes on to Seoul"
        # Scheduled present: "he visits Leeds on Monday", "is touring the north this week
        # as he visits Leeds and York" (the time of the clause it hangs on).
        when = ctx.time_words([v])
        if when is None and v.dep_ == "advcl" and v.head.tag_ in ("VBG", "VBZ", "VBP"):
            when = ctx.time_words([v.head])
        if when is None or any(t.lower_ in _NOT_SCHEDULED for t in when):
            return False
        # A dated present ("leaves the cathedral, Sept. 24, 2015": a caption) is past.
        date = resolve(when.text, ctx.article.published, direction="future")
        published = ctx.article.published
        return not (date is not None and published is not None and date < published)
    return False


def _scheduled(ctx: DocContext, when: Span | None) -> bool:
    """A point in time that is not before the article: "on Sunday", "next month"."""
    if when is None or any(t.lower_ in _NOT_SCHEDULED for t in when):
        return False
    date = resolve(when.text, ctx.article.published, direction="future")
    published = ctx.article.published
    return not (date is not None and published is not None and date < published)


def _add(
    ctx: DocContext,
    out: list[_StopDraft],
    who: str,
    places: list[Token],
    anchor: Token,
    when: Span | None = None,
    before: int | None = None,
) -> None:
    """`before`: the places come before the stop told at that token ("will return to
    Santiago after stops in Lima and Quito"), whatever the word order."""
    for k, p in enumerate(places):
        name = ctx.entity_text(p) or (p.text if p.tag_ == "NNP" else None)
        if not name:
            continue
        order = p.i if before is None else before - len(places) + k
        out.append(
            _StopDraft(
                who, name, when or ctx.time_words([anchor]), ctx.evidence(anchor.sent), order
            )
        )


def _touring(v: Token) -> bool:
    """ "is visiting A, B and C": a present progressive, a tour under way."""
    return v.tag_ == "VBG" and any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in v.children)


def travel_verb(ctx: DocContext, v: Token, out: list[_StopDraft]) -> None:
    # A tour of several places under way has the rest of them ahead; one place being
    # visited now is where the official is, no stop.
    if not (_is_upcoming(ctx, v) or _touring(v)):
        return
    if any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never") for c in v.children):
        return  # "will not travel to Paris"
    lemma = v.lemma_
    places: list[Token] = []
    if lemma in VISIT_VERBS:
        direct = False
        for c in v.children:
            if c.dep_ == "dobj":
                listed: list[Token] = _places(ctx, c) if len(c.conjuncts) >= 2 else []
                for t in (c, *c.conjuncts):
                    if _is_place(ctx, t) or t in listed:
                        # in a list of places, a name the NER took for a person is a place
                        places.append(t)
                        direct = True
                    else:
                        places += _prep_places(ctx, t, ("in", "at", "of"))
                        # "visit the four major exporters - Australia, Brazil and Cuba -"
                        places += [
                            k
                            for a in t.children
                            if a.dep_ == "appos" and t.pos_ == "NOUN"
                            for k in a.subtree
                            if k.dep_ in ("appos", "conj") and _is_place(ctx, k)
                        ]
            if c.dep_ == "cc" and c.lower_ == "as":  # "as well as Sri Lanka"
                places += [p for p in c.children if p.dep_ == "pobj" and _is_place(ctx, p)]
        if not direct:
            places += _prep_places(ctx, v, ("in", "to"))
    else:
        if v.lemma_ in _CARRY and any(
            c.dep_ == "dobj" and not _is_place(ctx, c) and c.lower_ not in ("home", "back")
            for c in v.children
        ):
            return  # "move the embassy to Jerusalem", "return the money to B": no journey
        places += _prep_places(ctx, v, _MOTION_PREPS) or _led_to(ctx, v)
    if places:
        places += _list_end(ctx, v, places) + _way_to(ctx, v)
    if not places and _is_upcoming(ctx, v) and _going_home(v):
        # "returns home on Friday": the country the traveller's title names
        for who in _travellers(ctx, v):
            home = ctx.home_country(who)
            if home is not None:
                when = ctx.time_words([v])
                out.append(_StopDraft(who, home, when, ctx.evidence(v.sent), v.i))
        return
    if not places and _is_upcoming(ctx, v):
        hosts = _hosts_abroad(ctx, v)
        if hosts:
            when, told = ctx.time_words([v]), ctx.evidence(v.sent)
            for who in _travellers(ctx, v):
                out += [_StopDraft(who, country, when, told, tok.i) for tok, country in hosts]
            return
    if not places and ctx.dateline and _is_upcoming(ctx, v) and _here(ctx, v):
        # "will arrive here on Saturday" under a "BRUSSELS, March 26 -" dateline
        for who in _travellers(ctx, v):
            out.append(
                _StopDraft(who, ctx.dateline, ctx.time_words([v]), ctx.evidence(v.sent), v.i)
            )
        return
    if not places or (not _is_upcoming(ctx, v) and len(places) < 2):
        return
    for who in _travellers(ctx, v):
        _add(ctx, out, who, places, v)
        _add_dated_more(ctx, out, who, v, places)


def _going_home(v: Token) -> bool:
    return v.lemma_ in ("return", "fly", "head", "go", "travel", "come") and any(
        c.lower_ == "home" and c.dep_ in ("advmod", "npadvmod", "dobj", "prt") for c in v.children
    )


def _list_end(ctx: DocContext, v: Token, places: list[Token]) -> list[Token]:
    """ "will go to Oslo, Stockholm and then Helsinki": the parser hangs the last place,
    after "and then", on the verb as a conjunct of its own."""
    last = max(p.i for p in places)
    return [
        c
        for c in v.children
        if c.dep_ == "conj"
        and c.pos_ == "PROPN"
        and c.i > last
        and _is_place(ctx, c)
        and not any(k.dep_ in ("nsubj", "nsubjpass", "aux") for k in c.children)
    ]


def _way_to(ctx: DocContext, v: Token) -> list[Token]:
    """ "will stop over in Dubai on his way to Tokyo": where the journey goes on to."""
    return [
        p
        for c in v.children
        if c.dep_ == "prep" and c.lower_ == "on"
        for w in c.children
        if w.dep_ == "pobj" and w.lemma_ == "way"
        for p in _prep_places(ctx, w, ("to",))
    ]


_PURPOSES = frozenset(["meet", "talk", "see", "consult", "hold"])
_HOST_NOUNS = frozenset(
    ["official", "officials", "leader", "leaders", "minister", "ministers", "counterpart",
     "counterparts", "government", "authorities", "president", "premier"]
)  # fmt: skip


def _hosts_abroad(ctx: DocContext, v: Token) -> list[tuple[Token, str]]:
    """ "will travel next week to talk to Japanese and Canadian officials": a trip with
    no place named, made to meet a country's officials, goes to that country."""
    out: list[tuple[Token, str]] = []
    for purpose in v.children:
        if purpose.dep_ not in ("advcl", "xcomp") or purpose.lemma_ not in _PURPOSES:
            continue
        if not any(a.dep_ == "aux" and a.lower_ == "to" for a in purpose.children):
            continue
        met = [c for c in purpose.children if c.dep_ == "dobj"]
        met += [
            p
            for c in purpose.children
            if c.dep_ == "prep" and c.lower_ in ("to", "with")
            for p in c.children
            if p.dep_ == "pobj"
        ]
        for n in met:
            if n.lower_ not in _HOST_NOUNS:
                continue
            for m in n.children:
                if m.dep_ not in ("amod", "compound"):
                    continue
                for d in (m, *m.conjuncts):
                    country = ctx.country_word(d.text) if d.pos_ in ("ADJ", "PROPN") else None
                    if country and d.text[:1].isupper() and country != d.text:
                        out.append((d, country))
    return out


# Motion verbs that also carry things: "move the embassy to", "return the money to".
_CARRY = frozenset(["move", "return", "fly", "bring", "send"])


def _led_to(ctx: DocContext, v: Token) -> list[Token]:
    """ "will lead (head) the U.S. delegation to Geneva", "... to the talks in Geneva":
    who leads a delegation goes where it goes."""
    if v.lemma_ not in ("lead", "head"):
        return []
    groups = [c for c in v.children if c.dep_ == "dobj" and c.lemma_ in LED_GROUPS]
    out: list[Token] = []
    # "to Geneva" hangs on the delegation or on the verb
    for h in (v, *groups) if groups else ():
        for k in h.children:
            if k.dep_ == "prep" and k.lower_ == "to":
                for p in k.children:
                    if p.dep_ == "pobj":
                        here = p.ent_type_ in _PLACE_LABELS
                        out += [p] if here else _prep_places(ctx, p, ("in", "at"))
    return out


def _here(ctx: DocContext, v: Token) -> bool:
    """ "arrive here", told by the reporter (in a quotation "here" is the speaker's)."""
    return ctx.here_place([v]) is not None


def due_in(ctx: DocContext, tok: Token, out: list[_StopDraft]) -> None:
    """ "He is due in Beijing on Friday." """
    places = _prep_places(ctx, tok, ("in", "at"))
    if not places or any(c.dep_ == "xcomp" for c in tok.children):
        return
    for who in _travellers(ctx, tok):
        _add(ctx, out, who, places, tok, ctx.time_words([tok, tok.head]))
        _add_dated_more(ctx, out, who, tok.head, places)  # the time hangs on "is"


def _expected_in(tok: Token) -> bool:
    """ "He is expected in Berlin next week": awaited at a place, like "due in"."""
    return tok.lower_ == "expected" and any(c.dep_ == "auxpass" for c in tok.children)


def will_be_in(ctx: DocContext, tok: Token, out: list[_StopDraft]) -> None:
    """ "She will be in Tokyo on Monday and Seoul on Tuesday": a stated future presence."""
    if any(c.dep_ == "neg" for c in tok.children) or not (
        # its own future ("will be in"), not one a clause up lends it ("X, who is in Y")
        any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in tok.children)
        or (tok.dep_ == "xcomp" and ctx.is_future(tok))
    ):
        return
    places = _prep_places(ctx, tok, ("in",))
    if not places:
        return
    travellers = _travellers(ctx, tok)
    for who in travellers:
        _add(ctx, out, who, places, tok)
        _add_dated_more(ctx, out, who, tok, places)


def _add_dated_more(
    ctx: DocContext, out: list[_StopDraft], who: str, v: Token, places: list[Token]
) -> None:
    """ "in Tokyo on Monday and Seoul on Tuesday", "to Oslo on Monday and to Riga on
    Tuesday": the parser hangs the next place (or its preposition) on the first one's
    time; each place has the time that follows it."""
    preps = [c for c in v.children if c.dep_ == "prep" and c.i > places[0].i]
    more = [
        k
        for c in preps
        for p in c.children
        if p.dep_ == "pobj" and p.ent_type_ in ("DATE", "TIME")
        for k in p.conjuncts
        if _is_place(ctx, k)
    ] + [
        k
        for c in preps
        if any(p.dep_ == "pobj" and p.ent_type_ in ("DATE", "TIME") for p in c.children)
        for a in c.conjuncts
        if a.pos_ == "ADP"
        for k in a.children
        if k.dep_ == "pobj" and _is_place(ctx, k)
    ]
    for k in sorted(more, key=lambda t: t.i):
        if k not in places:
            _add(ctx, out, who, [k], v, _time_after(ctx, preps, k))


def _time_after(ctx: DocContext, preps: list[Token], place: Token) -> Span | None:
    """The time phrase that follows `place` ("Seoul on Tuesday"), if the next one is."""
    after = next((x for x in preps if x.i > place.i), None)
    obj = next((o for o in after.children if o.dep_ == "pobj"), None) if after else None
    if obj is None:
        return None
    when = ctx.doc[obj.i : obj.right_edge.i + 1]
    return when if any(t.ent_type_ in ("DATE", "TIME") for t in when) else None


def activity_abroad(ctx: DocContext, v: Token, out: list[_StopDraft]) -> None:
    if not (ctx.is_future(v) or v.lemma_ in _SCHEDULING):
        return
    if any(c.dep_ == "neg" for c in v.children):
        return  # "will not hold a news conference in London"
    places: list[Token] = []
    for c in v.children:
        if c.dep_ == "dobj":
            for t in (c, *c.conjuncts):
                places += _prep_places(ctx, t, ("in", "at"))
                if t.lower_ in _GATHERINGS or t.lower_ in MEETING_NOUNS:
                    # "attend the Venice summit", "chair the Abuja conference"
                    places += [
                        k
                        for k in t.children
                        if k.dep_ in ("compound", "nmod") and k.i < t.i and _is_place(ctx, k)
                    ]
                if t.lower_ in MEETING_NOUNS:
                    for k in t.children:
                        if k.dep_ == "prep" and k.lower_ == "of":
                            for p in k.children:
                                places += _prep_places(ctx, p, ("in", "at"))
    # "will launch his manifesto in Leeds": a launch is an event its maker attends
    if v.lemma_ in ("meet", "attend", "address", "hold", "launch"):
        places += _prep_places(ctx, v, ("in", "at"))
    places += _led_to(ctx, v)
    if not places:
        at_gathering(ctx, v, out)  # "will represent the G8 at the conference in Jakarta"
        return
    for who in _travellers(ctx, v):
        _add(ctx, out, who, places, v)


def at_gathering(ctx: DocContext, v: Token, out: list[_StopDraft]) -> None:
    """ "He is expected to present his report at an IMF meeting in Washington": a
    future act at a gathering held in a named place puts the actor there."""
    events = [
        p
        for c in v.children
        if c.dep_ == "prep" and c.lower_ in ("at", "to")
        for p in c.children
        if p.dep_ == "pobj" and p.lower_ in _GATHERINGS
    ]
    if not events or not ctx.is_future(v) or any(c.dep_ == "neg" for c in v.children):
        return
    places = [
        t
        for p in events
        if not ctx.is_called_off(p)
        # "at an IMF meeting in Washington", "at the conference called in Jakarta"
        for h in (p, *(c for c in p.children if c.dep_ == "acl" and c.tag_ in ("VBN", "VBG")))
        for t in _prep_places(ctx, h, ("in",))
    ]
    if not places:
        return
    when = ctx.time_words([v, *events])  # "at the summit in Davos on Wednesday"
    for who in _travellers(ctx, v):
        _add(ctx, out, who, places, v, when)


def taken_to(ctx: DocContext, v: Token, out: list[_StopDraft]) -> None:
    """ "a tour that will also take him to Seoul and Beijing", "the trip takes her to
    Lima on Monday": the journey carries its traveller, the object, to the places."""
    subj = ctx.subject_of(v)
    if subj is None or subj.lower_ not in TRAVEL_NOUNS or not _is_upcoming(ctx, v):
        return
    if any(c.dep_ == "neg" for c in v.children):
        return
    places = _prep_places(ctx, v, ("to",))
    for o in v.children:
        if o.dep_ == "dobj" and (who := ctx.party(o)) and ctx.persons.is_person(who):
            _add(ctx, out, who, places, v)


_MISREAD_MOTION = frozenset(["returns", "leaves", "heads", "travels", "flies", "goes"])
_ROLE_NOUNS = frozenset(["official", "minister", "envoy", "president", "premier", "secretary"])


_NEXT_STOP_NOUNS = frozenset(["stop", "destination", "port", "leg", "stopover"])


def next_stop_is(ctx: DocContext, be: Token, out: list[_StopDraft]) -> None:
    """ "Her next stop is Beijing", "His final destination will be Tokyo": the place the
    copula names is ahead of its owner."""
    subj = next((c for c in be.children if c.dep_ == "nsubj"), None)
    if (
        subj is None
        or subj.lemma_ not in _NEXT_STOP_NOUNS
        or any(c.dep_ == "neg" for c in be.children)
    ):
        return
    if not any(c.dep_ == "amod" and c.lower_ in ("next", "final", "last") for c in subj.children):
        return
    if any(c.dep_ == "aux" and c.tag_ == "VBD" for c in be.children) or be.tag_ == "VBD":
        return  # "his next stop was Riga": told after the fact
    owner = next((c for c in subj.children if c.dep_ == "poss"), None)
    who = ctx.party(owner) if owner is not None else None
    places = [p for c in be.children if c.dep_ == "attr" for p in _places(ctx, c)]
    if who and ctx.persons.is_person(who) and places:
        _add(ctx, out, who, places, be)


def misread_motion(ctx: DocContext, n: Token, out: list[_StopDraft]) -> None:
    """ "The FAO official returns to Rome on Thursday", which the parser reads as one
    noun phrase ("official returns"): a sentence with no verb but a motion word after a
    role noun, and a time that schedules it, is the official's trip."""
    if n.dep_ != "ROOT" or n.tag_ != "NNS" or n.i == 0:
        return
    role = n.doc[n.i - 1]
    named = ctx.persons.at(role)  # "Chancellor Angela Merkel heads to Beijing next week"
    if role.head != n or (role.lower_ not in _ROLE_NOUNS and named is None):
        return
    if any(t.pos_ in ("VERB", "AUX") for t in n.sent):
        return
    when = ctx.time_words([n])
    if when is None or any(t.lower_ in _NOT_SCHEDULED for t in when):
        return
    places = _prep_places(ctx, n, ("to", "for"))
    who = named or ctx.person_by_title(role) or ctx.persons.topic_before(n.sent.start)
    if who and places:
        _add(ctx, out, who, places, n, when)


def travel_noun(ctx: DocContext, n: Token, out: list[_StopDraft]) -> None:
    places = _prep_places(ctx, n, ("to", "in", "of"))
    owned = n.dep_ == "dobj" or (n.dep_ == "nsubj" and any(c.dep_ == "poss" for c in n.children))
    if not places and owned and n.head.lemma_ in _TOUR_ENDS:
        # "will begin his tour in Oslo", "his visit will end in Helsinki": the place hung
        # on the verb that opens or closes the trip (whose trip: "the tour begins in San
        # Diego" may be a band's)
        places = _prep_places(ctx, n.head, ("in",))
    if not places:
        # "his first trip as president to Japan": the destination hung on the aside
        places = [
            x
            for c in n.children
            if c.dep_ == "prep" and c.lower_ == "as"
            for p in c.children
            if p.dep_ == "pobj"
            for x in _prep_places(ctx, p, ("to",))
        ]
    if not places and n.dep_ == "dobj" and n.head.lemma_ in _LIGHT_VERBS:
        # "will make his first trip as president to Germany": the destination hung on the
        # verb that carries the trip
        places = _prep_places(ctx, n.head, ("to",))
    if not places and any(c.dep_ == "poss" for c in n.children):
        # "Shultz's Moscow visit next week": the place named in front of someone's trip
        places = [c for c in n.children if c.dep_ == "compound" and c.ent_type_ in _PLACE_LABELS]
    if not places or ctx.is_called_off(n):
        return
    gov = ctx.governing_verb(n)
    upcoming = any(c.lower_ in ("next", "upcoming", "forthcoming", "planned") for c in n.children)
    # The visit's own time first: "left yesterday ahead of her visit next week".
    if any(t.dep_ in ("relcl", "acl") and t.lemma_ in _DONE for t in n.subtree):
        return  # "a tour of Europe that he has just completed": over
    own = ctx.time_words([n], points=True)
    if own is not None and any(t.lower_ in PAST_TIME_WORDS for t in own):
        return  # "her visit to the Soviet Union last week": done, whatever the clause says
    # "will return to Santiago on Friday after stops in Lima and Quito": the stops come
    # first, and the day is the return's
    first = (
        gov is not None
        and n.dep_ == "pobj"
        and n.head.lower_ in ("after", "following")
        and n.head.head.i == gov.i
    )
    when = own or (ctx.time_words([gov], points=True) if gov is not None and not first else None)
    if gov is not None and not upcoming:
        upcoming = (
            (
                n.dep_ in ("nsubjpass", "nsubj")
                and gov.lemma_ in ("plan", "schedule", "expect")
                and gov.tag_ != "VBD"
            )
            or ctx.is_future(gov)
            or ctx.future_time(when)
            # "the trip, to be followed by a visit to Nicaragua": what is yet to follow
            or (
                gov.lemma_ == "follow"
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in gov.children)
            )
            # "his itinerary includes stops in Oslo and Riga": a plan laid out
            or (
                gov.lemma_ == "include"
                and (subj := ctx.subject_of(gov)) is not None
                and subj.lemma_ in _PLANS
            )
            # a scheduled present: "starts a week-long visit to Washington on Sunday"
            or (
                gov.lemma_ in ("start", "begin", "make", "pay")
                and gov.tag_ in ("VBZ", "VBP")
                and _scheduled(ctx, when)
            )
        )
    if not upcoming:
        return
    owner = next((c for c in n.children if c.dep_ == "poss"), None)
    if owner is not None:
        who = ctx.party(owner)
    else:
        # "X will pay a visit to Bonn": the one who pays it; else the person written about
        payers = _travellers(ctx, gov) if gov is not None and n.dep_ == "dobj" else []
        subj = ctx.subject_of(gov) if gov is not None else None
        # a group that pays the visit is not the person the text was about
        group = subj is not None and subj.i != n.i and subj.tag_ == "NNS"
        topic = None if group else ctx.persons.topic_before(n.i)
        who = payers[0] if payers else topic
    if who and ctx.persons.is_person(who):
        before = None
        if first and gov is not None:
            ahead = [p.i for p in _prep_places(ctx, gov, _MOTION_PREPS) if p.i < n.i]
            before = min(ahead) if ahead else None
        _add(ctx, out, who, places, n, when, before)


_LIGHT_VERBS = frozenset(["make", "pay", "undertake", "take"])
_TOUR_ENDS = frozenset(["begin", "start", "end", "finish", "conclude", "wrap", "open", "close"])
_PLANS = frozenset(["itinerary", "schedule", "programme", "program", "agenda"])
_DONE = frozenset(["complete", "finish", "end", "conclude", "wrap"])
_TAKE_PLACE = frozenset(["begin", "open", "start", "convene", "meet", "take", "hold"])
# Acts on an event done where it is held: "opened the forum in Brighton".
_OPEN_EVENT = frozenset(["open", "host", "chair", "convene", "close"])


def _venue(ctx: DocContext, mentions: list[Token]) -> str | None:
    """Where an event is held: "the Venice summit", "the conference in Jakarta", "a
    conference ... begins in Abuja", "will meet here" (the dateline's place)."""
    place = ctx.place_of(mentions)
    if place is not None:
        return place
    for m in mentions:
        verb = m if m.pos_ == "VERB" else m.head
        opened = m.dep_ == "dobj" and verb.lemma_ in _OPEN_EVENT  # "opened the forum in X"
        if (
            m.pos_ != "VERB"
            and not opened
            and (m.dep_ not in ("nsubj", "nsubjpass") or verb.lemma_ not in _TAKE_PLACE)
        ):
            continue
        if verb.lemma_ == "hold" and m.dep_ != "nsubjpass":
            continue  # "the summit holds ...", not "the summit is held in X"
        place = ctx.place_of([verb])
        if place is None and ctx.dateline and _here(ctx, verb):
            place = ctx.dateline
        if place is not None:
            return place
    return None


def frame_stops(ctx: DocContext, frames: Iterable[Frame], out: list[_StopDraft]) -> None:
    """ "next week's Venice summit" ... "Nakasone is due to attend the summit": who will
    attend an event held at a named place travels there (unless the reporter is there
    already: the dateline's place is no stop)."""
    for f in frames:
        when = ctx.time_words(f.mentions)
        for p in f.placed:
            if not p.planned or p.past or not ctx.persons.is_person(p.name):
                continue
            # the place told with this mention first ("the conference called in Jakarta")
            here = [m for m in f.mentions if m.sent.start == p.sent.start]
            place = _venue(ctx, here) or _venue(ctx, f.mentions)
            if place is None:
                continue
            out.append(_StopDraft(p.name, place, when, ctx.evidence(p.sent), p.sent.start))


def _companions(
    ctx: DocContext, accompanied: list[Token], drafts: list[_StopDraft]
) -> list[_StopDraft]:
    """ "A will visit Japan in May. He will be accompanied by B and C.": the people who
    will go with a traveller share the stops told before."""
    out: list[_StopDraft] = []
    for v in accompanied:
        if v.tag_ != "VBN" or v.dep_ not in ("ROOT", "ccomp", "conj"):
            continue
        if not any(c.dep_ == "auxpass" for c in v.children) or not ctx.is_future(v):
            continue
        subj = ctx.subject_of(v)
        who = ctx.party(subj) if subj is not None else None
        mine = [d for d in drafts if d.who == who and d.order < v.i]
        if not mine:
            continue
        for name in dict.fromkeys(n for a in ctx.agent_objects(v) for n in ctx.parties(a)):
            if ctx.persons.is_person(name) and name != who:
                out += [replace(d, who=name) for d in mine]
    return out


def extract_next_stops(ctx: DocContext, frames: Iterable[Frame] = ()) -> list[Itinerary]:
    drafts: list[_StopDraft] = []
    accompanied: list[Token] = []
    frame_stops(ctx, frames, drafts)
    for sent in ctx.sents:
        for tok in sent:
            if tok.lemma_ == "accompany":
                accompanied.append(tok)
            if tok.pos_ == "VERB" and (tok.lemma_ in VISIT_VERBS or tok.lemma_ in MOTION_VERBS):
                travel_verb(ctx, tok, drafts)
            elif tok.pos_ == "VERB" and tok.lemma_ in _ACTIVITY_VERBS:
                activity_abroad(ctx, tok, drafts)
            elif (tok.lower_ == "due" and tok.pos_ == "ADJ") or _expected_in(tok):
                due_in(ctx, tok, drafts)
                if tok.pos_ == "VERB":
                    at_gathering(ctx, tok, drafts)  # "are expected at the summit in Davos"
            elif tok.pos_ == "VERB":
                if tok.lemma_ == "take":
                    taken_to(ctx, tok, drafts)
                at_gathering(ctx, tok, drafts)  # also "will take questions at a summit in X"
            elif tok.lemma_ == "be" and tok.dep_ not in ("aux", "auxpass"):
                will_be_in(ctx, tok, drafts)
                next_stop_is(ctx, tok, drafts)
            elif tok.pos_ == "NOUN" and tok.lower_ in TRAVEL_NOUNS:
                travel_noun(ctx, tok, drafts)
            elif tok.pos_ == "NOUN" and tok.lower_ in _MISREAD_MOTION:
                misread_motion(ctx, tok, drafts)
    drafts += _companions(ctx, accompanied, drafts)
    by_who: dict[str, list[Stop]] = {}
    seen: dict[str, set[str]] = {}
    ordered = sorted(drafts, key=lambda d: d.order)
    for d in ordered:
        key = fold(d.place)
        if key in seen.setdefault(d.who, set()):
            continue
        seen[d.who].add(key)
        # the same stop told twice: the telling that says when ("attend the meeting in
        # London", then "is due to attend it on Friday")
        told = next(
            (
                x.when
                for x in ordered
                if x.when is not None and x.who == d.who and fold(x.place) == key
            ),
            None,
        )
        when = told.text if told is not None else None
        date = resolve(when, ctx.article.published, direction="future")
        by_who.setdefault(d.who, []).append(Stop(d.place, when, date, (d.evidence,)))
    return [Itinerary(who, tuple(stops)) for who, stops in by_who.items()]
