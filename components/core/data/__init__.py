"""Room ``data``: what the atlas knows and how it is read and checked.

Holds the schema and validator, the bundled dataset and its boundaries (with their ring check), the
column vocabulary, coverage and the edge of collection, region names and look-up, own-data uploads and
workbooks, the open-data package and the dataset's citation.

May import: ``components.core.i18n`` only (and itself). Nothing here knows about views, analysis or
briefings, so a loader, a validator or the API can use it alone.
Browser counterpart: none; the browser receives data through ``view.payload``.
"""
