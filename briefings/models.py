"""Frozen dataclasses passed between pipeline stages.

Article -> Extraction (facts with evidence) -> Briefing (see compose).
`Extraction.to_json()` emits the shape defined in shared/eval/GUIDE.md plus
extra keys (evidence, offsets, ISO dates, affiliations) that the scorer ignores.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

Status = Literal["held", "planned"]
Polarity = Literal["agreed", "disagreed"]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article, whatever it was loaded from."""

    id: str
    title: str
    text: str
    published: dt.date | None = None
    url: str | None = None
    source: str | None = None
    # Where it was loaded from (file path or URL); names `brief --out` files.
    origin: str | None = None
    license: str | None = None
    # Length of the text before it was cut to MAX_ARTICLE_CHARS (None: not cut).
    truncated_from: int | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence a fact came from, with character offsets into Article.text."""

    sentence: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"sentence": self.sentence, "start": self.start, "end": self.end}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Evidence:
        return cls(str(data["sentence"]), int(data["start"]), int(data["end"]))


def _date_json(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _date_from(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else None


def _ev_from(data: dict[str, Any]) -> tuple[Evidence, ...]:
    return tuple(Evidence.from_json(e) for e in data.get("evidence") or ())


def _conf(data: dict[str, Any]) -> float | None:
    value = data.get("confidence")
    return float(value) if isinstance(value, int | float) else None


@dataclass(frozen=True, slots=True)
class Official:
    name: str
    title: str | None = None
    affiliation: str | None = None
    aliases: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "affiliation": self.affiliation,
            "aliases": list(self.aliases),
            "evidence": [e.to_json() for e in self.evidence],
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Official:
        return cls(
            d["name"],
            d.get("title"),
            d.get("affiliation"),
            tuple(d.get("aliases") or ()),
            _ev_from(d),
        )


@dataclass(frozen=True, slots=True)
class Meeting:
    participants: tuple[str, ...]
    status: Status = "held"
    place: str | None = None
    when: str | None = None
    date: dt.date | None = None
    evidence: tuple[Evidence, ...] = ()
    # How sure the extractor is (0-1); None for facts from before confidences.
    confidence: float | None = None
    # How precise `when` is ("day", "week", "mid-month", ... see extract.dates.precision).
    precision: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "participants": list(self.participants),
            "status": self.status,
            "place": self.place,
            "when": self.when,
            "date": _date_json(self.date),
            "date_precision": self.precision,
            "evidence": [e.to_json() for e in self.evidence],
            "confidence": self.confidence,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Meeting:
        return cls(
            tuple(d.get("participants") or ()),
            d.get("status") or "held",
            d.get("place"),
            d.get("when"),
            _date_from(d.get("date")),
            _ev_from(d),
            _conf(d),
            d.get("date_precision"),
        )


@dataclass(frozen=True, slots=True)
class Agreement:
    parties: tuple[str, ...]
    polarity: Polarity
    text: str
    evidence: tuple[Evidence, ...] = ()
    confidence: float | None = None
    # How `text` reads after the parties ("to", "verb", "that", "other"), from the parse.
    form: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "parties": list(self.parties),
            "polarity": self.polarity,
            "text": self.text,
            "text_form": self.form,
            "evidence": [e.to_json() for e in self.evidence],
            "confidence": self.confidence,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Agreement:
        return cls(
            tuple(d.get("parties") or ()),
            d.get("polarity") or "agreed",
            d.get("text") or "",
            _ev_from(d),
            _conf(d),
            d.get("text_form"),
        )


@dataclass(frozen=True, slots=True)
class Stop:
    place: str
    when: str | None = None
    date: dt.date | None = None
    evidence: tuple[Evidence, ...] = ()
    confidence: float | None = None
    precision: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "place": self.place,
            "when": self.when,
            "date": _date_json(self.date),
            "date_precision": self.precision,
            "evidence": [e.to_json() for e in self.evidence],
            "confidence": self.confidence,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Stop:
        return cls(
            d["place"],
            d.get("when"),
            _date_from(d.get("date")),
            _ev_from(d),
            _conf(d),
            d.get("date_precision"),
        )


@dataclass(frozen=True, slots=True)
class Itinerary:
    who: str
    stops: tuple[Stop, ...]

    def to_json(self) -> dict[str, Any]:
        return {"who": self.who, "stops": [s.to_json() for s in self.stops]}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Itinerary:
        return cls(d["who"], tuple(Stop.from_json(s) for s in d.get("stops") or ()))


@dataclass(frozen=True, slots=True)
class Extraction:
    """All facts found in one article."""

    article_id: str
    extractor_version: str
    officials: tuple[Official, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    next_stops: tuple[Itinerary, ...] = ()
    # Names of countries/organisations mentioned; useful for digests and clustering.
    places: tuple[str, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        return not (self.meetings or self.agreements or self.next_stops)

    def to_json(self, file: str | None = None) -> dict[str, Any]:
        """The GUIDE.md shape (plus extra keys)."""
        out: dict[str, Any] = {}
        if file is not None:
            out["file"] = file
        out.update(
            article_id=self.article_id,
            extractor_version=self.extractor_version,
            officials=[o.to_json() for o in self.officials],
            meetings=[m.to_json() for m in self.meetings],
            agreements=[a.to_json() for a in self.agreements],
            next_stops=[i.to_json() for i in self.next_stops],
            places=list(self.places),
        )
        return out

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Extraction:
        return cls(
            article_id=d.get("article_id", ""),
            extractor_version=d.get("extractor_version", ""),
            officials=tuple(Official.from_json(o) for o in d.get("officials") or ()),
            meetings=tuple(Meeting.from_json(m) for m in d.get("meetings") or ()),
            agreements=tuple(Agreement.from_json(a) for a in d.get("agreements") or ()),
            next_stops=tuple(Itinerary.from_json(i) for i in d.get("next_stops") or ()),
            places=tuple(d.get("places") or ()),
        )
