#include <siswell/io/interface_output.h>
#include <siswell/io/output_folder.h>
#include <siswell/physics/global_scalars.h>
#include <siswell/physics/point_evaluator.h>

#include <deal.II/base/data_out_base.h>
#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/grid/reference_cell.h>

#include <array>
#include <fstream>
#include <iomanip>
#include <limits>
#include <sstream>

namespace siswell
{
  namespace io
  {
    using namespace dealii;

    template <int dim>
    InterfaceOutput<dim>::InterfaceOutput(const std::string &directory, const MPI_Comm comm)
        : directory(directory), comm(comm)
    {
    }

    template <int dim>
    void
    InterfaceOutput<dim>::write(const physics::CoupledProblem<dim>    &problem,
                                const physics::ContactInterface<dim>  &contact,
                                const physics::CohesiveInterface<dim> *bond,
                                const physics::ContactFriction<dim>   *friction,
                                const physics::ContactGatedFlux<dim>  *flux,
                                const unsigned int                     index,
                                const double                           time)
    {
      const std::vector<std::string> names{"contact_pressure",
                                           "gap",
                                           "slip",
                                           "status",
                                           "lithium_flux_density",
                                           "damage",
                                           "normal_traction",
                                           "shear_traction",
                                           "mpi_rank"};
      constexpr unsigned int         n_values  = 8; // all but mpi_rank
      const auto                    &interface = problem.interface(contact.interface_name());
      const auto                    &pairs     = interface.pairs();
      const unsigned int             nq        = problem.n_face_quadrature_points();
      const unsigned int             rank      = Utilities::MPI::this_mpi_process(comm);

      // the values at the contact points of this rank's pairs
      std::vector<std::array<double, n_values>> values(pairs.size() * nq);
      std::vector<Tensor<1, 3>>                 where(pairs.size() * nq);
      const double q = flux ? problem.global_scalars().value(flux->scalar) : 0.;
      problem.for_each_interface_point(contact.interface_name(),
                                       [&](const physics::InterfacePointData<dim> &p) {
                                         const auto         v = contact.evaluate(p);
                                         const Tensor<1, 3> d = p.side[1].u - p.side[0].u;
                                         const double slip = (d - (d * v.normal) * v.normal).norm();
                                         values[p.point]   = {{v.pressure,
                                                               v.gap,
                                                               slip,
                                                             v.closed ? 1. : 0.,
                                                             flux ? q * flux->gate(v) : 0.,
                                                               0.,
                                                               0.,
                                                               0.}};
                                         if (friction && v.closed && friction->slipping(p.point))
                                           values[p.point][3] = 2.;
                                         if (bond)
                                           {
                                             const auto b       = bond->evaluate(p).response;
                                             values[p.point][5] = b.damage;
                                             values[p.point][6] = b.t_n;
                                             values[p.point][7] = b.t_t.norm();
                                           }
                                         where[p.point] = p.position;
                                       });

      // one patch per pair: the face's corners, moved with side 0
      physics::PointEvaluator<dim>                  at_vertices(problem, QTrapezoid<dim>());
      std::vector<DataOutBase::Patch<dim - 1, dim>> patches;
      constexpr unsigned int                        nv = GeometryInfo<dim - 1>::vertices_per_cell;
      for (unsigned int i = 0; i < pairs.size(); ++i)
        {
          const auto        &cell = pairs[i].cell[0];
          const unsigned int f    = pairs[i].face[0];
          at_vertices.reinit(cell);
          DataOutBase::Patch<dim - 1, dim> patch;
          patch.reference_cell = ReferenceCells::get_hypercube<dim - 1>();
          patch.n_subdivisions = 1;
          patch.patch_index    = patches.size();
          patch.data.reinit(names.size(), nv);
          const double h = cell->diameter();
          for (unsigned int v = 0; v < nv; ++v)
            {
              const Point<dim> X = cell->face(f)->vertex(v);
              Point<dim>       x = X;
              for (unsigned int k = 0; k < at_vertices.n_points(); ++k)
                if (at_vertices[k].x.distance(X) < 1e-10 * h)
                  for (unsigned int d = 0; d < dim; ++d)
                    x[d] += at_vertices[k].u[d];
              patch.vertices[v] = x;
              // the nearest contact point of this pair
              unsigned int best = i * nq;
              double       dist = std::numeric_limits<double>::max();
              for (unsigned int k = i * nq; k < (i + 1) * nq; ++k)
                {
                  double d2 = 0.;
                  for (unsigned int d = 0; d < dim; ++d)
                    d2 += (where[k][d] - X[d]) * (where[k][d] - X[d]);
                  if (d2 < dist)
                    {
                      dist = d2;
                      best = k;
                    }
                }
              for (unsigned int n = 0; n < n_values; ++n)
                patch.data(n, v) = static_cast<float>(values[best][n]);
              patch.data(n_values, v) = static_cast<float>(rank);
            }
          patches.push_back(patch);
        }

      // the ranks with pairs each write a piece; rank 0 the record and the series
      std::ostringstream base;
      base << "interface_" << std::setw(5) << std::setfill('0') << index;
      const std::vector<unsigned int> counts =
          Utilities::MPI::all_gather(comm, static_cast<unsigned int>(patches.size()));
      DataOutBase::VtkFlags flags;
      flags.time  = time;
      flags.cycle = index;
      const std::vector<std::tuple<unsigned int,
                                   unsigned int,
                                   std::string,
                                   DataComponentInterpretation::DataComponentInterpretation>>
          vectors;
      // every file complete before it is named (as FieldOutput)
      if (!patches.empty())
        write_atomically(
            directory + "/" + base.str() + "." + std::to_string(rank) + ".vtu",
            [&](std::ostream &o) { DataOutBase::write_vtu(patches, names, vectors, flags, o); });
      MPI_Barrier(comm);
      if (rank == 0)
        {
          std::vector<std::string> pieces;
          for (unsigned int r = 0; r < counts.size(); ++r)
            if (counts[r] > 0)
              pieces.push_back(base.str() + "." + std::to_string(r) + ".vtu");
          write_atomically(directory + "/" + base.str() + ".pvtu", [&](std::ostream &o) {
            DataOutBase::write_pvtu_record(o, pieces, names, vectors, flags);
          });
          records.emplace_back(time, base.str() + ".pvtu");
          write_atomically(directory + "/interface.pvd",
                           [&](std::ostream &o) { DataOutBase::write_pvd_record(o, records); });
        }
    }

    template <int dim>
    void
    InterfaceOutput<dim>::continue_series(
        const std::vector<std::pair<double, std::string>> &earlier)
    {
      records = earlier;
      // a run without this series (no contact, no fields) writes no file of it
      if (!records.empty() && Utilities::MPI::this_mpi_process(comm) == 0)
        write_atomically(directory + "/interface.pvd",
                         [&](std::ostream &o) { DataOutBase::write_pvd_record(o, records); });
    }

    template class InterfaceOutput<2>;
    template class InterfaceOutput<3>;
  } // namespace io
} // namespace siswell
