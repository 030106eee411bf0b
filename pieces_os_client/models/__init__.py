"""Placeholder until `make generate` writes the models."""

from typing import Dict

_MODEL_MODULES: Dict[str, str] = {}
__all__: list[str] = []
