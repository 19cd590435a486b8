// Material presets: a preset fills the entries the input leaves unset, an
// entry the input sets overrides it, and every preset parses into a valid
// material (positive moduli and yield stresses, admissible Poisson's ratios).
#include <siswell/materials/material_presets.h>
#include <siswell/simulation/run_parameters.h>

#include <deal.II/base/parameter_handler.h>

#include <catch2/catch.hpp>

#include "run_parameters_from_text.h"

using namespace siswell;

namespace
{
  RunParameters
  parse(const std::string &text)
  {
    return testing::run_parameters_from_text(text);
  }
} // namespace

TEST_CASE("material presets: preset values, overrides, every preset valid", "[presets]")
{
  const RunParameters p = parse(R"(
subsection Materials
  subsection Active material
    set Preset = crystalline Si
    set Diffusivity = 5e-17
    subsection Plasticity
      set Hardening modulus = 1e9
    end
  end
  subsection Electrolyte
    set Preset = sulfide electrolyte
    set Poisson's ratio = 0.25
  end
  subsection Collector
    set Preset = copper
  end
end
)");
  const auto &si = p.active_material;
  // from the preset (doc/materials.md §3)
  CHECK(si.youngs_modulus.value(0.) == 163e9);
  CHECK(si.youngs_modulus.value(0.1) == 85e9);
  CHECK(si.plasticity.flow_rule == materials::J2Plasticity::FlowRule::rate_independent);
  CHECK(si.plasticity.yield_stress.value(1.) == 0.7e9);
  // set in the input: overrides the preset
  CHECK(si.diffusivity.value(0.5) == 5e-17);
  CHECK(si.plasticity.hardening_modulus.value(0.5) == 1e9);
  CHECK(p.electrolyte.E == 22e9);
  CHECK(p.electrolyte.nu == 0.25);
  CHECK(p.electrolyte.plasticity.yield_stress.value(0.) == 0.6e9);
  CHECK(p.collector.E == 120e9);
  CHECK(p.collector.plasticity.hardening_modulus.value(0.) == 500e6);

  // without a preset the declared defaults hold
  const RunParameters d = parse("");
  CHECK(d.active_material.plasticity.flow_rule == materials::J2Plasticity::FlowRule::elastic);
  CHECK(d.active_material.poissons_ratio.value(0.) == 0.22);

  // every preset passes the checks of its material's parse_parameters
  for (const auto &preset : materials::material_presets())
    {
      INFO("preset " << preset.name);
      const std::string section = preset.active ? "Active material" : "Electrolyte";
      REQUIRE_NOTHROW(parse("subsection Materials\n subsection " + section + "\n  set Preset = " +
                            preset.name + "\n end\nend\n"));
    }
}

TEST_CASE("material presets: entries that override a preset are reported", "[presets]")
{
  // A file written by --print-parameters sets every entry to its default; a
  // Preset edited into it then changes nothing, which the run must say. An
  // entry equal to the preset's value and the unset entries say nothing.
  const RunParameters p = parse(R"(
subsection Materials
  subsection Active material
    set Preset = amorphous Si
    set Young's modulus = 0:90e9, 1:40e9
    set Poisson's ratio = 0.22
    set Diffusivity = 1e-16
  end
end
)");
  // the preset's E equals this file's value, its ν (0.26) does not
  REQUIRE(p.notes.size() == 1);
  const std::string &note = p.notes.front();
  CAPTURE(note);
  CHECK(note.find("'Materials/Active material/Poisson's ratio' = 0.22") != std::string::npos);
  CHECK(note.find("overrides preset 'amorphous Si' (0.26)") != std::string::npos);
  CHECK(note.find("default value") != std::string::npos); // 0.22 is the declared default
  CHECK(p.active_material.poissons_ratio.value(0.) == 0.22);

  // an explicit value that is not the default: reported, without the hint
  const RunParameters q = parse(R"(
subsection Materials
  subsection Electrolyte
    set Preset = sulfide electrolyte
    set Young's modulus = 30e9
  end
end
)");
  REQUIRE(q.notes.size() == 1);
  CHECK(q.notes.front().find("'Materials/Electrolyte/Young's modulus' = 30e9") != std::string::npos);
  CHECK(q.notes.front().find("default value") == std::string::npos);
  CHECK(parse("").notes.empty());
}
