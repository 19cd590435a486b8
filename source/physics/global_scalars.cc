#include <siswell/physics/global_scalars.h>

#include <deal.II/base/mpi.h>

#include <cmath>
#include <stdexcept>

namespace siswell
{
  namespace physics
  {
    unsigned int
    GlobalScalars::add(const std::string &name,
                       const double       value,
                       const double       unknown_scale,
                       const double       residual_scale,
                       const Field        norm_field)
    {
      if (sized)
        throw std::logic_error("GlobalScalars::add('" + name +
                               "'): add global scalars before the problem's setup()");
      for (const auto &s : scalars)
        if (s.name == name)
          throw std::invalid_argument("GlobalScalars::add(): a global scalar named '" + name +
                                      "' exists already");
      if (!(unknown_scale > 0.) || !(residual_scale > 0.))
        throw std::invalid_argument("GlobalScalars::add('" + name + "'): scales must be positive");
      Scalar s;
      s.name  = name;
      s.value = s.old = s.start = value;
      s.unknown_scale           = unknown_scale;
      s.residual_scale          = residual_scale;
      s.norm_field              = norm_field;
      scalars.push_back(s);
      return scalars.size() - 1;
    }

    unsigned int
    GlobalScalars::index(const std::string &name) const
    {
      for (unsigned int k = 0; k < scalars.size(); ++k)
        if (scalars[k].name == name)
          return k;
      std::string known;
      for (const auto &s : scalars)
        known += (known.empty() ? "" : ", ") + s.name;
      throw std::invalid_argument("there is no global scalar named '" + name + "' (there are: " +
                                  (known.empty() ? std::string("none") : known) + ")");
    }

    const std::string &
    GlobalScalars::name(const unsigned int k) const
    {
      return scalars.at(k).name;
    }

    double
    GlobalScalars::value(const unsigned int k) const
    {
      return scalars.at(k).value;
    }

    void
    GlobalScalars::set_value(const unsigned int k, const double value)
    {
      scalars.at(k).value = value;
    }

    void
    GlobalScalars::set_scales(const unsigned int k,
                              const double       unknown_scale,
                              const double       residual_scale)
    {
      if (!(unknown_scale > 0.) || !(residual_scale > 0.))
        throw std::invalid_argument("GlobalScalars::set_scales('" + scalars.at(k).name +
                                    "'): scales must be positive");
      scalars.at(k).unknown_scale  = unknown_scale;
      scalars.at(k).residual_scale = residual_scale;
    }

    double
    GlobalScalars::unknown_scale(const unsigned int k) const
    {
      return scalars.at(k).unknown_scale;
    }

    Field
    GlobalScalars::norm_field(const unsigned int k) const
    {
      return scalars.at(k).norm_field;
    }

    void
    GlobalScalars::reinit(const solvers::Vector &layout)
    {
      sized = true;
      columns.resize(size());
      rows.resize(size());
      for (unsigned int k = 0; k < size(); ++k)
        {
          columns[k].reinit(layout);
          rows[k].reinit(layout);
        }
      zero();
    }

    void
    GlobalScalars::zero()
    {
      for (unsigned int k = 0; k < size(); ++k)
        {
          columns[k] = 0.;
          rows[k]    = 0.;
        }
      r.assign(size(), 0.);
      d.reinit(size(), size());
    }

    void
    GlobalScalars::distribute(const LocalBorder                                  &local,
                              const std::vector<dealii::types::global_dof_index> &dofs,
                              const std::vector<double>               &dof_residual_scale,
                              const std::vector<double>               &dof_unknown_scale,
                              const dealii::AffineConstraints<double> &constraints)
    {
      if (local.n_scalars() != size())
        throw std::logic_error("GlobalScalars::distribute(): the local border has " +
                               std::to_string(local.n_scalars()) + " scalars, the problem " +
                               std::to_string(size()));
      // scaled copies, in work vectors kept from call to call (once per cell)
      dealii::Vector<double> &column = scaled_column, &row = scaled_row;
      column.reinit(dofs.size(), true);
      row.reinit(dofs.size(), true);
      for (unsigned int k = 0; k < size(); ++k)
        {
          // B̃_ik = B_ik s_x(k) / s_R(i), C̃_kj = C_kj s_x(j) / s_R(k)
          for (unsigned int i = 0; i < dofs.size(); ++i)
            {
              column(i) = local.column[k](i) * scalars[k].unknown_scale / dof_residual_scale[i];
              row(i)    = local.row[k](i) * dof_unknown_scale[i] / scalars[k].residual_scale;
            }
          constraints.distribute_local_to_global(column, dofs, columns[k]);
          constraints.distribute_local_to_global(row, dofs, rows[k]);
          r[k] += local.r[k];
          for (unsigned int l = 0; l < size(); ++l)
            d(k, l) += local.d(k, l);
        }
    }

    void
    GlobalScalars::compress(const MPI_Comm comm)
    {
      for (unsigned int k = 0; k < size(); ++k)
        {
          columns[k].compress(dealii::VectorOperation::add);
          rows[k].compress(dealii::VectorOperation::add);
        }
      dealii::Utilities::MPI::sum(r, comm, r);
      for (unsigned int k = 0; k < size(); ++k)
        {
          r[k] /= scalars[k].residual_scale;
          for (unsigned int l = 0; l < size(); ++l)
            d(k, l) = dealii::Utilities::MPI::sum(d(k, l), comm) * scalars[l].unknown_scale /
                      scalars[k].residual_scale;
        }
    }

    const solvers::Vector &
    GlobalScalars::column(const unsigned int k) const
    {
      return columns.at(k);
    }

    const solvers::Vector &
    GlobalScalars::row(const unsigned int k) const
    {
      return rows.at(k);
    }

    double
    GlobalScalars::residual(const unsigned int k) const
    {
      return r.at(k);
    }

    double
    GlobalScalars::tangent(const unsigned int k, const unsigned int l) const
    {
      return d(k, l);
    }

    unsigned int
    GlobalScalars::solve(solvers::LinearSolver &solver, solvers::Vector &direction)
    {
      const unsigned int           n   = size();
      unsigned int                 its = 0;
      std::vector<solvers::Vector> Y(n);
      for (unsigned int l = 0; l < n; ++l)
        {
          Y[l].reinit(direction);
          its += solver.solve(columns[l], Y[l]); // the set-up of J is shared
        }
      // S δs̃ = −r̃ − C̃ y₀ with S = D̃ − C̃ Y, by Gaussian elimination with
      // partial pivoting (k is a handful; the same numbers on every rank)
      dealii::FullMatrix<double> S(n, n);
      std::vector<double>        b(n);
      for (unsigned int k = 0; k < n; ++k)
        {
          b[k] = -r[k] - (rows[k] * direction);
          for (unsigned int l = 0; l < n; ++l)
            S(k, l) = d(k, l) - (rows[k] * Y[l]);
        }
      for (unsigned int c = 0; c < n; ++c)
        {
          unsigned int pivot = c;
          for (unsigned int k = c + 1; k < n; ++k)
            if (std::abs(S(k, c)) > std::abs(S(pivot, c)))
              pivot = k;
          double scale = 0.;
          for (unsigned int l = 0; l < n; ++l)
            scale = std::max(scale, std::abs(S(pivot, l)));
          if (!(std::abs(S(pivot, c)) > 1e-14 * scale) || !std::isfinite(S(pivot, c)))
            throw std::runtime_error("the Schur complement of the global scalars is singular at '" +
                                     scalars[c].name + "' (its equation does not determine it)");
          for (unsigned int l = 0; l < n; ++l)
            std::swap(S(c, l), S(pivot, l));
          std::swap(b[c], b[pivot]);
          for (unsigned int k = c + 1; k < n; ++k)
            {
              const double f = S(k, c) / S(c, c);
              for (unsigned int l = c; l < n; ++l)
                S(k, l) -= f * S(c, l);
              b[k] -= f * b[c];
            }
        }
      std::vector<double> ds(n);
      for (unsigned int k = n; k-- > 0;)
        {
          double sum = b[k];
          for (unsigned int l = k + 1; l < n; ++l)
            sum -= S(k, l) * ds[l];
          ds[k] = sum / S(k, k);
        }
      // δx̃ = y₀ − Y δs̃
      for (unsigned int l = 0; l < n; ++l)
        {
          direction.add(-ds[l], Y[l]);
          scalars[l].direction = ds[l] * scalars[l].unknown_scale;
        }
      return its;
    }

    double
    GlobalScalars::direction(const unsigned int k) const
    {
      return scalars.at(k).direction;
    }

    void
    GlobalScalars::commit()
    {
      for (auto &s : scalars)
        s.old = s.value;
    }

    void
    GlobalScalars::restore()
    {
      for (auto &s : scalars)
        s.value = s.old;
    }

    void
    GlobalScalars::store_iterate()
    {
      for (auto &s : scalars)
        s.start = s.value;
    }

    void
    GlobalScalars::apply_direction(const double alpha)
    {
      for (auto &s : scalars)
        s.value = s.start + alpha * s.direction;
    }
  } // namespace physics
} // namespace siswell
