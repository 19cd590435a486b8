#include <siswell/physics/mechanical_relaxation.h>
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
    TransportTerm<dim>::add(const PointData<dim>       &p,
                            dealii::Vector<double>     &residual,
                            dealii::FullMatrix<double> *jacobian) const
    {
      const auto  &mat   = *p.active;
      const double M     = mat.mobility(p.c);
      const auto   C_inv = dealii::invert(dealii::transpose(p.F) * p.F);
      const auto   Ci    = in_plane<dim>(C_inv);
      const auto   q     = Ci * p.grad_mu; // C⁻¹ Grad μ
      // F is block diagonal in 2D: the in-plane block of C⁻¹, and so this term,
      // does not depend on the out-of-plane stretch (nothing to add to
      // p.d_residual_d_stretch())
      const auto &rows = p.dofs(Field::concentration);
      for (const unsigned int i : rows)
        residual(i) += ((p.c - p.c_old) / p.dt * p.phi[i] + M * (q * p.grad_phi[i])) * p.JxW;
      if (!jacobian)
        return;
      const double dM = mat.mobility_derivative(p.c);
      // column by column: what a column needs of the state is formed once and
      // then contracted with each row's test gradient
      for (const unsigned int j : p.dofs(Field::concentration))
        for (const unsigned int i : rows)
          (*jacobian)(i, j) +=
              (p.phi[j] / p.dt * p.phi[i] + dM * p.phi[j] * (q * p.grad_phi[i])) * p.JxW;
      // w: ∂(M C⁻¹ Grad μ)/∂x_j, contracted with the rows' test gradients
      const auto column = [&](const unsigned int j, const dealii::Tensor<1, dim> &w) {
        for (const unsigned int i : rows)
          (*jacobian)(i, j) += (w * p.grad_phi[i]) * p.JxW;
      };
      for (const unsigned int j : p.dofs(Field::chemical_potential))
        column(j, M * (Ci * p.grad_phi[j]));
      dealii::Tensor<1, 3> q3;
      for (unsigned int d = 0; d < dim; ++d)
        q3[d] = q[d];
      const dealii::Tensor<1, 3> Fq = p.F * q3;
      const auto                 Ft = dealii::transpose(p.F);
      for (const unsigned int j : p.dofs(Field::displacement))
        {
          // dC⁻¹ Grad μ = −C⁻¹ (dFᵀ F + Fᵀ dF) C⁻¹ Grad μ, as matrix–vector products
          const dealii::Tensor<1, 3> v =
              -(C_inv * (dealii::transpose(p.dF[j]) * Fq + Ft * (p.dF[j] * q3)));
          dealii::Tensor<1, dim> w;
          for (unsigned int d = 0; d < dim; ++d)
            w[d] = M * v[d];
          column(j, w);
        }
    }

    template <int dim>
    void
    TransportTerm<dim>::add_lithium_preconditioner(const PointData<dim>       &p,
                                                   dealii::FullMatrix<double> &S) const
    {
      const auto  &mat  = *p.active;
      const double beta = mechanical_relaxation<dim>(p.response, p.F, relaxation, hoop);
      const double D_eff =
          mat.mobility(p.c) * (mat.chemical_potential_derivative(p.c) + p.response.dmu_dc - beta);
      const auto  Ci   = in_plane<dim>(dealii::invert(dealii::transpose(p.F) * p.F));
      const auto &dofs = p.dofs(Field::concentration);
      for (const unsigned int j : dofs)
        {
          const dealii::Tensor<1, dim> flux = D_eff * (Ci * p.grad_phi[j]);
          for (const unsigned int i : dofs)
            S(i, j) += (p.phi[i] * p.phi[j] / p.dt + flux * p.grad_phi[i]) * p.JxW;
        }
    }

    template class TransportTerm<2>;
    template class TransportTerm<3>;
  } // namespace physics
} // namespace siswell
