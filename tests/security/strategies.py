"""Hypothesis strategies for hostile input, and bounded, deterministic settings for CI."""

from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

ANY_CHAR = st.characters(exclude_categories=())
"""Every code point, lone surrogates included (a JSON \\ud800 escape decodes to one)."""
NASTY = ["", " ", "\x00", "\ud800", "\udcff", "\u202e", "\u200b", "\ufeff", "z\u0301\u0301",
         "👩‍👩‍👧‍👦", "<!channel>", "<@U0LEAD>", "*bold*", "skip", "-", "yes", "no", "1", "0",
         "1,2", "²", "١", "edit ²", "today", "yesterday 25:99", "2026-02-30", "12pm",
         "99/99/99", "JS", "J.S.",
         "and", "a" * 4000, "1" * 5000, "NaN", "None", "{}", "[]", "%s%n", "'; DROP TABLE x"]
TEXT = st.one_of(st.sampled_from(NASTY), st.text(ANY_CHAR, max_size=300))
RAW = st.one_of(st.none(), TEXT, st.lists(TEXT, max_size=5))
JSON_LEAF = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                      TEXT)
JSON = st.recursive(JSON_LEAF, lambda children: st.one_of(
    st.lists(children, max_size=4), st.dictionaries(TEXT, children, max_size=4)),
    max_leaves=12)

PURE = settings(max_examples=200, deadline=None, derandomize=True, database=None)
"""For pure functions: cheap, so many examples."""
OVER_HTTP = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture,
                                            HealthCheck.too_slow])
"""For requests to the running app: each example compares its own before and after, so the
function-scoped app and database may be shared between examples."""


def with_overrides(base: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """`base` with some of its keys (and some new ones) replaced by arbitrary JSON."""
    keys = st.sampled_from(sorted(base)) | TEXT
    return st.dictionaries(keys, JSON, max_size=4).map(lambda extra: {**base, **extra})
