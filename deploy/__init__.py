"""What runs the dashboard: app.py in its server (asgi.py, the file every `streamlit run` starts), as several
replicas behind nginx (serve.py), and the publishing of a data version to each of them (publish.py)."""
from pathlib import Path

ENTRY = Path(__file__).with_name("asgi.py")
