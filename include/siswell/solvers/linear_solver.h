#pragma once

#include <deal.II/base/index_set.h>
#include <deal.II/base/parameter_handler.h>
#include <deal.II/lac/affine_constraints.h>
#include <deal.II/lac/full_matrix.h>
#include <deal.II/lac/la_parallel_vector.h>

#include <array>
#include <memory>
#include <string>
#include <vector>

namespace dealii
{
  class DynamicSparsityPattern;
}

namespace siswell
{
  namespace solvers
  {
    /// Vector type the FE code works with, independent of the backend.
    using Vector = dealii::LinearAlgebra::distributed::Vector<double>;

    /// Parameters of subsection "Linear solver".
    struct LinearSolverParameters
    {
      static void
      declare_parameters(dealii::ParameterHandler &prm);
      void
      parse_parameters(dealii::ParameterHandler &prm);

      /// "PETSc" or "Trilinos".
      std::string backend = "PETSc";
      /// "direct" (MUMPS) or "iterative" (FGMRES with a block-triangular
      /// preconditioner: AMG on the displacement block and on the lithium Schur
      /// complement, lumped mass for the chemical potential).
      std::string method = "direct";
      double      relative_tolerance = 1e-10;
      unsigned int max_iterations    = 1000;
    };

    /**
     * The Jacobian matrix of one backend and its solver. Assembly code adds
     * local matrices; the solve takes and returns backend-independent vectors.
     * Implementations: PETSc (MUMPS, or GMRES + BoomerAMG) and Trilinos
     * (Amesos MUMPS, or GMRES + ML).
     */
    class LinearSolver
    {
    public:
      virtual ~LinearSolver() = default;

      /// Create the backend chosen in @p parameters.
      static std::unique_ptr<LinearSolver>
      create(const LinearSolverParameters &parameters, const MPI_Comm comm);

      /**
       * Size the matrices for the given (already distributed) sparsity
       * pattern. @p field_dofs are the locally owned dofs of displacement,
       * concentration and chemical potential; @p constant_modes the constant
       * modes of every vector component (for algebraic multigrid);
       * @p preconditioner_patterns the patterns of the two preconditioner
       * matrices (displacement block; concentration block with the μ
       * diagonal), each with every diagonal entry (used only if
       * needs_preconditioner_matrix()).
       */
      virtual void
      reinit(const dealii::IndexSet &                              locally_owned,
             const dealii::IndexSet &                              locally_relevant,
             const dealii::DynamicSparsityPattern &                dsp,
             const std::array<dealii::IndexSet, 3> &               field_dofs,
             const std::vector<std::vector<bool>> &                constant_modes,
             const std::array<dealii::DynamicSparsityPattern, 2> &preconditioner_patterns) = 0;

      /// True if the solver needs the block preconditioner matrix (see add()).
      virtual bool
      needs_preconditioner_matrix() const = 0;

      /// Zero all entries.
      virtual void
      zero() = 0;

      /**
       * Add a cell matrix, with constraints applied, and, if
       * needs_preconditioner_matrix(), the cell's two block preconditioner
       * matrices: the displacement block of the Jacobian, and an approximation
       * of the concentration Schur complement with the lumped
       * chemical-potential mass on the μ diagonal.
       */
      virtual void
      add(const dealii::FullMatrix<double> &                   cell_matrix,
          const dealii::FullMatrix<double> &                   cell_displacement_block,
          const dealii::FullMatrix<double> &                   cell_lithium_block,
          const std::vector<dealii::types::global_dof_index> &dofs,
          const dealii::AffineConstraints<double> &            constraints) = 0;

      /// Communicate the added entries.
      virtual void
      compress() = 0;

      /// Solve J x = b; returns the number of linear iterations (1 for direct).
      /// Throws std::runtime_error if the solver fails.
      virtual unsigned int
      solve(const Vector &b, Vector &x) = 0;

      /// Entry (i,j) of the matrix (only locally owned rows); for tests.
      virtual double
      el(const dealii::types::global_dof_index i, const dealii::types::global_dof_index j) const = 0;

      /// "PETSc" or "Trilinos".
      virtual std::string
      name() const = 0;
    };
  } // namespace solvers
} // namespace siswell
