#!/usr/bin/env bash
# siswell quick start. Installs what is missing (Debian 12 packages), builds in
# ./build (re-used when present), then
#   bash cmake/setup.sh run [case.prm]   runs a case (default: the embedded particle case)
#   bash cmake/setup.sh test             runs the whole test suite (ctest)
#   bash cmake/setup.sh debug-test       builds the unit tests against deal.II's
#                                        Debug library (its assertions on) in
#                                        ./build-debug and runs them on 1, 2, 3 ranks
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
action=${1:-run}
shift || true

# The build uses no VTK (deal.II writes .vtu itself); the tests and figure
# scripts read the output with Python's `import vtk`, which Debian's
# python3-vtk9 provides and ParaView's python3-paraview (pvpython, pvbatch)
# provides as well. The two conflict: whichever is installed is kept.
packages=(cmake make g++ ccache libdeal.ii-dev libboost-dev catch2 gmsh
          openmpi-bin libopenmpi-dev)
installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}
installed python3-paraview || packages+=(python3-vtk9)
missing=()
for p in "${packages[@]}"; do
  installed "$p" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "siswell setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# mpirun refuses root unless told; CI and containers run as root
if [ "$(id -u)" -eq 0 ]; then
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
fi

if [ "$action" = debug-test ]; then
  # deal.II's assertions (index ranges, constraint consistency, ghost access)
  # on: the library and the unit tests only, the system tests need Release speed
  debug="$root/build-debug"
  if [ ! -f "$debug/CMakeCache.txt" ]; then
    cmake -S "$root" -B "$debug" -DCMAKE_BUILD_TYPE=Debug
  fi
  start=$(date +%s)
  cmake --build "$debug" -j2 --target unit_tests
  built=$(date +%s)
  cd "$debug"
  ctest --output-on-failure -j1 -R '^(unit|unit_two_ranks|unit_three_ranks|catch2_tag_matching_nothing_fails)$' "$@"
  echo "siswell debug-test: build $((built - start)) s, tests $(($(date +%s) - built)) s"
  exit 0
fi

build="$root/build"
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release
fi
cmake --build "$build" -j2

case "$action" in
  run)
    "$build/siswell" "$@"
    ;;
  test)
    cd "$build"
    ctest --output-on-failure -j1 "$@"
    ;;
  *)
    echo "usage: bash cmake/setup.sh run [case.prm] | test | debug-test" >&2
    exit 1
    ;;
esac
