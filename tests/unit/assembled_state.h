#pragma once
// Shared by unit tests that compare Jacobians of one state: a Simulation set
// up from parameter text, put into a random non-equilibrium state (the same
// for the same seed and numbering) and assembled.
#include <siswell/simulation/simulation.h>

#include <deal.II/base/mpi.h>

#include <memory>
#include <random>
#include <sstream>
#include <string>

namespace test
{
  /// @p text: the case and its "Linear solver" subsection; @p displacement
  /// amplitude (m) of the random displacement; time step 5 s.
  template <int dim>
  std::unique_ptr<siswell::Simulation<dim>>
  assembled_state(const std::string  &text,
                  const unsigned int  seed,
                  const double        displacement,
                  std::ostringstream &log)
  {
    dealii::ParameterHandler prm;
    siswell::RunParameters::declare_parameters(prm);
    prm.parse_input_from_string(text);
    siswell::RunParameters p;
    p.parse(prm);
    auto sim = std::make_unique<siswell::Simulation<dim>>(p, MPI_COMM_WORLD, log);
    sim->setup();
    auto                                  &problem = sim->problem();
    auto                                  &x       = problem.solution();
    std::mt19937                           rng(seed);
    std::uniform_real_distribution<double> uni(0., 1.);
    for (const auto i : problem.locally_owned_field_dofs(0))
      x(i) = displacement * (uni(rng) - 0.5);
    for (const auto i : problem.locally_owned_field_dofs(1))
      x(i) = p.active_material.c_max * (0.05 + 0.5 * uni(rng));
    for (const auto i : problem.locally_owned_field_dofs(2))
      x(i) = 2000. * (uni(rng) - 0.5);
    x.zero_out_ghost_values();
    problem.constraints().distribute(x);
    x.update_ghost_values();
    problem.set_time_step(5.);
    problem.assemble(true);
    return sim;
  }
} // namespace test
