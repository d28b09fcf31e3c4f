"""Interface text with placeholders, in one catalogue shared by Python and the browser.

Why one place: the map's legend, hover, readout and panel are drawn in the browser, while
exports and the first paint are drawn in Python. Both format the same message ids with the
same ``{name}`` placeholders, so a wording lives once and a translation replaces it once.
"""

from __future__ import annotations

MESSAGES = {
    # map title, legend and kinds of zero
    "title.cumulative": "Actions to {end}",
    "title.window": "Actions {start} to {end}",
    "title.first": "First action, by year, to {end}",
    "title.plan": "Dedicated metaverse plans by {end}",
    "legend.cumulative": "Actions (cumulative)",
    "legend.window": "Actions in the window",
    "legend.first": "Year of first action",
    "legend.plan": "Dedicated plan",
    "legend.filtered": "matching your filters",
    "legend.rescaled": "colours rescaled to this frame",
    "kind.never": "No action in the data by {end}",
    "kind.quiet": "Acted before, none in this window",
    "kind.hidden": "Hidden by your filters",
    "kind.own_plan": "Own dedicated plan",
    "kind.city_plan": "Plan by a city or district inside",
    "kind.no_plan": "Acted, no dedicated plan",
    "footer.map": "Metaverse Policy Atlas · dataset v{version} · as of {end}",
    # hover
    "hover.cumulative": "Actions to {end}: {n}",
    "hover.window": "Actions {start} to {end}: {n}",
    "hover.first": "First action: {month}",
    "hover.own_plan": "Own plan: {title} ({date})",
    "hover.city_plan": "Plan in {locality}: {title} ({date})",
    "hover.latest": "Latest: {title} ({date})",
    "hover.hidden_by": "Hidden by your filters: {filters}",
    "filter.countries": "country",
    "filter.levels": "level",
    "filter.types": "kind of action",
    "filter.verification": "verification",
    "filter.search": "search",
    # readout under the map (one line per country in view)
    "readout.acted": "{country}: {acted} of {total} {unit} have acted by {end}",
    "readout.window": "{country}: {acted} of {total} {unit} acted between {start} and {end}",
    "readout.plan": "{country}: {own} of {total} {unit} have their own dedicated plan by {end}; {city} more have one in a city or district",
    "readout.hidden": " ({hidden} hidden by your filters)",
    "unit.CN": "provinces",
    "unit.KR": "regions",
    "unit.JP": "prefectures",
    # time controls, table and panel
    "date.showing": "Showing {start} to {end}",
    "table.count": "{n} action(s) match",
    "table.region_chip": "Region: {region} ×",
    "panel.count": "{n} action(s) in view · {country} · {type}",
    "panel.none": "No actions match the current filters.",
    "panel.national": "National ({country})",
    "panel.this_region": "This region",
    "panel.overview": "Overview: {countries}",
    "panel.leading": "Leading regions",
    "panel.latest": "Latest actions",
    "panel.national_actions": "National actions",
    "panel.th.country": "Country",
    "panel.th.national": "National",
    "panel.th.sub_national": "Sub-national",
    "panel.th.regions": "Regions acted",
    "panel.source": "Source: ",
    "panel.no_link": " (no link)",
    "panel.kinds": "Kinds of action",
    # map controls
    "control.labels": "Name the leading regions",
    "control.labels.0": "Off",
    "control.labels.5": "Top {n}",
    "control.labels.10": "Top {n}",
    # presenter and briefing exports
    "present.footer": "As of {end} · {metric} · Metaverse Policy Atlas, dataset v{version} · {n} actions in view",
    "html.source": "Source:",
    "html.notes": "Speaker notes",
    "html.slider": "Move the end month",
    "html.actions": "Actions in this scene ({n}), with their sources",
    "html.made": "Metaverse Policy Atlas · dataset v{version} · {n} scenes · made {date}",
    "html.footer": "Made with the Metaverse Policy Atlas. Boundaries: Natural Earth admin-1 (public domain), simplified; Taiwan shown as context only. Every action links to its source.",
    "slides.subtitle": "Metaverse Policy Atlas · dataset v{version} · {n} scenes",
    "slides.sources": "Sources ({page} of {pages})",
    "slides.source_line": "{date} · {where} · {title} — {source}",
    # storyboards: problems with a file or a link (scene, field, value, rule)
    "story.problem": "{where}, field '{field}': '{value}' - {rule}",
    "story.where.scene": "Scene {n}",
    "story.where.story": "Storyboard",
    "story.rule.unknown_field": "unknown field",
    "story.rule.repeated": "given twice",
    "story.rule.not_in_dataset": "not a value of this dataset",
    "story.rule.month": "not a month of this dataset ({first} to {last})",
    "story.rule.window_missing": "missing: a scene states its window (start and end month)",
    "story.rule.start_after_end": "the window starts after it ends ({end})",
    "story.rule.not_text": "must be text",
    "story.rule.empty": "must not be empty",
    "story.rule.too_long": "longer than {max} characters",
    "story.rule.file_too_big": "larger than {max} bytes",
    "story.rule.not_utf8": "not UTF-8 text",
    "story.rule.not_json": "not JSON ({reason})",
    "story.rule.not_object": "must be a JSON object",
    "story.rule.format": "not a storyboard file (expected format '{expected}')",
    "story.rule.version": "wrong version: this atlas reads storyboard version {expected}",
    "story.rule.scenes": "a storyboard needs a list of at least one scene",
    "story.rule.too_many": "more than {max} scenes",
    "story.rule.bad_link": "not a storyboard link (damaged or cut short)",
    "story.link_too_long": "This storyboard is too long for a link ({n} characters; the limit is {max}). Save it as a file and share the file instead.",
}


def message(key: str, **params) -> str:
    return MESSAGES[key].format(**params)
