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
        std::array<double, 3>         lambda;
        std::array<Tensor<1, 3>, 3>   n;
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
              const double f = log_divided_difference(s.lambda[a], s.lambda[b]);
              const double component = f * (s.n[a] * (db * s.n[b]));
              const SymmetricTensor<2, 3> nn =
                (a == b) ? symmetrize(outer_product(s.n[a], s.n[a])) :
                           SymmetricTensor<2, 3>(2. * symmetrize(outer_product(s.n[a], s.n[b])));
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
    HenckySwellingSolid::evaluate(const Tensor<2, 3> & F,
                                  const SwellingState &sw,
                                  const ModuliState &  m,
                                  const double         c_max)
    {
      MechanicalResponse r;
      r.J = determinant(F);
      if (!(r.J > 0.) || !(sw.J_s > 0.))
        return r;
      r.valid = true;
      r.J_s   = sw.J_s;

      const SymmetricTensor<2, 3> I = unit_symmetric_tensor<3>();
      const SymmetricTensor<2, 3> b = symmetrize(F * transpose(F));
      const Spectral              s = spectral(b);

      // spatial logarithmic strain of the total F, and its elastic trace
      const SymmetricTensor<2, 3> eps    = 0.5 * materials::log(s);
      const double                tr_eps = std::log(r.J);
      const SymmetricTensor<2, 3> dev_e  = eps - (tr_eps / 3.) * I;
      const double                a      = tr_eps - std::log(sw.J_s); // tr ε_e
      const double                dev2   = dev_e * dev_e;

      const SymmetricTensor<2, 3> sigma_hat = 2. * m.G * dev_e + m.K * a * I;
      r.tau                                  = sw.J_s * sigma_hat;

      const Tensor<2, 3> F_inv   = invert(F);
      const Tensor<2, 3> F_inv_T = transpose(F_inv);
      const Tensor<2, 3> tau_t   = r.tau;
      r.P                        = tau_t * F_inv_T;

      const double psi_hat   = m.G * dev2 + 0.5 * m.K * a * a;
      const double psi_theta = m.dG * dev2 + 0.5 * m.dK * a * a;
      r.psi                  = sw.J_s * psi_hat;
      r.mu                   = sw.dJ_s * (psi_hat - m.K * a) + sw.J_s / c_max * psi_theta;

      // derivatives with respect to c
      const double da_dc = -sw.dJ_s / sw.J_s;
      const SymmetricTensor<2, 3> dtau_dc =
        sw.dJ_s * sigma_hat +
        sw.J_s * (2. * m.dG / c_max * dev_e + (m.dK / c_max * a + m.K * da_dc) * I);
      r.dP_dc = Tensor<2, 3>(dtau_dc) * F_inv_T;

      const double dpsi_hat_dc   = psi_theta / c_max + m.K * a * da_dc;
      const double dKa_dc        = m.dK / c_max * a + m.K * da_dc;
      const double dpsi_theta_dc = (m.d2G * dev2 + 0.5 * m.d2K * a * a) / c_max + m.dK * a * da_dc;
      r.dmu_dc = sw.d2J_s * (psi_hat - m.K * a) + sw.dJ_s * (dpsi_hat_dc - dKa_dc) +
                 sw.dJ_s / c_max * psi_theta + sw.J_s / c_max * dpsi_theta_dc;

      // dμ/dF: isotropic functions of ε have ∂f/∂F = (∂f/∂ε) F^{-T}
      r.dmu_dF = sw.dJ_s * (r.P / sw.J_s - m.K * F_inv_T) +
                 sw.J_s / c_max * Tensor<2, 3>(2. * m.dG * dev_e + m.dK * a * I) * F_inv_T;

      // dP/dF, one direction dF = e_k ⊗ e_L at a time
      const Tensor<2, 3> tau_F_inv_T = tau_t * F_inv_T;
      for (unsigned int k = 0; k < 3; ++k)
        for (unsigned int L = 0; L < 3; ++L)
          {
            Tensor<2, 3> dF;
            dF[k][L] = 1.;
            const SymmetricTensor<2, 3> db   = symmetrize(dF * transpose(F) + F * transpose(dF));
            const SymmetricTensor<2, 3> deps = 0.5 * materials::log_derivative(s, db);
            const double                tr_d = trace(deps);
            const SymmetricTensor<2, 3> dtau =
              sw.J_s * (2. * m.G * (deps - (tr_d / 3.) * I) + m.K * tr_d * I);
            const Tensor<2, 3> dP =
              Tensor<2, 3>(dtau) * F_inv_T - tau_F_inv_T * transpose(dF) * F_inv_T;
            for (unsigned int i = 0; i < 3; ++i)
              for (unsigned int J = 0; J < 3; ++J)
                r.dP_dF[i][J][k][L] = dP[i][J];
          }
      return r;
    }
  } // namespace materials
} // namespace siswell
