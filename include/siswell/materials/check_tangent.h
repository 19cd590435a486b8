#pragma once

#include <siswell/materials/material.h>

#include <deal.II/base/tensor.h>

#include <ostream>
#include <string>
#include <vector>

namespace siswell
{
  namespace materials
  {
    /**
     * The finite-difference check of a material law's derivatives that
     * siswell's own laws pass (tests/unit/test_hencky_swelling_solid.cc),
     * for a user's law: at one state (F, c), central differences of the
     * response with steps 1e-6 in every entry of F and 1e-6 c in c, against
     *  - dP/dF, its major symmetry (P derives from a potential), P = ∂ψ/∂F;
     *  - for a LithiumCarrier also dμ_mech/dF, dP/dc, dμ_mech/dc, μ_mech = ∂ψ/∂c,
     *    dμ_ch/dc and dM/dc.
     * Each entry is the relative error |FD − exact| / |exact| (norms of the
     * whole tensor; the absolute error where exact is 0). Central differences
     * are exact to O(h²) ≈ 1e-12 relative plus round-off ≈ 1e-16 |f| / h ≈ 1e-10,
     * so an exact derivative gives errors below tolerance = 1e-6 and a wrong
     * or missing term an error of order one.
     *
     * The law is evaluated without history (HistoryStep()): the
     * virgin material, or the elastic trial of the first step.
     */
    struct TangentCheck
    {
      struct Entry
      {
        std::string what;
        double      relative_error;
        /// The entry's tolerance (tolerance, or symmetry_tolerance for the major symmetry).
        double tolerance;
      };
      std::vector<Entry> entries;
      /// False if the law returned an invalid response at (F, c).
      bool valid = false;

      /// The tolerance the entries are checked against (see above).
      static constexpr double tolerance = 1e-6;
      /// The tolerance of the major symmetry of dP/dF (round-off only).
      static constexpr double symmetry_tolerance = 1e-12;

      /// True if the response is valid and every entry is within its tolerance.
      bool
      passed() const;

      /// One line per entry, with "FAILED" where it is over its tolerance.
      void
      print(std::ostream &out) const;
    };

    /// Check the derivatives of @p law at (@p F, @p c) (c in mol/m³; ignored
    /// by a law that carries no lithium).
    TangentCheck
    check_tangent(const Material &law, const dealii::Tensor<2, 3> &F, const double c);
  } // namespace materials
} // namespace siswell
