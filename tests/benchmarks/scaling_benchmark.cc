// Scaling benchmark: axisymmetric and 3D particle problems of growing size,
// a few galvanostatic steps each, with the iterative solver. Writes one CSV
// row per case (appending, so runs with 1 and 2 ranks go into one file):
//   case, ranks, backend, refinement, cells, unknowns, setup_s, steps,
//   newton_per_step, linear_per_newton, assembly_s_per_newton,
//   solve_s_per_newton, peak_memory_MB, bytes_per_unknown
// Memory is the sum over ranks of each process's peak resident set (VmHWM).
//
// usage: [mpirun -np N] scaling_benchmark out.csv [PETSc|Trilinos] [axisymmetric|3d|all] [max 3D refinement]
// Run on demand (doc/benchmarks.md), never as a timed test.
#include <siswell/simulation/simulation.h>

#include <deal.II/base/mpi.h>
#include <deal.II/base/timer.h>
#include <deal.II/base/utilities.h>

#include <fstream>
#include <iostream>
#include <sstream>

using namespace dealii;

namespace
{
  struct Case
  {
    std::string  name;
    std::string  geometry;
    unsigned int refinement;
  };

  template <int dim>
  void
  run(const Case &c, const std::string &backend, const std::string &csv, const MPI_Comm comm)
  {
    std::ostringstream prm_text;
    prm_text << c.geometry << "\nsubsection Geometry\n  set Global refinements = " << c.refinement
             << "\nend\nsubsection Linear solver\n  set Backend = " << backend
             << "\n  set Method = iterative\nend\nsubsection Output\n  set Write fields = false\nend\n";
    ParameterHandler prm;
    siswell::RunParameters::declare_parameters(prm);
    prm.parse_input_from_string(prm_text.str());
    siswell::RunParameters p;
    p.parse(prm);

    std::ostringstream       log;
    Timer                    setup_timer;
    siswell::Simulation<dim> sim(p, comm, log);
    sim.setup();
    const double setup = Utilities::MPI::max(setup_timer.wall_time(), comm);

    const unsigned int steps = 3;
    unsigned int       newton = 0, linear = 0;
    for (unsigned int s = 0; s < steps; ++s)
      {
        const auto r = sim.solve_step(60., 1.);
        AssertThrow(r.converged, ExcMessage("benchmark step did not converge: " + r.reason));
        newton += r.iterations;
        linear += r.linear_iterations;
      }
    const double assembly = Utilities::MPI::max(sim.problem().assembly_seconds, comm);
    const double solve    = Utilities::MPI::max(sim.problem().solve_seconds, comm);

    Utilities::System::MemoryStats mem;
    Utilities::System::get_memory_stats(mem);
    const double peak_kB = Utilities::MPI::sum(static_cast<double>(mem.VmHWM), comm);
    const auto   n       = sim.problem().n_dofs();
    const auto   cells   = sim.problem().triangulation().n_global_active_cells();
    const unsigned int ranks = Utilities::MPI::n_mpi_processes(comm);

    if (Utilities::MPI::this_mpi_process(comm) == 0)
      {
        std::ofstream out(csv, std::ios::app);
        out << c.name << ',' << ranks << ',' << backend << ',' << c.refinement << ',' << cells << ','
            << n << ',' << setup << ',' << steps << ',' << double(newton) / steps << ','
            << double(linear) / newton << ',' << assembly / (newton + steps) << ','
            << solve / newton << ',' << peak_kB / 1024. << ',' << peak_kB * 1024. / n << std::endl;
        std::cout << c.name << " ref " << c.refinement << ": " << n << " unknowns, " << ranks
                  << " rank(s), Newton/step " << double(newton) / steps << ", linear/Newton "
                  << double(linear) / newton << ", assembly " << assembly / (newton + steps)
                  << " s, solve " << solve / newton << " s per Newton iteration, "
                  << peak_kB * 1024. / n << " bytes/unknown" << std::endl;
      }
  }
} // namespace

int
main(int argc, char *argv[])
{
  Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  const MPI_Comm                   comm = MPI_COMM_WORLD;
  if (argc < 2)
    {
      std::cerr << "usage: scaling_benchmark out.csv [PETSc|Trilinos] [axisymmetric|3d|all] "
                   "[max 3D refinement]\n";
      return 1;
    }
  const std::string  csv     = argv[1];
  const std::string  backend = argc > 2 ? argv[2] : "Trilinos";
  const std::string  which   = argc > 3 ? argv[3] : "all";
  const unsigned int max_3d  = argc > 4 ? std::stoi(argv[4]) : 4;
  if (Utilities::MPI::this_mpi_process(comm) == 0)
    {
      std::ifstream exists(csv);
      if (!exists)
        std::ofstream(csv) << "case,ranks,backend,refinement,cells,unknowns,setup_s,steps,"
                              "newton_per_step,linear_per_newton,assembly_s_per_newton,"
                              "solve_s_per_newton,peak_memory_MB,bytes_per_unknown\n";
    }
  try
    {
      const std::string axi = "subsection Geometry\n  set Coordinate system = axisymmetric\nend\n";
      // 3D: a full particle in a bonded electrolyte shell (both meshed, only the
      // particle carries c and μ), free outer surface, lithium through the y0 plane
      // of the particle is not possible in a full ball, so the octant is used.
      const std::string octant = "subsection Geometry\n  set Coordinate system = 3d\nend\n"
                                 "subsection Boundary conditions\n  set Symmetry planes = x0, y0, z0\nend\n";
      if (which != "3d")
        for (unsigned int r = 3; r <= 6; ++r)
          run<2>({"axisymmetric_particle", axi, r}, backend, csv, comm);
      if (which != "axisymmetric")
        for (unsigned int r = 1; r <= max_3d; ++r)
          run<3>({"3d_octant_particle", octant, r}, backend, csv, comm);
    }
  catch (const std::exception &e)
    {
      std::cerr << "scaling_benchmark: " << e.what() << std::endl;
      return 1;
    }
  return 0;
}
