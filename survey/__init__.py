"""The core of the survey dashboard: codebook, reconstruction, build, figures and the command line.

Importable without Streamlit.
"""
import pandas as pd

# Text columns held as Python strings rather than Arrow's: the frames here are small (a chart's few dozen rows),
# where pandas' Arrow-backed strings cost more per operation (sort, take, select) than they save; a page's
# rerun spent a quarter of its time in them under load. Both are pandas' "str" dtype, with the same behaviour.
pd.options.mode.string_storage = "python"
