"""Prometheus metrics of one process, served at `/metrics` in HTTP mode.

One registry per process (not prometheus-client's global one), so tests and
benchmarks can build several apps in a process and read the counters move.
Queue depth and leader status are read from the store when scraped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

if TYPE_CHECKING:
    from briefings.ingest import IngestReport

log = logging.getLogger("briefbot.metrics")

REGISTRY = CollectorRegistry(auto_describe=True)
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

_LATENCY = (0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 30)

COMMANDS = Counter(
    "briefbot_commands", "Slash commands received, by kind", ["kind"], registry=REGISTRY
)
ACK_SECONDS = Histogram(
    "briefbot_ack_seconds",
    "Time to acknowledge a Slack request",
    buckets=_LATENCY,
    registry=REGISTRY,
)
ANSWER_SECONDS = Histogram(
    "briefbot_answer_seconds",
    "Time from a command to its answer",
    buckets=_LATENCY,
    registry=REGISTRY,
)
ARTICLES = Counter(
    "briefbot_articles_ingested", "Articles ingested, by outcome", ["outcome"], registry=REGISTRY
)
ARTICLES_FAILED = Counter(
    "briefbot_articles_failed", "Articles that could not be extracted or stored", registry=REGISTRY
)
EXTRACTION_SECONDS = Histogram(
    "briefbot_extraction_seconds",
    "Time to extract and store one batch of articles",
    buckets=(0.1, 0.5, 1, 2, 5, 10, 30, 60, 120),
    registry=REGISTRY,
)
DIGESTS = Counter("briefbot_digests_posted", "Digest messages posted", registry=REGISTRY)
DIGESTS_FAILED = Counter(
    "briefbot_digests_failed", "Digest deliveries that failed (retried later)", registry=REGISTRY
)
REFUSED = Counter(
    "briefbot_http_refused",
    "HTTP requests refused before any work, by status",
    ["status"],
    registry=REGISTRY,
)


def record_ingest(report: IngestReport, seconds: float) -> None:
    for outcome in ("new", "updated", "unchanged"):
        n = getattr(report, outcome)
        if n:
            ARTICLES.labels(outcome).inc(n)
    if report.failed:
        ARTICLES_FAILED.inc(report.failed)
    EXTRACTION_SECONDS.observe(seconds)


class _Live(Collector):
    """Gauges read at scrape time: queue depth and leadership."""

    def __init__(self) -> None:
        self.queue_depth: Callable[[], int] | None = None
        self.is_leader: Callable[[], bool] | None = None

    def collect(self) -> Iterator[Metric]:
        depth = GaugeMetricFamily("briefbot_queue_depth", "Work items waiting or running")
        leader = GaugeMetricFamily("briefbot_leader", "1 when this process runs the schedules")
        try:
            depth.add_metric([], float(self.queue_depth() if self.queue_depth else 0))
        except Exception:  # the database may be down; the scrape still answers
            log.warning("queue depth unavailable for /metrics")
            depth.add_metric([], float("nan"))
        leader.add_metric([], 1.0 if self.is_leader and self.is_leader() else 0.0)
        yield depth
        yield leader


LIVE = _Live()
REGISTRY.register(LIVE)


def exposition() -> bytes:
    return generate_latest(REGISTRY)
