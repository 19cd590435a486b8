#include <siswell/physics/cohesive_law.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace siswell
{
  namespace physics
  {
    using namespace dealii;

    void
    CohesiveParameters::declare_parameters(ParameterHandler &prm)
    {
      prm.enter_subsection("Interface");
      prm.declare_entry("Cohesive stiffness factor",
                        "10",
                        Patterns::Double(0.),
                        "With 'Mode = cohesive': the bond's initial stiffness K = this × E / h "
                        "(E: Young's modulus of the stiffer side, h: face size), before any "
                        "damage (-). Large: the bond adds little compliance; the separation at "
                        "damage onset is strength / K.");
      prm.declare_entry("Normal strength",
                        "10e6",
                        Patterns::Double(0.),
                        "With 'Mode = cohesive': the tensile traction at which damage starts in "
                        "pure opening (mode I) (Pa).");
      prm.declare_entry("Shear strength",
                        "10e6",
                        Patterns::Double(0.),
                        "With 'Mode = cohesive': the shear traction at which damage starts in "
                        "pure sliding (mode II) (Pa).");
      prm.declare_entry("Normal fracture energy",
                        "1",
                        Patterns::Double(0.),
                        "With 'Mode = cohesive': the energy per area that separates the "
                        "interface in pure opening, G_Ic (J/m²): the area under the "
                        "traction–separation curve.");
      prm.declare_entry("Shear fracture energy",
                        "1",
                        Patterns::Double(0.),
                        "With 'Mode = cohesive': the same in pure sliding, G_IIc (J/m²).");
      prm.leave_subsection();
    }

    void
    CohesiveParameters::parse_parameters(ParameterHandler &prm)
    {
      prm.enter_subsection("Interface");
      stiffness_factor       = prm.get_double("Cohesive stiffness factor");
      normal_strength        = prm.get_double("Normal strength");
      shear_strength         = prm.get_double("Shear strength");
      normal_fracture_energy = prm.get_double("Normal fracture energy");
      shear_fracture_energy  = prm.get_double("Shear fracture energy");
      prm.leave_subsection();
      CohesiveLaw check(*this);
      (void)check;
    }

    CohesiveLaw::CohesiveLaw(const CohesiveParameters &parameters) : prm(parameters)
    {
      const std::pair<const char *, double> positive[] = {
          {"Cohesive stiffness factor", prm.stiffness_factor},
          {"Normal strength", prm.normal_strength},
          {"Shear strength", prm.shear_strength},
          {"Normal fracture energy", prm.normal_fracture_energy},
          {"Shear fracture energy", prm.shear_fracture_energy}};
      for (const auto &[name, value] : positive)
        if (!(value > 0.) || !std::isfinite(value))
          throw std::invalid_argument(std::string("parameter 'Interface/") + name +
                                      "' must be positive");
    }

    double
    CohesiveLaw::onset_energy_ratio_normal(const double K) const
    {
      return prm.normal_strength * prm.normal_strength / (2. * prm.normal_fracture_energy * K);
    }

    double
    CohesiveLaw::onset_energy_ratio_shear(const double K) const
    {
      return prm.shear_strength * prm.shear_strength / (2. * prm.shear_fracture_energy * K);
    }

    CohesiveLaw::Response
    CohesiveLaw::evaluate(const double        s_n,
                          const Tensor<1, 3> &s_t,
                          const double        K,
                          const double        committed_damage) const
    {
      Response     r;
      const double dn = prm.normal_strength / K, dt = prm.shear_strength / K;
      const double open = std::max(s_n, 0.);
      const double a = open / dn, b2 = (s_t * s_t) / (dt * dt);
      const double l2  = a * a + b2;
      r.lambda         = std::sqrt(l2);
      const double m_I = onset_energy_ratio_normal(K), m_II = onset_energy_ratio_shear(K);
      // the mix: pure mode I where there is no separation at all (it does not matter there)
      const double w = l2 > 0. ? a * a / l2 : 1.;
      r.m            = m_II + w * (m_I - m_II);
      r.energy_scale = 0.5 * K * (w * dn * dn + (1. - w) * dt * dt);
      double D_trial = 0.;
      if (r.lambda > 1.)
        D_trial = (1. - 1. / r.lambda) / (1. - r.m);
      r.loading      = D_trial > committed_damage && D_trial < 1.;
      r.damage       = std::max(committed_damage, std::min(D_trial, 1.));
      const double D = r.damage;

      // ∂D/∂s_n = α a / δ_n, ∂D/∂s_t = β s_t / δ_t² on the loading branch
      // (D(λ, m) with ∂D/∂λ = 1/(λ² (1 − m)), ∂D/∂m = D/(1 − m), w = a²/λ²)
      double       D_sn = 0.;
      Tensor<1, 3> D_st;
      if (r.loading)
        {
          const double l = r.lambda, l4 = l2 * l2;
          const double D_l = 1. / (l2 * (1. - r.m)), D_m = D / (1. - r.m);
          const double alpha = D_l / l + D_m * (m_I - m_II) * 2. * b2 / l4;
          const double beta  = D_l / l - D_m * (m_I - m_II) * 2. * a * a / l4;
          D_sn               = alpha * a / dn;
          D_st               = beta / (dt * dt) * s_t;
        }
      const double H = s_n > 0. ? 1. : 0.;
      r.t_n          = (1. - D) * K * open;
      r.t_t          = (1. - D) * K * s_t;
      r.dtn_dsn      = (1. - D) * K * H - K * open * D_sn;
      r.dtn_dst      = -K * open * D_st;
      r.dtt_dsn      = -K * D_sn * s_t;
      r.dtt_dst      = -K * outer_product(s_t, D_st);
      for (unsigned int i = 0; i < 3; ++i)
        r.dtt_dst[i][i] += (1. - D) * K;
      return r;
    }

    double
    CohesiveLaw::dissipation(const Response &r, const double D_old)
    {
      if (!(r.damage > D_old))
        return 0.;
      const auto kappa = [&](const double D) { return 1. / (1. - D * (1. - r.m)); };
      return r.energy_scale / (1. - r.m) * (kappa(r.damage) - kappa(D_old));
    }
  } // namespace physics
} // namespace siswell
