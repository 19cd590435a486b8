#include <siswell/materials/hencky_swelling_solid.h>

#include <deal.II/base/symmetric_tensor.h>

#include <array>
#include <cmath>

namespace siswell
{
  namespace materials
  {
    using namespace dealii;

    namespace
    {
      struct Spectral
      {
        std::array<double, 3>       lambda;
        std::array<Tensor<1, 3>, 3> n;
      };

      Spectral
      spectral(const SymmetricTensor<2, 3> &b)
      {
        const auto eig = eigenvectors(b, SymmetricTensorEigenvectorMethod::jacobi);
        Spectral   s;
        for (unsigned int a = 0; a < 3; ++a)
          {
            s.lambda[a] = eig[a].first;
            s.n[a]      = eig[a].second;
          }
        return s;
      }

      /// (ln x - ln y) / (x - y), with its limit 1/y as x -> y.
      double
      log_divided_difference(const double x, const double y)
      {
        const double r = x / y - 1.;
        if (std::abs(r) < 1e-4)
          return (1. - r / 2. + r * r / 3. - r * r * r / 4.) / y;
        return std::log(x / y) / (x - y);
      }

      SymmetricTensor<2, 3>
      log_derivative(const Spectral &s, const SymmetricTensor<2, 3> &db)
      {
        SymmetricTensor<2, 3> result;
        for (unsigned int a = 0; a < 3; ++a)
          for (unsigned int b = a; b < 3; ++b)
            {
              const double                f = log_divided_difference(s.lambda[a], s.lambda[b]);
              const double                component = f * (s.n[a] * (db * s.n[b]));
              const SymmetricTensor<2, 3> nn =
                  (a == b) ? symmetrize(outer_product(s.n[a], s.n[a]))
                           : SymmetricTensor<2, 3>(2. * symmetrize(outer_product(s.n[a], s.n[b])));
              result += component * nn;
            }
        return result;
      }

      SymmetricTensor<2, 3>
      log(const Spectral &s)
      {
        SymmetricTensor<2, 3> result;
        for (unsigned int a = 0; a < 3; ++a)
          result += std::log(s.lambda[a]) * symmetrize(outer_product(s.n[a], s.n[a]));
        return result;
      }

      /// The elastic trial state at F and what its return mapping decided:
      /// everything the stress derivatives need.
      struct TrialState
      {
        Tensor<2, 3>          F, FCp, F_inv_T;
        SymmetricTensor<2, 3> Cp_inv;
        Spectral              s;
        /// Unit deviator of the trial log strain, its norm |e|, ρ = |dev ε_e|
        /// after the return and dρ/d|e|.
        SymmetricTensor<2, 3> e, e_hat;
        double                e_norm = 0., rho = 0., rho_e = 1.;
        bool                  plastic = false;
      };

      /// The trial state at F from the committed C_p⁻¹ (before the return
      /// mapping: ρ = |e|, elastic).
      TrialState
      trial_state(const Tensor<2, 3> &F, const SymmetricTensor<2, 3> &Cp_inv)
      {
        const SymmetricTensor<2, 3> I = unit_symmetric_tensor<3>();
        TrialState                  t;
        t.F       = F;
        t.Cp_inv  = Cp_inv;
        t.FCp     = F * Tensor<2, 3>(Cp_inv);
        t.F_inv_T = transpose(invert(F));
        t.s       = spectral(symmetrize(t.FCp * transpose(F)));
        // the deviator of the log strain of b (whose trace is ln J)
        const SymmetricTensor<2, 3> eps = 0.5 * log(t.s);
        t.e                             = eps - (trace(eps) / 3.) * I;
        t.e_norm                        = t.e.norm();
        t.e_hat = t.e_norm > 0. ? SymmetricTensor<2, 3>(t.e / t.e_norm) : t.e;
        t.rho   = t.e_norm;
        return t;
      }

      /// C_p⁻¹ after a plastic step Δγ: b_new = exp(2 (ε − Δγ N)),
      /// N = √(3/2) ê, coaxial with the trial b; C_p⁻¹ = F⁻¹ b_new F⁻ᵀ.
      SymmetricTensor<2, 3>
      updated_Cp_inv(const TrialState &t, const double dgamma)
      {
        double tr_eps = 0.;
        for (unsigned int i = 0; i < 3; ++i)
          tr_eps += 0.5 * std::log(t.s.lambda[i]);
        SymmetricTensor<2, 3> b_new;
        for (unsigned int i = 0; i < 3; ++i)
          {
            const double e_i = 0.5 * std::log(t.s.lambda[i]) - tr_eps / 3.;
            const double N_i = std::sqrt(1.5) * e_i / t.e_norm;
            b_new += t.s.lambda[i] * std::exp(-2. * dgamma * N_i) *
                     symmetrize(outer_product(t.s.n[i], t.s.n[i]));
          }
        const Tensor<2, 3> F_inv = invert(t.F);
        return symmetrize(F_inv * Tensor<2, 3>(b_new) * transpose(F_inv));
      }

      /// dP/dF and dμ/dF (μ through ρ and the elastic trace a, with
      /// coefficients @p mu_rho and @p mu_a), one direction dF = e_k ⊗ e_L at a time.
      void
      set_F_derivatives(const TrialState    &t,
                        const SwellingState &sw,
                        const ModuliState   &m,
                        const double         mu_rho,
                        const double         mu_a,
                        MechanicalResponse  &r)
      {
        const SymmetricTensor<2, 3> I           = unit_symmetric_tensor<3>();
        const Tensor<2, 3>          tau_F_inv_T = Tensor<2, 3>(r.tau) * t.F_inv_T;
        for (unsigned int k = 0; k < 3; ++k)
          for (unsigned int L = 0; L < 3; ++L)
            {
              Tensor<2, 3> dF;
              dF[k][L]                         = 1.;
              const Tensor<2, 3>          dFCp = dF * Tensor<2, 3>(t.Cp_inv);
              const SymmetricTensor<2, 3> db =
                  symmetrize(dFCp * transpose(t.F) + t.FCp * transpose(dF));
              const SymmetricTensor<2, 3> deps = 0.5 * log_derivative(t.s, db);
              const double                tr_d = trace(deps);
              const SymmetricTensor<2, 3> de   = deps - (tr_d / 3.) * I;
              SymmetricTensor<2, 3>       ddev = de; // d(dev ε_e), elastic
              double                      drho = t.e_hat * de;
              if (t.plastic)
                {
                  const double e_de = t.e_hat * de;
                  drho              = t.rho_e * e_de;
                  ddev              = drho * t.e_hat + (t.rho / t.e_norm) * (de - e_de * t.e_hat);
                }
              const SymmetricTensor<2, 3> dtau = sw.J_s * (2. * m.G * ddev + m.K * tr_d * I);
              const Tensor<2, 3>          dP =
                  Tensor<2, 3>(dtau) * t.F_inv_T - tau_F_inv_T * transpose(dF) * t.F_inv_T;
              for (unsigned int i = 0; i < 3; ++i)
                for (unsigned int J = 0; J < 3; ++J)
                  r.dP_dF[i][J][k][L] = dP[i][J];
              r.dmu_dF[k][L] = mu_rho * drho + mu_a * tr_d;
            }
      }
    } // namespace

    SymmetricTensor<2, 3>
    HenckySwellingSolid::log_derivative(const SymmetricTensor<2, 3> &b,
                                        const SymmetricTensor<2, 3> &db)
    {
      return materials::log_derivative(spectral(b), db);
    }

    SymmetricTensor<2, 3>
    HenckySwellingSolid::log(const SymmetricTensor<2, 3> &b)
    {
      return materials::log(spectral(b));
    }

    MechanicalResponse
    HenckySwellingSolid::evaluate(const Tensor<2, 3>  &F,
                                  const SwellingState &sw,
                                  const ModuliState   &m,
                                  const double         c_max,
                                  const J2Plasticity  *plasticity,
                                  const YieldState    &yield,
                                  const PlasticStep   &step)
    {
      MechanicalResponse r;
      r.J = determinant(F);
      if (!(r.J > 0.) || !(sw.J_s > 0.))
        return r;
      r.valid = true;
      r.J_s   = sw.J_s;

      const SymmetricTensor<2, 3> I = unit_symmetric_tensor<3>();
      // trial elastic left Cauchy–Green tensor (times J_s^{2/3}) b = F C_p⁻¹ Fᵀ,
      // the deviator e of its log strain and the elastic trace a = tr ε_e
      TrialState                   t      = trial_state(F, step.old ? step.old->Cp_inv : I);
      const double                 eps_p  = step.old ? step.old->equivalent_plastic_strain : 0.;
      const SymmetricTensor<2, 3> &e      = t.e;
      const SymmetricTensor<2, 3> &e_hat  = t.e_hat;
      const double                 e_norm = t.e_norm;
      const double                 a      = std::log(r.J) - std::log(sw.J_s);

      // return mapping: |dev ε_e| = ρ = |e| − √(3/2) Δγ, along ê
      const bool   flow    = plasticity && plasticity->is_plastic() && step.old && step.updated;
      const double q_trial = std::sqrt(6.) * m.G * e_norm;
      J2Plasticity::Increment inc;
      if (flow)
        {
          inc = plasticity->increment(q_trial, m.G, yield, eps_p, step.dt);
          if (!inc.converged)
            {
              // an unresolved update is no state: the step is cut
              r.valid = false;
              return r;
            }
        }
      const bool   plastic = inc.dgamma > 0.;
      const double rho     = e_norm - std::sqrt(1.5) * inc.dgamma;
      // dρ/d|e| along F (at fixed c), and dρ/dc, dΔγ/dc
      const double rho_e     = plastic ? 1. - 3. * m.G * inc.d_q : 1.;
      const double dgamma_dc = plastic ? (inc.d_q * std::sqrt(6.) * e_norm * m.dG + inc.d_G * m.dG +
                                          inc.d_Y0 * yield.dY0 + inc.d_H * yield.dH) /
                                             c_max
                                       : 0.;
      const double rho_c     = -std::sqrt(1.5) * dgamma_dc;
      t.plastic              = plastic;
      t.rho                  = rho;
      t.rho_e                = rho_e;

      const SymmetricTensor<2, 3> dev_e     = rho * e_hat; // equals e when elastic
      const double                dev2      = rho * rho;
      const SymmetricTensor<2, 3> sigma_hat = 2. * m.G * (plastic ? dev_e : e) + m.K * a * I;
      r.tau                                 = sw.J_s * sigma_hat;

      if (plasticity && plasticity->is_plastic())
        r.flow_stress = yield.Y0 + yield.H * (eps_p + inc.dgamma);
      if (flow)
        {
          PlasticState &u             = *step.updated;
          u.equivalent_plastic_strain = eps_p + inc.dgamma;
          u.dissipation =
              step.old->dissipation + sw.J_s * (q_trial - 3. * m.G * inc.dgamma) * inc.dgamma;
          u.Cp_inv = plastic ? updated_Cp_inv(t, inc.dgamma) : t.Cp_inv;
          u.cauchy = r.tau / r.J;
        }

      const Tensor<2, 3> &F_inv_T = t.F_inv_T;
      r.P                         = Tensor<2, 3>(r.tau) * F_inv_T;

      const double psi_hat   = m.G * dev2 + 0.5 * m.K * a * a;
      const double psi_theta = m.dG * dev2 + 0.5 * m.dK * a * a;
      r.psi                  = sw.J_s * psi_hat;
      r.mu                   = sw.dJ_s * (psi_hat - m.K * a) + sw.J_s / c_max * psi_theta;

      // derivatives with respect to c
      const double                da_dc = -sw.dJ_s / sw.J_s;
      const SymmetricTensor<2, 3> dsigma_dc =
          2. * (m.dG / c_max * dev_e + m.G * rho_c * e_hat) + (m.dK / c_max * a + m.K * da_dc) * I;
      const SymmetricTensor<2, 3> dtau_dc = sw.dJ_s * sigma_hat + sw.J_s * dsigma_dc;
      r.dP_dc                             = Tensor<2, 3>(dtau_dc) * F_inv_T;

      const double dpsi_hat_dc = m.dG / c_max * dev2 + 2. * m.G * rho * rho_c +
                                 0.5 * m.dK / c_max * a * a + m.K * a * da_dc;
      const double dKa_dc = m.dK / c_max * a + m.K * da_dc;
      const double dpsi_theta_dc =
          (m.d2G * dev2 + 0.5 * m.d2K * a * a) / c_max + 2. * m.dG * rho * rho_c + m.dK * a * da_dc;
      r.dmu_dc = sw.d2J_s * (psi_hat - m.K * a) + sw.dJ_s * (dpsi_hat_dc - dKa_dc) +
                 sw.dJ_s / c_max * psi_theta + sw.J_s / c_max * dpsi_theta_dc;

      // μ as a function of ρ and a
      const double mu_rho = 2. * rho * (sw.dJ_s * m.G + sw.J_s / c_max * m.dG);
      const double mu_a   = sw.dJ_s * m.K * (a - 1.) + sw.J_s / c_max * m.dK * a;

      set_F_derivatives(t, sw, m, mu_rho, mu_a, r);
      return r;
    }
  } // namespace materials
} // namespace siswell
