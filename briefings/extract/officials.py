"""Officials: named people with a public role, their title as worded, and aliases.

Titles are found once, when the document context is built (`titles.py`); here each
person gets the first one, aliases and first evidence. People without a title are
officials when they take part in a fact.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span

from ..models import Evidence, Official
from ..text import fold
from .context import DocContext
from .lexicon import PERSON_PRONOUNS, POLITICAL_PARTIES, ROLE_HEADS, demonym_country

__all__ = ["build_officials", "collect_titles"]


@dataclass
class PersonInfo:
    name: str
    title: Span | None = None
    title_mention: int = -1
    aliases: list[str] = field(default_factory=list)
    evidence: Evidence | None = None
    first: int = 10**9


def collect_titles(ctx: DocContext) -> dict[str, PersonInfo]:
    """Every person's fullest name, first role title, aliases and first evidence."""
    info: dict[str, PersonInfo] = {}
    for m in ctx.persons.mentions:
        tok = ctx.doc[m.head]
        p = info.setdefault(m.canonical, PersonInfo(m.canonical))
        surface = m.text.strip()
        if surface != m.canonical and surface not in p.aliases:
            p.aliases.append(surface)
        if m.name != m.canonical and m.name not in p.aliases:
            p.aliases.append(m.name)
        if p.evidence is None:
            p.evidence = ctx.evidence(tok.sent)
            p.first = m.start
        found = ctx.titles.get(m.canonical)
        if p.title is None and found is not None and found[0] == m.start:
            p.title = found[1]
            p.title_mention = m.start
            p.evidence = ctx.evidence(tok.sent)
    # Pronoun aliases ("he") where the pronoun resolves to the person.
    for sent in ctx.sents:
        for tok in sent:
            if tok.lower_ in PERSON_PRONOUNS and not ctx.in_quote[tok.i]:
                who = ctx.persons.pronoun(tok)
                if who in info and tok.lower_ not in info[who].aliases:
                    info[who].aliases.append(tok.lower_)
    return info


def _affiliation(ctx: DocContext, title: Span | None) -> str | None:
    if title is None:
        return None
    ents = dict.fromkeys(e for t in title if (e := ctx.ent_at.get(t.i)) is not None)
    for ent in ents:
        if ent.label_ in ("GPE", "ORG"):
            return ent.text.removeprefix("the ")
        if ent.label_ == "NORP":
            return demonym_country(fold(ent.text)) or ent.text
    return None


def _one_person(title: Span) -> str:
    """The title as worded, for one person: "EC Commissioners A and B" gives each
    "EC Commissioner"."""
    words = [t.text_with_ws for t in title]
    for k, t in enumerate(title):
        low = t.lower_
        if t.tag_ in ("NNS", "NNPS", "NNP") and low.endswith("s") and len(low) > 4:
            single = low[:-3] + "y" if low.endswith("ies") else low[:-1]
            if single in ROLE_HEADS:
                cut = t.text[:-3] + "y" if low.endswith("ies") else t.text[:-1]
                words[k] = cut + t.whitespace_
    return "".join(words).strip().replace("\n", " ")


def build_officials(
    ctx: DocContext, info: dict[str, PersonInfo], actors: set[str]
) -> list[Official]:
    out: list[Official] = []
    for name, p in sorted(info.items(), key=lambda kv: kv[1].first):
        if p.title is None and name not in actors:
            continue
        if name.lower() in POLITICAL_PARTIES:
            continue  # "Labour", which the NER may take for a person

        title = _one_person(p.title) if p.title is not None else None
        out.append(
            Official(
                name=name,
                title=title,
                affiliation=_affiliation(ctx, p.title),
                aliases=tuple(p.aliases),
                evidence=(p.evidence,) if p.evidence else (),
            )
        )
    return out
