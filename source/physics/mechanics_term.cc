#include <siswell/physics/mechanics_term.h>

namespace siswell
{
  namespace physics
  {
    template <int dim>
    void
    MechanicsTerm<dim>::add(const PointData<dim> &     p,
                            dealii::Vector<double> &    residual,
                            dealii::FullMatrix<double> *jacobian) const
    {
      const unsigned int n  = p.field.size();
      const auto &       r  = p.response;
      for (unsigned int i = 0; i < n; ++i)
        {
          if (p.field[i] != Field::displacement)
            continue;
          residual(i) += dealii::scalar_product(r.P, p.dF[i]) * p.JxW;
          if (p.d_residual_d_stretch())
            {
              double d = 0.;
              for (unsigned int k = 0; k < 3; ++k)
                for (unsigned int l = 0; l < 3; ++l)
                  d += p.dF[i][k][l] * r.dP_dF[k][l][2][2];
              (*p.d_residual_d_stretch())(i) += d * p.JxW;
            }
          if (!jacobian)
            continue;
          const double B = dealii::scalar_product(p.dF[i], r.dP_dc);
          for (unsigned int j = 0; j < n; ++j)
            if (p.field[j] == Field::concentration)
              (*jacobian)(i, j) += B * p.phi[j] * p.JxW;
          if (!p.displacement_stiffness) // J_uu is applied matrix-free
            continue;
          // dF_i : dP/dF, then contracted with each trial function
          const dealii::Tensor<2, 3> A = dealii::double_contract<0, 0, 1, 1>(p.dF[i], r.dP_dF);
          for (unsigned int j = 0; j < n; ++j)
            if (p.field[j] == Field::displacement)
              (*jacobian)(i, j) += dealii::scalar_product(A, p.dF[j]) * p.JxW;
        }
    }

    template class MechanicsTerm<2>;
    template class MechanicsTerm<3>;
  } // namespace physics
} // namespace siswell
