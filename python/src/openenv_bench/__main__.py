"""``python -m openenv_bench ARGS`` is ``openenv-bench ARGS``."""

from ._launcher import main

main()
