// Materials listed by name ('Materials/List'): each name's subsection holds
// its 'Law' and that law's entries (presets included); the fixed layout of
// earlier files gives the same list; every misuse is refused with the
// parameter it concerns.
#include <siswell/materials/active_material.h>
#include <siswell/materials/inert_material.h>
#include <siswell/simulation/run_parameters.h>

#include <deal.II/base/exceptions.h>

#include <catch2/catch.hpp>

#include "run_parameters_from_text.h"

#include <stdexcept>
#include <string>

using namespace siswell;

namespace
{
  const std::string listed = R"(
subsection Materials
  set List = silicon: 0, 3; LPSCl: 1; copper: 2
  subsection silicon
    set Law = LixSi
    set Preset = amorphous Si
    set Initial state of charge = 0.05
  end
  subsection LPSCl
    set Law = elastic-plastic solid
    set Young's modulus = 22e9
    subsection Plasticity
      set Flow rule    = rate independent
      set Yield stress = 0.6e9
    end
  end
  subsection copper
    set Law = elastic-plastic solid
    set Young's modulus = 120e9
    set Poisson's ratio = 0.34
  end
end
)";

  std::string
  error_of(const std::string &text)
  {
    return testing::parameter_error_of(text);
  }
} // namespace

TEST_CASE("materials listed by name: names, ids, laws and their entries", "[material-list]")
{
  const RunParameters p = testing::run_parameters_from_text(listed);
  REQUIRE(p.materials_listed_by_name);
  REQUIRE(p.material_list.size() == 3);
  CHECK(p.material_list[0].name == "silicon");
  CHECK(p.material_list[0].ids == std::set<dealii::types::material_id>{0, 3});
  CHECK(p.material_list[1].ids == std::set<dealii::types::material_id>{1});
  const auto *si = dynamic_cast<const materials::ActiveMaterial *>(p.material_list[0].law.get());
  REQUIRE(si);
  CHECK(si->theta_0 == 0.05);
  // from the preset 'amorphous Si' (doc/materials.md): E 90 → 40 GPa, rate-independent J2
  CHECK(si->youngs_modulus.value(0.) == 90e9);
  CHECK(si->youngs_modulus.value(1.) == 40e9);
  CHECK(si->plasticity.is_plastic());
  const auto *shell = dynamic_cast<const materials::InertMaterial *>(p.material_list[1].law.get());
  REQUIRE(shell);
  CHECK(shell->E == 22e9);
  CHECK(shell->plasticity.is_plastic());
  const auto *cu = dynamic_cast<const materials::InertMaterial *>(p.material_list[2].law.get());
  REQUIRE(cu);
  CHECK(cu->nu == 0.34);
  CHECK_FALSE(cu->plasticity.is_plastic());
}

TEST_CASE("materials listed by name: the fixed layout gives the same list", "[material-list]")
{
  const RunParameters p = testing::run_parameters_from_text(R"(
subsection Materials
  set Electrolyte material ids = 1
  subsection Electrolyte
    set Young's modulus = 22e9
  end
end
)");
  CHECK_FALSE(p.materials_listed_by_name);
  REQUIRE(p.material_list.size() == 2);
  CHECK(p.material_list[0].name == "Active material");
  CHECK(p.material_list[0].ids == std::set<dealii::types::material_id>{0});
  CHECK(p.material_list[0].law->is_active());
  CHECK(p.material_list[1].name == "Electrolyte");
  CHECK(dynamic_cast<const materials::InertMaterial &>(*p.material_list[1].law).E == 22e9);
}

TEST_CASE("materials listed by name: misuse is refused with the parameter", "[material-list]")
{
  auto with_list = [](const std::string &list, const std::string &more = "") {
    return "subsection Materials\n  set List = " + list + "\n" + more + "end\n";
  };
  const std::string si = "  subsection si\n    set Law = LixSi\n  end\n";
  CHECK_THAT(
      error_of(with_list("si: 0; si2: 0", si + "  subsection si2\n    set Law = LixSi\n  end\n")),
      Catch::Contains("material id 0 is given to more than one material"));
  CHECK_THAT(error_of(with_list("si 0")),
             Catch::Contains("'si 0' is not of the form 'name: id, id'"));
  CHECK_THAT(error_of(with_list("si: 0; si: 1", si)), Catch::Contains("'si' is listed twice"));
  CHECK_THAT(error_of(with_list("Electrolyte: 1")),
             Catch::Contains("subsection of the fixed layout"));
  CHECK_THAT(error_of(with_list("si: 0, x", si)),
             Catch::Contains("'x' is not an integer in 0..254"));
  CHECK_THAT(error_of(with_list("si: 0; glass: 1", si)),
             Catch::Contains("'Materials/glass/Law' is not set") && Catch::Contains("'LixSi'"));
  CHECK_THAT(error_of(with_list("si: 0", "  subsection si\n    set Law = LiXSi\n  end\n")),
             Catch::Contains("'Materials/si/Law'") &&
                 Catch::Contains("unknown material law 'LiXSi'"));
  CHECK_THAT(error_of(with_list("si: 0", si + "  set Electrolyte material ids = 1\n")),
             Catch::Contains("'Electrolyte material ids'") && Catch::Contains("must not be set"));
  CHECK_THAT(error_of(with_list(
                 "glass: 0", "  subsection glass\n    set Law = elastic-plastic solid\n  end\n")),
             Catch::Contains("no listed material carries lithium"));
  // an entry of another law than the one chosen is not declared there
  CHECK_THAT(
      error_of(with_list(
          "si: 0", "  subsection si\n    set Law = LixSi\n    set Yield stress = 1e9\n  end\n")),
      Catch::Contains("Yield stress"));
}
