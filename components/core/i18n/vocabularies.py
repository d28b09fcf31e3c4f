"""The English labels of the data's and the view's vocabularies: the source text the catalogues translate.

Why in the i18n room: ``i18n.source_messages`` needs every English label, and the i18n room may import
nothing else in the core; ``data.columns`` and ``view.state`` take their codes from here.
"""

from __future__ import annotations

COUNTRIES = {"CN": "China", "KR": "South Korea", "JP": "Japan"}
LEVELS = {
    "national": "National",
    "provincial": "Provincial / metropolitan / prefectural",
    "municipal": "City",
    "district": "District / county",
}
VERIFICATION = {
    "verified": "Verified (issuer's own publication)",
    "corroborated": "Corroborated (two or more independent reports)",
    "reported": "Reported (one report)",
}
ACTION_TYPES = {
    "strategy_plan": "Strategy / action plan",
    "law_regulation": "Law / regulation",
    "funding": "Funding / subsidy",
    "body_alliance": "Body / alliance",
    "report_study": "Report / study",
    "work_report": "Government work report",
    "five_year_plan": "Five-year plan",
    "zone_park": "Zone / park",
    "standard": "Standard",
    "proposal": "Legislators' proposal / question",
    "event": "Event",
    "call_for_projects": "Call for projects / cases",
    "termination": "Termination (closed / withdrawn)",
    "public_service": "Public service / space (standing)",
}

METRICS = {
    "cumulative": "Cumulative actions",
    "window": "Actions within window",
    "first": "First-action date",
    "plan": "Dedicated metaverse plan",
}
ZOOMS = {"all": "All three countries", **COUNTRIES}

#: code -> English label (the interface's words); order is the filter's and the codebook's.
TOPICS = {
    "industry": "Industry promotion",
    "manufacturing": "Industrial metaverse and manufacturing",
    "xr": "XR devices and content",
    "digital_twin": "Digital twins and smart cities",
    "web3": "Blockchain, NFT and Web3",
    "tech": "AI, research and core technology",
    "education": "Education and talent",
    "tourism_culture": "Tourism, culture and sport",
    "health_welfare": "Health and welfare",
    "local_life": "Regional revitalisation and population",
    "public_services": "Public administration and services",
    "rules_safety": "Standards, rules and user protection",
    "finance": "Finance and funds",
}

#: Whether an action is new in the dataset's version (data/changes.csv) or came in an earlier one; a facet.
NOVELTY = {
    "new": "New in this version",
    "earlier": "In earlier versions",
}
