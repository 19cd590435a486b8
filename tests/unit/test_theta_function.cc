// Unit tests of ThetaFunction: parsing of the text forms, piecewise-linear
// values and derivatives, constant extrapolation, and error messages.
#include <siswell/materials/theta_function.h>

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

using siswell::materials::ThetaFunction;

namespace
{
  /// Parse @p text expecting std::invalid_argument; return its message.
  std::string
  parse_error(const std::string &text)
  {
    try
      {
        ThetaFunction::parse(text);
      }
    catch (const std::invalid_argument &e)
      {
        return e.what();
      }
    FAIL("parsing '" << text << "' did not throw std::invalid_argument");
    return "";
  }
} // namespace



TEST_CASE("ThetaFunction: constant", "[theta_function]")
{
  const ThetaFunction f = ThetaFunction::parse("90e9");
  for (const double theta : {-1., 0., 0.3, 1., 2.})
    {
      CAPTURE(theta);
      CHECK(f.value(theta) == 90e9);
      CHECK(f.derivative(theta) == 0.);
    }
  CHECK(f.min_value() == 90e9);

  // The default-constructed function and the explicit constructor agree.
  CHECK(ThetaFunction(3.5).value(0.7) == 3.5);
  CHECK(ThetaFunction().value(0.7) == 0.);
}



TEST_CASE("ThetaFunction: linear", "[theta_function]")
{
  const ThetaFunction f = ThetaFunction::parse("0:90e9, 1:40e9");
  CHECK(f.value(0.) == Approx(90e9).epsilon(1e-14));
  CHECK(f.value(1.) == Approx(40e9).epsilon(1e-14));
  CHECK(f.value(0.25) == Approx(77.5e9).epsilon(1e-14));
  CHECK(f.value(0.8) == Approx(50e9).epsilon(1e-14));
  for (const double theta : {0., 0.25, 0.5, 0.99})
    {
      CAPTURE(theta);
      CHECK(f.derivative(theta) == Approx(-50e9).epsilon(1e-14));
    }
  CHECK(f.min_value() == 40e9);
}



TEST_CASE("ThetaFunction: three-point table", "[theta_function]")
{
  const ThetaFunction f = ThetaFunction::parse("0:90e9, 0.5:50e9, 1:40e9");
  CHECK(f.value(0.25) == Approx(70e9).epsilon(1e-14));
  CHECK(f.value(0.5) == Approx(50e9).epsilon(1e-14));
  CHECK(f.value(0.75) == Approx(45e9).epsilon(1e-14));
  CHECK(f.derivative(0.25) == Approx(-80e9).epsilon(1e-14));
  CHECK(f.derivative(0.75) == Approx(-20e9).epsilon(1e-14));
  // At an interior node the derivative is one-sided (the right one).
  CHECK(f.derivative(0.5) == Approx(-20e9).epsilon(1e-14));
  CHECK(f.min_value() == 40e9);

  // Whitespace and number formats are tolerated.
  const ThetaFunction g = ThetaFunction::parse("  0 : 1 ,0.5:2.4,  1.0:3.9e0 ");
  CHECK(g.value(0.25) == Approx(1.7).epsilon(1e-14));
  CHECK(g.value(0.75) == Approx(3.15).epsilon(1e-14));
}



TEST_CASE("ThetaFunction: constant extrapolation outside the table", "[theta_function]")
{
  const ThetaFunction f = ThetaFunction::parse("0.2:10, 0.6:30");
  for (const double theta : {-1., 0., 0.1})
    {
      CAPTURE(theta);
      CHECK(f.value(theta) == 10.);
      CHECK(f.derivative(theta) == 0.);
    }
  for (const double theta : {0.6, 0.9, 5.})
    {
      CAPTURE(theta);
      CHECK(f.value(theta) == 30.);
      CHECK(f.derivative(theta) == 0.);
    }
  CHECK(f.value(0.4) == Approx(20.).epsilon(1e-14));
  CHECK(f.derivative(0.4) == Approx(50.).epsilon(1e-14));
}



TEST_CASE("ThetaFunction: to_string round trip", "[theta_function]")
{
  for (const std::string text : {"90e9", "0:90e9, 0.5:50e9, 1:40e9"})
    {
      CAPTURE(text);
      const ThetaFunction f = ThetaFunction::parse(text);
      const ThetaFunction g = ThetaFunction::parse(f.to_string());
      for (const double theta : {-0.1, 0., 0.3, 0.5, 0.7, 1., 1.2})
        CHECK(g.value(theta) == Approx(f.value(theta)).epsilon(1e-12));
    }
}



TEST_CASE("ThetaFunction: malformed input throws and quotes the text", "[theta_function]")
{
  using Catch::Matchers::Contains;

  // not a number
  CHECK_THAT(parse_error("abc"), Contains("'abc'"));
  CHECK_THAT(parse_error("90e9x"), Contains("90e9x"));
  CHECK_THAT(parse_error(""), Contains("''"));
  // state-of-charge points do not increase strictly
  const std::string repeated = parse_error("0:1, 0:2");
  CHECK_THAT(repeated, Contains("'0:1, 0:2'"));
  CHECK_THAT(repeated, Contains("increase"));
  CHECK_THAT(parse_error("0.5:1, 0.2:2"), Contains("'0.5:1, 0.2:2'"));
  // an entry without a colon
  const std::string no_colon = parse_error("0:1, x");
  CHECK_THAT(no_colon, Contains("'x'"));
  CHECK_THAT(no_colon, Contains("'0:1, x'"));
  // an entry whose value is not a number
  CHECK_THAT(parse_error("0:1, 1:y"), Contains("'y'"));
}
