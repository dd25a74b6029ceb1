"""Meetings: who met whom, held or planned, where and when.

Rules (each a small function below):
- `meet_verb`: "A met B", "A will meet with B", "A and B met", "A talked with B",
  "A hosted/received/visited/phoned B", passives ("B was received by A").
- `meeting_noun`: "A held talks with B", "her meeting with B", "in a telephone
  conversation with B, A said", "a meeting between A and B", "chaired a meeting of
  the Commission"; "held separate meetings with B and C" gives one meeting per person.
- `signing`: two named people signing a deal together met (a signing ceremony).
Status is "planned" when the clause is about the future.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from ..models import Evidence, Meeting
from ..text import fold
from .context import (
    MEETING_IRREALIS_GOV,
    VAGUE,
    DocContext,
    alternatives,
    is_group_of_nations,
    is_media_outlet,
    split_subjects,
)
from .dates import resolve
from .frames import Frame
from .lexicon import (
    DEAL_NOUNS,
    GENERIC_PEOPLE,
    MEETING_NOUNS,
    MOTION_VERBS,
    PAST_TIME_WORDS,
    ROLE_HEADS,
    VISIT_VERBS,
    demonym_country,
    is_known_place,
)

__all__ = ["drop_own_sides", "extract_meetings"]

_VERBS = frozenset(
    [
        "shake",
        "greet",
        "meet",
        "talk",
        "speak",
        "confer",
        "negotiate",
        "host",
        "receive",
        "visit",
        "phone",
        "telephone",
        "call",
        "tell",
        "brief",
        "inform",
        "welcome",
        "see",
        "discuss",
        "explain",
        "exchange",
    ]
)
_PERSON_ONLY_OBJECT = frozenset(
    [
        "greet",
        "speak",
        "talk",
        "host",
        "receive",
        "visit",
        "phone",
        "telephone",
        "call",
        "tell",
        "brief",
        "inform",
        "welcome",
        "see",
    ]
)
_OBJECT_PREPS = {
    "meet": ("with",),
    "talk": ("with", "to"),
    "speak": ("with", "to"),
    "confer": ("with",),
    "negotiate": ("with",),
    "discuss": ("with",),  # "discussed the loan with B": the object is the topic
    "explain": ("to",),  # "will explain Brazil's actions to B": the object is the topic
    "exchange": ("with",),  # "exchanged views with B"
}
# What two sides exchange when they talk ("exchanged views"), not fire or prisoners.
_EXCHANGED_WORDS = frozenset(["view", "opinion", "idea", "greeting", "pleasantry", "thought"])
_DEMANDS = frozenset(
    ["complaint", "demand", "target", "requirement", "deadline", "need", "cost",
     "expectation", "criterion", "condition", "standard", "goal", "obligation", "payment"]
)  # fmt: skip

# Whom a speech is told to: "told party members", "told the conference".
_AUDIENCES = frozenset(
    ["supporter", "voter", "member", "delegate", "activist", "audience", "crowd", "conference",
     "rally", "student", "worker", "reporter", "journalist", "listener", "viewer", "reader"]
)  # fmt: skip


def _is_demand(tok: Token) -> bool:
    return tok.lemma_.lower() in _DEMANDS or tok.lower_.rstrip("s") in _DEMANDS


# Calls and words reach people one at a time: "phoned A and B" is two calls.
# Words passed to someone ("told B", "briefed B", "informed B"): a person speaking
# to a titled person; never an audience or an outlet.
_WORD_VERBS = frozenset(["tell", "brief", "inform", "explain"])
_ONE_BY_ONE = frozenset(["phone", "telephone", "call", *_WORD_VERBS])
_CLIQUE_VERBS = frozenset(["meet", "talk", "confer", "negotiate", "discuss", "exchange"])
_PHONE = frozenset(["phone", "telephone", "telephoned", "phoned", "call", "calls"])
_VIDEO_MEANS = frozenset(["link", "call", "conference", "videoconference", "teleconference"])


def _by_video(v: Token) -> bool:
    """ "spoke by video link", "talked via videoconference": a call, as by phone."""
    return any(
        c.dep_ in ("prep", "agent")  # "by" may be read as a passive's agent
        and c.lower_ in ("by", "via", "over", "in")
        and any(
            p.dep_ == "pobj"
            and p.lower_ in _VIDEO_MEANS
            and (p.lower_ != "link" or any(k.lower_ == "video" for k in p.children))
            and (p.lower_ != "call" or any(k.lower_ in ("video", "conference") for k in p.children))
            and (
                p.lower_ != "conference"
                or any(k.lower_ in ("video", "telephone", "phone") for k in p.children)
            )
            for p in c.children
        )
        for c in v.children
    )


_TELEPHONE = frozenset({"phone", "telephone"})
_EVENT_WORDS = frozenset(["summit", "conference", "talks", "meeting", "negotiations"])
_HOLD = frozenset(
    [
        "hold",
        "have",
        "chair",
        "host",
        "conduct",
        "convene",
        "attend",
        "begin",
        "resume",
        "open",
        # the talks' course: "A and B ended talks here", "concluded two days of talks"
        "end",
        "conclude",
        "complete",
        "continue",
    ]
)
# "had dinner with B": a meal with a named person is a meeting with that person.
_MEALS = frozenset(["lunch", "dinner", "breakfast", "luncheon", "banquet"])
_SAME_DAY = ("earlier", "later", "same day", "the day")


@dataclass
class _Draft:
    participants: list[str]
    status: str
    place: str | None
    when: Span | None
    sent: Span
    evidence: list[Evidence] = field(default_factory=list)
    untensed: bool = False  # from a participle ("the unions meeting Mr X want ...")


def _persons(ctx: DocContext, names: list[str]) -> list[str]:
    return [n for n in names if ctx.persons.is_person(n)]


def _notable(ctx: DocContext, name: str) -> bool:
    """A person with a title, or named more than once (not a mis-tagged place or show)."""
    if any(n == name for _, n, _ in ctx.titled):
        return True
    return sum(1 for m in ctx.persons.mentions if m.canonical == name) >= 2


def _scheduled_progressive(ctx: DocContext, a: Token, when: Span | None) -> bool:
    """ "A is meeting B on Friday", "are today meeting B": a present progressive with a
    time is an arrangement, not a report of what happened."""
    if a.tag_ != "VBG" or not any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in a.children):
        return False
    return _time_ahead(ctx, when or ctx.time_words([a]))


def _scheduled_present(ctx: DocContext, a: Token, when: Span | None) -> bool:
    """ "B arrives in London on Thursday for talks", "A meets B on Friday": a simple
    present with a time not before the article is a timetable."""
    # "Talks ... begin later on Wednesday": a plural present the tagger may read as a
    # bare base form; with a subject and no auxiliary it is still finite
    finite_base = (
        a.tag_ == "VB"
        and any(c.dep_ == "nsubj" for c in a.children)
        and not any(c.dep_ in ("aux", "auxpass") for c in a.children)
    )
    if (a.tag_ not in ("VBZ", "VBP") and not finite_base) or a.lemma_ in ("be", "have", "say"):
        return False
    return _time_ahead(ctx, when or ctx.time_words([a]))


def _time_ahead(ctx: DocContext, span: Span | None) -> bool:
    """A time said, not a past one, and not before the article's date."""
    if span is None or any(t.lower_ in PAST_TIME_WORDS for t in span):
        return False
    date = resolve(span.text, ctx.article.published, direction="future")
    published = ctx.article.published
    return not (date is not None and published is not None and date < published)


def _status(ctx: DocContext, anchors: list[Token], when: Span | None) -> str:
    if any(ctx.is_future(a) for a in anchors) or ctx.future_time(when):
        return "planned"
    if any(_scheduled_progressive(ctx, a, when) for a in anchors):
        return "planned"
    if any(_scheduled_present(ctx, x, when) for a in anchors for x in _with_purpose(a)):
        return "planned"  # "B arrives in London on Thursday for talks with A"
    if any(ctx.on_the_way(x) for a in anchors for x in _with_purpose(a)):
        return "planned"  # "is travelling to Oslo for talks with B", "... to meet B"
    return "held"


_TRIP_NOUNS = frozenset(["visit", "trip", "tour", "mission", "journey"])


def _with_purpose(a: Token) -> list[Token]:
    """`a`, and the verb it is the purpose of: "flies to X for talks", "travels to X to
    meet B" (not a verb it is merely under: "after A spoke with B, ... demonstrates")."""
    if a.dep_ == "pobj" and a.head.lower_ == "for" and a.head.head.pos_ == "VERB":
        return [a, a.head.head]
    if a.dep_ in ("xcomp", "advcl") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in a.children
    ):
        return [a, a.head]
    trip = a.head
    if (
        a.dep_ == "acl"
        and trip.lemma_ in _TRIP_NOUNS
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in a.children)
    ):
        if trip.dep_ == "pobj" and trip.head.head.pos_ in ("VERB", "AUX"):
            return [a, trip, trip.head.head]  # "arrived in Kabul on a visit to meet B"
        if trip.dep_ == "dobj":
            return [a, trip, trip.head]  # "made a visit to Kabul to meet B"
    return [a]


def _objects_of_prep(ctx: DocContext, tok: Token, preps: tuple[str, ...]) -> list[Token]:
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            found = [p for p in c.children if p.dep_ == "pobj"]
            out.extend(found or _dangling_object(ctx, c))
    return out


def _dangling_object(ctx: DocContext, prep: Token) -> list[Token]:
    """ "A's call to Ukrainian President B is ...": a preposition left with no object,
    B parsed as a second subject; the person named right after it (past title words)."""
    doc = prep.doc
    k = prep.i + 1
    while k < prep.sent.end and k - prep.i <= 5 and ctx.persons.at(doc[k]) is None:
        if doc[k].dep_ not in ("compound", "amod", "det"):
            return []
        k += 1
    if k >= prep.sent.end or ctx.persons.at(doc[k]) is None:
        return []
    name = ctx.persons.at(doc[k])
    while k + 1 < prep.sent.end and ctx.persons.at(doc[k + 1]) == name:
        k += 1
    if doc[k].dep_ in ("compound", "amod", "poss", "nmod"):
        return []  # "with the Hun Sen government": the name modifies what follows
    return [doc[k]]


def _emit(
    ctx: DocContext,
    drafts: list[_Draft],
    owners: list[str],
    others: list[list[str]],
    anchors: list[Token],
    sent: Span,
    objects: tuple[Token, ...] = (),
    destination: str | None = None,
) -> None:
    when = ctx.time_words(anchors, points=True)  # "during his two-day stay": how long, not when
    # "arrived in Kabul on Friday to meet B": the journey the meeting is the purpose of
    purpose_of = [x for a in anchors for x in _with_purpose(a)[1:]]
    # "will discuss X with B when they meet in Washington next week": the meeting's
    # own clause says where and when
    encounter = [
        c
        for a in anchors
        for c in a.children
        if c.dep_ == "advcl"
        and c.lemma_ in ("meet", "visit", "confer", "gather")
        and any(k.lower_ in ("when", "while") for k in c.children)
    ]
    if when is None and encounter:
        when = ctx.time_words(encounter, points=True)
    journey = [
        x
        for x in purpose_of
        if x.pos_ in ("VERB", "AUX")
        # "went on to sign a deal with B": what came next, not a journey for it
        and not any(c.dep_ == "prt" and c.lower_ == "on" for c in x.children)
    ]
    # the trip's own place, or where the verb goes: "a visit to Kabul", "fly to Kabul"
    went_to = [x for x in purpose_of if x.lemma_ in _TRIP_NOUNS or x.lemma_ in MOTION_VERBS] + [
        c for j in journey for c in j.children if c.dep_ == "dobj" and c.lemma_ in _TRIP_NOUNS
    ]  # "made a visit to Kabul to meet B"
    if when is None and journey:
        when = ctx.time_words(journey, points=True)
    status = _status(ctx, anchors, when)
    place = (
        ctx.place_of(anchors)
        # "talks with his counterpart B in Antalya": the phrase hung on the name
        # (a name before the one met is its side, not the venue: "the Mercosur commission")
        or ctx.place_of(
            (*objects, *(c for o in objects for c in o.children if c.dep_ == "appos")),
            named_before=False,
        )
        or ctx.purpose_place(anchors)
        or ctx.where_place(anchors)
        or ctx.trip_place(anchors)
        or ctx.here_place(anchors)
        or destination
        or ctx.place_of(journey)
        or ctx.trip_place(journey)
        or next((p for x in went_to if (p := ctx.to_place(x))), None)
        or ctx.place_of(encounter)
    )
    groups = [owners + o for o in others] if others else [owners]
    for group in groups:
        people = list(dict.fromkeys(group))
        if len(people) >= 2:
            drafts.append(_Draft(people, status, place, when, sent, [ctx.evidence(sent)]))


def _generic_side(ctx: DocContext, tok: Token) -> str | None:
    """ "met leaders in Baghdad" -> Baghdad; "Iraqi leaders" -> Iraq."""
    if tok.lower_ not in GENERIC_PEOPLE and tok.lemma_ not in GENERIC_PEOPLE:
        return None
    if any(c.dep_ == "amod" and c.lower_ in VAGUE for c in tok.children):
        return None  # "met multiple world leaders in New York": New York is no side
    side = ctx.nationality_of(tok)
    if side:
        return side
    gov = tok.head
    return ctx.place_of([tok, gov])


def _is_deal_noun(c: Token) -> bool:
    if c.lemma_ in DEAL_NOUNS or c.lower_ in DEAL_NOUNS:
        return True
    return any(
        k.lemma_ in DEAL_NOUNS
        for k in c.children
        if k.dep_ in ("compound", "appos") or (k.dep_ == "prep" and k.lower_ == "of")
    ) or any(
        p.lemma_ in DEAL_NOUNS
        for k in c.children
        if k.dep_ == "prep" and k.lower_ == "of"
        for p in k.children
    )


def _deal_partners(ctx: DocContext, n: Token) -> list[str]:
    """ "The contracts with Oman were sealed after talks ...": Oman took part."""
    gov = ctx.governing_verb(n)
    if gov is None:
        return []
    out: list[str] = []
    for c in gov.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.lemma_ in DEAL_NOUNS:
            for w in _objects_of_prep(ctx, c, ("with",)):
                out += ctx.parties(w)
    return out


def _side_names(ctx: DocContext, t: Token, *, allow_groups: bool) -> list[str]:
    listed = ctx.listed_people(t)
    if listed:
        return listed
    if ctx.others_with(t):
        return []
    if t.pos_ == "NOUN" and (t.lemma_ in ROLE_HEADS or t.lower_ in ROLE_HEADS):
        # "ministers of both countries": the countries are the sides, not the group
        # (or the office holders the text titles)
        sides = [ctx.office_holder(t, x) for x in ctx.sides_of(t)]
        if sides:
            return sides
    name = ctx.party(t, allow_groups=allow_groups) or ctx.role_person(t)
    if name:
        return [name]
    side = _generic_side(ctx, t)
    return [side] if side else []


def _negated(v: Token) -> bool:
    """ "did not meet", "has never spoken to", "had not negotiated with": no encounter
    ("not only met A but also B" still is one)."""
    for c in v.children:
        if c.dep_ == "neg" and c.lower_ in ("not", "n't", "never"):
            if c.i + 1 < len(v.doc) and v.doc[c.i + 1].lower_ == "only":
                continue
            return True
        if c.dep_ == "advmod" and c.lower_ == "never":
            return True
    # "there are no plans for A to meet B", "has no intention of meeting B"
    head = v.head.head if v.dep_ == "pcomp" and v.head.dep_ == "prep" else v.head
    return (
        v.dep_ in ("acl", "pcomp")
        and head.pos_ == "NOUN"
        and any(c.dep_ == "det" and c.lower_ == "no" for c in head.children)
    )


def unreal_encounter(ctx: DocContext, verb: Token) -> bool:
    """An encounter the clause of `verb` rules out (negated, denied, conditional,
    hoped-for, or only the bound of a maybe): the rules' modality, shared with the link
    model so that it adds no pair the rules reject on principle."""
    return _hypothetical(ctx, verb) or _negated(verb) or _denied(verb)


def _denied(v: Token) -> bool:
    """ "denied meeting B", "ruled out talks": an encounter said not to have been."""
    return DocContext.is_denied(v, reach=2)


def _hypothetical(ctx: DocContext, tok: Token) -> bool:
    """ "would be happy to meet", "whether to begin talks", "ready to negotiate"; "a
    summit that could happen before he has met B" (the meeting only bounds a maybe)."""
    if ctx.is_conditional(tok) or ctx.is_irrealis(tok, MEETING_IRREALIS_GOV):
        return True
    if ctx.door_shut_on(tok) is not None or (
        tok.lemma_ in ("slam", "close", "shut")
        and any(c.dep_ == "dobj" and c.lemma_ == "door" for c in tok.children)
    ):
        return True  # "slammed the door on (resuming) talks with B"
    if (
        tok.dep_ == "xcomp"
        and tok.head.lower_ == "going"
        and any(c.dep_ == "aux" and c.tag_ == "VBD" for c in tok.head.children)
    ):
        return True  # "was going to meet B (but ...)": a plan told as past, not a meeting
    if tok.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in ("before", "until") for c in tok.children
    ):
        head = tok.head
        return any(
            c.dep_ == "aux" and c.lower_ in ("could", "might", "may", "would")
            for c in head.children
        )
    return False


def _called_person(ctx: DocContext, v: Token) -> list[Token]:
    """ "Clinton called Trump to congratulate him", parsed as naming ("called him a
    liar"): a person named as the complement, with no object to be named, was phoned."""
    if any(c.dep_ == "auxpass" for c in v.children) or (v.dep_ == "acl" and v.tag_ == "VBN"):
        return []  # "was called to testify": summoned; "an Austrian called Adolf Hitler"
    objs = [c for c in v.children if c.dep_ == "dobj"]
    if objs:
        # "called Erdogan to discuss Syria": a named person and what the call was for
        named = [o for o in objs if ctx.persons.at(o)]
        naming = any(c.dep_ in ("oprd", "acomp") for c in v.children)
        return [] if naming else named
    # the person must be all that is named, and what follows a purpose ("to congratulate
    # him"): "called Trump a 'climate arsonist'" holds a second complement
    oprds = [c for c in v.children if c.dep_ == "oprd"]
    purpose = any(
        c.dep_ in ("xcomp", "advcl")
        and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in v.children
    )
    if len(oprds) != 1 or not purpose:
        return []
    return [o for o in oprds if ctx.persons.at(o)]


def _called_on(ctx: DocContext, v: Token) -> list[Token]:
    """ "A called on B at his office": a visit to B. Not "called on B to resign" or
    "called on B for restraint" (an appeal), nor with an object ("called a vote on")."""
    if any(
        c.dep_ in ("dobj", "xcomp", "ccomp", "oprd", "acomp")
        or (c.dep_ == "prep" and c.lower_ == "for")
        or (c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))
        for c in v.children
    ):
        return []
    return [p for p in _objects_of_prep(ctx, v, ("on",)) if ctx.persons.at(p)]


# How often, not when: "met frequently with B", "talk regularly" (habitual, GUIDE).
_HABITUAL = frozenset(
    ["frequently", "regularly", "often", "routinely", "repeatedly", "usually", "sometimes",
     "occasionally", "periodically", "habitually", "constantly"]
)  # fmt: skip


def _habitual(v: Token) -> bool:
    """ "met frequently with B", "used to meet B", "meets B every week" """
    if any(c.dep_ == "advmod" and c.lower_ in _HABITUAL for c in v.children):
        return True
    if v.dep_ == "xcomp" and v.head.lemma_ == "use" and v.head.tag_ == "VBD":
        return True
    return any(
        c.dep_ in ("npadvmod", "advmod") and any(k.lower_ in ("every", "each") for k in c.children)
        for c in v.children
    )


def meet_verb(ctx: DocContext, v: Token, drafts: list[_Draft]) -> None:
    lemma = v.lemma_
    if _hypothetical(ctx, v) or _negated(v) or _denied(v) or _habitual(v) or _indirect(v):
        return
    called_on = _called_on(ctx, v) if lemma == "call" else []
    if (
        lemma == "call"
        and not called_on
        and any(
            (c.dep_ in ("oprd", "xcomp", "ccomp", "acomp") and not _called_person(ctx, v))
            or (
                c.dep_ == "prep"
                and c.lower_ in ("on", "for")
                # "called B on Wednesday": a time, not "called on B to"
                and not all(p.ent_type_ in ("DATE", "TIME") for p in c.children if p.dep_ == "pobj")
            )
            for c in v.children
        )
    ):
        return
    if lemma in ("phone", "telephone", "call") and v.pos_ != "VERB":
        return
    if lemma == "exchange" and not any(
        c.dep_ == "dobj" and c.lemma_ in _EXCHANGED_WORDS for c in v.children
    ):
        return  # "exchanged fire", "exchanged prisoners": no talks
    if lemma == "welcome" and not any(
        c.dep_ == "prep" and c.lower_ in ("to", "at") for c in v.children
    ):
        return  # "welcomed Mr X to Oslo" is a visit; "welcomed the decision" is not
    if lemma == "meet" and any(
        _is_demand(c) or any(_is_demand(p) for p in _objects_of_prep(ctx, c, ("of",)))
        for c in v.children
        if c.dep_ == "dobj"
    ):
        # "meet the demands", "met its targets", "met many of the demands": satisfied,
        # not met with
        return
    if lemma == "see" and (
        v.pos_ != "VERB"
        or any(
            c.dep_ in ("ccomp", "xcomp", "oprd", "acomp", "dative")
            or (c.dep_ == "prep" and c.lower_ in ("as", "through"))
            or (c.dep_ == "prep" and any(p.lower_ in _MEDIA_WORDS for p in c.children))
            for c in v.children
        )
    ):
        return  # "A will see B" is a meeting; "saw B as a rival", "saw that ..." are not
    phone_ctx = ctx.sent_has(v, _PHONE) or _by_video(v)
    passive = any(c.dep_ == "auxpass" for c in v.children)
    subj_tok = ctx.subject_of(v)
    obj_toks: list[Token] = []
    placed_on: list[Token] = []
    if passive:
        agents = _objects_of_prep(ctx, v, ("by",)) + ctx.agent_objects(v)
        if not agents:
            return
        obj_toks = [subj_tok] if subj_tok is not None else []
        subj_tok = agents[0]
        # "was received by B (and C) in Oslo": the parser hangs the place on the agent
        placed_on = [agents[0], *agents[0].conjuncts]
    elif lemma == "shake":  # "A shook hands with B", "A and B shake hands"
        if not any(c.dep_ == "dobj" and c.lemma_ == "hand" for c in v.children):
            return
        obj_toks = _objects_of_prep(ctx, v, ("with",))
        if not obj_toks:
            owners = ctx.parties(subj_tok) if subj_tok is not None else []
            if len(_persons(ctx, owners)) >= 2:
                _emit(ctx, drafts, _persons(ctx, owners), [], [v], v.sent)
            return
    else:
        if lemma not in ("talk", "speak", "confer", "negotiate", "discuss", "explain", "exchange"):
            # "told B that ..." (B the object), "told B “...”" (B parsed as a dative)
            objs = ("dobj", "dative") if lemma == "tell" else ("dobj",)
            obj_toks = [c for c in v.children if c.dep_ in objs]
            if lemma == "call":
                obj_toks += [c for c in _called_person(ctx, v) if c.dep_ == "oprd"]
                obj_toks += called_on
            if lemma in _WORD_VERBS:
                # "told Labour supporters he's back": a speech to an audience, no meeting;
                # "told MSNBC Cummings was ...": an outlet the parser hung on the object
                obj_toks = [
                    o
                    for o in obj_toks
                    if o.lemma_ not in _AUDIENCES
                    and not any(
                        c.dep_ == "compound" and is_media_outlet(c.text) for c in o.children
                    )
                ]
        obj_toks += _objects_of_prep(ctx, v, _OBJECT_PREPS.get(lemma, ()))
        if lemma in ("discuss", "negotiate", "explain", "exchange") and not obj_toks:
            # "discussed the loan request with B", "explain Brazil's actions to B": the
            # preposition hung on the topic
            obj_toks += [
                p
                for c in v.children
                if c.dep_ == "dobj"
                for p in _objects_of_prep(ctx, c, _OBJECT_PREPS[lemma])
                if ctx.persons.at(p)
            ]
        if lemma in ("speak", "talk"):  # "spoke on the phone with B": "with" hung on "phone"
            obj_toks += [
                p
                for x in _objects_of_prep(ctx, v, ("on", "by", "over"))
                if x.lemma_ in _TELEPHONE
                for p in _objects_of_prep(ctx, x, ("with", "to"))
            ]
    if obj_toks:
        # "spoke to A, and the presidents of X and Y": the parser hangs the second object
        # on the verb as a verbless conjunct
        last = max(o.i for o in obj_toks)
        obj_toks += [
            c
            for c in v.children
            if c.dep_ == "conj"
            and c.pos_ in ("NOUN", "PROPN")
            and c.i > last
            and not any(k.dep_ in ("nsubj", "nsubjpass", "dobj") for k in c.children)
        ]
    if subj_tok is None:
        return
    if lemma in _WORD_VERBS and not (ctx.persons.at(subj_tok) or subj_tok.lower_ in ("he", "she")):
        return  # "the prime minister told X": too loose to resolve a title here
    owners = ctx.parties(subj_tok, allow_groups=True)
    if not owners:
        return
    person_only = lemma in _PERSON_ONLY_OBJECT and not (phone_ctx and lemma in ("speak", "talk"))
    others: list[list[str]] = []
    for o in obj_toks:
        mine: list[str] = []
        for t in ctx.coordinated(o):
            if ctx.is_group_anaphor(t) and not ctx.listed_people(t):
                continue
            if lemma == "call" and t.pos_ == "NOUN" and t.lemma_ not in ROLE_HEADS:
                continue  # "called the deal 'lousy'": a call is made to someone
            mine = []
            for name in _side_names(ctx, t, allow_groups=lemma == "meet"):
                if person_only and not (
                    _notable(ctx, name) or (phone_ctx and not _persons(ctx, [name]))
                ):
                    continue
                if (lemma in _WORD_VERBS or lemma in ("visit", "see")) and not (
                    any(n == name for _, n, _ in ctx.titled)
                    or (lemma == "visit" and " " in name and _notable(ctx, name))
                ):
                    # "visited Auschwitz" (tagged a person): visits need a titled host or
                    # one the article names in full more than once
                    continue
                mine.append(name)
            # "the party leaders, A, B and C", "the leaders of Egypt and Israel": met
            # together, one encounter
            plural_role = (
                t.tag_ == "NNS"
                and t.lemma_ in ROLE_HEADS
                and len(mine) >= 2
                and not ctx.listed_people(t)  # "leaders, including A and B": a sample
            )
            if (_whole_group(ctx, t) or plural_role) and not (phone_ctx or lemma in _ONE_BY_ONE):
                others.append(mine)  # "met the party leaders, A, B and C": one meeting
            else:
                others += [[name] for name in mine]
        # "met A - who leads the campaign - and B": the list goes on after the aside
        if mine and ctx.persons.is_person(mine[-1]):
            others += [[n] for n in ctx.list_tail(o) if [n] not in others]
    if not others:
        clique = lemma in _CLIQUE_VERBS or (lemma == "speak" and phone_ctx)
        if clique and len(owners) < 2 and any(t.dep_ == "cc" for t in subj_tok.subtree):
            # "US President A and Turkish President B spoke on the phone", misparsed as
            # one noun phrase: the people named in the coordinated subject.
            owners = _persons(ctx, _subject_names(ctx, subj_tok))
        if lemma == "discuss" and len(owners) != 2:
            return  # "A, B, C and D discuss X" is a panel; two who discuss X hold talks
        if (
            clique
            and len(owners) >= 2
            and not obj_toks
            # "Two sex workers, A and B, discussed their lives": private people talking
            and any(o in ctx.titles or not ctx.persons.is_person(o) for o in owners)
        ):
            _emit(ctx, drafts, owners, [], [v], v.sent)
        elif (
            lemma == "meet"
            and obj_toks
            and len(_persons(ctx, owners)) >= 2
            and not any(_apart(t) for t in v.sent)
        ):
            # "The three lawmakers, A, B and C, met the families": whoever they met, they
            # were there together
            _emit(ctx, drafts, _persons(ctx, owners), [], [v], v.sent)
        return
    before = len(drafts)
    if not (phone_ctx or lemma in _ONE_BY_ONE):
        others = _one_encounter(ctx, v, others)  # calls and words to two people are two
    # "welcomed B to Jeddah": the host's place, where they met
    welcomed_to = ctx.to_place(v) if lemma == "welcome" else None
    _emit(ctx, drafts, owners, others, [v], v.sent, (*obj_toks, *placed_on), welcomed_to)
    if v.tag_ == "VBG" and v.dep_ == "acl" and ctx.time_words([v]) is None:
        for d in drafts[before:]:
            d.untensed = True


_GATHER = frozenset(["gather", "convene", "assemble"])


def _subject_names(ctx: DocContext, subj: Token) -> list[str]:
    """Every coordinated or appositive name in a subject ("A and his counterparts, B and
    C"; "US President A and Turkish President B" parsed as one noun phrase), not names
    inside modifiers ("A's aides"). Alternatives ("EU or member state officials") are
    one subject, not several."""
    if alternatives(subj):
        return [n] if (n := ctx.party(subj)) else []
    heads = (
        [subj]
        + [t for t in subj.subtree if t.dep_ in ("conj", "appos") and t.head.dep_ != "poss"]
        # the first of two conjuncts parsed as a modifier ("Minister A and Energy Minister
        # B": A hangs on "Minister" with its "and")
        + [t for t in subj.subtree if t.dep_ == "nmod" and any(c.dep_ == "cc" for c in t.children)]
        + split_subjects(subj)
    )
    names = [n for t in heads if t.dep_ != "poss" and (n := ctx.party(t))]
    return list(dict.fromkeys(names))


def gather_verb(ctx: DocContext, v: Token, drafts: list[_Draft]) -> None:
    """ "A and his Greek and French counterparts, B and C, gathered in Cairo": the
    coordinated subjects met (one meeting). One subject ("delegates are gathering")
    or an object ("gathered support") is no meeting."""
    if _hypothetical(ctx, v) or any(c.dep_ in ("dobj", "auxpass") for c in v.children):
        return
    subj = ctx.subject_of(v)
    if subj is None or ctx.is_group_anaphor(subj):
        return
    sides = _subject_names(ctx, subj)
    people = _persons(ctx, sides)
    if len(people) >= 2:
        sides = people
    if len(sides) >= 2:
        _emit(ctx, drafts, sides, [], [v], v.sent)


_MEASURES = frozenset(["day", "week", "month", "hour", "round", "series", "session"])
_COMPANY = frozenset(["visit", "trip", "tour", "talks", "meeting", "launch", "mission"])
_CALL_NOUNS = frozenset(["call", "visit", "courtesy"])


def join_verb(ctx: DocContext, v: Token, drafts: list[_Draft]) -> None:
    """ "A is to join B in a visit to Sheffield" (A and B together); "A was joined at the
    launch by B and C" (all of them). Joining a body ("joined the EU") is no meeting."""
    if _hypothetical(ctx, v) or any(c.dep_ == "neg" for c in v.children):
        return
    passive = any(c.dep_ == "auxpass" for c in v.children)
    if passive:
        subj = ctx.subject_of(v)
        # "was joined by B", also "was joined at the launch by B" ("by" under "launch")
        bys = [c for c in v.children if c.dep_ == "agent"] + [
            k
            for c in v.children
            if c.dep_ == "prep"
            for p in c.children
            if p.dep_ == "pobj"
            for k in p.children
            if k.dep_ in ("prep", "agent") and k.lower_ == "by"
        ]
        agents = [p for c in bys for p in c.children if p.dep_ == "pobj"]
        owners = _persons(ctx, ctx.parties(subj)) if subj is not None else []
        others = [n for a in agents for n in _persons(ctx, ctx.parties(a))]
    else:
        objs = [c for c in v.children if c.dep_ == "dobj"]
        company = [
            p
            for c in v.children
            if c.dep_ == "prep" and c.lower_ in ("in", "on", "for", "at")
            for p in c.children
            if p.dep_ == "pobj" and p.lemma_ in _COMPANY
        ]
        if not objs or not company:
            return
        subj = ctx.subject_of(v)
        owners = _persons(ctx, ctx.parties(subj)) if subj is not None else []
        others = [n for o in objs for n in _persons(ctx, ctx.parties(o))]
    people = list(dict.fromkeys([*owners, *others]))
    if owners and others and len(people) >= 2:
        _emit(ctx, drafts, people, [], [v], v.sent)


def call_on(ctx: DocContext, n: Token, drafts: list[_Draft]) -> None:
    """ "A paid a call on B", "paid a courtesy call in Washington to B": a visit to a
    named person is a meeting with that person."""
    gov = n.head if n.dep_ == "dobj" else None
    if gov is None or gov.lemma_ != "pay" or _hypothetical(ctx, gov):
        return
    hosts = [
        p
        for h in (n, gov)
        for c in h.children
        if c.dep_ == "prep" and c.lower_ in ("on", "to")
        for p in c.children
        if p.dep_ == "pobj"
    ]
    others = [x for h in hosts for t in ctx.coordinated(h) for x in _persons(ctx, ctx.parties(t))]
    subj = ctx.subject_of(gov)
    owners = _persons(ctx, ctx.parties(subj)) if subj is not None else []
    if owners and others:
        _emit(ctx, drafts, owners, [[o] for o in others], [gov, n], n.sent)


def _attended_by(ctx: DocContext, n: Token, gov: Token | None) -> list[str]:
    """ "The meeting was attended by A, B and C": the agents attended. So in "A hosted
    the meeting, which was attended by B and C", with the host."""
    hosts: list[str] = []
    rel = next(
        (
            c
            for c in n.children
            if c.dep_ == "relcl"
            and c.lemma_ in ("attend", "join")
            and any(k.dep_ == "nsubjpass" and k.lower_ in ("which", "that") for k in c.children)
        ),
        None,
    )
    if rel is not None:
        if gov is not None and n.dep_ == "dobj" and gov.lemma_ in _HOST_VERBS:
            subj = ctx.subject_of(gov)
            hosts = _persons(ctx, ctx.parties(subj)) if subj is not None else []
        gov = rel
    elif gov is None or n.dep_ != "nsubjpass" or gov.lemma_ not in ("attend", "join"):
        return []
    agents = ctx.agent_objects(gov)
    if agents:  # ", and Syrian president C" hung on the verb as its conjunct
        agents += [c for c in gov.children if c.dep_ == "conj" and c.pos_ == "PROPN"]
    names = [x for a in agents for t in ctx.coordinated(a) for x in ctx.parties(t)]
    # Long lists of titled names are parsed every which way ("A and B, C and D, and E"
    # as compounds of one another): everyone named in the "by" phrase attended.
    names += [x for a in agents for x in _people_in(ctx, a)]
    return list(dict.fromkeys(hosts + names)) if names else []


def _dependent_name(t: Token, top: Token) -> bool:
    """A name inside a possessive or an "of" phrase under `top` ("the wife of B", "B's
    aide") is not one of the people listed."""
    while t.i != top.i and t.head.i != t.i:
        if t.dep_ == "poss" or (t.dep_ == "pobj" and t.head.lower_ == "of"):
            return True
        t = t.head
    return False


_HOST_VERBS = frozenset(["host", "chair", "organise", "organize", "convene"])


def hosted_event(ctx: DocContext, n: Token, drafts: list[_Draft]) -> bool:
    """ "At a conference hosted by A on Friday, B said ...": B was at A's event."""
    if n.dep_ != "pobj" or n.head.lower_ not in ("at", "during"):
        return False
    verb = n.head.head
    if verb.pos_ != "VERB":
        return False
    hosts = [
        x
        for t in n.subtree
        if t.dep_ == "acl" and t.lemma_ in _HOST_VERBS and t.tag_ == "VBN"
        for p in ctx.agent_objects(t)
        for x in _persons(ctx, ctx.parties(p))
    ]
    subj = ctx.subject_of(verb)
    guests = _persons(ctx, ctx.parties(subj)) if subj is not None else []
    people = list(dict.fromkeys(hosts + guests))
    if not hosts or len(people) < 2 or (subj is not None and ctx.in_quote[subj.i]):
        return False
    _emit(ctx, drafts, people, [], [verb, n], n.sent, (n,))
    return True


# Verbs that report a meeting's own course: "the X-Y talks were held / ended / resume".
_COURSE = _HOLD | frozenset(
    ["end", "start", "conclude", "close", "continue", "take", "break", "collapse", "stall"]
)


def _course_verb(n: Token, gov: Token | None) -> bool:
    """The meeting noun is the subject or object of a verb telling its course, not a
    mention in passing ("the announcement of the X-Y summit", "thought given to ...")."""
    return gov is not None and n.dep_ in ("nsubj", "nsubjpass", "dobj") and gov.lemma_ in _COURSE


def _hyphened_sides(ctx: DocContext, n: Token) -> list[str]:
    """ "the Dahl-Lind summit", "US-Russia talks": two sides joined by a hyphen in the
    modifier of a meeting noun met each other."""
    if n.lower_ in _MEALS or n.lower_ in ("call", "calls", "debate", "debates"):
        return []
    left = [
        t
        for t in ctx.doc[n.left_edge.i : n.i]
        if t.dep_ not in ("det", "nummod") and (t.dep_ != "amod" or t.ent_type_ == "NORP")
    ]
    if not any(t.text in ("-", "–") for t in left):
        return []
    names: list[str] = []
    for t in left:
        if t.text in ("-", "–") or t.is_punct:
            continue
        name = ctx.persons.at(t) or (
            ctx.party(t) if t.ent_type_ in ("GPE", "ORG", "NORP") else None
        )
        if name is None:
            if t.dep_ == "compound" and t.pos_ == "PROPN":
                return []  # a name we cannot resolve: do not guess the sides
            continue
        if name not in names:
            names.append(name)
    return names if len(names) >= 2 else []


def _people_in(ctx: DocContext, top: Token) -> list[str]:
    """People named anywhere under `top`, not inside an "of" or possessive phrase."""
    return [
        x
        for t in top.subtree
        if (x := ctx.persons.at(t)) is not None and not _dependent_name(t, top)
    ]


def joint_appearance(ctx: DocContext, n: Token, drafts: list[_Draft]) -> bool:
    """ "At a joint news conference alongside B, A said": appearing together, they met.
    ("A and B held a joint news conference" is read with the other joint events, in
    frames.together_meetings.)"""
    if not any(c.dep_ == "amod" and c.lower_ == "joint" for c in n.children):
        return False
    gov = ctx.governing_verb(n)
    if gov is None or n.dep_ != "pobj" or _hypothetical(ctx, gov):
        return True
    others = [
        x
        for c in n.children
        if c.dep_ == "prep" and c.lower_ in ("alongside", "with")
        for x in _people_in(ctx, c)
    ]
    subj = ctx.subject_of(gov)
    if others and subj is not None and not ctx.in_quote[subj.i]:
        people = list(dict.fromkeys([*_persons(ctx, ctx.parties(subj)), *others]))
        if len(people) >= 2:
            _emit(ctx, drafts, people, [], [gov, n], n.sent)
    return True


def _envoy_side(ctx: DocContext, t: Token) -> list[str]:
    """ "the Chilean ambassador", unnamed: the country sent for (one envoy, not a group)."""
    side = ctx.nationality_of(t) if t.tag_ == "NN" else None
    return [side] if side else []


def summon_verb(ctx: DocContext, v: Token, drafts: list[_Draft]) -> None:
    """ "B was summoned to the Foreign Ministry", "A summoned the Chilean ambassador":
    an envoy called in meets whoever summoned them."""
    if _hypothetical(ctx, v) or any(c.dep_ == "neg" for c in v.children):
        return
    subj = ctx.subject_of(v)
    if subj is None or ctx.in_quote[subj.i]:
        return
    if any(c.dep_ == "auxpass" for c in v.children):
        summoned = _side_names(ctx, subj, allow_groups=False)
        hosts = [
            x
            for t in _objects_of_prep(ctx, v, ("to",)) + _objects_of_prep(ctx, v, ("by",))
            for x in ctx.parties(t, allow_groups=True)
        ]
    else:
        hosts = ctx.parties(subj)
        summoned = [
            x
            for c in v.children
            if c.dep_ == "dobj"
            for t in ctx.coordinated(c)
            # "the Chilean ambassador", unnamed: the country sent for
            for x in (_side_names(ctx, t, allow_groups=False) or _envoy_side(ctx, t))
        ]
    if hosts and summoned:
        _emit(ctx, drafts, hosts, [[s] for s in summoned if s not in hosts], [v], v.sent)


_AUTHORITIES = frozenset(["government", "governments", "authorities", "officials", "leaders"])


def _unplaced_authorities(ctx: DocContext, t: Token) -> bool:
    """ "governments", "officials" with nothing to say whose."""
    return (
        t.lower_ in _AUTHORITIES
        and ctx.nationality_of(t) is None
        and not any(c.dep_ in ("poss", "prep", "compound", "amod") for c in t.children)
    )


def _visited(ctx: DocContext, n: Token) -> list[str]:
    """The places of "visit A, B and C for talks" when `n` is those talks."""
    if n.dep_ != "pobj" or n.head.lower_ != "for":
        return []
    v = n.head.head
    if v.lemma_ not in ("visit", "tour"):
        return []
    return [
        name
        for c in v.children
        if c.dep_ == "dobj"
        for t in (c, *c.conjuncts)
        if t.ent_type_ == "GPE" and (name := ctx.entity_text(t))
    ]


# Talks through go-betweens: the sides never met ("indirect negotiations with B",
# "proximity talks", "negotiated indirectly").
_INDIRECT = frozenset(["indirect", "indirectly", "proximity"])


def _indirect(tok: Token) -> bool:
    return any(
        c.dep_ in ("amod", "compound", "advmod") and c.lower_ in _INDIRECT for c in tok.children
    )


def meeting_noun(ctx: DocContext, n: Token, drafts: list[_Draft]) -> None:
    if _indirect(n):
        return
    before = len(drafts)
    if not _held_in_relative(ctx, n, drafts):
        _meeting_noun(ctx, n, drafts)
    gov = ctx.governing_verb(n)
    if gov is not None and _hypothetical(ctx, gov):
        # "a deal could emerge from A's talks with B": what the talks bring is awaited,
        # so the talks are ahead unless a time says otherwise
        for d in drafts[before:]:
            if d.when is None:
                d.status = "planned"
    if gov is not None and n.dep_ == "pobj" and n.head.lower_ == "for" and n.head.head.i == gov.i:
        # "will travel to Paris on Friday for talks with B", "is due in Paris for talks":
        # the talks are where and when the journey ends
        for d in drafts[before:]:
            d.when = d.when or ctx.time_words([gov])
            d.place = d.place or _destination(ctx, gov)
    for trip in _when_visiting(gov):
        # "will hold talks with B when he visits Oslo next week": then and there
        for d in drafts[before:]:
            d.when = d.when or ctx.time_words([trip])
            d.place = d.place or _destination(ctx, trip)


def _held_in_relative(ctx: DocContext, n: Token, drafts: list[_Draft]) -> bool:
    """ "the talks A held with B on Monday", "a phone conversation I had yesterday with
    B": the relative clause says who met whom (the parser hangs the "with" on either)."""
    rel = next((c for c in n.children if c.dep_ == "relcl" and c.lemma_ in ("hold", "have")), None)
    subj = ctx.subject_of(rel) if rel is not None else None
    if rel is None or subj is None or subj.i > rel.i:
        return False
    withs = _objects_of_prep(ctx, rel, ("with",)) or _objects_of_prep(ctx, n, ("with",))
    if not withs:
        return False
    if _negated(rel) or _hypothetical(ctx, rel):
        return True
    owners = _side_names(ctx, subj, allow_groups=True)
    others = [
        [name]
        for o in withs
        for t in ctx.coordinated(o)
        for name in _side_names(ctx, t, allow_groups=True)
    ]
    if not owners or not others:
        return False
    _emit(ctx, drafts, owners, others, [rel, n], n.sent)
    return True


def _when_visiting(gov: Token | None) -> list[Token]:
    """A "when he visits X" clause on the verb of an event: the trip it happens on."""
    if gov is None:
        return []
    return [
        c
        for c in gov.children
        if c.dep_ == "advcl"
        and (c.lemma_ in VISIT_VERBS or c.lemma_ in MOTION_VERBS)
        and any(k.dep_ == "advmod" and k.lower_ == "when" for k in c.children)
    ]


# Verbs that ask for an event: what they take as object has not happened.
_PROPOSE = frozenset(["urge", "propose", "seek", "demand", "suggest", "request", "want", "offer"])
# ... and those that ask for it through "for": "called for talks", "pressed for a summit".
_ASK_FOR = frozenset(["call", "press", "push", "appeal", "ask", "clamour", "lobby"])


_STRIVE = frozenset(["aim", "seek", "try", "attempt", "effort", "bid", "strive", "work"])
_BRING_ABOUT = frozenset(
    ["start", "begin", "open", "hold", "arrange", "launch", "resume", "reopen"]
)


def _striven_for(gov: Token) -> bool:
    """ "efforts aimed at starting talks", "a bid to start talks", "trying to arrange a
    meeting": the verb that would bring the talks about is itself only aimed at."""
    head = gov.head
    if gov.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in ("at", "towards"):
        head = head.head  # "aimed at starting"
    elif gov.dep_ not in ("xcomp", "acl", "advcl"):
        return False
    return head.lemma_ in _STRIVE and gov.lemma_ in _BRING_ABOUT


def _proposed(n: Token, gov: Token) -> bool:
    if n.head.i == gov.i and n.dep_ == "dobj":
        return gov.lemma_ in _PROPOSE
    return (
        n.dep_ == "pobj"
        and n.head.lower_ == "for"
        and n.head.head.i == gov.i
        and gov.lemma_ in _ASK_FOR
    )


def _destination(ctx: DocContext, v: Token) -> str | None:
    """Where a journey ends: "travel to Paris", "leaves for Paris", "is due in Paris",
    "a visit to Ireland"."""
    hosts = [v, *(c for c in v.children if c.dep_ == "acomp")]
    ends = [p for h in hosts for p in _objects_of_prep(ctx, h, ("to", "for", "in"))]
    if v.lemma_ in VISIT_VERBS:  # "when he visits Oslo"
        ends += [c for c in v.children if c.dep_ == "dobj" and not c.conjuncts]  # one place
    return next(
        (
            ctx.entity_text(p) or p.text
            for p in ends
            if p.ent_type_ in ("GPE", "LOC") or is_known_place(p.text)
        ),
        None,
    )


_SPEECHES = frozenset(["address", "speech", "statement", "testimony", "remarks", "lecture"])


def _spoken_before(n: Token, gov: Token | None) -> bool:
    """ "delivered his State of the Union address before a joint session of Congress",
    "testified before a session of the committee": a speech or hearing before a
    gathering is no meeting (the GUIDE)."""
    if gov is None or n.dep_ != "pobj" or n.head.lower_ != "before" or n.head.head != gov:
        return False
    if gov.lemma_ in ("testify", "appear"):
        return True
    return any(t.lemma_ in _SPEECHES for c in gov.children if c.dep_ == "dobj" for t in c.subtree)


def _as_a_time(n: Token) -> bool:
    """ "intervened two days before a meeting of the council", "spoke ahead of the
    summit": the event dates the act; it does not place the actor there."""
    if n.dep_ != "pobj":
        return False
    p = n.head
    if p.lower_ in ("before", "after", "since", "until", "following"):
        return True
    return p.lower_ in ("of", "to") and p.head.lower_ in ("ahead", "prior")


# Nouns that make the event they name a speculation: "talk of an early summit", "the
# prospect of talks", "speculation about a meeting" (GUIDE: speculative meetings are not).
_SPECULATION = frozenset(
    ["talk", "speculation", "prospect", "possibility", "chance", "idea", "rumour", "rumor"]
)


def _speculated(n: Token) -> bool:
    return (
        n.dep_ == "pobj"
        and n.head.lower_ in ("of", "about", "over")
        # (a headline-cased "Talk" is a proper noun, its lemma capitalised)
        and (n.head.head.lemma_ in _SPECULATION or n.head.head.lower_ in _SPECULATION)
    )


def _meeting_noun(ctx: DocContext, n: Token, drafts: list[_Draft]) -> None:
    low = n.lower_
    if _speculated(n):
        return
    if _spoken_before(n, ctx.governing_verb(n)):
        return
    if _as_a_time(n) and not _objects_of_prep(ctx, n, ("between", "among", "with")):
        # "A intervened before a meeting of the council": the event dates A's act and
        # does not place A there; a meeting of two sides still stands ("after a meeting
        # of the foreign ministers of both countries")
        own = {
            x
            for o in _objects_of_prep(ctx, n, ("of",))
            for t in ctx.coordinated(o)
            for x in ctx.parties(t, allow_groups=True)
        }
        if len(own) < 2:
            return
    if low in ("conference", "briefing") and joint_appearance(ctx, n, drafts):
        return
    # "held two days of talks", "began a new round of talks": the talks are the object.
    measure = n.head.head if n.dep_ == "pobj" and n.head.lower_ == "of" else None
    as_object = n.dep_ == "dobj" or (
        measure is not None and measure.dep_ == "dobj" and measure.lemma_ in _MEASURES
    )
    gov0 = ctx.governing_verb(n)
    # "a deal could emerge from A's talks with B": talks named as someone's are taken
    # as given, whatever the clause around them supposes
    presupposed = n.dep_ == "pobj" and any(c.dep_ == "poss" for c in n.children)
    if gov0 is not None and _hypothetical(ctx, gov0) and not presupposed:
        return
    if gov0 is not None and (_proposed(n, gov0) or _striven_for(gov0)):
        # "called for talks with B", "urged a meeting with B", "efforts aimed at starting
        # discussions between A and B": asked or worked for, not held
        return
    if any(c.dep_ == "det" and c.lower_ == "no" for c in n.children):
        return  # "held no talks with B", "there was no meeting between A and B"
    if (
        gov0 is not None
        and (_negated(gov0) or _denied(gov0))
        and (as_object or n.dep_ == "nsubjpass" or (n.dep_ == "pobj" and n.head.head.i == gov0.i))
    ):
        return  # "did not hold talks with B", "talks were not held"; not "the talks did not
        # produce a deal", which were held
    hosts = [*n.subtree] + ([gov0] if gov0 is not None else [])
    if ctx.is_called_off(n) or any(
        ctx.is_called_off(p) for h in hosts for p in _objects_of_prep(ctx, h, ("during",))
    ):
        return  # "a meeting during the trip, which was cancelled"
    gov1 = ctx.governing_verb(n)
    hyphened = _hyphened_sides(ctx, n) if _course_verb(n, gov1) else []
    if hyphened:
        anchors1 = [n] + (
            [gov1] if gov1 is not None and (as_object or n.dep_ in ("nsubjpass", "nsubj")) else []
        )
        _emit(ctx, drafts, hyphened, [], anchors1, n.sent)
        return
    between = _objects_of_prep(ctx, n, ("between", "among"))
    # "a video call", "a video conference": a call or meeting at a distance
    video = low in _VIDEO_MEETINGS or any(
        c.dep_ in ("compound", "amod") and c.lower_ in ("video", "virtual") for c in n.children
    )
    if low in ("call", "calls") and not between and not video and not ctx.sent_has(n, _TELEPHONE):
        # "A's call with B" between two named people is a phone call; a bare "call"
        # ("a call for reform", "the call with markets") is not.
        owner = next((c for c in n.children if c.dep_ == "poss"), None)
        callee = _objects_of_prep(ctx, n, ("with",))
        # "In a call with B on Monday, A said": the call frames what the subject said
        framing = n.dep_ == "pobj" and n.head.lower_ in ("in", "during") and n.head.i < n.i
        # "A received (took, returned) a call from B": a call to take is a phone call
        callers = _objects_of_prep(ctx, n, ("from",))
        taken = (
            n.dep_ == "dobj"
            and n.head.lemma_ in ("receive", "take", "get", "return")
            and any(ctx.persons.at(c) for c in callers)
            # "a call from B for calm", "a call from B to resign": an appeal
            and not any(
                c.dep_ == "acl" or (c.dep_ == "prep" and c.lower_ == "for")
                for h in (n, n.head, *callers)
                for c in h.children
            )
        )
        # "A's call to B", "a call made by A to B": a call placed to a person (not "a
        # call to B for calm", "a call to B to resign": appeals)
        placed = [a for a in n.children if a.dep_ == "acl" and a.lemma_ in ("make", "place")]
        dialled = _objects_of_prep(ctx, n, ("to",)) + [
            p for a in placed for p in _objects_of_prep(ctx, a, ("to",))
        ]
        caller = owner or next((p for a in placed for p in ctx.agent_objects(a)), None)
        appeal = any(
            (c.dep_ == "prep" and c.lower_ == "for") or c.dep_ in ("xcomp", "relcl")
            for h in (n, *dialled)
            for c in h.children
        ) or any(c.dep_ == "acl" and c.lemma_ not in ("make", "place") for c in n.children)
        to_person = (
            caller is not None
            and ctx.persons.at(caller)
            and any(ctx.persons.at(c) for c in dialled)
            and not appeal
        )
        if (
            not taken
            and not to_person
            and not (
                ((owner is not None and ctx.persons.at(owner)) or framing)
                and any(ctx.persons.at(c) for c in callee)
            )
        ):
            return
    gov = ctx.governing_verb(n)
    if (
        gov is not None
        and as_object
        and gov.dep_ == "xcomp"
        and gov.head.lemma_ in ("agree", "decide", "pledge", "promise", "commit")
    ):
        # "A and B agreed to hold talks on X": talks announced between them, still ahead
        # (and the agreement's content, which the agreement rules report)
        decider = gov.head
        if _hypothetical(ctx, decider) or any(c.dep_ == "neg" for c in decider.children):
            return
        subj = ctx.subject_of(decider)
        sides = _subject_names(ctx, subj) if subj is not None else []
        # "A agreed to hold talks with B": the partner hangs on the talks or the verb
        withs = [*_objects_of_prep(ctx, decider, ("with",)), *_objects_of_prep(ctx, n, ("with",))]
        withs += _objects_of_prep(ctx, gov, ("with",))
        sides += [x for w in withs for x in ctx.parties(w)]
        sides = list(dict.fromkeys(sides))
        if len(sides) >= 2:
            when = ctx.time_words([gov, n])
            place = ctx.place_of([gov, n])
            drafts.append(_Draft(sides, "planned", place, when, n.sent, [ctx.evidence(n.sent)]))
        return
    # The verb the event is subject of tells its time too: "the debate between A and B
    # would be virtual" is ahead.
    subject = gov is not None and n.dep_ == "nsubj" and n.head.i == gov.i
    anchors = [n] + (
        [gov] if gov is not None and (as_object or subject or n.dep_ == "nsubjpass") else []
    )
    if not between and gov is not None and n.head.i == gov.i and n.dep_ in ("nsubj", "nsubjpass"):
        # "Talks were held between A and B", "talks have been under way between A and B"
        between = _objects_of_prep(ctx, gov, ("between", "among"))
        if between and gov not in anchors:
            anchors.append(gov)
    attendees = _attended_by(ctx, n, gov)
    if len(attendees) >= 2:
        _emit(ctx, drafts, attendees, [], anchors, n.sent)
        return
    debate = low in ("debate", "debates")
    if debate and not between and not _objects_of_prep(ctx, n, ("against",)):
        return
    if between:
        names: list[str] = []
        for b in between:
            names += [x for t in ctx.coordinated(b) for x in ctx.parties(t, allow_groups=True)]
            if len(between) == 1 and len(names) == 1:
                names += _interrupted_partner(ctx, b)
        names += _deal_partners(ctx, n)
        names = list(dict.fromkeys(names))
        if len(names) >= 2:
            _emit(ctx, drafts, names, [], anchors, n.sent)
        return
    # "a debate against B": B is the other side, like "talks with B".
    withs = _objects_of_prep(ctx, n, ("with", "against") if debate else ("with",))
    if low in _MEALS:  # "hosted a dinner for B", "a banquet in honour of B": the guest
        # the parser hangs "for B" (as a dative) and "in honour of B" on the verb as often
        givers = [n] + ([gov] if gov is not None and n.dep_ == "dobj" else [])
        guests = [
            p
            for h in givers
            for c in h.children
            if c.dep_ in ("prep", "dative") and c.lower_ == "for"
            for p in c.children
            if p.dep_ == "pobj"
        ] + [
            g
            for h in givers
            for x in _objects_of_prep(ctx, h, ("in",))
            if x.lemma_ in ("honour", "honor")
            for g in _objects_of_prep(ctx, x, ("of",))
        ]
        withs += [p for p in guests if ctx.persons.at(p)]
    if low in ("call", "calls"):  # "received a phone call from B"
        withs += _objects_of_prep(ctx, n, ("from",))
        # "A's call to B", "a phone call made by A to B"
        made = [a for a in n.children if a.dep_ == "acl" and a.lemma_ in ("make", "place")]
        withs += [
            p
            for p in _objects_of_prep(ctx, n, ("to",))
            + [q for a in made for q in _objects_of_prep(ctx, a, ("to",))]
            if ctx.persons.at(p)
        ]
    if as_object and gov is not None:
        withs += _objects_of_prep(ctx, gov, ("with",))
    if (
        not withs
        and n.dep_ == "pobj"
        and n.head.lower_ in ("during", "at", "in")
        # not "attacked B at a news conference"; "urged B in a phone call" is one
        and (low in ("meeting", "talks") or (low in ("call", "conversation") and _phoned(n)))
        and not _has_of(n)  # "a meeting of the board" was not theirs alone
        and gov is not None
        and gov.lemma_ not in _HOLD
        and not ctx.is_future(gov)
    ):
        # "A asked B, during a meeting on Monday, to ...": the person addressed is the
        # other side of the meeting the clause happened in ("In a phone call, A urged B").
        withs += [
            c
            for c in gov.children
            if c.dep_ in ("dobj", "dative")
            and ctx.persons.at(c)
            and (c.i < n.i or n.head.i < gov.i)
        ]
        if any(c.dep_ == "auxpass" for c in gov.children):
            # "In a meeting that day he was told by Minister B": who told the subject
            withs += [p for p in ctx.agent_objects(gov) if ctx.persons.at(p)]
    ofs = _objects_of_prep(ctx, n, ("of",)) if low in ("meeting", "session") else []
    if gov is not None and gov.lemma_ in ("attend", "join"):
        # "will attend a meeting of the Group of 24": a member at its group's meeting
        ofs = [o for o in ofs if not is_group_of_nations(o)]
    owner_tok = next((c for c in n.children if c.dep_ == "poss"), None)
    if owner_tok is None and low in ("call", "calls"):
        # "a phone call made by A to B": the caller
        owner_tok = next(
            (
                p
                for a in n.children
                if a.dep_ == "acl" and a.lemma_ in ("make", "place")
                for p in ctx.agent_objects(a)
            ),
            None,
        )
    if owner_tok is None:
        # "the Armacost discussions with B": a person's name in front owns the talks
        owner_tok = next(
            (c for c in n.children if c.dep_ == "compound" and ctx.persons.at(c)), None
        )
    if owner_tok is None and n.dep_ not in ("nsubj", "nsubjpass"):
        owner_tok = ctx.subject_of(gov) if gov is not None else None
    elif owner_tok is not None and owner_tok.lower_ == "its" and gov is not None and as_object:
        # "Deutsche Boerse held its third meeting with the LSE": the body of the clause
        owner_tok = ctx.subject_of(gov) or owner_tok
    root = n.sent.root
    if owner_tok is None and root.pos_ == "PROPN" and ctx.persons.at(root):
        # A caption with no verb: "A and B, following a meeting with C, Sept. 3."
        owner_tok = root
    together = owner_tok is not None and owner_tok.lower_ == "their"
    if together:
        # "A and B arrive for their meeting": the clause's coordinated subject met.
        subj = ctx.subject_of(gov) if gov is not None else None
        owners = ctx.parties(subj) if subj is not None else []
        if not owners and gov is not None and gov.dep_ == "acl":
            # "A's invitation to B, made at their first summit": the two the noun
            # the participle hangs on links
            owners = [
                x
                for t in (
                    *(c for c in gov.head.children if c.dep_ == "poss"),
                    *_objects_of_prep(ctx, gov.head, ("to", "with", "from")),
                )
                for x in ctx.parties(t)
            ]
    else:
        owners = ctx.parties(owner_tok, allow_groups=True) if owner_tok is not None else []
    if not owners and gov is not None and any(c.dep_ == "auxpass" for c in gov.children):
        # "the accord was signed by A after talks with B": the doer is the agent
        owners = [
            x
            for p in ctx.agent_objects(gov)
            for t in ctx.coordinated(p)
            for x in ctx.parties(t, allow_groups=True)
        ]
    joint = any(c.lower_ == "joint" for c in n.children)
    if as_object and gov is not None and gov.lemma_ not in _HOLD and not withs:
        return
    # Calls reach people one at a time: "calls with A and B" are two.
    calls = low in ("call", "calls") or ctx.sent_has(n, _TELEPHONE)
    others: list[list[str]] = []
    for w in withs + ofs:
        for t in ctx.coordinated(w):
            if _unplaced_authorities(ctx, t):
                # "will visit Britain and France for discussions with governments": the
                # governments of the places visited, each met on its own
                others += [[p] for p in _visited(ctx, n)]
                continue
            names = _side_names(ctx, t, allow_groups=True)
            if names and _whole_group(ctx, t) and not calls:
                others.append(names)  # "talks with the two leaders, A and B"
            else:
                others += [[name] for name in names]
    if (
        low.startswith("conference")
        and not (joint or video)
        and not _persons(ctx, [x[0] for x in others])
    ):
        return
    if low in _MEALS and not (others and all(_persons(ctx, x) for x in others)):
        return  # "a dinner with business leaders", "a working lunch": no named guest
    if not owners:
        # "a meeting of A and B": A and B met. "talks with A and B" with the host
        # unnamed: each met the host, not each other.
        members = [
            name
            for w in ofs
            for t in ctx.coordinated(w)
            for name in _side_names(ctx, t, allow_groups=True)
        ]
        if len(members) >= 2 and low in ("summit", "talks", "meeting"):
            _emit(ctx, drafts, members, [], anchors, n.sent)
        return
    if not others:
        held_together = as_object and gov is not None and gov.lemma_ in _HOLD
        # "A and B agreed on X during talks in Bonn": the two did it in their talks
        during = (
            n.dep_ == "pobj"
            and n.head.lower_ in ("during", "in")
            and low in ("talks", "negotiations", "meeting", "meetings")
            and not _has_of(n)
            and not any(c.dep_ == "poss" for c in n.children)
            and gov is not None
            and gov.pos_ == "VERB"
            and len(_persons(ctx, owners)) >= 2
        )
        if len(owners) >= 2 and (held_together or together or joint or during):
            _emit(ctx, drafts, owners, [], anchors, n.sent)
        return
    if not calls:
        others = _one_encounter(ctx, n, others)
    _emit(ctx, drafts, owners, others, anchors, n.sent, tuple(withs))


_APART = frozenset(
    ["separate", "separately", "individually", "respectively", "each", "then", "later",
     "including"]
)  # fmt: skip


def _interrupted_partner(ctx: DocContext, b: Token) -> list[str]:
    """ "a meeting between A, claiming to represent X, and B": the parser hangs B on the
    verb; the person right after the ", and" that closes the interruption."""
    for k in range(b.right_edge.i + 1, min(b.sent.end - 1, b.i + 20)):
        t = ctx.doc[k]
        if t.lower_ == "and" and ctx.doc[k - 1].text == ",":
            m = ctx.persons.mention_at(ctx.doc[k + 1])
            return [m.canonical] if m is not None and m.start == k + 1 else []
    return []


def _apart(t: Token) -> bool:
    """A word that says encounters were apart; not "then" before a title ("met then
    Home Office Minister Lord Falconer": the office he held at the time)."""
    if t.lower_ not in _APART:
        return False
    nxt = t.nbor() if t.i + 1 < len(t.doc) else None
    prev = t.nbor(-1) if t.i > 0 else None
    as_title = (
        nxt is not None and nxt.tag_ == "NNP" and (prev is None or prev.lower_ not in ("and", ","))
    )
    return not (t.lower_ == "then" and as_title)


def _whole_group(ctx: DocContext, t: Token) -> bool:
    """A plural role noun followed by the list of its members ("the party leaders, A,
    B and C"), not by a sample of them ("leaders, including A and B")."""
    if not ctx.listed_people(t):
        return False
    for k in range(t.i + 1, min(t.sent.end, t.i + 40)):
        tok = ctx.doc[k]
        if tok.lower_ in ("including", "among"):
            return False
        if ctx.persons.at(tok):
            return True
    return False


def _one_encounter(ctx: DocContext, anchor: Token, others: list[list[str]]) -> list[list[str]]:
    """ "A met B and C": one encounter of all three when B and C are two sides, at least
    one a named person ("met Governor B and representatives of the IMF"), and nothing
    says they were met apart ("separately", "then", "later"). A longer list
    is a visitor's round of calls ("will meet A, B, C and D during his trip"). One
    meeting named in the singular ("a meeting with industrialists and union leaders")
    is one encounter, however many sides it lists."""
    single = anchor.tag_ == "NN" and anchor.lower_ in _SINGLE_EVENTS
    if len(others) < 2 or (
        not single and (len(others) != 2 or not any(_persons(ctx, o) for o in others))
    ):
        return others
    if any(_apart(t) for t in anchor.sent):
        return others
    return [[x for o in others for x in o]]


_VIDEO_MEETINGS = frozenset(["videoconference", "videoconferences", "teleconference"])
_SINGLE_EVENTS = frozenset(["meeting", "summit", "session", "conference", "dinner", "lunch"])


def signing(ctx: DocContext, v: Token, drafts: list[_Draft]) -> None:
    """Parties that sign a deal together took part in a signing (one meeting)."""
    subj = ctx.subject_of(v)
    if subj is None or any(c.dep_ == "neg" for c in v.children) or _hypothetical(ctx, v):
        return
    if any(c.dep_ == "auxpass" for c in v.children) and _is_deal_noun(subj):
        # "The agreement was signed by A and B": the agents signed it together
        agents = ctx.agent_objects(v)
        sides = list(dict.fromkeys(x for a in agents for x in _signatories(ctx, a)))
        people, placed = _persons(ctx, sides), _signed_at(ctx, v)
        if len(people) >= 2 or (people and placed):
            _emit(ctx, drafts, sides if placed else people, [], [v], v.sent)
        return
    if not any(c.dep_ == "dobj" and _is_deal_noun(c) for c in v.children):
        return  # "sealed the border" is no signing
    sides = ctx.parties(subj)
    withs = _objects_of_prep(ctx, v, ("with",))
    for c in v.children:
        if c.dep_ == "dobj":
            withs += _objects_of_prep(ctx, c, ("with",))
    sides += [n for o in withs for n in ctx.parties(o)]
    sides = list(dict.fromkeys(sides))
    if len(sides) < 2:
        return
    # A signing ceremony needs named signatories: "countries signed a deal" with no
    # sign that anyone was together is an agreement only (the GUIDE).
    people = _persons(ctx, sides)
    # "the prime ministers of A, B and C signed the agreement": office holders, who
    # signed it together, for the countries named (or the holders the text titles)
    leaders = (
        subj.tag_ == "NNS"
        and subj.lemma_ in ROLE_HEADS
        and bool(_objects_of_prep(ctx, subj, ("of",)))
    )
    if leaders:
        _emit(ctx, drafts, sides, [], [v], v.sent)
    elif len(people) >= 2:
        _emit(ctx, drafts, people, [], [v], v.sent)
    elif people and _signed_at(ctx, v):
        # "signed here by Minister A and French Treasury officials": a named signatory
        # and the other side, at one place
        _emit(ctx, drafts, sides, [], [v], v.sent)


def joint_announcement(ctx: DocContext, v: Token, drafts: list[_Draft]) -> None:
    """ "A and B on Thursday announced an agreement between the two countries": two
    named people who announce a deal together stood together, as at a signing."""
    subj = ctx.subject_of(v)
    if (
        subj is None
        or subj.i > v.i
        or not subj.conjuncts
        or any(c.dep_ == "neg" for c in v.children)
        or _hypothetical(ctx, v)
        or ctx.is_future(v)
        or not any(c.dep_ == "dobj" and _is_deal_noun(c) for c in v.children)
    ):
        return
    people = _persons(
        ctx, list(dict.fromkeys(x for t in ctx.coordinated(subj) for x in ctx.parties(t)))
    )
    if len(people) >= 2:
        _emit(ctx, drafts, people, [], [v], v.sent)


def _signatories(ctx: DocContext, tok: Token) -> list[str]:
    """Who signed: named people and parties, and the side of "French Treasury officials"."""
    out: list[str] = []
    for t in ctx.coordinated(tok):
        found = ctx.parties(t)
        if not found and t.lemma_ in GENERIC_PEOPLE:
            found = [s for s in [ctx.nationality_of(t)] if s]
        out += found
    return out


def _signed_at(ctx: DocContext, v: Token) -> bool:
    """A signing told with its place ("signed here", "signed in Paris"): one ceremony."""
    return ctx.place_of([v]) is not None or any(
        c.dep_ == "advmod" and c.lower_ == "here" for c in v.children
    )


_PARTICIPATE = frozenset(["attend", "chair", "host", "address", "join", "represent", "lead"])


def _event_ref(tok: Token) -> bool:
    """A reference to a gathering that is not a press conference."""
    if tok.lower_ not in _EVENT_WORDS or tok.pos_ not in ("NOUN", "PROPN"):
        return False
    return not any(c.lower_ in ("news", "press") for c in tok.children)


def _at_event(p: Token) -> bool:
    """ "at the summit", "at the conclusion of the Annapolis Conference" """
    if _event_ref(p):
        return any(d.lower_ in ("the", "this") for d in p.children) or p.pos_ == "PROPN"
    return p.lower_ in (
        "conclusion",
        "end",
        "start",
        "opening",
        "close",
        "sidelines",
        "margins",
    ) and any(
        _event_ref(q)
        for c in p.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for q in c.children
        if q.dep_ == "pobj"
    )


def _has_of(tok: Token) -> bool:
    """ "a meeting of the committee" names its own body; it is not the article's event."""
    return any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)


def _pobj_sides(ctx: DocContext, p: Token) -> list[str]:
    """Parties named by a prepositional object; "which" points back to its noun."""
    if p.lower_ in ("which", "whom"):
        cur = p
        for _ in range(6):
            if cur.dep_ == "relcl":
                return ctx.parties(cur.head)
            if cur.head.i == cur.i:
                break
            cur = cur.head
        # Parsed without a relative clause: the nearest organisation or country before it.
        for k in reversed(ctx.doc[max(p.sent.start, p.i - 6) : p.i]):
            if k.ent_type_ in ("ORG", "GPE") and (n := ctx.party(k)):
                return [n]
        return []
    return [n for k in ctx.coordinated(p) if (n := ctx.party(k))]


def _main_event(ctx: DocContext) -> Token | None:
    """A gathering reported in the article's lead (first two sentences with a verb)."""
    lead = [s for s in ctx.sents if any(t.pos_ in ("VERB", "AUX") for t in s)][:1]
    for sent in lead:
        for t in sent:
            if (
                _event_ref(t)
                and not _has_of(t)
                and t.dep_ in ("nsubj", "nsubjpass", "pobj")
                # "A shakes hands with B after their meeting": theirs, not a gathering
                and not any(c.dep_ == "poss" for c in t.children)
            ):
                gov = ctx.governing_verb(t)
                # "negotiations on the debt are a matter for the banks": talk about
                # talks, not the report of a gathering
                if gov is not None and not ctx.is_future(gov) and gov.lemma_ != "be":
                    return t
    return None


_MEDIA_WORDS = frozenset(
    ["television", "tv", "radio", "interview", "programme", "program", "newspaper", "website"]
)


_DUE = frozenset(["due", "expected", "set", "scheduled"])


def _listed_attendees(ctx: DocContext, tok: Token, near: bool) -> list[str]:
    """ "The meeting is being hosted by A": the host; "Also due to attend are B, C and
    D" (next to a mention of the gathering): the people listed."""
    if tok.lemma_ in _HOST_VERBS and any(c.dep_ == "auxpass" for c in tok.children):
        if not any(c.dep_ == "nsubjpass" and _event_ref(c) for c in tok.children):
            return []
        return [x for p in ctx.agent_objects(tok) for x in ctx.parties(p)]
    if not near or tok.lemma_ != "attend" or tok.dep_ != "xcomp" or tok.head.lower_ not in _DUE:
        return []
    copula = tok.head.head
    if tok.head.dep_ == "amod" and copula.pos_ in ("PROPN", "NOUN"):
        listed = [copula]  # parsed as "(Also due to attend are) A, B and C" one phrase
    elif copula.lemma_ == "be" and not any(c.dep_ == "nsubj" for c in copula.children):
        listed = [c for c in copula.children if c.dep_ == "attr"]
    else:
        return []  # "they are due to attend" names nobody new
    return [x for c in listed for t in ctx.coordinated(c) for x in ctx.parties(t)]


def event_participants(ctx: DocContext, drafts: list[_Draft], frames: list[Frame]) -> None:
    """Everyone the article places at its gathering forms one meeting:
    "X chaired the talks", "Also present were delegates from A, B and C",
    "At the summit, X accused Y", "X will represent Y" (near a mention of talks)."""
    names: list[str] = []
    anchors: list[Token] = []
    evidence: list[Evidence] = []
    last_event_sent = -10
    # Attendance verbs gather everyone into the article's gathering only when it tells
    # of one; with several, each frame keeps its own people (frames.py).
    one_gathering = sum(1 for f in frames if f.placed) <= 1
    due = False  # someone is "due to attend": the gathering is still to come
    for n_sent, sent in enumerate(ctx.sents):
        refs = [t for t in sent if _event_ref(t)]
        if refs:
            last_event_sent = n_sent
        found: list[str] = []
        for tok in sent:
            listed = _listed_attendees(ctx, tok, n_sent - last_event_sent <= 2)
            due = due or (bool(listed) and tok.lemma_ == "attend")
            found += listed
            if one_gathering and tok.pos_ == "VERB" and tok.lemma_ in _PARTICIPATE:
                near = n_sent - last_event_sent <= 4 and last_event_sent >= 0
                objs = [c for c in tok.children if c.dep_ == "dobj"]
                if tok.lemma_ == "represent":
                    if not near:
                        continue
                elif not any(_event_ref(o) and not _has_of(o) for o in objs):
                    continue
                subj = ctx.subject_of(tok)
                if any(c.dep_ == "auxpass" for c in tok.children):
                    subj = next(iter(ctx.agent_objects(tok)), None)
                if subj is not None:
                    found += ctx.parties(subj)
                    # "X will represent Y at the talks": the gathering is still to come
                    due = due or ctx.is_future(tok)
            if (tok.lower_ == "present" and ctx.sent_has(tok, _EVENT_WORDS)) or (
                tok.lower_ == "present"
                and tok.dep_ in ("acomp", "ROOT", "advmod", "amod")
                and last_event_sent >= 0
                and n_sent - last_event_sent <= 4
            ):
                for t in sent[:400]:
                    if t.lemma_ in ("delegate", "representative", "delegation", "official"):
                        for c in t.children:
                            if c.dep_ == "prep" and c.lower_ in ("from", "of"):
                                for p in c.children:
                                    if p.dep_ == "pobj":
                                        found += _pobj_sides(ctx, p)
            if (
                tok.dep_ == "prep"
                and tok.lower_ in ("at", "during")
                and any(_at_event(p) for p in tok.children if p.dep_ == "pobj")
                and tok.head.pos_ == "VERB"
                and tok.head.dep_ == "ROOT"
            ):
                verb = tok.head
                subj = ctx.subject_of(verb)
                if subj is not None and not ctx.in_quote[subj.i]:
                    found += _persons(ctx, ctx.parties(subj))
                for t in verb.subtree:
                    m = ctx.persons.mention_at(t)
                    if m is not None and m.head == t.i and not ctx.in_quote[t.i]:
                        found.append(m.canonical)
        if found:
            names += found
            anchors.append(refs[0] if refs else sent.root)
            evidence.append(ctx.evidence(sent))
    main = _main_event(ctx)
    if main is not None:
        # People the article shows meeting are at the gathering too.
        for d in drafts:
            if d.status == "held":
                names += _persons(ctx, d.participants)
        anchors.insert(0, main)
        evidence.insert(0, ctx.evidence(main.sent))
    people = list(dict.fromkeys(names))
    if len(people) >= 2:
        when = ctx.time_words(anchors[:1])
        gov = ctx.governing_verb(anchors[0])
        if (when is None or _is_duration(when)) and gov is not None:
            # "two days of talks begin later on Wednesday": when, not how long
            when = _point_in_time(ctx, gov) or when
        drafts.append(
            _Draft(
                people,
                "planned" if due else _status(ctx, anchors[:1], when),
                ctx.place_of(anchors[:1]),
                when,
                anchors[0].sent,
                evidence,
            )
        )


_DURATION_UNITS = frozenset(["hours", "days", "weeks", "months", "years"])


def _is_duration(span: Span) -> bool:
    """ "two days", "three weeks": how long, not when."""
    return len(span) <= 3 and span[-1].lower_ in _DURATION_UNITS and span[0].like_num


def _point_in_time(ctx: DocContext, verb: Token) -> Span | None:
    """A date or time hung on `verb` (directly or through "on"/"later"), not a duration."""
    for ent in ctx.sent_ents.get(verb.sent.start, ()):
        if ent.label_ not in ("DATE", "TIME") or _is_duration(ent):
            continue
        t = ent.root
        for _ in range(3):
            t = t.head
            if t.i == verb.i:
                return ent
            if t.pos_ in ("VERB", "AUX", "NOUN"):
                break
    return None


def _merge(ctx: DocContext, drafts: list[_Draft]) -> list[Meeting]:
    # Countries stand in for people only where no person is named: a meeting of
    # governments from a sentence that also names the people who met is the same one.
    with_people = {d.sent.start for d in drafts if len(_persons(ctx, d.participants)) >= 2}
    drafts = [d for d in drafts if _persons(ctx, d.participants) or d.sent.start not in with_people]
    # A participle has no tense of its own: "the unions meeting Mr X" after their talks
    # with him were announced is that planned meeting.
    planned = {frozenset(d.participants) for d in drafts if d.status == "planned"}
    for d in drafts:
        if d.untensed and frozenset(d.participants) in planned:
            d.status = "planned"
    merged: dict[tuple[frozenset[str], str], _Draft] = {}
    for d in drafts:
        key = (frozenset(d.participants), d.status)
        if key in merged:
            m = merged[key]
            m.place = m.place or d.place
            m.when = m.when or d.when
            m.evidence += [e for e in d.evidence if e not in m.evidence]
        else:
            merged[key] = d
    out: list[Meeting] = []
    last_place: str | None = None
    for d in merged.values():
        when_text = d.when.text if d.when is not None else None
        place = d.place
        same_day = when_text is not None and any(w in when_text.lower() for w in _SAME_DAY)
        if place is None and d.status == "held" and same_day and last_place:
            place = last_place
        if d.status == "held" and place:
            last_place = place
        date = resolve(
            when_text,
            ctx.article.published,
            direction="future" if d.status == "planned" else "past",
        )
        out.append(
            Meeting(
                participants=tuple(d.participants),
                status="planned" if d.status == "planned" else "held",
                place=place,
                when=when_text,
                date=date,
                evidence=tuple(d.evidence),
            )
        )
    return out


def visit_with(ctx: DocContext, n: Token, drafts: list[_Draft]) -> None:
    """ "during a visit to Ireland with Taoiseach B", "travelled to Baghdad with Defence
    Secretary B": a visit or a journey made with a titled person is time together."""
    gov = n if n.pos_ == "VERB" else ctx.governing_verb(n)
    if gov is not None and (_hypothetical(ctx, gov) or _negated(gov) or ctx.is_called_off(n)):
        return
    others = [
        name
        for w in _objects_of_prep(ctx, n, ("with",))
        for t in ctx.coordinated(w)
        if (name := ctx.persons.at(t)) and any(x == name for _, x, _ in ctx.titled)
    ]
    if not others:
        return
    owner = next((c for c in n.children if c.dep_ == "poss"), None)
    if owner is None and gov is not None:
        owner = ctx.subject_of(gov)
    owners = _persons(ctx, ctx.parties(owner)) if owner is not None else []
    dest = _destination(ctx, n)  # where they went together
    if owners:
        anchors = [n] + ([gov] if gov is not None and gov is not n else [])
        _emit(ctx, drafts, owners, [[o] for o in others], anchors, n.sent, destination=dest)


def verbless_caption(ctx: DocContext, sent: Span, drafts: list[_Draft]) -> None:
    """ "A, center, and B, at the Presidential palace in Cairo, April 20, 2016.": a
    photo caption with no verb, naming people together somewhere."""
    root = sent.root
    if root.pos_ != "PROPN" or ctx.persons.at(root) is None:
        return
    if any(t.pos_ in ("VERB", "AUX") for t in sent):
        return
    if not any(c.dep_ == "prep" and c.lower_ in ("at", "in") for c in root.children):
        return
    people = _persons(ctx, [x for t in ctx.coordinated(root) if (x := ctx.persons.at(t))])
    if len(people) >= 2:
        _emit(ctx, drafts, people, [], [root], sent)


def _phoned(n: Token) -> bool:
    """ "a phone call", "a telephone conversation": a call, not "a call for calm"."""
    return any(c.lower_ in _PHONE_WORDS for c in n.children if c.dep_ in ("compound", "amod"))


_PHONE_WORDS = frozenset(["phone", "telephone", "video", "conference"])


def _audience_with(ctx: DocContext, tok: Token) -> bool:
    """ "had an audience with King Harald" (not "told the audience", "an audience of
    500"): an audience granted by a named person is a meeting with that person."""
    return tok.lower_ == "audience" and any(
        ctx.persons.at(p) for p in _objects_of_prep(ctx, tok, ("with",))
    )


def extract_meetings(ctx: DocContext, frames: list[Frame]) -> list[Meeting]:
    """Meetings told in one sentence, and the article's gathering; `frames` are the
    document's event frames (frames.py), computed once by the caller."""
    drafts: list[_Draft] = []
    for sent in ctx.sents:
        verbless_caption(ctx, sent, drafts)
        for tok in sent:
            lemma = tok.lemma_
            if tok.pos_ == "VERB" and lemma in _VERBS:
                meet_verb(ctx, tok, drafts)
            elif tok.pos_ in ("NOUN", "PROPN") and (
                tok.lower_ in MEETING_NOUNS
                or tok.lower_ in ("conference", "conversation", "debate", "debates")
                or tok.lower_ in _VIDEO_MEETINGS
                or tok.lower_ in _MEALS
                or _audience_with(ctx, tok)
            ):
                if not hosted_event(ctx, tok, drafts):
                    meeting_noun(ctx, tok, drafts)
            elif tok.pos_ == "VERB" and lemma in ("sign", "ink", "seal"):
                signing(ctx, tok, drafts)
            elif tok.pos_ == "VERB" and lemma in ("announce", "unveil"):
                joint_announcement(ctx, tok, drafts)
            elif tok.pos_ == "VERB" and lemma in _GATHER:
                gather_verb(ctx, tok, drafts)
            elif tok.pos_ == "VERB" and lemma == "join":
                join_verb(ctx, tok, drafts)
            elif tok.pos_ == "VERB" and lemma == "summon":
                summon_verb(ctx, tok, drafts)
            if tok.pos_ == "NOUN" and tok.lower_ in _CALL_NOUNS:
                call_on(ctx, tok, drafts)
            if (tok.pos_ == "NOUN" and tok.lemma_ in ("visit", "trip", "tour")) or (
                tok.pos_ == "VERB" and (tok.lemma_ in MOTION_VERBS or tok.lemma_ in VISIT_VERBS)
            ):
                visit_with(ctx, tok, drafts)
    event_participants(ctx, drafts, frames)
    _named_members(ctx, drafts)
    return _merge(ctx, drafts)


# Offices whose holders a story names one by one after meeting them as a group.
_MEMBER_ROLES = frozenset(
    ["premier", "minister", "governor", "leader", "president", "chancellor", "senator",
     "mayor", "commissioner", "ambassador", "envoy"]
)  # fmt: skip


def _named_members(ctx: DocContext, drafts: list[_Draft]) -> None:
    """ "held discussions with the provincial premiers ... Alberta Premier Don Getty
    agreed, ... Ontario Premier David Peterson said": a group of office holders met,
    whom the story then names by that office, is those people (two or more)."""
    for d in drafts:
        if d.status != "held":
            continue  # who will come to a planned meeting, the story cannot know
        kept: list[str] = []
        for p in d.participants:
            last = p.split()[-1].lower() if p.split() else ""
            role = last[:-1] if last.endswith("s") else ""
            if role not in _MEMBER_ROLES or ctx.persons.is_person(p):
                kept.append(p)
                continue
            members = [
                name
                for start, name, title in ctx.titled
                if start >= d.sent.start and role in title and name not in d.participants
            ]
            members = list(dict.fromkeys(members))
            kept += members if len(members) >= 2 else [p]
        d.participants = list(dict.fromkeys(kept))


def drop_own_sides(ctx: DocContext, meetings: list[Meeting]) -> list[Meeting]:
    """A person is never paired with the country or body he or she speaks for (GUIDE):
    "India's finance minister A" at a meeting with India is A alone for India. Nor is
    a private person a side: "joined on stage by his wife Sandra" is no meeting, nor an
    outlet ("spoke to Wikinews": an interview)."""
    out: list[Meeting] = []
    for m in meetings:
        own = set(m.participants) & ctx.relatives
        own |= {
            name
            for name, at in ctx.kin_at
            if name in m.participants and any(e.start <= at < e.end for e in m.evidence)
        }
        own |= {p for p in m.participants if is_media_outlet(p)}  # even if tagged a person
        for name in m.participants:
            found = ctx.titles.get(name)
            if found is None:
                continue
            words = {fold(t.text) for t in found[1]}
            for side in m.participants:
                if side == name or ctx.persons.is_person(side):
                    continue
                key = fold(side)
                if key in words or any(demonym_country(w) == side for w in words):
                    own.add(side)
        kept = tuple(p for p in m.participants if p not in own)
        if len(kept) >= 2:
            out.append(replace(m, participants=kept) if own else m)
    return out
