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
                        "θ' (θ the average state of charge, -), 'rest for t' (t in s).");
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
      current_mode    = prm.get("Current mode");
      c_rate          = prm.get_double("C-rate");
      current_density = prm.get_double("Current density");
      upper_cutoff    = prm.get_double("Upper cut-off state of charge");
      lower_cutoff    = prm.get_double("Lower cut-off state of charge");
      const std::string text = prm.get("Stages");
      prm.leave_subsection();

      stages.clear();
      std::stringstream all(text);
      std::string       item;
      while (std::getline(all, item, ','))
        {
          std::stringstream words(item);
          std::string       verb, prep, extra;
          double            value = 0.;
          const bool ok = static_cast<bool>(words >> verb >> prep >> value) && !(words >> extra);
          CyclingStage stage;
          stage.target = value;
          if (ok && verb == "lithiate" && prep == "to")
            stage.kind = CyclingStage::Kind::lithiate;
          else if (ok && verb == "delithiate" && prep == "to")
            stage.kind = CyclingStage::Kind::delithiate;
          else if (ok && verb == "rest" && prep == "for")
            stage.kind = CyclingStage::Kind::rest;
          else
            throw std::invalid_argument("parameter 'Cycling/Stages': cannot read the stage '" +
                                        item +
                                        "' (expected 'lithiate to θ', 'delithiate to θ' or "
                                        "'rest for seconds')");
          if (stage.kind != CyclingStage::Kind::rest && !(value > 0. && value < 1.))
            throw std::invalid_argument("parameter 'Cycling/Stages': the target state of charge "
                                        "in '" + item + "' must lie in (0, 1)");
          if (stage.kind == CyclingStage::Kind::rest && !(value > 0.))
            throw std::invalid_argument("parameter 'Cycling/Stages': the rest time in '" + item +
                                        "' must be positive");
          std::ostringstream label;
          label << verb << ' ' << prep << ' ' << value;
          stage.label = label.str();
          stages.push_back(stage);
        }
      if (stages.empty())
        throw std::invalid_argument("parameter 'Cycling/Stages' is empty");
      if (current_mode == "C-rate" && !(c_rate > 0.))
        throw std::invalid_argument("parameter 'Cycling/C-rate' must be positive");
      if (current_mode == "current density" && !(current_density > 0.))
        throw std::invalid_argument("parameter 'Cycling/Current density' must be positive");
    }
  } // namespace physics
} // namespace siswell
