"""Paths and helpers shared by tests (import from here, not from conftest)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
SEEDS = REPO / "seeds"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test with a clear reason if absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (the shared corpus, absent on a fresh clone)")
    return path
