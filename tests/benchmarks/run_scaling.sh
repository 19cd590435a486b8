#!/bin/bash
# The scaling series of doc/benchmarks.md: every case in its own process, on 1
# and on 2 MPI ranks, appended to one CSV. Run from the build folder:
#   bash ../tests/benchmarks/run_scaling.sh scaling.csv [Trilinos|PETSc]
# (the largest 3D case, 10^6 unknowns, needs about 2.5 GB and 3.5 min per time step on
# one core, 1.5 min on two, with the default inexact Newton (measured 2026-12-08; 16 min
# on one core when every direction is solved to 1e-10); set SKIP_LARGEST=1 to leave it
# out).
set -euo pipefail
csv=${1:?usage: run_scaling.sh out.csv [backend]}
backend=${2:-Trilinos}
bench=tests/benchmarks/scaling_benchmark
mpi="mpirun --allow-run-as-root --oversubscribe"
for ranks in 1 2; do
  for r in 3 4 5 6; do $mpi -np $ranks $bench "$csv" "$backend" axisymmetric $r 3; done
  for r in 1 2 3; do $mpi -np $ranks $bench "$csv" "$backend" 3d_octant $r 3; done
  for r in 1 2; do $mpi -np $ranks $bench "$csv" "$backend" 3d_pillar $r 1; done
  if [ -z "${SKIP_LARGEST:-}" ]; then $mpi -np $ranks $bench "$csv" "$backend" 3d_pillar 3 1; fi
done
