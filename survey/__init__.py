"""The core of the survey dashboard: codebook, reconstruction, build, figures and the command line.

Importable without Streamlit.
"""
