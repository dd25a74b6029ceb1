"""Which stored official a name from an article refers to.

"Kelly", "Mr Kelly", "James Kelly" and "U.S. Assistant Secretary of State James
Kelly" are one person: they share a key or a surname and their first names do
not clash. Two people sharing a surname stay apart: a different first name never
links, and a bare surname that fits several known officials is settled by the
article's other evidence (title, affiliation, the officials it also mentions);
when nothing tells them apart it links to none of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..people import clean_name, family_name_first, first_names_compatible, name_key
from ..text import fold
from .schema import ArticleOfficialRow, OfficialAliasRow, OfficialRow

_STOP = {"the", "of", "for", "and", "at", "in", "a", "an", "s", "to", "on"}


def _title_words(title: str | None) -> set[str]:
    if not title:
        return set()
    return {w for w in re.findall(r"\w+", fold(title)) if w not in _STOP}


def _full_key(row: OfficialRow) -> str:
    """The fullest known key of a row (its name may have grown since the key was set)."""
    a, b = name_key(row.name), row.key.split("#", 1)[0]
    return a if len(a.split()) >= len(b.split()) else b


def find_official(
    s: Session,
    name: str,
    *,
    title: str | None = None,
    affiliation: str | None = None,
    context: Sequence[str] = (),
) -> OfficialRow | None:
    """The stored official `name` refers to, or None when it is someone new (or unclear).

    `context` holds the other names the same article mentions (co-mentions).
    """
    key = name_key(name)
    if not key:
        return None
    words = key.split()
    row = s.scalar(select(OfficialRow).where(OfficialRow.key == key))
    if row is not None and len(words) > 1:
        return row
    same = list(s.scalars(select(OfficialRow).where(OfficialRow.surname == words[-1])))
    if len(words) > 1:
        # A multi-word alias recorded for exactly one official.
        by_alias = list(
            dict.fromkeys(
                s.scalars(select(OfficialAliasRow.official_id).where(OfficialAliasRow.alias == key))
            )
        )
        if len(by_alias) == 1:
            found = s.get(OfficialRow, by_alias[0])
            if found is not None:
                return found
        full = [
            c
            for c in same
            if len(_full_key(c).split()) > 1 and first_names_compatible(key, _full_key(c))
        ]
        if len(full) == 1:
            return full[0]
        if len(full) > 1:
            # "George Bush" fits "George W. Bush" and "George H. W. Bush": prefer exact
            # first-name equality, then the article's other evidence.
            exact = [c for c in full if _full_key(c).split()[0] == words[0]]
            if len(exact) == 1:
                return exact[0]
            return _best_by_evidence(s, full, title, affiliation, context)
        # We now learn the first name of an official known by surname only.
        bare = [c for c in same if len(_full_key(c).split()) == 1]
        return bare[0] if bare else None
    # A bare surname ("Kelly", "Mr Kelly"), or a family name written first ("Mr Wen"
    # for Wen Jiabao, whose stored surname is the last word).
    full = [c for c in same if len(_full_key(c).split()) > 1]
    if not full and row is None:
        full = [
            c
            for c in s.scalars(select(OfficialRow).where(OfficialRow.key.startswith(f"{key} ")))
            if family_name_first(clean_name(c.name)) and _full_key(c).split()[0] == key
        ]
    if len(full) == 1:
        return full[0]
    if len(full) > 1:
        best = _best_by_evidence(s, full, title, affiliation, context)
        if best is not None:
            return best
    return row  # the surname-only official, if any


def _best_by_evidence(
    s: Session,
    cands: list[OfficialRow],
    title: str | None,
    affiliation: str | None,
    context: Sequence[str],
) -> OfficialRow | None:
    """The one candidate the evidence favours; None on a tie or no evidence."""
    scores = {c.id: 0.0 for c in cands}
    tw = _title_words(title)
    if tw:
        for c in cands:
            titles = [
                c.title,
                *s.scalars(
                    select(ArticleOfficialRow.title)
                    .where(
                        ArticleOfficialRow.official_id == c.id,
                        ArticleOfficialRow.title.is_not(None),
                    )
                    .limit(20)
                ),
            ]
            best = 0.0
            for t in titles:
                cw = _title_words(t)
                if cw:
                    best = max(best, len(tw & cw) / len(tw | cw))
            scores[c.id] += 2.0 * best
    if affiliation:
        fa = fold(affiliation)
        for c in cands:
            if c.affiliation and fold(c.affiliation) == fa:
                scores[c.id] += 2.0
    ctx_ids = _ids_for_names(s, context, exclude={c.id for c in cands})
    if ctx_ids:
        a1 = ArticleOfficialRow.__table__.alias("a1")
        a2 = ArticleOfficialRow.__table__.alias("a2")
        rows = s.execute(
            select(a1.c.official_id, func.count(func.distinct(a2.c.official_id)))
            .join(a2, a1.c.article_id == a2.c.article_id)
            .where(a1.c.official_id.in_([c.id for c in cands]), a2.c.official_id.in_(ctx_ids))
            .group_by(a1.c.official_id)
        ).all()
        for oid, n in rows:
            scores[oid] += min(float(n), 3.0)
    ranked = sorted(cands, key=lambda c: scores[c.id], reverse=True)
    top = scores[ranked[0].id]
    if top <= 0 or (len(ranked) > 1 and scores[ranked[1].id] >= top):
        return None
    return ranked[0]


def _ids_for_names(s: Session, names: Iterable[str], *, exclude: set[int]) -> list[int]:
    keys = {k for k in (name_key(n) for n in names) if len(k.split()) > 1}
    if not keys:
        return []
    ids = set(s.scalars(select(OfficialRow.id).where(OfficialRow.key.in_(keys))))
    ids |= set(
        s.scalars(select(OfficialAliasRow.official_id).where(OfficialAliasRow.alias.in_(keys)))
    )
    return sorted(ids - exclude)
