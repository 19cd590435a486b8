#pragma once

#include <siswell/materials/material.h>

#include <deal.II/base/symmetric_tensor.h>

namespace siswell
{
  namespace io
  {
    /// Stress measures at one point, as written to ParaView and history.csv.
    struct DerivedQuantities
    {
      /// Cauchy stress σ = τ / J (Pa), 3x3 (σ_zz is the out-of-plane or hoop stress in 2D).
      dealii::SymmetricTensor<2, 3> cauchy;
      double                        von_mises                 = 0.; ///< Pa
      double                        hydrostatic               = 0.; ///< tr σ / 3 (Pa)
      double                        J                         = 1.; ///< det F (-)
      double                        J_s                       = 1.; ///< swelling ratio (-)
      double                        equivalent_plastic_strain = 0.; ///< ε̄_p (-)
      double flow_stress = 0.; ///< σ_Y + H ε̄_p of a plastic material, else 0 (Pa)
      double dissipation = 0.; ///< plastic dissipation per reference volume (J/m³)
    };

    /// Evaluate the stress measures of @p material at (F, c), with the
    /// converged @p history of a quadrature point (empty: none). Where the
    /// law knows its stress at that point only (a plastic state), the stress
    /// is the state's own; J, J_s and the flow stress are those at (F, c).
    DerivedQuantities
    derived_quantities(const materials::Material             &material,
                       const dealii::Tensor<2, 3>            &F,
                       const double                           c,
                       const dealii::ArrayView<const double> &history = {});
  } // namespace io
} // namespace siswell
