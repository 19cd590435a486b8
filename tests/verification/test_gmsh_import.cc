// Gmsh import: meshes/quarter_particle.msh (physical groups as material and
// boundary ids, lengths scaled from µm) against the built-in quarter particle
// on the same problem. The meshes differ (unstructured quads, polygonal
// surface), so agreement is to discretisation error: volume change within
// 2 %, the largest hydrostatic tension (at the centre, away from the polygonal
// surface) within 2 %; the lithium inventory matches the charge passed to
// round-off on both. (Surface extremes such as the largest von Mises stress
// differ by ~8 % because the imported surface is polygonal.)
#include "case_builder.h"

#include <catch2/catch.hpp>

#include <cmath>

namespace
{
  siswell::io::HistoryRow
  lithiate(const std::string &geometry)
  {
    std::ostringstream log;
    auto         sim  = test::simulation<2>(geometry, log);
    const double li0  = sim->measure().lithium;
    double       time = 0.;
    for (unsigned int s = 0; s < 4; ++s)
      {
        REQUIRE(sim->solve_step(40., 1.).converged);
        time += 40.;
      }
    auto row = sim->measure();
    const double expected =
      li0 + sim->current() * time / siswell::materials::ActiveMaterial::faraday;
    CHECK(std::abs(row.lithium - expected) <= 1e-12 * expected);
    return row;
  }
} // namespace

TEST_CASE("Gmsh mesh with physical groups gives the built-in particle's answer", "[gmsh]")
{
  const auto built_in = lithiate(R"(
subsection Geometry
  set Shape = particle
  set Global refinements = 3
end
)");
  const auto imported = lithiate(R"(
subsection Geometry
  set Shape = gmsh
  set Mesh file = )" SISWELL_MESH_DIR R"(/quarter_particle.msh
  set Mesh scale = 1e-6
  set Global refinements = 2
end
subsection Materials
  set Active material ids = 1
end
subsection Boundary conditions
  set Symmetry planes = 2: y
  set Lithium flux boundaries = 3
end
)");
  INFO("volume change " << imported.volume_change << " vs " << built_in.volume_change
                        << ", max von Mises " << imported.max_von_mises << " vs "
                        << built_in.max_von_mises << ", max hydrostatic " << imported.max_hydrostatic
                        << " vs " << built_in.max_hydrostatic);
  CHECK(std::abs(imported.volume_change - built_in.volume_change) <= 0.02 * built_in.volume_change);
  CHECK(std::abs(imported.max_hydrostatic - built_in.max_hydrostatic) <=
        0.02 * built_in.max_hydrostatic);
  CHECK(std::abs(imported.state_of_charge - built_in.state_of_charge) <= 1e-12);
}
