#include <siswell/materials/active_material.h>
#include <siswell/materials/inert_material.h>
#include <siswell/materials/material_registry.h>

#include <stdexcept>

namespace siswell
{
  namespace materials
  {
    namespace
    {
      /// The registry, built on first use (registrations run during static
      /// initialisation, in any order of translation units).
      std::vector<MaterialLaws::Info> &
      registry()
      {
        static std::vector<MaterialLaws::Info> laws;
        return laws;
      }
    } // namespace

    bool
    MaterialLaws::add(Info info)
    {
      for (const auto &law : registry())
        if (law.name == info.name)
          throw std::logic_error("material law '" + info.name + "' is registered twice");
      if (info.name.empty() || info.name.find_first_of("|,") != std::string::npos)
        throw std::logic_error("material law name '" + info.name +
                               "' must be non-empty, without '|' or ','");
      registry().push_back(std::move(info));
      return true;
    }

    const std::vector<MaterialLaws::Info> &
    MaterialLaws::all()
    {
      return registry();
    }

    const MaterialLaws::Info &
    MaterialLaws::get(const std::string &name)
    {
      std::string known;
      for (const auto &law : registry())
        {
          if (law.name == name)
            return law;
          known += (known.empty() ? "'" : ", '") + law.name + "'";
        }
      throw std::invalid_argument("unknown material law '" + name + "' (known: " + known + ")");
    }

    std::string
    MaterialLaws::names(const bool carries_lithium)
    {
      std::string list;
      for (const auto &law : registry())
        if (law.carries_lithium == carries_lithium)
          list += (list.empty() ? "" : "|") + law.name;
      return list;
    }
  } // namespace materials
} // namespace siswell

// siswell's own laws. The LixSi law's parameters are those of the active
// materials' subsections themselves; the inert solid's those of
// 'Electrolyte' and 'Collector' (with their defaults).
namespace
{
  using siswell::materials::ActiveMaterial;
  /// InertMaterial under the registry's conventions (default-constructible).
  class ElasticPlasticSolid : public siswell::materials::InertMaterial
  {
  public:
    ElasticPlasticSolid() : InertMaterial("elastic-plastic solid") {}
    static void
    declare_parameters(dealii::ParameterHandler &prm)
    {
      InertMaterial::declare_parameters(prm, 25e9, 0.3);
    }
  };
} // namespace
SISWELL_REGISTER_MATERIAL_LAW(
    ActiveMaterial,
    "LixSi",
    "Hencky-elastic, optionally J2-plastic lithium-silicon with a swelling law, "
    "θ-dependent moduli and diffusivity, and the regular-solution chemical potential")
SISWELL_REGISTER_MATERIAL_LAW(
    ElasticPlasticSolid,
    "elastic-plastic solid",
    "Hencky-elastic, optionally J2-plastic solid without lithium (electrolyte, collector)")
