"""The command line: a thin layer that parses options, calls the library and formats results.
The main group and the options commands share are in :mod:`.main`; the commands, by family, in
:mod:`.build_commands`, :mod:`.query_commands` and :mod:`.output_commands`.

Exit codes: 0 success; 1 a negative answer (warnings under --strict); 2 unusable input.
"""

from . import build_commands, output_commands, query_commands  # noqa: F401 (they register)
from .main import main

__all__ = ["main"]
