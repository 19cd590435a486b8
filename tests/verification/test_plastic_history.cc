// Quadrature-point history: the plastic states of an assembly become the
// committed history only through commit_step(); restore_step() (a cut time
// step) discards them, so a failed step cannot leave plastic strain behind.
// Checked exactly (bitwise) on every locally owned quadrature point, also
// under MPI (the ctest entry runs it on 2 ranks).
#include <siswell/materials/plastic_history.h>
#include <siswell/simulation/simulation.h>

#include "case_builder.h"

#include <deal.II/base/mpi.h>

#include <catch2/catch.hpp>

#include <vector>

namespace
{
  std::vector<double>
  committed_states(siswell::physics::CoupledProblem<2> &problem)
  {
    std::vector<double> v;
    for (const auto &cell : problem.dof_handler().active_cell_iterators())
      if (cell->is_locally_owned())
        for (unsigned int q = 0; q < problem.n_quadrature_points(); ++q)
          {
            const auto s =
                siswell::materials::plastic_history::unpack(problem.point_history(cell, q));
            v.push_back(s.equivalent_plastic_strain);
            v.push_back(s.dissipation);
            for (unsigned int i = 0; i < 3; ++i)
              for (unsigned int j = i; j < 3; ++j)
                v.push_back(s.Cp_inv[i][j]);
          }
    return v;
  }
} // namespace

TEST_CASE("plastic history: committed on convergence, restored after a cut step", "[history]")
{
  std::ostringstream log;
  auto               sim     = test::simulation<2>(R"(
subsection Geometry
  set Coordinate system  = axisymmetric
  set Shape              = pillar
  set Pillar height      = 1e-6
  set Global refinements = 1
end
subsection Materials
  subsection Active material
    set Preset = amorphous Si
  end
end
subsection Boundary conditions
  set Symmetry planes         =
  set Fixed displacement      = bottom, surface: y
  set Lithium flux boundaries = side
end
subsection Cycling
  set C-rate = 10
end
)",
                                 log);
  auto              &problem = sim->problem();
  // a converged step with plastic flow
  for (unsigned int s = 0; s < 3; ++s)
    REQUIRE(sim->solve_step(20., 1.).converged);
  const auto after_step = committed_states(problem);
  REQUIRE(sim->measure().max_plastic_strain > 0.);

  // an iterate far from equilibrium (much more lithium): its assembly
  // computes other plastic states
  auto &x = problem.solution();
  for (const auto i : problem.locally_owned_field_dofs(1))
    x(i) *= 3.;
  x.update_ghost_values();
  problem.set_time_step(20.);
  problem.assemble(false);

  // cut: restore, then commit must give back exactly the old history
  problem.restore_step();
  problem.commit_step();
  CHECK(committed_states(problem) == after_step);

  // without the restore the perturbed states would have been committed
  for (const auto i : problem.locally_owned_field_dofs(1))
    x(i) *= 3.;
  x.update_ghost_values();
  problem.assemble(false);
  problem.commit_step();
  const auto perturbed = committed_states(problem);
  const int  differs   = perturbed != after_step;
  CHECK(dealii::Utilities::MPI::max(differs, MPI_COMM_WORLD) == 1);
}
