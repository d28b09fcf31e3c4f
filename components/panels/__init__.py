"""The Dash layer: one module per panel, each with ``register(app, ...)``.

Panels build layout and wire small callbacks that call ``components.core``; component
ids live in ``ids.Ids``.
"""
