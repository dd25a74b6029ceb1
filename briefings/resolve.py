"""Which stored official a name from an article refers to.

"Kelly", "Mr Kelly" and "James Kelly" are one person; two people sharing a
surname stay apart. Refined by the dossier work (issue 4).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from .people import name_key, surname
from .store.schema import OfficialRow


def find_official(s: Session, name: str, *, title: str | None = None,
                  affiliation: str | None = None) -> OfficialRow | None:
    key = name_key(name)
    if not key:
        return None
    row = s.scalar(select(OfficialRow).where(OfficialRow.key == key))
    if row is not None:
        return row
    same = list(s.scalars(select(OfficialRow).where(OfficialRow.surname == surname(name))))
    words = key.split()
    if len(words) == 1:
        # A bare surname links only when exactly one known official has it.
        return same[0] if len(same) == 1 else None
    for cand in same:
        cwords = cand.key.split()
        if len(cwords) == 1:
            return cand  # we now learn the first name of a surname-only official
        # "George W. Bush" ~ "George Bush": same first name and surname.
        if cwords[0] == words[0]:
            return cand
    return None
