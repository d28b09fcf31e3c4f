"""The controlled topic vocabulary: what an action is about, in 13 codes with their definitions.

Why a vocabulary beside the free ``tags``: tags are spelled freely (``VR``, ``XR``, ``virtual
space``...), so one topic hides under several tags and nobody can filter by them. Each action
carries one or more of these codes in the ``topics`` column (``;``-separated), derived by
``scripts/assign_topics.py`` from its tags, title and summary by reviewed rules, with
``data/topic_overrides.csv`` for rows the rules get wrong. The definitions here are the
codebook's (``data/README.md``); the labels are translated like every vocabulary
(``vocab.topics.<code>`` in the catalogues).
"""

from __future__ import annotations

from components.core.i18n import vocabularies

SEPARATOR = ";"

TOPICS = vocabularies.TOPICS

#: code -> the codebook's definition (data/README.md repeats these; a test holds the two together).
DEFINITIONS = {
    "industry": "growing a metaverse industry: industry plans, clusters, parks and bases, investment promotion, "
                "support for companies, industry bodies",
    "manufacturing": "the metaverse in factories and industry (\"industrial metaverse\"), new industrialisation",
    "xr": "VR, AR, MR and XR devices, immersive content, avatars and digital humans, games as content",
    "digital_twin": "digital twins of cities or assets, smart-city and 3D city models",
    "web3": "blockchain, NFTs and digital collectibles, DAOs, Web3 businesses",
    "tech": "artificial intelligence, research and development, core technology, test beds and data centres",
    "education": "schools, universities, training and talent programmes",
    "tourism_culture": "tourism, culture, heritage, entertainment, exhibitions and sport",
    "health_welfare": "health care, welfare, social isolation, family and marriage support",
    "local_life": "regional revitalisation, migration and \"relationship population\", remote work, "
                  "agriculture and hometown tax",
    "public_services": "services a government offers in a metaverse (civil services, virtual offices, city "
                       "administration platforms)",
    "rules_safety": "standards, laws, ordinances, ethics, user and minor protection, risk warnings, intellectual property",
    "finance": "funds, budgets, subsidies and financial services",
}


def split(cell: str) -> list[str]:
    """The codes of a ``topics`` cell (empty parts and surrounding spaces dropped)."""
    return [part.strip() for part in (cell or "").split(SEPARATOR) if part.strip()]


def unknown(cell: str) -> list[str]:
    """The parts of a ``topics`` cell that are not codes of the vocabulary."""
    return [code for code in split(cell) if code not in TOPICS]
