// Coulomb friction between silicon and the solid electrolyte
// ('Interface/Friction coefficient', ContactFriction).
//
// A block pushed sideways under a normal load: the "pull-off blocks" of
// test_cohesive.cc (silicon W × H on electrolyte W × H, plane strain), the
// electrolyte's bottom held, a follower pressure of 50 MPa on the silicon's
// top, and a displacement-controlled platen on the silicon's right face
// pulling it along the interface. While the pull is small the interface
// sticks (the platen's force is below μ N, N the normal force the contact
// carries); once it is large enough every point slips and the friction force
// is μ N, to the contact tolerance (the slip force is μ p da at each point by
// construction; what the FE solution must get right is that all points slip
// the same way and that the force the platen needs is the friction's). The
// platen's force differs from the friction force by the tangential component
// of the follower pressure on the rotated top and by the platen's share of
// the lateral Poisson force, both of order the strain (1e-4) × the normal
// force: checked to 2e-3 relative.
#include "case_builder.h"

#include <siswell/physics/contact_friction.h>
#include <siswell/physics/coupled_problem.h>

#include <deal.II/base/mpi.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

namespace
{
  constexpr double W = 1e-6, H = 0.5e-6;

  void
  check_push(const std::string &backend)
  {
    const double       mu = 0.3;
    std::ostringstream log;
    auto               sim = test::simulation<2>(R"(
subsection Geometry
  set Coordinate system = plane strain
  set Shape = pull-off blocks
  set Global refinements = 1
end
subsection Materials
  set Electrolyte material ids = 1
end
subsection Interface
  set Mode = contact
  set Friction coefficient = 0.3
  set Penetration tolerance = 1e-10
end
subsection Boundary conditions
  set Symmetry planes =
  set Fixed displacement = bottom
  set Pressure = top: 50e6
  set Lithium flux boundaries = top
end
subsection Stack pressure
  set Platen boundary = right_silicon
  set Control         = displacement
end
subsection Cycling
  set Stages = move platen to 2e-11 in 1, move platen to 2e-8 in 10
end
subsection Time stepping
  set Initial time step = 1
  set Maximum time step = 1
end
subsection Newton
  set Tolerance = 1e-12
  set Maximum iterations = 30
end
subsection Linear solver
  set Backend = )" + backend + R"(
end
subsection Output
  set Directory = friction-push-output
  set Write fields = false
end
)",
                                   log);
    REQUIRE(sim->friction());
    const bool ran = sim->run();
    INFO(log.str());
    REQUIRE(ran);
    const auto &rows = sim->history();
    REQUIRE(rows.size() >= 12);
    for (std::size_t i = 1; i < rows.size(); ++i)
      {
        const auto  &r      = rows[i];
        const double normal = r.mean_contact_pressure * r.contact_area; // N/m
        const double platen = std::abs(r.stack_pressure) * H;           // N/m
        INFO(backend << ", step " << r.step << ": platen force " << platen << " N/m, friction "
                     << r.friction_force << " N/m, mu N " << mu * normal << " N/m, slipping "
                     << r.slip_fraction << ", slip " << r.max_slip << " m, contact fraction "
                     << r.contact_fraction << ", updates " << r.contact_updates << ", Newton "
                     << r.newton_iterations);
        CHECK(r.contact_fraction == 1.);
        CHECK(r.friction_force <= mu * normal * (1. + 1e-9));
        CHECK(std::abs(platen - r.friction_force) <= 2e-3 * mu * normal);
        if (i == 1)
          {
            // stick below the limit
            CHECK(r.friction_force < 0.5 * mu * normal);
            CHECK(r.slip_fraction < 1.);
          }
        if (i + 1 == rows.size())
          {
            // sliding at the limit
            CHECK(r.slip_fraction == 1.);
            CHECK(std::abs(r.friction_force - mu * normal) <= 1e-6 * mu * normal);
            CHECK(r.max_slip > 1e-8);
            WARN("friction push, "
                 << backend << ", " << dealii::Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD)
                 << " rank(s): friction / (mu N) - 1 = " << r.friction_force / (mu * normal) - 1.
                 << ", platen / (mu N) - 1 = " << platen / (mu * normal) - 1.
                 << ", first step friction / (mu N) = "
                 << rows[1].friction_force /
                        (mu * rows[1].mean_contact_pressure * rows[1].contact_area)
                 << " with slip fraction " << rows[1].slip_fraction);
          }
      }
  }
} // namespace

TEST_CASE("friction: a block pushed under a normal load sticks, then slides at mu N", "[friction]")
{
  SECTION("PETSc")
  check_push("PETSc");
  SECTION("Trilinos")
  check_push("Trilinos");
}
