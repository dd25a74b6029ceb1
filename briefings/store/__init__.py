"""Persistence: SQLite by default, PostgreSQL for several replicas.

`Store.open(url)` creates the engine and migrates the schema; everything else
goes through its methods so callers never see SQL.
"""

from __future__ import annotations

from .engine import make_engine, migrate
from .repository import SaveOutcome, Store
from .retry import is_transient, retrying

__all__ = ["SaveOutcome", "Store", "is_transient", "make_engine", "migrate", "retrying"]
