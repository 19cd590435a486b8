#pragma once

#include <siswell/physics/interface_term.h>

#include <deal.II/base/tensor.h>

#include <array>

namespace siswell
{
  namespace physics
  {
    /**
     * The current normal of an interface point and its linearisation, shared
     * by the contact and cohesive terms. With F₀ the deformation gradient of
     * side 0 and N its reference unit normal, Nanson's formula gives the
     * area vector a = cof(F₀) N = J₀ F₀⁻ᵀ N (n da = a dA), the area ratio
     * da/dA = |a| and the current unit normal n = a / |a|.
     */
    struct CurrentNormal
    {
      /// At @p F (side 0) and reference unit normal @p N.
      CurrentNormal(const dealii::Tensor<2, 3> &F, const dealii::Tensor<1, 3> &N);

      /// The changes of a (into @p da) and of n (returned) for a change @p dF of F₀.
      dealii::Tensor<1, 3>
      change(const dealii::Tensor<2, 3> &dF, dealii::Tensor<1, 3> &da) const;

      double               J = 1.;     ///< det F₀ (-)
      dealii::Tensor<2, 3> F_inv;      ///< F₀⁻¹
      dealii::Tensor<1, 3> N;          ///< reference unit normal
      dealii::Tensor<1, 3> a;          ///< area vector cof(F₀) N (-)
      double               area_ratio; ///< |a| = da / dA (-)
      dealii::Tensor<1, 3> n;          ///< a / |a|
    };

    /**
     * Adds a force f per reference area acting on the two sides of an
     * interface point with signs @p sign (residual of side s += sign[s] ∫ f · δu_s dA) and
     * its derivatives: @p df_dof(t, j) is the change of f for displacement dof j of side
     * t, @p df_stretch() the change for F₀_zz (the out-of-plane stretch's column, only
     * asked for where it exists). Shared by the contact, cohesive and friction terms.
     */
    template <int dim, typename DofChange, typename StretchChange>
    void
    add_pair_force(const InterfacePointData<dim>                            &p,
                   const std::array<double, 2>                              &sign,
                   const dealii::Tensor<1, 3>                               &f,
                   const DofChange                                          &df_dof,
                   const StretchChange                                      &df_stretch,
                   std::array<dealii::Vector<double>, 2>                    &residual,
                   std::array<std::array<dealii::FullMatrix<double>, 2>, 2> *jacobian)
    {
      for (unsigned int s = 0; s < 2; ++s)
        for (unsigned int i = 0; i < p.side[s].field.size(); ++i)
          if (p.side[s].field[i] == Field::displacement)
            residual[s](i) += sign[s] * (f * p.side[s].shape_u[i]) * p.JxW;
      if (p.side[0].d_residual_d_stretch() || p.side[1].d_residual_d_stretch())
        {
          const dealii::Tensor<1, 3> df = df_stretch();
          for (unsigned int s = 0; s < 2; ++s)
            if (dealii::Vector<double> *column = p.side[s].d_residual_d_stretch())
              for (unsigned int i = 0; i < p.side[s].field.size(); ++i)
                if (p.side[s].field[i] == Field::displacement)
                  (*column)(i) += sign[s] * (df * p.side[s].shape_u[i]) * p.JxW;
        }
      if (!jacobian)
        return;
      for (unsigned int t = 0; t < 2; ++t)
        for (unsigned int j = 0; j < p.side[t].field.size(); ++j)
          {
            if (p.side[t].field[j] != Field::displacement)
              continue;
            const dealii::Tensor<1, 3> df = df_dof(t, j);
            for (unsigned int s = 0; s < 2; ++s)
              for (unsigned int i = 0; i < p.side[s].field.size(); ++i)
                if (p.side[s].field[i] == Field::displacement)
                  (*jacobian)[s][t](i, j) += sign[s] * (df * p.side[s].shape_u[i]) * p.JxW;
          }
    }
  } // namespace physics
} // namespace siswell
