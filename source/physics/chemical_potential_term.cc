#include <siswell/physics/chemical_potential_term.h>

namespace siswell
{
  namespace physics
  {
    template <int dim>
    void
    ChemicalPotentialTerm<dim>::add(const PointData<dim> &     p,
                                    dealii::Vector<double> &    residual,
                                    dealii::FullMatrix<double> *jacobian) const
    {
      const auto &       mat  = *p.active;
      const auto &       r    = p.response;
      const double       gap  = p.mu - mat.chemical_potential(p.c) - r.mu;
      const double       d_dc = -mat.chemical_potential_derivative(p.c) - r.dmu_dc;
      const unsigned int n    = p.field.size();
      for (unsigned int i = 0; i < n; ++i)
        {
          if (p.field[i] != Field::chemical_potential)
            continue;
          residual(i) += gap * p.phi[i] * p.JxW;
          if (p.d_residual_d_stretch())
            (*p.d_residual_d_stretch())(i) -= r.dmu_dF[2][2] * p.phi[i] * p.JxW;
          if (!jacobian)
            continue;
          for (unsigned int j = 0; j < n; ++j)
            switch (p.field[j])
              {
                case Field::chemical_potential:
                  (*jacobian)(i, j) += p.phi[j] * p.phi[i] * p.JxW;
                  break;
                case Field::concentration:
                  (*jacobian)(i, j) += d_dc * p.phi[j] * p.phi[i] * p.JxW;
                  break;
                case Field::displacement:
                  (*jacobian)(i, j) -= dealii::scalar_product(r.dmu_dF, p.dF[j]) * p.phi[i] * p.JxW;
                  break;
              }
        }
    }

    template class ChemicalPotentialTerm<2>;
    template class ChemicalPotentialTerm<3>;
  } // namespace physics
} // namespace siswell
