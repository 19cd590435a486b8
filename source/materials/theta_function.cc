#include <siswell/base/text.h>
#include <siswell/materials/theta_function.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace siswell
{
  namespace materials
  {
    ThetaFunction::ThetaFunction(const double value)
      : table{{0., value}}
    {}



    namespace
    {
      using text::trim;

      double
      to_number(const std::string &s, const std::string &whole)
      {
        double v = 0.;
        if (!text::parse_number(s, v))
          throw std::invalid_argument("cannot read '" + trim(s) + "' as a number in '" +
                                      whole +
                                      "' (expected a number, or pairs 'theta:value' "
                                      "separated by commas)");
        return v;
      }
    } // namespace



    ThetaFunction
    ThetaFunction::parse(const std::string &text)
    {
      ThetaFunction f;
      f.table.clear();
      if (text.find(':') == std::string::npos)
        {
          f.table.emplace_back(0., to_number(text, text));
          return f;
        }
      std::stringstream ss(text);
      std::string       item;
      while (std::getline(ss, item, ','))
        {
          const auto colon = item.find(':');
          if (colon == std::string::npos)
            throw std::invalid_argument("entry '" + trim(item) + "' of '" + text +
                                        "' is not of the form 'theta:value'");
          const double theta = to_number(item.substr(0, colon), text);
          const double value = to_number(item.substr(colon + 1), text);
          if (!f.table.empty() && theta <= f.table.back().first)
            throw std::invalid_argument("state-of-charge points in '" + text +
                                        "' must increase strictly");
          f.table.emplace_back(theta, value);
        }
      if (f.table.empty())
        throw std::invalid_argument("empty table '" + text + "'");
      return f;
    }



    std::size_t
    ThetaFunction::interval(const double theta) const
    {
      // index k such that table[k].first <= theta < table[k+1].first
      const auto it = std::upper_bound(table.begin(),
                                       table.end(),
                                       theta,
                                       [](const double t, const auto &p) { return t < p.first; });
      return static_cast<std::size_t>(it - table.begin()) - 1;
    }



    double
    ThetaFunction::value(const double theta) const
    {
      if (table.size() == 1 || theta <= table.front().first)
        return table.front().second;
      if (theta >= table.back().first)
        return table.back().second;
      const std::size_t k  = interval(theta);
      const auto &      a  = table[k];
      const auto &      b  = table[k + 1];
      const double      xi = (theta - a.first) / (b.first - a.first);
      return (1 - xi) * a.second + xi * b.second;
    }



    double
    ThetaFunction::derivative(const double theta) const
    {
      if (table.size() == 1 || theta < table.front().first || theta >= table.back().first)
        return 0.;
      const std::size_t k = interval(theta);
      const auto &      a = table[k];
      const auto &      b = table[k + 1];
      return (b.second - a.second) / (b.first - a.first);
    }



    namespace
    {
      bool
      by_value(const std::pair<double, double> &a, const std::pair<double, double> &b)
      {
        return a.second < b.second;
      }
    } // namespace



    double
    ThetaFunction::min_value() const
    {
      // piecewise linear: the extremes lie at table points
      return std::min_element(table.begin(), table.end(), by_value)->second;
    }



    double
    ThetaFunction::max_value() const
    {
      return std::max_element(table.begin(), table.end(), by_value)->second;
    }



    std::string
    ThetaFunction::to_string() const
    {
      std::ostringstream os;
      os.precision(10);
      if (table.size() == 1)
        {
          os << table.front().second;
          return os.str();
        }
      for (std::size_t k = 0; k < table.size(); ++k)
        os << (k ? ", " : "") << table[k].first << ':' << table[k].second;
      return os.str();
    }
  } // namespace materials
} // namespace siswell
