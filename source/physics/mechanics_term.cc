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
          if (!jacobian)
            continue;
          // dF_i : dP/dF, then contracted with each trial function
          const dealii::Tensor<2, 3> A = dealii::double_contract<0, 0, 1, 1>(p.dF[i], r.dP_dF);
          const double               B = dealii::scalar_product(p.dF[i], r.dP_dc);
          for (unsigned int j = 0; j < n; ++j)
            if (p.field[j] == Field::displacement)
              (*jacobian)(i, j) += dealii::scalar_product(A, p.dF[j]) * p.JxW;
            else if (p.field[j] == Field::concentration)
              (*jacobian)(i, j) += B * p.phi[j] * p.JxW;
        }
    }

    template class MechanicsTerm<2>;
    template class MechanicsTerm<3>;
  } // namespace physics
} // namespace siswell
