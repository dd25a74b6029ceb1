"""Rich renderables for the terminal (CLI and console mode).

Article text is put into `rich.text.Text` objects, never parsed as markup, so
brackets in an article cannot restyle the output.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from ..compose import Briefing, SourceRef, format_day
from ..digest import Digest, DigestMessage, Story
from ..dossier import Candidates, Dossier, DossierFact, OfficialRef, Unknown
from .mrkdwn import AGREEMENT_WORDS, more_facts, more_note, short_source

__all__ = ["render"]


def _context(src: SourceRef) -> Text:
    origin = (src.origin or "").replace("\\", "/").rsplit("/", 1)[-1] if not src.url else ""
    parts = [
        src.source or origin,
        format_day(src.published) if src.published else "date unknown",
        src.url or "",
        src.cut_note or "",
    ]
    return Text(" · ".join(p for p in parts if p), style="dim")


def _body(b: Briefing) -> Text:
    if b.is_empty:
        return Text(b.note or "No meetings or agreements reported.", style="italic")
    out = Text()
    for i, ln in enumerate(b.lines):
        if i:
            out.append("\n")
        out.append(f"{ln.label}: ", style="bold cyan")
        out.append(ln.text)
    return out


def _briefing(b: Briefing) -> RenderableType:
    return Panel(
        Group(_body(b), _context(b.source)),
        title=Text(b.headline, style="bold"),
        title_align="left",
    )


def _fact(f: DossierFact) -> Text:
    t = Text("• ")
    t.append(f.text)
    if f.when:
        t.append(f" ({f.when})")
    t.append(f" — {short_source(f.source)}", style="dim")
    return t


def _ref(r: OfficialRef) -> Text:
    t = Text(r.name, style="bold")
    if r.title:
        t.append(f" — {r.title}")
    return t


def _dossier(d: Dossier) -> RenderableType:
    parts: list[RenderableType] = []
    if d.note:
        parts.append(Text(d.note, style="italic yellow"))
    head = Text(f"{d.title} " if d.title else "")
    head.append(f"({d.articles} article{'s' if d.articles != 1 else ''})", style="dim")
    parts.append(head)
    if d.meetings:
        parts.append(Text("Meetings", style="bold cyan"))
        parts.extend(_fact(f) for f in d.meetings)
        if d.more_meetings:
            parts.append(Text(more_facts(d.more_meetings, "meeting"), style="dim"))
    if d.agreements:
        parts.append(Text("Agreements and disagreements", style="bold cyan"))
        parts.extend(_fact(f) for f in d.agreements)
        if d.more_agreements:
            more = more_facts(d.more_agreements, *AGREEMENT_WORDS)
            parts.append(Text(more, style="dim"))
    if d.itinerary:
        parts.append(Text("Latest itinerary", style="bold cyan"))
        steps = " -> ".join(s.text + (f" ({s.when})" if s.when else "") for s in d.itinerary)
        t = Text(steps)
        t.append(f" — {short_source(d.itinerary[0].source)}", style="dim")
        parts.append(t)
    if d.is_empty:
        parts.append(Text("No meetings, agreements or travel recorded yet.", style="italic"))
        if d.mentions:
            parts.append(Text("Mentioned in", style="bold cyan"))
            parts.extend(
                Text("• " + short_source(m) + (f" — {m.url}" if m.url else "")) for m in d.mentions
            )
    if d.also:
        also = Text("Also: ", style="dim")
        also.append(
            "; ".join(r.name + (f" ({r.title})" if r.title else "") for r in d.also), style="dim"
        )
        parts.append(also)
    return Panel(Group(*parts), title=Text(d.official.name, style="bold"), title_align="left")


def _candidates(c: Candidates) -> RenderableType:
    lead = (
        f"No official is named “{c.query}”. Did you mean:"
        if c.fuzzy
        else f"Several officials match “{c.query}”:"
    )
    lines: list[RenderableType] = [Text(lead)]
    for r in c.candidates:
        t = Text("• ")
        t.append_text(_ref(r))
        lines.append(t)
    return Group(*lines)


def _unknown(u: Unknown) -> RenderableType:
    t = Text(f"No official named “{u.query}” appears in the stored articles.")
    if u.suggestions:
        t.append("\nClosest known officials: ")
        t.append(", ".join(r.name + (f" ({r.title})" if r.title else "") for r in u.suggestions))
    return t


def _story(s: Story) -> RenderableType:
    b = s.briefing
    if s.n_sources == 1:
        foot = _context(s.sources[0])
    else:
        foot = Text(f"{s.n_sources} sources: ", style="dim")
        # Each source by its headline (all may share one outlet's name).
        foot.append(
            "; ".join(
                short_source(src) + (f" — {src.url}" if src.url else "") for src in s.sources
            ),
            style="dim",
        )
    return Panel(Group(_body(b), foot), title=Text(b.headline, style="bold"), title_align="left")


def _digest(d: Digest | DigestMessage) -> RenderableType:
    if not d.stories:
        return Text("Nothing new since the last digest.", style="italic")
    n = len(d.stories)
    parts: list[RenderableType] = [
        Text(f"Digest: {n} stor{'y' if n == 1 else 'ies'}", style="bold")
    ]
    parts.extend(_story(s) for s in d.stories)
    if d.more:
        parts.append(Text(more_note(d.more), style="dim"))
    return Group(*parts)


def render(obj: Any) -> RenderableType:
    """A rich renderable for any neutral structure (strings are shown as plain text)."""
    if isinstance(obj, Briefing):
        return _briefing(obj)
    if isinstance(obj, Dossier):
        return _dossier(obj)
    if isinstance(obj, Candidates):
        return _candidates(obj)
    if isinstance(obj, Unknown):
        return _unknown(obj)
    if isinstance(obj, Story):
        return _story(obj)
    if isinstance(obj, (Digest, DigestMessage)):
        return _digest(obj)
    return Text(str(obj))
