# Shared set-up for scripts/run and scripts/test (sourced, not executed).
#
# Installs what a build or a test needs beyond the Rust toolchain, idempotently: libclang (bindgen,
# for oxigraph's RocksDB), a C++ compiler, Graphviz (rendering diagrams), Node.js and npm (the
# build bundles the web workbench with them), and for the tests a Python virtual environment with
# the independent tools used for interoperability checks and a headless Chromium for the browser
# tests.

set -euo pipefail

SMARTY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# One persistent build directory shared by every command, so the 15-25 minute RocksDB build
# happens once per machine.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/smarty-kg/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

say() { printf '==> %s\n' "$*" >&2; }

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
    if [ "$(id -u)" = 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        say "need root to run: $*  (install the packages by hand, or install sudo)"
        return 1
    fi
}

debian_missing() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
    done
    printf '%s\n' "${missing[@]}"
}

# ensure_packages PKG...: installs the Debian packages that are missing.
ensure_packages() {
    if ! command -v dpkg-query >/dev/null 2>&1; then
        say "not a Debian-like system: make sure these are installed: $*"
        return 0
    fi
    local missing
    missing="$(debian_missing "$@")"
    if [ -n "$missing" ]; then
        say "installing system packages: $(echo $missing)"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        # shellcheck disable=SC2086
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
    fi
}

ensure_build_tools() {
    # poppler-utils: pdftotext, through which guides published as PDF are read.
    ensure_packages libclang-dev clang g++ graphviz poppler-utils
    ensure_node
}

# Node.js and npm from Debian when npm is missing: the server's build script bundles the web
# workbench with them (without npm the build still succeeds and serves a plain page).
ensure_node() {
    if ! command -v npm >/dev/null 2>&1; then
        ensure_packages nodejs npm
    fi
}

# Headless Chromium and its WebDriver, for the browser tests of the workbench.
ensure_browser() {
    ensure_packages chromium chromium-driver
}

# A throw-away Virtuoso for the remote-store tests: Debian's server binary and its SQL client
# only (virtuoso-opensource-7-bin ships no service scripts; the full virtuoso-opensource package
# would start a service listening on every interface).
ensure_virtuoso() {
    ensure_packages virtuoso-opensource-7-bin
}

# The Python tools the interoperability tests compare against (rdflib, pySHACL, networkx, pytest),
# in a git-ignored virtual environment.
ensure_python_tools() {
    local venv="$SMARTY_ROOT/.venv"
    local stamp="$venv/.requirements-installed"
    local req="$SMARTY_ROOT/tests/interop/requirements.txt"
    if [ ! -x "$venv/bin/python" ]; then
        if ! python3 -m venv "$venv" 2>/dev/null; then
            ensure_packages python3-venv
            python3 -m venv "$venv"
        fi
    fi
    if [ ! -f "$stamp" ] || ! cmp -s "$req" "$stamp"; then
        say "installing Python test tools into .venv"
        "$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$req"
        cp "$req" "$stamp"
    fi
    export PATH="$venv/bin:$PATH"
}
