#!/usr/bin/env bash
# AddressSanitizer and UndefinedBehaviorSanitizer on siswell: a build with
# -fsanitize=address,undefined in ./build-sanitize (Release optimisation, so
# that the tests run in reasonable time; deal.II itself is the Debian build,
# not instrumented), then the unit tests on 1, 2 and 3 ranks and the small
# system tests (bad input, the output folder, checkpoint/restart, adaptive
# refinement, the rank tests of the plastic platen case) under it. (The
# verification tests are left out: their build alone would double the time.)
#
#   bash tests/sanitize.sh            # build and run
#   bash tests/sanitize.sh -R unit    # extra ctest arguments
#
# Leak detection is off: Open MPI, PETSc and Trilinos keep their global
# allocations to the end of the process, which LeakSanitizer reports by the
# hundred. Any other report (heap/stack overflow, use after free, undefined
# behaviour) aborts the test that triggered it. Not part of CI (the build alone
# takes about 15 minutes on two cores); measured results are in the README.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="$root/build-sanitize"
flags="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
if [ "$(id -u)" -eq 0 ]; then
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
fi
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_FLAGS="$flags" \
    -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
    -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=address,undefined"
fi
start=$(date +%s)
cmake --build "$build" -j2 --target siswell_program unit_tests
built=$(date +%s)
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:detect_odr_violation=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
cd "$build"
tests='^(unit|unit_two_ranks|unit_three_ranks|bad_input_.*|output_folder_.*|restart_after_kill.*|lithium_conservation_adaptive|history_rank_and_backend_independence_plastic_platen|history_rank_and_backend_independence_adaptive)$'
status=0
ctest --output-on-failure -j2 -R "$tests" "$@" || status=$?
echo "siswell sanitize: build $((built - start)) s, tests $(($(date +%s) - built)) s, ctest status $status"
exit $status
