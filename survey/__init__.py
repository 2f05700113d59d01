"""The core of the survey dashboard, in folders by layer (docs/development.md). Importable without Streamlit
(all but survey.ui).
"""
import pandas as pd

# The layers, lowest first (layer 0 is queries): a module imports from its own layer and the layers below it,
# never from one above (tests/test_layers.py reads every import). queries/ is the SQL modules and their loader,
# at the top level as the product's design names it, and imports nothing of survey: the database and the rules
# of publication are passed to it (survey.analysis.counts). survey.cli is the command line, survey.ui the
# pages' pieces.
LAYERS = ("queries", "survey.base", "survey.texts", "survey.model", "survey.stats", "survey.ingest", "survey.demo",
          "survey.analysis", "survey.output", "survey.cli", "survey.ui")

# Text columns held as Python strings rather than Arrow's: the frames here are small (a chart's few dozen rows),
# where pandas' Arrow-backed strings cost more per operation (sort, take, select) than they save; a page's
# rerun spent a quarter of its time in them under load. Both are pandas' "str" dtype, with the same behaviour.
pd.options.mode.string_storage = "python"
