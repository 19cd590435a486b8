#pragma once

#include <siswell/materials/material.h>

#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/types.h>

#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace siswell
{
  /// One material of a run: its name, the material ids of its cells and its
  /// law with its parameters.
  struct MaterialEntry
  {
    std::string                                name;
    std::set<dealii::types::material_id>       ids;
    std::shared_ptr<const materials::Material> law;
  };

  /**
   * The materials of a run listed by name ('Materials/List'), each with its
   * material ids and a subsection 'Materials/<name>' that chooses its law
   * ('Law', any registered materials::MaterialLaws entry) and holds that
   * law's entries:
   *
   *     subsection Materials
   *       set List = silicon: 0; SiOx: 3; electrolyte: 1; copper: 2
   *       subsection silicon
   *         set Law = LixSi
   *         set Initial state of charge = 0.05
   *       end
   *       ...
   *
   * The subsections depend on the list, so they are declared from the text
   * of the parameter file before it is parsed (RunParameters::
   * declare_parameters(prm, input)). An empty list (the default) keeps the
   * four fixed subsections of earlier files ('Active material', 'Second
   * active material', 'Electrolyte', 'Collector' with their id entries).
   */
  class MaterialList
  {
  public:
    /// A name and its ids as 'List' gives them.
    struct Item
    {
      std::string                          name;
      std::set<dealii::types::material_id> ids;
    };

    /// Parse the text of 'Materials/List' ("name: id, id; name: id"):
    /// names unique, not one of the four fixed subsections, without
    /// ':', ';', ',' or '/'; ids 0..254, each once. Throws
    /// std::invalid_argument naming the parameter and the item.
    static std::vector<Item>
    parse_list(const std::string &text);

    /// The names and laws a parameter text lists (a pre-read: empty if it
    /// lists none or if deal.II cannot read the text, which the strict parse
    /// that follows reports). Throws std::invalid_argument naming
    /// 'Materials/List' if the list is wrong.
    static std::vector<std::pair<std::string, std::string>>
    names_and_laws(const std::string &input);

    /**
     * Declare 'Materials/<name>' for each (name, law): the entry 'Law' and
     * the entries of that law. Throws std::invalid_argument naming
     * 'Materials/<name>/Law' if the law is not set or not registered.
     */
    static void
    declare(dealii::ParameterHandler                               &prm,
            const std::vector<std::pair<std::string, std::string>> &names_and_laws);

    /// The names and laws of the materials declared in @p prm (as declare()
    /// takes them), read from its 'Materials/List' and 'Law' entries.
    static std::vector<std::pair<std::string, std::string>>
    declared(dealii::ParameterHandler &prm);

    /// Read the listed materials and their laws from @p prm (inside no
    /// subsection). Throws std::invalid_argument naming the parameter.
    static std::vector<MaterialEntry>
    parse(dealii::ParameterHandler &prm);
  };
} // namespace siswell
