#pragma once

#include <siswell/materials/lithium_carrier.h>
#include <siswell/materials/material.h>

#include <deal.II/base/parameter_handler.h>

#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

namespace siswell
{
  namespace materials
  {
    /**
     * Material laws known by name, chosen in the .prm by the entry 'Law' of
     * each material's subsection ('Materials/Active material', ...). siswell
     * registers its own laws; a driver program registers its own with
     * SISWELL_REGISTER_MATERIAL_LAW (at namespace scope, in a .cc file),
     * before RunParameters::declare_parameters() runs. The parameters of a
     * law that is not its material's built-in one live in a subsection named
     * after the law, inside the material's subsection.
     */
    class MaterialLaws
    {
    public:
      struct Info
      {
        std::string name;
        /// One sentence for the .prm help.
        std::string description;
        /// True for laws in which lithium diffuses (LithiumCarrier): these go
        /// to active materials, the others to the inert ones.
        bool carries_lithium = false;
        /// Declares the law's entries in the current subsection.
        std::function<void(dealii::ParameterHandler &)> declare_parameters;
        /// Reads them; throws std::invalid_argument naming the parameter.
        std::function<std::shared_ptr<Material>(dealii::ParameterHandler &)> create;
      };

      /// Register a law; a second law of the same name is refused (std::logic_error).
      static bool
      add(Info info);

      /// Register @p Law: default-constructible, with a static
      /// declare_parameters(ParameterHandler &) and a member
      /// parse_parameters(ParameterHandler &).
      template <typename Law>
      static bool
      add(const std::string &name, const std::string &description)
      {
        Info info;
        info.name               = name;
        info.description        = description;
        info.carries_lithium    = std::is_base_of<LithiumCarrier, Law>::value;
        info.declare_parameters = [](dealii::ParameterHandler &prm) {
          Law::declare_parameters(prm);
        };
        info.create = [](dealii::ParameterHandler &prm) -> std::shared_ptr<Material> {
          auto law = std::make_shared<Law>();
          law->parse_parameters(prm);
          return law;
        };
        return add(std::move(info));
      }

      /// Every registered law, in the order of registration.
      static const std::vector<Info> &
      all();

      /// The law called @p name; std::invalid_argument listing the known ones otherwise.
      static const Info &
      get(const std::string &name);

      /// The names of the laws that carry lithium (or not), separated by '|'
      /// (a Patterns::Selection).
      static std::string
      names(const bool carries_lithium);
    };
  } // namespace materials
} // namespace siswell

/// Register the material law @p Law under @p name (a string) with a one-sentence @p description.
#define SISWELL_REGISTER_MATERIAL_LAW(Law, name, description)                                      \
  namespace                                                                                        \
  {                                                                                                \
    const bool siswell_material_law_registered_##Law =                                             \
        ::siswell::materials::MaterialLaws::add<Law>(name, description);                           \
  }
