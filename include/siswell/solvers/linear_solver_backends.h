#pragma once

#include <siswell/solvers/linear_solver.h>

namespace siswell
{
  namespace solvers
  {
    /// The PETSc implementation of LinearSolver.
    std::unique_ptr<LinearSolver>
    make_petsc_linear_solver(const LinearSolverParameters &parameters, const MPI_Comm comm);

    /// The Trilinos implementation of LinearSolver.
    std::unique_ptr<LinearSolver>
    make_trilinos_linear_solver(const LinearSolverParameters &parameters, const MPI_Comm comm);
  } // namespace solvers
} // namespace siswell
