"""Interface text with placeholders, in one catalogue shared by Python and the browser.

Why one place: the map's legend, hover, readout and panel are drawn in the browser, while
exports and the first paint are drawn in Python. Both format the same message ids with the
same ``{name}`` placeholders, so a wording lives once and a translation replaces it once.
"""

from __future__ import annotations

from components.core import i18n

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
    "format.parenthetical": "{text} ({note})",
    "format.note_separator": "; ",
    "kind.never": "No action in the data by {end}",
    "kind.quiet": "Acted before, none in this window",
    "kind.hidden": "Hidden by your filters",
    "kind.own_plan": "Own dedicated plan",
    "kind.city_plan": "Plan by a city or district inside",
    "kind.no_plan": "Acted, no dedicated plan",
    "legend.ended": "Programme ended (termination) in view",
    "legend.labels_omitted": "Names left out for lack of room: {n}",
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
    "filter.novelty": "new in this version",
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
    "table.no_matching_rows": "No actions match",
    "table.no_rows": "No actions to show",
    "table.loading": "Loading…",
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
    "panel.leading_item": "{region}: {n}",
    "panel.latest": "Latest actions",
    "panel.national_actions": "National actions",
    "panel.th.country": "Country",
    "panel.th.national": "National",
    "panel.th.sub_national": "Sub-national",
    "panel.th.regions": "Regions acted",
    "panel.source": "Source: ",
    "panel.no_link": " (no link)",
    "panel.kinds": "Kinds of action",
    "list.shown": "Showing {shown} of {total}",
    "list.more": "Show {n} more",
    "timeline.actions": "{n} actions",
    # kinds of first-level region (regions.geojson's type, per country)
    "region_type.CN.province": "province",
    "region_type.CN.autonomous_region": "autonomous region",
    "region_type.CN.municipality": "municipality",
    "region_type.CN.special_administrative_region": "special administrative region",
    "region_type.JP.prefecture": "prefecture",
    "region_type.JP.urban_prefecture": "urban prefecture",
    "region_type.JP.metropolis": "metropolis",
    "region_type.KR.metropolitan_city": "metropolitan city",
    "region_type.KR.province": "province",
    "region_type.KR.special_self-governing_province": "special self-governing province",
    "region_type.KR.special_city": "special city",
    "region_type.KR.special_self-governing_city": "special self-governing city",
    "panel.badge.verified": "verified",
    "panel.badge.reported": "reported",
    "panel.badge.corroborated": "corroborated",
    "panel.badge.new": "new",
    "panel.badge.new_title": "New in dataset version {version}",
    "panel.more_sources": "More sources: ",
    "panel.issuer_url_not_opened": "The issuer's page the report cites (not opened here): ",
    "table.national": "(national)",
    "table.no_link": "no link",
    "table.open": "open ↗",
    "table.level.national": "national",
    "table.level.provincial": "provincial",
    "table.level.municipal": "municipal",
    "table.level.district": "district",
    "table.search_label": "Search the actions",
    "table.search_placeholder": "Search the actions…",
    "table.chip_title": "Show every region again",
    "table.download_csv": "Download CSV",
    "table.download_png": "Download map PNG",
    "table.th.date": "Date",
    "table.th.date_tooltip": "Written as precisely as the date is known (day, month or year); sorted by date",
    "table.th.country": "Country",
    "table.th.region": "Region",
    "table.th.locality": "Locality",
    "table.th.level": "Level",
    "table.th.kind": "Kind",
    "table.th.title": "Title",
    "table.th.issuer": "Issuer",
    "table.th.verification": "Verification",
    "table.th.source": "Source",
    "share.label": "Link to this view",
    "share.copy": "Copy the link",
    "embed.label": "Embed this view",
    "embed.copy": "Copy the embed code",
    "embed.iframe_title": "Metaverse Policy Atlas: map of metaverse policy actions",
    "embed.full_view": "Open the full view in the Metaverse Policy Atlas ↗",
    "panel.close": "× Close",
    "panel.close_title": "Back to the overview",
    "panel.picker": "Go to a region",
    "panel.picker_placeholder": "Go to a region…",
    "controls.legend.countries": "Country",
    "controls.legend.levels": "Level",
    "controls.legend.types": "Kind of action",
    "controls.legend.verification": "Verification",
    "controls.legend.novelty": "Dataset version",
    "controls.metric": "Colour the map by",
    "controls.rescale": "Rescale colours to this frame",
    "controls.zoom": "Zoom to",
    "controls.reset": "Reset view",
    "time.play": "▶ Play",
    "time.play_title": "Step the end date month by month",
    "time.pause": "❚❚ Pause",
    "time.pause_title": "Stop playing",
    "time.speed": "Speed",
    "time.slider_title": "Date range: use the arrow keys on a handle to move it by a month",
    # page frame
    "page.title": "Metaverse Policy Atlas",
    "language.switch": "Interface language",
    "header.present": "Presentation mode",
    "footer.boundaries": "Boundaries: Natural Earth admin-1 (public domain), simplified; Taiwan shown as context only. ",
    "footer.sources": "Every action links to its source; 'reported' means a secondary source, 'verified' the issuer's own page.",
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
    "codebook.verification": "verified: checked against the issuing body's own publication; corroborated: two or more "
                             "independent reports on different hosts (not copies of one wire story), the further ones in "
                             "more_sources; reported: one report",
    "codebook.more_sources": "further reports of the action, http(s) URLs separated by ;; a corroborated row needs one on "
                             "a host other than source_url's (optional column)",
    "codebook.issuer_url_not_opened": "the issuer's own page that a report cites but that could not be opened when the "
                                      "row was checked, an http(s) URL or empty; it does not make the row verified "
                                      "(optional column)",
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
    "adoption.explain": "Share of each country's first-level regions certainly with a matching sub-national action by the "
                        "end of each month (solid), with a dedicated metaverse plan (dashed) and with a plan of their own "
                        "(dotted); vertical lines mark the country's national strategy plans and laws (always shown, as a "
                        "reference).",
    "adoption.acted": "Regions that have acted",
    "adoption.with_plan": "With a dedicated plan (own or in a city/district)",
    "adoption.own_plan": "With their own dedicated plan",
    "adoption.hover": "{country} by {month}<br>{series}: {n} of {total} ({share})",
    "adoption.hover_maybe": "<br>and {n} more may have acted by then (a date known only to the month or year)",
    "adoption.milestone": "National milestones",
    "adoption.milestone_hover": "{country} · {date}<br>{kind}: {title}",
    "lag.title": "National-to-local lag",
    "lag.explain": "Days from the country's national milestone to each region's first matching action (circles) and "
                   "first dedicated plan (diamonds); red = \"ahead\" (the whole period of the region's date ends before the "
                   "milestone), blue = after it, grey span = undetermined (a date known only to the month or year whose "
                   "period reaches the milestone).",
    "lag.first_action": "First action",
    "lag.first_plan": "First dedicated plan",
    "lag.ahead": "ahead",
    "lag.undetermined": "undetermined",
    "lag.days_between": "between {before} days before and {after} days after the milestone: its date's period reaches "
                        "the milestone, so the order is undetermined",
    "lag.range": "{low} to {high}",
    "lag.rule": "Ahead only when the whole period of the region's date ends before the milestone's begins; after only "
                "when it begins after the milestone's ends; otherwise undetermined.",
    "lag.summary": "{country}, {measure}: {ahead} ahead of the milestone, {after} after it, {undetermined} undetermined "
                   "(of {regions} measured).",
    "lag.regions.one": "{n} region",
    "lag.regions.other": "{n} regions",
    "lag.hover": "{region} ({country})<br>{measure}: {date}<br>{lag}",
    "lag.days_after": "{days} days after the milestone",
    "lag.days_before": "{days} days before the milestone (ahead)",
    "lag.same_day": "on the day of the milestone",
    "lag.series_ahead": "{measure} (ahead)",
    "lag.series_undetermined": "{measure} (undetermined)",
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
                       "that cannot be told apart would share a rank, shown as a tie (\"{rank}\"). No ties in this view.",
    "ranking.never": "Not acted by {end} ({n}): {regions}.",
    "ranking.label": "{rank} {region} ({country})",
    "ranking.hover": "{region} ({country})<br>First action: {date} ({precision})<br>Rank {rank}{last}",
    "ranking.hover_last": ", could be as late as {rank}",
    "rank.plain": "{rank}",
    "rank.tied": "={rank}",
    "precision.day": "known to the day",
    "precision.month": "known to the month",
    "precision.year": "known to the year",
    "neighbours.title": "Neighbour effect",
    "neighbours.explain": "Regions shaded by the order of their first matching action (darker = earlier); a line runs "
                          "from each neighbour that certainly acted earlier to the later region, ending in an arrow.",
    "neighbours.observed": "Observed: on average {value} of a region's neighbours had acted before it",
    "neighbours.null": "Expected if the first-action dates were shuffled within each country: {value} (sd {sd})",
    "neighbours.difference": "Difference: {difference} percentage points (95% interval {low} to {high}, bootstrap over "
                             "the regions that acted)",
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
    "hype.title": "Actions per quarter",
    "hype.explain": "Matching actions per quarter and country in the window, counted by the quarter of their recorded "
                    "date. The data are collected to {collected}: later quarters are not drawn, and a hollow marker is a "
                    "quarter only partly in the data.",
    "hype.hover": "{country} · {period}: {n} action(s)",
    "hype.hover_partial": "{country} · {period}: {n} action(s) in {months} of its 3 months (partly collected)",
    # the edge of collection, drawn on the charts over time
    "edge.not_collected": "not yet collected (data to {collected})",
    "edge.not_declared": "not in the data (latest action {collected})",
    "edge.thin": "{country}: thinner coverage from {start} ({regions} of {total} regions)",
    "edge.window_beyond": "The data are collected to {collected}; nothing after it is counted.",
    # the neighbour test's reading and caveats (diffusion.json and the Analysis view)
    "diffusion.reading.none": "No region has acted in this selection, so there is nothing to test.",
    "diffusion.reading": "Across {regions}, on average {observed} of a region's neighbours had certainly acted before it; "
                         "with the first-action dates shuffled among each country's regions ({shuffles}), the average "
                         "was {null_mean}. Difference: {difference} percentage points (95% interval {low} to {high}); "
                         "{matched} matched or beat the observed share (one-sided p = {p_value}).",
    "diffusion.regions_acted.one": "the {n:,} region that acted",
    "diffusion.regions_acted.other": "the {n:,} regions that acted",
    "diffusion.shuffles.one": "{n:,} shuffle",
    "diffusion.shuffles.other": "{n:,} shuffles",
    "diffusion.pairs.one": "{n:,} pair of neighbours",
    "diffusion.pairs.other": "{n:,} pairs of neighbours",
    "diffusion.verdict.far_more": "Regions acted after their neighbours far more often than chance would give: "
                                  "consistent with a neighbour effect, though not proof of one (see the caveats).",
    "diffusion.verdict.more": "Regions acted after their neighbours more often than chance would give, by a moderate "
                              "margin (see the caveats).",
    "diffusion.verdict.slightly_more": "Regions acted after their neighbours slightly more often than chance would give: "
                                       "a small effect (see the caveats).",
    "diffusion.verdict.uncertain": "The shuffles put the observed share above chance, but the interval reaches zero: the "
                                   "regions differ too much among themselves to say how large the effect is, or that "
                                   "there is one (see the caveats).",
    "diffusion.verdict.less": "Regions acted after their neighbours less often than chance would give.",
    "diffusion.verdict.no_clear": "The data do not show regions acting after their neighbours more or less often than "
                                  "chance would.",
    "diffusion.sensitivity": "Counting the {pairs} whose order the dates cannot settle as \"before\" instead gives "
                             "{observed} against {null_mean}, a difference of {difference} points (95% interval {low} "
                             "to {high}; p = {p_value}): {effect}.",
    "diffusion.sensitivity.none": "No pair of neighbours is in an order the dates cannot settle, so the result does not "
                                  "depend on how such pairs are counted.",
    "diffusion.effect.far_more": "far more often than chance",
    "diffusion.effect.more": "more often than chance",
    "diffusion.effect.slightly_more": "slightly more often than chance",
    "diffusion.effect.uncertain": "above chance by the shuffles, but with an interval that reaches zero",
    "diffusion.effect.less": "less often than chance",
    "diffusion.effect.no_clear": "no clear difference from chance",
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
    "diffusion.caveat.evidence": "Evidence: of the {total} actions, {verified} rest on the issuer's own page, "
                                 "{corroborated} on two or more independent reports and {reported} on one report.",
    "diffusion.caveat.national": "Shuffles stay within each country, but regions answering the same national plan at "
                                 "about the same time can still look like neighbours following each other.",
    "diffusion.island_rule": "regions without a land border get their {k} nearest regions of the same country within "
                             "{km} km coast to coast (always at least the nearest one), measured in an azimuthal "
                             "equidistant projection centred on the region",
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
    "evidence.levels": "Columns verification, more_sources and issuer_url_not_opened say how each action is known: verified, from the issuer's own page; corroborated, from two or more independent reports (the further ones in more_sources); reported, from one report. issuer_url_not_opened is the issuer's page a report cites that could not be opened when the row was checked.",
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
    "phone.filters": "Filters",
    "phone.filters_active": "Filters ({n} active)",
    "phone.filters_close": "× Close",
    "phone.filters_close_title": "Close the filters and show the map",
    "phone.data": "Your data",
    "phone.data_close_title": "Close your data and show the map",
    # accessibility: skip link, landmarks, the map's table alternative
    "a11y.skip_to_map": "Skip to map",
    "a11y.map_region": "Map of metaverse policy actions",
    "a11y.lag_list": "Lag by region",
    "a11y.table.summary": "The map as a table",
    "a11y.table.caption": "{title}. One row per region; choose a region's name to open it on the map.",
    "a11y.table.name": "Region",
    "a11y.table.country": "Country",
    "a11y.table.shown": "On the map",
    "story.link_too_long": "This storyboard is too long for a link ({n} characters; the limit is {max}). Save it as a file and share the file instead.",
}


def message(key: str, **params) -> str:
    """Message ``key`` in the language of the enclosing ``i18n.use`` block (English outside one)."""
    return i18n.text(key).format(**params)


def plural(key: str, n: int, **params) -> str:
    """A counted phrase with the plural form the current language gives ``n``.

    Why ids per CLDR category (``key.one``, ``key.other``): the catalogue is keyed by message id
    (msgctxt), so each form is its own id; a language without a category (Chinese, Korean and
    Japanese have only ``other``) falls back to ``key.other``.
    """
    form = f"{key}.{i18n.plural_form(n)}"
    return message(form if form in i18n.catalogue(i18n.current()) else f"{key}.other", n=n, **params)
