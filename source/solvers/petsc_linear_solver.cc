#include <siswell/solvers/linear_solver_backends.h>

#include <deal.II/lac/petsc_precondition.h>
#include <deal.II/lac/petsc_solver.h>
#include <deal.II/lac/petsc_sparse_matrix.h>
#include <deal.II/lac/petsc_vector.h>

#include "backend_linear_solver.h"

namespace siswell
{
  namespace solvers
  {
    namespace
    {
      struct PETScTraits
      {
        using Matrix = dealii::PETScWrappers::MPI::SparseMatrix;
        using Vector = dealii::PETScWrappers::MPI::Vector;
        using AMG    = dealii::PETScWrappers::PreconditionBoomerAMG;

        static std::string
        name()
        {
          return "PETSc";
        }

        static void
        direct_solve(const Matrix &A, Vector &x, const Vector &b, const MPI_Comm comm)
        {
          dealii::SolverControl                    control(1, 0.);
          dealii::PETScWrappers::SparseDirectMUMPS solver(control, comm);
          solver.solve(A, x, b);
        }

        static void
        initialize_amg(AMG &amg, const Matrix &P, const std::vector<std::vector<bool>> &)
        {
          AMG::AdditionalData data;
          data.symmetric_operator = false;
          data.strong_threshold   = 0.9; // measured on the axisymmetric particle: 0.25-0.7 grow much faster
          amg.initialize(P, data);
        }
      };
    } // namespace



    std::unique_ptr<LinearSolver>
    make_petsc_linear_solver(const LinearSolverParameters &parameters, const MPI_Comm comm)
    {
      return std::make_unique<BackendLinearSolver<PETScTraits>>(parameters, comm);
    }
  } // namespace solvers
} // namespace siswell
