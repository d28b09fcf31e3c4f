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
    # page frame
    "dataset.lede": "Where and when governments in China, South Korea and Japan acted on the metaverse, {start} to {end}: "
                    "national ministries, provinces, metropolitan cities, prefectures, and the cities and districts under them.",
    "dataset.footer": "Dataset version {version} · {n} actions · ",
    "table.download_xlsx": "Download XLSX",
    # bringing your own data (upload)
    "upload.drop": "Use your own data: drop a CSV or XLSX file here, or click to pick one.",
    "upload.limits": "Up to {limit} MB and 100,000 actions; it stays in this tab.",
    "upload.templates": "Templates:",
    "upload.template_csv": "empty CSV",
    "upload.template_xlsx": "XLSX with codebook and an example",
    "upload.banner": "Your data: {name}, {n} actions",
    "upload.restore": "Back to the bundled dataset",
    "upload.refused": "{name} was not loaded: {n} problem(s), listed as row, column, value and rule (the first {shown} "
                      "shown). Nothing in the view changed; fix the file and upload it again.",
    "upload.refused_file": "{name} was not loaded: {rule}",
    "upload.problems_csv": "Download all problems (CSV)",
    "upload.whole_file": "file",
    "upload.th.row": "row",
    "upload.th.column": "column",
    "upload.th.value": "value",
    "upload.th.rule": "rule",
    # refusals (rules of the problems table)
    "upload.name_ambiguous": "this name fits more than one region: {candidates}; write the ISO 3166-2 code instead",
    "upload.too_large": "the file is {size} MB; the limit is {limit} MB: split it into smaller files",
    "upload.too_many_rows": "a file may hold at most {limit} rows: split it into smaller files",
    "upload.too_much_text": "the data is {size} MB as text; the limit is {limit} MB: split the file",
    "upload.empty": "the file is empty: it needs a header row and at least one action",
    "upload.not_text": "not a CSV or XLSX file: its bytes are no text encoding the atlas knows",
    "upload.encoding_refused": "the file looks encoded as {encoding}, which the atlas does not read{where}: save it as "
                               "UTF-8 (or GB18030/GBK, Shift_JIS, EUC-KR or UTF-16) and upload it again",
    "upload.encoding_where": " (not UTF-8 at line {line}: bytes {bytes})",
    "upload.xls_refused": "an old-format Excel (.xls) or a password-protected workbook: save it as .xlsx "
                          "(without a password) or as CSV UTF-8 and upload it again",
    "upload.workbook_refused": "the workbook cannot be read: {reason}",
    "upload.not_a_file": "the upload did not arrive as a file; pick or drop it again",
    "upload.name_unknown": "not a region of data/regions.geojson: write an ISO 3166-2 code (e.g. CN-SH) or a region's "
                           "name in English or the native script (e.g. Shanghai, 上海市), or leave it empty for national actions",
    # the template's codebook sheet
    "codebook.column": "column",
    "codebook.rule": "what it holds",
    "codebook.values": "allowed values",
    "codebook.action_id": "unique, stable lowercase slug of letters, digits and hyphens, e.g. cn-sh-2022-07-metaverse-action-plan",
    "codebook.date": "date of issue or signing (else of announcement), written YYYY-MM-DD, not in the future; "
                     "a date cell is fine in this workbook",
    "codebook.date_precision": "how much of the date is known: day; month (date written as the 1st); year (written as 1 January)",
    "codebook.country": "the country of the government that acted",
    "codebook.level": "national; provincial (province, municipality, SAR, Korean metropolitan city or province, "
                      "Japanese prefecture); municipal (a city); district (district, county, ward, town)",
    "codebook.region_id": "the first-level region: an ISO 3166-2 code (CN-SH, KR-11, JP-13) or its name in English or "
                          "the native script (Shanghai, 上海市, 서울특별시, 東京都); empty only for national actions",
    "codebook.locality": "the city or district, required for municipal and district actions, e.g. Wuxi, Binhu District",
    "codebook.issuer": "the body that acted, in English",
    "codebook.title": "English title",
    "codebook.title_original": "title in the original language (empty when not seen in a source)",
    "codebook.action_type": "the kind of action",
    "codebook.summary": "one to three sentences in your own words",
    "codebook.source_name": "where the fact was checked",
    "codebook.source_url": "an http(s) link to the source, or empty when there is none (never guessed)",
    "codebook.verification": "verified: checked against the issuing body's own publication; reported: news or other "
                             "secondary source; unverified",
    "codebook.tags": "topics separated by ;",
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
    # evidence.zip README
    "evidence.title": "# Evidence: {title}",
    "evidence.version": "Metaverse Policy Atlas, dataset version {version}.",
    "evidence.written_on": " The storyboard was written on dataset version {version}.",
    "evidence.about": "Each scene-NN.csv holds exactly the actions the scene's view shows (its window, filters, search and region), in the published CSV layout of data/policy_actions.csv. storyboard.json is the storyboard these files were made from; each scene's view opens in the atlas when its link is appended to the atlas's address.",
    "evidence.scene": "## Scene {n}: {title}",
    "evidence.file": "- file: {name} ({n} actions)",
    "evidence.window": "- window: {start} to {end}",
    "evidence.colour": "- colour: {metric}",
    "evidence.filter": "- {name}: {values}",
    "evidence.all": "all",
    "evidence.none": "none",
    "evidence.search": "- search: {search}",
    "evidence.region": "- region: {region} ({id})",
    "evidence.action": "- highlighted action: {action}",
    "evidence.zoom": "- zoom: {zoom}",
    "evidence.link": "- link: {link}",
    # storyboard panel
    "story.heading": "Storyboard",
    "story.title_label": "Storyboard title",
    "story.untitled": "Untitled storyboard",
    "story.new_scene": "Scene {n}: {title}",
    "story.add": "Add scene",
    "story.present": "Present",
    "story.save": "Save JSON",
    "story.load": "Load JSON",
    "story.share": "Share link",
    "story.link_label": "Link to this storyboard",
    "story.link_ready": "Link ready: it carries the whole storyboard.",
    "story.up": "↑",
    "story.down": "↓",
    "story.up_title": "Move the scene up",
    "story.down_title": "Move the scene down",
    "story.jump": "Show",
    "story.delete": "Delete",
    "story.scene_title": "Scene title",
    "story.caption": "Caption",
    "story.notes": "Speaker notes",
    "story.export": "Export:",
    "story.export_html": "Offline HTML",
    "story.export_pptx": "PowerPoint",
    "story.export_zip": "Evidence ZIP",
    "story.exported": "{name} is ready.",
    "story.loaded": "Loaded \"{title}\": {n} scene(s).",
    "story.file": "{name}",
    "story.refused": "Not loaded: the storyboard you are editing is unchanged. Problems:",
    "story.present_hint": "Presenting: → / PageDown / Space next, ← / PageUp back, Esc leaves.",
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
