// The coarse space of the displacement p-multigrid (LinearDisplacementSpace):
// the Q1 → Q2 interpolation P of a 3D pillar on a fixed base with symmetry
// planes. Every unconstrained Q2 row interpolates from Q1 unknowns of its own
// component with the weights of trilinear interpolation at the Q2 nodes
// (1, 1/2, 1/4 or 1/8, summing to 1), so P maps each Q1 translation onto the
// Q2 translation exactly; constrained rows are empty; the Q1 numbering groups
// the three components of a node, as the multigrid's node blocks assume.
#include <siswell/simulation/simulation.h>

#include <deal.II/base/mpi.h>
#include <deal.II/dofs/dof_tools.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>

using namespace dealii;

TEST_CASE("p-multigrid coarse space: Q1 → Q2 interpolation of a pillar", "[solver]")
{
  ParameterHandler prm;
  siswell::RunParameters::declare_parameters(prm);
  prm.parse_input_from_string(R"(
subsection Geometry
  set Coordinate system = 3d
  set Shape = pillar
  set Symmetry = quarter
  set Pillar height = 2e-6
  set Global refinements = 0
end
subsection Boundary conditions
  set Symmetry planes = x0, y0
  set Fixed displacement = bottom: z
  set Lithium flux boundaries = surface
end
subsection Linear solver
  set Backend = Trilinos
  set Method = iterative
end
)");
  siswell::RunParameters p;
  p.parse(prm);
  std::ostringstream     log;
  siswell::Simulation<3> sim(p, MPI_COMM_WORLD, log);
  sim.setup();
  const auto                        &dofs        = sim.problem().dof_handler();
  const auto                        &constraints = sim.problem().constraints();
  const auto                         relevant    = DoFTools::extract_locally_relevant_dofs(dofs);
  const siswell::solvers::FieldSplit split(dofs,
                                           sim.problem().mapping(),
                                           dofs.locally_owned_dofs(),
                                           relevant,
                                           constraints,
                                           true,
                                           MPI_COMM_WORLD);
  const auto                        &space = split.linear_displacement_space();
  REQUIRE(!space.empty());
  REQUIRE(space.n_dofs == 3 * dofs.get_triangulation().n_used_vertices());
  REQUIRE(space.dofs_per_node == 3);
  REQUIRE(split.dofs_per_node() == 3);
  REQUIRE(space.modes.size() == 6);
  REQUIRE(space.row_start.size() == split.owned(0).n_elements() + 1);

  // the global displacement dofs of the rows, in compact order
  std::vector<types::global_dof_index> row_dof;
  for (const auto &o : split.owned_dofs())
    if (o[1] == 0)
      row_dof.push_back(o[0]);
  REQUIRE(row_dof.size() + 1 == space.row_start.size());

  unsigned int n_constrained = 0, n_interpolated = 0;
  double       worst_sum = 0., worst_translation = 0.;
  for (std::size_t r = 0; r < row_dof.size(); ++r)
    {
      const auto begin = space.row_start[r], end = space.row_start[r + 1];
      if (constraints.is_constrained(row_dof[r]))
        {
          ++n_constrained;
          CHECK(begin == end);
          continue;
        }
      ++n_interpolated;
      REQUIRE(end > begin);
      double sum = 0.;
      for (auto e = begin; e < end; ++e)
        {
          const double w = space.weight[e];
          // trilinear weights at Q2 nodes: vertex, edge, face or cell centre
          const double nearest = std::min(
              {std::abs(w - 1.), std::abs(w - 0.5), std::abs(w - 0.25), std::abs(w - 0.125)});
          CHECK(nearest < 1e-14);
          sum += w;
        }
      worst_sum = std::max(worst_sum, std::abs(sum - 1.));
      // P t_d = e_d on this row's component: the row uses only Q1 unknowns
      // of its own component
      const auto component = static_cast<unsigned int>(r % 3);
      for (unsigned int d = 0; d < 3; ++d)
        {
          double value = 0.;
          for (auto e = begin; e < end; ++e)
            value +=
                space.weight[e] * space.modes[d][space.owned.index_within_set(space.column[e])];
          worst_translation = std::max(worst_translation, std::abs(value - (d == component)));
        }
    }
  INFO(n_interpolated << " interpolated rows, " << n_constrained << " constrained rows");
  CHECK(n_constrained > 0);
  CHECK(n_interpolated > n_constrained);
  CHECK(worst_sum < 1e-14);
  CHECK(worst_translation < 1e-14);
}
