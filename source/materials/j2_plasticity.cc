#include <siswell/materials/j2_plasticity.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace siswell
{
  namespace materials
  {
    void
    J2Plasticity::declare_parameters(dealii::ParameterHandler &prm)
    {
      prm.declare_entry("Flow rule",
                        "elastic",
                        dealii::Patterns::Selection("elastic|rate independent|viscoplastic"),
                        "elastic: no plastic flow; rate independent: J2 flow with isotropic "
                        "hardening; viscoplastic: power-law overstress dε̄p/dt = ε̇0 "
                        "[(σeq/σf) − 1]^m (Bower, Guduru & Sethuraman 2011). Yield is judged on "
                        "τ/J_s = J_e σ, the stress per unit swollen volume.",
                        true);
      prm.declare_entry("Yield stress",
                        "1e9",
                        dealii::Patterns::Anything(),
                        "Initial yield stress σ_Y(θ) (Pa): one number or 'θ:value' pairs; > 0.",
                        true);
      prm.declare_entry("Hardening modulus",
                        "0",
                        dealii::Patterns::Anything(),
                        "Linear isotropic hardening modulus H(θ) (Pa), flow stress σ_f = σ_Y + H "
                        "ε̄p: one number or 'θ:value' pairs; ≥ 0.",
                        true);
      prm.declare_entry("Reference plastic strain rate",
                        "1e-3",
                        dealii::Patterns::Double(0.),
                        "ε̇0 (1/s) of the viscoplastic flow rule; > 0.",
                        true);
      prm.declare_entry("Rate sensitivity exponent",
                        "2",
                        dealii::Patterns::Double(1.),
                        "m (-) of the viscoplastic flow rule; ≥ 1.",
                        true);
    }



    void
    J2Plasticity::parse_parameters(dealii::ParameterHandler &prm, const std::string &material)
    {
      const std::string rule = prm.get("Flow rule");
      flow_rule = rule == "elastic" ? FlowRule::elastic :
                  rule == "viscoplastic" ? FlowRule::viscoplastic :
                                           FlowRule::rate_independent;
      auto parse = [&](const std::string &entry) {
        try
          {
            return ThetaFunction::parse(prm.get(entry));
          }
        catch (const std::invalid_argument &e)
          {
            throw std::invalid_argument("parameter 'Plasticity/" + entry + "' of the " + material +
                                        ": " + e.what());
          }
      };
      yield_stress          = parse("Yield stress");
      hardening_modulus     = parse("Hardening modulus");
      reference_strain_rate = prm.get_double("Reference plastic strain rate");
      rate_exponent         = prm.get_double("Rate sensitivity exponent");
      if (!(yield_stress.min_value() > 0.))
        throw std::invalid_argument("parameter 'Plasticity/Yield stress' of the " + material +
                                    " must be positive at every state of charge (got '" +
                                    yield_stress.to_string() + "')");
      if (!(hardening_modulus.min_value() >= 0.))
        throw std::invalid_argument("parameter 'Plasticity/Hardening modulus' of the " + material +
                                    " must not be negative (got '" +
                                    hardening_modulus.to_string() + "')");
      if (!(reference_strain_rate > 0.))
        throw std::invalid_argument("parameter 'Plasticity/Reference plastic strain rate' of the " +
                                    material + " must be positive");
      if (!(rate_exponent >= 1.))
        throw std::invalid_argument("parameter 'Plasticity/Rate sensitivity exponent' of the " +
                                    material + " must be at least 1");
    }



    bool
    J2Plasticity::is_plastic() const
    {
      return flow_rule != FlowRule::elastic;
    }



    YieldState
    J2Plasticity::yield(const double theta) const
    {
      YieldState y;
      y.Y0  = yield_stress.value(theta);
      y.dY0 = yield_stress.derivative(theta);
      y.H   = hardening_modulus.value(theta);
      y.dH  = hardening_modulus.derivative(theta);
      return y;
    }



    J2Plasticity::Increment
    J2Plasticity::increment(const double      q,
                            const double      G,
                            const YieldState &y,
                            const double      eps_p,
                            const double      dt) const
    {
      Increment r;
      // largest admissible multiplier: the one that returns exactly to the
      // flow stress (the rate-independent solution)
      const double dgamma_max = (q - y.Y0 - y.H * eps_p) / (3. * G + y.H);
      if (!(dgamma_max > 0.))
        return r;

      // g(Δγ) = 0 and its partials g_Δγ, g_q, g_G, g_Y0, g_H
      double g_dgamma, g_q, g_G, g_Y0, g_H;
      if (flow_rule == FlowRule::rate_independent || !(dt > 0.))
        {
          // g = q − 3GΔγ − σ_Y − H (ε̄p + Δγ)
          r.dgamma = dgamma_max;
          g_dgamma = -(3. * G + y.H);
          g_q      = 1.;
          g_G      = -3. * r.dgamma;
          g_Y0     = -1.;
          g_H      = -(eps_p + r.dgamma);
        }
      else
        {
          // g = dt ε̇0 x^m − Δγ, x = (q − 3GΔγ) / (σ_Y + H (ε̄p + Δγ)) − 1:
          // decreasing in Δγ, positive at 0 and negative at dgamma_max
          const double a = dt * reference_strain_rate, m = rate_exponent;
          auto         eval = [&](const double dg, double &g, double &dg_dgamma) {
            const double s = q - 3. * G * dg, Y = y.Y0 + y.H * (eps_p + dg);
            const double x = std::max(s / Y - 1., 0.);
            g              = a * std::pow(x, m) - dg;
            dg_dgamma      = a * m * std::pow(x, m - 1.) * (-3. * G / Y - s * y.H / (Y * Y)) - 1.;
          };
          double lo = 0., hi = dgamma_max, dg = 0.5 * dgamma_max;
          r.converged = false;
          for (unsigned int it = 0; it < max_scalar_iterations; ++it)
            {
              ++r.iterations;
              double g, gd;
              eval(dg, g, gd);
              if (g > 0.)
                lo = dg;
              else
                hi = dg;
              double next = dg - g / gd;
              if (!(next > lo && next < hi)) // safeguard: bisect
                next = 0.5 * (lo + hi);
              const double change = std::abs(next - dg);
              dg                  = next;
              if (change <= 1e-15 * dgamma_max || hi - lo <= 1e-15 * dgamma_max)
                {
                  r.converged = true;
                  break;
                }
            }
          r.dgamma         = dg;
          const double s   = q - 3. * G * dg, Y = y.Y0 + y.H * (eps_p + dg);
          const double x   = s / Y - 1.;
          const double amx = a * m * std::pow(x, m - 1.);
          g_dgamma         = amx * (-3. * G / Y - s * y.H / (Y * Y)) - 1.;
          g_q              = amx / Y;
          g_G              = amx * (-3. * dg / Y);
          g_Y0             = amx * (-s / (Y * Y));
          g_H              = amx * (-s * (eps_p + dg) / (Y * Y));
        }
      r.d_q  = -g_q / g_dgamma;
      r.d_G  = -g_G / g_dgamma;
      r.d_Y0 = -g_Y0 / g_dgamma;
      r.d_H  = -g_H / g_dgamma;
      return r;
    }
  } // namespace materials
} // namespace siswell
