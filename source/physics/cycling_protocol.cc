#include <siswell/base/text.h>
#include <siswell/physics/cycling_protocol.h>

#include <sstream>
#include <stdexcept>

namespace siswell
{
  namespace physics
  {
    void
    CyclingProtocol::declare_parameters(dealii::ParameterHandler &prm)
    {
      prm.enter_subsection("Cycling");
      prm.declare_entry("Current mode",
                        "C-rate",
                        dealii::Patterns::Selection("C-rate|current density"),
                        "How the galvanostatic current is given.");
      prm.declare_entry("C-rate",
                        "1",
                        dealii::Patterns::Double(0.),
                        "C-rate (1/h) of the active material's capacity (c_max − c_0) V F.");
      prm.declare_entry("Current density",
                        "1",
                        dealii::Patterns::Double(0.),
                        "Current density (A/m²) over the lithium-conducting boundary (reference "
                        "area), for Current mode = current density.");
      prm.declare_entry("Stages",
                        "lithiate to 0.5",
                        dealii::Patterns::Anything(),
                        "Comma-separated stages run in order: 'lithiate to θ', 'delithiate to "
                        "θ' (θ the average state of charge, -), 'rest for t' or 'hold for t' (t "
                        "in s); with a platen (subsection Stack pressure): 'press to P in t' and "
                        "'release to P in t' ramp the stack pressure to P (Pa) in t seconds, "
                        "'move platen to w in t' ramps the platen displacement to w (m). The "
                        "stages from the first (de)lithiation on form one cycle.");
      prm.declare_entry("Cycles",
                        "1",
                        dealii::Patterns::Integer(1),
                        "How many times the cycle (the stages from the first lithiation or "
                        "delithiation on) runs.");
      prm.declare_entry("Upper cut-off state of charge",
                        "0.99",
                        dealii::Patterns::Double(0., 1.),
                        "A lithiation stage ends early when the state of charge anywhere "
                        "reaches this (-).");
      prm.declare_entry("Lower cut-off state of charge",
                        "0.002",
                        dealii::Patterns::Double(0., 1.),
                        "A delithiation stage ends early when the state of charge anywhere "
                        "falls to this (-).");
      prm.leave_subsection();
    }



    void
    CyclingProtocol::parse_parameters(dealii::ParameterHandler &prm)
    {
      prm.enter_subsection("Cycling");
      current_mode    = text::to_enum<CurrentMode>(prm.get("Current mode"),
                                   {{"C-rate", CurrentMode::c_rate}, {"current density", CurrentMode::current_density}},
                                   "parameter 'Cycling/Current mode'");
      c_rate          = prm.get_double("C-rate");
      current_density = prm.get_double("Current density");
      upper_cutoff    = prm.get_double("Upper cut-off state of charge");
      lower_cutoff    = prm.get_double("Lower cut-off state of charge");
      const std::string text = prm.get("Stages");
      const unsigned int cycles_entry = prm.get_integer("Cycles");
      prm.leave_subsection();

      stages.clear();
      std::vector<CyclingStage> listed;
      std::stringstream         all(text);
      std::string               item;
      const std::string         p = "parameter 'Cycling/Stages': ";
      while (std::getline(all, item, ','))
        {
          std::stringstream        ss(item);
          std::vector<std::string> w;
          for (std::string word; ss >> word;)
            w.push_back(word);
          if (w.empty())
            continue;
          auto number = [](const std::string &word, double &value) { return text::parse_number(word, value); };
          CyclingStage stage;
          double       value = 0., duration = 0.;
          std::string  expected;
          if (w.size() == 3 && (w[0] == "lithiate" || w[0] == "delithiate") && w[1] == "to" &&
              number(w[2], value))
            {
              stage.kind = w[0] == "lithiate" ? CyclingStage::Kind::lithiate :
                                                CyclingStage::Kind::delithiate;
              if (!(value > 0. && value < 1.))
                throw std::invalid_argument(p + "the target state of charge in '" + item +
                                            "' must lie in (0, 1)");
            }
          else if (w.size() == 3 && (w[0] == "rest" || w[0] == "hold") && w[1] == "for" &&
                   number(w[2], value))
            {
              stage.kind = CyclingStage::Kind::rest;
              if (!(value > 0.))
                throw std::invalid_argument(p + "the time in '" + item + "' must be positive");
            }
          else if (w.size() == 5 && (w[0] == "press" || w[0] == "release") && w[1] == "to" &&
                   number(w[2], value) && w[3] == "in" && number(w[4], duration))
            stage.kind = CyclingStage::Kind::ramp_pressure;
          else if (w.size() == 6 && w[0] == "move" && w[1] == "platen" && w[2] == "to" &&
                   number(w[3], value) && w[4] == "in" && number(w[5], duration))
            stage.kind = CyclingStage::Kind::move_platen;
          else
            throw std::invalid_argument(p + "cannot read the stage '" + item +
                                        "' (expected 'lithiate to θ', 'delithiate to θ', 'rest "
                                        "for t', 'hold for t', 'press to P in t', 'release to P "
                                        "in t' or 'move platen to w in t')");
          if (stage.timed() && stage.kind != CyclingStage::Kind::rest)
            {
              if (!(duration > 0.))
                throw std::invalid_argument(p + "the ramp time in '" + item + "' must be positive");
              stage.duration = duration;
            }
          stage.target = value;
          std::ostringstream label;
          for (std::size_t i = 0; i < w.size(); ++i)
            label << (i ? " " : "") << w[i];
          stage.label = label.str();
          listed.push_back(stage);
        }
      cycles = cycles_entry;
      // the stages before the first (de)lithiation run once (cycle 0); the rest is the cycle
      std::size_t first = 0;
      while (first < listed.size() && listed[first].timed())
        ++first;
      for (std::size_t i = 0; i < first; ++i)
        stages.push_back(listed[i]);
      for (unsigned int c = 1; first < listed.size() && c <= cycles; ++c)
        for (std::size_t i = first; i < listed.size(); ++i)
          {
            stages.push_back(listed[i]);
            stages.back().cycle = c;
          }
      if (stages.empty())
        throw std::invalid_argument("parameter 'Cycling/Stages' is empty");
      if (current_mode == CurrentMode::c_rate && !(c_rate > 0.))
        throw std::invalid_argument("parameter 'Cycling/C-rate' must be positive");
      if (current_mode == CurrentMode::current_density && !(current_density > 0.))
        throw std::invalid_argument("parameter 'Cycling/Current density' must be positive");
    }
  } // namespace physics
} // namespace siswell
