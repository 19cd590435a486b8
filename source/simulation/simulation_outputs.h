// Private to source/simulation/simulation*.cc: what run() writes into.
#pragma once

#include <siswell/io/field_output.h>
#include <siswell/io/interface_output.h>
#include <siswell/simulation/simulation.h>

#include <deal.II/base/timer.h>

namespace siswell
{
  /// The two ParaView series of a run and the wall clock of its output.
  template <int dim> struct Simulation<dim>::Outputs
  {
    Outputs(const std::string &directory, const MPI_Comm comm)
        : fields(directory, comm), interface(directory, comm)
    {
    }
    io::FieldOutput<dim>     fields;
    io::InterfaceOutput<dim> interface;
    double                   seconds = 0.; ///< wall time spent writing them (s)
    dealii::Timer            wall;         ///< since the run began
  };
} // namespace siswell
