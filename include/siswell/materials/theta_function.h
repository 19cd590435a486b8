#pragma once

#include <string>
#include <utility>
#include <vector>

namespace siswell
{
  namespace materials
  {
    /**
     * A material property as a function of the state of charge θ = c / c_max
     * (dimensionless, 0..1): constant, or piecewise linear through a table of
     * (θ, value) pairs, held constant outside the table.
     *
     * Text form, as written in a parameter file:
     *  - `"90e9"`                       constant;
     *  - `"0:90e9, 1:40e9"`             linear from 90e9 at θ = 0 to 40e9 at θ = 1;
     *  - `"0:90e9, 0.5:50e9, 1:40e9"`   tabulated, piecewise linear.
     *
     * The unit is the unit of the property the function describes.
     */
    class ThetaFunction
    {
    public:
      /// Constant function.
      explicit ThetaFunction(const double value = 0.);

      /// Parse the text form above; throws std::invalid_argument with a
      /// message that quotes @p text when it cannot be read.
      static ThetaFunction
      parse(const std::string &text);

      /// Value at state of charge @p theta.
      double
      value(const double theta) const;

      /// d value / d θ (one-sided at the table points, zero outside).
      double
      derivative(const double theta) const;

      /// Smallest value over the table (for positivity checks).
      double
      min_value() const;

      /// Largest value over the table.
      double
      max_value() const;

      /// The text form, for echoing parameters.
      std::string
      to_string() const;

    private:
      std::vector<std::pair<double, double>> table;

      std::size_t
      interval(const double theta) const;
    };
  } // namespace materials
} // namespace siswell
