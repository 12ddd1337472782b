#!/usr/bin/env bash
# The README's two commands, and what CI adds on top:
#   bash packaging/dev.sh run     install what is missing, build, open the window
#   bash packaging/dev.sh test    install what is missing, build, run the whole test suite (ctest)
#   bash packaging/dev.sh deps    only install the Debian packages needed to build and test
# Works as root or as a user with sudo, on Debian 12.
set -euo pipefail
cd "$(dirname "$0")/.."

# Build and test dependencies, all Debian 12 packages.
BUILD_PACKAGES=(
    build-essential cmake ccache pkg-config
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite qt6-svg-dev libqt6svg6 qt6-qpa-plugins
    libssl-dev libhttp-parser-dev libsimdjson-dev qtkeychain-qt6-dev
    openssl
    curl # tests run the "Copy as curl" commands with a real curl
    groff-base # tests render the man page (groff -man -ww) so a roff mistake fails them
)

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs the named packages that are not installed yet (and nothing when all are there).
install_packages() {
    local missing=()
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
            missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing Debian packages: ${missing[*]}"
    # A dpkg run left half-done makes every apt-get refuse; finish it first, as apt asks (dpkg
    # does not wait for its lock: tried for up to a minute).
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        as_root env DEBIAN_FRONTEND=noninteractive dpkg --configure -a && break
        sleep 6
    done
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq -o DPkg::Lock::Timeout=300
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 --no-install-recommends "${missing[@]}"
}

build() {
    cmake --preset default
    cmake --build --preset default --parallel "$(nproc)"
}

case "${1:-}" in
    deps)
        install_packages "${BUILD_PACKAGES[@]}"
        ;;
    run)
        install_packages "${BUILD_PACKAGES[@]}"
        build
        if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
            echo "No display found (DISPLAY and WAYLAND_DISPLAY are unset): the window cannot open." >&2
            echo "The headless receiver works anywhere: build/hookscope listen" >&2
            exit 1
        fi
        exec build/hookscope
        ;;
    test)
        install_packages "${BUILD_PACKAGES[@]}"
        build
        ctest --preset default --parallel "$(nproc)"
        ;;
    install-packages)
        shift
        install_packages "$@"
        ;;
    *)
        echo "usage: bash packaging/dev.sh run|test|deps" >&2
        exit 2
        ;;
esac
