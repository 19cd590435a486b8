#pragma once

#include <siswell/materials/theta_function.h>

#include <deal.II/base/parameter_handler.h>

#include <string>

namespace siswell
{
  namespace materials
  {
    /**
     * The yield stress and hardening modulus, and their derivatives with
     * respect to the state of charge θ, at one point (Pa).
     */
    struct YieldState
    {
      double Y0 = 0., dY0 = 0.; ///< initial yield stress σ_Y(θ) and dσ_Y/dθ
      double H = 0., dH = 0.;   ///< hardening modulus H(θ) and dH/dθ
    };

    /**
     * J2 (von Mises) plastic flow on the stress per unit swollen volume
     * σ̂ = τ / J_s = J_e σ, with isotropic linear hardening:
     * flow stress σ_f = σ_Y(θ) + H(θ) ε̄_p. Rate-independent
     * (σ̂_eq ≤ σ_f), or the viscoplastic power law of Bower, Guduru &
     * Sethuraman (JMPS 59, 2011): dε̄_p/dt = ε̇_0 [(σ̂_eq / σ_f) − 1]^m for
     * σ̂_eq > σ_f. The return mapping itself lives in HenckySwellingSolid.
     *
     * Parameters: subsection "Plasticity" of a material.
     */
    class J2Plasticity
    {
    public:
      enum class FlowRule
      {
        elastic,
        rate_independent,
        viscoplastic
      };

      /// Declare the entries of subsection "Plasticity" (enter it first).
      static void
      declare_parameters(dealii::ParameterHandler &prm);

      /// Read them; throws std::invalid_argument naming the parameter and
      /// @p material (used in messages).
      void
      parse_parameters(dealii::ParameterHandler &prm, const std::string &material);

      /// False for the elastic "flow rule".
      bool
      is_plastic() const;

      /// Yield stress and hardening modulus at state of charge @p theta.
      YieldState
      yield(const double theta) const;

      /// Solve the scalar consistency condition g(Δγ) = 0 for the plastic
      /// multiplier Δγ = Δε̄_p of one step, and return its partial derivatives
      /// with respect to the trial equivalent stress q, the shear modulus G,
      /// σ_Y and H (see doc/theory.md).
      struct Increment
      {
        double dgamma = 0.;
        double d_q = 0., d_G = 0., d_Y0 = 0., d_H = 0.;
        /// False if the viscoplastic scalar solve did not reach its
        /// tolerance within max_scalar_iterations (the point's response is
        /// then invalid and the step is cut).
        bool converged = true;
        /// Iterations of the viscoplastic scalar solve (0 when elastic or
        /// rate independent).
        unsigned int iterations = 0;
      };
      Increment
      increment(const double      q_trial,
                const double      G,
                const YieldState &y,
                const double      eps_p_old,
                const double      dt) const;

      FlowRule      flow_rule = FlowRule::elastic;
      ThetaFunction yield_stress{1e9};
      ThetaFunction hardening_modulus{0.};
      /// ε̇_0 (1/s) and m (-) of the viscoplastic law.
      double reference_strain_rate = 1e-3;
      double rate_exponent         = 2.;
      /// Safeguarded Newton iterations of the viscoplastic consistency
      /// condition before the update is declared failed (not a .prm entry:
      /// measured at most 66 iterations for m = 1 to 10 in
      /// tests/unit/test_j2_plasticity.cc; tests lower it).
      unsigned int max_scalar_iterations = 200;
    };
  } // namespace materials
} // namespace siswell
