#pragma once

#include <siswell/materials/material.h>

namespace siswell
{
  namespace materials
  {
    /**
     * A material in which lithium diffuses: the chemistry the transport and
     * chemical-potential terms need, on top of the mechanical response of
     * Material (which carries the swelling law, the moduli and the flow
     * rule). The weak-form terms see a lithium-carrying material only
     * through this interface, so a new active law is one class derived from
     * it (or from ActiveMaterial, to change one piece of LixSi, e.g. its
     * swelling law or its chemical potential) and its test
     * (materials::check_tangent()).
     *
     * Units: concentration c (mol/m³), chemical potential (J/mol), mobility
     * M (mol²/(J m s)) in the flux J_R = −M C⁻¹ Grad μ.
     */
    class LithiumCarrier : public Material
    {
    public:
      /// Gas constant (J/(mol K)) and Faraday constant (C/mol).
      static constexpr double gas_constant = 8.314462618;
      static constexpr double faraday      = 96485.33212;

      bool
      is_active() const final
      {
        return true;
      }

      /// Concentration at full lithiation, c_max (mol/m³).
      virtual double
      max_concentration() const = 0;

      /// State of charge θ = c / c_max (-).
      double
      theta(const double c) const
      {
        return c / max_concentration();
      }

      /// Initial, uniform concentration c_0 (mol/m³).
      virtual double
      initial_concentration() const = 0;

      /// Chemical part of the chemical potential μ_ch(c) (J/mol) ...
      virtual double
      chemical_potential(const double c) const = 0;
      /// ... and dμ_ch/dc (J m³/mol²).
      virtual double
      chemical_potential_derivative(const double c) const = 0;

      /// Mobility M(c) (mol²/(J m s)) ...
      virtual double
      mobility(const double c) const = 0;
      /// ... and dM/dc.
      virtual double
      mobility_derivative(const double c) const = 0;

      /// Absolute temperature T (K); R T sets the scale of μ.
      virtual double
      absolute_temperature() const = 0;

      /// Typical Young's modulus (Pa) and lithium diffusivity (m²/s) at the
      /// initial state: scales of the linear system only (no result depends
      /// on them beyond round-off).
      virtual double
      typical_youngs_modulus() const = 0;
      virtual double
      typical_diffusivity() const = 0;
    };
  } // namespace materials
} // namespace siswell
