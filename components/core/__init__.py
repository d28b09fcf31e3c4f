"""The pure core, in rooms that show its layers. Nothing here imports Dash.

DataFrames and GeoDataFrames go in, values come out, so every number the atlas shows can be computed
and tested without a server or a browser. Imports go one way (tests/test_architecture.py checks it):

    data  <-  view  <-  analysis, briefing        (i18n: usable by every room, imports none)

* ``data``     - schema, dataset, boundaries, coverage, region names, uploads and workbooks, open data;
* ``view``     - state, metrics, encodings, payload, dots, display geometry, figures, exports, API query;
* ``analysis`` - diffusion analytics, the Analysis view's data and figures;
* ``briefing`` - storyboards, slides, the standalone HTML and the evidence ZIP;
* ``i18n``     - catalogues, English source messages and vocabularies, CLDR formatting.
"""
