"""Alert DMs over real HTTP against the fake Slack: real spaCy extraction, a real
SQLite file. Two new articles naming a followed official make one DM listing both;
`/brief mute` stops them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.alerts import AlertSender
from bot.context import AppContext
from bot.slack import answers as a
from bot.slack import commands as c
from bot.slack.app import build_client
from tests.bot.slack.conftest import make_context, make_settings
from tests.fakes import FakeSlack

USER = "U0ALICE"
WHO = a.Asker("T0FAKE", "C0NEWS", USER)


def straw(place: str, other: str) -> Any:
    from briefings.models import Article

    text = (
        f"British Foreign Secretary Jack Straw met {other} in {place} on Monday.\n"
        f"Straw and {other.split()[-1]} agreed to resume talks next month."
    )
    return Article(id=f"straw-{place}", title=f"Straw in {place}", text=text, url=None)


@pytest.fixture
def ctx(tmp_path: Path, fake_slack: FakeSlack, nlp: Any) -> Iterator[AppContext]:
    fake_slack.reset()
    c_ = make_context(make_settings(fake_slack, tmp_path / "alerts.db"), nlp)
    yield c_
    c_.close()


def ask(ctx: AppContext, text: str) -> str:
    return str(a.answer(ctx, c.parse(text), WHO)["text"])


def test_two_articles_one_dm_then_mute_stops_it(ctx: AppContext, fake_slack: FakeSlack) -> None:
    from briefings.ingest import ingest

    now = [dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)]
    sender = AlertSender(ctx.store, build_client(ctx.settings), clock=lambda: now[0])
    ingest([straw("Tehran", "Iranian Foreign Minister Kamal Kharrazi")], ctx.extractor, ctx.store)
    assert "You now follow *Jack Straw*" in ask(ctx, "follow me Jack Straw")
    assert sender.tick() == 0  # the backlog alerts nobody
    ingest(
        [
            straw("Baghdad", "Iraqi Foreign Minister Hoshyar Zebari"),
            straw("Ankara", "Turkish Foreign Minister Abdullah Gul"),
        ],
        ctx.extractor,
        ctx.store,
    )
    assert sender.tick() == 1
    (opened,) = fake_slack.calls_to("conversations.open")
    assert opened.params["users"] == USER
    (dm,) = fake_slack.posts()
    assert dm.params["channel"] == "D0ALICE"
    assert "Straw in Baghdad" in dm.params["text"] and "Straw in Ankara" in dm.params["text"]
    assert dm.params["text"].count("Jack Straw") == 2
    assert sender.tick() == 0  # nothing new

    # Muted: a third article 31 minutes later sends nothing.
    assert "No more alerts about *Jack Straw*" in ask(ctx, "mute Straw")
    ingest([straw("Cairo", "Egyptian Foreign Minister Ahmed Maher")], ctx.extractor, ctx.store)
    now[0] += dt.timedelta(minutes=31)
    assert sender.tick() == 0
    assert len(fake_slack.posts()) == 1
    # Unmuted: the next article alerts again, in its own DM.
    assert "on again" in ask(ctx, "unmute Jack Straw")
    ingest([straw("Rome", "Italian Foreign Minister Franco Frattini")], ctx.extractor, ctx.store)
    assert sender.tick() == 1
    assert "Straw in Rome" in fake_slack.posts()[-1].params["text"]
    assert "Straw in Cairo" not in fake_slack.posts()[-1].params["text"]
    assert not fake_slack.invalid


def test_alerts_off_then_on(ctx: AppContext, fake_slack: FakeSlack) -> None:
    from briefings.ingest import ingest

    sender = AlertSender(ctx.store, build_client(ctx.settings))
    ask(ctx, "follow me Jack Straw")
    sender.tick()
    assert ask(ctx, "alerts off").startswith("Your alerts are off")
    ingest([straw("Tehran", "Iranian Foreign Minister Kamal Kharrazi")], ctx.extractor, ctx.store)
    assert sender.tick() == 0
    assert "at most one every 30 minutes" in ask(ctx, "alerts on")
    ingest([straw("Baghdad", "Iraqi Foreign Minister Hoshyar Zebari")], ctx.extractor, ctx.store)
    assert sender.tick() == 1
    assert "Straw in Tehran" not in fake_slack.posts()[-1].params["text"]


def test_the_scheduler_runs_alerts_with_a_bot_token(ctx: AppContext) -> None:
    from bot.scheduler import build_scheduling

    svc = build_scheduling(ctx)
    assert svc.alerts_tick is not None
