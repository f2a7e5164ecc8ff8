"""Mapping: an :class:`Extraction` becomes RDF quads in the public data model.

Pure functions from plain records to pyoxigraph terms; every IRI is minted here, from the
entry's id and the entities' keys, so the same input always gives the same IRIs. Each
source's quads go into the named graph of that source, which also holds the descriptions of
the entities its articles mention, so that a source can be replaced or withdrawn as a unit.

One module per part: IRIs and literals (:mod:`.minter`), entities (:mod:`.entities`),
articles with their evidence, events, roles and treaty actions (:mod:`.articles`), and source
files and duplicates (:mod:`.provenance`).
"""

from .articles import map_entry, map_triples
from .minter import Minter
from .provenance import map_duplicates, map_source

__all__ = ["Minter", "map_triples", "map_entry", "map_source", "map_duplicates"]
