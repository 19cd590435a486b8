#include <siswell/physics/boundary_terms.h>

namespace siswell
{
  namespace physics
  {
    template <int dim>
    LithiumFluxBoundary<dim>::LithiumFluxBoundary(const std::set<dealii::types::boundary_id> &ids)
      : ids(ids)
    {}



    template <int dim>
    void
    LithiumFluxBoundary<dim>::add(const PointData<dim> &p,
                                  dealii::Vector<double> &residual,
                                  dealii::FullMatrix<double> *) const
    {
      if (!p.active)
        return;
      for (unsigned int i = 0; i < p.field.size(); ++i)
        if (p.field[i] == Field::concentration)
          residual(i) -= flux * p.phi[i] * p.JxW;
    }



    template <int dim>
    PressureBoundary<dim>::PressureBoundary(const std::set<dealii::types::boundary_id> &ids,
                                            const double                                pressure)
      : pressure(pressure)
      , ids(ids)
    {}



    template <int dim>
    void
    PressureBoundary<dim>::add(const PointData<dim> &     p,
                               dealii::Vector<double> &    residual,
                               dealii::FullMatrix<double> *jacobian) const
    {
      const double               J       = dealii::determinant(p.F);
      const dealii::Tensor<2, 3> F_inv   = dealii::invert(p.F);
      const dealii::Tensor<2, 3> F_inv_T = dealii::transpose(F_inv);
      const dealii::Tensor<1, 3> cofN    = J * (F_inv_T * p.normal);
      const unsigned int         n       = p.field.size();
      for (unsigned int i = 0; i < n; ++i)
        {
          if (p.field[i] != Field::displacement)
            continue;
          residual(i) += pressure * (cofN * p.shape_u[i]) * p.JxW;
          if (p.d_residual_d_stretch())
            // in 2D, J F⁻ᵀ N = F_zz cof(F_2D) N: linear in the out-of-plane stretch
            (*p.d_residual_d_stretch())(i) += pressure * (cofN * p.shape_u[i]) / p.F[2][2] * p.JxW;
          if (!jacobian)
            continue;
          for (unsigned int j = 0; j < n; ++j)
            if (p.field[j] == Field::displacement)
              {
                const dealii::Tensor<2, 3> &dF = p.dF[j];
                const dealii::Tensor<1, 3>  dcofN =
                  dealii::trace(F_inv * dF) * cofN -
                  J * (F_inv_T * (dealii::transpose(dF) * (F_inv_T * p.normal)));
                (*jacobian)(i, j) += pressure * (dcofN * p.shape_u[i]) * p.JxW;
              }
        }
    }

    template class LithiumFluxBoundary<2>;
    template class LithiumFluxBoundary<3>;
    template class PressureBoundary<2>;
    template class PressureBoundary<3>;
  } // namespace physics
} // namespace siswell
