// Two lithium-carrying materials with their own properties and initial state
// of charge (per-material pre-lithiation): an a-Si particle at θ_0 = 0.01 and
// a pre-lithiated SiOx particle at θ_0 = 0.4 (stress-free there), separated by solid electrolyte
// (meshes/two_particles.geo), lithium through their interfaces with it.
// Checked: the initial inventory and average state of charge from the two
// materials' c_max, θ_0 and volumes; the lithium balance every step
// (relative 1e-10, as the single-material conservation test); the capacity
// that defines the C-rate; and the local θ range of each particle.
#include <siswell/materials/active_material.h>

#include "case_builder.h"

#include <catch2/catch.hpp>

#include <cmath>

TEST_CASE("two active materials: per-material pre-lithiation and lithium balance", "[two-active]")
{
  std::ostringstream log;
  auto sim = test::simulation<2>(R"(
subsection Geometry
  set Coordinate system = plane strain
  set Shape = gmsh
  set Mesh file = )" SISWELL_MESH_DIR R"(/two_particles.msh
  set Mesh scale = 1e-6
  set Global refinements = 0
end
subsection Materials
  set Active material ids        = 1
  set Second active material ids = 3
  set Electrolyte material ids   = 2
  subsection Active material
    set Preset = amorphous Si
    set Diffusivity = 1e-15
  end
  subsection Second active material
    set Preset = SiOx
    set Diffusivity = 1e-15
    set Initial state of charge = 0.4
  end
  subsection Electrolyte
    set Preset = sulfide electrolyte
  end
end
subsection Boundary conditions
  set Symmetry planes         = 1: y, 3: x
  set Lithium flux boundaries = interface
end
subsection Cycling
  set C-rate = 1
  set Stages = lithiate to 0.4
end
subsection Output
  set Write fields = false
end
)",
                                 log);
  auto &      problem = sim->problem();
  const auto &si      = dynamic_cast<const siswell::materials::ActiveMaterial &>(*problem.materials().at(1));
  const auto &siox    = dynamic_cast<const siswell::materials::ActiveMaterial &>(*problem.materials().at(3));
  REQUIRE(siox.c_max == 1.85e5); // the SiOx preset
  // both disks have radius 1 µm (area π per metre of depth, up to the polygonal boundary)
  const auto   first = sim->history().empty() ? sim->measure() : sim->history().front();
  const double V     = first.volume; // all solids
  (void)V;
  // initial inventory: c_0 V per particle; equal particle areas A
  const double ratio = (0.01 * si.c_max + 0.4 * siox.c_max) / (si.c_max + siox.c_max);
  INFO("initial state of charge " << first.state_of_charge << ", expected " << ratio);
  CHECK(std::abs(first.state_of_charge - ratio) <= 1e-3 * ratio); // the two polygonal disks differ slightly
  CHECK(first.min_theta == Approx(0.01).epsilon(1e-12));
  CHECK(first.max_theta == Approx(0.4).epsilon(1e-12));

  REQUIRE(sim->run());
  double worst = 0.;
  for (const auto &row : sim->history())
    worst = std::max(worst, std::abs(row.lithium - row.lithium_expected) / row.lithium_expected);
  const auto &last = sim->history().back();
  INFO("largest relative lithium imbalance " << worst << ", final state of charge "
                                             << last.state_of_charge);
  CHECK(worst <= 1e-10);
  CHECK(last.state_of_charge == Approx(0.4).epsilon(1e-9));
  // 1C passes the capacity (Σ (c_max − c_0) V) F, i.e. the average state of
  // charge from its initial value to 1, in an hour
  const double capacity_time =
    (1. - first.state_of_charge) / (0.4 - first.state_of_charge) * last.time; // s
  CHECK(capacity_time == Approx(3600.).epsilon(1e-6));
}

TEST_CASE("two active materials that touch are rejected", "[two-active]")
{
  std::ostringstream log;
  CHECK_THROWS_WITH(test::simulation<2>(R"(
subsection Geometry
  set Coordinate system = axisymmetric
  set Shape = particle
  set Electrolyte shell thickness = 0.3e-6
  set Global refinements = 0
end
subsection Materials
  set Second active material ids = 1
end
)",
                                        log),
                    Catch::Contains("touch"));
}
