#pragma once

#include <siswell/materials/j2_plasticity.h>
#include <siswell/materials/plastic_state.h>

#include <deal.II/base/symmetric_tensor.h>
#include <deal.II/base/tensor.h>

namespace siswell
{
  namespace materials
  {
    /**
     * The swelling volume ratio and its concentration derivatives at one point:
     * J_s (-), dJ_s/dc (m³/mol), d²J_s/dc² (m⁶/mol²).
     */
    struct SwellingState
    {
      double J_s    = 1.;
      double dJ_s   = 0.;
      double d2J_s  = 0.;
    };

    /**
     * Shear and bulk modulus (Pa) and their first and second derivatives with
     * respect to the state of charge θ (Pa).
     */
    struct ModuliState
    {
      double G = 0., dG = 0., d2G = 0.;
      double K = 0., dK = 0., d2K = 0.;
    };

    /**
     * Everything the coupled weak form needs from the mechanical part of the
     * free energy at one quadrature point. Tensors are 3x3 in every problem
     * dimension (plane strain and axisymmetric embed F in 3D).
     */
    struct MechanicalResponse
    {
      /// False when det F <= 0 or the plastic update failed (J2Plasticity::Increment::converged); nothing else is then set.
      bool valid = false;
      /// det F and the swelling ratio J_s (-).
      double J = 1., J_s = 1.;
      /// Kirchhoff stress τ (Pa).
      dealii::SymmetricTensor<2, 3> tau;
      /// First Piola–Kirchhoff stress P = τ F^{-T} (Pa).
      dealii::Tensor<2, 3> P;
      /// dP/dF (Pa).
      dealii::Tensor<4, 3> dP_dF;
      /// dP/dc (Pa m³/mol).
      dealii::Tensor<2, 3> dP_dc;
      /// Stored elastic energy per reference volume J_s ψ̂_e (J/m³).
      double psi = 0.;
      /// Mechanical part of the chemical potential ∂(J_s ψ̂_e)/∂c (J/mol).
      double mu = 0.;
      /// dμ_mech/dF (J/mol).
      dealii::Tensor<2, 3> dmu_dF;
      /// dμ_mech/dc (J m³/mol²).
      double dmu_dc = 0.;
      /// Current flow stress σ_Y + H ε̄_p of a plastic material, else 0 (Pa).
      double flow_stress = 0.;
    };

    /**
     * Isotropic Hencky hyperelasticity on the elastic part of F = F_e F_p F_s,
     * F_s = J_s^{1/3} I, with the energy per unit swollen volume
     * ψ̂_e = G |dev ε_e|² + ½ K (tr ε_e)², ε_e = ½ ln(F_e F_eᵀ), and moduli that
     * depend on the state of charge θ = c / c_max. The energy per reference
     * volume is J_s ψ̂_e.
     *
     * The derivatives are exact: the derivative of the matrix logarithm uses
     * divided differences of ln over the eigenvalues of b = F Fᵀ, with their
     * limit 1/λ at coincident eigenvalues (uniform swelling is the common case).
     *
     * With a J2Plasticity law, plastic flow is integrated by the exponential
     * map: the trial elastic log strain ε_e^tr = ½ ln(F C_p⁻¹ Fᵀ) − ⅓ ln J_s I
     * is returned radially in log-strain space, which is exact for isotropic
     * Hencky elasticity, and the derivatives are those of the algorithm
     * (consistent tangent), including the dependence on c through J_s, the
     * moduli, the yield stress and the hardening modulus. The chemical
     * potential is ∂(J_s ψ̂_e)/∂c at fixed F and F_p, evaluated at the
     * end-of-step state; hardening stores no energy.
     */
    class HenckySwellingSolid
    {
    public:
      /**
       * Evaluate at deformation gradient @p F and concentration @p c (mol/m³),
       * given the swelling and moduli states already evaluated at c, and
       * c_max (mol/m³) to convert θ-derivatives to c-derivatives. With
       * @p plasticity (and @p yield evaluated at c), @p step says how the
       * plastic history is treated (see PlasticStep).
       */
      static MechanicalResponse
      evaluate(const dealii::Tensor<2, 3> &F,
               const SwellingState &       swelling,
               const ModuliState &         moduli,
               const double                c_max,
               const J2Plasticity *        plasticity = nullptr,
               const YieldState &          yield      = YieldState(),
               const PlasticStep &         step       = PlasticStep());

      /**
       * Derivative of the matrix logarithm: returns D ln(b)[db] for symmetric
       * positive definite b. Exposed for unit tests.
       */
      static dealii::SymmetricTensor<2, 3>
      log_derivative(const dealii::SymmetricTensor<2, 3> &b,
                     const dealii::SymmetricTensor<2, 3> &db);

      /// Matrix logarithm of a symmetric positive definite tensor.
      static dealii::SymmetricTensor<2, 3>
      log(const dealii::SymmetricTensor<2, 3> &b);
    };
  } // namespace materials
} // namespace siswell
