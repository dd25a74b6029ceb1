"""The tables of constructions kept as data in `briefings/extract/patterns/`."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

__all__ = ["read_patterns"]


def read_patterns(name: str) -> dict[str, Any]:
    """The JSON table `patterns/<name>.json` shipped with the package."""
    path = resources.files("briefings.extract").joinpath(f"patterns/{name}.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data
