#include <siswell/physics/transport_term.h>

namespace siswell
{
  namespace physics
  {
    namespace
    {
      /// The dim x dim block of a 3x3 tensor (F is block diagonal in 2D).
      template <int dim>
      dealii::Tensor<2, dim>
      in_plane(const dealii::Tensor<2, 3> &T)
      {
        dealii::Tensor<2, dim> t;
        for (unsigned int i = 0; i < dim; ++i)
          for (unsigned int j = 0; j < dim; ++j)
            t[i][j] = T[i][j];
        return t;
      }
    } // namespace

    template <int dim>
    void
    TransportTerm<dim>::add(const PointData<dim> &     p,
                            dealii::Vector<double> &    residual,
                            dealii::FullMatrix<double> *jacobian) const
    {
      const auto &       mat   = *p.active;
      const double       M     = mat.mobility(p.c);
      const double       dM    = mat.mobility_derivative(p.c);
      const auto         C_inv = dealii::invert(dealii::transpose(p.F) * p.F);
      const auto         Ci    = in_plane<dim>(C_inv);
      const auto         q     = Ci * p.grad_mu; // C⁻¹ Grad μ
      // F is block diagonal in 2D: the in-plane block of C⁻¹, and so this term,
      // does not depend on the out-of-plane stretch (nothing to add to
      // p.d_residual_d_stretch())
      const unsigned int n     = p.field.size();
      for (unsigned int i = 0; i < n; ++i)
        {
          if (p.field[i] != Field::concentration)
            continue;
          residual(i) += ((p.c - p.c_old) / p.dt * p.phi[i] + M * (q * p.grad_phi[i])) * p.JxW;
          if (!jacobian)
            continue;
          for (unsigned int j = 0; j < n; ++j)
            switch (p.field[j])
              {
                case Field::concentration:
                  (*jacobian)(i, j) +=
                    (p.phi[j] / p.dt * p.phi[i] + dM * p.phi[j] * (q * p.grad_phi[i])) * p.JxW;
                  break;
                case Field::chemical_potential:
                  (*jacobian)(i, j) += M * ((Ci * p.grad_phi[j]) * p.grad_phi[i]) * p.JxW;
                  break;
                case Field::displacement:
                  {
                    // dC⁻¹ = −C⁻¹ (dFᵀ F + Fᵀ dF) C⁻¹
                    const auto dC     = dealii::transpose(p.dF[j]) * p.F +
                                    dealii::transpose(p.F) * p.dF[j];
                    const auto dC_inv = -C_inv * dC * C_inv;
                    (*jacobian)(i, j) +=
                      M * ((in_plane<dim>(dC_inv) * p.grad_mu) * p.grad_phi[i]) * p.JxW;
                    break;
                  }
              }
        }
    }

    template <int dim>
    void
    TransportTerm<dim>::add_lithium_preconditioner(const PointData<dim> &p, dealii::FullMatrix<double> &S) const
    {
      const auto & mat = *p.active;
      const double D_eff =
        mat.mobility(p.c) * (mat.chemical_potential_derivative(p.c) + p.response.dmu_dc);
      const auto         Ci = in_plane<dim>(dealii::invert(dealii::transpose(p.F) * p.F));
      const unsigned int n  = p.field.size();
      for (unsigned int i = 0; i < n; ++i)
        if (p.field[i] == Field::concentration)
          for (unsigned int j = 0; j < n; ++j)
            if (p.field[j] == Field::concentration)
              S(i, j) += (p.phi[i] * p.phi[j] / p.dt + D_eff * ((Ci * p.grad_phi[j]) * p.grad_phi[i])) *
                         p.JxW;
    }

    template class TransportTerm<2>;
    template class TransportTerm<3>;
  } // namespace physics
} // namespace siswell
