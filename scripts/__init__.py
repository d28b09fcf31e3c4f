"""Build scripts for derived data files (run through `python app.py build-boundaries`)."""
