#pragma once

#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/tensor.h>

namespace siswell
{
  namespace physics
  {
    /**
     * The strength of a cohesive interface ('Interface/Mode = cohesive',
     * subsection "Interface"): strengths and fracture energies in the normal
     * (mode I) and shear (mode II) directions, and the initial stiffness of
     * the bond relative to the bulk (CohesiveLaw, doc/theory.md §5f).
     */
    struct CohesiveParameters
    {
      static void
      declare_parameters(dealii::ParameterHandler &prm);

      /// Reads the subsection; throws std::invalid_argument naming the parameter.
      void
      parse_parameters(dealii::ParameterHandler &prm);

      /// K = this × E / h (-): the bond's initial stiffness (Pa/m), E the stiffer side's
      /// Young's modulus, h the face size.
      double stiffness_factor = 10.;
      double normal_strength  = 10e6; ///< σ_c: tensile traction at damage onset (Pa)
      double shear_strength   = 10e6; ///< τ_c: shear traction at damage onset (Pa)
      double normal_fracture_energy =
          1.; ///< G_Ic: energy per reference area to separate in mode I (J/m²)
      double shear_fracture_energy = 1.; ///< G_IIc: the same in mode II (J/m²)
    };

    /**
     * A bilinear, mixed-mode traction–separation law with irreversible
     * damage D ∈ [0, 1] (after Camanho & Dávila 2002; doc/theory.md §5f).
     * With the separation split into its normal part s_n (m, opening > 0)
     * and tangential part s_t (m, a vector in the interface), onset
     * separations δ_n = σ_c / K, δ_t = τ_c / K and
     *   λ = √((⟨s_n⟩/δ_n)² + (|s_t|/δ_t)²)            (λ = 1: onset, quadratic criterion)
     *   w = (⟨s_n⟩/δ_n)² / λ²                         (mode-I share of the mix)
     *   m = w σ_c²/(2 G_Ic K) + (1 − w) τ_c²/(2 G_IIc K)   (= 1/λ_f, λ_f at full separation)
     *   D = max(D_committed, min(1, (1 − 1/λ)/(1 − m)))    (0 for λ ≤ 1)
     *   t_n = (1 − D) K ⟨s_n⟩,  t_t = (1 − D) K s_t   (Pa, per reference area)
     * so that in pure mode I (II) the traction rises linearly to σ_c (τ_c)
     * and falls linearly to zero, the area under the curve being G_Ic
     * (G_IIc), and in a proportional mixed-mode path the dissipated energies
     * meet the linear criterion G_I/G_Ic + G_II/G_IIc = 1. Under compression
     * (s_n < 0) the normal traction is zero: non-penetration is the contact
     * term's. Unloading goes linearly back to the origin at the damaged
     * stiffness (1 − D) K.
     */
    class CohesiveLaw
    {
    public:
      /// Throws std::invalid_argument if a strength or energy is not positive.
      explicit CohesiveLaw(const CohesiveParameters &parameters);

      /// The law's state at one separation, with its exact derivatives.
      struct Response
      {
        double               damage  = 0.;    ///< D (-)
        bool                 loading = false; ///< D grows here (the softening branch)
        double               t_n     = 0.;    ///< normal traction, tensile > 0 (Pa)
        dealii::Tensor<1, 3> t_t;             ///< tangential traction (Pa)
        double               dtn_dsn = 0.;    ///< ∂t_n/∂s_n (Pa/m)
        dealii::Tensor<1, 3> dtn_dst;         ///< ∂t_n/∂s_t (Pa/m)
        dealii::Tensor<1, 3> dtt_dsn;         ///< ∂t_t/∂s_n (Pa/m)
        dealii::Tensor<2, 3> dtt_dst;         ///< ∂t_t/∂s_t (Pa/m)
        double               lambda = 0.;     ///< λ (-)
        double               m      = 0.;     ///< 1/λ_f of the current mix (-)
        /// ½ K (w δ_n² + (1 − w) δ_t²): the undamaged energy per λ² (J/m²), for dissipation().
        double energy_scale = 0.;
      };

      /**
       * At separation (@p s_n, @p s_t) for a bond of stiffness @p K (Pa/m)
       * whose damage at the last converged state is @p committed_damage.
       */
      Response
      evaluate(const double                s_n,
               const dealii::Tensor<1, 3> &s_t,
               const double                K,
               const double                committed_damage) const;

      /**
       * The energy dissipated per reference area (J/m²) when the damage at a
       * point grows from @p D_old to r.damage at the state @p r: with
       * κ(D) = 1 / (1 − D (1 − m)), Y₀ / (1 − m) × (κ(D_new) − κ(D_old)),
       * which is exact for any step along a proportional path (its sum from
       * D = 0 to 1 is G_Ic in mode I, G_IIc in mode II).
       */
      static double
      dissipation(const Response &r, const double D_old);

      /// 1/λ_f in pure mode I and II, σ_c² / (2 G_Ic K) and τ_c² / (2 G_IIc K) (-): must be < 1.
      double
      onset_energy_ratio_normal(const double K) const;
      double
      onset_energy_ratio_shear(const double K) const;

      const CohesiveParameters &
      parameters() const
      {
        return prm;
      }

    private:
      CohesiveParameters prm;
    };
  } // namespace physics
} // namespace siswell
