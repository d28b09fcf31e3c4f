"""The pure core: dataset, schema, view state, metrics, encodings and figures.

Nothing here imports Dash. DataFrames and GeoDataFrames go in, values come out, so every
number the atlas shows can be computed and tested without a server or a browser.
"""
