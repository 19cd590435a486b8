// An invalid state (here: inverted elements, J < 0) must reach Newton as a
// non-finite residual norm on every rank, whatever the constraints do to the
// cell's local residual. The mesh is one column of cells on x in [0, L], each
// of whose first local dof (u_x at the cell's first vertex, on x = 0) is held
// by the symmetry condition u_x = 0: a NaN written into that entry, as
// assembly did before, is dropped by the constraints and the state looked
// admissible. Runs on 1 rank and ([mpi]) on 2 ranks, one cell each; on 3
// ranks one rank owns no cell.
#include <siswell/physics/chemical_potential_term.h>
#include <siswell/physics/coupled_problem.h>
#include <siswell/physics/mechanics_term.h>
#include <siswell/physics/transport_term.h>
#include <siswell/simulation/run_parameters.h>

#include <deal.II/base/mpi.h>
#include <deal.II/grid/grid_generator.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <memory>

using namespace dealii;

TEST_CASE("invalid state: inverted elements whose first dof is constrained give an infinite "
          "residual on every rank",
          "[invalid-state][mpi]")
{
  ParameterHandler prm;
  siswell::RunParameters::declare_parameters(prm);
  prm.parse_input_from_string("");
  siswell::RunParameters p;
  p.parse(prm);

  siswell::physics::MaterialMap materials;
  materials[0] = std::make_shared<siswell::materials::ActiveMaterial>(p.active_material);
  siswell::physics::CoupledProblem<2> problem(MPI_COMM_WORLD,
                                              siswell::geometry::CoordinateSystem::plane_strain,
                                              materials,
                                              2,
                                              p.linear_solver);
  const double                        L = 1e-6;
  // colorize: x = 0 is boundary id 0, y = 0 is id 2
  GridGenerator::subdivided_hyper_rectangle(
      problem.triangulation(), {1, 2}, Point<2>(), Point<2>(L, 2 * L), true);
  for (const auto &cell : problem.triangulation().active_cell_iterators())
    cell->set_material_id(0); // colorize numbers the cells too
  problem.add_cell_term(std::make_shared<siswell::physics::MechanicsTerm<2>>());
  problem.add_cell_term(std::make_shared<siswell::physics::TransportTerm<2>>());
  problem.add_cell_term(std::make_shared<siswell::physics::ChemicalPotentialTerm<2>>());
  problem.setup({{0, {true, false}}, {2, {false, true}}});
  problem.set_initial_state();
  const auto &m = p.active_material;
  problem.set_scales({m.youngs_modulus.value(0.) * L, 1e-15, 8.314 * 298. * L * L},
                     {L, m.c_max, 8.314 * 298.});
  problem.set_time_step(1.);

  problem.assemble(true);
  for (const double r : problem.residual_norms())
    REQUIRE(std::isfinite(r));
  REQUIRE_FALSE(problem.invalid_state());

  // u_x = −3 x at every free u_x dof: F_xx = −2, J < 0 in every cell
  auto                                &x   = problem.solution();
  const auto                          &dof = problem.dof_handler();
  std::vector<types::global_dof_index> local;
  unsigned int                         owned_cells = 0, first_dof_constrained = 0;
  for (const auto &cell : dof.active_cell_iterators())
    if (cell->is_locally_owned())
      {
        ++owned_cells;
        const auto &fe = cell->get_fe();
        local.resize(fe.n_dofs_per_cell());
        cell->get_dof_indices(local);
        first_dof_constrained += problem.constraints().is_constrained(local[0]);
        for (unsigned int i = 0; i < local.size(); ++i)
          if (fe.system_to_component_index(i).first == 0 &&
              !problem.constraints().is_constrained(local[i]) &&
              x.locally_owned_elements().is_element(local[i]))
            {
              const Point<2> X =
                  problem.mapping().transform_unit_to_real_cell(cell, fe.unit_support_point(i));
              x(local[i]) = -3. * X[0];
            }
      }
  x.update_ghost_values();
  // the premise: the NaN of the old assembly would have gone into a constrained entry
  CHECK(first_dof_constrained == owned_cells);

  problem.assemble(true);
  CHECK(problem.invalid_state());
  for (const double r : problem.residual_norms())
    CHECK(std::isinf(r));
  // its Jacobian is refused
  CHECK_THROWS_AS(problem.solve_for_direction(), std::logic_error);
  // and Newton says why, on every rank
  const auto result = siswell::solvers::NewtonSolver(p.newton).solve(problem);
  CHECK_FALSE(result.converged);
  CHECK(result.reason.find("not finite") != std::string::npos);
  CHECK(result.iterations == 0);

  // back to the admissible state: finite again
  problem.restore_step();
  problem.assemble(false);
  CHECK_FALSE(problem.invalid_state());
  for (const double r : problem.residual_norms())
    CHECK(std::isfinite(r));
}
