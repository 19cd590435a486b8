#include <siswell/base/text.h>
#include <siswell/materials/material_registry.h>
#include <siswell/simulation/material_list.h>

#include <deal.II/base/exceptions.h>

#include <stdexcept>

namespace siswell
{
  namespace
  {
    const std::string list_parameter = "parameter 'Materials/List'";

    /// The subsections of the fixed layout, which a listed name must not reuse.
    const std::set<std::string> fixed_subsections{
        "Active material", "Second active material", "Electrolyte", "Collector"};

    std::string
    known_laws()
    {
      std::string known;
      for (const auto &law : materials::MaterialLaws::all())
        known += (known.empty() ? "'" : ", '") + law.name + "'";
      return known;
    }
  } // namespace

  std::vector<MaterialList::Item>
  MaterialList::parse_list(const std::string &text)
  {
    std::vector<Item>                    items;
    std::set<dealii::types::material_id> seen;
    for (const auto &entry : text::split(text, ';', list_parameter))
      {
        const auto colon = entry.find(':');
        if (colon == std::string::npos)
          throw std::invalid_argument(
              list_parameter + ": '" + entry +
              "' is not of the form 'name: id, id' (materials are separated by ';')");
        Item item;
        item.name = text::trim(entry.substr(0, colon));
        if (item.name.empty() || item.name.find_first_of(":;,/") != std::string::npos)
          throw std::invalid_argument(list_parameter + ": '" + entry +
                                      "' needs a name without ':', ';', ',' or '/' before the ':'");
        if (fixed_subsections.count(item.name))
          throw std::invalid_argument(
              list_parameter + ": '" + item.name +
              "' is a subsection of the fixed layout; give the material another name");
        for (const auto &other : items)
          if (other.name == item.name)
            throw std::invalid_argument(list_parameter + ": the material '" + item.name +
                                        "' is listed twice");
        for (const auto &id_text :
             text::split(entry.substr(colon + 1), ',', list_parameter + " ('" + item.name + "')"))
          {
            const auto id = static_cast<dealii::types::material_id>(
                text::to_integer(id_text, list_parameter + " ('" + item.name + "')", 0, 254));
            if (item.ids.count(id))
              throw std::invalid_argument(list_parameter + ": material id " + std::to_string(id) +
                                          " is given twice to '" + item.name + "'");
            if (!seen.insert(id).second)
              throw std::invalid_argument(list_parameter + ": material id " + std::to_string(id) +
                                          " is given to more than one material");
            item.ids.insert(id);
          }
        if (item.ids.empty())
          throw std::invalid_argument(list_parameter + ": the material '" + item.name +
                                      "' has no material id");
        items.push_back(item);
      }
    return items;
  }

  std::vector<std::pair<std::string, std::string>>
  MaterialList::names_and_laws(const std::string &input)
  {
    std::vector<std::pair<std::string, std::string>> result;
    if (input.find("List") == std::string::npos)
      return result;
    try
      {
        // first the list, then each listed material's 'Law'; everything else
        // is skipped here
        dealii::ParameterHandler first;
        first.enter_subsection("Materials");
        first.declare_entry("List", "", dealii::Patterns::Anything());
        first.leave_subsection();
        first.parse_input_from_string(input, "", true);
        first.enter_subsection("Materials");
        const auto items = parse_list(first.get("List"));
        first.leave_subsection();

        dealii::ParameterHandler second;
        second.enter_subsection("Materials");
        for (const auto &item : items)
          {
            second.enter_subsection(item.name);
            second.declare_entry("Law", "", dealii::Patterns::Anything());
            second.leave_subsection();
          }
        second.leave_subsection();
        second.parse_input_from_string(input, "", true);
        second.enter_subsection("Materials");
        for (const auto &item : items)
          {
            second.enter_subsection(item.name);
            result.emplace_back(item.name, text::trim(second.get("Law")));
            second.leave_subsection();
          }
        second.leave_subsection();
      }
    catch (const dealii::ExceptionBase &)
      {
        // a file deal.II cannot read: the strict parse that follows says where
        result.clear();
      }
    // a list that can be read but is wrong (std::invalid_argument naming
    // 'Materials/List') goes to the caller: without it the subsections would
    // be undeclared and the message about them would hide the cause
    return result;
  }

  void
  MaterialList::declare(dealii::ParameterHandler                               &prm,
                        const std::vector<std::pair<std::string, std::string>> &list)
  {
    prm.enter_subsection("Materials");
    for (const auto &[name, law] : list)
      {
        const std::string parameter = "parameter 'Materials/" + name + "/Law'";
        if (law.empty())
          throw std::invalid_argument(
              parameter + " is not set: choose the material law (known: " + known_laws() + ")");
        const materials::MaterialLaws::Info *info = nullptr;
        try
          {
            info = &materials::MaterialLaws::get(law);
          }
        catch (const std::invalid_argument &e)
          {
            throw std::invalid_argument(parameter + ": " + e.what());
          }
        prm.enter_subsection(name);
        prm.declare_entry("Law",
                          "",
                          dealii::Patterns::Anything(),
                          "The material law of '" + name + "', by name (known: " + known_laws() +
                              "); the entries below are that law's.");
        info->declare_parameters(prm);
        prm.leave_subsection();
      }
    prm.leave_subsection();
  }

  std::vector<std::pair<std::string, std::string>>
  MaterialList::declared(dealii::ParameterHandler &prm)
  {
    std::vector<std::pair<std::string, std::string>> result;
    prm.enter_subsection("Materials");
    std::vector<Item> items;
    try
      {
        items = parse_list(prm.get("List"));
      }
    catch (const std::invalid_argument &)
      {
        prm.leave_subsection();
        return result; // parse() reports it
      }
    for (const auto &item : items)
      {
        prm.enter_subsection(item.name);
        try
          {
            result.emplace_back(item.name, text::trim(prm.get("Law")));
          }
        catch (const dealii::ExceptionBase &)
          {
            // not declared: parse() says so
          }
        prm.leave_subsection();
      }
    prm.leave_subsection();
    return result;
  }

  std::vector<MaterialEntry>
  MaterialList::parse(dealii::ParameterHandler &prm)
  {
    prm.enter_subsection("Materials");
    const auto items = parse_list(prm.get("List"));
    prm.leave_subsection();
    std::vector<MaterialEntry> entries;
    for (const auto &item : items)
      {
        const std::string path = "Materials/" + item.name;
        prm.enter_subsection("Materials");
        prm.enter_subsection(item.name);
        std::string law;
        try
          {
            law = text::trim(prm.get("Law"));
          }
        catch (const dealii::ExceptionBase &)
          {
            prm.leave_subsection();
            prm.leave_subsection();
            throw std::invalid_argument("subsection '" + path +
                                        "' is not declared: read the parameter file with "
                                        "RunParameters::declare_parameters(prm, text of the file)");
          }
        try
          {
            if (law.empty())
              throw std::invalid_argument(
                  "'Law' is not set: choose the material law (known: " + known_laws() + ")");
            entries.push_back({item.name, item.ids, materials::MaterialLaws::get(law).create(prm)});
          }
        catch (const std::invalid_argument &e)
          {
            prm.leave_subsection();
            prm.leave_subsection();
            throw std::invalid_argument("subsection '" + path + "': " + e.what());
          }
        prm.leave_subsection();
        prm.leave_subsection();
      }
    return entries;
  }
} // namespace siswell
