"""Refresh the gettext catalogues from the interface's message ids (``make catalogues``).

Why a script: the English text lives in code (``components/core/i18n/messages.py`` and the
vocabularies), translations in ``locales/<lang>/LC_MESSAGES/atlas.po``. This writes the
template ``locales/atlas.pot`` and merges it into each language's catalogue with Babel
(new ids appear untranslated, changed English is marked fuzzy, removed ids become obsolete),
so translators work in ordinary PO files and a test lists anything left untranslated.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from babel.messages.catalog import Catalog  # noqa: E402
from babel.messages.pofile import read_po, write_po  # noqa: E402

from components.core.i18n import BABEL_LOCALES, DOMAIN, LANGUAGES, LOCALES_DIR, catalogue_path, source_messages  # noqa: E402

HEADER = "Metaverse Policy Atlas interface"


def template() -> Catalog:
    catalog = Catalog(domain=DOMAIN, project=HEADER, version="1", copyright_holder="Metaverse Policy Atlas",
                      charset="utf-8", fuzzy=False)
    for key, english in source_messages().items():
        flags = ("python-brace-format",) if "{" in english else ()
        catalog.add(english, context=key, flags=flags, auto_comments=[f"id: {key}"])
    return catalog


def write(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=0, omit_header=False, sort_output=False, include_previous=True)


def main() -> int:
    pot = template()
    write(pot, LOCALES_DIR / f"{DOMAIN}.pot")
    for lang in LANGUAGES:
        if lang == "en":
            continue
        path = catalogue_path(lang)
        if path.exists():
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=BABEL_LOCALES[lang], domain=DOMAIN)
        else:
            catalog = Catalog(locale=BABEL_LOCALES[lang], domain=DOMAIN, project=HEADER, fuzzy=False)
        catalog.update(pot, no_fuzzy_matching=True)
        write(catalog, path)
        print(f"{path.relative_to(ROOT)}: {sum(1 for m in catalog if m.id and m.string)} of {len(pot)} translated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
