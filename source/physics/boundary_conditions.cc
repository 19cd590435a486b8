#include <siswell/base/text.h>
#include <siswell/physics/boundary_conditions.h>

#include <sstream>
#include <stdexcept>

namespace siswell
{
  namespace physics
  {
    void
    BoundaryConditions::declare_parameters(dealii::ParameterHandler &prm)
    {
      prm.enter_subsection("Boundary conditions");
      prm.declare_entry("Symmetry planes",
                        "x0, y0",
                        dealii::Patterns::Anything(),
                        "Boundary parts with zero normal displacement, comma-separated: x0, y0, "
                        "z0, or 'part: x|y|z' for other axis-aligned planes.");
      prm.declare_entry("Fixed displacement",
                        "",
                        dealii::Patterns::Anything(),
                        "Boundary parts held at zero displacement: 'part' (all components) or "
                        "'part: x y' (those components), comma-separated.");
      prm.declare_entry("Pressure",
                        "",
                        dealii::Patterns::Anything(),
                        "Follower pressure on boundary parts, 'part: value' (Pa, positive "
                        "compressive), comma-separated.");
      prm.declare_entry("Lithium flux boundaries",
                        "surface",
                        dealii::Patterns::Anything(),
                        "Boundary parts through which the galvanostatic current enters, "
                        "comma-separated; they must bound the active material. 'interface': "
                        "the faces between the active material and the inert solids (lithium "
                        "supplied by the solid electrolyte).");
      prm.leave_subsection();
    }

    namespace
    {
      std::vector<std::string>
      split(const std::string &text, const char sep)
      {
        std::vector<std::string> parts;
        std::stringstream        ss(text);
        std::string              item;
        while (std::getline(ss, item, sep))
          {
            const auto b = item.find_first_not_of(" \t");
            if (b == std::string::npos)
              continue;
            const auto e = item.find_last_not_of(" \t");
            parts.push_back(item.substr(b, e - b + 1));
          }
        return parts;
      }

      unsigned int
      axis(const std::string &word, const std::string &parameter)
      {
        if (word == "x")
          return 0;
        if (word == "y")
          return 1;
        if (word == "z")
          return 2;
        throw std::invalid_argument("parameter '" + parameter + "': '" + word +
                                    "' is not a component (x, y or z)");
      }

      /// One list item is 'part' or 'part: rest', where the part is one word:
      /// anything else ('x0 y0' without a comma, 'x0: x: y', an empty part)
      /// is refused instead of being read in part.
      void
      check_item(const std::string              &item,
                 const std::vector<std::string> &parts,
                 const std::string              &parameter)
      {
        const std::string where =
            "parameter 'Boundary conditions/" + parameter + "': '" + item + "'";
        if (parts.empty() || parts.size() > 2 || item.front() == ':' || item.back() == ':')
          throw std::invalid_argument(where + " is not of the form 'part' or 'part: components'");
        if (split(parts[0], ' ').size() != 1)
          throw std::invalid_argument(where + " names more than one boundary part; separate "
                                              "parts by commas");
        if (parts.size() == 2 && split(parts[1], ' ').empty())
          throw std::invalid_argument(where + " gives no component after ':'");
      }

      /// The normal axis (0, 1, 2) of the symmetry-plane item @p item (split
      /// at ':' into @p parts): given as 'part: x|y|z', or implied by the
      /// names x0, y0, z0 and axis.
      unsigned int
      symmetry_plane_normal(const std::string              &item,
                            const std::vector<std::string> &parts,
                            const unsigned int              dim)
      {
        check_item(item, parts, "Symmetry planes");
        if (parts.size() == 2 && split(parts[1], ' ').size() != 1)
          throw std::invalid_argument("parameter 'Boundary conditions/Symmetry planes': '" + item +
                                      "' names more than one normal; a symmetry "
                                      "plane has one (x, y or z)");
        unsigned int component;
        if (parts.size() == 2)
          component = axis(parts[1], "Boundary conditions/Symmetry planes");
        else if (parts[0] == "x0" || parts[0] == "axis")
          component = 0;
        else if (parts[0] == "y0")
          component = 1;
        else if (parts[0] == "z0")
          component = 2;
        else
          throw std::invalid_argument("parameter 'Boundary conditions/Symmetry planes': give "
                                      "the normal of '" +
                                      parts[0] + "' as '" + parts[0] + ": x|y|z'");
        if (component >= dim)
          throw std::invalid_argument("parameter 'Boundary conditions/Symmetry planes': '" + item +
                                      "' has no normal in a " + std::to_string(dim) + "D problem");
        return component;
      }
    } // namespace

    void
    BoundaryConditions::parse_parameters(dealii::ParameterHandler &prm, const geometry::Geometry &g)
    {
      prm.enter_subsection("Boundary conditions");
      const std::string symmetry = prm.get("Symmetry planes");
      const std::string fixed    = prm.get("Fixed displacement");
      const std::string pressure = prm.get("Pressure");
      const std::string flux     = prm.get("Lithium flux boundaries");
      prm.leave_subsection();

      const unsigned int dim = g.dimension();
      displacement_constraints.clear();
      pressures.clear();
      lithium_flux_boundaries.clear();
      lithium_flux_through_interface = false;
      named_ids.clear();

      auto resolve = [&](const std::string &name, const std::string &parameter) {
        const auto id = g.boundary_id(name, "Boundary conditions/" + parameter);
        named_ids.emplace_back(id, "Boundary conditions/" + parameter);
        return id;
      };

      for (const auto &item : split(symmetry, ','))
        {
          const auto             parts     = split(item, ':');
          const std::string      p         = "Symmetry planes";
          const unsigned int     component = symmetry_plane_normal(item, parts, dim);
          DisplacementConstraint dc{resolve(parts[0], p), std::vector<bool>(dim, false)};
          dc.components[component] = true;
          displacement_constraints.push_back(dc);
        }

      for (const auto &item : split(fixed, ','))
        {
          const auto parts = split(item, ':');
          check_item(item, parts, "Fixed displacement");
          DisplacementConstraint dc{resolve(parts[0], "Fixed displacement"),
                                    std::vector<bool>(dim, parts.size() == 1)};
          if (parts.size() == 2)
            for (const auto &w : split(parts[1], ' '))
              {
                const unsigned int c = axis(w, "Boundary conditions/Fixed displacement");
                if (c >= dim)
                  throw std::invalid_argument("parameter 'Boundary conditions/Fixed "
                                              "displacement': component '" +
                                              w + "' does not exist in 2D");
                if (dc.components[c])
                  throw std::invalid_argument("parameter 'Boundary conditions/Fixed "
                                              "displacement': '" +
                                              item + "' names component '" + w + "' twice");
                dc.components[c] = true;
              }
          displacement_constraints.push_back(dc);
        }

      for (const auto &item : split(pressure, ','))
        {
          const auto parts = split(item, ':');
          check_item(item, parts, "Pressure");
          if (parts.size() != 2)
            throw std::invalid_argument("parameter 'Boundary conditions/Pressure': '" + item +
                                        "' is not of the form 'part: value'");
          double value = 0.;
          if (!text::parse_number(parts[1], value))
            throw std::invalid_argument("parameter 'Boundary conditions/Pressure': cannot read '" +
                                        parts[1] + "' as a pressure in Pa");
          pressures.emplace_back(resolve(parts[0], "Pressure"), value);
        }

      for (const auto &item : split(flux, ','))
        {
          check_item(item, split(item, ':'), "Lithium flux boundaries");
          if (split(item, ':').size() != 1)
            throw std::invalid_argument("parameter 'Boundary conditions/Lithium flux "
                                        "boundaries': '" +
                                        item +
                                        "' is not a boundary part "
                                        "(give names only, comma-separated)");
          if (item == "interface")
            lithium_flux_through_interface = true;
          else
            lithium_flux_boundaries.insert(resolve(item, "Lithium flux boundaries"));
        }
    }
  } // namespace physics
} // namespace siswell
