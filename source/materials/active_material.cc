#include <siswell/base/text.h>
#include <siswell/materials/active_material.h>
#include <siswell/materials/material_presets.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace siswell
{
  namespace materials
  {
    using dealii::Patterns::Anything;
    using dealii::Patterns::Double;
    using dealii::Patterns::Selection;

    ActiveMaterial::ActiveMaterial() { youngs_modulus = ThetaFunction::parse("0:90e9, 1:40e9"); }

    void
    ActiveMaterial::declare_parameters(dealii::ParameterHandler &prm)
    {
      declare_preset_entry(prm, true);
      prm.declare_entry("Young's modulus",
                        "0:90e9, 1:40e9",
                        Anything(),
                        "Young's modulus E(θ) (Pa): one number, or 'θ:value' pairs for a "
                        "piecewise-linear function of the state of charge. Default: a-Si 90 GPa "
                        "falling to 40 GPa fully lithiated (Shenoy 2010, Berla 2015).",
                        true);
      prm.declare_entry("Poisson's ratio",
                        "0.22",
                        Anything(),
                        "Poisson's ratio ν(θ) (-), same form as Young's modulus; in (-1, 0.5).",
                        true);
      prm.declare_entry("Maximum concentration",
                        "3.11e5",
                        Double(0.),
                        "c_max (mol/m³ of unlithiated Si): Li15Si4, x = 3.75.",
                        true);
      prm.declare_entry("Initial state of charge",
                        "0.01",
                        Double(0., 1.),
                        "θ_0 = c_0 / c_max (-), in (0, 1): initial and uniform (stress-free unless "
                        "'Reference state of charge' differs).");
      prm.declare_entry("Reference state of charge",
                        "initial",
                        Anything(),
                        "θ_ref (-): state of charge at which the mesh is stress-free; 'initial' "
                        "for θ_0. A smaller value starts the run swollen, e.g. pre-lithiated.");
      prm.declare_entry("Swelling law",
                        "linear",
                        Selection("linear|tabulated"),
                        "linear: J_s = 1 + Ω (c − c_ref); tabulated: J_s(θ) / J_s(θ_ref) from "
                        "'Tabulated volume ratio' (c_ref, θ_ref: Reference state of charge).");
      prm.declare_entry("Partial molar volume",
                        "8.9e-6",
                        Double(0.),
                        "Ω (m³/mol) of the linear swelling law (Sethuraman JES 2010).",
                        true);
      prm.declare_entry("Tabulated volume ratio",
                        "0:1, 1:3.77",
                        Anything(),
                        "J_s(θ) (-) as 'θ:value' pairs, used with 'Swelling law = tabulated'.");
      prm.declare_entry("Diffusivity",
                        "1e-16",
                        Anything(),
                        "D(θ) (m²/s), one number or 'θ:value' pairs; > 0.",
                        true);
      prm.declare_entry("Temperature", "298.15", Double(0.), "T (K).");
      prm.declare_entry(
          "Reference chemical potential", "0", Double(), "μ_0 (J/mol); shifts μ only.");
      prm.declare_entry("Regular solution parameter",
                        "0",
                        Double(),
                        "χ (J/mol) of the term χ c_max θ (1 − θ) in the free energy.");
      prm.declare_entry("Stress coupling",
                        "full",
                        Selection("full|none"),
                        "full: μ carries the mechanical term ∂(J_s ψ̂_e)/∂c (two-way coupling); "
                        "none: μ = μ_ch only (one-way coupling, a verification limit).");
      prm.enter_subsection("Plasticity");
      J2Plasticity::declare_parameters(prm);
      prm.leave_subsection();
    }

    namespace
    {
      ThetaFunction
      parse_function(dealii::ParameterHandler &prm, const std::string &entry)
      {
        try
          {
            return ThetaFunction::parse(prm.get(entry));
          }
        catch (const std::invalid_argument &e)
          {
            throw std::invalid_argument("parameter '" + entry + "': " + e.what());
          }
      }
    } // namespace

    void
    ActiveMaterial::parse_parameters(dealii::ParameterHandler &prm)
    {
      youngs_modulus         = parse_function(prm, "Young's modulus");
      poissons_ratio         = parse_function(prm, "Poisson's ratio");
      diffusivity            = parse_function(prm, "Diffusivity");
      tabulated_swelling     = parse_function(prm, "Tabulated volume ratio");
      tabulated_swelling_law = prm.get("Swelling law") == "tabulated";
      partial_molar_volume   = prm.get_double("Partial molar volume");
      c_max                  = prm.get_double("Maximum concentration");
      theta_0                = prm.get_double("Initial state of charge");
      {
        const std::string ref = prm.get("Reference state of charge");
        if (ref == "initial")
          theta_ref = -1.;
        else
          {
            if (!text::parse_number(ref, theta_ref) || !(theta_ref >= 0. && theta_ref < 1.))
              throw std::invalid_argument("parameter 'Reference state of charge' must be "
                                          "'initial' or a number in [0, 1) (got '" +
                                          ref + "')");
          }
      }
      temperature = prm.get_double("Temperature");
      mu_0        = prm.get_double("Reference chemical potential");
      chi         = prm.get_double("Regular solution parameter");
      stress_coupling =
          prm.get("Stress coupling") == "none" ? StressCoupling::none : StressCoupling::full;
      prm.enter_subsection("Plasticity");
      plasticity.parse_parameters(prm, "active material");
      prm.leave_subsection();

      if (!(youngs_modulus.min_value() > 0.))
        throw std::invalid_argument("'Young's modulus' of the active material must be positive "
                                    "at every state of charge (got '" +
                                    youngs_modulus.to_string() + "')");
      if (!(diffusivity.min_value() > 0.))
        throw std::invalid_argument("'Diffusivity' of the active material must be positive at "
                                    "every state of charge (got '" +
                                    diffusivity.to_string() + "')");
      if (!(poissons_ratio.min_value() > -1. && poissons_ratio.max_value() < 0.5))
        throw std::invalid_argument("'Poisson's ratio' of the active material must lie in "
                                    "(-1, 0.5) (got '" +
                                    poissons_ratio.to_string() + "')");
      if (!(c_max > 0.))
        throw std::invalid_argument("'Maximum concentration' must be positive");
      if (!(theta_0 > 0. && theta_0 < 1.))
        throw std::invalid_argument("'Initial state of charge' must lie strictly between 0 and "
                                    "1 (the chemical potential is singular at 0 and 1)");
      if (tabulated_swelling_law && !(tabulated_swelling.min_value() > 0.))
        throw std::invalid_argument("'Tabulated volume ratio' must be positive");
    }

    std::string
    ActiveMaterial::name() const
    {
      return "silicon";
    }

    double
    ActiveMaterial::max_concentration() const
    {
      return c_max;
    }

    double
    ActiveMaterial::absolute_temperature() const
    {
      return temperature;
    }

    double
    ActiveMaterial::typical_youngs_modulus() const
    {
      return youngs_modulus.value(theta_0);
    }

    double
    ActiveMaterial::typical_diffusivity() const
    {
      return diffusivity.value(theta_0);
    }

    double
    ActiveMaterial::initial_concentration() const
    {
      return theta_0 * c_max;
    }

    double
    ActiveMaterial::reference_concentration() const
    {
      return (theta_ref < 0. ? theta_0 : theta_ref) * c_max;
    }

    SwellingState
    ActiveMaterial::swelling(const double c) const
    {
      SwellingState s;
      if (tabulated_swelling_law)
        {
          const double ref = tabulated_swelling.value(reference_concentration() / c_max);
          s.J_s            = tabulated_swelling.value(theta(c)) / ref;
          s.dJ_s           = tabulated_swelling.derivative(theta(c)) / ref / c_max;
          s.d2J_s          = 0.;
        }
      else
        {
          s.J_s   = 1. + partial_molar_volume * (c - reference_concentration());
          s.dJ_s  = partial_molar_volume;
          s.d2J_s = 0.;
        }
      return s;
    }

    ModuliState
    ActiveMaterial::moduli(const double c) const
    {
      // E and ν are piecewise linear in θ: E'' = ν'' = 0 inside each piece.
      const double t  = theta(c);
      const double E  = youngs_modulus.value(t);
      const double dE = youngs_modulus.derivative(t);
      const double n  = poissons_ratio.value(t);
      const double dn = poissons_ratio.derivative(t);

      ModuliState  m;
      const double p = 1. + n;
      const double q = 1. - 2. * n;
      m.G            = E / (2. * p);
      m.dG           = dE / (2. * p) - E * dn / (2. * p * p);
      m.d2G          = -dE * dn / (p * p) + E * dn * dn / (p * p * p);
      m.K            = E / (3. * q);
      m.dK           = dE / (3. * q) + 2. * E * dn / (3. * q * q);
      m.d2K          = 4. * dE * dn / (3. * q * q) + 8. * E * dn * dn / (3. * q * q * q);
      return m;
    }

    bool
    ActiveMaterial::is_plastic() const
    {
      return plasticity.is_plastic();
    }

    MechanicalResponse
    ActiveMaterial::mechanical_response(const dealii::Tensor<2, 3> &F,
                                        const double                c,
                                        const PlasticStep          &step) const
    {
      MechanicalResponse r = HenckySwellingSolid::evaluate(
          F, swelling(c), moduli(c), c_max, &plasticity, plasticity.yield(theta(c)), step);
      if (stress_coupling == StressCoupling::none)
        {
          r.mu     = 0.;
          r.dmu_dc = 0.;
          r.dmu_dF = dealii::Tensor<2, 3>();
        }
      return r;
    }

    double
    ActiveMaterial::chemical_potential(const double c) const
    {
      const double t = theta(c);
      return mu_0 + gas_constant * temperature * std::log(t / (1. - t)) + chi * (1. - 2. * t);
    }

    double
    ActiveMaterial::chemical_potential_derivative(const double c) const
    {
      const double t = theta(c);
      return (gas_constant * temperature / (t * (1. - t)) - 2. * chi) / c_max;
    }

    double
    ActiveMaterial::mobility(const double c) const
    {
      const double t = theta(c);
      return diffusivity.value(t) * c * (1. - t) / (gas_constant * temperature);
    }

    double
    ActiveMaterial::mobility_derivative(const double c) const
    {
      const double t = theta(c);
      return (diffusivity.derivative(t) / c_max * c * (1. - t) +
              diffusivity.value(t) * (1. - 2. * t)) /
             (gas_constant * temperature);
    }
  } // namespace materials
} // namespace siswell
