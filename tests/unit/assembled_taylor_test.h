#pragma once
// The Taylor test of a whole assembled Jacobian, field block by field block,
// at the problem's current state: for random directions in each column
// field (scaled to its unknowns), the remainders of the residual against
// J δ on every row field (finite_differences.h: check_taylor). Any rank
// count: the largest remainders over all ranks are checked.
#include <siswell/physics/coupled_problem.h>

#include <deal.II/base/mpi.h>
#include <deal.II/dofs/dof_tools.h>

#include "finite_differences.h"

#include <array>
#include <random>
#include <string>

namespace siswell
{
  namespace testing
  {
    /// @p scale: the size of a direction's entries per field (m, mol/m³, J/mol);
    /// @p label names the case in the messages; @p dt: the time step (s).
    inline void
    assembled_taylor_test(physics::CoupledProblem<2>  &problem,
                          const std::array<double, 3> &scale,
                          const std::string           &label,
                          const unsigned int           seed,
                          const double                 dt)
    {
      using namespace dealii;
      auto &x = problem.solution();
      problem.set_time_step(dt);
      problem.assemble(true);
      REQUIRE_FALSE(problem.invalid_state());
      solvers::Vector R0(problem.residual());
      const auto     &J = problem.linear_solver();
      std::mt19937    rng(seed + Utilities::MPI::this_mpi_process(MPI_COMM_WORLD));
      std::uniform_real_distribution<double> uni(-1., 1.);
      const IndexSet relevant = DoFTools::extract_locally_relevant_dofs(problem.dof_handler());
      for (unsigned int f_col = 0; f_col < 3; ++f_col)
        {
          // δ in the free dofs of the column field, ghosted so that J δ can be formed per owned row
          solvers::Vector delta(x);
          delta = 0.;
          for (const auto j : problem.locally_owned_field_dofs(f_col))
            if (!problem.constraints().is_constrained(j))
              delta(j) = scale[f_col] * uni(rng);
          delta.update_ghost_values();
          const solvers::Vector x0(x);
          auto                  residual_at = [&](const double t) {
            x = x0;
            x.add(t, delta);
            x.zero_out_ghost_values();
            problem.constraints().distribute(x);
            x.update_ghost_values();
            problem.assemble(false);
            solvers::Vector r(problem.residual());
            x = x0;
            return r;
          };
          const double h1 = 1e-5, h2 = 0.5 * h1;
          const auto   R1 = residual_at(h1), R2 = residual_at(h2);
          for (unsigned int f_row = 0; f_row < 3; ++f_row)
            {
              TaylorRemainders t;
              for (const auto i : problem.locally_owned_field_dofs(f_row))
                {
                  if (problem.constraints().is_constrained(i))
                    continue;
                  double Jd = 0.;
                  for (const auto j : relevant)
                    if (delta(j) != 0.)
                      Jd += J.el(i, j) * delta(j) / problem.unknown_scale(f_col);
                  t.add(R1(i) - R0(i) - h1 * Jd, R2(i) - R0(i) - h2 * Jd, h1 * Jd, R0(i));
                }
              // the largest remainders and values over all ranks
              t.r1         = Utilities::MPI::max(t.r1, MPI_COMM_WORLD);
              t.r2         = Utilities::MPI::max(t.r2, MPI_COMM_WORLD);
              t.linear     = Utilities::MPI::max(t.linear, MPI_COMM_WORLD);
              t.residual   = Utilities::MPI::max(t.residual, MPI_COMM_WORLD);
              t.richardson = Utilities::MPI::max(t.richardson, MPI_COMM_WORLD);
              check_taylor(label + ", row " + std::to_string(f_row) + " col " +
                               std::to_string(f_col),
                           t,
                           h1);
            }
        }
    }
  } // namespace testing
} // namespace siswell
