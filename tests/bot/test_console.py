"""Console mode answers, in process: real SQLite file, real spaCy pipeline, a real
local news site. Each test here pins a defect found by trying the console as a user."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from bot.commands import answer_console_line, plain
from bot.context import AppContext, build_context
from bot.settings import load_settings
from tests.briefings.sources.server import LocalServer, page_html
from tests.support import SEEDS

SEED = (SEEDS / "kelly-tokyo-2003.txt").read_text()


@pytest.fixture(scope="module")
def site() -> Iterator[LocalServer]:
    server = LocalServer().start()
    server.add("/news/kelly.html", page_html("Kelly  in   Tokyo", SEED, published="2003-11-10"))
    yield server
    server.stop()


def _context(db: Path, nlp: Any, *, allow_private: bool) -> AppContext:
    settings = load_settings(
        env_file=None,
        database_url=f"sqlite:///{db}",
        briefbot_allow_private_hosts=allow_private,
        briefbot_fetch_timeout=2.0,
    )
    ctx = build_context(settings)
    ctx.__dict__["nlp"] = nlp
    return ctx


@pytest.fixture(scope="module")
def ctx(tmp_path_factory: pytest.TempPathFactory, nlp: Any) -> Iterator[AppContext]:
    from briefings.ingest import ingest
    from briefings.loaders import load_paths

    c = _context(tmp_path_factory.mktemp("console") / "c.db", nlp, allow_private=True)
    ingest(load_paths([SEEDS]).articles, c.extractor, c.store)
    yield c
    c.close()


@pytest.fixture(scope="module")
def strict_ctx(tmp_path_factory: pytest.TempPathFactory, nlp: Any) -> Iterator[AppContext]:
    c = _context(tmp_path_factory.mktemp("console-strict") / "c.db", nlp, allow_private=False)
    yield c
    c.close()


def say(ctx: AppContext, line: str) -> str:
    """What the console prints for `line` (as the terminal shows it)."""
    buf = io.StringIO()
    Console(file=buf, width=160, highlight=False, color_system=None).print(
        answer_console_line(ctx, line)
    )
    return buf.getvalue()


def test_sources_add_private_host_is_one_line_naming_the_setting(strict_ctx: AppContext) -> None:
    out = say(strict_ctx, "/brief sources add http://127.0.0.1:1/feed.xml")
    assert "Traceback" not in out
    assert "the bot's own machine" in out
    assert "BRIEFBOT_ALLOW_PRIVATE_HOSTS=true" in out


def test_brief_url_private_host_names_the_setting(
    strict_ctx: AppContext, site: LocalServer
) -> None:
    out = say(strict_ctx, f"/brief {site.url('/news/kelly.html')}")
    assert "own machine" in out and "BRIEFBOT_ALLOW_PRIVATE_HOSTS" in out


def test_brief_url_twice_answers_the_stored_briefing(ctx: AppContext, site: LocalServer) -> None:
    url = site.url("/news/kelly.html")
    first = say(ctx, f"/brief {url}")
    second = say(ctx, f"/brief {url}")
    assert "Yabunaka" in first
    assert "could not be briefed" not in second
    assert second == first


def test_no_slack_markup_in_terminal_output(ctx: AppContext) -> None:
    url = "http://127.0.0.1:1/feed.xml?a=1&b=2"
    added = say(ctx, f"/brief sources add {url}")
    listed = say(ctx, "/brief sources")
    for out in (added, listed):
        assert "<http" not in out and "&amp;" not in out and "\u2060" not in out, out
        assert out.count(url) == 1, out


def test_plain_undoes_every_kind_of_slack_markup() -> None:
    assert plain("<https://x.org/a?b=1&amp;c=2|Read>") == "Read (https://x.org/a?b=1&c=2)"
    assert plain("<https://x.org/|https:\u2060//x.org/>") == "https://x.org/"
    assert plain("see <https://x.org/>") == "see https://x.org/"
    assert plain("in <#C123|news> by <@U1>, <!here>") == "in #news by @U1, @here"
    assert plain("*bold* and _it_ 1 &lt; 2") == "bold and it 1 < 2"
    assert plain("\u2217Exclusive\u2217 a\u02cdb") == "*Exclusive* a_b"


def test_dossier_title_has_single_spaces(ctx: AppContext) -> None:
    out = say(ctx, "/brief Kelly")
    assert "Secretary of State (1 article" in out or "Secretary of State (2 article" in out
    for line in out.splitlines():
        inner = line.strip("│╭╮╰╯─ ")
        assert "  " not in inner, line


def test_follow_unknown_official_warns(ctx: AppContext) -> None:
    out = say(ctx, "/brief follow Nobody Atall")
    assert "no stored article names Nobody Atall yet" in out
    assert "channel filter" in out
    known = say(ctx, "/brief follow Kelly")
    assert "James Kelly" in known and "no stored article" not in known


def test_follow_me_is_personal_and_says_so(ctx: AppContext) -> None:
    out = say(ctx, "/brief follow me Kelly")
    assert out.startswith("You now follow James Kelly, just for you")
    assert "James Kelly" in say(ctx, "/brief following me")
    assert "James Kelly" in say(ctx, "/brief unfollow me Kelly")
    assert "You follow no officials" in say(ctx, "/brief following me")


def test_help_forms_are_whole_commands_not_glued(ctx: AppContext) -> None:
    out = say(ctx, "/brief help")
    assert " | " not in out
    assert "/brief sources remove <feed URL>" in out
    assert "/brief subscribe weekdays 07:30 [timezone]" in out
    bad = " ".join(say(ctx, "/brief subscribe x").split())
    assert " | " not in bad and "`/brief subscribe hourly [timezone]` or" in bad


def test_catch_up_prints_the_latest_once(ctx: AppContext) -> None:
    first = say(ctx, "/brief catch up 2")
    assert "Digest: 1 story" in first and "Yabunaka" in first
    assert "Nothing to catch up on" in say(ctx, "/brief catch up")
