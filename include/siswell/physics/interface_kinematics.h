#pragma once

#include <deal.II/base/tensor.h>

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
  } // namespace physics
} // namespace siswell
