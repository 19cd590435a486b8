#pragma once
// Build a Simulation from parameter-file text, for tests.
#include <siswell/simulation/simulation.h>

#include <deal.II/base/parameter_handler.h>

#include <memory>
#include <sstream>

namespace test
{
  inline siswell::RunParameters
  parameters(const std::string &text)
  {
    dealii::ParameterHandler prm;
    siswell::RunParameters::declare_parameters(prm, text);
    prm.parse_input_from_string(text);
    siswell::RunParameters p;
    p.parse(prm);
    return p;
  }

  template <int dim>
  std::unique_ptr<siswell::Simulation<dim>>
  simulation(const std::string &text, std::ostream &log)
  {
    auto sim = std::make_unique<siswell::Simulation<dim>>(parameters(text), MPI_COMM_WORLD, log);
    sim->setup();
    return sim;
  }
} // namespace test
