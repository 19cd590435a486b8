#pragma once

#include <siswell/physics/coupled_problem.h>

#include <string>
#include <utility>
#include <vector>

namespace siswell
{
  namespace io
  {
    /**
     * ParaView output of the coupled problem: one .vtu per rank and step, a
     * .pvtu per step, and one .pvd series (rewritten after every output, so
     * it is complete whenever the run stops). Fields and units:
     * displacement (m), concentration (mol/m³), state_of_charge (-),
     * chemical_potential (J/mol), cauchy_stress (Pa; in 2D the in-plane
     * tensor plus sigma_zz, the out-of-plane or hoop stress), von_mises_stress
     * (Pa), hydrostatic_stress (Pa), volume_ratio_J (-), swelling_ratio_Js (-),
     * material_id, equivalent_plastic_strain (-), flow_stress (Pa),
     * plastic_dissipation_density (J/m³), mpi_rank (cell data).
     */
    template <int dim> class FieldOutput
    {
    public:
      FieldOutput(const std::string &directory, const MPI_Comm comm);

      /// Write the current solution as output number @p index at time @p time (s).
      void
      write(physics::CoupledProblem<dim> &problem, const unsigned int index, const double time);

      /// Points per cell direction at which fields are written (and extremes taken).
      static unsigned int
      subdivisions(const physics::CoupledProblem<dim> &problem);

      /// The series so far: (time (s), .pvtu file) of every output (rank 0), for checkpoints.
      const std::vector<std::pair<double, std::string>> &
      series() const
      {
        return records;
      }

      /// After a restart: the series @p earlier of the checkpoint; rank 0 rewrites
      /// the .pvd to name exactly those outputs, write() adds the later ones.
      void
      continue_series(const std::vector<std::pair<double, std::string>> &earlier);

    private:
      std::string                                 directory;
      MPI_Comm                                    comm;
      std::vector<std::pair<double, std::string>> records;
    };
  } // namespace io
} // namespace siswell
