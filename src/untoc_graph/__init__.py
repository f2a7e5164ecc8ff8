"""untoc-graph: UNODC news on transnational organized crime as a linked, evidenced RDF graph.

The pipeline, one module per stage: ``sources`` (listings → entries) → ``extract`` (entries →
extractions; ``untoc_graph.extract.extract`` reads one entry) → ``mapping`` (extractions → RDF)
→ ``store`` (Oxigraph) → ``export``, ``query``, ``views``. ``pipeline`` wires them together
(``build``, ``ingest``, ``remove``); ``cli`` is a thin command line over this package.
"""

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "build",
    "ingest",
    "remove",
    "default_sources",
    "read_listing",
    "Lexicon",
    "default_lexicon",
    "open_store",
    "named_queries",
    "check",
    "execute",
    "run",
]

#: The public functions by the module that holds them, imported on first use: a command that
#: needs none of the pipeline (``query``, ``--help``) does not pay for importing it.
_HOME = {
    "build": "pipeline",
    "ingest": "pipeline",
    "remove": "pipeline",
    "default_sources": "pipeline",
    "read_listing": "sources",
    "Lexicon": "lexicon",
    "default_lexicon": "lexicon",
    "open_store": "store",
    "named_queries": "query",
    "check": "query",
    "execute": "query",
    "run": "query",
}


def __getattr__(name: str):
    if name not in _HOME:
        raise AttributeError(f"module 'untoc_graph' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{_HOME[name]}", __name__), name)
    globals()[name] = value
    return value
