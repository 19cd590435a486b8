#include <siswell/base/text.h>
#include <siswell/materials/material_presets.h>
#include <siswell/materials/material_registry.h>
#include <siswell/physics/term_registry.h>
#include <siswell/simulation/run_parameters.h>

#include <deal.II/base/exceptions.h>
#include <deal.II/base/utilities.h>

#include <sstream>
#include <stdexcept>

namespace siswell
{
  using dealii::ParameterHandler;
  namespace Patterns = dealii::Patterns;

  namespace
  {
    /// The four material subsections of 'Materials', each with its built-in law.
    struct MaterialSubsection
    {
      const char *subsection;
      bool        carries_lithium;
      const char *built_in_law;
      double      E, nu; ///< defaults of an inert built-in law
    };
    const std::vector<MaterialSubsection> &
    material_subsections()
    {
      static const std::vector<MaterialSubsection> list{
          {"Active material", true, "LixSi", 0., 0.},
          {"Second active material", true, "LixSi", 0., 0.},
          {"Electrolyte", false, "elastic-plastic solid", 25e9, 0.3},
          {"Collector", false, "elastic-plastic solid", 120e9, 0.34}};
      return list;
    }

    /// 'Law', and a subsection for each registered law of the right kind
    /// other than the built-in one (whose entries are those of @p m itself).
    void
    declare_law(ParameterHandler &prm, const MaterialSubsection &m)
    {
      std::string help = "The material law, by name (registered laws; a driver program may add its "
                         "own). The built-in '" +
                         std::string(m.built_in_law) +
                         "' reads the entries of this subsection; any other law reads those of the "
                         "subsection named after it. Known:";
      for (const auto &law : materials::MaterialLaws::all())
        if (law.carries_lithium == m.carries_lithium)
          help += " '" + law.name + "': " + law.description + ".";
      prm.declare_entry("Law",
                        m.built_in_law,
                        Patterns::Selection(materials::MaterialLaws::names(m.carries_lithium)),
                        help);
      for (const auto &law : materials::MaterialLaws::all())
        if (law.carries_lithium == m.carries_lithium && law.name != m.built_in_law)
          {
            prm.enter_subsection(law.name);
            law.declare_parameters(prm);
            prm.leave_subsection();
          }
    }

    /// The law chosen in the current material subsection, or null for its built-in one.
    std::shared_ptr<const materials::Material>
    parse_law(ParameterHandler &prm, const MaterialSubsection &m)
    {
      const std::string name = prm.get("Law");
      if (name == m.built_in_law)
        return nullptr;
      prm.enter_subsection(name);
      try
        {
          auto law = materials::MaterialLaws::get(name).create(prm);
          prm.leave_subsection();
          return law;
        }
      catch (const std::invalid_argument &e)
        {
          throw std::invalid_argument("subsection 'Materials/" + std::string(m.subsection) + "/" +
                                      name + "': " + e.what());
        }
    }

    /// Subsection 'Terms': the lists of chosen terms, and a subsection for
    /// each registered term with its entries.
    void
    declare_terms(ParameterHandler &prm)
    {
      auto known = [](const auto &all) {
        std::string list;
        for (const auto &term : all)
          list += " '" + term.name + "': " + term.description + ".";
        return list.empty() ? std::string(" (none registered)") : list;
      };
      prm.enter_subsection("Terms");
      prm.declare_entry("Cell terms",
                        "",
                        Patterns::Anything(),
                        "Weak-form terms over the cells added to siswell's own physics, by name "
                        "(comma-separated; registered by a driver program with "
                        "SISWELL_REGISTER_CELL_TERM), each with the entries of the subsection of "
                        "its name. Known:" +
                            known(physics::CellTerms<2>::all()));
      prm.declare_entry(
          "Boundary terms",
          "",
          Patterns::Anything(),
          "Weak-form terms on boundary parts added to siswell's own physics, by name "
          "(comma-separated; SISWELL_REGISTER_BOUNDARY_TERM), each with the entries of "
          "the subsection of its name. Known:" +
              known(physics::BoundaryTerms<2>::all()));
      for (const auto &term : physics::CellTerms<2>::all())
        {
          prm.enter_subsection(term.name);
          term.declare_parameters(prm);
          prm.leave_subsection();
        }
      for (const auto &term : physics::BoundaryTerms<2>::all())
        {
          prm.enter_subsection(term.name);
          term.declare_parameters(prm);
          prm.leave_subsection();
        }
      prm.leave_subsection();
    }

    /// The terms of registry @p Registry named in 'Terms/@p entry', created
    /// for geometry @p g.
    template <class Registry, class Term>
    void
    create_terms(ParameterHandler                         &prm,
                 const std::string                        &entry,
                 const geometry::Geometry                 &g,
                 std::vector<std::shared_ptr<const Term>> &terms)
    {
      prm.enter_subsection("Terms");
      const std::string        parameter = "parameter 'Terms/" + entry + "'";
      std::vector<std::string> names;
      try
        {
          names = text::split(prm.get(entry), ',', parameter);
          for (std::size_t i = 0; i < names.size(); ++i)
            for (std::size_t j = 0; j < i; ++j)
              if (names[i] == names[j])
                throw std::invalid_argument(parameter + ": '" + names[i] + "' is chosen twice");
          for (const auto &name : names)
            {
              const typename Registry::Info *info = nullptr;
              try
                {
                  info = &Registry::get(name);
                }
              catch (const std::invalid_argument &e)
                {
                  throw std::invalid_argument(parameter + ": " + e.what());
                }
              prm.enter_subsection(name);
              try
                {
                  terms.push_back(info->create(prm, g));
                }
              catch (...)
                {
                  prm.leave_subsection();
                  throw;
                }
              prm.leave_subsection();
            }
        }
      catch (...)
        {
          prm.leave_subsection();
          throw;
        }
      prm.leave_subsection();
    }
  } // namespace

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
    prm.declare_entry("List",
                      "",
                      Patterns::Anything(),
                      "The materials by name with their material ids, 'name: id, id; name: id' "
                      "(e.g. 'silicon: 0; electrolyte: 1'); each has a subsection of its name with "
                      "its 'Law' and that law's entries. Empty: the four fixed subsections below "
                      "('Active material', 'Second active material', 'Electrolyte', 'Collector') "
                      "with the id entries.");
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
    for (const auto &m : material_subsections())
      {
        prm.enter_subsection(m.subsection);
        if (m.carries_lithium)
          materials::ActiveMaterial::declare_parameters(prm);
        else
          materials::InertMaterial::declare_parameters(prm, m.E, m.nu);
        declare_law(prm, m);
        prm.leave_subsection();
      }
    prm.leave_subsection();

    declare_terms(prm);
    physics::BoundaryConditions::declare_parameters(prm);
    physics::CyclingProtocol::declare_parameters(prm);
    physics::StackPressurePlaten::declare_parameters(prm);
    physics::ContactParameters::declare_parameters(prm);
    physics::CohesiveParameters::declare_parameters(prm);
    solvers::TimeStepControl::declare_parameters(prm);
    solvers::NewtonParameters::declare_parameters(prm);
    solvers::LinearSolverParameters::declare_parameters(prm);
    io::CheckpointParameters::declare_parameters(prm);
    physics::AdaptiveRefinement::declare_parameters(prm);

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

  void
  RunParameters::declare_parameters(ParameterHandler &prm, const std::string &input)
  {
    declare_parameters(prm);
    MaterialList::declare(prm, MaterialList::names_and_laws(input));
  }

  namespace
  {
    /// True if the subsection @p path of @p prm declares the entry 'Preset'.
    bool
    declares_preset(ParameterHandler &prm, const std::vector<std::string> &path)
    {
      for (const auto &p : path)
        prm.enter_subsection(p);
      bool declared = true;
      try
        {
          prm.get("Preset");
        }
      catch (const dealii::ExceptionBase &)
        {
          declared = false;
        }
      for (std::size_t i = 0; i < path.size(); ++i)
        prm.leave_subsection();
      return declared;
    }

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
          long id = -1;
          if (!text::parse_integer(item, id) || id < 0 || id > 254)
            throw std::invalid_argument("parameter 'Materials/" + parameter + "': '" + item +
                                        "' is not a material id (0..254)");
          ids.insert(static_cast<dealii::types::material_id>(id));
        }
      return ids;
    }
  } // namespace

  std::vector<std::string>
  RunParameters::apply_presets(ParameterHandler &prm)
  {
    // presets fill the material entries that the input does not set; what
    // the input sets against a preset is reported (notes), the more so
    // where it is the declared default, as in a --print-parameters file
    std::vector<std::string> notes;
    ParameterHandler         defaults;
    declare_parameters(defaults);
    const auto listed = MaterialList::declared(prm);
    MaterialList::declare(defaults, listed);
    // the material subsections, and the subsections of the laws that are not
    // their built-in one, where those declare a 'Preset' (as laws derived
    // from siswell's do)
    std::vector<std::vector<std::string>> preset_paths;
    for (const auto &m : material_subsections())
      {
        preset_paths.push_back({"Materials", m.subsection});
        for (const auto &law : materials::MaterialLaws::all())
          if (law.carries_lithium == m.carries_lithium && law.name != m.built_in_law)
            {
              if (declares_preset(prm, {"Materials", m.subsection, law.name}))
                preset_paths.push_back({"Materials", m.subsection, law.name});
            }
      }
    // the listed materials whose law has a 'Preset'
    for (const auto &named : listed)
      {
        if (declares_preset(prm, {"Materials", named.first}))
          preset_paths.push_back({"Materials", named.first});
      }
    for (const auto &path : preset_paths)
      for (const auto &o : materials::apply_preset(prm, path))
        {
          std::vector<std::string> parts = dealii::Utilities::split_string_list(o.entry, '/');
          for (std::size_t i = 0; i + 1 < parts.size(); ++i)
            defaults.enter_subsection(parts[i]);
          const bool is_default = defaults.get(parts.back()) == o.value;
          for (std::size_t i = 0; i + 1 < parts.size(); ++i)
            defaults.leave_subsection();
          notes.push_back("'" + o.entry + "' = " + o.value +
                          " is set in the parameter file and "
                          "overrides preset '" +
                          o.preset + "' (" + o.preset_value + ")" +
                          (is_default ? "; it is the default value, as in a file written by "
                                        "--print-parameters: delete the line to use the preset"
                                      : ""));
        }
    return notes;
  }

  void
  RunParameters::parse_materials(ParameterHandler &prm)
  {
    prm.enter_subsection("Materials");
    materials_listed_by_name = !text::trim(prm.get("List")).empty();
    // a file lists its materials by name or uses the fixed subsections' ids, not both
    std::string fixed_ids_set;
    for (const auto &[entry, default_value] :
         std::vector<std::pair<std::string, std::string>>{{"Active material ids", "0"},
                                                          {"Second active material ids", ""},
                                                          {"Electrolyte material ids", ""},
                                                          {"Collector material ids", ""}})
      if (text::trim(prm.get(entry)) != default_value)
        fixed_ids_set += (fixed_ids_set.empty() ? "'" : ", '") + entry + "'";
    prm.leave_subsection();
    material_list.clear();
    if (!materials_listed_by_name)
      {
        parse_fixed_materials(prm);
        return;
      }
    if (!fixed_ids_set.empty())
      throw std::invalid_argument("parameter 'Materials/List' lists the materials by name; then " +
                                  fixed_ids_set +
                                  " must not be set (give every material id in the list)");
    material_list = MaterialList::parse(prm);
    bool carrier  = false;
    for (const auto &m : material_list)
      carrier = carrier || m.law->is_active();
    if (!carrier)
      throw std::invalid_argument("parameter 'Materials/List': no listed material carries lithium "
                                  "(siswell needs one, e.g. 'Law = LixSi')");
  }

  void
  RunParameters::parse_terms(ParameterHandler &prm)
  {
    terms_2d = ChosenTerms<2>();
    terms_3d = ChosenTerms<3>();
    if (geometry.dimension() == 2)
      {
        create_terms<physics::CellTerms<2>>(prm, "Cell terms", geometry, terms_2d.cell);
        create_terms<physics::BoundaryTerms<2>>(prm, "Boundary terms", geometry, terms_2d.boundary);
      }
    else
      {
        create_terms<physics::CellTerms<3>>(prm, "Cell terms", geometry, terms_3d.cell);
        create_terms<physics::BoundaryTerms<3>>(prm, "Boundary terms", geometry, terms_3d.boundary);
      }
  }

  void
  RunParameters::parse_fixed_materials(ParameterHandler &prm)
  {
    prm.enter_subsection("Materials");
    active_ids      = parse_ids(prm.get("Active material ids"), "Active material ids");
    electrolyte_ids = parse_ids(prm.get("Electrolyte material ids"), "Electrolyte material ids");
    collector_ids   = parse_ids(prm.get("Collector material ids"), "Collector material ids");
    second_active_ids =
        parse_ids(prm.get("Second active material ids"), "Second active material ids");
    const auto &subsections = material_subsections();
    prm.enter_subsection("Active material");
    active_material.parse_parameters(prm);
    active_law = parse_law(prm, subsections[0]);
    prm.leave_subsection();
    prm.enter_subsection("Second active material");
    try
      {
        second_active_material.parse_parameters(prm);
        second_active_law = parse_law(prm, subsections[1]);
      }
    catch (const std::invalid_argument &e)
      {
        throw std::invalid_argument(std::string("subsection 'Materials/Second active material': ") +
                                    e.what());
      }
    prm.leave_subsection();
    prm.enter_subsection("Electrolyte");
    electrolyte.parse_parameters(prm);
    electrolyte_law = parse_law(prm, subsections[2]);
    prm.leave_subsection();
    prm.enter_subsection("Collector");
    collector.parse_parameters(prm);
    collector_law = parse_law(prm, subsections[3]);
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
    // the built-in law where 'Law' chooses no other
    const auto law = [](const std::shared_ptr<const materials::Material> &chosen,
                        auto built_in) -> std::shared_ptr<const materials::Material> {
      if (chosen)
        return chosen;
      return std::make_shared<decltype(built_in)>(built_in);
    };
    for (auto &&m : std::vector<MaterialEntry>{
             {"Active material", active_ids, law(active_law, active_material)},
             {"Second active material",
              second_active_ids,
              law(second_active_law, second_active_material)},
             {"Electrolyte", electrolyte_ids, law(electrolyte_law, electrolyte)},
             {"Collector", collector_ids, law(collector_law, collector)}})
      if (!m.ids.empty())
        material_list.push_back(std::move(m));
  }

  void
  RunParameters::parse(ParameterHandler &prm)
  {
    notes = apply_presets(prm);

    geometry.parse_parameters(prm);

    prm.enter_subsection("Discretisation");
    displacement_degree = prm.get_integer("Displacement degree");
    prm.leave_subsection();

    parse_materials(prm);

    boundary_conditions.parse_parameters(prm, geometry);
    parse_terms(prm);
    cycling.parse_parameters(prm);
    platen.parse_parameters(prm, geometry);
    contact.parse_parameters(prm);
    cohesive.parse_parameters(prm);
    for (const auto &stage : cycling.stages)
      {
        using Kind    = physics::CyclingStage::Kind;
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
      boundary_conditions.named_ids.emplace_back(platen.boundary_id,
                                                 "Stack pressure/Platen boundary");
    time_stepping.parse_parameters(prm);
    newton.parse_parameters(prm);
    linear_solver.parse_parameters(prm);
    newton.minimum_forcing = linear_solver.relative_tolerance;
    checkpoint.parse_parameters(prm);
    adaptivity.parse_parameters(prm);
    if (adaptivity.enabled() &&
        linear_solver.method == solvers::LinearSolverParameters::Method::iterative)
      throw std::invalid_argument(
          "parameter 'Adaptive refinement/Every steps' > 0 is not available with 'Linear "
          "solver/Method = iterative' yet: the multigrid of its block preconditioner does not "
          "handle the hanging nodes of an adapted mesh (the p-multigrid's first-order level, and "
          "ML's coarse solve on several ranks); use 'Method = direct'");
    if (adaptivity.enabled() && contact.mode != physics::ContactParameters::Mode::bonded)
      throw std::invalid_argument(
          "parameter 'Adaptive refinement/Every steps' > 0 is not available with 'Interface/Mode "
          "= contact' or 'cohesive' yet: the split interface needs conforming faces on both "
          "sides (set 'Every steps = 0', or refine the interface with 'Geometry/Global "
          "refinements')");

    prm.enter_subsection("Output");
    output_directory = prm.get("Directory");
    output_interval  = prm.get_integer("Interval");
    write_fields     = prm.get_bool("Write fields");
    prm.leave_subsection();
    if (output_directory.empty())
      throw std::invalid_argument("parameter 'Output/Directory' is empty");
  }
} // namespace siswell
