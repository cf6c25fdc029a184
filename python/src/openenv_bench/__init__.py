"""openenv-bench from Python: the ``openenv-bench`` command and :func:`load` for pandas.

The command (``openenv-bench`` or ``python -m openenv_bench``) runs the bundled jar, see
:mod:`openenv_bench._launcher`. :func:`load` reads a result folder through the result files'
machine-readable schema, shipped in this package as ``data/result-schema.json``.
"""

from importlib import resources as _resources

from ._launcher import java_home
from ._results import Results, load, schema

__version__ = _resources.files(__name__).joinpath("data/VERSION").read_text("utf-8").strip()

__all__ = ["Results", "__version__", "java_home", "load", "schema"]
