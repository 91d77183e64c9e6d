"""Streamlit dashboard of framing (installed as ``framing._dashboards``); the only code that imports streamlit."""
