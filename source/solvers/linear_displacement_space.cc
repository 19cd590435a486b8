#include <siswell/solvers/linear_displacement_space.h>

#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_system.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <tuple>

namespace siswell
{
  namespace solvers
  {
    using namespace dealii;

    template <int dim>
    std::vector<std::vector<double>>
    rigid_body_modes(const std::vector<Point<dim>>   &point,
                     const std::vector<unsigned int> &component,
                     const bool                       rotations,
                     const MPI_Comm                   comm)
    {
      Point<dim> centre;
      for (const auto &p : point)
        centre += p;
      for (unsigned int d = 0; d < dim; ++d)
        centre[d] = Utilities::MPI::sum(centre[d], comm);
      const double n = Utilities::MPI::sum(static_cast<double>(point.size()), comm);
      centre         = centre / std::max(n, 1.);
      double extent  = 0.;
      for (const auto &p : point)
        extent = std::max(extent, p.distance(centre));
      extent = std::max(Utilities::MPI::max(extent, comm), 1e-300);

      const unsigned int               n_rotations = rotations ? (dim == 2 ? 1 : 3) : 0;
      std::vector<std::vector<double>> modes(dim + n_rotations,
                                             std::vector<double>(point.size(), 0.));
      for (unsigned int k = 0; k < point.size(); ++k)
        {
          const unsigned int   d = component[k];
          const Tensor<1, dim> x = (point[k] - centre) / extent;
          modes[d][k]            = 1.;
          if (n_rotations == 1) // about z: (−y, x)
            modes[dim][k] = d == 0 ? -x[1] : x[0];
          else if (n_rotations == 3)
            for (unsigned int r = 0; r < 3; ++r)
              {
                // rotation about axis r: e_r × x, component d
                const unsigned int a = (r + 1) % 3, b = (r + 2) % 3;
                modes[dim + r][k] = d == a ? -x[b] : (d == b ? x[a] : 0.);
              }
        }
      return modes;
    }

    template <int dim>
    LinearDisplacementSpace
    make_linear_displacement_space(const DoFHandler<dim, dim>                 &dofs,
                                   const std::vector<types::global_dof_index> &rows,
                                   const AffineConstraints<double>            &constraints,
                                   const bool                                  rotations,
                                   const MPI_Comm                              comm)
    {
      LinearDisplacementSpace space;
      const auto             &u_base = dofs.get_fe(0).base_element(0);
      if (u_base.degree < 2)
        return space;

      const FE_Q<dim>     linear(1);
      const FESystem<dim> linear_system(linear, dim);
      DoFHandler<dim>     q1(dofs.get_triangulation());
      q1.distribute_dofs(linear_system);
      space.n_dofs = q1.n_dofs();
      space.owned  = q1.locally_owned_dofs();

      // unknowns left out of the coarse space: the constrained ones and the
      // masters of constraints (the platen's unknown, which carries the
      // stiffness of the whole platen face in the condensed J_uu)
      std::vector<types::global_dof_index> masters;
      for (const auto &line : constraints.get_lines())
        for (const auto &e : line.entries)
          masters.push_back(e.first);
      std::sort(masters.begin(), masters.end());

      // entries (row, column, weight) of P, each owned row visited once
      std::vector<std::tuple<unsigned int, types::global_dof_index, double>> entries;
      std::vector<bool>                    visited(rows.size(), false);
      std::vector<types::global_dof_index> local, local_q1(linear_system.n_dofs_per_cell());
      // support points and components of the owned Q1 unknowns
      const auto                n_owned_q1 = space.owned.n_elements();
      std::vector<Point<dim>>   q1_point(n_owned_q1);
      std::vector<unsigned int> q1_component(n_owned_q1, dim);
      for (const auto &cell : dofs.active_cell_iterators())
        if (cell->is_locally_owned())
          {
            const auto &fe = cell->get_fe();
            local.resize(fe.n_dofs_per_cell());
            cell->get_dof_indices(local);
            const typename DoFHandler<dim>::active_cell_iterator cell_q1(
                &dofs.get_triangulation(), cell->level(), cell->index(), &q1);
            cell_q1->get_dof_indices(local_q1);
            for (unsigned int j = 0; j < local_q1.size(); ++j)
              if (space.owned.is_element(local_q1[j]))
                {
                  const auto [c, v] = linear_system.system_to_component_index(j);
                  const auto n      = space.owned.index_within_set(local_q1[j]);
                  q1_point[n]       = cell->vertex(v);
                  q1_component[n]   = c;
                }
            for (unsigned int k = 0; k < local.size(); ++k)
              {
                const unsigned int c = fe.system_to_component_index(k).first;
                if (c >= dim)
                  continue;
                const auto it = std::lower_bound(rows.begin(), rows.end(), local[k]);
                if (it == rows.end() || *it != local[k])
                  continue;
                const auto r = static_cast<unsigned int>(it - rows.begin());
                if (visited[r])
                  continue;
                visited[r] = true;
                if (constraints.is_constrained(local[k]) ||
                    std::binary_search(masters.begin(), masters.end(), local[k]))
                  continue;
                const Point<dim> xi = u_base.unit_support_point(fe.system_to_base_index(k).second);
                for (unsigned int v = 0; v < GeometryInfo<dim>::vertices_per_cell; ++v)
                  {
                    const double w = linear.shape_value(v, xi);
                    if (std::abs(w) > 1e-12)
                      entries.emplace_back(
                          r, local_q1[linear_system.component_to_system_index(c, v)], w);
                  }
              }
          }
      if (std::find(visited.begin(), visited.end(), false) != visited.end())
        throw std::logic_error("internal: an owned displacement dof lies on no owned cell");
      if (std::find(q1_component.begin(), q1_component.end(), dim) != q1_component.end())
        throw std::logic_error("internal: an owned Q1 dof lies on no owned cell");

      std::sort(entries.begin(), entries.end());
      space.row_start.assign(rows.size() + 1, 0);
      space.column.reserve(entries.size());
      space.weight.reserve(entries.size());
      for (const auto &[r, col, w] : entries)
        {
          ++space.row_start[r + 1];
          space.column.push_back(col);
          space.weight.push_back(w);
        }
      for (std::size_t r = 0; r < rows.size(); ++r)
        space.row_start[r + 1] += space.row_start[r];

      bool grouped = n_owned_q1 % dim == 0;
      for (unsigned int n = 0; n < n_owned_q1 && grouped; ++n)
        grouped = q1_component[n] == n % dim;
      space.dofs_per_node = Utilities::MPI::min(grouped ? 1 : 0, comm) == 1 ? dim : 1;
      space.modes         = rigid_body_modes(q1_point, q1_component, rotations, comm);
      return space;
    }

#define SISWELL_INSTANTIATE(dim)                                                                   \
  template std::vector<std::vector<double>> rigid_body_modes<dim>(                                 \
      const std::vector<Point<dim>> &,                                                             \
      const std::vector<unsigned int> &,                                                           \
      const bool,                                                                                  \
      const MPI_Comm);                                                                             \
  template LinearDisplacementSpace make_linear_displacement_space<dim>(                            \
      const DoFHandler<dim, dim> &,                                                                \
      const std::vector<types::global_dof_index> &,                                                \
      const AffineConstraints<double> &,                                                           \
      const bool,                                                                                  \
      const MPI_Comm);
    SISWELL_INSTANTIATE(2)
    SISWELL_INSTANTIATE(3)
#undef SISWELL_INSTANTIATE
  } // namespace solvers
} // namespace siswell
