// Generic finite-difference (FD) helpers for the unit tests: central
// differences of scalar-, vector- or tensor-valued functions, the FD
// derivative with respect to every entry of a deformation gradient, and a
// relative-error check that records the largest error seen per quantity.
#pragma once

#include <deal.II/base/tensor.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

namespace siswell
{
  namespace testing
  {
    /// Central difference (f(x+h) - f(x-h)) / 2h, for f with values in any vector space.
    template <typename Fn>
    auto
    central_difference(const Fn &f, const double x, const double h)
    {
      return (f(x + h) - f(x - h)) / (2. * h);
    }

    // d f / d F_kL placed into the derivative tensor: df ⊗ (e_k ⊗ e_L)
    inline dealii::Tensor<2, 3>
    embed(const double df, const dealii::Tensor<2, 3> &E)
    {
      return df * E;
    }
    inline dealii::Tensor<4, 3>
    embed(const dealii::Tensor<2, 3> &df, const dealii::Tensor<2, 3> &E)
    {
      return dealii::outer_product(df, E);
    }

    /// FD derivative D of f(F) (scalar or rank-2 valued) with respect to every entry of F:
    /// D[k][L] = ∂f/∂F_kL, or D[i][J][k][L] = ∂f_iJ/∂F_kL.
    template <typename Fn>
    auto
    fd_derivative_in_F(const Fn &f, const dealii::Tensor<2, 3> &F, const double h)
    {
      decltype(embed(f(F), F)) D;
      for (unsigned int k = 0; k < 3; ++k)
        for (unsigned int L = 0; L < 3; ++L)
          {
            dealii::Tensor<2, 3> E;
            E[k][L]        = 1.;
            const auto f_t = [&](const double t) { return f(F + t * E); };
            D += embed(central_difference(f_t, 0., h), E);
          }
      return D;
    }

    inline double
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

    /// Largest relative error seen per quantity (see the hidden "[.fd_report]" test).
    inline std::map<std::string, double> max_relative_error;

    /// CHECK |approx - exact| <= tol |exact| (norms of whole tensors), and record the error.
    template <typename T>
    void
    check_relative(const std::string &what, const T &approx, const T &exact, const double tol)
    {
      const double error       = magnitude(approx - exact) / magnitude(exact);
      max_relative_error[what] = std::max(max_relative_error[what], error);
      INFO(what << ": |exact| = " << magnitude(exact) << ", relative error = " << error);
      CHECK(error <= tol);
    }

    /**
     * The remainders of a Taylor test of a Jacobian J of a residual R in a
     * direction δ at two steps h1 and h2 = h1/2, entry by entry:
     *   r_k = R(x + h_k δ) − R(x) − h_k J δ.
     * With an exact J, r_k = b h_k² + O(h³); a Jacobian error e = (J_exact − J) δ
     * adds e h_k. The largest |r_1| and |r_2| give the observed order
     * log2(|r_1|/|r_2|) (2 for an exact J, 1 where an error dominates), and
     * the Richardson combination 4 r_2 − r_1 = e h1 + O(h1³) estimates the
     * error itself, without the truncation error of a finite difference.
     */
    struct TaylorRemainders
    {
      double r1 = 0., r2 = 0.;        ///< largest |r_1|, |r_2|
      double linear = 0.;             ///< largest |h1 J δ|
      double residual = 0.;           ///< largest |R(x)|
      double richardson = 0.;         ///< largest |4 r_2 − r_1|

      void
      add(const double remainder1, const double remainder2, const double h1_J_delta, const double R)
      {
        r1         = std::max(r1, std::abs(remainder1));
        r2         = std::max(r2, std::abs(remainder2));
        linear     = std::max(linear, std::abs(h1_J_delta));
        residual   = std::max(residual, std::abs(R));
        richardson = std::max(richardson, std::abs(4. * remainder2 - remainder1));
      }

      double
      order() const
      {
        return std::log2(r1 / r2);
      }

      /// |(J_exact − J) δ| / |J δ| estimated from 4 r_2 − r_1, less its
      /// round-off (1e-14 |R|: a few ulps of R, ten times over). Where J δ = 0
      /// it is 1 if the residual responds all the same (a missing block), else 0.
      double
      relative_error(const double /*h1*/) const
      {
        const double e = std::max(0., richardson - 1e-14 * residual);
        if (linear > 0.)
          return e / linear;
        return e > 0. ? 1. : 0.;
      }
    };

    /// Relative Jacobian error allowed by check_taylor() (doc/theory.md).
    constexpr double taylor_tolerance = 1e-6;

    /**
     * The checks of a Taylor test (steps h1 = 1e-5 and h1/2 of directions
     * scaled to the unknowns' scales):
     *  - the Richardson estimate of the relative error |(J_exact − J) δ| / |J δ|
     *    is at most taylor_tolerance; its round-off, a few 1e-16 |R| / (h1 |J δ|),
     *    is taken off (1e-14 |R|) and a missing or wrong term is an O(1) error;
     *  - the remainder falls as h²: observed order at least 1.9 (an error ρ of
     *    J gives order 1 once ρ exceeds a few per cent of b h1 / |J δ|), unless
     *    the remainder is at the level of round-off (a block linear in that
     *    field, or zero), 1e-14 (|h1 J δ| + |R|): then the order is noise.
     */
    inline void
    check_taylor(const std::string &what, const TaylorRemainders &t, const double h1)
    {
      const double error       = t.relative_error(h1);
      max_relative_error[what] = std::max(max_relative_error[what], error);
      const bool at_round_off  = t.r1 <= 1e-14 * (t.linear + t.residual);
      INFO(what << ": |R| = " << t.residual << ", |h1 J d| = " << t.linear << ", |r(h1)| = " << t.r1 << ", |r(h1/2)| = " << t.r2
                << ", order " << t.order() << (at_round_off ? " (remainder at round-off)" : "")
                << ", relative error of J d " << error);
      CHECK(error <= taylor_tolerance);
      if (!at_round_off)
        CHECK(t.order() >= 1.9);
    }

    /// A_klij from A_ijkl: a tangent with major symmetry equals its major transpose.
    inline dealii::Tensor<4, 3>
    major_transpose(const dealii::Tensor<4, 3> &A)
    {
      dealii::Tensor<4, 3> T;
      for (unsigned int i = 0; i < 3; ++i)
        for (unsigned int j = 0; j < 3; ++j)
          for (unsigned int k = 0; k < 3; ++k)
            for (unsigned int l = 0; l < 3; ++l)
              T[k][l][i][j] = A[i][j][k][l];
      return T;
    }

    /// Relative asymmetry allowed in ∂P/∂F (norm of A - A^T over norm of A).
    /// P derives from a potential of F (at fixed c and plastic history, also
    /// along the return mapping), so the exact tangent is symmetric; what is
    /// left is round-off, measured at most 1.0e-15. The matrix-free
    /// displacement operator stores only the symmetric part and refuses an
    /// asymmetry above 1e-8.
    constexpr double major_symmetry_tolerance = 1e-12;
  } // namespace testing
} // namespace siswell
