"""Tests of the core's data room: schema and validator, dataset and boundaries, coverage, uploads, open data."""
