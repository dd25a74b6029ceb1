"""Agreements and open disagreements between parties.

Rules:
- `agree_rule`: "A and B agreed to X" / "agreed that X" / "agreed with B to X";
  negated or "failed to agree" is a disagreement.
- `deal_rule`: "A signed/sealed/reached/extended a deal (with B)"; approve/adopt/
  endorse/back count only when the subject is plural (a joint act).
- `pledge_rule`: pledges and commitments count only when made jointly (two or more
  parties); a one-sided promise is not an agreement.
- `divided_rule`: "A and B are divided/split over X".
- `oppose_rule`: "X is opposed by B", "A rejected B's X", "despite opposition from B",
  "ended without agreement".
Conditional clauses ("if and when it agrees") are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..models import Agreement, Evidence
from ..text import fold
from .context import IRREALIS_GOV, DocContext, coordinated_modifiers, ends_dispute
from .lexicon import (
    DEAL_NOUNS,
    DISAGREE_ADJ,
    ENDORSE_VERBS,
    JOINT_PLEDGE_VERBS,
    MEETING_NOUNS,
    SAY_VERBS,
    SIGN_VERBS,
    is_known_place,
)

__all__ = ["drop_bare_signings", "extract_agreements"]

_MAX_TEXT_TOKENS = 40
_CONDITIONAL = frozenset({"if", "unless", "whether", "should"})
_AGREEMENT_IRREALIS = IRREALIS_GOV | frozenset(
    ["tell", "ask", "urge", "press", "persuade", "force", "encourage", "invite", "call"]
)
_ENDINGS = frozenset(["end", "conclude", "finish", "close", "break", "adjourn", "collapse"])
_DENIALS = frozenset(["denied", "denies", "deny", "denying", "rejected", "rejects", "dismissed"])
_ONGOING = frozenset({"continue", "extend", "renew"})
# Verbs whose future still tells of a deal made: what "will sign" is already agreed.
_SIGN_AHEAD = frozenset({"sign", "ink", "finalise", "finalize"})
_DEAL_GOVERNED = SIGN_VERBS | ENDORSE_VERBS | _ONGOING | {"back", "announce", "unveil", "have"}


@dataclass
class _Draft:
    parties: list[str]
    polarity: str
    text: str
    evidence: Evidence
    start: int
    mention: bool = False  # a noun phrase naming a deal ("the agreement between A and B")


def _objects(prep: Token) -> list[Token]:
    """A preposition's objects. "an accord with Britain covering X" is parsed with
    Britain as the subject of "covering": it is still the object of "with"."""
    out = [p for p in prep.children if p.dep_ == "pobj"]
    if not out:
        out = [
            s for c in prep.children if c.dep_ == "pcomp" for s in c.children if s.dep_ == "nsubj"
        ]
    return out


def _clause_end(v: Token) -> int:
    """Last token of `v`'s own clause: "A sued B, but the judge dismissed it" ends at B."""
    return max([v.i] + [c.right_edge.i for c in v.children if c.dep_ not in ("conj", "cc")])


def _pobjs(tok: Token, prep: str) -> list[Token]:
    """Objects of `tok`'s preposition `prep` ("complaint against B" -> [B])."""
    return [p for c in tok.children if c.dep_ == "prep" and c.lower_ == prep for p in _objects(c)]


def _clip(ctx: DocContext, start: int, end: int) -> str:
    """Article words from token `start` to `end` (inclusive), trimmed."""
    end = min(end, start + _MAX_TEXT_TOKENS - 1)
    doc = ctx.doc
    if end + 1 < len(doc) and doc[end + 1].ent_type_ == "PERSON":
        # "... to end the war, UAE Minister of State Rashid al-Nuaimi said": the title of
        # the one reporting, read as an apposition to (or a conjunct of) the last noun,
        # is not the content
        for t in doc[start : end + 1]:
            first = t.left_edge.i
            if (
                t.dep_ in ("appos", "conj")
                and t.right_edge.i == end
                and first > start
                and doc[first - 1].text == ","
            ):
                end = first - 1
                break
    for t in doc[start : end + 1]:
        if t.dep_ == "relcl" and t.left_edge.i > start + 8 and _marked_relative(t):
            end = min(end, t.left_edge.i - 1)
    for t in reversed(doc[start + 3 : end + 1]):
        if t.right_edge.i == end and _setting(t):
            end = t.left_edge.i - 1  # "pledged to improve ties | at a summit in Tokyo"
    toks = list(doc[start : end + 1])
    while toks and (
        toks[-1].is_space
        or ((toks[-1].is_punct or toks[-1].dep_ in ("cc",)) and toks[-1].text not in ')"%')
        # a word left waiting for what the parser hung elsewhere ("rejected the demands
        # as | unacceptable, negotiator X said")
        or (
            toks[-1].pos_ in ("ADP", "DET", "SCONJ")
            and toks[-1].dep_ != "prt"
            and not (len(toks) > 1 and toks[-2].pos_ == "VERB")  # "the range we agreed to"
        )
    ):
        toks.pop()
    while toks and (
        toks[0].is_punct
        or toks[0].lower_ in ("to", "that")
        or (toks[0].lower_ in ("on", "upon") and toks[0].dep_ == "prep")  # "agreed on | X"
    ):
        toks.pop(0)
    opened = [k for k, t in enumerate(toks) if t.text == "("]
    if opened and not any(t.text == ")" for t in toks[opened[-1] :]):
        toks = toks[: opened[-1]]  # "pay 260bn roubles (pounds 4.8bn": the aside cut off
    if not toks:
        return ""
    return doc[toks[0].i : toks[-1].i + 1].text.replace("\n", " ").strip()


_SETTING_PREPS = frozenset(["at", "during", "in", "after"])
_SETTING_MARKS = frozenset(["when", "after", "as", "while"])
_MEET_VERBS = frozenset(["meet", "talk", "visit", "gather", "confer"])


def _setting(t: Token) -> bool:
    """A trailing phrase that says where the deal was made, not what it is: "at a summit
    between A and B", "on the sidelines of the G20", "when they met in Vilnius"."""
    if t.dep_ == "prep":
        objects = [p for p in t.children if p.dep_ == "pobj"]
        if t.lower_ == "on":  # "agreed on talks" is what was agreed
            return any(p.lower_ in ("sidelines", "margins") for p in objects)
        return t.lower_ in _SETTING_PREPS and any(
            p.lemma_ in MEETING_NOUNS or p.lower_ in MEETING_NOUNS for p in objects
        )
    return (
        t.dep_ == "advcl"
        and t.lemma_ in _MEET_VERBS
        and any(c.dep_ in ("mark", "advmod") and c.lower_ in _SETTING_MARKS for c in t.children)
    )


def _marked_relative(relcl: Token) -> bool:
    """A relative clause opened by a relative word or set off by a comma: one the
    parser hangs on a bare noun ("said pounds 2bn savings had been made") is often a
    misread complement, and cutting there would end the text mid-clause."""
    first = relcl.left_edge
    before = relcl.doc[first.i - 1] if first.i > 0 else None
    opening = relcl.doc[first.i : first.i + 2]  # "which", "that", "under which"
    return (
        any(t.tag_ in ("WDT", "WP", "WP$", "WRB") for t in opening)
        or first.lower_ == "that"
        or (before is not None and before.text == ",")
    )


def _conditional(tok: Token) -> bool:
    if any(
        c.dep_ == "advcl" and any(m.lower_ in _CONDITIONAL for m in c.children)
        for c in tok.children
    ):
        return True  # "will sign the treaty if the terms improve"
    window = tok.doc[max(tok.sent.start, tok.i - 4) : tok.i]
    if any(t.lower_ in _CONDITIONAL for t in window) and not any(t.text == "," for t in window):
        return True  # "if and when it agrees"
    cur = tok
    for _ in range(4):
        # "once Israel signs a deal": a condition when it binds the clause ("once a
        # hardliner, ..." is an adverb)
        if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL | {"once"} for c in cur.children):
            return True
        if cur.tag_ in ("VBP", "VBZ") and any(
            c.dep_ == "mark" and c.lower_ in ("until", "till") for c in cur.children
        ):
            return True  # "cannot be approved until the agencies agree to X": not yet
        if cur.head.i == cur.i or cur.dep_ in ("relcl", "acl"):
            break  # a relative clause is asserted on its own ("the plan it signed")
        cur = cur.head
    return False


def _irrealis(tok: Token) -> bool:
    """ "would never be able to reach agreement", "hope to reach a deal",
    "told me to agree" (urged, not agreed), "did not mean that Libya had cut its ties"
    (a clause its negated frame denies)."""
    if tok.dep_ == "ccomp" and _negated(tok.head):
        return True
    return DocContext.is_irrealis(tok, _AGREEMENT_IRREALIS)


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _with_parties(ctx: DocContext, *toks: Token) -> list[str]:
    out: list[str] = []
    for tok in toks:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "with":
                for p in _objects(c):
                    # "agreed with the government's plans": the plans' owner
                    out += ctx.parties(p, allow_groups=True) or _owners(ctx, p)
    return out


def _agents(ctx: DocContext, v: Token, *, allow_groups: bool = False) -> list[str]:
    """Parties of a passive's "by" phrase ("signed by A and B")."""
    return [
        x
        for p in ctx.agent_objects(v)
        for t in ctx.coordinated(p)
        for x in ctx.parties(t, allow_groups=allow_groups)
    ]


def _subject_parties(ctx: DocContext, v: Token) -> tuple[list[str], Token | None]:
    subj = ctx.subject_of(v)
    if subj is None:
        return [], None
    if (
        subj.lower_ == "it"
        and subj.dep_ == "nsubjpass"
        and subj.head == v
        and any(c.dep_ == "ccomp" for c in v.children)
    ):
        return [], subj  # "It was agreed that X": "it" names nobody; the context does
    parties = ctx.parties(subj, allow_groups=True)
    if not parties:
        # "The two companies [A and B] agreed", "the two firms, A and B, agreed"
        parties = [x for c in subj.children if c.dep_ == "appos" for x in ctx.parties(c)]
    return parties, subj


def _add(
    ctx: DocContext,
    out: list[_Draft],
    parties: list[str],
    polarity: str,
    text: str,
    tok: Token,
    told_in: Span | None = None,
) -> None:
    """`told_in`: the sentences the fact rests on, when more than `tok`'s own (a charge
    and the denial that answers it)."""
    parties = list(dict.fromkeys(p for p in parties if p))
    # "Uribe" beside "Álvaro Uribe": one person named twice
    parties = [
        p for p in parties if not any(q != p and fold(q).endswith(" " + fold(p)) for q in parties)
    ]
    if not parties or not text or len(text.split()) < 2:
        return
    if polarity == "disagreed" and len(parties) < 2:
        return  # a disagreement needs two sides set against each other (GUIDE)
    out.append(_Draft(parties, polarity, text, ctx.evidence(told_in or tok.sent), tok.i))


_PRESS = frozenset(["interview", "reporter", "correspondent", "journalist"])


def agree_rule(ctx: DocContext, v: Token, out: list[_Draft]) -> None:
    if _conditional(v) or _irrealis(v):
        return
    if _negated(v) and any(c.lower_ == "yet" for c in v.children):
        return  # "have not yet agreed": still open, not a disagreement
    if any(c.dep_ == "nsubj" and c.lower_ == "i" for c in v.children):
        return  # '"I agree that we need no cuts," the minister said': a view, not a deal
    if any(c.dep_ == "xcomp" and c.lemma_ == "disagree" for c in v.children):
        return  # "agreed to disagree": the disagreement is read from "disagree"
    polarity = "disagreed" if _negated(v) else "agreed"
    anchor = v
    if v.dep_ == "xcomp" and v.head.lemma_ in ("fail", "refuse", "unable"):
        polarity = "disagreed"  # "failed to agree", "have been unable to agree on X"
        anchor = v.head
    parties, subj = _subject_parties(ctx, v)
    parties += _with_parties(ctx, v)
    if (
        subj is not None
        and subj.lower_ == "we"
        and v.tag_ in ("VBD", "VBN")
        and len(set(parties)) == 1
    ):
        # '"We agreed to X," A said after meeting B': the speaker's side at the talks
        # (a deal reported; '"We agree to work harder"' is a view)
        group = ctx.recall(v.sent.end)
        if parties[0] in group:
            parties = group
    comp = next((c for c in v.children if c.dep_ in ("xcomp", "ccomp")), None) or next(
        (  # "agreed with B to open a factory", the infinitive read as an adverbial
            c
            for c in v.children
            if c.dep_ == "advcl"
            and c.i > v.i
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        ),
        None,
    )
    if comp is None:
        comp = _interrupted_infinitive(v)
    obj = next((c for c in v.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")), None)
    if comp is not None and ctx.in_quote[comp.i] and not ctx.in_quote[v.i]:
        return  # 'Premier A agreed, "Things are moving fast"': assent to a remark
    if (
        comp is not None
        and comp.dep_ == "ccomp"
        and len(set(parties)) == 1
        and ctx.persons.is_person(parties[0])
        and (subj is None or subj.lower_ not in ("we", "they"))
    ):
        return  # "the Deputy Speaker agreed it was of concern": one person's view
    if any(t.lemma_ in _PRESS for k in v.children if k.i > v.i for t in k.subtree):
        return  # "agreed to answer questions for our correspondent", "to an interview"
    if (
        len(set(parties)) == 1
        and ctx.persons.is_person(parties[0])
        and any(p.pos_ == "PRON" and p.tag_ != "WDT" for p in _pobjs(v, "with"))
    ):
        return  # "he agreed with everything she had done": one person's view
    if comp is not None:
        text = _clip(ctx, comp.left_edge.i, comp.right_edge.i)
        counterparts = _deal_counterparts(ctx, comp)
        if counterparts and not parties:
            return  # "X has agreed to merge with B" with X unknown: B alone agreed nothing
        parties += [p for p in counterparts if p not in parties]
        if (
            len(set(parties)) == 1
            and ctx.persons.is_person(parties[0])
            and comp.dep_ == "xcomp"
            and (subj is None or subj.lower_ not in ("we", "they"))
        ):
            # "agreed to restore ties with Colombia": the other side named in the act
            partners = [
                x
                for t in comp.subtree
                if t.dep_ == "prep" and t.lower_ == "with"
                for p in t.children
                if p.dep_ == "pobj"
                for x in ctx.parties(p)
                if x not in parties
            ]
            if not partners:
                return  # "Fischer agreed to take the job": one person's consent, no deal
            parties += partners
    elif obj is not None:
        # "A agreed a draft deal with B to borrow X": British transitive "agree";
        # "agreed a takeover by B": the bidder is the other side
        parties += [p for p in _with_parties(ctx, obj) if p not in parties]
        parties += [x for w in _pobjs(obj, "by") for x in ctx.parties(w) if x not in parties]
        end = max(
            obj.right_edge.i,
            max(
                (
                    c.right_edge.i
                    for c in v.children
                    if c.i > obj.i and c.dep_ in ("advcl", "xcomp", "prep")
                ),
                default=obj.right_edge.i,
            ),
        )
        text = _clip(ctx, obj.left_edge.i, end)
    else:
        # "agreed to a buyout", "agreed on X"; not a fronted time ("On Monday, A agreed")
        prep = next(
            (
                c
                for c in v.children
                if c.dep_ == "prep"
                and c.lower_ in ("on", "to", "upon")
                and c.i > v.i
                and not any(p.ent_type_ in ("DATE", "TIME") for p in c.children)
            ),
            None,
        )
        # "agreed with B's proposal": the proposal is what was agreed
        proposal = next(
            (p for p in _pobjs(v, "with") if p.lemma_ in _PROPOSALS and _owners(ctx, p)), None
        )
        if prep is not None and any(c.dep_ == "pobj" for c in prep.children):
            end = prep.right_edge.i
            for c in v.children:
                # "agreed to three points in a new plan": the parser hangs the "in" on
                # the verb; it still tells which points
                if c.dep_ == "prep" and c.i == end + 1 and c.lower_ in ("in", "of"):
                    end = c.right_edge.i
            text = _clip(ctx, prep.i, end)
            # "agreed to a buyout by B", "agreed to a merger with B": B is the other side
            parties += [
                x
                for p in prep.children
                if p.dep_ == "pobj" and p.pos_ == "NOUN"
                for w in _pobjs(p, "by") + _pobjs(p, "with")
                for x in ctx.parties(w)
                if x not in parties
            ]
        elif proposal is not None:
            text = _clip(ctx, proposal.left_edge.i, proposal.right_edge.i)
        elif (top := _with_which(v)) is not None:
            # "X called for an end to Y, with which A and B agreed": what X called for,
            # and X, whose position they share
            end = top.i
            while top.dep_ == "pobj" and top.head.dep_ == "prep" and top.head.head.pos_ in _NOUNS:
                top = top.head.head
            text = _clip(ctx, top.left_edge.i, end)
            gov = ctx.governing_verb(top)
            if gov is not None and (owner := ctx.subject_of(gov)) is not None:
                parties += [x for x in ctx.parties(owner) if x not in parties]
        elif v.dep_ == "relcl" and v.head.pos_ == "NOUN":
            # "the formula A agreed (upon) with B": the noun is what was agreed
            text = _clip(ctx, v.head.left_edge.i, _clause_end(v))
        else:
            return
    if polarity == "disagreed":
        # "never agreed on X", "did not agree on X": the negation belongs to the text
        negs = [c.i for c in v.children if c.dep_ == "neg"]
        if negs:  # with its auxiliary: "did not agree"
            negs += [c.i for c in v.children if c.dep_ == "aux" and c.i < min(negs)]
        start = min([anchor.i, *negs])
        text = _clip(ctx, start, max(anchor.right_edge.i, v.right_edge.i))
        owners = [o for p in _pobjs(v, "with") for o in _owners(ctx, p)]
        parties += [o for o in owners if o not in parties]  # "did not agree with B's plan"
        if len(set(parties)) < 2:
            return  # "senators who don't agree with the coup": one side, no dispute
    if v.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in v.children) and v.dep_ != "relcl":
        # "It was agreed (that) X": the parties are the ones in context (not in "a treaty,
        # which had been agreed under B": that treaty's parties are not the last named).
        parties = parties or ctx.recall(v.i)
    if not parties and subj is not None and _joint_we(ctx, subj):
        parties = ctx.recall(v.i, "people") or ctx.recall(v.i)
    if not parties and subj is not None and not (comp is not None and comp.dep_ == "ccomp"):
        # "eight rebel groups agreed to unite"; not "FDA advisors agreed the claims were
        # based on faulty data" (a panel's finding, no party to a deal)
        parties = _unnamed_group(subj)
    _add(ctx, out, parties, polarity, text, v)


_NOUNS = ("NOUN", "PROPN")


def _with_which(v: Token) -> Token | None:
    """The noun "with which" refers back to, the clause hung as a relative clause or
    (as the parser often has it) as an adverbial one."""
    rel = next((p for p in _pobjs(v, "with") if p.lower_ == "which"), None)
    if rel is None:
        return None
    if v.dep_ == "relcl":
        return v.head if v.head.pos_ in _NOUNS else None
    before = rel.i - 2
    while before >= 0 and v.doc[before].is_punct:
        before -= 1
    ante = v.doc[before] if before >= 0 else None
    return ante if ante is not None and ante.pos_ in _NOUNS else None


def _unnamed_group(subj: Token) -> list[str]:
    """ "eight rebel groups agreed to unite": a plural subject that names no party is
    the party, in its own words (the GUIDE: parties are who agreed, named or not)."""
    if subj.tag_ not in ("NNS", "NNPS") or subj.pos_ == "PRON":
        return []
    words = [
        t
        for t in subj.subtree
        if t.dep_ not in ("det", "nummod", "punct", "predet") and t.i <= subj.right_edge.i
    ]
    if (
        not words
        or len(words) > 6
        or not any(t.pos_ in ("ADJ", "NOUN", "PROPN") for t in words[:-1])
    ):
        return []  # "officials agreed": too vague to name a side
    return [subj.doc[words[0].i : words[-1].i + 1].text]


def _interrupted_infinitive(v: Token) -> Token | None:
    """ "agreed during the talks to initiate efforts": a setting or time between the verb
    and its infinitive, which the parser then hangs on the setting's noun."""
    return next(
        (
            a
            for c in v.children
            if c.dep_ == "prep" and c.i > v.i and c.lower_ in ("during", "at", "in", "on", "after")
            for p in c.children
            if p.dep_ == "pobj"
            for a in p.children
            if a.dep_ == "acl"
            and a.tag_ == "VB"
            and any(x.dep_ == "aux" and x.lower_ == "to" for x in a.children)
        ),
        None,
    )


_JOINT_TEXTS = frozenset(["statement", "declaration", "communique", "communiqué", "letter"])


def _joint_we(ctx: DocContext, subj: Token) -> bool:
    """ "We agree to ..." quoted from a joint statement (named in this sentence or the
    one before, same paragraph): "we" are the signatories."""
    if subj.lower_ != "we" or not ctx.in_quote[subj.i]:
        return False
    sent = subj.sent
    start = ctx.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    for t in reversed(ctx.doc[start : subj.i]):
        if "\n" in t.text:
            return False  # the paragraph begins here
        if (
            t.lower_ in _JOINT_TEXTS
            and not ctx.in_quote[t.i]
            and any(c.lower_ == "joint" for c in t.children)
        ):
            return True
    return False


# "sign" and "agree" take joint statements in their own rules
_ISSUE_VERBS = frozenset(["issue", "release", "publish", "adopt", "produce"])


def joint_text_rule(ctx: DocContext, v: Token, out: list[_Draft]) -> None:
    """ "A and B issued a joint statement calling for X": they agreed on its content."""
    if _conditional(v) or _negated(v) or _irrealis(v) or ctx.is_future(v):
        return
    obj = next(
        (
            c
            for c in v.children
            if c.dep_ == "dobj"
            and c.lower_ in _JOINT_TEXTS
            and any(k.lower_ == "joint" for k in c.children)
        ),
        None,
    )
    if obj is None:
        return
    parties, _ = _subject_parties(ctx, v)
    parties += [p for p in _with_parties(ctx, v, obj) if p not in parties]
    if len(parties) < 2:
        return
    end = obj.right_edge.i
    for c in v.children:  # "issued a joint statement on X": the topic hangs on the verb
        if c.dep_ == "prep" and c.i == end + 1 and c.lower_ in ("on", "about", "calling"):
            end = c.right_edge.i
    _add(ctx, out, parties, "agreed", _clip(ctx, obj.left_edge.i, end), v)


_TEXT_SAYS = frozenset(
    ["say", "state", "stress", "express", "reaffirm", "note", "describe", "call", "urge"]
)


def joint_text_says(ctx: DocContext, v: Token, out: list[_Draft]) -> None:
    """ "A joint statement issued after the talks between A and B said progress was
    made": what the joint text says, its signatories agreed on. The signatories are the
    text's own ("issued by A and B", "between A and B"), else the pair just named."""
    subj = ctx.subject_of(v)
    if subj is None or subj.lower_ not in _JOINT_TEXTS or v.i < subj.i:
        return
    if not any(k.lower_ == "joint" for k in subj.children):
        return
    if _conditional(v) or _negated(v) or _irrealis(v) or ctx.is_future(v):
        return
    comp = next((c for c in v.children if c.dep_ in ("ccomp", "dobj")), None)
    if v.lemma_ in ("call", "urge"):
        if v.dep_ == "acl":
            return  # "issued a joint statement calling for calm": read by joint_text_rule
        # "a joint statement ... called for calm", "urged Russia to withdraw"
        comp = next(
            (c for c in v.children if c.dep_ in ("dobj", "xcomp", "ccomp")),
            next((c for c in v.children if c.dep_ == "prep" and c.lower_ in ("for", "on")), None),
        )
        start = v.i
        end = max(
            (c.right_edge.i for c in v.children if c.i > v.i and c.dep_ != "punct"), default=v.i
        )
    else:
        start = comp.left_edge.i if comp is not None else v.i
        end = comp.right_edge.i if comp is not None else v.i
    if comp is None:
        return
    parties = [
        x
        for t in subj.subtree
        if t.dep_ == "prep" and t.lower_ in ("between", "by")
        for p in t.children
        if p.dep_ == "pobj"
        for k in ctx.coordinated(p)
        for x in ctx.parties(k)
    ]
    parties = list(dict.fromkeys(parties))
    if len(parties) < 2:
        parties = ctx.recall(v.i)
    if len(parties) < 2:
        return
    _add(ctx, out, parties, "agreed", _clip(ctx, start, end), v)


def _joint_text_of(v: Token) -> Token | None:
    """ "condemned the deal in a joint statement": the joint text the act was done in."""
    if v.lemma_ in SAY_VERBS:
        return None  # "A and B said in a joint statement (that) X": X is read as a clause
    # the parser hangs the phrase on the verb or on its object ("condemned the attack in ...")
    objects = [c for c in v.children if c.dep_ == "dobj"]
    for c in (*v.children, *(k for o in objects for k in o.children)):
        if c.dep_ == "prep" and c.lower_ == "in":
            for p in c.children:
                if (
                    p.dep_ == "pobj"
                    and p.lower_ in _JOINT_TEXTS
                    and any(k.lower_ == "joint" for k in p.children)
                ):
                    return p
    return None


def joint_act_rule(ctx: DocContext, v: Token, out: list[_Draft]) -> None:
    """ "A, B and C condemned the deal in a joint statement", "X was condemned in a joint
    statement by A and B": what a joint text says, its signatories agreed on."""
    text = _joint_text_of(v)
    if text is None or _conditional(v) or _negated(v) or _irrealis(v):
        return
    agents = [
        p
        for c in (*v.children, *text.children)
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")
        for p in c.children
        if p.dep_ == "pobj"
    ]
    if agents:
        parties = [x for a in agents for t in ctx.coordinated(a) for x in ctx.parties(t)]
        subj = next((c for c in v.children if c.dep_ == "nsubjpass"), None)
        start = subj.left_edge.i if subj is not None else v.i
    else:
        parties, _ = _subject_parties(ctx, v)
        start = v.i
    if len(set(parties)) < 2:
        return
    _add(ctx, out, parties, "agreed", _clip(ctx, start, _clause_end(v)), v)


_CURRENCY_WORDS = frozenset(["dollars", "pounds", "euros", "yen"])


_POTENTIAL = frozenset(["making", "makings", "prospect", "possibility", "chance", "hope", "idea"])


def _is_deal(c: Token) -> bool:
    if c.lemma_ in DEAL_NOUNS or c.lower_ in DEAL_NOUNS:
        return True
    if any(k.lemma_ in DEAL_NOUNS for k in c.children if k.dep_ in ("compound", "appos")):
        return True  # "a trade protocol", "dollars 240m agreement" (appositive parse)
    if c.lower_ in _CURRENCY_WORDS and any(
        k.lower_ in DEAL_NOUNS for k in c.children if k.dep_ in ("relcl", "acl")
    ):
        return True  # "a dollars 6bn deal", with "deal" read as a verb
    # "a number of other agreements"; not "the makings of a deal", "the prospect of a pact"
    return c.lemma_ not in _POTENTIAL and any(
        p.lemma_ in DEAL_NOUNS or p.lower_ in DEAL_NOUNS
        for k in c.children
        if k.dep_ == "prep" and k.lower_ == "of"
        for p in k.children
        if p.dep_ == "pobj"
    )


def _deal_object(v: Token) -> Token | None:
    for c in v.children:
        if c.dep_ in ("dobj", "nsubjpass") and _is_deal(c):
            return c
    return None


def _denied(v: Token) -> bool:
    """ "denied signing a deal with B": said not to have happened."""
    return DocContext.is_denied(v)


def _nearly(v: Token) -> bool:
    """ "close to striking a deal", "nearer to signing", "clearing the way for it to
    conclude a deal": not there yet."""
    return (
        v.dep_ == "pcomp"
        and v.head.lower_ == "to"
        and v.head.head.lower_ in ("close", "closer", "near", "nearer")
    ) or any(a.lemma_ in ("way", "path") and a.pos_ == "NOUN" for a in list(v.ancestors)[:3])


def _none_reached(n: Token) -> bool:
    """ "There was no agreement between A and B": a deal stated not to exist."""
    be = n.head
    return (
        n.dep_ == "attr"
        and any(c.dep_ == "det" and c.lower_ == "no" for c in n.children)
        and be.lemma_ == "be"
        and any(c.dep_ == "expl" and c.lower_ == "there" for c in be.children)
    )


def _worked_out(v: Token) -> bool:
    """ "hammered out a deal", "worked out an agreement", "thrashed out": reached one."""
    return v.lemma_ in ("hammer", "work", "thrash") and any(
        c.dep_ == "prt" and c.lower_ == "out" for c in v.children
    )


def _could_not_reach(ctx: DocContext, v: Token) -> bool:
    """ "A and B could not (did not) reach an agreement on X": talks that ended without
    one, a disagreement (not "have not yet reached": still open)."""
    return (
        v.lemma_ in ("reach", "strike", "clinch", "conclude")
        and _negated(v)
        and any(c.dep_ == "aux" and c.lower_ in ("could", "did", "ca") for c in v.children)
        and not any(c.lower_ in ("yet", "still") for c in v.children)
        and _deal_object(v) is not None
        and not _conditional(v)
        and not ctx.in_quote[v.i]
    )


def deal_rule(ctx: DocContext, v: Token, out: list[_Draft]) -> None:
    if _could_not_reach(ctx, v):
        parties, _ = _subject_parties(ctx, v)
        obj = _deal_object(v)
        assert obj is not None
        parties += _with_parties(ctx, v, obj)
        start = min([v.i, *(c.i for c in v.children if c.dep_ in ("aux", "neg"))])
        _add(ctx, out, parties, "disagreed", _clip(ctx, start, obj.right_edge.i), v)
        return
    if _conditional(v) or _negated(v) or _irrealis(v) or _wanted(v) or _denied(v) or _nearly(v):
        return
    if ctx.is_future(v) and v.lemma_ not in _SIGN_AHEAD | _ONGOING:
        return  # "will sign the deal" tells of a deal; "will reach agreement" of none yet
    obj = _deal_object(v)
    if obj is not None and any(c.dep_ == "det" and c.lower_ == "no" for c in obj.children):
        return  # "signed no deal on fishing"
    if obj is None and v.dep_ == "relcl" and _is_deal(v.head) and v.lemma_ in SIGN_VERBS:
        # "the peace plan it signed (with B)": the deal is the noun the clause describes.
        parties, _ = _subject_parties(ctx, v)
        if not parties:
            return  # "the contracts they signed with B", "they" unresolved: B alone is none
        parties += [p for p in _with_parties(ctx, v) if p not in parties]
        text = _clip(ctx, v.head.left_edge.i, _clause_end(v))
        _add(ctx, out, parties, "agreed", text, v)
        return
    if obj is None:
        return  # "the accord signed by A and B" is read by `made_with`
    parties, subj = _subject_parties(ctx, v)
    if obj.dep_ == "nsubjpass":
        # "The deal was signed by A and B"; without an agent the parties are unknown.
        parties = _agents(ctx, v)
        if not parties:
            # "An agreement has been reached with B," A said: the speaker is the side
            # that reached it with B.
            partners = _with_parties(ctx, v, obj)
            speaker = ctx.speaker(v.sent)
            if not partners or speaker is None or speaker in partners:
                return
            parties = [speaker]
    partners = _with_parties(ctx, v, obj)
    if obj.dep_ == "dobj" and subj is not None and not parties and partners:
        return  # "it signed a deal with B" with "it" unresolved: B alone is no deal
    if v.lemma_ not in SIGN_VERBS | _ONGOING | {"formalise", "formalize"} and not _worked_out(v):
        # "A and B approved the deal" is joint; so is "A announced a deal with B"
        # (in "plans were announced by A" the subject is the deal, not a side)
        # (a plural name is one party: "Electronic Arts announced plans")
        plural = len(parties) >= 2 or (subj is not None and subj.i != obj.i and subj.tag_ == "NNS")
        if not plural and not (partners and parties):
            return
    parties += partners
    start = v.i if obj.dep_ == "dobj" else obj.left_edge.i
    end = obj.right_edge.i if obj.dep_ == "dobj" else v.right_edge.i
    for c in v.children:  # "signed a deal on tourism" with "on" hung on the verb
        if c.dep_ == "prep" and c.i == end + 1 and c.lower_ in ("on", "over", "for", "covering"):
            end = c.right_edge.i
    # "signed a deal to build a pipeline", also past the partner ("signed a deal with B
    # to supply gas"): the purpose belongs to the deal
    withs = [c for c in v.children if c.dep_ == "prep" and c.lower_ == "with" and c.i > end]
    after = max([end] + [w.right_edge.i for w in withs if w.i == end + 1])
    for c in v.children:
        if c.dep_ in ("advcl", "xcomp") and c.i == after + 2 and ctx.doc[c.i - 1].lower_ == "to":
            end = c.right_edge.i
    if v.dep_ == "xcomp" and v.head.lemma_ in ("fail", "refuse"):
        # "A and B failed to reach a deal on X": an open disagreement, not a deal
        if not parties:
            parties, _ = _subject_parties(ctx, v.head)
        _add(ctx, out, parties, "disagreed", _clip(ctx, v.head.i, end), v)
        return
    _add(ctx, out, parties, "agreed", _clip(ctx, start, end), v)


_PROPOSALS = frozenset(
    ["request", "proposal", "application", "bid", "offer", "plan", "demand", "appeal",
     "promise", "invitation", "assurance", "term"]
)  # fmt: skip
_ACCEPT_VERBS = frozenset(
    ["approve", "accept", "grant", "comply", "accede", "heed"]
)  # not "back": support is no deal
# Acceptance told through a preposition: "complied with B's request", "acceded to it".
_ACCEPT_PREPS = {"comply": "with", "accede": "to"}


_STEER_VERBS = frozenset(["lead", "bring", "steer", "guide", "nudge", "push"])


def steered_rule(ctx: DocContext, v: Token, out: list[_Draft]) -> None:
    """ "A mediator led the two sides to a power-sharing agreement", "brought A and B to
    an accord": the sides it names reached the deal."""
    if _conditional(v) or _negated(v) or _irrealis(v) or ctx.is_future(v):
        return
    deal = next((p for p in _pobjs(v, "to") if _is_deal(p) and _deal_realised(ctx, p)), None)
    obj = next((c for c in v.children if c.dep_ == "dobj"), None)
    if deal is None or obj is None:
        return
    parties = [x for t in ctx.coordinated(obj) for x in ctx.parties(t)]
    if ctx.is_group_anaphor(obj):
        # "led the two sides to an agreement that made A president and B prime minister":
        # the sides the deal itself names before any recalled from earlier
        named = list(dict.fromkeys(n for t in deal.subtree if (n := ctx.persons.at(t))))
        parties = named if len(named) >= 2 else parties
    if len(set(parties)) < 2:
        return
    _add(ctx, out, parties, "agreed", _clip(ctx, deal.left_edge.i, deal.right_edge.i), v)


def accept_rule(ctx: DocContext, v: Token, out: list[_Draft]) -> None:
    """ "The IMF approved Sri Lanka's request for a freeze", "Indonesia accepted the
    Paris Club offer": accepting another named party's proposal is agreeing with it."""
    if _refused(v) and v.lemma_ == "accept":
        refusal_rule(ctx, v, out)
        return
    if _conditional(v) or _negated(v) or _irrealis(v):
        return
    if ctx.is_future(v) and not (v.dep_ == "ccomp" and v.head.lemma_ in _ANNOUNCE_VERBS):
        return  # "will accept"; but "announced she will comply": the decision is made
    prep = _ACCEPT_PREPS.get(v.lemma_)
    things = _pobjs(v, prep) if prep else [c for c in v.children if c.dep_ == "dobj"]
    obj = next((c for c in things if c.lemma_ in _PROPOSALS), None)
    if obj is None:
        return
    proposers = [
        n
        for c in obj.children
        if c.dep_ in ("poss", "compound") and c.i < obj.i
        for n in ctx.parties(c)
    ]
    # "the request of Prime Minister B", "an offer from B"
    proposers += [n for p in _pobjs(obj, "of") + _pobjs(obj, "from") for n in ctx.parties(p)]
    parties, _ = _subject_parties(ctx, v)
    proposers = [p for p in proposers if p not in parties]
    if not parties or not proposers:
        return
    _add(ctx, out, parties + proposers, "agreed", _clip(ctx, v.i, obj.right_edge.i), v)


_GIVE_VERBS = frozenset(["grant", "extend", "lend", "give", "provide", "award", "approve"])
_FINANCE = frozenset(
    ["loan", "credit", "bridge", "aid", "grant", "package", "facility", "guarantee",
     "assistance", "funding", "relief", "rescheduling", "standby", "line"]
)  # fmt: skip


def granted_rule(ctx: DocContext, v: Token, out: list[_Draft]) -> None:
    """ "The United States and 12 other nations granted Argentina a 500 mln dlr bridge
    loan", "the IMF approved a loan to Kenya": a lender and a borrower who have settled
    a loan (done, not offered)."""
    if _conditional(v) or _negated(v) or _irrealis(v) or ctx.is_future(v):
        return
    obj = next(
        (c for c in v.children if c.dep_ == "dobj" and c.lemma_ in _FINANCE and c.pos_ == "NOUN"),
        None,
    )
    if obj is None:
        return
    recipients = [x for c in v.children if c.dep_ == "dative" for x in ctx.parties(c)]
    recipients += [x for p in _pobjs(v, "to") + _pobjs(obj, "to") + _pobjs(obj, "for")
                   for x in ctx.parties(p)]  # fmt: skip
    givers, subj = _subject_parties(ctx, v)
    recipients = [r for r in recipients if r not in givers]
    if not givers or not recipients:
        return
    start = subj.left_edge.i if subj is not None and subj.i < v.i else v.i
    _add(ctx, out, givers + recipients, "agreed", _clip(ctx, start, obj.right_edge.i), v)


def _refused(v: Token) -> bool:
    return _negated(v) or (v.dep_ == "xcomp" and v.head.lemma_ in ("refuse", "decline"))


_SUPPORT_VERBS = frozenset(["back", "support", "endorse"])


def refusal_rule(ctx: DocContext, v: Token, out: list[_Draft]) -> None:
    """ "Israel refuses to accept Syria's denials", "France did not accept the British
    proposal", "A would not back B's plans": refusing what the other side holds sets
    the two against each other."""
    anchor = v.head if v.dep_ == "xcomp" else v
    if _conditional(anchor):
        return
    obj = next((c for c in v.children if c.dep_ == "dobj"), None)
    if obj is None:
        return
    parties, _ = _subject_parties(ctx, anchor)
    others = [p for p in _owners(ctx, obj) if p not in parties]
    if not parties or not others:
        return
    # the text keeps the refusal and its reason: "could not support B's plan because ..."
    start = min([anchor.i] + [c.i for c in anchor.children if c.dep_ in ("aux", "neg")])
    _add(ctx, out, parties + others, "disagreed", _clip(ctx, start, _clause_end(v)), v)


# Leaving a post is each one's own act: "They announced they would quit" is no agreement.
_DEPARTURES = frozenset(["quit", "resign", "retire", "leave", "step", "stand", "go"])
# Nor is a stance taken alike: "they would welcome a debate".
_STANCES = frozenset(["welcome", "like", "love", "prefer", "consider", "support", "favour"])


def joint_intent_rule(ctx: DocContext, v: Token, out: list[_Draft]) -> None:
    """ "Moscow and Ankara announced they would coordinate their airstrikes", "Both
    sides said they planned to reopen their consulates": two parties saying together
    what they both will do have agreed on it."""
    if _negated(v) or _conditional(v) or _irrealis(v):
        return
    parties, subj = _subject_parties(ctx, v)
    if len(set(parties)) < 2 or (subj is not None and subj.lower_ in ("they", "we")):
        return  # a joint intent needs its parties named, not guessed ("They said they ...")
    for c in v.children:
        if c.dep_ != "ccomp" or _negated(c) or _conditional(c):
            continue
        subj = next((k for k in c.children if k.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.lower_ not in ("they", "we"):
            continue
        if any(k.dep_ == "advmod" and k.lower_ in ("also", "too") for k in c.children):
            continue  # "Both A and B said they also plan to X": each, like someone else
        intends = any(
            k.dep_ == "aux" and k.lower_ in ("will", "would", "shall") for k in c.children
        )
        plans = c.lemma_ in ("plan", "intend", "decide") and any(
            k.dep_ == "xcomp" for k in c.children
        )
        act = next((k for k in c.children if k.dep_ == "xcomp"), c) if plans else c
        if (intends or plans) and act.lemma_ not in _DEPARTURES | _STANCES:
            _add(ctx, out, parties, "agreed", _clip(ctx, c.left_edge.i, c.right_edge.i), v)


_DECIDE_VERBS = frozenset(["decide", "conclude", "resolve"])


def joint_decision_verb(ctx: DocContext, v: Token, out: list[_Draft]) -> None:
    """ "Norway and Iceland decided that the sanctions should stay", "The ministers of A
    and B concluded that ...": what two named parties decided together they agreed on."""
    if _negated(v) or _conditional(v) or _irrealis(v) or ctx.is_future(v) or ctx.in_quote[v.i]:
        return  # (a quoted speaker's gloss on others' decision is the speaker's)
    comp = next((c for c in v.children if c.dep_ in ("ccomp", "xcomp")), None)
    if comp is None or (v.lemma_ == "conclude" and comp.dep_ != "ccomp"):
        return  # "concluded a deal" is read by the deal rules
    parties, subj = _subject_parties(ctx, v)
    if len(set(parties)) < 2 or (subj is not None and subj.lower_ in ("they", "we")):
        return
    if any(k.dep_ == "advmod" and k.lower_ in ("separately", "independently") for k in v.children):
        return
    _add(ctx, out, parties, "agreed", _clip(ctx, comp.left_edge.i, comp.right_edge.i), v)


_JOINT_DECISIONS = frozenset(["decision", "commitment", "pledge", "plan"])
_ANNOUNCE_VERBS = frozenset(["announce", "say", "state", "declare", "confirm"])


def joint_decision_rule(ctx: DocContext, n: Token, out: list[_Draft]) -> None:
    """ "the decision by India and Pakistan to open a bus link", "A and B's decision to
    X": a decision two parties took together is an agreement on it."""
    owners = [x for b in _pobjs(n, "by") for t in ctx.coordinated(b) for x in ctx.parties(t)]
    owners += [x for k in n.children if k.dep_ == "poss" for x in ctx.parties(k)]
    to = next((c for c in n.children if c.dep_ in ("acl", "relcl") and c.i > n.i), None)
    if len(set(owners)) < 2 or to is None or not any(k.lower_ == "to" for k in to.children):
        return
    gov = ctx.governing_verb(n)
    if gov is not None and (_negated(gov) or _conditional(gov)):
        return
    _add(ctx, out, owners, "agreed", _clip(ctx, to.left_edge.i, to.right_edge.i), n)


def _approval(obj: Token) -> bool:
    """ "the go-ahead", "the go ahead", "the green light", "their approval" """
    low = obj.lower_
    if low in ("go-ahead", "approval", "blessing"):
        return True
    if low == "go":
        nxt = obj.doc[obj.i + 1] if obj.i + 1 < len(obj.doc) else None
        return any(c.lower_ == "ahead" for c in obj.children) or (
            nxt is not None and nxt.lower_ == "ahead"
        )
    return low == "light" and any(c.lower_ == "green" for c in obj.children)


def go_ahead_rule(ctx: DocContext, v: Token, out: list[_Draft]) -> None:
    """ "Albania, Bulgaria and Macedonia have given the go-ahead for a pipeline": a
    joint approval by two or more named parties is an agreement on what it approves."""
    if _conditional(v) or _negated(v) or _irrealis(v) or ctx.is_future(v):
        return
    obj = next((c for c in v.children if c.dep_ == "dobj" and _approval(c)), None)
    if obj is None:
        return
    parties, _ = _subject_parties(ctx, v)
    if len(set(parties)) < 2:
        return  # one side's approval is a decision, not an agreement
    _add(ctx, out, parties, "agreed", _clip(ctx, v.i, _clause_end(v)), v)


def enter_rule(ctx: DocContext, v: Token, out: list[_Draft]) -> None:
    """ "A entered into an agreement with B": A and B agreed."""
    if _conditional(v) or _negated(v) or _irrealis(v) or ctx.is_future(v):
        return
    deals = [p for p in _pobjs(v, "into") if _is_deal(p)]
    if not deals:
        return
    parties, _ = _subject_parties(ctx, v)
    parties += [p for p in _with_parties(ctx, v, *deals) if p not in parties]
    if len(parties) < 2:
        return
    _add(ctx, out, parties, "agreed", _clip(ctx, v.i, deals[0].right_edge.i), v)


_CALL_VERBS = frozenset(["call", "urge", "appeal"])
# "issued an urgent call for X", "made a joint appeal for X": the call as a noun
_CALL_NOUN_VERBS = frozenset(["issue", "make", "launch"])
_CALL_NOUNS = frozenset(["call", "appeal", "plea"])
_CLAUSES = frozenset(["xcomp", "ccomp", "advcl"])
_TIES = frozenset(["relation", "relations", "tie", "ties"])
_TIE_VERBS = frozenset(
    ["establish", "restore", "resume", "normalise", "normalize", "upgrade", "forge"]
)


def _both_sides(ctx: DocContext, v: Token, obj: Token) -> list[str]:
    """The subject's parties and those "with" the act, when two or more are named."""
    parties, _ = _subject_parties(ctx, v)
    parties += [p for p in _with_parties(ctx, v, obj) if p not in parties]
    return parties if len(set(parties)) >= 2 else []


_CUT_VERBS = frozenset(["sever", "cut", "break", "suspend", "downgrade", "freeze", "fall"])


def cut_ties_rule(ctx: DocContext, v: Token, out: list[_Draft]) -> None:
    """ "A severed diplomatic ties with B", "A and B broke off relations": an open break
    between the two, whoever is blamed."""
    if _conditional(v) or _irrealis(v) or _negated(v) or ctx.is_future(v):
        return
    obj = next((c for c in v.children if c.dep_ == "dobj" and c.lemma_ in _TIES), None)
    if obj is None:
        _broke_with(ctx, v, out)
        return
    parties = _both_sides(ctx, v, obj)
    if not parties:
        return
    end = max([obj.right_edge.i] + [c.right_edge.i for c in v.children if c.lower_ == "with"])
    _add(ctx, out, parties, "disagreed", _clip(ctx, v.i, end), v)


def _broke_with(ctx: DocContext, v: Token, out: list[_Draft]) -> None:
    """ "Sadat broke with the Soviet Union", "A fell out with B": a break between named
    sides (not "broke with tradition"; "split with" is as often a parting of ways)."""
    if v.lemma_ == "fall" and not any(c.dep_ == "prt" and c.lower_ == "out" for c in v.children):
        return
    if v.lemma_ == "break" and any(c.dep_ in ("dobj", "prt") for c in v.children):
        return  # "broke the deadlock with B", "broke off talks": not a break with B
    sides, subj = _subject_parties(ctx, v)
    partners = [x for o in _pobjs(v, "with") for t in ctx.coordinated(o) for x in ctx.parties(t)]
    if not sides or not partners or set(sides) & set(partners):
        return
    start = subj.left_edge.i if subj is not None and subj.i < v.i else v.i
    _add(ctx, out, sides + partners, "disagreed", _clip(ctx, start, _clause_end(v)), v)


def _joint_object(v: Token) -> Token | None:
    """What a joint act is about: "pledged to X", "urged B to X", "called for X"."""
    if v.lemma_ in _TIE_VERBS:
        return next((c for c in v.children if c.dep_ == "dobj" and c.lemma_ in _TIES), None)
    if v.lemma_ == "call":
        return next(
            (
                c
                for c in v.children
                if (c.dep_ == "prep" and c.lower_ in ("for", "on"))
                or (  # "called for the UN to begin airdrops"
                    c.dep_ in ("advcl", "ccomp", "xcomp")
                    and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)
                )
            ),
            None,
        )
    if v.lemma_ in _CALL_NOUN_VERBS:
        return next(
            (
                c
                for n in v.children
                if n.dep_ == "dobj" and n.lemma_ in _CALL_NOUNS
                for c in n.children
                if (c.dep_ == "prep" and c.lower_ == "for")
                or c.dep_ in ("acl", "relcl")
                # "a call for the UN to begin airdrops"
                or (c.dep_ == "advcl" and any(m.dep_ == "mark" for m in c.children))
            ),
            None,
        )
    if v.lemma_ == "commit":
        # "committed (themselves) to X" pledges; "conspiring to commit fraud" does not
        return next((c for c in v.children if c.dep_ == "prep" and c.lower_ == "to"), None)
    kids = [c for c in v.children if c.dep_ in ("xcomp", "ccomp", "dobj")]
    return kids[-1] if kids else None


_DECLINE = frozenset(["decline", "reject", "refuse", "rebuff", "spurn", "turn", "dismiss"])


def _refused_next(ctx: DocContext, v: Token, askers: list[str]) -> list[str]:
    """Who, in the next sentence, turns down the request just made: "The embassy
    declined the request." (someone other than the askers)."""
    end = v.sent.end
    if end >= len(ctx.doc) or not askers:
        return []
    root = ctx.doc[end].sent.root
    if root.lemma_ not in _DECLINE or _negated(root):
        return []
    if root.lemma_ == "turn" and not any(c.lower_ == "down" for c in root.children):
        return []
    if not any(
        c.dep_ == "dobj" and (c.lemma_ in _PROPOSALS or c.lemma_ in _CALL_NOUNS)
        for c in root.children
    ):
        return []
    subj = ctx.subject_of(root)
    refusers = ctx.parties(subj, allow_groups=True) if subj is not None else []
    if subj is not None and not refusers and subj.pos_ == "NOUN":
        refusers = [_named_before(ctx, subj)]  # "the embassy": the body the story is about
    return [r for r in refusers if r not in askers]


_ASK_VERBS = frozenset(["ask", "urge", "press", "request", "call", "appeal", "invite"])
_SAME_ONE = frozenset(["he", "she", "they", "it"])


_CONSENT = frozenset(["agree", "accept", "consent"])


def _answer(v: Token) -> str | None:
    """ "refused", "turned down": disagreed; "agreed", "accepted": agreed."""
    if _negated(v) or _conditional(v) or _irrealis(v):
        return None
    if v.lemma_ in _CONSENT and not any(c.dep_ == "xcomp" for c in v.children):
        return "agreed"  # "and he agreed" (not "he agreed to study it")
    if v.lemma_ in _DECLINE and (v.lemma_ != "turn" or any(c.lower_ == "down" for c in v.children)):
        return "disagreed"
    return None


def request_refused_rule(ctx: DocContext, v: Token, out: list[_Draft]) -> None:
    """ "A asked B to X, but he refused", "A urged B to X. B declined.": a request one
    side turned down sets the asker against the one refusing; "A asked B to X, and
    he agreed" is a deal between them. A request alone, or one left unanswered, is
    one side's position."""
    if _conditional(v) or _irrealis(v) or _negated(v) or ctx.is_future(v):
        return
    objs = [c for c in v.children if c.dep_ == "dobj"]
    if v.lemma_ in ("call", "appeal"):  # "called on B to X"
        objs += _pobjs(v, "on") + _pobjs(v, "to")
    clause = next((c for c in v.children if c.dep_ in ("xcomp", "ccomp")), None)
    if clause is None and v.lemma_ in ("call", "appeal"):
        clause = next((k for o in objs for k in o.children if k.dep_ == "xcomp"), None)
    askers, _ = _subject_parties(ctx, v)
    asked = [x for o in objs for x in ctx.parties(o)]
    if clause is None or not askers or not asked:
        return
    told_in = None
    refuser = next((c for c in v.children if c.dep_ == "conj" and _answer(c)), None)
    if refuser is None and v.sent.end < len(ctx.doc):
        # the next sentence, if it opens with the one asked answering: "Lind refused."
        refuser = ctx.doc[v.sent.end].sent.root
        told_in = ctx.doc[v.sent.start : ctx.doc[v.sent.end].sent.end]
    polarity = _answer(refuser) if refuser is not None else None
    if refuser is None or polarity is None:
        return
    subj = ctx.subject_of(refuser)
    if subj is None:
        return
    if subj.lower_ in _SAME_ONE:
        # a pronoun: in the same sentence the one asked ("but he refused", "but it
        # declined" of a government); the next sentence may mean either side, so
        # there the refuser must be named
        people = [ctx.persons.is_person(a) for a in asked]
        if told_in is not None or (subj.lower_ == "it" and any(people)):
            return
        if subj.lower_ in ("he", "she") and not any(people):
            return
    elif not set(ctx.parties(subj, allow_groups=True)) & set(asked):
        return
    if set(asked) & set(askers):
        return
    text = _clip(ctx, clause.i if polarity == "agreed" else v.i, clause.right_edge.i)
    _add(ctx, out, askers + asked, polarity, text, v, told_in)


def _named_before(ctx: DocContext, noun: Token) -> str:
    """ "the embassy" after "the US Embassy in London": the body named before, whose
    name ends in the noun; else the noun itself."""
    for ent in reversed([e for e in ctx.doc.ents if e.end <= noun.i]):
        if ent.label_ in ("ORG", "FAC") and ent[-1].lower_ == noun.lower_:
            return ctx.entity_text(ent.root) or ent.text
    return noun.text


def _reported_by(ctx: DocContext, v: Token) -> list[str]:
    """ "A and B said they were committed to X": the sayers "they" are, when the clause
    is what they said."""
    clause = v
    while clause.dep_ in ("xcomp", "conj", "acomp") and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "ccomp" or clause.head.lemma_ not in SAY_VERBS:
        return []
    return _subject_parties(ctx, clause.head)[0]


_RIVAL_VERBS = frozenset(
    ["want", "propose", "call", "demand", "insist", "favour", "favor", "prefer", "seek",
     "urge", "suggest", "push", "argue"]
)  # fmt: skip
_DASHES = frozenset(["-", "\u2013", "\u2014", "--"])


def _position(v: Token) -> bool:
    """A verb stating what a side wants ("wants X", "called for X", "insists on X")."""
    if v.pos_ != "VERB" or v.lemma_ not in _RIVAL_VERBS:
        return False
    if v.lemma_ in ("call", "push") and not any(c.lower_ == "for" for c in v.children):
        return False  # "called for X", "pushed for X", not "called him"
    return not (_negated(v) or _conditional(v) or _irrealis(v))


def _rival_clause(v: Token) -> Token | None:
    """The clause that sets another side's position against `v`'s: "A wants X, but B
    wants Y", "..., while B insists on Y", "A want X - B wants Y" (the first clause
    then hangs on the second)."""
    kids = list(v.children)
    if any(c.dep_ == "cc" and c.lower_ in ("but", "yet", "whereas") for c in kids):
        for c in kids:
            if c.dep_ == "conj" and c.i > v.i and _position(c):
                return c
    for c in kids:
        if (
            c.dep_ == "advcl"
            and c.i > v.i
            and any(k.dep_ == "mark" and k.lower_ in ("while", "whereas") for k in c.children)
            and _position(c)
        ):
            return c
    return None


def _dash_rival(v: Token) -> tuple[Token, Token] | None:
    """ "A want X - B wants Y": the parser hangs one clause on the other's verb as its
    complement; a dash between them, on either verb, says they are two statements."""
    for c in v.children:
        if c.dep_ != "ccomp" or not _position(c):
            continue
        first, second = (c, v) if c.i < v.i else (v, c)
        if any(t.text in _DASHES and t.head in (v, c) for t in v.doc[first.i + 1 : second.i]):
            return first, second
    return None


def rival_positions(ctx: DocContext, v: Token, out: list[_Draft]) -> None:
    """ "The Commission proposed X, but Germany and Britain called for Y", "A wants
    the budget capped at 1%, but the Commission wants 1.26%": two sides that state
    opposite positions in one sentence are divided."""
    if not _position(v) or ctx.is_future(v):
        return
    pairs = []
    rival = _rival_clause(v)
    if rival is not None:
        pairs.append((v, rival))
    dashed = _dash_rival(v)
    if dashed is not None:
        pairs.append(dashed)
    for first, second in pairs:
        a, subj = _subject_parties(ctx, first)
        b, _ = _subject_parties(ctx, second)
        if not a or not b or set(a) & set(b):
            continue
        start = subj.left_edge.i if subj is not None and subj.i < first.i else first.i
        end = max(t.i for t in second.subtree)
        _add(ctx, out, a + b, "disagreed", _clip(ctx, start, end), first)
        return


def pledge_rule(ctx: DocContext, v: Token, out: list[_Draft]) -> None:
    """ "A and B pledged to X", "A and B urged C to X", "A, B and C called for X",
    "A established diplomatic relations with B": what two or more named parties do
    together, they agreed on; one party alone only states its own position."""
    if _conditional(v) or _irrealis(v) or _negated(v) or _denied(v):
        return
    if v.lemma_ not in JOINT_PLEDGE_VERBS and ctx.is_future(v):
        return  # a pledge is made when announced; a call or new ties when they happen
    if v.dep_ == "conj" and _position(v.head) and _rival_clause(v.head) == v:
        return  # "A proposed X, but B and C called for Y": a rival position, no pact
    subj = ctx.subject_of(v)
    if subj is None:
        return
    speakers = _reported_by(ctx, v) if subj.lower_ == "they" else []
    if subj.lower_ in ("they", "them") and len(set(speakers)) < 2:
        return  # a joint pledge needs its parties named, not guessed
    comp = _joint_object(v)
    if comp is None:
        return
    if speakers:
        parties = speakers  # "A and B said they were committed to X"
    elif v.lemma_ in _TIE_VERBS:
        # "established relations with B": B is a side of the ties
        parties = _both_sides(ctx, v, comp)
    else:
        # "urged talks with B", "pledged cooperation with B": what one side asks for or
        # promises, with B inside it
        parties = _both_sides(ctx, v, v)
    if not parties:
        return
    end = comp.right_edge.i
    if v.lemma_ in _CALL_VERBS:  # "called on B to X": the call runs to its clause
        end = max([end] + [c.right_edge.i for c in v.children if c.dep_ in _CLAUSES])
    refusers = _refused_next(ctx, v, parties) if v.lemma_ in _CALL_VERBS else []
    if refusers:
        # "A and B urged the immunity be waived. The embassy declined the request.": the
        # call answered with a refusal sets the callers against the one refusing
        told_in = ctx.doc[v.sent.start : ctx.doc[v.sent.end].sent.end]
        text = _clip(ctx, v.i, end)
        _add(ctx, out, parties + refusers, "disagreed", text, v, told_in)
        return
    _add(ctx, out, parties, "agreed", _clip(ctx, v.i, end), v)


# "A and B disagreed over X", "A clashed with B on X": an open disagreement.
_DISAGREE_VERBS = frozenset(
    ["disagree", "clash", "differ", "quarrel", "wrangle", "feud", "spar", "bicker", "squabble"]
)


def divided_rule(ctx: DocContext, v: Token, out: list[_Draft]) -> None:
    prep = next(
        (c for c in v.children if c.dep_ == "prep" and c.lower_ in ("over", "on", "about")), None
    )
    if prep is None:
        return
    if v.lemma_ in _DISAGREE_VERBS and (_conditional(v) or _irrealis(v) or _negated(v)):
        return  # "did not disagree", "might clash": no open disagreement
    parties, _ = _subject_parties(ctx, v)
    if v.lemma_ in _DISAGREE_VERBS:
        # named sides only: "protesters clashed with police over X" is no diplomacy
        subj = ctx.subject_of(v)
        parties = ctx.parties(subj) if subj is not None else []
        parties += [n for w in _pobjs(v, "with") for n in ctx.parties(w) if n not in parties]
    if len(parties) < 2:
        return
    start = v.i
    head = v.head if v.dep_ == "acomp" else v
    for c in head.children:
        if c.dep_ == "advmod" and c.i < v.i and c.i > (ctx.subject_of(v) or v).i:
            start = min(start, c.i)
    _add(ctx, out, parties, "disagreed", _clip(ctx, start, prep.right_edge.i), v)


def at_odds_rule(ctx: DocContext, n: Token, out: list[_Draft]) -> None:
    """ "A and B remain at odds over X", "A was at odds with B on X"."""
    if n.dep_ != "pobj" or n.head.lower_ != "at":
        return
    v = n.head.head
    if _conditional(v) or _negated(v) or _irrealis(v):
        return
    subj = ctx.subject_of(v)
    parties = ctx.parties(subj) if subj is not None else []
    parties += [p for p in _with_parties(ctx, n) if p not in parties]
    if len(parties) < 2:
        return
    _add(ctx, out, parties, "disagreed", _clip(ctx, n.head.i, n.right_edge.i), v)


# "A and B settled their border dispute": the dispute ended in agreement.
_SETTLE_VERBS = frozenset(["settle", "resolve"])
# Ending a dispute, but not an agreement by itself: "ended the dispute" may be a ruling.
_ENDS_ALONE = frozenset(["end", "solve", "defuse", "overcome"])
_DISPUTES = frozenset(["dispute", "disputes", "row", "feud", "conflict", "differences"])


def settle_rule(ctx: DocContext, v: Token, out: list[_Draft]) -> None:
    if _conditional(v) or _negated(v) or _irrealis(v) or ctx.is_future(v):
        return
    if (
        v.dep_ == "xcomp"
        or (v.dep_ in ("advcl", "acl") and v.tag_ not in ("VBD", "VBN"))
        or any(c.lower_ == "to" for c in v.children)
    ):
        # "agreed to settle", "to resolve differences, they ...": not settled; but "when
        # the two sides resolved a dispute" was
        return
    obj = next((c for c in v.children if c.dep_ == "dobj" and c.lower_ in _DISPUTES), None)
    if obj is None:
        return
    subj = ctx.subject_of(v)
    parties = ctx.parties(subj) if subj is not None else []
    parties += [p for p in _with_parties(ctx, v, obj) if p not in parties]
    if len(parties) < 2:
        return
    _add(ctx, out, parties, "agreed", _clip(ctx, v.i, obj.right_edge.i), v)


# ("dismissed the Tory attack" is a rebuttal of criticism and "declined the offer" a
# polite refusal: neither is a dispute between the two.)
# "A refused B's request", "A denied B's charge", "A blocked B's plan", "A turned down
# B's offer": a rejection of the other side's position.
_REJECT_VERBS = frozenset(
    ["oppose", "reject", "rebuff", "spurn", "dismiss", "dispute", "refuse", "deny", "block",
     "veto", "turn", "denounce", "repudiate", "pour", "balk"]
)  # fmt: skip
# "rebuffed the minister" is a snub, "dismissed the minister" a sacking: these reject
# only things (offers, proposals, claims).
_REJECT_THINGS_ONLY = frozenset(
    ["rebuff", "spurn", "dismiss", "dispute", "refuse", "deny", "block", "veto", "turn",
     "denounce", "repudiate", "pour", "balk"]
)  # fmt: skip
_PROPOSE_VERBS = frozenset(["offer", "propose", "make", "submit", "table", "present", "put"])


# "a plan proposed by B": B's plan
_AUTHOR_VERBS = frozenset(["propose", "back", "draft", "submit", "table", "sponsor", "present"])


# What a side puts forward, which another side can reject.
_POSITIONS = _PROPOSALS | frozenset(
    ["claim", "call", "suggestion", "idea", "initiative", "allegation", "accusation", "charge",
     "complaint", "argument"]
)  # fmt: skip


def _owners(ctx: DocContext, noun: Token) -> list[str]:
    """Whose `noun` is: "Japan's proposal", "the American proposal", "the US complaint",
    "a plan backed by B"."""
    out = [n for k in noun.children if k.dep_ == "poss" for n in ctx.parties(k)]
    out += [
        n
        for k in noun.children
        if k.dep_ == "acl" and k.lemma_ in _AUTHOR_VERBS
        for p in ctx.agent_objects(k)
        for n in ctx.parties(p)
    ]
    side = ctx.nationality_of(noun)
    if side:
        out.append(side)
    out += [
        n
        for k in noun.children
        if k.dep_ == "compound" and k.i < noun.i and k.ent_type_ in ("GPE", "ORG", "NORP")
        for n in ctx.parties(k)
    ]
    if noun.lemma_ in _POSITIONS:
        # "the claim by General Idris", "a proposal from Norway"
        out += [n for p in _pobjs(noun, "by") + _pobjs(noun, "from") for n in ctx.parties(p)]
    # "dismissed opposition allegations": the opposition, a side of its own
    out += [
        "opposition"
        for k in noun.children
        if k.dep_ in ("compound", "amod") and k.lower_ == "opposition" and k.i < noun.i
    ]
    return out


def _proposer(ctx: DocContext, pron: Token, v: Token) -> list[str]:
    """ "A offered a compromise but this was rejected by B": "this" is A's offer."""
    if pron.lower_ not in ("this", "it", "that") or v.dep_ != "conj":
        return []
    head = v.head
    if head.lemma_ not in _PROPOSE_VERBS:
        return []
    return _subject_parties(ctx, head)[0]


_COUNTER_CLAIMS = frozenset(
    ["insist", "say", "argue", "maintain", "contend", "counter", "claim", "defend", "back",
     "support"]
)  # fmt: skip


def _countering(ctx: DocContext, v: Token, rejecters: list[str]) -> list[str]:
    """Who answers a rejection in the same sentence: "..., but B insists it is fair",
    "..., while B says it is fair" (a conjunct after "but", or a "while" clause)."""
    kids = list(v.children)
    contrast = any(c.dep_ == "cc" and c.lower_ in ("but", "yet") for c in kids)
    answers = [c for c in kids if c.dep_ == "conj" and contrast]
    answers += [
        c
        for c in kids
        if c.dep_ == "advcl" and any(k.lower_ in ("while", "whereas") for k in c.children)
    ]
    out: list[str] = []
    for a in answers:
        if a.lemma_ not in _COUNTER_CLAIMS or _negated(a):
            continue
        subj = next((c for c in a.children if c.dep_ == "nsubj"), None)
        out += [p for p in (ctx.parties(subj) if subj is not None else []) if p not in rejecters]
    return out


def _antecedent(relcl: Token) -> Token:
    """What a "which"/"that" clause is about: its head, or the position a "by"/"from"
    phrase hangs on ("the proposal by Norway, which was rejected": the proposal)."""
    head = relcl.head
    prep = head.head
    if head.dep_ == "pobj" and prep.lower_ in ("by", "from") and prep.head.lemma_ in _POSITIONS:
        return prep.head
    return head


def _rejected_things(v: Token) -> list[Token]:
    """What a rejecting verb rejects: its object; "poured cold water on B's plan" and
    "balked at B's demand" reject what their preposition names."""
    if v.lemma_ == "pour":
        cold = any(
            c.dep_ == "dobj" and c.lemma_ == "water" and any(k.lower_ == "cold" for k in c.children)
            for c in v.children
        )
        return _pobjs(v, "on") if cold else []
    if v.lemma_ == "balk":
        return _pobjs(v, "at")
    return [c for c in v.children if c.dep_ == "dobj"]


# Verbs that put a position forward, which a later "rejected that idea" answers
# (an accusation denied next is `accuse_rule`'s).
_PUT_FORWARD = frozenset(
    ["say", "claim", "propose", "suggest", "call", "urge", "argue", "allege", "demand",
     "insist", "offer"]
)  # fmt: skip
_ANAPHORIC_DET = frozenset(["that", "this", "these", "those", "the", "such"])
# Positions someone voices (not plans, which a government has without saying them).
_VOICED = frozenset(
    ["claim", "allegation", "accusation", "charge", "suggestion", "idea", "assertion",
     "argument", "call", "demand", "proposal", "offer"]
)  # fmt: skip


def _put_forward_before(
    ctx: DocContext, v: Token, rejecters: list[str]
) -> tuple[list[str], Token, Token] | None:
    """ "Letwin claimed the chancellor had a black hole in his finances. Mr Brown denied
    the claim.": a position rejected by a bare anaphoric noun ("the claim", "that idea",
    "the suggestion"), with no owner of its own, is the one the sentence before put
    forward; its side is who put it forward there (one named side, not a rejecter).
    Returns the sides, the subject and the verb that put it forward."""
    things = [t for t in _rejected_things(v) if t.lemma_ in _VOICED]
    if len(things) != 1 or v.sent.start == 0:
        return None
    if any(c.lower_ in ("also", "too") for c in v.children):
        return None  # "B also opposes the plans": siding with the sentence before
    thing = things[0]
    kids = list(thing.children)
    if not any(c.dep_ == "det" and c.lower_ in _ANAPHORIC_DET for c in kids) or any(
        c.dep_ in ("poss", "prep", "acl", "relcl", "compound", "amod", "nmod") for c in kids
    ):
        return None  # "the claim that X", "the Tory claims", "claims by B": not an anaphor
    prev = ctx.doc[v.sent.start - 1].sent
    for c in prev:
        if c.pos_ != "VERB" or c.lemma_ not in _PUT_FORWARD or _negated(c):
            continue
        if c.lemma_ == "call" and not _pobjs(c, "for"):
            continue  # "called for X", not "called B"
        if c.dep_ not in ("ROOT", "conj") or ctx.in_quote[c.i]:
            continue
        sides, subj = _subject_parties(ctx, c)
        sides = [x for x in sides if x not in rejecters]
        if len(sides) == 1 and subj is not None and subj.i < c.i:
            return sides, subj, c
    return None


def oppose_rule(ctx: DocContext, v: Token, out: list[_Draft]) -> None:
    if _conditional(v) or _irrealis(v):
        return
    if v.lemma_ == "turn" and not any(c.dep_ == "prt" and c.lower_ == "down" for c in v.children):
        return  # only "turned down" rejects
    passive = any(c.dep_ == "auxpass" for c in v.children)
    # Who rejects and whose thing is rejected: both sides must be named, and differ
    # ("A and B opposed the bill" is one side's position, not a dispute between them).
    rejecters: list[str] = []
    rejected: list[str] = []
    end = _clause_end(v)
    if passive:
        seen_subject = False
        for c in v.children:
            if c.dep_ == "agent":
                rejecters += [x for p in c.children if p.dep_ == "pobj" for x in ctx.parties(p)]
            if c.dep_ == "nsubjpass" and not seen_subject:  # a second one is a misparse
                seen_subject = True
                if v.lemma_ in _REJECT_THINGS_ONLY and ctx.persons.at(c):
                    return
                if c.lower_ in ("that", "which") and v.dep_ == "relcl":
                    c = _antecedent(v)  # "a claim by B that has been denied by C"
                rejected += _owners(ctx, c)
                rejected += ctx.parties(c)
                rejected += _proposer(ctx, c, v)
        subj = next((c for c in v.children if c.dep_ == "nsubjpass"), None)
        start = subj.left_edge.i if subj is not None else v.i
        if subj is not None and subj.lower_ in ("that", "which") and v.dep_ == "relcl":
            start = _antecedent(v).left_edge.i  # from the thing the clause is about
        if subj is not None and _proposer(ctx, subj, v):
            # the text names what was offered: "A offered X but this was rejected by B"
            start = min(start, v.head.left_edge.i)
        parties = rejected + rejecters  # in the order of the sentence
    else:
        rejecters, _ = _subject_parties(ctx, v)
        for c in _rejected_things(v):
            if v.lemma_ in _REJECT_THINGS_ONLY and (ctx.persons.at(c) or c.pos_ == "PROPN"):
                return
            rejected += ctx.parties(c)
            rejected += _owners(ctx, c)
            # "rejected the basis for Greece's proposal", "the terms of B's offer"
            rejected += [n for p in _pobjs(c, "for") + _pobjs(c, "of") for n in _owners(ctx, p)]
        start = v.i
        if rejecters and not set(rejected) - set(rejecters):
            # "A opposes the plan, but B insists it is fair": the other side speaks up
            answer = _countering(ctx, v, rejecters)
            if answer:
                rejected += answer
                start = next((c.left_edge.i for c in v.children if c.dep_ == "nsubj"), v.i)
                end = max(v.right_edge.i, v.sent.end - 2)  # to the close of the answer
        if rejecters and not rejected:
            put = _put_forward_before(ctx, v, rejecters)
            if put is not None:
                # "B called for X. A rejected that idea.": the side that put it forward,
                # and the text says what it was
                claimers, first, claim = put
                parties = rejecters + claimers
                told_in = ctx.doc[first.sent.start : v.sent.end]
                if any(ctx.on_the_bench(r) for r in rejecters):
                    return
                text = _clip(ctx, claim.i, _clause_end(claim))
                _add(ctx, out, parties, "disagreed", text, v, told_in)
                return
        parties = rejecters + rejected
    if not rejecters or not set(rejected) - set(rejecters):
        return  # one side rejecting something is a position, not a dispute between parties
    if any(ctx.on_the_bench(r) for r in rejecters):
        return  # "Judge B dismissed A's lawsuit": a ruling, not a side in the dispute
    _add(ctx, out, parties, "disagreed", _clip(ctx, start, end), v)


_CRITICISE = frozenset(
    ["criticise", "criticize", "attack", "accuse", "condemn", "blast", "slam", "denounce",
     "mock", "ridicule", "lambast", "rebuke"]
)  # fmt: skip


def hit_back_rule(ctx: DocContext, v: Token, out: list[_Draft]) -> None:
    """ "B hit back at A's claims": a retort sets B against A. With no "at", B answers
    the criticism the sentence before aimed at B ("A attacked B's plan. B hit back.")."""
    if not any(c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in v.children):
        return
    if _conditional(v) or _irrealis(v) or _negated(v):
        return
    hitters, subj = _subject_parties(ctx, v)
    if not hitters:
        return
    targets = [x for o in _pobjs(v, "at") for x in ctx.parties(o) + _owners(ctx, o)]
    start = subj.left_edge.i if subj is not None and subj.i < v.i else v.i
    text = _clip(ctx, start, _clause_end(v))
    told_in = None
    if not targets and v.sent.start > 0:
        for c in ctx.doc[v.sent.start - 1].sent:
            if c.pos_ != "VERB" or c.lemma_ not in _CRITICISE or _negated(c):
                continue
            aimed = [
                x for o in c.children if o.dep_ == "dobj" for x in ctx.parties(o) + _owners(ctx, o)
            ]
            critics, critic = _subject_parties(ctx, c)
            if critics and set(hitters) & set(aimed):
                targets = critics  # the text tells what drew the retort
                first = critic.left_edge.i if critic is not None and critic.i < c.i else c.i
                text = _clip(ctx, first, _clause_end(c))
                told_in = ctx.doc[c.sent.start : v.sent.end]
                break
    targets = [t for t in dict.fromkeys(targets) if t not in hitters]
    if not targets:
        return
    _add(ctx, out, hitters + targets, "disagreed", text, v, told_in)


_TALKS = frozenset(["talks", "negotiations", "dialogue"])
_SHUN = frozenset(["refuse", "reject", "decline", "shun", "boycott", "rule"])


_QUIT = frozenset(["break", "end", "suspend", "abandon", "quit", "leave", "walk", "halt"])


def refused_talks(ctx: DocContext, n: Token, out: list[_Draft]) -> None:
    """ "Separatists will not enter into any talks with Kyiv", "A refused to hold talks
    with B", "A ruled out negotiations with B": one side shuts the other out, a stance
    against it (a dispute). Talks merely not held ("did not meet") are no stance."""
    partners = _pobjs(n, "with")
    gov = ctx.governing_verb(n)
    if not partners or gov is None or _conditional(gov):
        return
    if gov.lemma_ in _QUIT:
        return  # "will not break off talks with B": they go on, no stance against B
    shut = gov
    if gov.dep_ == "xcomp" and gov.head.lemma_ in _SHUN:
        shut = gov.head  # "refused to hold talks with B"
    if shut.lemma_ == "rule" and not any(c.lower_ == "out" for c in shut.children):
        return
    refused = shut.lemma_ in _SHUN and not _negated(shut)
    door = ctx.door_shut_on(n) or ctx.door_shut_on(gov)
    if door is not None and not _conditional(door):
        shut, refused = door, True  # "slammed the door on (resuming) talks with B"
    will_not = _negated(gov) and any(
        c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "wo", "can", "ca")
        for c in gov.children
    )
    if not (refused or will_not):
        return
    sides, subj = _subject_parties(ctx, shut)
    others = [x for p in partners for t in ctx.coordinated(p) for x in ctx.parties(t)]
    if not sides or not set(others) - set(sides):
        return
    start = subj.left_edge.i if subj is not None and subj.i < shut.i else shut.i
    _add(ctx, out, sides + others, "disagreed", _clip(ctx, start, n.right_edge.i), shut)


def against_rule(ctx: DocContext, v: Token, out: list[_Draft]) -> None:
    """ "Britain and Germany were firmly against the U.S. proposal", "A is against B's
    plan": a stand against what another side put forward."""
    if _conditional(v) or _irrealis(v) or _negated(v) or ctx.in_quote[v.i]:
        return
    things = [p for c in v.children if c.dep_ == "prep" and c.lower_ == "against"
              for p in c.children if p.dep_ == "pobj"]  # fmt: skip
    rejected = [x for t in things if t.lemma_ in _POSITIONS for x in _owners(ctx, t)]
    rejecters, subj = _subject_parties(ctx, v)
    if not rejecters or not set(rejected) - set(rejecters):
        return
    start = subj.left_edge.i if subj is not None and subj.i < v.i else v.i
    end = max(t.right_edge.i for t in things)
    _add(ctx, out, rejecters + rejected, "disagreed", _clip(ctx, start, end), v)


def opposition_noun(ctx: DocContext, n: Token, out: list[_Draft]) -> None:
    """ "A defended X, despite opposition from B" """
    froms = _pobjs(n, "from")
    if not froms:
        return
    gov = ctx.governing_verb(n)
    if gov is None:
        return
    authors, subj = _subject_parties(ctx, gov)
    top = gov
    for _ in range(3):  # "defended plans to end X despite ...": up to the one who acts
        if authors or top.dep_ not in ("xcomp", "acl", "advcl", "ccomp"):
            break
        up = top.head if top.head.pos_ in ("VERB", "AUX") else ctx.governing_verb(top.head)
        if up is None or up.i == top.i:
            break
        top = up
        authors, _ = _subject_parties(ctx, top)
    # The parties are on opposite sides, so the text names what divides them ("over
    # plans to end the embargo"), not the act of one side ("defended plans ...").
    obj = next((c for c in top.children if c.dep_ == "dobj" and c.i < n.i), None)
    what = (obj.left_edge.i, min(obj.right_edge.i, n.head.i - 1)) if obj is not None else None
    if not authors and subj is not None:
        # "B's plan faces opposition from C", "plans by B, which have provoked opposition
        # from C": the plan's owner is the other side (the opponents are not co-parties)
        thing = gov.head if gov.dep_ == "relcl" else subj  # the antecedent of "which"
        authors = _owners(ctx, thing)
        end = gov.left_edge.i - 1 if gov.dep_ == "relcl" else thing.right_edge.i
        what = (thing.left_edge.i, end)
    objectors = [x for f in froms for x in ctx.parties(f)]
    if not objectors or not set(authors) - set(objectors):
        return
    if what:
        clause = _clip(ctx, *what)
        # "over the EU plan", not "over The EU plan": a sentence's first word mid-text
        first = ctx.doc[what[0]]
        if first.is_sent_start and (
            first.pos_ == "DET" or (first.pos_ == "NOUN" and not first.ent_type_)
        ):
            clause = clause[:1].lower() + clause[1:]
        text = "over " + clause
    else:
        text = _clip(ctx, gov.i, gov.right_edge.i)
    _add(ctx, out, authors + objectors, "disagreed", text, gov)


def no_agreement(ctx: DocContext, n: Token, out: list[_Draft]) -> None:
    """ "Talks ... have ended without agreement" """
    gov = ctx.governing_verb(n)
    if gov is None:
        return
    ended_without = n.head.lower_ == "without" and gov.lemma_ in _ENDINGS
    none_reached = any(c.lower_ == "no" for c in n.children) and gov.lemma_ == "reach"
    if not (ended_without or none_reached):
        return
    parties, subj = _subject_parties(ctx, gov)
    start = subj.left_edge.i if subj is not None else gov.i
    text = _clip(ctx, start, _clause_end(gov))
    if not parties:
        # The talks' sides are named nearby; `link_parties` fills them in.
        out.append(_Draft([], "disagreed", text, ctx.evidence(n.sent), n.i))
        return
    _add(ctx, out, parties, "disagreed", text, gov)


# A participle naming how a deal came about: "the accord reached in 2015 between A and B".
_MADE = SIGN_VERBS | frozenset(["agree", "negotiate", "broker", "work"])
# A deal that is not (yet) one: "a possible US-China deal", "seek a US-China deal".
_UNREAL_DEAL = frozenset(["possible", "potential", "proposed", "draft", "future", "hoped"])
_NOT_YET = _UNREAL_DEAL | frozenset(["likely", "unlikely", "close", "near", "imminent"])
_SOUGHT = frozenset(
    ["seek", "want", "hope", "push", "pursue", "propose", "negotiate", "discuss", "work",
     "need", "urge", "oppose", "reject", "block", "threaten"]
)  # fmt: skip


def _between_objects(n: Token) -> list[Token]:
    """ "a deal between A and B", "the deal reached last year between A and B", "the
    points agreed between A and B" (the "between" hung on the participle)."""
    # "The Paris Agreement, by the United States, Japan and Canada, called for X"
    makers = [
        p
        for p in (_pobjs(n, "by") if n.lower_ in _DEAL_WORDS else [])
        if p.ent_type_ in ("GPE", "ORG", "PERSON", "NORP")  # not "by the deadline"
    ]
    return (
        _pobjs(n, "between")
        + makers
        + [
            p
            for c in n.children
            if c.dep_ == "acl" and c.lemma_ in _MADE
            for p in _pobjs(c, "between")
        ]
    )


# Nouns under which a deal is only wanted or worked on: "an interest in a swift
# agreement", "talks on signing a pact".
_WANTING = frozenset(
    ["interest", "hope", "need", "call", "push", "bid", "effort", "talk", "talks",
     "negotiation", "negotiations", "discussion", "discussions"]
)  # fmt: skip


def _wanted(tok: Token) -> bool:
    """ "interest in a swift agreement", "formal talks on signing a pact" """
    prep = tok.head
    return (
        tok.dep_ in ("pobj", "pcomp")
        and prep.lower_ in ("in", "on", "about", "over")
        and prep.head.pos_ == "NOUN"
        and prep.head.lemma_ in _WANTING
    )


def _deal_realised(ctx: DocContext, n: Token) -> bool:
    """The noun names a deal that exists, not one sought, doubted or refused."""
    if any(c.lower_ in ("no", "any") or c.lower_ in _UNREAL_DEAL for c in n.children):
        return False
    if n.head.lower_ in ("without", "for", "towards", "toward") or _wanted(n):
        return False
    gov = n.head
    if gov.pos_ not in ("VERB", "AUX") or n.dep_ not in ("dobj", "nsubjpass", "nsubj"):
        return True  # "a complaint about the US-Japan accord": named, not sought
    return not (
        (gov.lemma_ in _SOUGHT and n.dep_ != "nsubj")  # "the pact calls for X": its terms
        or any(c.dep_ == "acomp" and c.lower_ in _NOT_YET for c in gov.children)
        or _negated(gov)
        or _conditional(gov)
        or _irrealis(gov)
        or (ctx.is_future(gov) and gov.lemma_ not in SIGN_VERBS)
    )


# What a deal, as the subject, lays down: "the accord calls on Tehran to curb X".
_TERMS = frozenset(
    ["call", "provide", "allow", "require", "commit", "oblige", "give", "grant", "set", "peg",
     "envisage", "stipulate", "cover", "cap", "limit", "guarantee", "ensure", "bar", "ban",
     "restrict", "establish", "create", "return", "permit", "open", "pave"]
)  # fmt: skip


def _terms_end(n: Token, end: int) -> int:
    """Where the text of a deal named by `n` ends: with its terms when the deal is the
    subject of a verb that lays them down ("The July 14 agreement between A and B calls
    on Tehran to curb its nuclear program"), else at `end`."""
    v = n.head
    made = _reduced_relative(n)
    if made is not None:
        # "The agreement reached in December pegged output at X", read as two verbs
        v = next((c for c in made.children if c.dep_ == "conj" and c.pos_ == "VERB"), made)
    if n.dep_ != "nsubj" or v.pos_ != "VERB" or v.lemma_ not in _TERMS or _negated(v):
        return end
    return max(end, _clause_end(v))


def _reduced_relative(n: Token) -> Token | None:
    """ "The agreement reached at the session pegged output at X": the parser makes the
    participle the deal's verb and the real verb its conjunct. A deal reaches nothing,
    so a "reached" with no object of its own is the participle."""
    v = n.head
    if (
        n.dep_ == "nsubj"
        and v.lemma_ in _DRAWN
        and v.tag_ in ("VBD", "VBN")
        and not any(c.dep_ in ("dobj", "auxpass", "aux", "ccomp", "xcomp") for c in v.children)
        and any(
            c.dep_ == "conj"
            and c.pos_ == "VERB"
            and not any(k.dep_ in ("nsubj", "nsubjpass") for k in c.children)
            for c in v.children
        )
    ):
        return v
    return None


def deal_terms(ctx: DocContext, n: Token, out: list[_Draft]) -> None:
    """ "A and B reached an agreement on Monday. The agreement calls on A to X": the
    deal just reported, named again with its terms, which then tell what it is (the
    bare report gives way to them, see `drop_bare_signings`)."""
    v = n.head
    if (
        n.dep_ != "nsubj"
        or _terms_end(n, n.i) == n.i
        or not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in n.children)
        or any(c.dep_ in ("poss", "prep", "acl", "relcl", "appos") for c in n.children)
        or _conditional(v)
        or _irrealis(v)
    ):
        return
    sent = n.sent
    before = ctx.doc[sent.start - 1].sent if sent.start > 0 else None
    told = [d for d in out if before is not None and before.start <= d.start < before.end]
    bare = [d for d in told if d.polarity == "agreed" and _BARE_SIGNING.match(d.text)]
    if len(bare) == 1:
        _add(ctx, out, bare[0].parties, "agreed", _clip(ctx, n.left_edge.i, _terms_end(n, n.i)), n)


def deal_between(ctx: DocContext, n: Token, out: list[_Draft]) -> None:
    """ "a trade deal between the two countries", "the U.S.-Japanese accord on chips" """
    betweens = _between_objects(n)
    if not betweens:
        hyphen = ctx.hyphen_countries(n)
        if hyphen and _deal_realised(ctx, n) and n.dep_ not in ("attr", "oprd"):
            end = n.right_edge.i
            for c in n.head.children:  # "breached the US-Japan pact on chips", "on" misplaced
                if c.dep_ == "prep" and c.i == end + 1 and c.lower_ in ("on", "over", "for"):
                    end = c.right_edge.i
            text = _clip(ctx, n.left_edge.i, _terms_end(n, end))
            _add(ctx, out, hyphen, "agreed", text, n)
            if out and out[-1].start == n.i:
                out[-1].mention = True
        elif not made_with(ctx, n, out):
            background_deal(ctx, n, out)
        return
    if betweens and _none_reached(n):
        # "There was no agreement between A and B on X": they failed to agree
        parties = [x for b in betweens for t in ctx.coordinated(b) for x in ctx.parties(t)]
        be = n.head
        if len(set(parties)) >= 2 and not (ctx.is_future(be) or _conditional(be)):
            start = min([be.i] + [c.i for c in be.children if c.dep_ == "expl"])
            _add(ctx, out, parties, "disagreed", _clip(ctx, start, n.right_edge.i), n)
        return
    if not betweens or any(c.lower_ == "no" for c in n.children) or n.head.lower_ == "without":
        return
    if n.dep_ in ("attr", "oprd") or n.head.lower_ == "as":
        return  # "describes this as the most important agreement between ...": a description
    if _wanted(n):
        return  # "a keen interest in a swift agreement between A and B"
    # "between Iran and world powers" parsed with "Iran" as a modifier of "powers"
    betweens += [k for b in list(betweens) for k in coordinated_modifiers(b)]
    parties = [
        x for b in betweens for t in ctx.coordinated(b) for x in ctx.parties(t, allow_groups=True)
    ]
    gov = ctx.governing_verb(n)
    if len(set(parties)) < 2 and gov is not None and n.dep_ == "dobj":
        # "A and B announced an agreement between the two countries": who announced it
        parties = _subject_parties(ctx, gov)[0] if not ctx.is_future(gov) else []
    if len(set(parties)) < 2:
        return
    text = _clip(ctx, n.left_edge.i, _terms_end(n, n.right_edge.i))
    _add(ctx, out, parties, "agreed", text, n)
    if out and out[-1].start == n.i:
        out[-1].mention = True


_DRAWN = _MADE | frozenset(["draw", "hammer", "thrash"])


def made_with(ctx: DocContext, n: Token, out: list[_Draft]) -> bool:
    """ "a package agreed with Mexico's creditors", "an accord signed in Moscow with B",
    "a programme drawn up by Nigeria and the World Bank": the participle names who
    made the deal (with a partner, or two or more agents)."""
    if not _deal_realised(ctx, n) or n.dep_ in ("attr", "oprd"):
        return False
    misread = _reduced_relative(n)
    for v in [*n.children, *([misread] if misread is not None else [])]:
        relative = v.dep_ == "relcl" and any(c.dep_ == "auxpass" for c in v.children)
        # (an "acl" the tagger calls a past tense is still the participle)
        participle = v.tag_ == "VBN" or (v.dep_ == "acl" and v.tag_ == "VBD") or v is misread
        relative = relative or v is misread
        if not (v.dep_ == "acl" or relative) or not participle or v.lemma_ not in _DRAWN:
            continue  # "a deal agreed with B", "the pact, which was agreed by A and B"
        if _negated(v) or _conditional(v):
            return True
        agents = _agents(ctx, v, allow_groups=True)
        partners = [
            x
            for p in _pobjs(v, "with")
            for t in ctx.coordinated(p)
            for x in ctx.parties(t, allow_groups=True) or _lenders_of(ctx, t)
        ]
        owners = [x for k in n.children if k.dep_ == "poss" for x in ctx.parties(k)]
        parties = list(dict.fromkeys(owners + agents + partners))
        members = [] if parties else _gathered(ctx, v)
        if len(parties) >= 2 or partners or members:
            parties = parties or members
            text = _clip(ctx, n.left_edge.i, _terms_end(n, _clause_end(v)))
            _add(ctx, out, parties, "agreed", text, n)
            if out and out[-1].start == n.i:
                out[-1].mention = True
            return True
        return bool(parties)  # one named maker: not the story's two sides
    return False


def _gathered(ctx: DocContext, v: Token) -> list[str]:
    """ "the agreement reached at a session of OPEC ministers": the members of the
    gathering the deal was made at, who made it among themselves (a plural group)."""
    return [
        x
        for prep in ("at", "during")
        for g in _pobjs(v, prep)
        if g.lemma_ in MEETING_NOUNS or g.lower_ in MEETING_NOUNS
        for m in _pobjs(g, "of")
        if m.tag_ == "NNS"
        for t in ctx.coordinated(m)
        for x in ctx.parties(t, allow_groups=True)
    ]


_FORMAL_DEALS = frozenset(["pact", "accord", "agreement", "treaty", "protocol"])
_DEAL_WORDS = _FORMAL_DEALS | {"deal"}
_KEPT = frozenset(
    ["violate", "breach", "honour", "honor", "implement", "respect", "observe", "renege",
     "abide", "comply", "live", "flout", "break", "breached", "uphold",
     # what only an existing deal can undergo: "will not renew an agreement which ..."
     "renew", "scrap", "terminate", "abrogate", "suspend", "cancel", "revoke"]
)  # fmt: skip
_YEAR = re.compile(r"(?:19|20)\d\d")


def background_deal(ctx: DocContext, n: Token, out: list[_Draft]) -> None:
    """ "a pact on microchip trade signed last September", "a 1986 bilateral pact": a
    deal the story recalls without naming its sides, who are then the two countries
    the story is about (none when no pair stands out)."""
    if n.lemma_ not in _FORMAL_DEALS or n.pos_ != "NOUN" or ctx.in_quote[n.i]:
        return
    if any(
        c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("with", "of")) for c in n.children
    ):
        return  # someone's own deal, or a deal "with B" / "of the G7": theirs to read
    # made: "a pact signed last year", "a pact on chip trade signed last year" (the
    # participle hung on the topic), "That pact, agreed last year, calls on ..." (read
    # as the clause's verb)
    made = any(
        c.dep_ in ("acl", "relcl")
        and c.lemma_ in _MADE
        and (c.tag_ == "VBN" or any(a.dep_ == "auxpass" for a in c.children))
        for c in n.subtree
        if c.i > n.i and c.head.i - n.i <= 4
    ) or (
        n.dep_ == "nsubj"
        and n.head.lemma_ in _MADE
        and n.head.tag_ in ("VBD", "VBN")
        and n.i + 2 == n.head.i
        and n.doc[n.i + 1].text == ","
    )
    gov = ctx.governing_verb(n)
    # kept or broken: "Japan has violated a pact on chips", "failure to live up to a pact"
    kept = gov is not None and gov.lemma_ in _KEPT and gov.i < n.i
    dated = any(_YEAR.fullmatch(c.text) for c in n.children if c.i < n.i)
    bilateral = any(c.lower_ == "bilateral" for c in n.children)
    topic = any(
        (c.dep_ in ("prep", "acl") and c.lower_ in ("on", "over", "for", "to", "covering"))
        # "an agreement which supports the price of Fijian sugar", "... that will station
        # troops at five bases"
        or (
            c.dep_ == "relcl"
            and c.lemma_ not in _MADE
            and (
                c.tag_ in ("VBZ", "VBP", "VBD")
                or (c.tag_ == "VB" and any(a.lower_ == "will" for a in c.children))
            )
        )
        for c in n.children
    )
    # what a deal lays down tells of one that exists: "the ceasefire agreement called for X"
    terms = _terms_end(n, n.i) > n.i
    if not (made or terms or ((dated or bilateral or kept) and topic)) or n.dep_ in (
        "attr",
        "oprd",
    ):
        return  # "a 1994 agreement": too little to tell which deal
    if any(c.lower_ in ("no", "any") or c.lower_ in _UNREAL_DEAL for c in n.children):
        return
    if not kept and not _deal_realised(ctx, n):
        return  # "hopes to sign a 1986-style pact"; a pact broken was made, whoever doubts
    sides = ctx.article_sides()
    if len(sides) < 2:
        return
    end = n.right_edge.i
    if n.dep_ == "nsubj" and n.head.lemma_ in _MADE:
        end = n.head.right_edge.i  # "That pact, agreed last year, calls on Japan to X"
    _add(ctx, out, sides, "agreed", _clip(ctx, n.left_edge.i, _terms_end(n, end)), n)
    if out and out[-1].start == n.i:
        out[-1].mention = True


_LENDERS = frozenset(["creditors", "lenders", "banks", "donors", "bondholders"])


def _lenders_of(ctx: DocContext, t: Token) -> list[str]:
    """ "agreed with Mexico's creditors": the debtor and its lenders, the two sides of a
    debt deal, though the lenders go unnamed."""
    if t.lower_ not in _LENDERS:
        return []
    owners = [n for k in t.children if k.dep_ == "poss" for n in ctx.parties(k)]
    return [*owners, t.lower_] if owners else []


# Acts whose object is the other side of the deal: "agreed to buy AT&T", "to acquire
# 33% of Changyu", "to merge with B", "to sell its stake to B".
_TAKEOVER_VERBS = frozenset(["buy", "acquire", "purchase", "merge", "sell", "take"])
_FIRM_NOUNS = frozenset(["company", "firm", "group", "bank", "maker", "carrier", "airline"])


def _deal_counterparts(ctx: DocContext, act: Token) -> list[str]:
    """The company a buy-out, merger or sale agreed to is made with."""
    if act.lemma_ not in _TAKEOVER_VERBS or act.pos_ != "VERB":
        return []
    if act.lemma_ == "take" and not any(
        c.dep_ == "prt" and c.lower_ == "over" for c in act.children
    ):
        return []
    objs = [c for c in act.children if c.dep_ == "dobj"]
    objs += [p for o in objs for p in _pobjs(o, "of")]  # "33% of Changyu", "a stake of B"
    # "a stake in B": whatever B is tagged, a firm (unless a person or a real place)
    held = [p for o in objs if o.lemma_ in ("stake", "share") for p in _pobjs(o, "in")]
    # "buy Alfa-Eco's stake in Sun Interbrew": the deal is with the seller who holds it
    sellers = [
        k for o in objs if o.lemma_ in ("stake", "share") for k in o.children if k.dep_ == "poss"
    ]
    if sellers:
        held = []
    objs += _pobjs(act, "with") if act.lemma_ == "merge" else []
    if act.lemma_ == "sell":  # "to sell its stake to B", however "to B" hangs
        objs += _pobjs(act, "to") + [p for o in objs for p in _pobjs(o, "to")]
        for c in act.children:
            if c.dep_ == "dative":  # "to B" parsed as a dative, or "sold B its stake"
                objs += [p for p in c.children if p.dep_ == "pobj"] or [c]
    out: list[str] = []
    for o in objs:
        for t in ctx.coordinated(o):
            if t.ent_type_ == "ORG":
                out += ctx.parties(t)
            elif t.ent_type_ == "GPE" and t.tag_ == "NNP" and not is_known_place(t.text):
                # "to merge with Gazprom", tagged a place no gazetteer knows: a firm
                out.append(ctx.entity_text(t) or t.text)
            elif (
                t.tag_ == "NNP"
                and not t.ent_type_
                and any(c.dep_ == "compound" and c.lemma_ in _FIRM_NOUNS for c in t.children)
            ):
                out.append(t.text)  # "wine company Chalone", a name the NER left out
    for k in sellers:
        if k.tag_ == "NNP":
            out.append(ctx.party(k) or ctx.doc[k.left_edge.i : k.i + 1].text)
    for t in held:
        # one word tagged a person cannot hold shares: a firm the NER misread
        misread = t.ent_type_ == "PERSON" and t.left_edge.i == t.i
        firm = t.tag_ == "NNP" and (t.ent_type_ in ("", "ORG", "GPE") or misread)
        if firm and not is_known_place(t.text):
            out.append(t.text if misread else (ctx.party(t) or t.text))
    return list(dict.fromkeys(out))


# Acts done "in a deal": the deal is between the one acting and the firm acted on.
_DEAL_ACTS = _TAKEOVER_VERBS | frozenset(["supply", "order", "lease"])


_FAILED_DEAL = frozenset(["collapse", "fail", "fall", "founder", "stall", "unravel"])


def the_deal_to(ctx: DocContext, n: Token, out: list[_Draft]) -> None:
    """ "EU leaders met Erdogan on Friday. The deal to open formal talks with Ankara
    came despite ...": the deal to do X, with no sides of its own, is between the
    sides of the talks just told."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in n.children):
        return
    content = next(
        (
            c
            for c in n.children
            if c.dep_ in ("acl", "relcl")
            and c.pos_ == "VERB"
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        ),
        None,
    )
    if content is None or not _deal_realised(ctx, n):
        return
    if any(c.dep_ in ("poss", "compound") for c in n.children) or _pobjs(n, "between"):
        return  # sides of its own: the other rules read them
    gov = n.head
    if n.dep_ == "nsubj" and gov.lemma_ in _FAILED_DEAL:
        return
    sides = ctx.recall(n.i)
    if len(sides) < 2:
        return
    _add(ctx, out, sides, "agreed", _clip(ctx, n.i, content.right_edge.i), n)


_RESTATED_REACH = 120  # tokens back to the report of a deal named again as "the agreement"


def under_deal(ctx: DocContext, n: Token, out: list[_Draft]) -> bool:
    """ "Under the agreement, Turkey must issue a statement", "South Africa will repay
    13 pct of its debt under an agreement reached today": the clause the deal governs
    tells what was agreed. Its sides are those the deal names, the clause's subject,
    or, for "the agreement" named again, the sides of the talks just told."""
    prep = n.head
    act = prep.head
    if n.dep_ != "pobj" or prep.lower_ != "under" or act.pos_ not in ("VERB", "AUX"):
        return False
    if act.dep_ in ("acl", "relcl", "amod") or ctx.in_quote[n.i]:
        return False  # "the 60% allowed under the pact": a figure, not a clause
    if _conditional(act) or _negated(act) or not _deal_realised(ctx, n):
        return False
    clauses = [v for v in n.children if v.dep_ in ("acl", "relcl")]
    made = [v for v in clauses if v.lemma_ in _DRAWN]
    if len(made) < len(clauses):
        return False  # "under the standstill agreement expiring in June": told of the deal
    own = [
        x
        for t in (*_between_objects(n), *(p for v in made for p in _pobjs(v, "with")))
        for k in ctx.coordinated(t)
        for x in ctx.parties(k, allow_groups=True)
    ] + [x for v in made for x in _agents(ctx, v, allow_groups=True)]
    doers, subj = _subject_parties(ctx, act)
    parties = own + doers
    if doers and not own:
        # "Chile will import gas from Peru under a deal", "Russia will supply Hungary
        # with gas under the agreement": the other side is the one the clause deals with
        partners = [
            x
            for t in (
                *(c for c in act.children if c.dep_ in ("dobj", "dative") and c.i != n.i),
                *(p for w in ("from", "to", "with") for p in _pobjs(act, w)),
            )
            if t.ent_type_ in ("GPE", "ORG", "PERSON", "NORP")
            for k in ctx.coordinated(t)
            for x in ctx.parties(k)
        ]
        parties += [x for x in partners if x not in parties]
    if len(set(parties)) < 2 and not own and any(c.lower_ == "the" for c in n.children):
        # "the agreement" named again: the deal reported in the sentences just before
        sent = n.sent.start
        told = [
            d
            for d in out
            if d.polarity == "agreed" and d.start < sent and n.i - d.start <= _RESTATED_REACH
        ]
        if told:
            parties = told[-1].parties
        elif doers and set(doers) < set(sides := ctx.recall(n.i)):
            parties = sides  # the sides just told, when the clause's subject is one of them
    if not parties:
        return False
    start = subj.left_edge.i if subj is not None and subj.i < act.i else act.i
    start = max(start, prep.right_edge.i + 1) if prep.i < act.i else start
    end = _clause_end(act) if prep.i < start else min(_clause_end(act), prep.i - 1)
    _add(ctx, out, parties, "agreed", _clip(ctx, start, end), n)
    return True


def in_a_deal(ctx: DocContext, n: Token, out: list[_Draft]) -> None:
    """ "Boeing is to supply Japan Airlines with 50 planes in a deal worth $6bn", "S&N is
    to buy 37.5% of United Breweries in a deal worth $106m", "Air Deccan has ordered 30
    Airbus planes in a $1.8bn deal": the act's subject and the firm it deals with."""
    deal = n.head if n.dep_ == "appos" and n.head.lower_ in _CURRENCY_WORDS else n
    if deal.dep_ != "pobj" or deal.head.lower_ != "in" or deal.head.dep_ != "prep":
        return  # ("in a dollars 1.8bn deal": the amount read as the head, the deal its appos)
    act = ctx.governing_verb(deal)
    if act is None or act.pos_ != "VERB" or act.lemma_ not in _DEAL_ACTS:
        return
    if _negated(act) or _conditional(act) or _irrealis(act) or not _deal_realised(ctx, n):
        return
    buyers, subj = _subject_parties(ctx, act)
    if not buyers:
        return
    others = _deal_counterparts(ctx, act)
    firms = [c for c in act.children if c.dep_ in ("dobj", "dative")]
    firms += _pobjs(act, "from") + _pobjs(act, "to")
    if act.lemma_ == "order":  # "ordered 30 Airbus A320 planes": the maker named on the goods
        firms += [k for o in list(firms) for k in o.subtree if k.dep_ == "compound" and k.i < o.i]
    for t in firms:
        for x in ctx.coordinated(t):
            if x.ent_type_ == "ORG":
                others += ctx.parties(x)
            elif x.tag_ in ("NNP", "NNPS") and not x.ent_type_ and x.left_edge.i < x.i:
                # "Japan Airlines", tagged a place and an untagged word: one firm's name
                first = x.left_edge.i
                while first < x.i and ctx.doc[first].tag_ not in ("NNP", "NNPS"):
                    first += 1
                if first < x.i and not is_known_place(ctx.doc[first : x.i + 1].text):
                    others.append(ctx.doc[first : x.i + 1].text)
    others = [o for o in dict.fromkeys(others) if o not in buyers]
    if not others:
        return
    start = subj.left_edge.i if subj is not None and subj.i < act.i else act.i
    _add(ctx, out, buyers + others, "agreed", _clip(ctx, start, n.right_edge.i), n)


def accuse_rule(ctx: DocContext, v: Token, out: list[_Draft]) -> None:
    """ "A accused B of X", "A charged B's government of X", "A sued B" """
    if (
        _conditional(v)
        or _irrealis(v)
        or (
            v.lemma_ == "charge"
            # "charged B with X", or the "of" hung on the object ("B's government of X")
            and not any(
                c.dep_ == "prep" and c.lower_ in ("of", "with")
                for k in (v, *(o for o in v.children if o.dep_ == "dobj"))
                for c in k.children
            )
        )
    ):
        return
    accusers, _ = _subject_parties(ctx, v)
    accused: list[str] = []
    for c in v.children:
        if c.dep_ == "dobj":
            accused += ctx.parties(c)
            accused += [n for k in c.children if k.dep_ == "poss" for n in ctx.parties(k)]
    told_in = None
    if not ctx.sent_has(v, _DENIALS):
        if _denied_next(ctx, v, accusers):
            told_in = ctx.doc[v.sent.start : ctx.doc[v.sent.end].sent.end]
        elif not (accusers and accused and _between_nations(ctx, v, accusers + accused)):
            return  # an accusation alone is one-sided; answered with a denial it is a dispute
    if _denied(v):
        # "he denied accusing Germany of X": the accuser's own denial; "A accused B of
        # X, a charge B denied": the accused answers
        denier = ctx.subject_of(v.head)
        if denier is None or not set(ctx.parties(denier)) & set(accused):
            return
    parties = accusers + accused
    if len(set(parties)) < 2:
        return
    subj = ctx.subject_of(v)
    start = subj.left_edge.i if subj is not None and subj.i < v.i else v.i
    _add(ctx, out, parties, "disagreed", _clip(ctx, start, _clause_end(v)), v, told_in)


_CHARGES = frozenset(["charge", "accusation", "allegation", "claim"])


def _nation(ctx: DocContext, party: str) -> str | None:
    """The country a side is or speaks for: "Turkey", "Tokyo", or a person the text
    titles with a country ("Iranian envoy A")."""
    word = ctx.country_word(party)
    if word or is_known_place(party):
        return fold(word or party)
    found = ctx.titles.get(party)
    for tok in found[1] if found else ():
        word = ctx.country_word(tok.text)
        if word:
            return fold(word)
    return None


def _between_nations(ctx: DocContext, v: Token, sides: list[str]) -> bool:
    """ "Turkey accused Greece of breaching the accord", "Iran's envoy accused the U.S.
    of violating the deal": an accusation one government levels at another, in the
    report's own words, is a diplomatic dispute even unanswered (a party attacking a
    party at home stays one-sided criticism)."""
    if v.lemma_ != "accuse" or ctx.in_quote[v.i]:
        return False
    nations = [_nation(ctx, p) for p in sides]
    return all(nations) and len(set(nations)) >= 2


def _denied_next(ctx: DocContext, v: Token, accusers: list[str]) -> bool:
    """ "India blames Pakistan for the unrest. Islamabad denies the charges.": the next
    sentence opens with someone other than the accuser denying the charge."""
    end = v.sent.end
    if end >= len(ctx.doc) or not accusers:
        return False
    nxt = ctx.doc[end].sent
    root = nxt.root
    if root.lemma_ not in ("deny", "reject", "dismiss", "refute") or _negated(root):
        return False
    if not any(c.dep_ == "dobj" and c.lemma_ in _CHARGES for c in root.children):
        return False
    subj = ctx.subject_of(root)
    deniers = ctx.parties(subj) if subj is not None else []
    return bool(deniers) and not set(deniers) & set(accusers)


_LODGE_VERBS = frozenset(["lodge", "file", "make", "register", "deliver", "send", "submit"])


def complaint_rule(ctx: DocContext, n: Token, out: list[_Draft]) -> None:
    """ "Canada filed a complaint against Brussels", "Japan lodged a protest with China",
    "China protested to Japan" """
    against = _pobjs(n, "against")
    if n.pos_ == "VERB":  # "protested to Japan", "protested against Tokyo's decision"
        if _conditional(n) or _irrealis(n) or _negated(n):
            return
        against += _pobjs(n, "to")
        gov: Token | None = n
    else:
        if n.lemma_ == "protest" and n.head.lemma_ in _LODGE_VERBS:
            # "lodged a protest with China"; not "took part in a protest with veterans"
            against += _pobjs(n, "with") + _pobjs(n, "to")
        gov = ctx.governing_verb(n)
    if not against or gov is None:
        return
    complainants, subj = _subject_parties(ctx, gov)
    accused = [x for a in against for x in ctx.parties(a) or _owners(ctx, a)]
    if not complainants or not set(accused) - set(complainants):
        return  # "a lawsuit against A and B" by someone unnamed: A and B are one side
    parties = complainants + accused
    start = subj.left_edge.i if subj is not None and subj.i < gov.i else gov.i
    _add(ctx, out, parties, "disagreed", _clip(ctx, start, _clause_end(gov)), gov)


def extract_agreements(ctx: DocContext) -> list[Agreement]:
    drafts: list[_Draft] = []
    for sent in ctx.sents:
        for tok in sent:
            lemma = tok.lemma_
            if tok.pos_ in ("VERB", "AUX"):
                if lemma in _ACCEPT_VERBS:
                    accept_rule(ctx, tok, drafts)
                if lemma in _GIVE_VERBS:
                    granted_rule(ctx, tok, drafts)
                if lemma in _STEER_VERBS:
                    steered_rule(ctx, tok, drafts)
                if lemma in _SUPPORT_VERBS and _refused(tok):
                    refusal_rule(ctx, tok, drafts)
                if lemma == "enter":
                    enter_rule(ctx, tok, drafts)
                if lemma == "give":
                    go_ahead_rule(ctx, tok, drafts)
                if lemma in _ISSUE_VERBS:
                    joint_text_rule(ctx, tok, drafts)
                if lemma in _TEXT_SAYS:
                    joint_text_says(ctx, tok, drafts)
                joint_act_rule(ctx, tok, drafts)
                if lemma in _ANNOUNCE_VERBS:
                    joint_intent_rule(ctx, tok, drafts)
                if lemma in _DECIDE_VERBS:
                    joint_decision_verb(ctx, tok, drafts)
                if lemma in _SETTLE_VERBS or (lemma not in _ENDS_ALONE and ends_dispute(tok)):
                    settle_rule(ctx, tok, drafts)
                if lemma == "agree":
                    agree_rule(ctx, tok, drafts)
                elif lemma in _DEAL_GOVERNED or _worked_out(tok):
                    deal_rule(ctx, tok, drafts)
                elif lemma in _CUT_VERBS:
                    cut_ties_rule(ctx, tok, drafts)
                elif lemma in JOINT_PLEDGE_VERBS | _CALL_VERBS | _TIE_VERBS | _CALL_NOUN_VERBS:
                    pledge_rule(ctx, tok, drafts)
                elif lemma in _REJECT_VERBS:
                    oppose_rule(ctx, tok, drafts)
                elif lemma == "hit":
                    hit_back_rule(ctx, tok, drafts)
                elif (
                    lemma in DISAGREE_ADJ or tok.lower_ in DISAGREE_ADJ or lemma in _DISAGREE_VERBS
                ):
                    divided_rule(ctx, tok, drafts)
            elif tok.pos_ == "ADJ" and tok.lower_ in DISAGREE_ADJ:
                divided_rule(ctx, tok, drafts)
            elif tok.pos_ == "NOUN" and tok.lower_ in ("odds", "loggerheads"):
                at_odds_rule(ctx, tok, drafts)
            elif (
                tok.lower_ == "apart"
                and tok.head.lemma_ in ("be", "remain", "stay")
                and any(c.lower_ in ("far", "wide", "wildly") for c in tok.children)
                and not _negated(tok.head)
            ):
                divided_rule(ctx, tok.head, drafts)  # "A and B remain far apart on X"
            elif tok.pos_ == "NOUN" and tok.lower_ == "opposition":
                opposition_noun(ctx, tok, drafts)
            elif tok.pos_ in ("NOUN", "PROPN") and tok.lower_ in (
                "agreement",
                "deal",
                "accord",
                "pact",
            ):
                no_agreement(ctx, tok, drafts)
                if not under_deal(ctx, tok, drafts):
                    deal_terms(ctx, tok, drafts)
                    deal_between(ctx, tok, drafts)
                    in_a_deal(ctx, tok, drafts)
                    the_deal_to(ctx, tok, drafts)
            elif tok.pos_ == "NOUN" and any(
                c.dep_ in ("acl", "relcl") and c.lemma_ in ("agree", "draw") for c in tok.children
            ):
                # "the points agreed between A and B", "a package agreed with B"
                deal_between(ctx, tok, drafts)
            elif tok.pos_ == "NOUN" and tok.lemma_ in _JOINT_DECISIONS:
                joint_decision_rule(ctx, tok, drafts)
            elif tok.pos_ == "NOUN" and tok.lower_ in (
                "complaint",
                "complaints",
                "lawsuit",
                "protest",
                "protests",
            ):
                complaint_rule(ctx, tok, drafts)
            if tok.pos_ == "NOUN" and tok.lower_ in _TALKS:
                refused_talks(ctx, tok, drafts)
            if tok.lemma_ == "be" and tok.pos_ in ("AUX", "VERB"):
                against_rule(ctx, tok, drafts)
            if tok.pos_ == "VERB" and lemma in ("accuse", "charge", "sue", "blame"):
                accuse_rule(ctx, tok, drafts)
            if tok.pos_ == "VERB" and lemma in _RIVAL_VERBS:
                rival_positions(ctx, tok, drafts)
            if tok.pos_ == "VERB" and lemma in _ASK_VERBS:
                request_refused_rule(ctx, tok, drafts)
            if tok.pos_ == "VERB" and lemma == "protest":
                complaint_rule(ctx, tok, drafts)
    return [d for d in _dedupe(drafts)]


_GENERIC = frozenset(["agreement", "agreements", "deal", "deals", "accord", "pact", "between"])


def _content(text: str) -> set[str]:
    """Content-word stems of a clause, without the words that name any deal."""
    words = {w.lower().strip(".,\"'()") for w in text.split()}
    return {w[:6] for w in words if len(w) > 3 and w not in _GENERIC and w.isalpha()}


# "signed the accord for Mexico", "signing the agreement on Tuesday": that a deal was
# signed, not what it is.
_BARE_SIGNING = re.compile(
    r"(?i:sign|signs|signed|signing|ink|inked|seal|sealed|reach|reached|reaching|struck)\s+"
    r"(?i:the|an?|this|that)\s+"
    r"(?i:agreement|deal|accord|pact|treaty)(?:\s+(?:yesterday|today|here"
    r"|(?:on|in|at)\s+(?:\d\S*|(?i:(?:mon|tues|wednes|thurs|fri|satur|sun)day|january"
    r"|february|march|april|may|june|july|august|september|october|november|december)"
    r"(?:\s+\d{1,2})?)|(?:for|in)\s+[A-Z]\w+))*$"
)


def drop_bare_signings(agreements: list[Agreement]) -> list[Agreement]:
    """ "signing the agreement on Tuesday", left over once restatements are merged: a
    signing that says nothing of the deal, where a deal of a shared party says what."""
    return [
        a
        for a in agreements
        if not (
            _BARE_SIGNING.match(a.text)
            and any(
                o is not a
                and o.polarity == "agreed"
                and not _BARE_SIGNING.match(o.text)
                and set(o.parties) & set(a.parties)
                for o in agreements
            )
        )
    ]


def _dedupe(drafts: list[_Draft]) -> list[Agreement]:
    seen: set[tuple[str, str]] = set()
    # A deal named again as a noun phrase ("the border agreement between A and B")
    # after A and B were reported agreeing on borders is the same deal, not a second one.
    reported = [
        (frozenset(d.parties), _content(d.text))
        for d in drafts
        if d.polarity == "agreed" and not d.mention
    ]
    out: list[Agreement] = []
    for d in drafts:
        key = (d.polarity, d.text.lower())
        if key in seen:
            continue
        words = _content(d.text)
        if d.mention and any(p == frozenset(d.parties) and w & words for p, w in reported):
            continue
        seen.add(key)
        out.append(Agreement(tuple(d.parties), d.polarity, d.text, (d.evidence,)))  # type: ignore[arg-type]
    return out


def link_parties(
    agreements: list[Agreement], meetings_by_offset: list[tuple[int, tuple[str, ...]]]
) -> list[Agreement]:
    """Give a party-less agreement the participants of the nearest meeting."""
    out = []
    for a in agreements:
        if a.parties or not a.evidence or not meetings_by_offset:
            out.append(a)
            continue
        pos = a.evidence[0].start
        _, parts = min(meetings_by_offset, key=lambda m: abs(m[0] - pos))
        out.append(Agreement(parts, a.polarity, a.text, a.evidence))
    return [a for a in out if a.parties]
