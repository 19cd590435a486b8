// The same case in both layouts of 'Materials': the four fixed subsections
// of earlier files, and the materials listed by name with their laws
// (an a-Si and a pre-lithiated SiOx particle in solid electrolyte,
// meshes/two_particles.geo, presets in both). The layouts build the same
// materials, so every row of history.csv must be the same to the last digit
// (full-precision CSV lines compared as text), on any number of ranks.
#include "case_builder.h"

#include <catch2/catch.hpp>

namespace
{
  const std::string common = R"(
subsection Geometry
  set Coordinate system = plane strain
  set Shape = gmsh
  set Mesh file = )" SISWELL_MESH_DIR R"(/two_particles.msh
  set Mesh scale = 1e-6
  set Global refinements = 0
end
subsection Boundary conditions
  set Symmetry planes         = 1: y, 3: x
  set Lithium flux boundaries = interface
end
subsection Cycling
  set C-rate = 2
  set Stages = lithiate to 0.3
end
subsection Output
  set Write fields = false
end
)";

  const std::string fixed_layout = R"(
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
)";

  const std::string listed = R"(
subsection Materials
  set List = a-Si: 1; SiOx: 3; LPSCl: 2
  subsection a-Si
    set Law = LixSi
    set Preset = amorphous Si
    set Diffusivity = 1e-15
  end
  subsection SiOx
    set Law = LixSi
    set Preset = SiOx
    set Diffusivity = 1e-15
    set Initial state of charge = 0.4
  end
  subsection LPSCl
    set Law = elastic-plastic solid
    set Preset = sulfide electrolyte
  end
end
)";

  std::vector<std::string>
  history_of(const std::string &materials)
  {
    std::ostringstream log;
    auto               sim = test::simulation<2>(common + materials, log);
    REQUIRE(sim->run());
    std::vector<std::string> rows;
    for (const auto &row : sim->history())
      rows.push_back(row.csv());
    return rows;
  }
} // namespace

TEST_CASE("materials by name: the same history as the fixed layout", "[material-list]")
{
  const auto a = history_of(fixed_layout);
  const auto b = history_of(listed);
  INFO(a.size() << " rows in the fixed layout, " << b.size() << " listed by name");
  REQUIRE(a.size() > 3);
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i)
    {
      INFO("row " << i << ":\n  " << a[i] << "\n  " << b[i]);
      CHECK(a[i] == b[i]);
    }
}
