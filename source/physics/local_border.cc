#include <siswell/physics/local_border.h>

namespace siswell
{
  namespace physics
  {
    void
    LocalBorder::reinit(const unsigned int n_scalars, const unsigned int n_dofs)
    {
      column.resize(n_scalars);
      row.resize(n_scalars);
      for (unsigned int k = 0; k < n_scalars; ++k)
        {
          column[k].reinit(n_dofs);
          row[k].reinit(n_dofs);
        }
      r.assign(n_scalars, 0.);
      d.reinit(n_scalars, n_scalars);
    }
  } // namespace physics
} // namespace siswell
