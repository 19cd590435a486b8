// Material laws by name: siswell's own are registered, a law registered by a
// program is chosen with 'Law' and reads its own subsection, its bad values
// are refused with the path of the entry, and a name is registered once.
#include <siswell/materials/material_registry.h>
#include <siswell/simulation/run_parameters.h>

#include <deal.II/base/parameter_handler.h>

#include <catch2/catch.hpp>

#include "run_parameters_from_text.h"

#include <stdexcept>
#include <string>

using namespace siswell;

namespace
{
  /// LixSi with a mobility scaled by a factor (its own entry).
  class ScaledMobilitySilicon : public materials::ActiveMaterial
  {
  public:
    static void
    declare_parameters(dealii::ParameterHandler &prm)
    {
      ActiveMaterial::declare_parameters(prm);
      prm.declare_entry("Mobility factor", "1", dealii::Patterns::Anything(), "factor on M (-)");
    }
    void
    parse_parameters(dealii::ParameterHandler &prm)
    {
      ActiveMaterial::parse_parameters(prm);
      factor = std::stod(prm.get("Mobility factor"));
      if (!(factor > 0.))
        throw std::invalid_argument("parameter 'Mobility factor' must be positive");
    }
    double
    mobility(const double c) const override
    {
      return factor * ActiveMaterial::mobility(c);
    }
    double factor = 1.;
  };

  RunParameters
  parse(const std::string &text)
  {
    return testing::run_parameters_from_text(text);
  }
} // namespace

SISWELL_REGISTER_MATERIAL_LAW(ScaledMobilitySilicon,
                              "scaled-mobility silicon",
                              "test law: LixSi with M times a factor")

TEST_CASE("material laws: registered by name, chosen with 'Law', own subsection", "[registry]")
{
  const std::string active = materials::MaterialLaws::names(true);
  const std::string inert  = materials::MaterialLaws::names(false);
  CHECK(active.find("LixSi") != std::string::npos);
  CHECK(active.find("scaled-mobility silicon") != std::string::npos);
  CHECK(inert == "elastic-plastic solid");
  CHECK(materials::MaterialLaws::get("LixSi").carries_lithium);
  CHECK_THROWS_AS(materials::MaterialLaws::get("Neo-Hooke"), std::invalid_argument);
  CHECK_THROWS_AS(materials::MaterialLaws::add<ScaledMobilitySilicon>("LixSi", "again"),
                  std::logic_error);

  // the built-in law: no law object, the parameters of the subsection itself
  const RunParameters built_in = parse("");
  CHECK(built_in.active_law == nullptr);
  CHECK(built_in.electrolyte_law == nullptr);

  const RunParameters p = parse(R"(
subsection Materials
  subsection Active material
    set Law         = scaled-mobility silicon
    set Diffusivity = 7e-17
    subsection scaled-mobility silicon
      set Mobility factor = 2.5
      set Diffusivity     = 3e-16
    end
  end
end)");
  REQUIRE(p.active_law != nullptr);
  const auto &law = dynamic_cast<const ScaledMobilitySilicon &>(*p.active_law);
  CHECK(law.factor == 2.5);
  // the law reads its own subsection, not that of the built-in law
  CHECK(law.diffusivity.value(0.3) == 3e-16);
  CHECK(p.active_material.diffusivity.value(0.3) == 7e-17);
  const double c = 0.3 * law.c_max;
  CHECK(law.mobility(c) ==
        Approx(2.5 * 3e-16 / 7e-17 * p.active_material.mobility(c)).epsilon(1e-14));

  // a preset in the law's subsection fills the law's entries there
  const RunParameters q          = parse(R"(
subsection Materials
  subsection Active material
    set Law = scaled-mobility silicon
    subsection scaled-mobility silicon
      set Preset = amorphous Si
    end
  end
end)");
  const auto         &preset_law = dynamic_cast<const ScaledMobilitySilicon &>(*q.active_law);
  CHECK(preset_law.poissons_ratio.value(0.5) == 0.26);
  CHECK(q.active_material.poissons_ratio.value(0.5) == 0.22); // the built-in law's default

  try
    {
      parse(R"(
subsection Materials
  subsection Active material
    set Law = scaled-mobility silicon
    subsection scaled-mobility silicon
      set Mobility factor = -1
    end
  end
end)");
      FAIL("a negative mobility factor was accepted");
    }
  catch (const std::invalid_argument &e)
    {
      const std::string what = e.what();
      INFO(what);
      CHECK(what.find("Materials/Active material/scaled-mobility silicon") != std::string::npos);
      CHECK(what.find("Mobility factor") != std::string::npos);
    }
}
