"""`/brief sources` says how each feed is doing, including a failing feed's last error."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from bot.context import build_context
from bot.settings import load_settings
from bot.slack import answers as a
from bot.slack import commands as c
from briefings.store.channels import Channels
from briefings.store.schema import FeedRow


def test_sources_listing_shows_poll_state_and_last_error(tmp_path: Path) -> None:
    ctx = build_context(load_settings(None, database_url=f"sqlite:///{tmp_path / 'f.db'}"))
    try:
        ch = Channels(ctx.store)
        ch.add_feed("T1", "C1", "https://news.example/ok.xml")
        ch.add_feed("T1", "C1", "https://news.example/new.xml")
        ch.add_feed("T1", "C1", "https://news.example/bad.xml")
        now = dt.datetime(2026, 11, 27, 18, 0, tzinfo=dt.UTC)
        with ctx.store.session() as s:
            rows = {r.url.rsplit("/", 1)[1]: r for r in s.scalars(select(FeedRow))}
            rows["ok.xml"].last_polled_at = now
            bad = rows["bad.xml"]
            bad.last_polled_at, bad.failures = now, 3
            bad.last_error = "the page was not found (404) <@U123>"
            bad.next_poll_at = now + dt.timedelta(hours=2)
        text = a.answer(ctx, c.SourcesList(), a.Asker("T1", "C1", "U1"))["text"]
        lines = text.splitlines()
        assert "ok.xml" in lines[1] and "(last polled 27 Nov 18:00 UTC)" in lines[1]
        assert "new.xml" in lines[2] and "(not polled yet)" in lines[2]
        assert "bad.xml" in lines[3] and "failing, 3 tries in a row" in lines[3]
        assert "not found (404)" in lines[3] and "next try 27 Nov 20:00 UTC" in lines[3]
        assert "<@U123>" not in text  # an error text cannot mention anyone
    finally:
        ctx.close()
