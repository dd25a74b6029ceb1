"""Slack mrkdwn text for briefings, dossiers, candidates, unknown names and digests.

Everything from an article goes through `escape`; only the bot's own markup
(bold labels, bullets, links made by `link`) is left active.
"""

from __future__ import annotations

from typing import Any

from ..compose import Briefing, SourceRef, format_day
from ..digest import Digest, DigestMessage, Story
from ..dossier import Candidates, Dossier, DossierFact, OfficialRef, Unknown
from .escape import escape, link

__all__ = [
    "briefing_body",
    "context_line",
    "dossier_sections",
    "official_label",
    "source_link",
    "to_mrkdwn",
]

NOTHING_NEW = "Nothing new since the last digest."
THREAD_NOTE = "One reply per story in the thread."


def _origin_name(src: SourceRef) -> str:
    return (src.origin or "").replace("\\", "/").rsplit("/", 1)[-1]


def short_source(src: SourceRef) -> str:
    """ "G7 backs Africa debt relief plan, Tue 2 Dec 2003": a compact label for a source.

    A title the loader made from the first sentence is no headline: the source's
    name (or the file it came from) stands in for it.
    """
    title = "" if src.title_derived else " ".join((src.title or "").split())
    name = title or (src.source or "").split(" (", 1)[0].strip() or _origin_name(src)
    name = name or "article"
    if len(name) > 60:
        name = name[:59].rsplit(" ", 1)[0] + "…"
    if src.published:
        name += f", {format_day(src.published)}"
    return name


def source_link(src: SourceRef, label: str | None = None) -> str:
    return link(src.url, label or short_source(src))


def context_line(src: SourceRef) -> str:
    """ "BBC News · Tue 2 Dec 2003 · <url|Read the article>" (unknown parts left out)."""
    parts: list[str] = []
    if src.source:
        parts.append(escape(src.source))
    elif src.origin and not src.url:
        parts.append(escape(_origin_name(src)))
    parts.append(format_day(src.published) if src.published else "date unknown")
    if src.url:
        parts.append(link(src.url, "Read the article"))
    if src.cut_note:
        parts.append(escape(src.cut_note))
    return " · ".join(parts)


def briefing_body(b: Briefing) -> str:
    if b.is_empty:
        return f"_{escape(b.note or 'No meetings or agreements reported.')}_"
    return "\n".join(f"*{ln.label}:* {escape(ln.text)}" for ln in b.lines)


def briefing_text(b: Briefing) -> str:
    return f"*{escape(b.headline)}*\n{briefing_body(b)}\n{context_line(b.source)}"


def official_label(ref: OfficialRef) -> str:
    out = f"*{escape(ref.name)}*"
    if ref.title:
        out += f" — {escape(ref.title)}"
    return out


def _fact_line(f: DossierFact) -> str:
    when = f" ({escape(f.when)})" if f.when else ""
    src = source_link(f.source)
    return f"• {escape(f.text)}{when} — {src}"


def dossier_sections(d: Dossier) -> list[tuple[str, str]]:
    """(heading, mrkdwn body) pairs; empty parts left out."""
    out: list[tuple[str, str]] = []
    if d.meetings:
        body = "\n".join(_fact_line(f) for f in d.meetings)
        if d.more_meetings:
            body += f"\n_{more_facts(d.more_meetings, 'meeting')}_"
        out.append(("Meetings", body))
    if d.agreements:
        body = "\n".join(_fact_line(f) for f in d.agreements)
        if d.more_agreements:
            body += f"\n_{more_facts(d.more_agreements, *AGREEMENT_WORDS)}_"
        out.append(("Agreements and disagreements", body))
    if d.itinerary:
        steps = escape(" -> ").join(
            escape(s.text) + (f" ({escape(s.when)})" if s.when else "") for s in d.itinerary
        )
        out.append(("Latest itinerary", f"{steps} — {source_link(d.itinerary[0].source)}"))
    return out


NO_FACTS = "_No meetings, agreements or travel recorded yet._"


def empty_dossier_text(d: Dossier) -> str:
    """What an official with no facts gets: that, and the newest articles naming them."""
    if not d.mentions:
        return NO_FACTS
    listed = "\n".join(f"• {source_link(m)}" for m in d.mentions)
    return f"{NO_FACTS}\n*Mentioned in*\n{listed}"


def dossier_head(d: Dossier) -> str:
    head = f"*{escape(d.official.name)}*"
    if d.title:
        head += f" — {escape(d.title)}"
    n = d.articles
    head += f"\n_{n} article{'s' if n != 1 else ''}_"
    if d.note:
        head = f"_{escape(d.note)}_\n" + head
    return head


def dossier_text(d: Dossier) -> str:
    parts = [dossier_head(d)]
    for heading, body in dossier_sections(d):
        parts.append(f"*{heading}*\n{body}")
    if d.is_empty:
        parts.append(empty_dossier_text(d))
    if d.also:
        parts.append("Also: " + "; ".join(_ref_plain(r) for r in d.also))
    return "\n".join(parts)


def _ref_plain(r: OfficialRef) -> str:
    return escape(r.name) + (f" ({escape(r.title)})" if r.title else "")


def candidates_text(c: Candidates) -> str:
    lead = (
        f"No official is named “{escape(c.query)}”. Did you mean:"
        if c.fuzzy
        else f"Several officials match “{escape(c.query)}”:"
    )
    lines = [
        lead,
        *(f"• {official_label(r)}" for r in c.candidates),
        "Ask again with the full name, e.g. `/brief "
        + (escape(c.candidates[0].name) if c.candidates else "Name")
        + "`.",
    ]
    return "\n".join(lines)


def unknown_text(u: Unknown) -> str:
    out = f"No official named “{escape(u.query)}” appears in the stored articles."
    if u.suggestions:
        out += "\nClosest known officials: " + ", ".join(_ref_plain(r) for r in u.suggestions)
    return out


def story_text(s: Story) -> str:
    b = s.briefing
    text = f"*{escape(b.headline)}*\n{briefing_body(b)}"
    return text


def story_sources(s: Story) -> str:
    if s.n_sources == 1:
        return context_line(s.sources[0])
    # "; " between sources: headlines have commas of their own ("Tax cuts, Tories insist").
    links = "; ".join(source_link(src) for src in s.sources)
    return f"{s.n_sources} sources: {links}"


def digest_heading(d: Digest | DigestMessage, total_stories: int | None = None) -> str:
    if isinstance(d, DigestMessage):
        part = f" ({d.index}/{d.total})" if d.total > 1 else ""
        return f"Digest{part}: {len(d.stories)} stor{'y' if len(d.stories) == 1 else 'ies'}"
    n = len(d.stories) if total_stories is None else total_stories
    return f"Digest: {n} stor{'y' if n == 1 else 'ies'}"


AGREEMENT_WORDS = ("agreement or disagreement", "agreements or disagreements")


def more_facts(n: int, one: str, many: str | None = None) -> str:
    """ "6 more meetings", "1 more meeting": what a dossier section left out."""
    return f"{n} more {one if n == 1 else (many or one + 's')}"


def more_note(n: int) -> str:
    return f"{n} more stor{'y' if n == 1 else 'ies'} next time"


MAX_SUMMARY = 600  # characters of a threaded digest's one-line summary


def digest_summary(d: Digest) -> str:
    """The parent of a threaded digest, one line: "6 stories: Kelly meets Yabunaka in
    Tokyo; EU and US at odds over aircraft subsidies; …" (headlines escaped)."""
    n = len(d.stories)
    head = f"{n} stor{'y' if n == 1 else 'ies'}: "
    parts: list[str] = []
    used = len(head)
    for i, s in enumerate(d.stories):
        piece = escape(" ".join(s.briefing.headline.split()))
        # Keep room for "; and N more" (at most 16 characters) after the last headline.
        if parts and used + len(piece) + 2 > MAX_SUMMARY - 16:
            parts.append(f"and {n - i} more")
            break
        parts.append(piece)
        used += len(piece) + 2
    return head + "; ".join(parts)


def digest_text(d: Digest | DigestMessage) -> str:
    stories = d.stories
    if not stories:
        return NOTHING_NEW
    parts = [f"*{digest_heading(d)}*"]
    for s in stories:
        parts.append(f"{story_text(s)}\n{story_sources(s)}")
    if d.more:
        parts.append(f"_{more_note(d.more)}_")
    return "\n\n".join(parts)


def to_mrkdwn(obj: Any) -> str:
    """Slack mrkdwn for any neutral structure (or an escaped plain string)."""
    if isinstance(obj, Briefing):
        return briefing_text(obj)
    if isinstance(obj, Dossier):
        return dossier_text(obj)
    if isinstance(obj, Candidates):
        return candidates_text(obj)
    if isinstance(obj, Unknown):
        return unknown_text(obj)
    if isinstance(obj, Story):
        return f"{story_text(obj)}\n{story_sources(obj)}"
    if isinstance(obj, (Digest, DigestMessage)):
        return digest_text(obj)
    return escape(str(obj))
