"""Metaverse Policy Atlas: the pure core (data, metrics, figures) and one module per panel."""
