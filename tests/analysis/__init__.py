"""Tests of the core's analysis room: the diffusion analytics and the Analysis view's data."""
