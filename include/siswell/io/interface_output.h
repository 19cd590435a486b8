#pragma once

#include <siswell/physics/cohesive_interface.h>
#include <siswell/physics/contact_friction.h>
#include <siswell/physics/contact_gated_flux.h>
#include <siswell/physics/contact_interface.h>
#include <siswell/physics/coupled_problem.h>

#include <string>
#include <utility>
#include <vector>

namespace siswell
{
  namespace io
  {
    /**
     * ParaView series of a contact interface, beside the field output: one
     * surface .vtu per rank that assembles face pairs and step, a .pvtu per
     * step and one interface.pvd (rewritten after every output). Each face
     * pair is one cell in the deformed configuration of side 0 (the
     * silicon); its corners carry the values of the nearest contact point:
     * contact_pressure (Pa), gap (m; negative: overlap), slip (m: the
     * tangential offset of the paired points), status (0 open, 1 closed; with
     * friction 1 stick, 2 slip),
     * lithium_flux_density (mol/(m² s), per reference area; 0 without the
     * contact-gated flux), with a cohesive bond also damage (-),
     * normal_traction and shear_traction (Pa, per reference area; 0 without
     * the bond), and mpi_rank.
     */
    template <int dim> class InterfaceOutput
    {
    public:
      InterfaceOutput(const std::string &directory, const MPI_Comm comm);

      /// Write the interface of @p contact as output number @p index at time @p time (s);
      /// @p bond, @p friction and @p flux may be nullptr. Collective.
      void
      write(const physics::CoupledProblem<dim>    &problem,
            const physics::ContactInterface<dim>  &contact,
            const physics::CohesiveInterface<dim> *bond,
            const physics::ContactFriction<dim>   *friction,
            const physics::ContactGatedFlux<dim>  *flux,
            const unsigned int                     index,
            const double                           time);

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
