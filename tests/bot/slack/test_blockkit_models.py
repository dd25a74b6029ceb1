"""Every Block Kit payload the bot builds, parsed and validated by slack_sdk's own
models (`Block.parse` + `validate_json`, `View`), over real data: a digest of the
whole diplomacy corpus (flat and threaded), the dossiers of the five officials named
in the most articles, their Home tab and the digest settings modal. (The fake Slack
applies the same checks to everything the bot sends in the other tests.)"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from bot.context import AppContext, build_context
from bot.settings import load_settings
from bot.slack import answers as a
from bot.slack.home import home_view
from bot.slack.settings import settings_modal
from briefings.store.channels import Channels
from briefings.store.visibility import EVERYTHING
from tests.fakes.blockkit import blocks_errors, sdk_errors, view_errors
from tests.support import SEEDS, shared_path

pytestmark = pytest.mark.corpus
TEAM, USER, CHANNEL = "T0FAKE", "U0ALICE", "C0ALL"


@pytest.fixture(scope="module")
def corpus_ctx(
    tmp_path_factory: pytest.TempPathFactory, nlp: Any
) -> Iterator[tuple[AppContext, list[str]]]:
    from briefings.ingest import ingest
    from briefings.loaders import load_paths

    folder = shared_path("corpus", "diplomacy")
    db = tmp_path_factory.mktemp("blockkit") / "corpus.db"
    ctx = build_context(load_settings(env_file=None, database_url=f"sqlite:///{db}"))
    ctx.__dict__["nlp"] = nlp
    articles = load_paths([SEEDS, Path(folder)]).articles
    assert len(articles) >= 60
    report = ingest(articles, ctx.extractor, ctx.store)
    assert report.failed == 0
    counts: Counter[str] = Counter()
    for aid in report.article_ids:
        got = ctx.store.get_article(aid)
        assert got is not None and got[1] is not None
        counts.update({o.name for o in got[1].officials})
    busiest = [name for name, _ in counts.most_common(5)]
    yield ctx, busiest
    ctx.close()


def _valid_blocks(blocks: list[dict[str, Any]], *, modal: bool = False) -> None:
    for raw in blocks:
        block = Block.parse(raw)
        assert block is not None, raw
        block.validate_json()  # raises SlackObjectFormationError when invalid
    assert sdk_errors(blocks) == []  # no field slack_sdk does not know
    if not modal:  # our own message limits (modals' input blocks are slack_sdk's alone)
        assert blocks_errors(blocks) == []


def _valid_message(msg: dict[str, Any]) -> None:
    assert isinstance(msg.get("text"), str) and msg["text"].strip()
    _valid_blocks(msg["blocks"])


def test_corpus_wide_digest_flat_and_threaded(corpus_ctx: tuple[AppContext, list[str]]) -> None:
    from briefings.digest import build_digest
    from briefings.render.blocks import to_messages, to_thread

    ctx, _ = corpus_ctx
    digest = build_digest(ctx.store, team_id=TEAM, channel_id=CHANNEL)
    assert len(digest.stories) >= 30
    flat = to_messages(digest)
    assert len(flat) >= 3
    for msg in flat:
        _valid_message(msg)
    parent, replies = to_thread(digest)
    _valid_message(parent)
    assert parent["text"].startswith(f"{len(digest.stories)} stories: ")
    assert len(replies) == len(digest.stories)
    for msg in replies:
        _valid_message(msg)


def test_dossiers_of_the_five_busiest_officials(corpus_ctx: tuple[AppContext, list[str]]) -> None:
    ctx, busiest = corpus_ctx
    assert len(busiest) == 5
    for name in busiest:
        msg = a.dossier_message(ctx, name, EVERYTHING)
        _valid_message(msg)
        assert any(b["type"] == "header" for b in msg["blocks"]), name
        sources = a.sources_message(ctx, "1", EVERYTHING)
        _valid_message(sources)


def test_home_tab_and_settings_modal(corpus_ctx: tuple[AppContext, list[str]]) -> None:
    ctx, busiest = corpus_ctx
    ch = Channels(ctx.store)
    for name in busiest:
        ch.follow(TEAM, "user", USER, name)
        ch.follow(TEAM, "channel", CHANNEL, name)
    ch.subscribe(
        TEAM, CHANNEL, schedule="weekdays 07:30", cron="30 7 * * 1-5", timezone="Europe/London",
        keywords=("nuclear", "trade"), only_followed=True,
    )  # fmt: skip
    ch.add_feed(TEAM, CHANNEL, "https://news.example/feed.xml")
    home = home_view(ctx, TEAM, USER, [CHANNEL])
    View(**home).validate_json()
    assert view_errors(home) == []
    _valid_blocks(home["blocks"])
    modal = settings_modal(ctx, TEAM, CHANNEL)
    assert modal is not None
    View(**modal).validate_json()
    assert view_errors(modal, kind="modal") == []
    _valid_blocks(modal["blocks"], modal=True)
