#include <siswell/physics/interface_kinematics.h>

namespace siswell
{
  namespace physics
  {
    using namespace dealii;

    CurrentNormal::CurrentNormal(const Tensor<2, 3> &F, const Tensor<1, 3> &N)
        : J(determinant(F)), F_inv(invert(F)), N(N)
    {
      a          = J * transpose(F_inv) * N;
      area_ratio = a.norm();
      n          = a / area_ratio;
    }

    Tensor<1, 3>
    CurrentNormal::change(const Tensor<2, 3> &dF, Tensor<1, 3> &da) const
    {
      // d cof(F) = J (tr(F⁻¹ dF) F⁻ᵀ − F⁻ᵀ dFᵀ F⁻ᵀ)
      const Tensor<2, 3> F_inv_T = transpose(F_inv);
      da = J * (trace(F_inv * dF) * F_inv_T - F_inv_T * transpose(dF) * F_inv_T) * N;
      return (da - (n * da) * n) / area_ratio;
    }
  } // namespace physics
} // namespace siswell
