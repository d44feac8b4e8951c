# Shared setup for scripts/*.sh (sourced, not run): a project venv with the test extras and a
# Java runtime for the Spark tests, so a fresh Debian machine needs nothing but python3.11+.
# Idempotent and quick when everything is already there.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"
EXTRAS="${UNWIKI_EXTRAS:-test}"

_as_root() {
    # apt-get needs root; CI images run as root, developer machines may have sudo.
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
        echo "setup: need root (or sudo) to run: $*" >&2; return 1; fi
}

_apt_install() {
    command -v apt-get >/dev/null 2>&1 || { echo "setup: no apt-get; install $* by hand" >&2; return 1; }
    _as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    _as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

_ensure_venv() {
    [ -x "$PY" ] && return 0
    local base="${PYTHON:-python3}"
    "$base" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
        || { echo "setup: $base is older than 3.11" >&2; return 1; }
    if ! "$base" -m venv "$VENV" 2>/dev/null; then
        # Debian splits venv/ensurepip out of python3 itself.
        rm -rf "$VENV"
        local ver; ver="$("$base" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
        _apt_install "python${ver}-venv" || _apt_install python3-venv
        "$base" -m venv "$VENV"
    fi
}

_ensure_compiler() {
    # setup.py compiles the per-page pipeline with Cython (about 1.3x faster); that needs a C
    # compiler and Python's headers. Without them the package installs as pure Python.
    local inc
    inc="$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["include"])')"
    if command -v cc >/dev/null 2>&1 && [ -f "$inc/Python.h" ]; then return 0; fi
    local ver; ver="$("$PY" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
    command -v cc >/dev/null 2>&1 || _apt_install gcc libc6-dev || return 1
    [ -f "$inc/Python.h" ] || _apt_install "python${ver}-dev" || _apt_install python3-dev || return 1
}

_stale_build() {
    # A compiled module older than its .py (sources edited since the last build).
    local so py
    while IFS= read -r so; do
        py="${so%%.cpython-*}.py"
        [ "$py" -nt "$so" ] && return 0
    done < <(find "$ROOT/src/unwiki" -name '*.so')
    return 1
}

_ensure_project() {
    # Reinstall when pyproject.toml or setup.py changed since the last install, or when a
    # compiled module is older than its source (editable install: other source edits need
    # no reinstall).
    local stamp="$VENV/.unwiki-install-stamp" want
    want="$(cat "$ROOT/pyproject.toml" "$ROOT/setup.py" | sha256sum | cut -d' ' -f1) [$EXTRAS]"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && ! _stale_build; then return 0; fi
    "$PY" -m pip install -q --upgrade pip
    "$PY" -m pip install -q -e "$ROOT[$EXTRAS]"
    echo "$want" >"$stamp"
}

_ensure_bytecode() {
    # An editable install leaves the sources without .pyc files, and where
    # PYTHONDONTWRITEBYTECODE is set every run compiles ~40 modules again (~20 ms of each
    # start, before any page is read). compileall writes them regardless and only
    # recompiles the modules edited since; Python checks each .pyc against its source.
    "$PY" -m compileall -q "$ROOT/src/unwiki" >/dev/null || true
}

_ensure_java() {
    # PySpark needs a JVM (17+); only the Spark tests use it.
    if ! command -v java >/dev/null 2>&1; then
        _apt_install openjdk-17-jre-headless
    fi
    if [ -z "${JAVA_HOME:-}" ] && command -v java >/dev/null 2>&1; then
        JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
        export JAVA_HOME
    fi
}

unwiki_setup() {
    _ensure_venv
    if _ensure_compiler; then export UNWIKI_EXPECT_NATIVE=1; else
        echo "setup: no C compiler or Python headers; unwiki installs as pure Python (slower)" >&2; fi
    _ensure_project
    _ensure_bytecode
    if [ "${UNWIKI_NO_JAVA:-0}" != 1 ]; then _ensure_java; fi
    if [ ! -d "$ROOT/../shared" ]; then
        echo "setup: note: $ROOT/../shared is absent; corpus-based tests will skip" >&2
    fi
}
