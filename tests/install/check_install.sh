#!/bin/bash
# Install siswell into a scratch prefix, then configure, build and run
# examples/custom_driver against that installation only: its CMake package,
# its headers and its library (found through the RPATH, not LD_LIBRARY_PATH).
#
# usage: check_install.sh <build dir> <source dir> <scratch dir> [ccache]
set -euo pipefail

build_dir=$1
source_dir=$2
scratch=$3
ccache=${4:-}
prefix=$scratch/prefix
driver_build=$scratch/custom_driver-build

fail() { echo "check_install: FAIL: $*" >&2; exit 1; }
step() { echo; echo "==== $*"; }

unset LD_LIBRARY_PATH
[ -e "$build_dir/libsiswell.so" ] || fail "$build_dir/libsiswell.so missing: build siswell first (make)"
rm -rf "$prefix" "$driver_build"

step "cmake --install $build_dir --prefix $prefix"
cmake --install "$build_dir" --prefix "$prefix" > "$scratch/install.log"
for f in bin/siswell include/siswell/simulation/simulation.h; do
  [ -e "$prefix/$f" ] || fail "not installed: $prefix/$f"
done
lib=$(find "$prefix" -name libsiswell.so -print -quit)
config=$(find "$prefix" -name siswellConfig.cmake -print -quit)
[ -n "$lib" ] && [ -n "$config" ] || fail "libsiswell.so or siswellConfig.cmake not installed"
echo "library $lib, package $config"

step "installed program: $prefix/bin/siswell --help"
"$prefix/bin/siswell" --help

step "configure examples/custom_driver against $prefix"
launcher=()
[ -n "$ccache" ] && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER="$ccache")
cmake -S "$source_dir/examples/custom_driver" -B "$driver_build" \
      -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_EXPORT_COMPILE_COMMANDS=ON "${launcher[@]}" > "$scratch/configure.log" \
  || { cat "$scratch/configure.log"; fail "configure"; }
found=$(sed -n 's/^siswell_DIR:PATH=//p' "$driver_build/CMakeCache.txt")
case "$found" in
  "$prefix"/*) echo "siswell_DIR = $found" ;;
  *) fail "siswell package found at '$found', not under $prefix" ;;
esac

step "build custom_driver"
cmake --build "$driver_build" -- -j1

# The installed headers alone must suffice: nothing from the source tree's include/.
if grep -q -- "$source_dir/include" "$driver_build/compile_commands.json" \
     "$driver_build"/CMakeFiles/custom_driver.dir/*.d 2>/dev/null; then
  fail "custom_driver was compiled with headers from $source_dir/include"
fi
grep -q "$prefix/include/siswell/simulation/simulation.h" \
     "$driver_build"/CMakeFiles/custom_driver.dir/custom_driver.cc.o.d \
  || fail "custom_driver did not use the installed headers under $prefix/include"
loaded=$(ldd "$driver_build/custom_driver" | sed -n 's/^[[:space:]]*libsiswell.so => \([^ ]*\).*/\1/p')
[ "$loaded" = "$lib" ] || fail "custom_driver loads libsiswell.so from '$loaded', not $lib"
echo "custom_driver loads $loaded"

step "run custom_driver"
cd "$driver_build"
./custom_driver

step "run custom_driver on 2 ranks"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
mpirun -np 2 --oversubscribe ./custom_driver
