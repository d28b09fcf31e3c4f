"""Column names and controlled vocabularies of the policy-action dataset.

Why constants: the CSV header is a public contract (data/README.md documents it), and
every module that touches a column should name it through one place so a rename is
one edit and a typo is an AttributeError rather than a silent KeyError at run time.
"""

from __future__ import annotations

from components.core.i18n import vocabularies


class Col:
    """Dataset column names, in the order the CSV must have them."""

    ACTION_ID = "action_id"
    DATE = "date"
    DATE_PRECISION = "date_precision"
    COUNTRY = "country"
    LEVEL = "level"
    REGION_ID = "region_id"
    LOCALITY = "locality"
    ISSUER = "issuer"
    TITLE = "title"
    TITLE_ORIGINAL = "title_original"
    ACTION_TYPE = "action_type"
    SUMMARY = "summary"
    SOURCE_NAME = "source_name"
    SOURCE_URL = "source_url"
    VERIFICATION = "verification"
    TAGS = "tags"
    # Optional (2027.2): read when present, empty when not, always written by the exports.
    MORE_SOURCES = "more_sources"  # further report URLs separated by ";"
    ISSUER_URL_NOT_OPENED = "issuer_url_not_opened"  # the issuer's page a report cites, which could not be opened
    TOPICS = "topics"  # optional: codes of components.core.data.topics, ";"-separated (empty when absent)

    # Derived at load time, never read from the CSV.
    MONTH = "month"
    DEDICATED_PLAN = "dedicated_plan"  # a strategy_plan whose title names the metaverse
    DATE_LABEL = "date_label"  # the date written only as precisely as it is known

    @classmethod
    def required(cls) -> list[str]:
        return [
            cls.ACTION_ID, cls.DATE, cls.DATE_PRECISION, cls.COUNTRY, cls.LEVEL,
            cls.REGION_ID, cls.LOCALITY, cls.ISSUER, cls.TITLE, cls.TITLE_ORIGINAL,
            cls.ACTION_TYPE, cls.SUMMARY, cls.SOURCE_NAME, cls.SOURCE_URL,
            cls.VERIFICATION, cls.TAGS,
        ]

    @classmethod
    def optional(cls) -> list[str]:
        """Columns a file may leave out (an older file or template): read as empty when absent, checked when present."""
        return [cls.TOPICS, cls.MORE_SOURCES, cls.ISSUER_URL_NOT_OPENED]

    @classmethod
    def published(cls) -> list[str]:
        """The columns every export, template, the API and the bundled CSV carry, in this order."""
        return cls.required() + cls.optional()


class RegionCol:
    """Property names of data/regions.geojson features."""

    REGION_ID = "region_id"
    COUNTRY = "country"
    NAME_EN = "name_en"
    NAME_LOCAL = "name_local"
    TYPE = "type"


COUNTRIES = vocabularies.COUNTRIES
LEVELS = vocabularies.LEVELS
DATE_PRECISIONS = ("day", "month", "year")
DATE_FORMATS = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
VERIFICATION = vocabularies.VERIFICATION
NOVELTY = vocabularies.NOVELTY
#: Levels a file may still carry from before dataset 2027.2, and what the validator tells its author.
RETIRED_VERIFICATION = {"unverified": "reported"}
ACTION_TYPES = vocabularies.ACTION_TYPES
