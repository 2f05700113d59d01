"""The core imports without Streamlit: every module of survey/ but survey.ui, and the query modules."""
import pkgutil
import subprocess
import sys

import survey
from tests.conftest import ROOT

CORE = sorted(m.name for m in pkgutil.walk_packages(survey.__path__, "survey.")
              if m.name.split(".")[1] not in ("ui", "__main__"))


def test_core_modules_import_without_streamlit():
    code = ("import sys; sys.modules['streamlit'] = None\n"
            + "".join(f"import {name}\n" for name in CORE) + "import queries\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
