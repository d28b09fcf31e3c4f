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
    "upload.too_many_rows": "a file may hold at most {limit} {noun}s: split it into smaller files",
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
}


def message(key: str, **params) -> str:
    return MESSAGES[key].format(**params)
