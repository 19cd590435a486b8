#include <siswell/physics/out_of_plane_force_term.h>

namespace siswell
{
  namespace physics
  {
    template <int dim>
    void
    OutOfPlaneForceTerm<dim>::add(const PointData<dim> &p,
                                  dealii::Vector<double> & /*residual*/,
                                  dealii::FullMatrix<double> * /*jacobian*/) const
    {
      if (!p.border || p.stretch == dealii::numbers::invalid_unsigned_int)
        return;
      const unsigned int k = p.stretch;
      const auto        &m = p.response;
      LocalBorder       &b = *p.border;
      b.r[k] += m.P[2][2] * p.JxW;
      b.d(k, k) += m.dP_dF[2][2][2][2] * p.JxW;
      for (unsigned int j = 0; j < p.field.size(); ++j)
        if (p.field[j] == Field::displacement)
          {
            double d = 0.;
            for (unsigned int a = 0; a < 3; ++a)
              for (unsigned int c = 0; c < 3; ++c)
                d += m.dP_dF[2][2][a][c] * p.dF[j][a][c];
            b.row[k](j) += d * p.JxW;
          }
        else if (p.field[j] == Field::concentration)
          b.row[k](j) += m.dP_dc[2][2] * p.phi[j] * p.JxW;
    }

    template class OutOfPlaneForceTerm<2>;
    template class OutOfPlaneForceTerm<3>;
  } // namespace physics
} // namespace siswell
