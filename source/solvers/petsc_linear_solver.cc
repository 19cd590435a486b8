#include <siswell/solvers/linear_solver_backends.h>

#include <deal.II/lac/petsc_block_vector.h>
#include <deal.II/lac/petsc_precondition.h>
#include <deal.II/lac/petsc_solver.h>
#include <deal.II/lac/petsc_sparse_matrix.h>
#include <deal.II/lac/petsc_vector.h>

#include <petscksp.h>

#include "backend_linear_solver.h"

#include <stdexcept>
#include <string>

namespace siswell
{
  namespace solvers
  {
    namespace
    {
      /// hypre BoomerAMG on one block of the Jacobian.
      class PETScAMG
      {
      public:
        using Matrix = dealii::PETScWrappers::MPI::SparseMatrix;
        using Vector = dealii::PETScWrappers::MPI::Vector;

        /// The displacement block; BoomerAMG as wrapped by deal.II 9.4 takes no
        /// near null space, so it coarsens the components as scalar unknowns.
        void
        initialize_displacement(const Matrix &A, const FieldSplit &)
        {
          initialize(A);
        }

        /// The Q1 matrix of the displacement p-multigrid: as above.
        void
        initialize_elasticity(const Matrix &A,
                              const std::vector<std::vector<double>> &,
                              const unsigned int,
                              const unsigned int)
        {
          initialize(A);
        }

        void
        initialize_lithium(const Matrix &A, const FieldSplit &)
        {
          initialize(A);
        }

        void
        vmult(Vector &dst, const Vector &src) const
        {
          amg.vmult(dst, src);
        }

      private:
        void
        initialize(const Matrix &A)
        {
          dealii::PETScWrappers::PreconditionBoomerAMG::AdditionalData data;
          data.symmetric_operator = false;
          data.strong_threshold =
              0.9; // measured on the axisymmetric particle: 0.25-0.7 grow much faster
          amg.initialize(A, data);
        }

        dealii::PETScWrappers::PreconditionBoomerAMG amg;
      };

      struct PETScTraits
      {
        using Matrix      = dealii::PETScWrappers::MPI::SparseMatrix;
        using Vector      = dealii::PETScWrappers::MPI::Vector;
        using BlockVector = dealii::PETScWrappers::MPI::BlockVector;
        using AMG         = PETScAMG;

        static std::string
        name()
        {
          return "PETSc";
        }

        /// MUMPS through PETSc's KSP (preonly, LU): factorised once at
        /// construction, then one solve per right-hand side. (deal.II 9.4's
        /// SparseDirectMUMPS takes the matrix with every solve and so gives
        /// no handle on the factorisation.)
        class DirectSolver
        {
        public:
          DirectSolver(const Matrix &A, const MPI_Comm comm)
          {
            check(KSPCreate(comm, &ksp), "KSPCreate");
            check(KSPSetOperators(ksp, A, A), "KSPSetOperators");
            check(KSPSetType(ksp, KSPPREONLY), "KSPSetType");
            PC pc;
            check(KSPGetPC(ksp, &pc), "KSPGetPC");
            check(PCSetType(pc, PCLU), "PCSetType");
            check(PCFactorSetMatSolverType(pc, MATSOLVERMUMPS), "PCFactorSetMatSolverType");
            check(KSPSetUp(ksp), "the MUMPS factorisation (KSPSetUp)");
          }

          ~DirectSolver()
          {
            KSPDestroy(&ksp);
          }

          DirectSolver(const DirectSolver &) = delete;
          DirectSolver &
          operator=(const DirectSolver &) = delete;

          void
          solve(Vector &x, const Vector &b)
          {
            check(KSPSolve(ksp, b, x), "the MUMPS solve (KSPSolve)");
            KSPConvergedReason reason;
            check(KSPGetConvergedReason(ksp, &reason), "KSPGetConvergedReason");
            if (reason < 0)
              throw std::runtime_error("PETSc MUMPS solve failed (KSPConvergedReason " +
                                       std::to_string(static_cast<int>(reason)) + ")");
          }

        private:
          static void
          check(const PetscErrorCode code, const char *what)
          {
            if (code != 0)
              throw std::runtime_error(std::string("PETSc error ") + std::to_string(code) + " in " +
                                       what);
          }

          KSP ksp = nullptr;
        };

        /// The locally owned entries of @p v to @p a, and back.
        static void
        copy_to(const Vector &v, double *a)
        {
          const PetscScalar *x;
          VecGetArrayRead(v, &x);
          std::copy(x, x + v.locally_owned_size(), a);
          VecRestoreArrayRead(v, &x);
        }
        static void
        copy_from(const double *a, Vector &v)
        {
          PetscScalar *x;
          VecGetArray(v, &x);
          std::copy(a, a + v.locally_owned_size(), x);
          VecRestoreArray(v, &x);
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
