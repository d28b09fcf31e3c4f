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
    "legend.ended": "Programme ended (termination) in view",
    "footer.map": "Metaverse Policy Atlas · dataset v{version} · as of {end}",
    # hover
    "hover.cumulative": "Actions to {end}: {n}",
    "hover.window": "Actions {start} to {end}: {n}",
    "hover.first": "First action: {month}",
    "hover.own_plan": "Own plan: {title} ({date})",
    "hover.city_plan": "Plan in {locality}: {title} ({date})",
    "hover.latest": "Latest: {title} ({date})",
    "hover.ended": "Ended: {title} ({date})",
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
    "panel.never_searched": "No action found in the sources searched on {date}.",
    "panel.never": "No action in this dataset.",
    "panel.sources_searched": "What was searched",
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
    # tabs
    "tab.map": "Map",
    "tab.analysis": "Analysis",
    # the Analysis view
    "analysis.heading": "How the policy wave spread",
    "analysis.intro": "Every chart follows your filters (country, level, kind of action, verification, search) and the "
                      "window. Adoption, lag, first movers and the neighbour effect are cumulative: they count every "
                      "matching action from the first month of the data to the window's end and ignore the window's "
                      "start, because a region that acted before the window has still acted. The two charts over time "
                      "show the window itself.",
    "analysis.how_to": "Click a region to open it on the map, a month or quarter to move the window's end there. "
                       "PNG: the camera on a chart's toolbar.",
    "analysis.csv": "Download CSV",
    "analysis.footer": "Metaverse Policy Atlas · {chart} · dataset v{version} · {window}",
    "analysis.window": "{start} to {end}",
    "analysis.own_data_invalid": "Your dataset could not be read ({n} problem(s)), so nothing is analysed. First: {problem}",
    "analysis.empty": "Nothing to show: no country is selected, or no action matches your filters by {end}.",
    "analysis.days_axis": "Days from the national milestone",
    "analysis.actions_axis": "Actions",
    "analysis.first_action_axis": "First matching action",
    "adoption.title": "Adoption: regions that have acted, to {end}",
    "adoption.explain": "Share of each country's first-level regions with a matching sub-national action by the end of "
                        "each month (solid), with a dedicated metaverse plan (dashed) and with a plan of their own "
                        "(dotted); vertical lines mark the country's national strategy plans and laws (always shown, as a "
                        "reference).",
    "adoption.acted": "Regions that have acted",
    "adoption.with_plan": "With a dedicated plan (own or in a city/district)",
    "adoption.own_plan": "With their own dedicated plan",
    "adoption.hover": "{country} by {month}<br>{series}: {n} of {total} ({share})",
    "adoption.milestone": "National milestones",
    "adoption.milestone_hover": "{country} · {date}<br>{kind}: {title}",
    "lag.title": "National-to-local lag",
    "lag.explain": "Days from the country's national milestone to each region's first matching action (circles) and "
                   "first dedicated plan (diamonds); left of zero (red) = the region moved before it, \"ahead\".",
    "lag.first_action": "First action",
    "lag.first_plan": "First dedicated plan",
    "lag.ahead": "ahead",
    "lag.hover": "{region} ({country})<br>{measure}: {date}<br>{days} days from the milestone{ahead}",
    "lag.picker": "Milestone for {country}",
    "lag.milestone_option": "{date} · {title} ({kind})",
    "lag.milestone_used": "{country}: measured from {date} · {title}",
    "lag.milestone_refused": "{country}: {action} is not a national action of {country}; the default milestone is used.",
    "lag.no_milestone": "{country} has no national strategy plan in the data: no lag.",
    "lag.th.region": "Region",
    "lag.th.first_action": "First action",
    "lag.th.lag": "Lag (days)",
    "lag.th.first_plan": "First plan",
    "lag.th.plan_lag": "Plan lag (days)",
    "ranking.title": "First movers and laggards",
    "ranking.explain": "Regions in the order of their first matching action; the bar spans the period its date is "
                       "known to (a month, a year).",
    "ranking.ties": "A date known only to the month counts as the whole month (a year as the whole year), so regions "
                    "whose first actions cannot be told apart share a rank and are shown as ties (\"{rank}\"): "
                    "{tied} of {acted} regions here share their rank.",
    "ranking.no_ties": "A date known only to the month counts as the whole month (a year as the whole year); regions "
                       "that cannot be told apart would share a rank, shown as a tie (\"=3\"). No ties in this view.",
    "ranking.never": "Not acted by {end} ({n}): {regions}.",
    "ranking.label": "{rank} {region} ({country})",
    "ranking.hover": "{region} ({country})<br>First action: {date} ({precision})<br>Rank {rank}{last}",
    "ranking.hover_last": ", could be as late as {rank}",
    "neighbours.title": "Neighbour effect",
    "neighbours.explain": "Regions shaded by the order of their first matching action (darker = earlier); a line runs "
                          "from each neighbour that certainly acted earlier to the later region, ending in an arrow.",
    "neighbours.observed": "Observed: on average {value} of a region's neighbours had acted before it",
    "neighbours.null": "Expected if the first-action dates were shuffled within each country: {value} (sd {sd})",
    "neighbours.p_value": "One-sided p-value: {p} ({permutations} seeded shuffles, seed {seed}; {regions} regions used)",
    "neighbours.caveats": "Caveats",
    "neighbours.rank": "First-action order",
    "neighbours.links": "Earlier neighbour",
    "neighbours.hover": "{region} ({country})<br>First action: {date}<br>Rank {rank} · {earlier} of {neighbours} "
                        "neighbours acted earlier",
    "neighbours.hover_never": "{region} ({country})<br>No matching action by {end}",
    "counts.title": "Actions over time by {by}",
    "counts.explain": "Matching actions in the window per {freq}, stacked by {by}, one panel per country.",
    "counts.by.level": "level",
    "counts.by.action_type": "kind of action",
    "counts.freq.month": "month",
    "counts.freq.quarter": "quarter",
    "counts.by_label": "Stack by",
    "counts.freq_label": "Per",
    "counts.hover": "{country} · {period}<br>{category}: {n}",
    "hype.title": "Hype cycle",
    "hype.explain": "All matching actions per quarter and country in the window: the rise and cooling of the wave.",
    "hype.hover": "{country} · {period}: {n} action(s)",
    # the neighbour test's reading and caveats (diffusion.json and the Analysis view)
    "diffusion.reading.none": "No region has acted in this selection, so there is nothing to test.",
    "diffusion.reading": "Across the {used} regions that acted, on average {observed:.0%} of a region's neighbours had "
                         "certainly acted before it. Shuffling the same first-action dates among each country's regions "
                         "{permutations:,} times gave an average of {null_mean:.0%}; {at_least:,} shuffles matched or beat "
                         "the observed share (one-sided p = {p_value:.2g}). ",
    "diffusion.reading.strong": "Regions acted after their neighbours far more often than chance would give: consistent "
                                "with a neighbour effect, though not proof of one (see the caveats).",
    "diffusion.reading.some": "There is some evidence that regions acted after their neighbours more often than chance.",
    "diffusion.reading.no": "The data do not show regions acting after their neighbours more often than chance would.",
    "diffusion.caveat.small": "Small numbers: {used} of {total} regions acted, so one region more or less can move the "
                              "result.",
    "diffusion.caveat.no_record": "Only regions that acted are averaged; a neighbour with no record counts as not having "
                                  "acted before. No record means nothing was found in our sources, not that nothing "
                                  "happened.",
    "diffusion.caveat.precision": "Dates known only to the month or the year count as the whole month or year, so "
                                  "neighbours that acted in the same month (or year) are not counted as earlier; ties of "
                                  "this kind lower the observed share.",
    "diffusion.caveat.sources": "Source bias: most records come from news reports, and coverage differs between "
                                "countries and regions; a well-covered cluster of regions can look like diffusion.",
    "diffusion.caveat.national": "Shuffles stay within each country, but regions answering the same national plan at "
                                 "about the same time can still look like neighbours following each other.",
    "diffusion.caveat.islands": "Regions without a land border ({islands}) are linked by the nearest rule: {rule}.",
}


def message(key: str, **params) -> str:
    return MESSAGES[key].format(**params)
