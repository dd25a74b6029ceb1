"""The one start-up place: settings, the spaCy pipeline (loaded once), the store,
the extractor and the worker pool are built here and passed to whoever needs them."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Protocol

from briefings.store import Store
from briefings.store.queue import WorkQueue
from briefings.store.visibility import SHARED, Audience

from .settings import Settings

if TYPE_CHECKING:
    from collections.abc import Iterable

    from spacy.language import Language

    from briefings.bounded import BoundedExtractor, BoundedPool
    from briefings.extract import Extractor
    from briefings.ingest import IngestReport
    from briefings.models import Article

    from .installs import Tokens

log = logging.getLogger("briefbot")


class Scheduler(Protocol):
    """What the rest of the bot may ask of the scheduling service
    (`bot.scheduler.Scheduling`): told after a subscription row is stored or deleted,
    and read by the metrics (its queue, whether it leads)."""

    queue: WorkQueue

    @property
    def is_leader(self) -> bool: ...

    def schedule_subscription(
        self, team_id: str, channel_id: str, cron: str, timezone: str
    ) -> None: ...

    def unschedule_subscription(self, team_id: str, channel_id: str) -> None: ...

    def stop(self) -> None: ...


@dataclass
class AppContext:
    settings: Settings
    store: Store
    # Slow work (fetching, extraction) runs here, never on Slack listener threads.
    executor: ThreadPoolExecutor = field(init=False)
    # The scheduling service (bot.scheduler.Scheduling) once started; None in console mode.
    scheduler: Scheduler | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.executor = ThreadPoolExecutor(
            max_workers=self.settings.briefbot_workers, thread_name_prefix="briefbot-work"
        )

    @cached_property
    def tokens(self) -> Tokens:
        """Bot tokens per workspace: SLACK_BOT_TOKEN, or the OAuth installations
        (`ctx.tokens.installation_store` in OAuth mode) for work with no request behind
        it (scheduled digests, alert DMs)."""
        from .installs import tokens_for

        return tokens_for(self.store, self.settings)

    # The imports below are lazy on purpose: spaCy takes about a second to import and
    # longer to load, and only the work that extracts (ingest, /brief <url>, the
    # extract worker) should pay for it, not every command or the Slack listeners.

    @cached_property
    def nlp(self) -> Language:
        from briefings.nlp import load_pipeline

        log.info("loading the spaCy pipeline")
        return load_pipeline()

    @cached_property
    def extractor(self) -> Extractor:
        """In-process extraction: trusted local files (CLI, console seeds)."""
        from briefings.extract import Extractor

        return Extractor(self.nlp)

    def _bounded(self) -> BoundedExtractor:
        from briefings.bounded import BoundedExtractor

        return BoundedExtractor(
            time_limit=self.settings.briefbot_extract_seconds,
            memory_limit_mb=self.settings.briefbot_extract_memory_mb,
        )

    @cached_property
    def url_extractor(self) -> BoundedExtractor:
        """For `/brief <url>`: a child process with a time and a memory limit per
        article, so a hostile page cannot starve the bot."""
        return self._bounded()

    @cached_property
    def feed_extractor(self) -> BoundedPool:
        """The same for the extraction queue (feed entries): one bounded process per
        core (`BRIEFBOT_EXTRACT_WORKERS`; each started on first use), apart from the
        `/brief <url>` one, so a user's page never waits behind a feed."""
        from briefings.bounded import BoundedPool
        from briefings.workers import default_workers

        return BoundedPool(
            self.settings.briefbot_extract_workers or default_workers(),
            time_limit=self.settings.briefbot_extract_seconds,
            memory_limit_mb=self.settings.briefbot_extract_memory_mb,
        )

    def ingest(
        self,
        articles: Iterable[Article],
        extractor: Extractor | BoundedExtractor | BoundedPool | None = None,
        *,
        audience: Audience = SHARED,
    ) -> IngestReport:
        """Extract and store articles (`briefings.ingest.ingest` with this context's
        store, and its in-process extractor unless another is given), recorded as
        having reached `audience` (the shared corpus unless told otherwise)."""
        from briefings.ingest import ingest

        return ingest(articles, extractor or self.extractor, self.store, audience=audience)

    def close(self) -> None:
        if self.scheduler is not None:
            self.scheduler.stop()
        self.executor.shutdown(wait=False, cancel_futures=True)
        for name in ("url_extractor", "feed_extractor"):
            if name in self.__dict__:
                self.__dict__[name].close()
        self.store.close()


def build_context(settings: Settings) -> AppContext:
    """Open (and migrate) the store; the pipeline loads on first use."""
    return AppContext(settings=settings, store=Store.open(settings.database_url))
