#pragma once

#include <deal.II/base/symmetric_tensor.h>

namespace siswell
{
  namespace materials
  {
    /**
     * The history of one quadrature point of an elastic–plastic material: a
     * fixed-size record, committed when a time step converges and restored
     * when a step is cut (CoupledProblem owns the storage).
     */
    struct PlasticState
    {
      /// Inverse plastic right Cauchy–Green tensor C_p⁻¹ = F_p⁻¹ F_p⁻ᵀ (-), det = 1.
      dealii::SymmetricTensor<2, 3> Cp_inv = dealii::unit_symmetric_tensor<3>();
      /// Equivalent plastic strain ε̄_p = ∫ √(2/3) |D_p| dt (-).
      double equivalent_plastic_strain = 0.;
      /// Plastic work dissipated so far, per unit reference volume (J/m³).
      double dissipation = 0.;
      /// Cauchy stress of this state (Pa): what output shows for plastic
      /// materials, since the plastic state is only known at this point.
      dealii::SymmetricTensor<2, 3> cauchy;
    };

    /**
     * How a material evaluation treats the plastic history:
     *  - old == nullptr: virgin material (C_p = I), elastic;
     *  - old set, updated == nullptr: elastic response with the plastic state
     *    @p old frozen (output of a converged state);
     *  - both set: one backward-Euler step of plastic flow of length dt from
     *    the converged state @p old; the end-of-step state goes to @p updated.
     */
    struct PlasticStep
    {
      const PlasticState *old     = nullptr;
      PlasticState *      updated = nullptr;
      /// Time step (s), for the viscoplastic flow rule.
      double dt = 0.;
    };
  } // namespace materials
} // namespace siswell
