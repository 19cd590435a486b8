#include <siswell/physics/mechanical_relaxation.h>

#include <algorithm>

namespace siswell
{
  namespace physics
  {
    using Relaxation = solvers::LinearSolverParameters::SchurRelaxation;

    template <int dim>
    double
    mechanical_relaxation(const materials::MechanicalResponse &r,
                          const dealii::Tensor<2, 3>          &F,
                          const Relaxation                     mode,
                          const bool                           hoop)
    {
      if (mode == Relaxation::fixed_strain)
        return 0.;
      const auto &A    = r.dP_dF;
      const auto &P_c  = r.dP_dc;
      const auto &m    = r.dmu_dF;
      double      beta = 0.;
      if (mode == Relaxation::plane_wave)
        {
          for (unsigned int d = 0; d < dim; ++d)
            {
              dealii::Tensor<2, dim> Q;
              dealii::Tensor<1, dim> b, mN;
              for (unsigned int i = 0; i < dim; ++i)
                {
                  b[i]  = P_c[i][d];
                  mN[i] = m[i][d];
                  for (unsigned int k = 0; k < dim; ++k)
                    Q[i][k] = A[i][d][k][d];
                }
              // positive definite (Sylvester): otherwise the wave does not
              // relax, it localises; leave this direction out
              bool definite = Q[0][0] > 0. && dealii::determinant(Q) > 0.;
              if (dim == 3)
                definite = definite && Q[0][0] * Q[1][1] - Q[0][1] * Q[1][0] > 0.;
              if (definite)
                beta += mN * (dealii::invert(Q) * b);
            }
          beta /= dim;
        }
      else
        {
          dealii::Tensor<2, 3> Fh;
          for (unsigned int i = 0; i < dim; ++i)
            for (unsigned int j = 0; j < dim; ++j)
              Fh[i][j] = F[i][j];
          if (hoop)
            Fh[2][2] = F[2][2];
          const double stiffness =
              dealii::scalar_product(Fh, dealii::double_contract<2, 0, 3, 1>(A, Fh));
          if (stiffness > 0.)
            beta = dealii::scalar_product(m, Fh) * dealii::scalar_product(Fh, P_c) / stiffness;
        }
      return std::clamp(beta, 0., std::max(r.dmu_dc, 0.));
    }

    template double
    mechanical_relaxation<2>(const materials::MechanicalResponse &,
                             const dealii::Tensor<2, 3> &,
                             Relaxation,
                             bool);
    template double
    mechanical_relaxation<3>(const materials::MechanicalResponse &,
                             const dealii::Tensor<2, 3> &,
                             Relaxation,
                             bool);
  } // namespace physics
} // namespace siswell
