// The iterative solver's lithium Schur complement with mechanical relaxation
// (Linear solver/Lithium Schur complement): on real Newton steps of the
// coupled problem, each choice converges to the direct solver's solution, and
// the plane-wave relaxation needs fewer GMRES iterations per Newton iteration
// than none (fixed strain). The solutions are compared to 1e-8 relative: every
// variant stops Newton at the same normalised residual 1e-9 and the linear
// solves at 1e-10, so their converged states differ by about the Newton
// tolerance, far below 1e-8; a wrong preconditioner changes only the iteration
// count, so the iterations are the figure this test guards. Measured ratio of
// GMRES iterations per Newton iteration, plane wave / fixed strain: 0.82 on this
// octant, 0.87 on the 3D pillar (doc/theory.md §7); the bound 0.92 fails when
// the relaxation is lost (ratio 1), with room for partition-dependent AMG
// aggregates. The axisymmetric case checks only that every choice converges to
// the direct solution (there the relaxation is measured, not bounded).
#include <siswell/simulation/simulation.h>

#include <deal.II/base/mpi.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <sstream>
#include <string>

namespace
{
  struct Outcome
  {
    double       volume_change = 0., lithium = 0., max_hydrostatic = 0.;
    unsigned int newton = 0, linear = 0;
  };

  template <int dim>
  Outcome
  run(const std::string &case_text, const std::string &solver)
  {
    dealii::ParameterHandler prm;
    siswell::RunParameters::declare_parameters(prm);
    prm.parse_input_from_string(case_text + "subsection Linear solver\n" + solver +
                                "\nend\nsubsection Newton\n  set Linear tolerance = fixed\nend\n");
    siswell::RunParameters p;
    p.parse(prm);
    std::ostringstream       log;
    siswell::Simulation<dim> sim(p, MPI_COMM_WORLD, log);
    sim.setup();
    Outcome o;
    for (unsigned int s = 0; s < 2; ++s)
      {
        const auto r = sim.solve_step(60., 1.);
        INFO(solver << ": " << r.reason);
        REQUIRE(r.converged);
        o.newton += r.iterations;
        o.linear += r.linear_iterations;
      }
    const auto m      = sim.measure();
    o.volume_change   = m.volume_change;
    o.lithium         = m.lithium;
    o.max_hydrostatic = m.max_hydrostatic;
    return o;
  }

  template <int dim>
  void
  compare(const std::string &case_text, const std::string &backend, const bool bound)
  {
    const Outcome                  direct = run<dim>(case_text, "  set Backend = " + backend);
    std::map<std::string, Outcome> iterative;
    for (const std::string relaxation : {"fixed strain", "plane wave", "fixed stress"})
      {
        const Outcome o = run<dim>(
            case_text,
            "  set Backend = " + backend +
                "\n  set Method = iterative\n  set Lithium Schur complement = " + relaxation);
        INFO(backend << ", " << relaxation << ": " << o.newton << " Newton, "
                     << double(o.linear) / o.newton << " GMRES per Newton iteration");
        CHECK(std::abs(o.volume_change - direct.volume_change) <=
              1e-8 * std::abs(direct.volume_change));
        CHECK(std::abs(o.lithium - direct.lithium) <= 1e-8 * direct.lithium);
        CHECK(std::abs(o.max_hydrostatic - direct.max_hydrostatic) <=
              1e-8 * std::abs(direct.max_hydrostatic));
        iterative[relaxation] = o;
      }
    const auto per_newton = [&](const std::string &r) {
      return double(iterative[r].linear) / iterative[r].newton;
    };
    INFO(backend << ": GMRES per Newton iteration, fixed strain " << per_newton("fixed strain")
                 << ", plane wave " << per_newton("plane wave") << ", fixed stress "
                 << per_newton("fixed stress"));
    if (bound)
      CHECK(per_newton("plane wave") <= 0.92 * per_newton("fixed strain"));
    else
      WARN(backend << ": GMRES per Newton iteration, fixed strain " << per_newton("fixed strain")
                   << ", plane wave " << per_newton("plane wave"));
  }
} // namespace

TEST_CASE("lithium Schur complement: the plane-wave relaxation in 3D", "[solver][schur][mpi]")
{
  // the default particle as an octant, symmetry planes, lithiated through its surface
  compare<3>(
      "subsection Geometry\n  set Coordinate system = 3d\n  set Global refinements = 1\nend\n"
      "subsection Boundary conditions\n  set Symmetry planes = x0, y0, z0\nend\n",
      "Trilinos",
      true);
}

TEST_CASE("lithium Schur complement: the plane-wave relaxation in axisymmetry",
          "[solver][schur][mpi]")
{
  compare<2>("subsection Geometry\n  set Coordinate system = axisymmetric\n  set Global "
             "refinements = 3\nend\n",
             "PETSc",
             false);
}
