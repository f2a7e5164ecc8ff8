"""untoc-graph: UNODC news on transnational organized crime as a linked, evidenced RDF graph.

The pipeline, one module per stage: ``sources`` (listings → entries) → ``extract`` (entries →
extractions) → ``mapping`` (extractions → RDF) → ``store`` (Oxigraph) → ``export``, ``query``,
``views``. ``build`` wires them together; ``cli`` is a thin command line over this package.
"""

__version__ = "0.1.0"

from .build import build, default_sources, ingest, remove  # noqa: E402
from .extract import extract  # noqa: E402
from .lexicon import Lexicon, default_lexicon  # noqa: E402
from .query import check, execute, named_queries, run  # noqa: E402
from .sources import read_listing  # noqa: E402
from .store import open_store  # noqa: E402

__all__ = [
    "__version__",
    "build",
    "ingest",
    "remove",
    "default_sources",
    "read_listing",
    "extract",
    "Lexicon",
    "default_lexicon",
    "open_store",
    "named_queries",
    "check",
    "execute",
    "run",
]
