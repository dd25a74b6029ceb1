"""From an article's facts to a short briefing: a neutral structure for every renderer.

`compose_briefing` builds a headline and at most four lines (Met, Agreed,
Divided, Next), each keeping the evidence it came from. Nothing is invented:
names, titles, places and time words all come from the extraction; relative
dates are shown as dates ("Tue 2 Dec") only when the article's publication
date is known. The body is capped at `MAX_BODY_WORDS` words.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from .extract.dates import precision as date_precision
from .models import Agreement, Article, Evidence, Extraction, Itinerary, Meeting, Official
from .people import clean_name, display_surname, is_name_form, name_key, surname
from .store.visibility import EVERYTHING, Visibility
from .text import first_sentence, fold, is_derived_title

__all__ = [
    "EMPTY_NOTE",
    "MAX_BODY_WORDS",
    "SHOW_CONFIDENCE",
    "UNCONFIRMED",
    "Briefing",
    "BriefingLine",
    "SourceRef",
    "agreement_form",
    "briefing_for",
    "compose_briefing",
    "format_day",
    "short_title",
    "when_display",
]

MAX_BODY_WORDS = 90
MAX_HEADLINE_CHARS = 140
EMPTY_NOTE = "No meetings or agreements reported."
ARROW = " -> "

Label = Literal["Met", "Agreed", "Divided", "Next"]


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a fact or story comes from: enough for a context line and a link."""

    article_id: int | None
    title: str
    source: str | None = None
    published: dt.date | None = None
    url: str | None = None
    ext_id: str | None = None
    # The file or URL the article was loaded from (shown when nothing else names it).
    origin: str | None = None
    # The title is the article's first sentence (no headline): not worth showing as
    # a source label.
    title_derived: bool = False
    # The article was cut before extraction (see briefings.limits): its full length.
    truncated_from: int | None = None

    @property
    def cut_note(self) -> str | None:
        """What a reader is told when only the start of a long article was read."""
        if self.truncated_from is None:
            return None
        from .limits import MAX_ARTICLE_CHARS

        return (
            f"Long article: only its first {MAX_ARTICLE_CHARS:,} of "
            f"{self.truncated_from:,} characters were read."
        )


@dataclass(frozen=True, slots=True)
class BriefingLine:
    label: Label
    text: str
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Briefing:
    headline: str
    lines: tuple[BriefingLine, ...]
    source: SourceRef
    # Full names of the officials the lines mention, first mention first.
    officials: tuple[str, ...] = ()
    # The one-liner shown instead of lines when the article has no facts.
    note: str | None = None
    places: tuple[str, ...] = field(default=())

    @property
    def article_id(self) -> int | None:
        return self.source.article_id

    @property
    def is_empty(self) -> bool:
        return not self.lines

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        seen: dict[tuple[int, int, str], Evidence] = {}
        for line in self.lines:
            for ev in line.evidence:
                seen.setdefault((ev.start, ev.end, ev.sentence), ev)
        return tuple(seen.values())

    @property
    def words(self) -> int:
        return sum(len(f"{ln.label}: {ln.text}".split()) for ln in self.lines)


# -- dates ------------------------------------------------------------------


def format_day(day: dt.date, reference: dt.date | None = None) -> str:
    """ "Tue 2 Dec"; the year is added when it differs from `reference`'s (or no reference)."""
    out = f"{day.strftime('%a')} {day.day} {day.strftime('%b')}"
    if reference is None or reference.year != day.year:
        out += f" {day.year}"
    return out


_PART_TEXT = {"mid": "mid-", "late": "late ", "early": "early ", "later": "later in "}


def _resolved(date: dt.date, published: dt.date, precision: str) -> str:
    """A resolved date no more precise than the article's words (the extractor's
    `precision`): "next week" is a week, not the Monday it starts on; "mid-December"
    a part of a month, not the 15th."""
    part, _, unit = precision.rpartition("-")
    lead = _PART_TEXT.get(part, "")
    if unit == "week":
        monday = date - dt.timedelta(days=date.weekday())
        return f"week of {format_day(monday, published)}"
    if unit == "month":
        out = f"{lead}{date.strftime('%b')}"
        return out + (f" {date.year}" if date.year != published.year else "")
    if unit == "year":
        return f"{lead}{date.year}"
    return format_day(date, published)


def when_display(
    when: str | None,
    date: dt.date | None,
    published: dt.date | None,
    precision: str | None = None,
) -> str | None:
    """A resolved date when the article's date is known, else the article's own words.
    `precision` is the extractor's (facts stored before it kept one get it from the
    extractor's own `dates.precision`)."""
    if date is not None and published is not None:
        return _resolved(date, published, precision or date_precision(when))
    if when:
        return _tidy_when(when)
    return format_day(date, None) if date is not None else None


def _tidy_when(when: str) -> str:
    when = " ".join(when.split()).strip(" ,.;")
    # "Earlier in the day" reads better in lower case inside a line; names of days,
    # months and holidays ("Christmas", "New Year's Day") keep their capital.
    first = when.split(" ", 1)[0]
    if first[:1].isupper() and first.lower() in _LOWER_LEADS:
        when = when[0].lower() + when[1:]
    return when


_LOWER_LEADS = {
    "earlier", "later", "last", "next", "this", "that", "the", "on", "in", "at", "by",
    "early", "late", "mid", "within", "over", "during", "before", "after", "until",
    "recently", "soon", "shortly", "a", "an", "several", "few", "some", "one", "two",
    "three", "four", "five", "six", "seven", "eight", "nine", "ten", "hours", "days",
}  # fmt: skip


# -- titles -----------------------------------------------------------------

_ABBREV: tuple[tuple[str, str], ...] = (
    (r"\bMinister of Foreign Affairs\b", "FM"),
    (r"\bForeign Affairs Minister\b", "FM"),
    (r"\bForeign Minister\b", "FM"),
    (r"\bDeputy Prime Minister\b", "Deputy PM"),
    (r"\bPrime Minister\b", "PM"),
    (r"\bSecretary[- ]General\b", "Sec.-Gen."),
    (r"\bAssistant\b", "Asst."),
    (r"\bUnder[- ]Secretary\b", "Under Sec."),
    (r"\bAmbassador\b", "Amb."),
    (r"\bGovernor\b", "Gov."),
    (r"\bSenator\b", "Sen."),
    (r"\bRepresentative\b", "Rep."),
    (r"\bChancellor of the Exchequer\b", "Chancellor"),
    # The military rank only, right before the name: never "Attorney Gen.",
    # "Gen. Secretary" or "Gen. Services Administration".
    (
        r"(?<!Attorney )(?<!Solicitor )(?<!Surgeon )(?<!Inspector )(?<!Director )"
        r"(?<!Governor )(?<!Gov\. )(?<!Consul )(?<!Auditor )(?<!Advocate )(?<!Postmaster )"
        r"\bGeneral$",
        "Gen.",
    ),
    (r"\bDepartment\b", "Dept."),
    (r"\bUnited States\b", "U.S."),
    (r"\bUnited Kingdom\b", "UK"),
)
_MAX_TITLE_WORDS = 6
_DESCRIPTIVE = re.compile(
    r"^(?:the\s+)?(?P<role>[^A-Z].*?)\s+(?:of|at|for|in)\s+(?:the\s+)?"
    r"(?P<org>[A-Z][\w.'-]*(?:\s+(?:[A-Z][\w.'-]*|of|and|for|the))*)$"
)


def _acronym(org: str, text: str | None) -> str:
    """ "LDP" for "Liberal Democratic Party" when the article itself uses that acronym;
    else the organisation as written (an acronym the article never uses would be
    invented, and often wrong: "IMF's European Department" is no "IED")."""
    words = [w for w in org.split() if w[:1].isupper()]
    # Only plain names ("Liberal Democratic Party"), not "IMF's European Department".
    plain = all(w[1:].islower() and w.isalpha() for w in words)
    if len(words) >= 3 and plain and text:
        acronym = "".join(w[0] for w in words)
        if re.search(rf"(?<![\w.]){re.escape(acronym)}(?!\w)", text):
            return acronym
    return org


def short_title(title: str | None, text: str | None = None) -> str | None:
    """A short form of a title for a first mention; None when it cannot be made short.

    "Foreign Minister" -> "FM"; "U.S. Assistant Secretary of State" -> "U.S. Asst.
    Secretary of State"; "secretary general of the Liberal Democratic Party" ->
    "Liberal Democratic Party Sec.-Gen." ("LDP Sec.-Gen." when the article's `text`
    uses "LDP").
    """
    if not title:
        return None
    t = " ".join(title.split()).strip(" ,.;:")
    t = re.sub(r"^(?:the|a|an|his|her|their|its)\s+", "", t, flags=re.I)
    m = _DESCRIPTIVE.match(t)
    if m:
        role = _abbrev(m["role"].strip())
        t = f"{_acronym(m['org'].strip(), text)} {role}"
    else:
        t = _abbrev(t)
    if len(t.split()) > _MAX_TITLE_WORDS or not t:
        return None
    return t


def _abbrev(t: str) -> str:
    for pat, rep in _ABBREV:
        t = re.sub(pat, rep, t, flags=re.I if rep in {"FM", "PM", "Deputy PM", "Sec.-Gen."} else 0)
    return t


# -- names ------------------------------------------------------------------


class _Names:
    """Display names for one briefing: short title and full name first, surname after."""

    def __init__(self, officials: Sequence[Official], text: str | None = None) -> None:
        self.text = text
        self.by_key: dict[str, Official] = {}
        by_surname: dict[str, list[Official]] = {}
        for off in officials:
            for form in (off.name, *off.aliases):
                k = name_key(form)
                if k and (form == off.name or is_name_form(form)):
                    self.by_key.setdefault(k, off)
            by_surname.setdefault(surname(off.name), []).append(off)
        self.by_surname = {k: v for k, v in by_surname.items() if len(v) == 1}
        self.shared_surnames = {k for k, v in by_surname.items() if len(v) > 1}
        self.mentioned: list[str] = []

    def official(self, name: str) -> Official | None:
        k = name_key(name)
        if not k:
            return None
        off = self.by_key.get(k)
        if off is None and len(k.split()) == 1:
            cands = self.by_surname.get(k)
            off = cands[0] if cands else None
        return off

    def show(self, name: str) -> str:
        off = self.official(name)
        if off is None:
            return name.strip()
        full = clean_name(off.name)
        if off.name in self.mentioned:
            if surname(off.name) in self.shared_surnames:
                return full
            return display_surname(full)
        self.mentioned.append(off.name)
        st = short_title(off.title, self.text)
        return f"{st} {full}" if st else full

    def is_person(self, name: str) -> bool:
        return self.official(name) is not None

    def same(self, a: str, b: str) -> bool:
        oa, ob = self.official(a), self.official(b)
        if oa is not None and ob is not None:
            return oa.name == ob.name
        return name_key(a) == name_key(b)


def _join(items: Sequence[str]) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _evidence(facts: Iterable[Sequence[Evidence]]) -> tuple[Evidence, ...]:
    seen: dict[tuple[int, int, str], Evidence] = {}
    for evs in facts:
        for ev in evs:
            seen.setdefault((ev.start, ev.end, ev.sentence), ev)
    return tuple(sorted(seen.values(), key=lambda e: (e.start, e.end)))


# -- lines ------------------------------------------------------------------


@dataclass(slots=True)
class _Item:
    # The text depends on what was already mentioned (titles on first mention only),
    # so an item renders against the `_Names` of the final briefing.
    render: Callable[[_Names], str]
    evidence: tuple[Evidence, ...]


def _met_items(
    meetings: Sequence[Meeting], names: _Names, published: dt.date | None
) -> list[_Item]:
    held = [m for m in meetings if m.status == "held" and len(m.participants) >= 2]
    items: list[_Item] = []
    remaining = list(held)
    while remaining:
        counts: dict[str, int] = {}
        canon: dict[str, str] = {}
        for m in remaining:
            for p in dict.fromkeys(m.participants):
                off = names.official(p)
                k = off.name if off else name_key(p)
                canon.setdefault(k, p)
                counts[k] = counts.get(k, 0) + 1
        hub_key = max(counts, key=lambda k: (counts[k], names.is_person(canon[k])))
        if counts[hub_key] < 2:
            for m in remaining:
                items.append(_single_meeting(m, published))
            break
        hub = canon[hub_key]
        group = [m for m in remaining if any(names.same(p, hub) for p in m.participants)]
        remaining = [m for m in remaining if m not in group]
        items.extend(_hub_items(hub, group, names, published))
    return items


def _place_when(place: str | None, when: str | None) -> str:
    out = ""
    if place:
        out += f" in {place}"
    if when:
        out += f" ({when})"
    return out


def _single_meeting(m: Meeting, published: dt.date | None) -> _Item:
    when = when_display(m.when, m.date, published, m.precision)

    def render(names: _Names) -> str:
        people = [names.show(p) for p in dict.fromkeys(m.participants)]
        text = f"{people[0]} met {people[1]}" if len(people) == 2 else f"{_join(people)} met"
        return text + _place_when(m.place, when)

    return _Item(render, _evidence([m.evidence]))


def _hub_items(
    hub: str, group: list[Meeting], names: _Names, published: dt.date | None
) -> list[_Item]:
    # Same place: one phrase; each distinct time in brackets after its people.
    by_place: dict[str | None, list[Meeting]] = {}
    for m in group:
        by_place.setdefault(m.place, []).append(m)
    items: list[_Item] = []
    for place, ms in by_place.items():
        parts: list[tuple[list[str], str | None]] = []
        for m in ms:
            when = when_display(m.when, m.date, published, m.precision)
            others = [p for p in dict.fromkeys(m.participants) if not names.same(p, hub)]
            if parts and parts[-1][1] == when:
                parts[-1][0].extend(others)
            else:
                parts.append((list(others), when))
        items.append(_Item(_hub_render(hub, place, parts), _evidence(m.evidence for m in ms)))
    return items


def _hub_render(
    hub: str, place: str | None, parts: list[tuple[list[str], str | None]]
) -> Callable[[_Names], str]:
    def render(names: _Names) -> str:
        hub_shown = names.show(hub)
        all_same_when = len({w for _, w in parts}) == 1
        chunks: list[str] = []
        for others, when in parts:
            shown = [names.show(o) for o in dict.fromkeys(others)]
            chunks.append(_join(shown) + (f" ({when})" if when and not all_same_when else ""))
        tail = f" in {place}" if place else ""
        if all_same_when and parts[0][1]:
            tail += f" ({parts[0][1]})"
        if all_same_when:
            listed = _join(chunks)
        elif len(chunks) > 1 and len(dict.fromkeys(parts[-1][0])) == 1:
            # "met Blair (Monday) and Bush", never "met Blair (Monday), Bush" (an apposition)
            listed = ", ".join(chunks[:-1]) + " and " + chunks[-1]
        else:
            listed = ", ".join(chunks)
        return f"{hub_shown} met {listed}{tail}"

    return render


_DIVIDED_LEAD = re.compile(
    r"^(?:are\s+|were\s+|is\s+|remain(?:ed)?\s+|still\s+)*"
    r"(?:divided|split|at odds|disagree[ds]?|differ(?:ed)?)\s+(?=(?:over|on|about)\b)",
    re.I,
)
# Words an agreement's text may start with that are not a bare verb ("agreed a
# deal", "agreed that she would...", "agreed on borders"): never given "to".
_NOT_VERBS = {
    "a", "an", "the", "to", "that", "this", "these", "those", "their", "its", "his",
    "her", "our", "my", "your", "on", "in", "at", "over", "about", "for", "with", "by",
    "of", "new", "further", "more", "joint", "all", "some", "two", "three", "several",
    "both", "each", "no", "not", "he", "she", "it", "they", "we", "i", "you", "there",
    "what", "whatever", "which", "who", "whether", "how", "when", "where", "if",
    "any", "another", "other", "such", "one", "key", "while", "as", "because", "since",
    "after", "before", "although", "though", "unless", "until", "so", "but", "and",
    "or", "then", "once", "yet", "even", "only", "just", "here", "now",
}  # fmt: skip
# Past-tense verbs that do not end in "-ed" ("struck a deal", "won a contract").
_PAST_IRREGULAR = {
    "struck", "made", "won", "set", "put", "gave", "took", "sold", "bought", "held",
    "met", "led", "paid", "sent", "spent", "lent", "kept", "left", "told", "brought",
    "sought", "fought", "drew", "chose", "began", "broke", "rejected", "opposed",
}  # fmt: skip
_AGREED_LEAD = re.compile(r"^(?:have\s+|has\s+|had\s+)?agreed\s+", re.I)
AgreementForm = Literal["to", "verb", "that", "other"]
# Words before a bare verb that make it an intention ("agreed to sign", "will sign").
_INTENT = {"to", "will", "would", "shall", "should", "can", "could", "may", "might", "must"}
_CLAUSE = {"that", "agreed", "agree", "agrees", "said", "says"}


def _is_past_verb(word: str) -> bool:
    w = word.lower()
    return word.islower() and (w in _PAST_IRREGULAR or (len(w) > 4 and w.endswith("ed")))


def _word_before(fragment: str, sentences: Sequence[str]) -> str | None:
    """The word just before `fragment` in the first evidence sentence holding it."""
    probe = " ".join(fragment.split()[:8])
    for sentence in sentences:
        flat = " ".join(sentence.split())
        i = flat.find(probe)
        if i > 0:
            before = flat[:i].split()
            return before[-1].lower() if before else None
        if i == 0:
            return None
    return None


def agreement_form(text: str, sentences: Sequence[str] = ()) -> tuple[AgreementForm, str]:
    """How an agreement's text reads after its parties: ("to", "take up the issue"),
    ("verb", "signed a deal"), ("that", <the clause after "agreed that">) or ("other",
    "a trade deal" / "on borders").

    The evidence sentence settles whether a bare verb followed "agreed to" ("agreed
    to take up ..."), so "agreed that she would ..." never becomes "to she would".
    """
    rest = _AGREED_LEAD.sub("", " ".join(text.split())).strip(" ,;")
    rest = re.sub(r"(?<![A-Z])\.$", "", rest).rstrip()
    if rest[:3].lower() == "to " and len(rest) > 3:
        return "to", rest[3:]
    first = rest.split(" ", 1)[0]
    if not first.isalpha() or not first.islower():
        return "other", rest
    before = _word_before(rest, sentences)
    if before is not None and (before in _INTENT or before.endswith("'ll")):
        return "to", rest  # "agreed to take up ...", "will continue ..."
    if _is_past_verb(first):
        return "verb", rest
    if before == "that":
        return "that", rest  # "agreed that in Afghanistan there is ..."
    if before in _CLAUSE or first in _NOT_VERBS or first.endswith(("ed", "ing", "ly")):
        return "other", rest  # "agreed a deal", "agreed it was ..."
    return "to", rest  # a bare verb: "take up the issue"


def _parties(parties: Sequence[str], names: _Names) -> str:
    return _join([names.show(p) for p in dict.fromkeys(parties)])


def _agreement_items(agreements: Sequence[Agreement], names: _Names) -> list[_Item]:
    """One item per set of parties: "Argentina and Venezuela extended a deal; formalised
    a co-operation deal", not the parties again before each agreement."""
    groups: dict[tuple[str, ...], list[Agreement]] = {}
    for a in agreements:
        key = tuple(
            sorted({(o.name if (o := names.official(p)) else name_key(p)) for p in a.parties})
        )
        groups.setdefault(key, []).append(a)
    return [
        _Item(_agreements_render(group), _evidence(a.evidence for a in group))
        for group in groups.values()
    ]


def _agreements_render(group: list[Agreement]) -> Callable[[_Names], str]:
    def render(names: _Names) -> str:
        first = _agreement_text(group[0], names)
        return "; ".join([first, *(_agreement_text(a, names, parties=False) for a in group[1:])])

    return render


def _form(a: Agreement, text: str, sentences: Sequence[str]) -> tuple[AgreementForm, str]:
    """The extractor's reading of the text's form (from the parse); facts stored before
    it kept one are read from the words."""
    form, rest = agreement_form(text, sentences)
    if a.form in ("to", "verb", "that", "other"):
        return a.form, rest  # type: ignore[return-value]
    return form, rest


def _agreement_text(a: Agreement, names: _Names, *, parties: bool = True) -> str:
    sentences = [e.sentence for e in a.evidence]
    if a.polarity == "disagreed":
        text = " ".join(a.text.split()).strip(" ,;")
        text = re.sub(r"(?<![A-Z])\.$", "", text).rstrip()
        rest = _DIVIDED_LEAD.sub("", text)
        form, verb_rest = _form(a, text, sentences)
        shown = list(dict.fromkeys(a.parties))
        if parties and form == "verb" and not re.match(r"(?:over|on|about)\b", rest):
            # "A rejected B's plan": the side the words name is the target, not an
            # actor ("A and B rejected B's plan" misreads); joint verbs keep both
            words = set(re.findall(r"\w[\w-]*", fold(text).replace("'s", " ")))
            actors = [p for p in shown if fold(surname(p)) not in words]
            if actors and len(actors) < len(shown):
                shown = actors
        who = _parties(shown, names) if parties else ""
        if who and re.match(r"(?:over|on|about)\b", rest):
            return f"{who} {rest}"
        if who and form == "verb":
            return f"{who} {verb_rest}"
        return f"{who}: {text}" if who else text
    who = _parties(a.parties, names) if parties else ""
    form, rest = _form(a, a.text, sentences)
    if not who:
        return f"to {rest}" if form == "to" else rest
    if form == "to":
        return f"{who} to {rest}"
    if form == "verb":
        return f"{who} {rest}"
    return f"{who}: {rest}"


def _next_items(ex: Extraction, names: _Names, published: dt.date | None) -> list[_Item]:
    planned = [m for m in ex.meetings if m.status == "planned" and len(m.participants) >= 2]
    used: set[int] = set()
    items: list[_Item] = []
    for it in ex.next_stops:
        if not it.stops:
            continue
        mine = [
            i
            for i, m in enumerate(planned)
            if i not in used and any(names.same(p, it.who) for p in m.participants)
        ]
        used.update(mine)
        evs: list[Sequence[Evidence]] = [planned[i].evidence for i in mine]
        evs.extend(stop.evidence for stop in it.stops)
        items.append(_Item(_trip_render(it, [planned[i] for i in mine], published), _evidence(evs)))
    rest = [m for i, m in enumerate(planned) if i not in used]
    while rest:
        m = rest.pop(0)
        group: list[Meeting] = []
        hub = ""
        for hub in m.participants if len(m.participants) == 2 else ():
            group = [
                x
                for x in rest
                if len(x.participants) == 2
                and (x.place, x.when, x.date) == (m.place, m.when, m.date)
                and any(names.same(p, hub) for p in x.participants)
            ]
            if group:
                break
        if not group:
            items.append(_Item(_planned_render(m, published), _evidence([m.evidence])))
            continue
        # "WTO to meet Iraq and Afghanistan", not "WTO and Iraq to meet; WTO and ...".
        rest = [x for x in rest if x not in group]
        group = [m, *group]
        items.append(
            _Item(_planned_hub_render(hub, group, published), _evidence(g.evidence for g in group))
        )
    return items


def _planned_hub_render(
    hub: str, group: list[Meeting], published: dt.date | None
) -> Callable[[_Names], str]:
    first = group[0]
    when = when_display(first.when, first.date, published, first.precision)

    def render(names: _Names) -> str:
        others = [p for g in group for p in g.participants if not names.same(p, hub)]
        shown = [names.show(o) for o in dict.fromkeys(others)]
        return f"{names.show(hub)} to meet {_join(shown)}" + _place_when(first.place, when)

    return render


def _planned_render(m: Meeting, published: dt.date | None) -> Callable[[_Names], str]:
    when = when_display(m.when, m.date, published, m.precision)

    def render(names: _Names) -> str:
        people = [names.show(p) for p in dict.fromkeys(m.participants)]
        return f"{_join(people)} to meet" + _place_when(m.place, when)

    return render


def _trip_render(
    it: Itinerary, meetings: list[Meeting], published: dt.date | None
) -> Callable[[_Names], str]:
    """ "Kelly: FM Yoriko Kawaguchi meeting -> China (Tuesday) -> Washington"."""

    def render(names: _Names) -> str:
        who = names.show(it.who)
        stop_places = {fold(s.place) for s in it.stops}
        lead: list[str] = []
        notes: dict[str, list[str]] = {}
        for m in meetings:
            others = _join([names.show(p) for p in m.participants if not names.same(p, it.who)])
            if m.place and fold(m.place) in stop_places:
                notes.setdefault(fold(m.place), []).append(f"meets {others}")
            else:
                when = when_display(m.when, m.date, published, m.precision)
                where = f" in {m.place}" if m.place else ""
                lead.append(f"{others} meeting{where}" + (f" ({when})" if when else ""))
        steps = list(lead)
        previous: str | None = None
        for stop in it.stops:
            when = when_display(stop.when, stop.date, published, stop.precision)
            # A run of stops on one day names the day once, at its first stop:
            # "Somerset (Monday) -> Hampshire -> Shrewsbury (Tuesday) -> Liverpool".
            bits = [when if when != previous else None, *notes.get(fold(stop.place), ())]
            previous = when or previous
            shown = [b for b in bits if b]
            steps.append(stop.place + (f" ({'; '.join(shown)})" if shown else ""))
        return f"{who}: {ARROW.join(steps)}"

    return render


# -- the word budget --------------------------------------------------------


def _words(text: str) -> int:
    return len(text.split())


def _fit(
    lines: list[tuple[Label, list[_Item]]],
    budget: int,
    officials: Sequence[Official],
    text: str | None = None,
) -> tuple[list[BriefingLine], list[str]]:
    """Drop trailing items (noting "+N more"), then shorten the longest line, to fit.

    Items are measured once, then the kept ones are rendered again from scratch so
    that a title dropped with an item reappears at the first mention that is kept.
    Returns the lines and the officials they mention (first mention first).
    """
    first = _Names(officials, text)
    texts = {lb: [item.render(first) for item in items] for lb, items in lines}
    keep = {lb: len(items) for lb, items in lines}

    def joined(lb: Label, parts: list[str]) -> str:
        text = "; ".join(parts[: keep[lb]])
        hidden = len(parts) - keep[lb]
        return text + (f" (+{hidden} more)" if hidden else "")

    def total(tx: dict[Label, list[str]]) -> int:
        return sum(_words(f"{lb}: {joined(lb, tx[lb])}") for lb, _ in lines)

    while total(texts) > budget:
        multi = [lb for lb, _ in lines if keep[lb] > 1]
        if not multi:
            break
        lb = max(multi, key=lambda k: _words(joined(k, texts[k])))
        keep[lb] -= 1
    final = _Names(officials, text)
    texts = {
        lb: [item.render(final) for item in items[: keep[lb]]] + texts[lb][keep[lb] :]
        for lb, items in lines
    }
    out = {lb: joined(lb, texts[lb]) for lb, _ in lines}
    over = sum(_words(f"{lb}: {t}") for lb, t in out.items()) - budget
    # Shorten the longest lines word by word while still over budget.
    while over > 0:
        lb = max(out, key=lambda k: _words(out[k]))
        words = out[lb].rstrip("…").split()
        cut = min(over, max(len(words) - 3, 0))
        if cut <= 0:
            break
        out[lb] = " ".join(words[: len(words) - cut]).rstrip(",;:") + "…"
        over -= cut
    result = [
        BriefingLine(lb, out[lb], _evidence(i.evidence for i in items[: keep[lb]]))
        for lb, items in lines
    ]
    return result, list(dict.fromkeys(clean_name(n) for n in final.mentioned))


# -- the briefing -----------------------------------------------------------


def source_ref(article: Article, article_id: int | None = None) -> SourceRef:
    return SourceRef(
        article_id=article_id,
        title=headline_of(article),
        source=article.source,
        published=article.published,
        url=article.url,
        ext_id=article.id,
        origin=article.origin,
        title_derived=_title_is_derived(article),
        truncated_from=article.truncated_from,
    )


def headline_of(article: Article) -> str:
    title = " ".join((article.title or "").split())
    if not title:
        title = first_sentence(article.text) if article.text.strip() else "Untitled article"
    if len(title) > MAX_HEADLINE_CHARS:
        title = title[: MAX_HEADLINE_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return title


def _title_is_derived(article: Article) -> bool:
    """True when the loader made the title from the first sentence (no real headline)."""
    return is_derived_title(article.title, article.text)


def _fact_headline(ex: Extraction) -> str | None:
    """ "Kelly meets Yabunaka, Fukuda and Abe in Tokyo", from the first held meetings."""
    names = _Names(ex.officials)
    items = _met_items(ex.meetings, names, None)
    if not items:
        return None
    held = [m for m in ex.meetings if m.status == "held" and len(m.participants) >= 2]
    first = held[0]
    hub = first.participants[0]
    group = [m for m in held if any(names.same(p, hub) for p in m.participants)]
    others: list[str] = []
    for m in group:
        for p in m.participants:
            if not names.same(p, hub):
                off = names.official(p)
                shown = display_surname(off.name) if off else p
                if shown not in others:
                    others.append(shown)
    off = names.official(hub)
    hub_shown = display_surname(off.name) if off else hub
    places = list(dict.fromkeys(m.place for m in group if m.place))
    out = f"{hub_shown} meets {_join(others[:4])}" + (
        f" in {places[0]}" if len(places) == 1 else ""
    )
    return out if len(out) <= MAX_HEADLINE_CHARS else None


# Briefings and digests show only facts the extractor is fairly sure of; the JSON and
# the store keep every fact with its confidence. Facts from before confidences (None)
# are shown as they were.
SHOW_CONFIDENCE = 0.6
# How a dossier marks a fact below SHOW_CONFIDENCE (dossiers show every fact).
UNCONFIRMED = "unconfirmed"


def _sure(confidence: float | None) -> bool:
    return confidence is None or confidence >= SHOW_CONFIDENCE


def _sane(ex: Extraction) -> Extraction:
    """Drop what cannot be a fact as shown: a fact below SHOW_CONFIDENCE, a meeting's
    place among its participants ("Blair met Baghdad in Baghdad"), a stop that is a
    person of the article ("-> Wiranto"). The rest is kept as it is."""
    meetings: list[Meeting] = []
    for m in ex.meetings:
        if not _sure(m.confidence):
            continue
        if m.place:
            place = name_key(m.place)
            kept = tuple(p for p in m.participants if name_key(p) != place)
            if kept != m.participants:
                m = dataclasses.replace(m, participants=kept)
        meetings.append(m)
    people = {
        name_key(form)
        for off in ex.officials
        for form in (off.name, *off.aliases)
        if is_name_form(form)
    }
    trips = [
        dataclasses.replace(
            it,
            stops=tuple(
                s for s in it.stops if name_key(s.place) not in people and _sure(s.confidence)
            ),
        )
        for it in ex.next_stops
    ]
    agreements = tuple(a for a in ex.agreements if _sure(a.confidence))
    return dataclasses.replace(
        ex, meetings=tuple(meetings), agreements=agreements, next_stops=tuple(trips)
    )


def compose_briefing(
    article: Article, extraction: Extraction, *, article_id: int | None = None
) -> Briefing:
    """The briefing of one article: headline, up to four lines, evidence kept."""
    extraction = _sane(extraction)
    src = source_ref(article, article_id)
    names = _Names(extraction.officials, article.text)
    published = article.published
    met = _met_items(extraction.meetings, names, published)
    agreed = _agreement_items([a for a in extraction.agreements if a.polarity == "agreed"], names)
    divided = _agreement_items(
        [a for a in extraction.agreements if a.polarity == "disagreed"], names
    )
    nxt = _next_items(extraction, names, published)
    candidates: list[tuple[Label, list[_Item]]] = [
        ("Met", met),
        ("Agreed", agreed),
        ("Divided", divided),
        ("Next", nxt),
    ]
    raw = [(lb, items) for lb, items in candidates if items]
    if not raw:
        return Briefing(
            headline=src.title,
            lines=(),
            source=src,
            officials=(),
            note=EMPTY_NOTE,
            places=tuple(extraction.places),
        )
    lines, mentioned_list = _fit(raw, MAX_BODY_WORDS, extraction.officials, article.text)
    mentioned = tuple(mentioned_list)
    headline = src.title
    if _title_is_derived(article):
        headline = _fact_headline(extraction) or headline
    return Briefing(
        headline=headline,
        lines=tuple(lines),
        source=src,
        officials=mentioned,
        places=tuple(extraction.places),
    )


def briefing_for(store: Any, article_id: int) -> Briefing | None:
    """The briefing of a stored article (for "Show sources" and "Share in channel")."""
    found = store.get_article(article_id)
    if found is None:
        return None
    article, extraction = found
    if extraction is None:
        extraction = Extraction(article_id=article.id, extractor_version="")
    return compose_briefing(article, extraction, article_id=article_id)


def latest_briefings(
    store: Any, count: int = 5, *, scan: int = 50, vis: Visibility = EVERYTHING
) -> list[Briefing]:
    """Briefings of the newest stored articles `vis` may see that report something (at
    most `count`).

    Articles with no meetings, agreements or trips are skipped: `/brief latest` is
    for news, and their one-line "nothing reported" would crowd it out."""
    out: list[Briefing] = []
    for aid, article, extraction in store.latest(scan, visibility=vis):
        if extraction is None or extraction.is_empty:
            continue
        out.append(compose_briefing(article, extraction, article_id=aid))
        if len(out) == count:
            break
    return out
