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
