"""The trained link model: which candidate links are facts, and how sure we are.

`LinkModel` holds one logistic model per decision (meeting pair, held/planned,
next stop, agreed, disagreed): sparse weights over the features built in
`candidates`, a bias and a decision threshold chosen on held-out folds. It is
plain data (JSON, `briefings/data/link_model.json`), read once and applied with
dot products: nothing is trained or downloaded at run time. `make train`
rebuilds it (see `train.py`).

`link` turns candidates into facts: rule facts the model confirms keep the rule's
detail (place, time, text); links the rules missed become new facts; each fact
gets a confidence (0-1).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span, Token

from ..models import Agreement, Evidence, Itinerary, Meeting, Status, Stop
from ..text import fold
from .candidates import (
    AgreementCandidate,
    PairCandidate,
    SentenceCache,
    StopCandidate,
    agreement_candidates,
    lca,
    meeting_candidates,
    sent_at,
    stop_candidates,
)
from .context import MEETING_IRREALIS_GOV, DocContext
from .dates import resolve
from .lexicon import SAY_VERBS
from .meetings import unreal_encounter

__all__ = ["Decision", "LinkModel", "default_model", "link"]

TASKS = ("meeting", "status", "stop", "agreed", "disagreed")
# Decisions that may ever add facts the rules missed (a model lists which of them it does).
ADDABLE = frozenset({"meeting", "stop", "agreed", "disagreed"})
# A rule's fact is at least as sure as its rules are precise out of fold (pooled over the
# five folds of shared/eval/folds.json: meetings 0.73, agreements 0.62, next stops 0.87);
# the model can only raise it. Its probabilities for rule facts are poorly calibrated.
RULE_PRIOR = {"meeting": 0.73, "agreement": 0.62, "stop": 0.87}
_MAX_PARTIES = 4


@dataclass(frozen=True, slots=True)
class Decision:
    weights: dict[str, float]
    bias: float
    threshold: float

    def prob(self, features: dict[str, float]) -> float:
        w = self.weights
        # A list, not a generator: faster, and summed in the same order (same float).
        z = self.bias + sum([w.get(k, 0.0) * v for k, v in features.items()])
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True, slots=True)
class LinkModel:
    decisions: dict[str, Decision]
    trained_on: str = ""
    # Decisions whose links the rules missed become facts; the others only rate rule facts.
    adds: frozenset[str] = frozenset()

    def prob(self, task: str, features: dict[str, float]) -> float:
        return self.decisions[task].prob(features)

    def accept(self, task: str, p: float) -> bool:
        return p >= self.decisions[task].threshold

    def to_json(self) -> dict:
        return {
            "trained_on": self.trained_on,
            "adds": sorted(self.adds),
            "decisions": {
                k: {
                    "bias": d.bias,
                    "threshold": d.threshold,
                    # Weights this small change no decision; dropping them keeps the file small.
                    "weights": {
                        f: round(w, 4) for f, w in sorted(d.weights.items()) if abs(w) >= 0.002
                    },
                }
                for k, d in self.decisions.items()
            },
        }

    @classmethod
    def from_json(cls, data: dict) -> LinkModel:
        decisions = {
            k: Decision(dict(d["weights"]), float(d["bias"]), float(d["threshold"]))
            for k, d in data["decisions"].items()
        }
        missing = set(TASKS) - set(decisions)
        if missing:
            raise ValueError(f"link model lacks decisions: {sorted(missing)}")
        adds = frozenset(data.get("adds", ()))
        if not adds <= ADDABLE:
            raise ValueError(f"link model cannot add facts by: {sorted(adds - ADDABLE)}")
        return cls(decisions, str(data.get("trained_on", "")), adds)


@lru_cache(maxsize=1)
def default_model() -> LinkModel | None:
    """The committed model, read once; None if the package ships none."""
    try:
        raw = resources.files("briefings").joinpath("data/link_model.json").read_text()
    except (FileNotFoundError, OSError):
        return None
    return LinkModel.from_json(json.loads(raw))


# --- assembling facts --------------------------------------------------------
# Rule facts are kept as found (the constructions are precise); the model rates
# them. Links the rules missed are added where the model is confident, for the
# decisions the model lists in `adds`.


def _meeting_from_pair(ctx: DocContext, c: PairCandidate, planned: bool, conf: float) -> Meeting:
    anchors = [c.a.tok, c.b.tok]
    when_span = ctx.time_words(anchors)
    when = when_span.text if when_span is not None else None
    status: Status = "planned" if planned else "held"
    return Meeting(
        participants=(c.a.name, c.b.name),
        status=status,
        place=ctx.place_of(anchors) or ctx.place_of([c.a.tok.head, c.b.tok.head]),
        when=when,
        date=resolve(when, ctx.article.published, direction="future" if planned else "past"),
        evidence=(ctx.evidence(c.sent),),
        confidence=round(conf, 3),
    )


def _unreal(ctx: DocContext, c: PairCandidate) -> bool:
    """A link in a clause the rules reject on principle (negated, conditional,
    counterfactual, hoped-for): "A would meet B if asked", "A did not meet B". The model
    adds what the rules' constructions miss, not what their modality rules out."""
    top = lca(c.a.tok, c.b.tok)
    if top is None:
        return False
    verb = top if top.pos_ in ("VERB", "AUX") else ctx.governing_verb(top)
    if verb is None:
        return False
    return (
        any(k.dep_ == "neg" for k in verb.children)
        or ctx.is_conditional(verb)  # also "would meet B if asked" (an "if" clause below)
        or ctx.is_irrealis(verb, MEETING_IRREALIS_GOV)
        or unreal_encounter(ctx, verb)
    )


def _link_meetings(
    ctx: DocContext, model: LinkModel, rules: list[Meeting], cands: list[PairCandidate]
) -> list[Meeting]:
    probs: dict[frozenset[str], float] = {}
    fresh: list[tuple[PairCandidate, float]] = []
    # Who the rules placed in meetings told by each sentence: two people the rules
    # put in different meetings of one sentence ("held separate meetings with A and
    # B") were kept apart on purpose.
    placed: dict[int, set[str]] = {}
    for m in rules:
        for ev in m.evidence[:1]:
            sent = sent_at(ctx, ev.start)
            if sent is not None:
                placed.setdefault(sent.start_char, set()).update(m.participants)
    for c in cands:
        p = model.prob("meeting", c.features)
        key = frozenset((c.a.name, c.b.name))
        probs[key] = max(probs.get(key, 0.0), p)
        if (
            c.rule is None
            and "meeting" in model.adds
            and model.accept("meeting", p)
            and "belongs" not in c.features
            and not key <= placed.get(c.sent.start_char, set())
            and not _unreal(ctx, c)
        ):
            fresh.append((c, p))
    out: list[Meeting] = []
    covered: set[frozenset[str]] = set()
    for m in rules:
        ps = list(m.participants)
        pair_p = {
            frozenset((ps[i], ps[j])): probs.get(frozenset((ps[i], ps[j])), 1.0)
            for i in range(len(ps))
            for j in range(i + 1, len(ps))
        }
        covered.update(pair_p)
        mean = sum(pair_p.values()) / len(pair_p) if pair_p else 1.0
        out.append(replace(m, confidence=round(max(mean, RULE_PRIOR["meeting"]), 3)))
    # New links: one meeting per pair, merged into one per sentence where every pair
    # of the group was accepted (a summit of three is one meeting, not three).
    by_sent: dict[int, list[tuple[PairCandidate, float]]] = {}
    for c, p in fresh:
        key = frozenset((c.a.name, c.b.name))
        if key in covered:
            continue
        covered.add(key)
        by_sent.setdefault(c.sent.start, []).append((c, p))
    for group in by_sent.values():
        made = [
            _meeting_from_pair(ctx, c, model.accept("status", model.prob("status", c.features)), p)
            for c, p in group
        ]
        out.extend(_merge_cliques(made))
    return out


def _merge_cliques(meetings: list[Meeting]) -> list[Meeting]:
    """Pairs of one sentence with the same status that form a clique become one meeting."""
    if len(meetings) < 3:
        return meetings
    pairs = {frozenset(m.participants) for m in meetings}
    names = list(dict.fromkeys(n for m in meetings for n in m.participants))
    statuses = {m.status for m in meetings}
    clique = all(
        frozenset((names[i], names[j])) in pairs
        for i in range(len(names))
        for j in range(i + 1, len(names))
    )
    if not clique or len(statuses) != 1:
        return meetings
    first = meetings[0]
    return [
        replace(
            first,
            participants=tuple(names),
            place=next((m.place for m in meetings if m.place), None),
            when=next((m.when for m in meetings if m.when), None),
            confidence=min(m.confidence or 0.0 for m in meetings),
        )
    ]


def _link_stops(
    ctx: DocContext, model: LinkModel, rules: list[Itinerary], cands: list[StopCandidate]
) -> list[Itinerary]:
    probs: dict[tuple[str, str], float] = {}
    fresh: list[tuple[StopCandidate, float]] = []
    for c in cands:
        p = model.prob("stop", c.features)
        key = (c.who.name, fold(c.place))
        probs[key] = max(probs.get(key, 0.0), p)
        if not c.rule and "stop" in model.adds and model.accept("stop", p):
            fresh.append((c, p))
    stops: dict[str, list[tuple[int, Stop]]] = {}
    for it in rules:
        last = -1
        for s in it.stops:
            p = probs.get((it.who, fold(s.place)), 1.0)
            at = s.evidence[0].start if s.evidence else 0
            if s.evidence:
                found = s.evidence[0].sentence.find(s.place)
                # a place not spelled out in its sentence ("Canada" told as "Canadian
                # officials") keeps the rules' order: right after the stop before it
                at = at + found if found >= 0 else max(at, last + 1)
            # the rules' order stands ("return to Santiago after stops in Lima and Quito"
            # puts Santiago last); fresh stops fall in by where the text names them
            at = max(at, last + 1)
            last = at
            conf = round(max(p, RULE_PRIOR["stop"]), 3)
            stops.setdefault(it.who, []).append((at, replace(s, confidence=conf)))
    for c, p in fresh:
        have = stops.setdefault(c.who.name, [])
        if any(fold(s.place) == fold(c.place) for _, s in have):
            continue
        when_span = ctx.time_words([c.place_tok, c.place_tok.head])
        when = when_span.text if when_span is not None else None
        have.append(
            (
                c.place_tok.idx,
                Stop(
                    c.place,
                    when,
                    resolve(when, ctx.article.published, direction="future"),
                    (ctx.evidence(c.sent),),
                    confidence=round(p, 3),
                ),
            )
        )
    order = list(dict.fromkeys([*(i.who for i in rules), *stops]))
    return [
        Itinerary(who, tuple(s for _, s in sorted(stops[who], key=lambda x: x[0])))
        for who in order
        if stops.get(who)
    ]


def _content(text: str) -> set[str]:
    return {w for w in fold(text).replace("'s", " ").split() if len(w) > 3}


def _trigger(model: LinkModel, task: str, sent: Span) -> Token | None:
    w = model.decisions[task].weights
    best: tuple[float, Token] | None = None
    for t in sent:
        if t.pos_ in ("VERB", "NOUN") and not t.is_stop:
            score = w.get(f"s:{t.lemma_.lower()}", 0.0)
            if score > 0 and (best is None or score > best[0]):
                best = (score, t)
    return best[1] if best else None


def _clause(sent: Span, trigger: Token | None) -> str:
    """What was agreed, in the article's words: the trigger's phrase, not the attribution."""
    if trigger is not None:
        toks = [t for t in trigger.subtree if t.dep_ not in ("nsubj", "nsubjpass")]
        subj_end = max(
            (c.right_edge.i for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")),
            default=-1,
        )
        toks = [t for t in toks if t.i > subj_end]
        if len(toks) >= 4:
            text = sent.doc[toks[0].i : toks[-1].i + 1].text
            return text.strip(" ,.;:\"'“”")
    root = sent.root
    if root.lemma_ in SAY_VERBS:
        for c in root.children:
            if c.dep_ == "ccomp":
                return sent.doc[c.left_edge.i : c.right_edge.i + 1].text.strip(" ,.;:\"'“”")
    return sent.text.strip(" ,.;:\"'“”")


def _link_agreements(
    ctx: DocContext, model: LinkModel, rules: list[Agreement], cands: list[AgreementCandidate]
) -> list[Agreement]:
    out: list[Agreement] = []
    ruled_sents: set[int] = set()
    by_rule: dict[int, float] = {}
    for c in cands:
        if c.rule is not None:
            by_rule[id(c.rule)] = model.prob(c.rule.polarity, c.features)
    for a in rules:
        p = by_rule.get(id(a), 1.0)
        out.append(replace(a, confidence=round(max(p, RULE_PRIOR["agreement"]), 3)))
        ruled_sents.update(e.start for e in a.evidence)
    for c in cands:
        ev: Evidence = ctx.evidence(c.sent)
        if ev.start in ruled_sents or not c.actors:
            continue
        pa = model.prob("agreed", c.features)
        pd = model.prob("disagreed", c.features)
        task, p = (
            ("agreed", pa)
            if pa - model.decisions["agreed"].threshold
            >= (pd - model.decisions["disagreed"].threshold)
            else ("disagreed", pd)
        )
        if task not in model.adds or not model.accept(task, p):
            continue
        people = [a.name for a in c.actors if a.kind == "person"]
        sides = [a.name for a in c.actors if a.kind == "side"]
        parties = tuple((people + sides)[:_MAX_PARTIES])
        if task == "disagreed" and len(parties) < 2:
            continue
        text = _clause(c.sent, _trigger(model, task, c.sent))
        words = _content(text)
        if any(
            o.polarity == task and len(words & _content(o.text)) >= 0.5 * max(1, len(words))
            for o in out
        ):
            continue  # the same deal told again
        out.append(Agreement(parties, task, text, (ev,), confidence=round(p, 3)))  # type: ignore[arg-type]
    return out


def link(
    ctx: DocContext,
    model: LinkModel,
    meetings: list[Meeting],
    agreements: list[Agreement],
    next_stops: list[Itinerary],
    titles: dict[str, str],
) -> tuple[list[Meeting], list[Agreement], list[Itinerary]]:
    """The rules' facts checked by the model, plus the links the rules missed."""
    cache = SentenceCache(ctx)
    m = _link_meetings(ctx, model, meetings, meeting_candidates(ctx, meetings, titles, cache))
    a = _link_agreements(ctx, model, agreements, agreement_candidates(ctx, agreements, cache))
    s = _link_stops(ctx, model, next_stops, stop_candidates(ctx, next_stops, cache))
    return m, a, s
