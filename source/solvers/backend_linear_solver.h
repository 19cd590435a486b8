#pragma once
// Internal to the linear-solver backends (not installed): the LinearSolver
// written once over a backend traits type that supplies the matrix, vector,
// direct solver and algebraic multigrid of PETSc or Trilinos.

#include <siswell/solvers/linear_solver.h>

#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/solver_control.h>
#include <deal.II/lac/solver_gmres.h>

#include "block_triangular_preconditioner.h"

#include <stdexcept>

namespace siswell
{
  namespace solvers
  {
    /**
     * Traits requirements: types Matrix, Vector, AMG; static members
     * name(), direct_solve(matrix, x, b, comm),
     * initialize_amg(amg, P, constant_modes, dim_hint).
     */
    template <class Traits>
    class BackendLinearSolver : public LinearSolver
    {
    public:
      using Matrix = typename Traits::Matrix;
      using Vec    = typename Traits::Vector;

      BackendLinearSolver(const LinearSolverParameters &parameters, const MPI_Comm comm)
        : parameters(parameters)
        , comm(comm)
      {}

      void
      reinit(const dealii::IndexSet &                              locally_owned,
             const dealii::IndexSet &                              locally_relevant,
             const dealii::DynamicSparsityPattern &                dsp,
             const std::array<dealii::IndexSet, 3> &               field_dofs,
             const std::vector<std::vector<bool>> &                modes,
             const std::array<dealii::DynamicSparsityPattern, 2> &patterns) override
      {
        (void)locally_relevant;
        matrix.reinit(locally_owned, locally_owned, dsp, comm);
        rhs.reinit(locally_owned, comm);
        solution.reinit(locally_owned, comm);
        fields         = field_dofs;
        constant_modes = modes;
        if (!needs_preconditioner_matrix())
          return;
        block_u.reinit(locally_owned, locally_owned, patterns[0], comm);
        block_c.reinit(locally_owned, locally_owned, patterns[1], comm);
        mask_u.reinit(locally_owned, comm);
        mask_c.reinit(locally_owned, comm);
        lumped_inverse.reinit(locally_owned, comm);
        for (const auto i : fields[0])
          mask_u(i) = 1.;
        for (const auto i : fields[1])
          mask_c(i) = 1.;
        mask_u.compress(dealii::VectorOperation::insert);
        mask_c.compress(dealii::VectorOperation::insert);
      }

      bool
      needs_preconditioner_matrix() const override
      {
        return parameters.method == "iterative";
      }

      void
      zero() override
      {
        matrix = 0.;
        if (needs_preconditioner_matrix())
          {
            block_u = 0.;
            block_c = 0.;
          }
      }

      void
      add(const dealii::FullMatrix<double> &                   cell_matrix,
          const dealii::FullMatrix<double> &                   cell_block_u,
          const dealii::FullMatrix<double> &                   cell_block_c,
          const std::vector<dealii::types::global_dof_index> &dofs,
          const dealii::AffineConstraints<double> &            constraints) override
      {
        constraints.distribute_local_to_global(cell_matrix, dofs, matrix);
        if (needs_preconditioner_matrix())
          {
            constraints.distribute_local_to_global(cell_block_u, dofs, block_u);
            constraints.distribute_local_to_global(cell_block_c, dofs, block_c);
          }
      }

      void
      compress() override
      {
        matrix.compress(dealii::VectorOperation::add);
        if (!needs_preconditioner_matrix())
          return;
        block_u.compress(dealii::VectorOperation::add);
        block_c.compress(dealii::VectorOperation::add);
      }

      unsigned int
      solve(const Vector &b, Vector &x) override
      {
        for (const auto i : b.locally_owned_elements())
          rhs(i) = b(i);
        rhs.compress(dealii::VectorOperation::insert);
        solution = 0.;

        unsigned int iterations = 1;
        if (parameters.method == "direct")
          Traits::direct_solve(matrix, solution, rhs, comm);
        else
          {
            for (const auto i : fields[2])
              lumped_inverse(i) = 1. / block_c.diag_element(i);
            lumped_inverse.compress(dealii::VectorOperation::insert);
            typename Traits::AMG amg_u, amg_c;
            Traits::initialize_amg(amg_u, block_u, constant_modes);
            Traits::initialize_amg(amg_c, block_c, constant_modes);
            const BlockTriangularPreconditioner<Matrix, Vec, typename Traits::AMG> block(
              matrix, amg_u, amg_c, mask_u, mask_c, lumped_inverse);
            dealii::SolverControl control(parameters.max_iterations,
                                          parameters.relative_tolerance * rhs.l2_norm());
            dealii::SolverFGMRES<Vec> fgmres(
              control, typename dealii::SolverFGMRES<Vec>::AdditionalData(100));
            fgmres.solve(matrix, solution, rhs, block);
            iterations = control.last_step();
          }
        for (const auto i : x.locally_owned_elements())
          x(i) = solution(i);
        return iterations;
      }

      double
      el(const dealii::types::global_dof_index i, const dealii::types::global_dof_index j) const override
      {
        return matrix.el(i, j);
      }

      std::string
      name() const override
      {
        return Traits::name();
      }

    private:
      const LinearSolverParameters    parameters;
      const MPI_Comm                  comm;
      Matrix                          matrix, block_u, block_c;
      Vec                             rhs, solution, mask_u, mask_c, lumped_inverse;
      std::array<dealii::IndexSet, 3> fields;
      std::vector<std::vector<bool>>  constant_modes;
    };
  } // namespace solvers
} // namespace siswell
