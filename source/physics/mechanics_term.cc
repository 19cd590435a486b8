#include <siswell/physics/mechanics_term.h>

namespace siswell
{
  namespace physics
  {
    template <int dim>
    void
    MechanicsTerm<dim>::add(const PointData<dim>       &p,
                            dealii::Vector<double>     &residual,
                            dealii::FullMatrix<double> *jacobian) const
    {
      const auto &r         = p.response;
      const auto &u_dofs    = p.dofs(Field::displacement);
      const auto &c_dofs    = p.dofs(Field::concentration);
      auto *const d_stretch = p.d_residual_d_stretch();
      for (const unsigned int i : u_dofs)
        {
          residual(i) += dealii::scalar_product(r.P, p.dF[i]) * p.JxW;
          if (d_stretch)
            {
              double d = 0.;
              for (unsigned int k = 0; k < 3; ++k)
                for (unsigned int l = 0; l < 3; ++l)
                  d += p.dF[i][k][l] * r.dP_dF[k][l][2][2];
              (*d_stretch)(i) += d * p.JxW;
            }
          if (!jacobian)
            continue;
          const double B = dealii::scalar_product(p.dF[i], r.dP_dc) * p.JxW;
          for (const unsigned int j : c_dofs)
            (*jacobian)(i, j) += B * p.phi[j];
          if (!p.displacement_stiffness) // J_uu is applied matrix-free
            continue;
          // dF_i : dP/dF, then contracted with each trial function
          const dealii::Tensor<2, 3> A =
              dealii::double_contract<0, 0, 1, 1>(p.dF[i], r.dP_dF) * p.JxW;
          for (const unsigned int j : u_dofs)
            (*jacobian)(i, j) += dealii::scalar_product(A, p.dF[j]);
        }
    }

    template class MechanicsTerm<2>;
    template class MechanicsTerm<3>;
  } // namespace physics
} // namespace siswell
