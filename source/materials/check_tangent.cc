#include <siswell/materials/check_tangent.h>
#include <siswell/materials/lithium_carrier.h>

#include <cmath>
#include <iomanip>

namespace siswell
{
  namespace materials
  {
    using dealii::Tensor;

    namespace
    {
      double
      magnitude(const double x)
      {
        return std::abs(x);
      }
      template <typename T>
      double
      magnitude(const T &t)
      {
        return t.norm();
      }

      template <typename T>
      double
      relative(const T &approx, const T &exact)
      {
        const double e = magnitude(approx - exact);
        const double n = magnitude(exact);
        return n > 0. ? e / n : e;
      }

      // ∂f/∂F by central differences, entry by entry of F
      Tensor<2, 3>
      embed(const double df, const Tensor<2, 3> &E)
      {
        return df * E;
      }
      Tensor<4, 3>
      embed(const Tensor<2, 3> &df, const Tensor<2, 3> &E)
      {
        return dealii::outer_product(df, E);
      }
      template <typename Fn>
      auto
      derivative_in_F(const Fn &f, const Tensor<2, 3> &F, const double h)
      {
        decltype(embed(f(F), F)) D;
        for (unsigned int k = 0; k < 3; ++k)
          for (unsigned int L = 0; L < 3; ++L)
            {
              Tensor<2, 3> E;
              E[k][L] = 1.;
              D += embed((f(F + h * E) - f(F - h * E)) / (2. * h), E);
            }
        return D;
      }
      template <typename Fn>
      auto
      derivative_in_c(const Fn &f, const double c, const double h)
      {
        return (f(c + h) - f(c - h)) / (2. * h);
      }
    } // namespace

    bool
    TangentCheck::passed() const
    {
      if (!valid)
        return false;
      for (const auto &e : entries)
        if (!(e.relative_error <= e.tolerance))
          return false;
      return true;
    }

    void
    TangentCheck::print(std::ostream &out) const
    {
      if (!valid)
        {
          out << "  the law returned an invalid response at this state\n";
          return;
        }
      const auto flags     = out.flags();
      const auto precision = out.precision();
      for (const auto &e : entries)
        {
          out << "  " << std::left << std::setw(24) << e.what << std::right << std::scientific
              << std::setprecision(2) << e.relative_error
              << (e.relative_error <= e.tolerance ? "" : "  FAILED") << '\n';
        }
      out.flags(flags);
      out.precision(precision);
    }

    TangentCheck
    check_tangent(const Material &law, const Tensor<2, 3> &F, const double c)
    {
      using Response = MechanicalResponse;
      TangentCheck   check;
      const Response r = law.mechanical_response(F, c);
      check.valid      = r.valid;
      if (!r.valid)
        return check;
      const auto in_F = [&law, c](auto Response::*member) {
        return [&law, c, member](const Tensor<2, 3> &G) {
          return law.mechanical_response(G, c).*member;
        };
      };
      const auto in_c = [&law, &F](auto Response::*member) {
        return [&law, &F, member](const double x) { return law.mechanical_response(F, x).*member; };
      };
      const double h_F = 1e-6;
      auto        &e   = check.entries;
      e.push_back({"dP/dF",
                   relative(derivative_in_F(in_F(&Response::P), F, h_F), r.dP_dF),
                   TangentCheck::tolerance});
      Tensor<4, 3> transpose;
      for (unsigned int i = 0; i < 3; ++i)
        for (unsigned int j = 0; j < 3; ++j)
          for (unsigned int k = 0; k < 3; ++k)
            for (unsigned int l = 0; l < 3; ++l)
              transpose[k][l][i][j] = r.dP_dF[i][j][k][l];
      e.push_back(
          {"dP/dF major symmetry", relative(transpose, r.dP_dF), TangentCheck::symmetry_tolerance});
      e.push_back({"P = dpsi/dF",
                   relative(derivative_in_F(in_F(&Response::psi), F, h_F), r.P),
                   TangentCheck::tolerance});

      const auto *carrier = dynamic_cast<const LithiumCarrier *>(&law);
      if (!carrier)
        return check;
      const double h_c = 1e-6 * std::abs(c);
      e.push_back({"dmu_mech/dF",
                   relative(derivative_in_F(in_F(&Response::mu), F, h_F), r.dmu_dF),
                   TangentCheck::tolerance});
      e.push_back({"dP/dc",
                   relative(derivative_in_c(in_c(&Response::P), c, h_c), r.dP_dc),
                   TangentCheck::tolerance});
      e.push_back({"dmu_mech/dc",
                   relative(derivative_in_c(in_c(&Response::mu), c, h_c), r.dmu_dc),
                   TangentCheck::tolerance});
      e.push_back({"mu_mech = dpsi/dc",
                   relative(derivative_in_c(in_c(&Response::psi), c, h_c), r.mu),
                   TangentCheck::tolerance});
      e.push_back(
          {"dmu_ch/dc",
           relative(
               derivative_in_c(
                   [carrier](const double x) { return carrier->chemical_potential(x); }, c, h_c),
               carrier->chemical_potential_derivative(c)),
           TangentCheck::tolerance});
      e.push_back({"dM/dc",
                   relative(derivative_in_c(
                                [carrier](const double x) { return carrier->mobility(x); }, c, h_c),
                            carrier->mobility_derivative(c)),
                   TangentCheck::tolerance});
      return check;
    }
  } // namespace materials
} // namespace siswell
