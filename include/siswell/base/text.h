#pragma once

#include <deal.II/base/utilities.h>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace siswell
{
  /**
   * Strict parsing of the values inside parameter entries (lists of ids,
   * tables, stages): the whole text must be the value, with nothing left
   * over; every failure is a std::invalid_argument that names @p what (the
   * parameter, and the item where it helps). Lists are split with deal.II's
   * Utilities::split_string_list, which trims the items.
   */
  namespace text
  {
    /// @p s without leading and trailing white space.
    inline std::string
    trim(const std::string &s)
    {
      return dealii::Utilities::trim(s);
    }

    /// The items of @p s separated by @p separator, trimmed; empty items are
    /// refused unless @p allow_empty (a trailing separator counts as one).
    inline std::vector<std::string>
    split(const std::string &s,
          const char         separator,
          const std::string &what,
          const bool         allow_empty = false)
    {
      std::vector<std::string> items;
      if (trim(s).empty())
        return items;
      // split_string_list drops a trailing empty item; count the separators instead
      std::size_t start = 0;
      while (true)
        {
          const std::size_t end = s.find(separator, start);
          const std::string item =
              trim(s.substr(start, end == std::string::npos ? std::string::npos : end - start));
          if (item.empty() && !allow_empty)
            throw std::invalid_argument(what + ": empty item in '" + trim(s) + "'");
          items.push_back(item);
          if (end == std::string::npos)
            break;
          start = end + 1;
        }
      return items;
    }

    /// True if the whole of @p s (trimmed) is a finite number; it is then in @p value.
    inline bool
    parse_number(const std::string &s, double &value)
    {
      const std::string t   = trim(s);
      std::size_t       pos = 0;
      double            v   = 0.;
      try
        {
          v = std::stod(t, &pos);
        }
      catch (...)
        {
          return false;
        }
      if (t.empty() || pos != t.size() || !std::isfinite(v))
        return false;
      value = v;
      return true;
    }

    /// True if the whole of @p s (trimmed) is an integer; it is then in @p value.
    inline bool
    parse_integer(const std::string &s, long &value)
    {
      const std::string t   = trim(s);
      std::size_t       pos = 0;
      long              v   = 0;
      try
        {
          v = std::stol(t, &pos);
        }
      catch (...)
        {
          return false;
        }
      if (t.empty() || pos != t.size())
        return false;
      value = v;
      return true;
    }

    /// A finite floating-point number, the whole of @p s.
    inline double
    to_number(const std::string &s, const std::string &what)
    {
      double v = 0.;
      if (!parse_number(s, v))
        throw std::invalid_argument(what + ": '" + trim(s) + "' is not a number");
      return v;
    }

    /// An integer in [@p min, @p max], the whole of @p s.
    inline long
    to_integer(const std::string &s, const std::string &what, const long min, const long max)
    {
      long v = 0;
      if (!parse_integer(s, v) || v < min || v > max)
        throw std::invalid_argument(what + ": '" + trim(s) + "' is not an integer in " +
                                    std::to_string(min) + ".." + std::to_string(max));
      return v;
    }

    /// The enum value named @p s in @p names (entries of a Patterns::Selection;
    /// give Enum explicitly with a braced list: to_enum<Shape>(s, {{"a", Shape::a}}, ...)).
    template <typename Enum>
    Enum
    to_enum(const std::string                                &s,
            const std::vector<std::pair<const char *, Enum>> &names,
            const std::string                                &what)
    {
      std::string known;
      for (const auto &[name, value] : names)
        {
          if (s == name)
            return value;
          known += (known.empty() ? "" : "|") + std::string(name);
        }
      throw std::invalid_argument(what + ": '" + s + "' is not one of " + known);
    }

    /// The name of @p value in @p names.
    template <typename Enum>
    std::string
    name_of(const Enum value, const std::vector<std::pair<const char *, Enum>> &names)
    {
      for (const auto &[name, v] : names)
        if (v == value)
          return name;
      throw std::logic_error("internal: an enum value without a name");
    }
  } // namespace text
} // namespace siswell
