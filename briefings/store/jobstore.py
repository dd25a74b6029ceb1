"""APScheduler's job store in the bot's own database, so schedules survive restarts
(the store's engine: the scheduler never builds a second one)."""

from __future__ import annotations

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore

from .repository import Store


def job_store(store: Store, table: str) -> SQLAlchemyJobStore:
    return SQLAlchemyJobStore(engine=store.engine, tablename=table)
