"""Which paths are pages (HTML for people) rather than API routes (JSON for programs)."""

from __future__ import annotations

PAGE_PREFIX = "/ui"
SIGN_IN = "/sign-in"
PAGE_ROOTS = ("/", SIGN_IN, "/sign-out")


def is_page(path: str) -> bool:
    return path in PAGE_ROOTS or path == PAGE_PREFIX or path.startswith(PAGE_PREFIX + "/")
