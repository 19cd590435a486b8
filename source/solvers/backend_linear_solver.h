#pragma once
// Internal to the linear-solver backends (not installed): the LinearSolver
// written once over a backend traits type that supplies the matrix, vector,
// direct solver and algebraic multigrid of PETSc or Trilinos.

#include <siswell/solvers/linear_solver.h>

#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/solver_control.h>
#include <deal.II/lac/solver_gmres.h>

#include "block_triangular_preconditioner.h"
#include "displacement_p_multigrid.h"

#include <memory>
#include <stdexcept>

namespace siswell
{
  namespace solvers
  {
    /**
     * Traits requirements: types Matrix, Vector, BlockVector, and AMG (with
     * initialize_displacement(matrix, split), initialize_lithium(matrix, split) and
     * vmult(dst, src)); DirectSolver (constructed from (matrix, comm), which
     * factorises, with solve(x, b)); static member name().
     *
     * Direct method: one matrix in the global numbering. Iterative method:
     * the four blocks of FieldSplit, right-preconditioned GMRES on block vectors.
     */
    template <class Traits> class BackendLinearSolver : public LinearSolver
    {
    public:
      using Matrix   = typename Traits::Matrix;
      using Vec      = typename Traits::Vector;
      using BlockVec = typename Traits::BlockVector;
      using AMG      = typename Traits::AMG;

      BackendLinearSolver(const LinearSolverParameters &parameters, const MPI_Comm comm)
          : parameters(parameters), comm(comm), relative_tolerance(parameters.relative_tolerance)
      {
      }

      void
      reinit(const dealii::IndexSet                                      &locally_owned,
             const dealii::IndexSet                                      &locally_relevant,
             const std::function<void(dealii::DynamicSparsityPattern &)> &make_pattern,
             std::shared_ptr<const FieldSplit>                            field_split) override
      {
        (void)locally_relevant;
        // (again after adaptive refinement) the factorisation and the
        // preconditioners refer to the matrices: gone before those are rebuilt
        direct.reset();
        amg_u.reset();
        amg_c.reset();
        J_uu_block.reset();
        setup_current = false;
        split         = field_split;
        if (!needs_field_split())
          {
            dealii::DynamicSparsityPattern dsp;
            make_pattern(dsp);
            matrix.reinit(locally_owned, locally_owned, dsp, comm);
            rhs.reinit(locally_owned, comm);
            solution.reinit(locally_owned, comm);
            return;
          }
        if (!split)
          throw std::logic_error("internal: the iterative solver needs the field split");
        // one pattern at a time: the displacement block first, while nothing
        // else is allocated (it is the largest)
        for (unsigned int b = 0; b < 4; ++b)
          {
            dealii::DynamicSparsityPattern dsp;
            if (b == 0 && u_operator)
              remainder_pattern(dsp);
            else
              split->make_pattern(b / 2, b % 2, dsp);
            blocks[b].reinit(split->owned(b / 2), split->owned(b % 2), dsp, comm);
          }
        if (u_operator)
          {
            const auto &space = split->linear_displacement_space();
            if (space.empty())
              throw std::logic_error(
                  "internal: matrix-free J_uu needs displacement degree 2 or more");
            dealii::DynamicSparsityPattern dsp;
            u_operator->make_coarse_pattern(dsp);
            coarse.reinit(space.owned, space.owned, dsp, comm);
          }
        {
          dealii::DynamicSparsityPattern dsp;
          split->make_lithium_preconditioner_pattern(dsp);
          lithium_preconditioner.reinit(split->owned(1), split->owned(1), dsp, comm);
        }
        const std::vector<dealii::IndexSet> partitioning{split->owned(0), split->owned(1)};
        block_rhs.reinit(partitioning, comm);
        block_solution.reinit(partitioning, comm);
        mask_c.reinit(split->owned(1), comm);
        lumped_inverse.reinit(split->owned(1), comm);
        const auto &is_mu = split->owned_lithium_is_chemical_potential();
        auto        k     = split->owned(1).begin();
        for (unsigned int n = 0; n < is_mu.size(); ++n, ++k)
          if (!is_mu[n])
            mask_c(*k) = 1.;
        mask_c.compress(dealii::VectorOperation::insert);
      }

      void
      set_displacement_operator(std::shared_ptr<const DisplacementOperator> op,
                                const std::function<void(dealii::DynamicSparsityPattern &)>
                                    &make_remainder_pattern) override
      {
        if (!needs_field_split() ||
            parameters.displacement_multigrid != LinearSolverParameters::Multigrid::p_multigrid)
          throw std::logic_error("internal: matrix-free J_uu needs the iterative method with the "
                                 "p-multigrid");
        u_operator        = op;
        remainder_pattern = make_remainder_pattern;
      }

      bool
      needs_field_split() const override
      {
        return parameters.method == LinearSolverParameters::Method::iterative;
      }

      void
      zero() override
      {
        if (!needs_field_split())
          {
            matrix = 0.;
            return;
          }
        for (auto &b : blocks)
          b = 0.;
        lithium_preconditioner = 0.;
      }

      void
      add(const dealii::FullMatrix<double>                   &cell_matrix,
          const dealii::FullMatrix<double>                   &cell_lithium_block,
          const std::vector<dealii::types::global_dof_index> &dofs,
          const dealii::AffineConstraints<double>            &constraints) override
      {
        if (!needs_field_split())
          {
            constraints.distribute_local_to_global(cell_matrix, dofs, matrix);
            return;
          }
        // split the cell matrix into its blocks, in compact indices
        for (unsigned int b = 0; b < 2; ++b)
          {
            position[b].clear();
            index[b].clear();
          }
        for (unsigned int k = 0; k < dofs.size(); ++k)
          {
            const auto [b, i] = split->locate(dofs[k]);
            position[b].push_back(k);
            index[b].push_back(i);
          }
        for (unsigned int rb = 0; rb < 2; ++rb)
          for (unsigned int cb = 0; cb < 2; ++cb)
            {
              if (index[rb].empty() || index[cb].empty())
                continue;
              part.reinit(index[rb].size(), index[cb].size());
              for (unsigned int i = 0; i < index[rb].size(); ++i)
                for (unsigned int j = 0; j < index[cb].size(); ++j)
                  part(i, j) = cell_matrix(position[rb][i], position[cb][j]);
              if (rb == 0 && cb == 0 && u_operator && part.all_zero())
                continue; // J_uu is the operator's; the remainder only where boundary terms add
              if (rb == cb)
                split->constraints(rb).distribute_local_to_global(part, index[rb], blocks[3 * rb]);
              else
                split->constraints(rb).distribute_local_to_global(
                    part, index[rb], split->constraints(cb), index[cb], blocks[2 * rb + cb]);
            }
        if (index[1].empty() || cell_lithium_block.m() != dofs.size())
          return;
        part.reinit(index[1].size(), index[1].size());
        for (unsigned int i = 0; i < index[1].size(); ++i)
          for (unsigned int j = 0; j < index[1].size(); ++j)
            part(i, j) = cell_lithium_block(position[1][i], position[1][j]);
        split->constraints(1).distribute_local_to_global(part, index[1], lithium_preconditioner);
      }

      void
      compress() override
      {
        // a new Jacobian: the factorisation / preconditioner is set up again
        // at the next solve, and then serves every solve until the next one
        setup_current = false;
        if (!needs_field_split())
          {
            matrix.compress(dealii::VectorOperation::add);
            return;
          }
        for (auto &b : blocks)
          b.compress(dealii::VectorOperation::add);
        lithium_preconditioner.compress(dealii::VectorOperation::add);
        if (u_operator) // the tangent is complete now
          {
            coarse = 0.;
            u_operator->assemble_coarse(
                [this](const dealii::FullMatrix<double>                   &m,
                       const std::vector<dealii::types::global_dof_index> &dofs) {
                  coarse.add(dofs, m);
                });
            coarse.compress(dealii::VectorOperation::add);
          }
      }

      bool
      set_relative_tolerance(const double tolerance) override
      {
        relative_tolerance = tolerance;
        return needs_field_split();
      }

      unsigned int
      solve(const Vector &b, Vector &x) override
      {
        if (!needs_field_split())
          {
            for (const auto i : b.locally_owned_elements())
              rhs(i) = b(i);
            rhs.compress(dealii::VectorOperation::insert);
            solution = 0.;
            if (!setup_current)
              {
                direct        = std::make_unique<typename Traits::DirectSolver>(matrix, comm);
                setup_current = true;
                ++setups;
              }
            direct->solve(solution, rhs);
            for (const auto i : x.locally_owned_elements())
              x(i) = solution(i);
            return 1;
          }

        for (const auto &o : split->owned_dofs())
          block_rhs.block(o[1])(o[2]) = b(o[0]);
        block_rhs.compress(dealii::VectorOperation::insert);
        block_solution = 0.;

        if (!setup_current)
          {
            const auto &is_mu = split->owned_lithium_is_chemical_potential();
            auto        k     = split->owned(1).begin();
            for (unsigned int n = 0; n < is_mu.size(); ++n, ++k)
              lumped_inverse(*k) = is_mu[n] ? 1. / lithium_preconditioner.diag_element(*k) : 0.;
            lumped_inverse.compress(dealii::VectorOperation::insert);
            J_uu_block = std::make_unique<DisplacementBlock<Traits>>(u_operator.get(), blocks[0]);
            amg_u      = std::make_unique<DisplacementPreconditioner>();
            amg_c      = std::make_unique<AMG>();
            amg_u->initialize(*J_uu_block,
                              *split,
                              parameters.displacement_multigrid ==
                                      LinearSolverParameters::Multigrid::p_multigrid &&
                                  !split->linear_displacement_space().empty(),
                              u_operator ? &coarse : nullptr);
            amg_c->initialize_lithium(lithium_preconditioner, *split);
            setup_current = true;
            ++setups;
          }
        const DisplacementBlock<Traits>                                 &J_uu = *J_uu_block;
        const BlockJacobian<DisplacementBlock<Traits>, Matrix, BlockVec> jacobian(
            J_uu, blocks[1], blocks[2], blocks[3]);
        const BlockTriangularPreconditioner<Matrix, BlockVec, Vec, DisplacementPreconditioner, AMG>
            preconditioner(blocks[2], blocks[3], *amg_u, *amg_c, mask_c, lumped_inverse);
        dealii::SolverControl control(parameters.max_iterations,
                                      relative_tolerance * block_rhs.l2_norm());
        // the preconditioner is a fixed linear operator (V-cycles with
        // Chebyshev or hypre smoothers), so right-preconditioned GMRES applies;
        // unlike FGMRES it keeps one vector per Krylov step, not two
        typename dealii::SolverGMRES<BlockVec>::AdditionalData gmres_data(parameters.restart + 2,
                                                                          true);
        dealii::SolverGMRES<BlockVec>                          gmres(control, gmres_data);
        gmres.solve(jacobian, block_solution, block_rhs, preconditioner);

        for (const auto &o : split->owned_dofs())
          x(o[0]) = block_solution.block(o[1])(o[2]);
        return control.last_step();
      }

      double
      el(const dealii::types::global_dof_index i,
         const dealii::types::global_dof_index j) const override
      {
        if (!needs_field_split())
          return matrix.el(i, j);
        return blocks[2 * split->block(i) + split->block(j)].el(split->index(i), split->index(j));
      }

      std::string
      name() const override
      {
        return Traits::name();
      }

      unsigned int
      n_setups() const override
      {
        return setups;
      }

    private:
      /// AMG on J_uu, or the two-level p-multigrid with AMG on its Q1 level.
      class DisplacementPreconditioner
      {
      public:
        void
        initialize(const DisplacementBlock<Traits> &A,
                   const FieldSplit                &split,
                   const bool                       p_multigrid,
                   const Matrix                    *coarse)
        {
          if (p_multigrid)
            {
              two_level = std::make_unique<DisplacementPMultigrid<Traits>>();
              two_level->initialize(A, split, coarse);
            }
          else
            amg.initialize_displacement(A.matrix(), split);
        }

        void
        vmult(Vec &dst, const Vec &src) const
        {
          if (two_level)
            two_level->vmult(dst, src);
          else
            amg.vmult(dst, src);
        }

      private:
        AMG                                             amg;
        std::unique_ptr<DisplacementPMultigrid<Traits>> two_level;
      };

      const LinearSolverParameters      parameters;
      const MPI_Comm                    comm;
      /// of the next solves (set_relative_tolerance())
      double                            relative_tolerance;
      std::shared_ptr<const FieldSplit> split;
      // direct method
      Matrix matrix;
      Vec    rhs, solution;
      // iterative method: J_00, J_01, J_10, J_11 and the lithium preconditioner;
      // with a matrix-free J_uu, J_00 holds only its remainder, and coarse
      // the Q1 matrix of the p-multigrid
      std::shared_ptr<const DisplacementOperator>           u_operator;
      std::function<void(dealii::DynamicSparsityPattern &)> remainder_pattern;
      Matrix                                                coarse;
      std::array<Matrix, 4>                                 blocks;
      Matrix                                                lithium_preconditioner;
      BlockVec                                              block_rhs, block_solution;
      Vec                                                   mask_c, lumped_inverse;
      // set up once per Jacobian (see compress()): the factorisation of the
      // direct method, the multigrid preconditioners of the iterative one
      bool                                           setup_current = false;
      unsigned int                                   setups        = 0;
      std::unique_ptr<typename Traits::DirectSolver> direct;
      std::unique_ptr<DisplacementBlock<Traits>>     J_uu_block;
      std::unique_ptr<DisplacementPreconditioner>    amg_u;
      std::unique_ptr<AMG>                           amg_c;
      // scratch of add()
      std::array<std::vector<unsigned int>, 2>                    position;
      std::array<std::vector<dealii::types::global_dof_index>, 2> index;
      dealii::FullMatrix<double>                                  part;
    };
  } // namespace solvers
} // namespace siswell
