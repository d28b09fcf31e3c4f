"""Property tests of the API's parameter parser (Hypothesis): strict where the link parser is lenient, never different.

Why properties: the parser stands between any text a program sends and the dataset. Whatever
arrives, it either gives the view the link parser gives for the same query, or names each
broken rule; it never raises anything else, and what it accepts round-trips through the
canonical query of the ``next`` link.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode

from hypothesis import given, settings
from hypothesis import strategies as st

from components.core.view.api_query import (
    DEFAULT_LIMIT, MAX_LIMIT, ParamError, QueryError, canonical_query, filter_params, page_params, parse_actions_query,
)
from components.core.view.state import FILTERS, MAX_SEARCH_LENGTH, ViewState

MONTHS = [f"{y}-{m:02d}" for y in range(2021, 2025) for m in range(1, 13)]
REGIONS = {"CN-SH", "KR-11", "JP-13"}
NAMES = [p.name for p in filter_params(MONTHS, REGIONS)] + [p.name for p in page_params()]


def codes(options):
    return st.one_of(st.just("none"), st.lists(st.sampled_from(list(options)), min_size=1, unique=True).map(",".join))


valid_values = {
    **{name: codes(options) for name, options in FILTERS.items()},
    "start": st.sampled_from(MONTHS), "end": st.sampled_from(MONTHS), "region": st.sampled_from(sorted(REGIONS)),
    "search": st.text(max_size=MAX_SEARCH_LENGTH), "format": st.sampled_from(["json", "csv"]),
    "limit": st.integers(1, MAX_LIMIT).map(str), "offset": st.integers(0, 10**6).map(str),
}
valid_queries = st.fixed_dictionaries({}, optional=valid_values)
any_text = st.text(max_size=40)
any_queries = st.dictionaries(st.one_of(st.sampled_from(NAMES), any_text), st.lists(any_text, min_size=1, max_size=3),
                              max_size=6)


@settings(max_examples=300, deadline=None)  # correctness, not speed: the 2 cores are shared
@given(valid_queries)
def test_a_valid_query_means_what_the_link_parser_makes_of_it(query):
    parsed = parse_actions_query({k: [v] for k, v in query.items()}, MONTHS, REGIONS)
    filters = {k: v for k, v in query.items() if k not in ("format", "limit", "offset")}
    link = ViewState.from_query(urlencode(filters), ViewState(start=MONTHS[0], end=MONTHS[-1]), MONTHS, REGIONS)
    assert parsed.state == link
    assert parsed.limit == int(query.get("limit", DEFAULT_LIMIT)) and parsed.format == query.get("format", "json")


@settings(max_examples=300, deadline=None)  # correctness, not speed: the 2 cores are shared
@given(valid_queries)
def test_the_canonical_query_parses_back_to_the_same_request(query):
    parsed = parse_actions_query({k: [v] for k, v in query.items()}, MONTHS, REGIONS)
    again = parse_actions_query(parse_qs(parsed.page_query(parsed.offset), keep_blank_values=True), MONTHS, REGIONS)
    assert again == parsed


@settings(max_examples=500, deadline=None)  # correctness, not speed: the 2 cores are shared
@given(any_queries)
def test_any_query_is_either_a_request_or_a_list_of_named_broken_rules(query):
    try:
        parsed = parse_actions_query(query, MONTHS, REGIONS)
    except QueryError as error:
        assert error.errors and all(isinstance(e, ParamError) for e in error.errors)
        assert {e.parameter for e in error.errors} <= set(query)
        for e in error.errors:
            assert e.rule and e.value in (query[e.parameter][-1], ",".join(query[e.parameter]))
        return
    assert set(query) <= set(NAMES) and all(len(v) == 1 for v in query.values())
    assert 1 <= parsed.limit <= MAX_LIMIT and parsed.offset >= 0
    assert set(parsed.state.countries) <= set(FILTERS["countries"])


@settings(max_examples=200, deadline=None)  # correctness, not speed: the 2 cores are shared
@given(st.sampled_from(list(FILTERS)), st.lists(st.text(min_size=1, max_size=8), min_size=1, max_size=4))
def test_a_list_naming_an_unknown_code_is_refused_not_narrowed(name, chosen):
    options = list(FILTERS[name])
    raw = ",".join(chosen)
    try:
        parse_actions_query({name: [raw]}, MONTHS, REGIONS)
    except QueryError as error:
        assert raw != "none" and any(c not in options for c in chosen)
        assert error.errors[0].parameter == name
    else:
        assert raw == "none" or all(c in options for c in chosen)


def test_the_default_query_is_empty_and_every_filter_default_is_everything():
    parsed = parse_actions_query({}, MONTHS, REGIONS)
    assert parsed.state == ViewState(start=MONTHS[0], end=MONTHS[-1])
    assert canonical_query(parsed.state) == f"start={MONTHS[0]}&end={MONTHS[-1]}"
