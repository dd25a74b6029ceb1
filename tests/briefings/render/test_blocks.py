"""Block Kit messages: always valid, always escaped, buttons wired as the app expects."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from briefings.compose import Briefing, SourceRef, compose_briefing
from briefings.digest import Digest, Story
from briefings.dossier import Candidates, Dossier, DossierFact, OfficialRef, Unknown
from briefings.models import (
    Agreement,
    Article,
    Evidence,
    Extraction,
    Itinerary,
    Meeting,
    Official,
    Stop,
)
from briefings.render.blocks import (
    check_message,
    enforce,
    evidence_message,
    to_message,
    to_messages,
)
from briefings.render.escape import escape, link, truncate
from briefings.render.mrkdwn import to_mrkdwn
from briefings.render.slack_ids import ACTION_FOLLOW, ACTION_SHARE, ACTION_SHOW_SOURCES, MAX_BLOCKS
from briefings.render.terminal import render
from tests.briefings.factories import seed_article, seed_extraction

HOSTILE = [
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "<@U12345>",
    "<#C123|general>",
    "<https://evil.example|click me>",
    "@channel",
    "@here",
    "&amp;",
    "&lt;!channel&gt;",
    "*bold* _it_ ~s~ `code`",
    "> quote",
    "\u202etxet",
    "a\x00b",
    "[bold red]x[/]",
    "https://evil.example/path",
    "www.evil.example",
]


def _all_text(msg: dict[str, Any]) -> str:
    return json.dumps(msg, ensure_ascii=False)


def _assert_inert(msg: dict[str, Any]) -> None:
    """No mention, broadcast or link that the bot did not make itself."""
    blob = _all_text(msg)
    for bad in ("<!", "<@", "<#", "<https://evil", "<http://evil", "@channel", "@here"):
        assert bad not in blob, bad
    for m in re.finditer(r"<(https?://[^|>]+)\|", blob):
        assert "evil" not in m.group(1)


def _buttons(msg: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for b in msg["blocks"] if b["type"] == "actions" for e in b["elements"]]


# -- escaping ------------------------------------------------------------------------


def test_escape() -> None:
    assert escape("a & b < c > d") == "a &amp; b &lt; c &gt; d"
    assert "<" not in escape("<!channel> <@U1>")
    assert escape("@channel").startswith("@\u2060")
    assert "://" not in escape("see https://evil.example")
    assert escape(None) == ""


def test_link_only_for_http_urls() -> None:
    assert link("https://ok.example/a?b=1&c=2", "T <x>") == (
        "<https://ok.example/a?b=1&amp;c=2|T &lt;x&gt;>"
    )
    assert link("javascript:alert(1)", "x") == "x"
    assert link("https://ok.example/a|b", "x") == "x"
    assert link(None, "plain") == "plain"


def test_truncate_never_splits_an_entity_or_a_link() -> None:
    s = "abc &amp; <https://x.example|label> tail"
    for n in range(1, len(s) + 2):
        t = truncate(s, n)
        assert len(t) <= n
        assert not re.search(r"&[a-z]{0,3}…$", t)
        assert t.count("<") == t.count(">")


# -- the seed briefing ---------------------------------------------------------------


def test_briefing_message_and_buttons() -> None:
    art = seed_article(
        url="https://news.example/kelly", source="Japan Today", published=dt.date(2003, 12, 2)
    )
    b = compose_briefing(art, seed_extraction(art.text), article_id=42)
    msg = to_message(b)
    assert check_message(msg) == []
    assert msg["text"].startswith("*Kelly meets")
    assert msg["blocks"][0]["type"] == "header"
    ctx = next(blk for blk in msg["blocks"] if blk["type"] == "context")
    ctx_text = ctx["elements"][0]["text"]
    assert "Japan Today" in ctx_text and "Tue 2 Dec 2003" in ctx_text
    assert "<https://news.example/kelly|" in ctx_text
    by_action = {e["action_id"]: e for e in _buttons(msg)}
    assert by_action[ACTION_SHOW_SOURCES]["value"] == "42"
    assert by_action[ACTION_FOLLOW]["value"] == "James Kelly"
    assert by_action[ACTION_FOLLOW]["text"]["text"] == "Follow James Kelly"
    assert by_action[ACTION_SHARE]["value"] == "briefing:42"
    ev = evidence_message(b)
    assert check_message(ev) == []
    assert "Kelly and Abe agreed to take up the abductions issue" in ev["text"]
    assert "https://news.example/kelly" in _all_text(ev)


def test_empty_briefing_has_no_show_sources_button() -> None:
    art = Article(id="x", title="Weather", text="It rained.")
    msg = to_message(compose_briefing(art, Extraction("x", "t"), article_id=3))
    assert check_message(msg) == []
    assert "No meetings or agreements reported" in msg["text"]
    assert ACTION_SHOW_SOURCES not in {e["action_id"] for e in _buttons(msg)}


def test_every_kind_renders_on_all_three_renderers() -> None:
    src = SourceRef(1, "T", "S", dt.date(2004, 1, 5), "https://n.example/1")
    fact = DossierFact(
        "meeting", "met X in Y", "Mon 5 Jan", Evidence("X met Y.", 0, 8), src, ("X",), "Y", "held"
    )
    ref = OfficialRef(1, "Jack Straw", "Foreign Secretary", None, 3)
    art = seed_article()
    story = Story(compose_briefing(art, seed_extraction(art.text), article_id=1), (src, src))
    objs: list[Any] = [
        Dossier("straw", ref, "Foreign Secretary", 3, (fact,), 4, (), 0, (fact,), (ref,), "n"),
        Candidates("Howard", (ref, ref)),
        Candidates("Kely", (ref,), fuzzy=True),
        Unknown("Nobody", (ref,)),
        Unknown("Nobody"),
        story,
        Digest("T", "C", None, (story,) * 12),
        Digest("T", "C", None),
        "plain <!channel>",
    ]
    console = Console(width=100, record=True)
    for obj in objs:
        for msg in to_messages(obj):
            assert check_message(msg) == [], obj
            _assert_inert(msg)
        assert to_mrkdwn(obj)
        console.print(render(obj))
    assert len(to_messages(objs[-3])) == 2


# -- property: huge and hostile article text never yields an invalid message -----------

_hostile = st.one_of(st.sampled_from(HOSTILE), st.text(min_size=0, max_size=40))
_chunk = st.lists(_hostile, min_size=1, max_size=8).map(" ".join)
_huge = st.one_of(_chunk, _chunk.map(lambda s: (s + " ") * 400))
_name = st.one_of(
    st.sampled_from(HOSTILE),
    _chunk.filter(lambda s: s.strip() != ""),
    _huge.filter(lambda s: s.strip() != ""),
)


@st.composite
def _extractions(draw: st.DrawFn) -> tuple[Article, Extraction]:
    text = draw(_huge)
    names = draw(st.lists(_name, min_size=2, max_size=6))
    sentence = draw(_huge)
    evidence = (Evidence(sentence, 0, len(sentence)),)
    officials = tuple(Official(n, draw(st.one_of(st.none(), _huge))) for n in names)
    n_meet = draw(st.integers(0, 30))
    meetings = tuple(
        Meeting(
            (names[i % len(names)], names[(i + 1) % len(names)]),
            draw(st.sampled_from(["held", "planned"])),
            draw(st.one_of(st.none(), _name)),
            draw(st.one_of(st.none(), _chunk)),
            None,
            evidence,
        )
        for i in range(n_meet)
    )
    agreements = tuple(
        Agreement(
            (names[0], names[-1]),
            draw(st.sampled_from(["agreed", "disagreed"])),
            draw(_huge),
            evidence,
        )
        for _ in range(draw(st.integers(0, 8)))
    )
    stops = tuple(
        Stop(draw(_name), draw(st.one_of(st.none(), _chunk)), None, evidence)
        for _ in range(draw(st.integers(0, 12)))
    )
    ex = Extraction(
        "h", "t", officials, meetings, agreements, (Itinerary(names[0], stops),) if stops else ()
    )
    art = Article(
        id="h",
        title=draw(_huge),
        text=text or "x",
        url=draw(
            st.one_of(
                st.none(),
                st.just("https://evil.example/<!channel>"),
                st.just("https://ok.example/a"),
            )
        ),
        source=draw(st.one_of(st.none(), _name)),
    )
    return art, ex


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(_extractions())
def test_huge_and_hostile_text_never_yields_an_invalid_message(
    case: tuple[Article, Extraction],
) -> None:
    art, ex = case
    b = compose_briefing(art, ex, article_id=9)
    for msg in (to_message(b), evidence_message(b), to_message(Story(b, (b.source,) * 15))):
        assert check_message(msg) == [], check_message(msg)
        _assert_inert(msg)
        assert len(_all_text(msg)) < 60_000
    digest = Digest("T", "C", None, tuple(Story(b, (b.source,)) for _ in range(25)))
    for msg in to_messages(digest):
        assert check_message(msg) == []
        _assert_inert(msg)


@given(st.lists(st.text(max_size=5000), min_size=0, max_size=80))
@settings(max_examples=40, deadline=None)
def test_enforce_repairs_anything(texts: list[str]) -> None:
    blocks = []
    for t in texts:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": escape(t)}})
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": escape(t)}] * 14})
        blocks.append({"type": "header", "text": {"type": "plain_text", "text": escape(t)}})
    msg = enforce({"text": escape("".join(texts)), "blocks": blocks})
    assert check_message(msg) == []
    assert len(msg["blocks"]) <= MAX_BLOCKS


def test_briefing_structure_is_frozen() -> None:
    b = Briefing("h", (), SourceRef(None, "t"))
    try:
        b.headline = "x"  # type: ignore[misc]
    except AttributeError:
        pass
    else:  # pragma: no cover
        raise AssertionError("Briefing must be frozen")


def test_terminal_does_not_interpret_markup() -> None:
    art = Article(id="m", title="[bold red]Injected[/] title", text="[link=x]t[/link]")
    console = Console(width=80, record=True)
    console.print(render(compose_briefing(art, Extraction("m", "t"))))
    assert "[bold red]Injected[/] title" in console.export_text()


def test_an_evidence_sentence_spanning_lines_stays_inside_its_quote() -> None:
    sentence = "Ana Ruiz will fly to Porto.\nSubscribe to read comments on this story."
    text = f"Ana Ruiz met Ben Okafor.\n{sentence}"
    i = text.index(sentence)
    e = (Evidence(sentence, i, i + len(sentence)),)
    ex = Extraction(
        "q",
        "t",
        officials=(Official("Ana Ruiz"), Official("Ben Okafor")),
        meetings=(Meeting(("Ana Ruiz", "Ben Okafor"), "planned", None, None, None, e),),
    )
    b = compose_briefing(Article(id="q", title="Ruiz to fly", text=text), ex, article_id=3)
    msg = evidence_message(b)
    assert check_message(msg) == []
    for block in msg["blocks"][1:-1]:
        label, *quoted = block["text"]["text"].split("\n")
        assert label.startswith("*") and quoted
        assert all(line.startswith("> ") for line in quoted), quoted
    assert "> Ana Ruiz will fly to Porto. Subscribe to read" in msg["text"]


def test_a_blank_text_fallback_is_replaced() -> None:
    msg = enforce({"text": " \n ", "blocks": [{"type": "divider"}]})
    assert msg["text"].strip() and check_message(msg) == []


def test_terminal_shows_links_as_plain_urls_not_slack_markup() -> None:
    src = SourceRef(1, "T", "S", dt.date(2004, 1, 5), "https://n.example/1")
    art = seed_article()
    story = Story(compose_briefing(art, seed_extraction(art.text), article_id=1), (src, src))
    console = Console(width=200, record=True)
    console.print(render(story))
    out = console.export_text()
    assert "<https://" not in out and "https://n.example/1" in out


# -- formatting characters and accessibility -------------------------------------------


def test_formatting_characters_from_articles_are_inert() -> None:
    assert escape("*Exclusive* _EU_ ~US~ `deal`") == "∗Exclusive∗ ˍEUˍ ∼US∼ ˋdealˋ"
    src = SourceRef(1, "*Big* _news_", "~Wire~", dt.date(2004, 1, 5), "https://n.example/a_b")
    art = seed_article(title="*Exclusive*: ~talks~ _collapse_")
    b = compose_briefing(art, seed_extraction(art.text), article_id=7)
    b = dataclasses.replace(b, headline="*Exclusive*: ~talks~ _collapse_", source=src)
    msg = to_message(b)
    mrkdwn = [
        t
        for blk in msg["blocks"]
        for t in [blk.get("text") or {}, *blk.get("elements", ())]
        if isinstance(t, dict) and t.get("type") == "mrkdwn"
    ]
    body = msg["text"] + "".join(t["text"] for t in mrkdwn)
    for raw in ("*Exclusive*", "~talks~", "_collapse_", "~Wire~"):
        assert raw not in body, raw
    assert "∗Exclusive∗: ∼talks∼ ˍcollapseˍ" in msg["text"]
    assert "https://n.example/a_b" in body  # links the bot makes keep their address
    # plain_text is never formatted by Slack: the header shows the headline as written.
    assert msg["blocks"][0]["text"]["text"] == "*Exclusive*: ~talks~ _collapse_"


def test_repeated_buttons_name_their_story() -> None:
    art = seed_article()
    ex = seed_extraction(art.text)
    stories = tuple(
        Story(dataclasses.replace(compose_briefing(art, ex, article_id=i), headline=f"Story {i}"),
              (SourceRef(i, f"T{i}", "S", None, None),))
        for i in range(1, 6)
    )  # fmt: skip
    msg = to_message(Digest("T", "C", None, stories))
    buttons = _buttons(msg)
    assert len(buttons) == 10
    labels = [b["accessibility_label"] for b in buttons]
    assert all(0 < len(lb) <= 75 for lb in labels)
    assert len(set(labels)) == len(labels)
    assert "Show sources: Story 3" in labels
    assert any(lb.startswith("Follow James Kelly: Story 3") for lb in labels)
    long = dataclasses.replace(stories[0].briefing, headline="x" * 300)
    (button, *_) = _buttons(to_message(long))
    assert len(button["accessibility_label"]) == 75 and check_message(to_message(long)) == []
