"""The command line: a thin layer that parses options, calls the library and formats results.
The main group and the options commands share are in :mod:`.main`; the commands, by family, in
:mod:`.build_commands`, :mod:`.query_commands` and :mod:`.output_commands`.

Exit codes: 0 success; 1 a negative answer (warnings under --strict); 2 unusable input.
"""

import os
import sys

from . import build_commands, output_commands, query_commands  # noqa: F401 (they register)
from .main import main

__all__ = ["main", "run"]


def run() -> None:
    """The ``untoc-graph`` command: :func:`main`, then an exit that skips tearing down the
    million objects of a loaded lexicon one by one (half a second or more after a build)."""
    try:
        main()
        code = 0
    except SystemExit as done:
        code = done.code
    lexicon = sys.modules.get("untoc_graph.lexicon")
    if lexicon is None or not lexicon.default_lexicon.cache_info().currsize:
        sys.exit(code)  # nothing big to skip: the usual exit
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe: nothing more can be said
        pass
    os._exit(code or 0)  # every file and lock was closed by the command itself
