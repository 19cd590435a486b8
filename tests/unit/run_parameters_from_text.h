// RunParameters of a parameter text (every entry declared, then the text
// parsed over the defaults), for the unit tests of parameters.
#pragma once

#include <siswell/simulation/run_parameters.h>

#include <deal.II/base/exceptions.h>
#include <deal.II/base/parameter_handler.h>

#include <stdexcept>

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

    /// The message with which the parameter text @p text is refused (by
    /// the declaration, deal.II's parse or RunParameters::parse()), or
    /// "(accepted)".
    inline std::string
    parameter_error_of(const std::string &text)
    {
      try
        {
          run_parameters_from_text(text);
        }
      catch (const std::invalid_argument &e)
        {
          return e.what();
        }
      catch (const dealii::ExceptionBase &e)
        {
          return e.what();
        }
      return "(accepted)";
    }
  } // namespace testing
} // namespace siswell
