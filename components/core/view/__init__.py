"""Room ``view``: one view of the map, from its state to the numbers, colours, figures and files it shows.

Holds the view state (the URL), metrics, encodings (classes and colours), the browser payload, the small
regions' dots, display geometry and the land around, label placement, the map-as-table, figures and the
exports of a view, and the read API's query.

May import: ``data`` and ``i18n`` (and itself).
Browser counterpart: ``assets/atlas-*.js`` (``atlas-map``, ``atlas-panel``, ``atlas-timeline``, ``atlas-format``
and the rest), which recompute what this room computes without a round trip; the parity tests in
``tests/browser/test_parity.py`` hold the two to the same numbers, with Python as the reference.
"""
