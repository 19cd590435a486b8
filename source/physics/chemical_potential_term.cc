#include <siswell/physics/chemical_potential_term.h>

namespace siswell
{
  namespace physics
  {
    template <int dim>
    void
    ChemicalPotentialTerm<dim>::add(const PointData<dim>       &p,
                                    dealii::Vector<double>     &residual,
                                    dealii::FullMatrix<double> *jacobian) const
    {
      const auto  &mat  = *p.active;
      const auto  &r    = p.response;
      const double gap  = p.mu - mat.chemical_potential(p.c) - r.mu;
      const double d_dc = -mat.chemical_potential_derivative(p.c) - r.dmu_dc;
      const auto  &rows = p.dofs(Field::chemical_potential);
      for (const unsigned int i : rows)
        {
          residual(i) += gap * p.phi[i] * p.JxW;
          if (p.d_residual_d_stretch())
            (*p.d_residual_d_stretch())(i) -= r.dmu_dF[2][2] * p.phi[i] * p.JxW;
        }
      if (!jacobian)
        return;
      // column by column: ∂(μ − μ̂)/∂x_j once, times each row's test function
      const auto column = [&](const unsigned int j, const double value) {
        for (const unsigned int i : rows)
          (*jacobian)(i, j) += value * p.phi[i] * p.JxW;
      };
      for (const unsigned int j : p.dofs(Field::chemical_potential))
        column(j, p.phi[j]);
      for (const unsigned int j : p.dofs(Field::concentration))
        column(j, d_dc * p.phi[j]);
      for (const unsigned int j : p.dofs(Field::displacement))
        column(j, -dealii::scalar_product(r.dmu_dF, p.dF[j]));
    }

    template class ChemicalPotentialTerm<2>;
    template class ChemicalPotentialTerm<3>;
  } // namespace physics
} // namespace siswell
