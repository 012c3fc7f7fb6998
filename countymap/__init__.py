"""Youyang county project map: all logic, importable without Streamlit."""

__version__ = "0.1.0"
