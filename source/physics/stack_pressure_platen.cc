#include <siswell/physics/stack_pressure_platen.h>

#include <stdexcept>

namespace siswell
{
  namespace physics
  {
    void
    StackPressurePlaten::declare_parameters(dealii::ParameterHandler &prm)
    {
      prm.enter_subsection("Stack pressure");
      prm.declare_entry("Platen boundary",
                        "",
                        dealii::Patterns::Anything(),
                        "Boundary part (name or Gmsh tag) held by a rigid platen; it must be flat "
                        "and perpendicular to an axis. Empty: no platen.");
      prm.declare_entry("Control",
                        "pressure",
                        dealii::Patterns::Selection("pressure|displacement|spring"),
                        "pressure: the stack pressure follows the load program ('press to P in "
                        "t', 'release to P in t' in Cycling/Stages); displacement: the platen "
                        "displacement is prescribed ('move platen to w in t'; fixed gap "
                        "otherwise) and the stack pressure is computed; spring: stack pressure = "
                        "preload + stiffness × platen displacement / platen area.");
      prm.declare_entry("Initial stack pressure",
                        "0",
                        dealii::Patterns::Double(),
                        "Stack pressure at t = 0 for Control = pressure (Pa, compressive "
                        "positive).");
      prm.declare_entry("Spring preload",
                        "0",
                        dealii::Patterns::Double(),
                        "Stack pressure of the spring fixture at zero platen displacement (Pa).");
      prm.declare_entry("Spring stiffness",
                        "0",
                        dealii::Patterns::Double(0.),
                        "Stiffness of the spring fixture (N/m; N/m per metre of depth in plane "
                        "strain), ≥ 0.");
      prm.leave_subsection();
    }



    void
    StackPressurePlaten::parse_parameters(dealii::ParameterHandler &prm, const geometry::Geometry &g)
    {
      prm.enter_subsection("Stack pressure");
      boundary_name          = prm.get("Platen boundary");
      const std::string mode = prm.get("Control");
      initial_pressure       = prm.get_double("Initial stack pressure");
      spring_preload         = prm.get_double("Spring preload");
      spring_stiffness       = prm.get_double("Spring stiffness");
      prm.leave_subsection();
      control = mode == "displacement" ? Control::displacement :
                mode == "spring"       ? Control::spring :
                                         Control::pressure;
      const auto b = boundary_name.find_first_not_of(" \t");
      boundary_name = b == std::string::npos ? "" : boundary_name.substr(b, boundary_name.find_last_not_of(" \t") - b + 1);
      if (enabled())
        boundary_id = g.boundary_id(boundary_name, "Stack pressure/Platen boundary");
      if (!(spring_stiffness >= 0.))
        throw std::invalid_argument("parameter 'Stack pressure/Spring stiffness' must not be "
                                    "negative");
    }
  } // namespace physics
} // namespace siswell
