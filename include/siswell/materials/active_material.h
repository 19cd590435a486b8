#pragma once

#include <siswell/materials/j2_plasticity.h>
#include <siswell/materials/lithium_carrier.h>
#include <siswell/materials/plastic_history.h>
#include <siswell/materials/theta_function.h>

#include <deal.II/base/parameter_handler.h>

namespace siswell
{
  namespace materials
  {
    /**
     * Lithium-silicon (LixSi): swells with concentration, Hencky-elastic with
     * moduli depending on the state of charge, with lithium transport by a
     * chemical potential that carries the mechanical term of the same free
     * energy (THEORY.md, doc/theory.md).
     *
     * Swelling: J_s(c) = 1 + Ω (c − c_ref) ("linear"), or J_s(θ)/J_s(θ_ref)
     * from a table ("tabulated"); c_ref = c_max θ_ref is the concentration at
     * which the mesh is stress-free (by default the initial one).
     * Chemistry: μ_ch = μ_0 + R T ln(θ / (1 − θ)) + χ (1 − 2θ).
     * Transport: J_R = −M C⁻¹ Grad μ, M = D(θ) c (1 − θ) / (R T).
     *
     * Each piece is virtual: a law that changes one of them (the swelling
     * law, the moduli, the chemical potential, the mobility) derives from
     * this class and overrides it (see examples/custom_driver).
     */
    class ActiveMaterial : public PlasticHistoryLaw<LithiumCarrier, ActiveMaterial>
    {
    public:
      /// How much of the mechanical term enters the chemical potential.
      enum class StressCoupling
      {
        /// μ = μ_ch + ∂(J_s ψ̂_e)/∂c: the consistent two-way coupling.
        full,
        /// μ = μ_ch: one-way coupling, for verification against
        /// diffusion-induced-stress solutions that neglect the feedback.
        none
      };

      ActiveMaterial();

      static void
      declare_parameters(dealii::ParameterHandler &prm);

      /// Reads the current subsection; throws std::invalid_argument naming the parameter.
      void
      parse_parameters(dealii::ParameterHandler &prm);

      std::string
      name() const override;

      bool
      is_plastic() const override;

      /// The HistoryStep overload (PlasticHistoryLaw) and the one without history.
      using PlasticHistoryLaw::mechanical_response;
      /// The response with the plastic history as a PlasticState (the
      /// packed one of mechanical_response(F, c, HistoryStep) unpacked).
      MechanicalResponse
      mechanical_response(const dealii::Tensor<2, 3> &F,
                          const double                c,
                          const PlasticStep          &step) const;

      /// Swelling ratio and its c-derivatives (used by mechanical_response()).
      virtual SwellingState
      swelling(const double c) const;

      /// Shear and bulk moduli and their θ-derivatives (used by mechanical_response()).
      virtual ModuliState
      moduli(const double c) const;

      double
      chemical_potential(const double c) const override;
      double
      chemical_potential_derivative(const double c) const override;

      double
      mobility(const double c) const override;
      double
      mobility_derivative(const double c) const override;

      /// c_max θ_0 (mol/m³).
      double
      initial_concentration() const override;

      double
      max_concentration() const override;
      double
      absolute_temperature() const override;
      /// E(θ_0) and D(θ_0).
      double
      typical_youngs_modulus() const override;
      double
      typical_diffusivity() const override;

      /// Concentration at which the mesh is stress-free, c_ref = c_max θ_ref (mol/m³).
      double
      reference_concentration() const;

      ThetaFunction youngs_modulus{90e9};
      ThetaFunction poissons_ratio{0.22};
      ThetaFunction diffusivity{1e-16};
      ThetaFunction tabulated_swelling{1.};
      bool          tabulated_swelling_law = false;
      double        partial_molar_volume   = 8.9e-6;
      double        c_max                  = 3.11e5;
      double        theta_0                = 0.01;
      /// State of charge at which the mesh is stress-free; negative: equal to theta_0.
      double         theta_ref       = -1.;
      double         temperature     = 298.15;
      double         mu_0            = 0.;
      double         chi             = 0.;
      StressCoupling stress_coupling = StressCoupling::full;
      /// Plastic flow of LixSi (subsection "Plasticity"); elastic by default.
      J2Plasticity plasticity;
    };
  } // namespace materials
} // namespace siswell
