"""Tests of the app around the core: the Dash app, serving, the API, errors, security, deployment."""
