"""Every cache of derived vocabulary in one registry, and one :func:`clear_caches`.

Grammars, tries and lookups are built from the CSV files once per process and cached.
A test (or a user who edits a lexicon in a running notebook) calls :func:`clear_caches` to
rebuild them all; it clears every function decorated here, in every stage, so no stale
pattern survives because someone forgot to list its cache.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

_REGISTRY: list[Any] = []


def cached(function: F) -> F:
    """``functools.cache``, registered so that :func:`clear_caches` empties it."""
    wrapped = functools.cache(function)
    _REGISTRY.append(wrapped)
    return wrapped  # type: ignore[return-value]


def lru_cached(maxsize: int) -> Callable[[F], F]:
    """``functools.lru_cache(maxsize)``, registered like :func:`cached`."""

    def decorate(function: F) -> F:
        wrapped = functools.lru_cache(maxsize=maxsize)(function)
        _REGISTRY.append(wrapped)
        return wrapped  # type: ignore[return-value]

    return decorate


def clear_caches() -> None:
    """Empty every registered cache (all stages); the next call rebuilds from the files."""
    for function in _REGISTRY:
        function.cache_clear()


def registered() -> int:
    """How many caches are registered (for tests)."""
    return len(_REGISTRY)
