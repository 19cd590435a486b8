#include <siswell/materials/material_presets.h>

#include <cstdio>
#include <set>
#include <stdexcept>

namespace siswell
{
  namespace materials
  {
    const std::vector<MaterialPreset> &
    material_presets()
    {
      // values and sources: doc/materials.md (one section per preset)
      static const std::vector<MaterialPreset> presets = {
        {"amorphous Si",
         true,
         {{"Young's modulus", "0:90e9, 1:40e9"},
          {"Poisson's ratio", "0.26"},
          {"Maximum concentration", "3.11e5"},
          {"Partial molar volume", "8.9e-6"},
          {"Diffusivity", "1e-16"},
          {"Plasticity/Flow rule", "rate independent"},
          {"Plasticity/Yield stress", "0:1.75e9, 1:0.7e9"},
          {"Plasticity/Hardening modulus", "0"}}},
        {"amorphous Si viscoplastic",
         true,
         {{"Young's modulus", "0:90e9, 1:40e9"},
          {"Poisson's ratio", "0.26"},
          {"Maximum concentration", "3.11e5"},
          {"Partial molar volume", "8.9e-6"},
          {"Diffusivity", "1e-16"},
          {"Plasticity/Flow rule", "viscoplastic"},
          {"Plasticity/Yield stress", "0.12e9"},
          {"Plasticity/Hardening modulus", "0"},
          {"Plasticity/Reference plastic strain rate", "0.6e-9"},
          {"Plasticity/Rate sensitivity exponent", "4"}}},
        {"crystalline Si",
         true,
         {{"Young's modulus", "0:163e9, 0.1:85e9, 1:40e9"},
          {"Poisson's ratio", "0.22"},
          {"Maximum concentration", "3.11e5"},
          {"Partial molar volume", "8.9e-6"},
          {"Diffusivity", "1e-16"},
          {"Plasticity/Flow rule", "rate independent"},
          {"Plasticity/Yield stress", "0:10e9, 0.1:1.645e9, 1:0.7e9"},
          {"Plasticity/Hardening modulus", "0"}}},
        {"SiOx",
         true,
         {{"Young's modulus", "0:77e9, 1:50e9"},
          {"Poisson's ratio", "0.20"},
          {"Maximum concentration", "1.85e5"},
          {"Partial molar volume", "8.6e-6"},
          {"Diffusivity", "1e-16"},
          {"Plasticity/Flow rule", "rate independent"},
          {"Plasticity/Yield stress", "0:1.75e9, 1:0.7e9"},
          {"Plasticity/Hardening modulus", "0"}}},
        {"Si/C composite",
         true,
         {{"Young's modulus", "0:45e9, 1:40e9"},
          {"Poisson's ratio", "0.25"},
          {"Maximum concentration", "1.15e5"},
          {"Partial molar volume", "7.8e-6"},
          {"Diffusivity", "1e-15"},
          {"Plasticity/Flow rule", "rate independent"},
          {"Plasticity/Yield stress", "0:1.75e9, 1:0.7e9"},
          {"Plasticity/Hardening modulus", "0"}}},
        {"sulfide electrolyte",
         false,
         {{"Young's modulus", "22e9"},
          {"Poisson's ratio", "0.30"},
          {"Plasticity/Flow rule", "rate independent"},
          {"Plasticity/Yield stress", "0.6e9"},
          {"Plasticity/Hardening modulus", "0"}}},
        {"copper",
         false,
         {{"Young's modulus", "120e9"},
          {"Poisson's ratio", "0.34"},
          {"Plasticity/Flow rule", "rate independent"},
          {"Plasticity/Yield stress", "200e6"},
          {"Plasticity/Hardening modulus", "500e6"}}}};
      return presets;
    }



    void
    declare_preset_entry(dealii::ParameterHandler &prm, const bool active)
    {
      std::string names = "none";
      for (const auto &p : material_presets())
        if (p.active == active)
          names += "|" + p.name;
      prm.declare_entry("Preset",
                        "none",
                        dealii::Patterns::Selection(names),
                        "Named parameter set for this material (sources: doc/materials.md); "
                        "entries set in this file override it. none: the defaults below.");
    }



    namespace
    {
      /// ParameterHandler's spelling of a path component: letters and digits
      /// stay, every other character becomes _xx (its hex code).
      std::string
      mangle(const std::string &s)
      {
        std::string r;
        for (const unsigned char ch : s)
          if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9'))
            r += static_cast<char>(ch);
          else
            {
              char buf[4];
              std::snprintf(buf, sizeof(buf), "_%02x", ch);
              r += buf;
            }
        return r;
      }

      std::vector<std::string>
      split_path(const std::string &entry)
      {
        std::vector<std::string> parts;
        std::size_t              start = 0, slash;
        while ((slash = entry.find('/', start)) != std::string::npos)
          {
            parts.push_back(entry.substr(start, slash - start));
            start = slash + 1;
          }
        parts.push_back(entry.substr(start));
        return parts;
      }
    } // namespace



    std::vector<PresetOverride>
    apply_preset(dealii::ParameterHandler &prm, const std::vector<std::string> &path)
    {
      std::vector<PresetOverride> overrides;
      for (const auto &p : path)
        prm.enter_subsection(p);
      const std::string name = prm.get("Preset");
      for (std::size_t i = 0; i < path.size(); ++i)
        prm.leave_subsection();
      if (name == "none")
        return overrides;

      const MaterialPreset *preset = nullptr;
      for (const auto &p : material_presets())
        if (p.name == name)
          preset = &p;
      if (!preset) // the Selection pattern has already rejected other names
        throw std::invalid_argument("unknown material preset '" + name + "'");

      const std::set<std::string> not_set = prm.get_entries_wrongly_not_set();
      for (const auto &[entry, value] : preset->values)
        {
          std::vector<std::string> full = path;
          for (const auto &part : split_path(entry))
            full.push_back(part);
          std::string key;
          for (const auto &part : full)
            key += (key.empty() ? "" : ".") + mangle(part);
          for (std::size_t i = 0; i + 1 < full.size(); ++i)
            prm.enter_subsection(full[i]);
          if (not_set.count(key))
            prm.set(full.back(), value);
          else if (prm.get(full.back()) != value) // the input sets it: it overrides the preset
            {
              std::string entry_path;
              for (const auto &part : full)
                entry_path += (entry_path.empty() ? "" : "/") + part;
              overrides.push_back({name, entry_path, prm.get(full.back()), value});
            }
          for (std::size_t i = 0; i + 1 < full.size(); ++i)
            prm.leave_subsection();
        }
      return overrides;
    }
  } // namespace materials
} // namespace siswell
