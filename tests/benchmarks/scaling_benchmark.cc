// Scaling benchmark: one axisymmetric or 3D particle problem of a given size,
// a few galvanostatic steps with the iterative solver, in its own process (so
// that the peak memory is this case's). Appends one CSV row:
//   case, ranks, backend, refinement, cells, unknowns, setup_s, steps,
//   newton_per_step, linear_per_newton, assembly_s_per_newton,
//   solve_s_per_newton, baseline_MB, setup_peak_MB, peak_memory_MB,
//   bytes_per_unknown, displacement_multigrid, displacement_operator
// Memory is summed over ranks: baseline_MB the resident set before the mesh
// is made (MPI, PETSc, Trilinos loaded), setup_peak_MB and peak_memory_MB the
// peak resident set (VmHWM) after setup and at the end; bytes_per_unknown is
// peak_memory_MB per unknown.
//
// usage: [mpirun -np N] scaling_benchmark out.csv PETSc|Trilinos
//          axisymmetric|3d_octant|3d_octant_in_shell|3d_pillar|3d_pillar_plastic refinement [steps]
//          [p-multigrid|algebraic] [matrix-free|assembled]
// tests/benchmarks/run_scaling.sh runs the series of doc/benchmarks.md. Run on
// demand, never as a timed test.
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
  /// Sum over ranks of a memory figure of this process (kB), in MB.
  double
  memory_MB(const MPI_Comm comm, const bool peak)
  {
    Utilities::System::MemoryStats mem;
    Utilities::System::get_memory_stats(mem);
    return Utilities::MPI::sum(static_cast<double>(peak ? mem.VmHWM : mem.VmRSS), comm) / 1024.;
  }

  template <int dim>
  void
  run(const std::string &name,
      const std::string &geometry,
      const unsigned int refinement,
      const unsigned int steps,
      const std::string &backend,
      const std::string &multigrid,
      const std::string &op,
      const std::string &csv,
      const MPI_Comm     comm)
  {
    const double       baseline = memory_MB(comm, false);
    std::ostringstream prm_text;
    prm_text << geometry << "\nsubsection Geometry\n  set Global refinements = " << refinement
             << "\nend\nsubsection Linear solver\n  set Backend = " << backend
             << "\n  set Method = iterative\n  set Displacement multigrid = " << multigrid
             << "\n  set Displacement operator = " << op
             << "\nend\nsubsection Output\n  set Write fields = false\nend\n";
    ParameterHandler prm;
    siswell::RunParameters::declare_parameters(prm);
    prm.parse_input_from_string(prm_text.str());
    siswell::RunParameters p;
    p.parse(prm);

    std::ostringstream       log;
    Timer                    setup_timer;
    siswell::Simulation<dim> sim(p, comm, log);
    sim.setup();
    const double       setup      = Utilities::MPI::max(setup_timer.wall_time(), comm);
    const double       setup_peak = memory_MB(comm, true);
    const auto         n          = sim.problem().n_dofs();
    const auto         cells      = sim.problem().triangulation().n_global_active_cells();
    const unsigned int ranks      = Utilities::MPI::n_mpi_processes(comm);
    const bool         root       = Utilities::MPI::this_mpi_process(comm) == 0;
    if (root)
      std::cout << name << " ref " << refinement << ": " << n << " unknowns, " << cells
                << " cells, " << ranks << " rank(s), setup " << setup << " s" << std::endl;

    unsigned int newton = 0, linear = 0;
    for (unsigned int s = 0; s < steps; ++s)
      {
        const auto r = sim.solve_step(60., 1.);
        AssertThrow(r.converged, ExcMessage("benchmark step did not converge: " + r.reason));
        newton += r.iterations;
        linear += r.linear_iterations;
        if (root)
          std::cout << "  step " << s + 1 << ": " << r.iterations << " Newton, "
                    << r.linear_iterations << " linear iterations" << std::endl;
      }
    const double assembly = Utilities::MPI::max(sim.problem().assembly_seconds, comm);
    const double solve    = Utilities::MPI::max(sim.problem().solve_seconds, comm);
    const double peak     = memory_MB(comm, true);

    if (root)
      {
        std::ofstream out(csv, std::ios::app);
        out << name << ',' << ranks << ',' << backend << ',' << refinement << ',' << cells << ','
            << n << ',' << setup << ',' << steps << ',' << double(newton) / steps << ','
            << double(linear) / newton << ',' << assembly / (newton + steps) << ','
            << solve / newton << ',' << baseline << ',' << setup_peak << ',' << peak << ','
            << peak * 1024. * 1024. / n << ',' << multigrid << ','
            << (sim.problem().matrix_free_displacement() ? "matrix-free" : "assembled") << std::endl;
        std::cout << "  Newton/step " << double(newton) / steps << ", linear/Newton "
                  << double(linear) / newton << ", assembly " << assembly / (newton + steps)
                  << " s, solve " << solve / newton << " s per Newton iteration; memory MB: "
                  << "baseline " << baseline << ", after setup " << setup_peak << ", peak " << peak
                  << " = " << peak * 1024. * 1024. / n << " bytes/unknown" << std::endl;
      }
  }
} // namespace

int
main(int argc, char *argv[])
{
  Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  const MPI_Comm                   comm = MPI_COMM_WORLD;
  if (argc < 5)
    {
      std::cerr << "usage: scaling_benchmark out.csv PETSc|Trilinos "
                   "axisymmetric|3d_octant|3d_octant_in_shell|3d_pillar|3d_pillar_plastic refinement [steps] "
                   "[p-multigrid|algebraic] [matrix-free|assembled]\n";
      return 1;
    }
  const std::string  csv        = argv[1];
  const std::string  backend    = argv[2];
  const std::string  which      = argv[3];
  const unsigned int refinement = std::stoi(argv[4]);
  const unsigned int steps      = argc > 5 ? std::stoi(argv[5]) : 3;
  const std::string  multigrid  = argc > 6 ? argv[6] : "p-multigrid";
  const std::string  op         = argc > 7 ? argv[7] : "matrix-free";
  if (Utilities::MPI::this_mpi_process(comm) == 0)
    {
      std::ifstream exists(csv);
      if (!exists)
        std::ofstream(csv) << "case,ranks,backend,refinement,cells,unknowns,setup_s,steps,"
                              "newton_per_step,linear_per_newton,assembly_s_per_newton,"
                              "solve_s_per_newton,baseline_MB,setup_peak_MB,peak_memory_MB,"
                              "bytes_per_unknown,displacement_multigrid,displacement_operator\n";
    }
  try
    {
      const std::string axi = "subsection Geometry\n  set Coordinate system = axisymmetric\nend\n";
      // the octant of a particle: symmetry planes x0, y0, z0, lithium through
      // the free outer surface; optionally in a bonded electrolyte shell of
      // 0.3 radii (more displacement unknowns per lithium unknown)
      const std::string octant =
          "subsection Geometry\n  set Coordinate system = 3d\nend\n"
          "subsection Boundary conditions\n  set Symmetry planes = x0, y0, z0\nend\n";
      if (which == "axisymmetric")
        run<2>(which, axi, refinement, steps, backend, multigrid, op, csv, comm);
      else if (which == "3d_octant")
        run<3>(which, octant, refinement, steps, backend, multigrid, op, csv, comm);
      else if (which == "3d_octant_in_shell")
        run<3>(
            which,
            octant +
                "subsection Geometry\n  set Electrolyte shell thickness = 0.3e-6\nend\n"
                "subsection Materials\n  set Electrolyte material ids = 1\nend\n"
                "subsection Boundary conditions\n  set Lithium flux boundaries = interface\nend\n",
            refinement,
            steps,
            backend,
            multigrid,
            op,
            csv,
            comm);
      else if (which == "3d_pillar" || which == "3d_pillar_plastic")
        // a quarter pillar (height 12 radii) on a fixed base, lithiated through
        // its top and side; _plastic: rate-independent J2 a-Si (preset), with
        // its quadrature-point history
        run<3>(which,
               std::string("subsection Geometry\n  set Coordinate system = 3d\n  set Shape = pillar\n"
                           "  set Symmetry = quarter\n  set Pillar height = 6e-6\nend\n"
                           "subsection Boundary conditions\n  set Symmetry planes = x0, y0\n"
                           "  set Fixed displacement = bottom: z\n  set Lithium flux boundaries = surface, "
                           "side\nend\n") +
                 (which == "3d_pillar_plastic" ?
                    "subsection Materials\n  subsection Active material\n    set Preset = amorphous Si\n"
                    "  end\nend\n" :
                    ""),
               refinement,
               steps,
               backend,
               multigrid,
               op,
               csv,
               comm);
      else
        throw std::invalid_argument("unknown case '" + which + "'");
    }
  catch (const std::exception &e)
    {
      std::cerr << "scaling_benchmark: " << e.what() << std::endl;
      return 1;
    }
  return 0;
}
