#pragma once

#include <deal.II/base/parameter_handler.h>

#include <string>
#include <utility>
#include <vector>

namespace siswell
{
  namespace materials
  {
    /**
     * A named set of parameter values for one material subsection ("Active
     * material", "Electrolyte", "Collector"). Selected with `set Preset =
     * <name>`; an entry the user sets in the .prm overrides the preset. The
     * values and their sources are in doc/materials.md.
     */
    struct MaterialPreset
    {
      std::string name;
      /// True for lithium-carrying materials (Active material), false for inert solids.
      bool active = true;
      /// (entry, value); entries of the Plasticity subsection as "Plasticity/<entry>".
      std::vector<std::pair<std::string, std::string>> values;
    };

    /// All presets.
    const std::vector<MaterialPreset> &
    material_presets();

    /// Declare the entry "Preset" in the current subsection (for active or inert materials).
    void
    declare_preset_entry(dealii::ParameterHandler &prm, const bool active);

    /**
     * After the input is parsed: give every preset entry of the material
     * subsection at @p path (e.g. {"Materials", "Active material"}) that the
     * input did not set the value of the preset named in that subsection.
     * The entries a preset may fill must be declared with has_to_be_set =
     * true, which is how ParameterHandler records whether the input set them.
     */
    /// An entry that the input sets to a value other than its preset's.
    struct PresetOverride
    {
      std::string preset;      ///< the preset's name
      std::string entry;       ///< full path, e.g. "Materials/Active material/Young's modulus"
      std::string value;       ///< the value the input sets
      std::string preset_value; ///< the value of the preset
    };

    /// Returns the entries of the input that override the preset (so that
    /// a run can say so: a file written by --print-parameters sets every
    /// entry, and a Preset edited into it would otherwise change nothing).
    std::vector<PresetOverride>
    apply_preset(dealii::ParameterHandler &prm, const std::vector<std::string> &path);
  } // namespace materials
} // namespace siswell
