// Random rotations and stretches for the constitutive unit tests.
#pragma once

#include <deal.II/base/tensor.h>
#include <deal.II/physics/transformations.h>

#include <array>
#include <cmath>
#include <random>

namespace siswell
{
  namespace testing
  {
    /// A rotation about a random axis by a random angle in [0, π).
    inline dealii::Tensor<2, 3>
    random_rotation(std::mt19937 &rng)
    {
      std::normal_distribution<double>       normal;
      std::uniform_real_distribution<double> angle(0., M_PI);
      dealii::Tensor<1, 3>                   axis;
      for (unsigned int i = 0; i < 3; ++i)
        axis[i] = normal(rng);
      return dealii::Physics::Transformations::Rotations::rotation_matrix_3d(axis / axis.norm(),
                                                                             angle(rng));
    }

    /// Q diag(λ) Qᵀ.
    inline dealii::Tensor<2, 3>
    rotated_diagonal(const dealii::Tensor<2, 3> &Q, const std::array<double, 3> &lambda)
    {
      dealii::Tensor<2, 3> D;
      for (unsigned int a = 0; a < 3; ++a)
        D[a][a] = lambda[a];
      return Q * D * transpose(Q);
    }
  } // namespace testing
} // namespace siswell
