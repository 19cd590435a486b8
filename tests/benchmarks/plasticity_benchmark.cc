// Plasticity benchmark.
//  1. Cost of one constitutive update (stress, chemical potential and every
//     derivative the Jacobian needs) per quadrature point, in the elastic,
//     rate-independent plastic and viscoplastic branches of the a-Si law.
//  2. A plastic 3D case: the octant of an a-Si particle (preset 'amorphous
//     Si', rate-independent J2) bonded in a sulfide-electrolyte shell (preset,
//     also plastic) whose outer surface is held, lithiated at 1C through the
//     interface with the default time-step control; Newton iterations per
//     step while plastic flow is active (issue target: at most 6 on average).
// Writes two CSV files (appending): <prefix>_constitutive.csv and
// <prefix>_3d.csv.
//
// usage: [mpirun -np N] plasticity_benchmark prefix [refinement] [target state of charge]
// Run on demand (doc/benchmarks.md), never as a timed test.
#include <siswell/materials/active_material.h>
#include <siswell/simulation/simulation.h>

#include <deal.II/base/mpi.h>
#include <deal.II/base/timer.h>
#include <deal.II/base/utilities.h>

#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>

using namespace dealii;
using namespace siswell;

namespace
{
  /// Mean wall time (ns) of one mechanical_response() call in a given branch.
  double
  time_update(const materials::ActiveMaterial &m, const Tensor<2, 3> &F, const double c,
              const materials::PlasticState &old, const double dt, double &check)
  {
    materials::PlasticState updated;
    materials::PlasticStep  step{&old, &updated, dt};
    const unsigned int      n = 200000;
    Timer                   timer;
    for (unsigned int i = 0; i < n; ++i)
      {
        // vary F slightly so that nothing is hoisted out of the loop
        Tensor<2, 3> G = F;
        G[0][1] += 1e-9 * (i % 7);
        check += m.mechanical_response(G, c, step).P[0][0];
      }
    return timer.wall_time() / n * 1e9;
  }

  void
  constitutive(const std::string &csv)
  {
    materials::ActiveMaterial m;
    m.poissons_ratio                 = materials::ThetaFunction(0.26);
    m.plasticity.yield_stress        = materials::ThetaFunction::parse("0:1.75e9, 1:0.7e9");
    m.plasticity.reference_strain_rate = 0.6e-9;
    m.plasticity.rate_exponent       = 4.;
    const double c     = 0.4 * m.c_max;
    const double J_s   = m.swelling(c).J_s;
    Tensor<2, 3> F     = std::cbrt(J_s) * Tensor<2, 3>(unit_symmetric_tensor<3>());
    F[0][0] *= 0.97; // 3 % compression on top of free swelling: far above yield
    F[1][1] *= 1.01;
    F[0][1] = 0.01;
    const materials::PlasticState virgin;
    double                        check = 0.;
    std::ofstream                 out(csv, std::ios::app);
    out << "branch,ns_per_update\n";
    using Rule = materials::J2Plasticity::FlowRule;
    for (const auto &[name, rule, scale] :
         {std::tuple<const char *, Rule, double>{"elastic (no plasticity)", Rule::elastic, 1.},
          {"rate independent, elastic step", Rule::rate_independent, 100.},
          {"rate independent, plastic step", Rule::rate_independent, 1.},
          {"viscoplastic, plastic step", Rule::viscoplastic, 1.}})
      {
        m.plasticity.flow_rule    = rule;
        m.plasticity.yield_stress = materials::ThetaFunction::parse(
          "0:" + std::to_string(1.75e9 * scale) + ", 1:" + std::to_string(0.7e9 * scale));
        const double ns = time_update(m, F, c, virgin, 60., check);
        out << '"' << name << "\"," << ns << '\n';
        std::cout << name << ": " << ns << " ns per constitutive update" << std::endl;
      }
    if (check == 42.) // keep the results alive
      std::cout << check << std::endl;
  }

  void
  plastic_3d(const std::string &csv, const unsigned int refinement, const double target,
             const MPI_Comm comm)
  {
    std::ostringstream text;
    // confined swelling: the particle is bonded in a sulfide-electrolyte shell
    // whose outer surface is held, so that both flow plastically early on
    text << "subsection Geometry\n  set Coordinate system = 3d\n  set Global refinements = "
         << refinement
         << "\n  set Electrolyte shell thickness = 0.3e-6\nend\n"
            "subsection Boundary conditions\n  set Symmetry planes = x0, y0, z0\n"
            "  set Fixed displacement = outer\n  set Lithium flux boundaries = interface\nend\n"
            "subsection Materials\n  set Electrolyte material ids = 1\n"
            "  subsection Active material\n    set Preset = amorphous Si\n  end\n"
            "  subsection Electrolyte\n    set Preset = sulfide electrolyte\n  end\nend\n"
            "subsection Cycling\n  set Stages = lithiate to "
         << target
         << "\nend\nsubsection Linear solver\n  set Backend = Trilinos\n  set Method = "
            "iterative\nend\nsubsection Output\n  set Write fields = false\n  set Directory = "
            "plasticity_benchmark_output\nend\n";
    ParameterHandler prm;
    RunParameters::declare_parameters(prm);
    prm.parse_input_from_string(text.str());
    RunParameters p;
    p.parse(prm);
    std::ostringstream log;
    Simulation<3>      sim(p, comm, log);
    sim.setup();
    Timer timer;
    AssertThrow(sim.run(), ExcMessage("the plastic 3D benchmark run stopped early"));
    const double wall = Utilities::MPI::max(timer.wall_time(), comm);

    unsigned int steps = 0, plastic_steps = 0, newton = 0, newton_plastic = 0, max_newton = 0;
    double       previous_eps = 0.;
    for (const auto &row : sim.history())
      if (row.step > 0)
        {
          ++steps;
          newton += row.newton_iterations;
          if (row.max_plastic_strain > previous_eps) // plastic flow in this step
            {
              ++plastic_steps;
              newton_plastic += row.newton_iterations;
              max_newton = std::max(max_newton, row.newton_iterations);
            }
          previous_eps = row.max_plastic_strain;
        }
    const auto &last = sim.history().back();
    if (Utilities::MPI::this_mpi_process(comm) == 0)
      {
        std::ofstream out(csv, std::ios::app);
        out << "ranks,refinement,unknowns,steps,plastic_steps,newton_per_step,"
               "newton_per_plastic_step,max_newton_plastic,max_plastic_strain,wall_s,"
               "assembly_s,solve_s\n"
            << Utilities::MPI::n_mpi_processes(comm) << ',' << refinement << ','
            << sim.problem().n_dofs() << ',' << steps << ',' << plastic_steps << ','
            << double(newton) / steps << ',' << double(newton_plastic) / std::max(1u, plastic_steps)
            << ',' << max_newton << ',' << last.max_plastic_strain << ',' << wall << ','
            << sim.problem().assembly_seconds << ',' << sim.problem().solve_seconds << '\n';
        std::cout << "3D plastic octant in a held shell, " << sim.problem().n_dofs() << " unknowns: " << steps
                  << " steps, " << plastic_steps << " with plastic flow, Newton per plastic step "
                  << double(newton_plastic) / std::max(1u, plastic_steps) << " (max "
                  << max_newton << "), wall " << wall << " s" << std::endl;
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
      std::cerr << "usage: plasticity_benchmark prefix [refinement] [target state of charge]\n";
      return 1;
    }
  const std::string  prefix     = argv[1];
  const unsigned int refinement = argc > 2 ? std::stoi(argv[2]) : 2;
  const double       target     = argc > 3 ? std::stod(argv[3]) : 0.3;
  try
    {
      if (Utilities::MPI::this_mpi_process(comm) == 0)
        constitutive(prefix + "_constitutive.csv");
      plastic_3d(prefix + "_3d.csv", refinement, target, comm);
    }
  catch (const std::exception &e)
    {
      std::cerr << "plasticity_benchmark: " << e.what() << std::endl;
      return 1;
    }
  return 0;
}
