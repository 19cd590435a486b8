// Scaling benchmark: one axisymmetric or 3D particle problem of a given size,
// a few galvanostatic steps with the iterative solver, in its own process (so
// that the peak memory is this case's). Appends one CSV row:
//   case, ranks, backend, refinement, cells, unknowns, setup_s, steps,
//   newton_per_step, linear_per_newton, assembly_s_per_newton,
//   solve_s_per_newton, baseline_MB, setup_peak_MB, peak_memory_MB,
//   bytes_per_unknown, displacement_multigrid, displacement_operator,
//   schur_relaxation, linear_tolerance
// Memory is summed over ranks: baseline_MB the resident set before the mesh
// is made (MPI, PETSc, Trilinos loaded), setup_peak_MB and peak_memory_MB the
// peak resident set (VmHWM) after setup and at the end; bytes_per_unknown is
// peak_memory_MB per unknown.
//
// usage: [mpirun -np N] scaling_benchmark out.csv PETSc|Trilinos
//          axisymmetric|3d_octant|3d_octant_in_shell|3d_pillar|3d_pillar_plastic|box refinement
//          [steps] [p-multigrid|algebraic] [matrix-free|assembled]
//          [plane-wave|fixed-strain|fixed-stress] [Eisenstat-Walker|fixed]
// box: the coupled swelling box of the FEniCSx peer (../shared/peers/box_N16.prm,
// 10 s steps); refinement 3 is N = 8 cells per edge, 4 is N = 16, 5 is N = 32.
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

  /// What every case shares: size, steps and the solver choices of the command line.
  struct Options
  {
    unsigned int refinement = 0, steps = 3;
    std::string  backend, multigrid, op, schur, forcing, csv;
  };

  template <int dim>
  void
  run(const std::string &name,
      const std::string &geometry,
      const double       dt,
      const Options     &o,
      const MPI_Comm     comm)
  {
    const double       baseline = memory_MB(comm, false);
    std::ostringstream prm_text;
    prm_text << geometry << "\nsubsection Geometry\n  set Global refinements = " << o.refinement
             << "\nend\nsubsection Linear solver\n  set Backend = " << o.backend
             << "\n  set Method = iterative\n  set Displacement multigrid = " << o.multigrid
             << "\n  set Displacement operator = " << o.op
             << "\n  set Lithium Schur complement = " << o.schur
             << "\nend\nsubsection Newton\n  set Linear tolerance = " << o.forcing
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
      std::cout << name << " ref " << o.refinement << ": " << n << " unknowns, " << cells
                << " cells, " << ranks << " rank(s), setup " << setup << " s" << std::endl;

    unsigned int newton = 0, linear = 0;
    for (unsigned int s = 0; s < o.steps; ++s)
      {
        const auto r = sim.solve_step(dt, 1.);
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
        std::ofstream out(o.csv, std::ios::app);
        out << name << ',' << ranks << ',' << o.backend << ',' << o.refinement << ',' << cells
            << ',' << n << ',' << setup << ',' << o.steps << ',' << double(newton) / o.steps << ','
            << double(linear) / newton << ',' << assembly / (newton + o.steps) << ','
            << solve / newton << ',' << baseline << ',' << setup_peak << ',' << peak << ','
            << peak * 1024. * 1024. / n << ',' << o.multigrid << ','
            << (sim.problem().matrix_free_displacement() ? "matrix-free" : "assembled") << ','
            << o.schur << ',' << o.forcing << std::endl;
        std::cout << "  Newton/step " << double(newton) / o.steps << ", linear/Newton "
                  << double(linear) / newton << ", assembly " << assembly / (newton + o.steps)
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
      std::cerr
          << "usage: scaling_benchmark out.csv PETSc|Trilinos "
             "axisymmetric|3d_octant|3d_octant_in_shell|3d_pillar|3d_pillar_plastic|box refinement "
             "[steps] [p-multigrid|algebraic] [matrix-free|assembled] "
             "[plane-wave|fixed-strain|fixed-stress] [Eisenstat-Walker|fixed]\n";
      return 1;
    }
  Options o;
  o.csv                   = argv[1];
  o.backend               = argv[2];
  const std::string which = argv[3];
  o.refinement            = std::stoi(argv[4]);
  o.steps                 = argc > 5 ? std::stoi(argv[5]) : 3;
  o.multigrid             = argc > 6 ? argv[6] : "p-multigrid";
  o.op                    = argc > 7 ? argv[7] : "matrix-free";
  o.schur                 = argc > 8 ? argv[8] : "plane-wave";
  for (auto &ch : o.schur) // the .prm spells it with a space
    if (ch == '-')
      ch = ' ';
  o.forcing              = argc > 9 ? argv[9] : "Eisenstat-Walker";
  const std::string &csv = o.csv;
  if (Utilities::MPI::this_mpi_process(comm) == 0)
    {
      std::ifstream exists(csv);
      if (!exists)
        std::ofstream(csv) << "case,ranks,backend,refinement,cells,unknowns,setup_s,steps,"
                              "newton_per_step,linear_per_newton,assembly_s_per_newton,"
                              "solve_s_per_newton,baseline_MB,setup_peak_MB,peak_memory_MB,"
                              "bytes_per_unknown,displacement_multigrid,displacement_operator,"
                              "schur_relaxation,linear_tolerance\n";
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
        run<2>(which, axi, 60., o, comm);
      else if (which == "3d_octant")
        run<3>(which, octant, 60., o, comm);
      else if (which == "3d_octant_in_shell")
        run<3>(
            which,
            octant +
                "subsection Geometry\n  set Electrolyte shell thickness = 0.3e-6\nend\n"
                "subsection Materials\n  set Electrolyte material ids = 1\nend\n"
                "subsection Boundary conditions\n  set Lithium flux boundaries = interface\nend\n",
            60.,
            o,
            comm);
      else if (which == "3d_pillar" || which == "3d_pillar_plastic")
        // a quarter pillar (height 12 radii) on a fixed base, lithiated through
        // its top and side; _plastic: rate-independent J2 a-Si (preset), with
        // its quadrature-point history
        run<3>(which,
               std::string(
                   "subsection Geometry\n  set Coordinate system = 3d\n  set Shape = pillar\n"
                   "  set Symmetry = quarter\n  set Pillar height = 6e-6\nend\n"
                   "subsection Boundary conditions\n  set Symmetry planes = x0, y0\n"
                   "  set Fixed displacement = bottom: z\n  set Lithium flux boundaries = surface, "
                   "side\nend\n") +
                   (which == "3d_pillar_plastic" ? "subsection Materials\n  subsection Active "
                                                   "material\n    set Preset = amorphous Si\n"
                                                   "  end\nend\n"
                                                 : ""),
               60.,
               o,
               comm);
      else if (which == "box")
        // ../shared/peers/box_N16.prm: a 1 µm a-Si box, Q2 u and Q1 c, μ,
        // symmetry x0, y0, fixed bottom, 1C through the top, 10 s steps
        run<3>(
            which,
            "subsection Geometry\n  set Coordinate system = 3d\n  set Shape = film\n"
            "  set Film thickness = 1e-6\n  set Film width = 1e-6\n  set Film layers = 1\n"
            "  set Substrate thickness = 0\nend\n"
            "subsection Discretisation\n  set Displacement degree = 2\nend\n"
            "subsection Boundary conditions\n  set Symmetry planes = x0, y0\n"
            "  set Fixed displacement = bottom: z\n  set Lithium flux boundaries = surface\nend\n"
            "subsection Cycling\n  set Current mode = C-rate\n  set C-rate = 1\nend\n",
            10.,
            o,
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
