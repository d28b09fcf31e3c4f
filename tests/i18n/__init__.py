"""Tests of the core's i18n room: catalogues, glossary, CLDR formatting."""
