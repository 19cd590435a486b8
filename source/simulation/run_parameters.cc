#include <siswell/materials/material_presets.h>
#include <siswell/simulation/run_parameters.h>

#include <deal.II/base/utilities.h>

#include <sstream>
#include <stdexcept>

namespace siswell
{
  using dealii::ParameterHandler;
  namespace Patterns = dealii::Patterns;

  void
  RunParameters::declare_parameters(ParameterHandler &prm)
  {
    geometry::Geometry::declare_parameters(prm);

    prm.enter_subsection("Discretisation");
    prm.declare_entry("Displacement degree",
                      "2",
                      Patterns::Integer(1, 4),
                      "Polynomial degree of the displacement; concentration and chemical "
                      "potential are linear.");
    prm.leave_subsection();

    prm.enter_subsection("Materials");
    prm.declare_entry("Active material ids",
                      "0",
                      Patterns::Anything(),
                      "Material ids (comma-separated) of lithium-silicon.");
    prm.declare_entry("Electrolyte material ids",
                      "",
                      Patterns::Anything(),
                      "Material ids of the solid electrolyte (built-in shell: 1).");
    prm.declare_entry("Collector material ids",
                      "",
                      Patterns::Anything(),
                      "Material ids of the current collector or substrate (built-in film: 2).");
    prm.declare_entry("Second active material ids",
                      "",
                      Patterns::Anything(),
                      "Material ids of a second lithium-carrying material with its own "
                      "properties and initial state of charge (subsection 'Second active "
                      "material'), e.g. SiOx particles beside a-Si, or a pre-lithiated part.");
    prm.enter_subsection("Active material");
    materials::ActiveMaterial::declare_parameters(prm);
    prm.leave_subsection();
    prm.enter_subsection("Second active material");
    materials::ActiveMaterial::declare_parameters(prm);
    prm.leave_subsection();
    prm.enter_subsection("Electrolyte");
    materials::InertMaterial::declare_parameters(prm, 25e9, 0.3);
    prm.leave_subsection();
    prm.enter_subsection("Collector");
    materials::InertMaterial::declare_parameters(prm, 120e9, 0.34);
    prm.leave_subsection();
    prm.leave_subsection();

    physics::BoundaryConditions::declare_parameters(prm);
    physics::CyclingProtocol::declare_parameters(prm);
    physics::StackPressurePlaten::declare_parameters(prm);
    solvers::TimeStepControl::declare_parameters(prm);
    solvers::NewtonParameters::declare_parameters(prm);
    solvers::LinearSolverParameters::declare_parameters(prm);

    prm.enter_subsection("Output");
    prm.declare_entry("Directory",
                      "siswell-output",
                      Patterns::Anything(),
                      "Folder for the ParaView series, history.csv and parameters.prm.");
    prm.declare_entry("Interval",
                      "1",
                      Patterns::Integer(1),
                      "Write fields every this many steps (and always the last one).");
    prm.declare_entry("Write fields",
                      "true",
                      Patterns::Bool(),
                      "Write the ParaView series (history.csv is always written).");
    prm.leave_subsection();
  }



  namespace
  {
    std::set<dealii::types::material_id>
    parse_ids(const std::string &text, const std::string &parameter)
    {
      std::set<dealii::types::material_id> ids;
      std::stringstream                    ss(text);
      std::string                          item;
      while (std::getline(ss, item, ','))
        {
          if (item.find_first_not_of(" \t") == std::string::npos)
            continue;
          std::size_t pos = 0;
          int         id  = -1;
          try
            {
              id = std::stoi(item, &pos);
            }
          catch (...)
            {
              pos = 0;
            }
          if (pos == 0 || item.find_first_not_of(" \t", pos) != std::string::npos || id < 0 ||
              id > 254)
            throw std::invalid_argument("parameter 'Materials/" + parameter + "': '" + item +
                                        "' is not a material id (0..254)");
          ids.insert(static_cast<dealii::types::material_id>(id));
        }
      return ids;
    }
  } // namespace



  void
  RunParameters::parse(ParameterHandler &prm)
  {
    // presets fill the material entries that the input does not set; what
    // the input sets against a preset is reported (notes), the more so
    // where it is the declared default, as in a --print-parameters file
    notes.clear();
    ParameterHandler defaults;
    declare_parameters(defaults);
    for (const char *material : {"Active material", "Second active material", "Electrolyte", "Collector"})
      for (const auto &o : materials::apply_preset(prm, {"Materials", material}))
        {
          std::vector<std::string> parts = dealii::Utilities::split_string_list(o.entry, '/');
          for (std::size_t i = 0; i + 1 < parts.size(); ++i)
            defaults.enter_subsection(parts[i]);
          const bool is_default = defaults.get(parts.back()) == o.value;
          for (std::size_t i = 0; i + 1 < parts.size(); ++i)
            defaults.leave_subsection();
          notes.push_back("'" + o.entry + "' = " + o.value + " is set in the parameter file and "
                          "overrides preset '" + o.preset + "' (" + o.preset_value + ")" +
                          (is_default ? "; it is the default value, as in a file written by "
                                        "--print-parameters: delete the line to use the preset" :
                                        ""));
        }

    geometry.parse_parameters(prm);

    prm.enter_subsection("Discretisation");
    displacement_degree = prm.get_integer("Displacement degree");
    prm.leave_subsection();

    prm.enter_subsection("Materials");
    active_ids      = parse_ids(prm.get("Active material ids"), "Active material ids");
    electrolyte_ids = parse_ids(prm.get("Electrolyte material ids"), "Electrolyte material ids");
    collector_ids   = parse_ids(prm.get("Collector material ids"), "Collector material ids");
    second_active_ids =
      parse_ids(prm.get("Second active material ids"), "Second active material ids");
    prm.enter_subsection("Active material");
    active_material.parse_parameters(prm);
    prm.leave_subsection();
    prm.enter_subsection("Second active material");
    try
      {
        second_active_material.parse_parameters(prm);
      }
    catch (const std::invalid_argument &e)
      {
        throw std::invalid_argument(std::string("subsection 'Materials/Second active material': ") +
                                    e.what());
      }
    prm.leave_subsection();
    prm.enter_subsection("Electrolyte");
    electrolyte.parse_parameters(prm);
    prm.leave_subsection();
    prm.enter_subsection("Collector");
    collector.parse_parameters(prm);
    prm.leave_subsection();
    prm.leave_subsection();
    for (const auto id : active_ids)
      if (electrolyte_ids.count(id) || collector_ids.count(id))
        throw std::invalid_argument("material id " + std::to_string(id) +
                                    " is listed under more than one of 'Materials/Active "
                                    "material ids', 'Electrolyte material ids', 'Collector "
                                    "material ids'");
    for (const auto id : second_active_ids)
      if (active_ids.count(id) || electrolyte_ids.count(id) || collector_ids.count(id))
        throw std::invalid_argument("material id " + std::to_string(id) +
                                    " of 'Materials/Second active material ids' is listed under "
                                    "another material too");
    for (const auto id : electrolyte_ids)
      if (collector_ids.count(id))
        throw std::invalid_argument("material id " + std::to_string(id) +
                                    " is listed as electrolyte and as collector");
    if (active_ids.empty())
      throw std::invalid_argument("parameter 'Materials/Active material ids' is empty: "
                                  "siswell needs an active material");

    boundary_conditions.parse_parameters(prm, geometry);
    cycling.parse_parameters(prm);
    platen.parse_parameters(prm, geometry);
    for (const auto &stage : cycling.stages)
      {
        using Kind = physics::CyclingStage::Kind;
        using Control = physics::StackPressurePlaten::Control;
        if (stage.kind == Kind::ramp_pressure &&
            !(platen.enabled() && platen.control == Control::pressure))
          throw std::invalid_argument("parameter 'Cycling/Stages': the stage '" + stage.label +
                                      "' needs a pressure-controlled platen ('Stack "
                                      "pressure/Platen boundary' and 'Control = pressure')");
        if (stage.kind == Kind::move_platen &&
            !(platen.enabled() && platen.control == Control::displacement))
          throw std::invalid_argument("parameter 'Cycling/Stages': the stage '" + stage.label +
                                      "' needs a displacement-controlled platen ('Stack "
                                      "pressure/Platen boundary' and 'Control = displacement')");
      }
    if (platen.enabled())
      boundary_conditions.named_ids.emplace_back(platen.boundary_id, "Stack pressure/Platen boundary");
    time_stepping.parse_parameters(prm);
    newton.parse_parameters(prm);
    linear_solver.parse_parameters(prm);

    prm.enter_subsection("Output");
    output_directory = prm.get("Directory");
    output_interval  = prm.get_integer("Interval");
    write_fields     = prm.get_bool("Write fields");
    prm.leave_subsection();
    if (output_directory.empty())
      throw std::invalid_argument("parameter 'Output/Directory' is empty");
  }
} // namespace siswell
