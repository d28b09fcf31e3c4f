"""Tests of the core's view room: state, metrics, encodings, figures, labels, exports, the API's query."""
