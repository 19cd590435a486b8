// RunParameters of a parameter text (every entry declared, then the text
// parsed over the defaults), for the unit tests of parameters.
#pragma once

#include <siswell/simulation/run_parameters.h>

#include <deal.II/base/parameter_handler.h>

#include <string>

namespace siswell
{
  namespace testing
  {
    inline RunParameters
    run_parameters_from_text(const std::string &text)
    {
      dealii::ParameterHandler prm;
      RunParameters::declare_parameters(prm, text);
      prm.parse_input_from_string(text);
      RunParameters p;
      p.parse(prm);
      return p;
    }
  } // namespace testing
} // namespace siswell
