"""How to cite the atlas: one set of metadata for CITATION.cff, the data package, the API and any "Cite".

Why a pure module: the citation file at the root, ``data/datapackage.json``, the API's
``/api/v1/version`` and a future dossier must name the work, its authors, its licence and
its version the same way; each reads them from here. Nothing is invented: the project has
no DOI and no published URL, so none is given, and the software declares no licence, so
none is claimed for it (the data's CC BY 4.0 is stated in ``data/README.md``).
"""

from __future__ import annotations

SOFTWARE_TITLE = "Metaverse Policy Atlas"
DATASET_TITLE = "Metaverse Policy Atlas: metaverse policy actions of governments in China, South Korea and Japan"
AUTHOR = "Metaverse Policy Atlas contributors"
ABSTRACT = ("A curated dataset of metaverse policy actions by national and sub-national governments in China, "
            "South Korea and Japan since 2021, each with its source, and an interactive map to explore it.")
KEYWORDS = ["metaverse", "public policy", "China", "South Korea", "Japan", "policy diffusion"]
DATA_LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 International",
                "path": "https://creativecommons.org/licenses/by/4.0/"}
CFF_MESSAGE = "If you use the atlas or its dataset, please cite the dataset as below."


def citation_metadata(version: str, version_date: str | None) -> dict:
    return {
        "software_title": SOFTWARE_TITLE, "dataset_title": DATASET_TITLE, "author": AUTHOR, "abstract": ABSTRACT,
        "keywords": list(KEYWORDS), "version": version, "date": version_date, "licence": DATA_LICENCE["name"],
    }


def citation_text(version: str, version_date: str | None) -> str:
    """A plain-text reference to the dataset version."""
    year = f" ({version_date[:4]})" if version_date else ""
    dated = f", {version_date}" if version_date else ""
    return f"{AUTHOR}{year}. {DATASET_TITLE}. Dataset version {version}{dated}. Licence {DATA_LICENCE['name']}."


def cff(version: str, version_date: str | None) -> dict:
    """CITATION.cff (Citation File Format 1.2.0) as a mapping: the software, citing the dataset version."""
    dataset = {"type": "data", "title": DATASET_TITLE, "authors": [{"name": AUTHOR}], "version": version,
               "license": DATA_LICENCE["name"], "abstract": ABSTRACT, "keywords": list(KEYWORDS)}
    if version_date:
        dataset["date-released"] = version_date
        dataset["year"] = int(version_date[:4])
    return {
        "cff-version": "1.2.0",
        "message": CFF_MESSAGE,
        "type": "software",
        "title": SOFTWARE_TITLE,
        "authors": [{"name": AUTHOR}],
        "abstract": ABSTRACT,
        "keywords": list(KEYWORDS),
        "preferred-citation": dataset,
    }
