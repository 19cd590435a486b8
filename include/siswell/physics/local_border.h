#pragma once

#include <deal.II/lac/full_matrix.h>
#include <deal.II/lac/vector.h>

#include <vector>

namespace siswell
{
  namespace physics
  {
    /**
     * What one cell, boundary face or interface face pair adds to the border
     * of the Newton system, in SI units and numbered by the local dofs: for
     * each global scalar s_k the column ∂R_i/∂s_k of the local residual, the
     * row ∂r_k/∂x_j of the scalar's equation, the value r_k and the
     * derivatives ∂r_k/∂s_l. Weak-form terms write here through
     * PointData::border (see GlobalScalars).
     */
    struct LocalBorder
    {
      std::vector<dealii::Vector<double>> column, row;
      std::vector<double>                 r;
      dealii::FullMatrix<double>          d;

      /// Zero, for @p n_scalars scalars and @p n_dofs local dofs.
      void
      reinit(const unsigned int n_scalars, const unsigned int n_dofs);

      unsigned int
      n_scalars() const
      {
        return r.size();
      }
    };

  } // namespace physics
} // namespace siswell
