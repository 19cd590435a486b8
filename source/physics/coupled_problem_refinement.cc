// CoupledProblem: adaptive refinement. The solution moves with deal.II's
// SolutionTransfer, the quadrature-point history by injection through the
// cell data attached to the distributed mesh (register_data_attach), then
// the system is set up again on the new mesh.
#include "coupled_problem_internal.h"

#include <deal.II/distributed/solution_transfer.h>

#include <cstring>

namespace siswell
{
  namespace physics
  {
    namespace
    {
      /// The index of the point of @p points nearest to @p x (unit-cell coordinates).
      template <int dim>
      unsigned int
      nearest(const std::vector<Point<dim>> &points, const Point<dim> &x)
      {
        unsigned int best = 0;
        for (unsigned int j = 1; j < points.size(); ++j)
          if (points[j].distance_square(x) < points[best].distance_square(x))
            best = j;
        return best;
      }

      std::vector<char>
      to_bytes(const std::vector<double> &blob)
      {
        std::vector<char> bytes(blob.size() * sizeof(double));
        std::memcpy(bytes.data(), blob.data(), bytes.size());
        return bytes;
      }

      /// Call @p f(dof, c_max) once for every locally owned concentration dof,
      /// with the c_max of the lithium carrier it belongs to.
      template <int dim, typename Function>
      void
      for_each_concentration_dof(const DoFHandler<dim> &dofs,
                                 const MaterialMap     &materials,
                                 const IndexSet        &owned,
                                 const Function        &f)
      {
        std::vector<char>                    done(owned.n_elements(), 0);
        std::vector<types::global_dof_index> local;
        for (const auto &cell : dofs.active_cell_iterators())
          if (cell->is_locally_owned())
            if (const auto *carrier = dynamic_cast<const materials::LithiumCarrier *>(
                    materials.at(cell->material_id()).get()))
              {
                const auto &cell_fe = cell->get_fe();
                local.resize(cell_fe.n_dofs_per_cell());
                cell->get_dof_indices(local);
                for (unsigned int k = 0; k < local.size(); ++k)
                  if (Fields<dim>::field_of_component(cell_fe.system_to_component_index(k).first) ==
                          Field::concentration &&
                      owned.is_element(local[k]) && !done[owned.index_within_set(local[k])])
                    {
                      done[owned.index_within_set(local[k])] = 1;
                      f(local[k], carrier->max_concentration());
                    }
              }
      }
    } // namespace

    template <int dim>
    std::pair<unsigned long long, unsigned long long>
    CoupledProblem<dim>::refine_and_coarsen()
    {
      int split = 0;
      for (const auto &i : interfaces)
        split = split || i->is_split();
      if (split)
        throw std::invalid_argument(
            "adaptive refinement ('Adaptive refinement/Every steps' > 0) is not available with "
            "'Interface/Mode = contact' or 'cohesive' yet: the split interface needs conforming "
            "faces on both sides");
      const unsigned long long before = tria.n_global_active_cells();
      tria.prepare_coarsening_and_refinement();

      parallel::distributed::SolutionTransfer<dim, solvers::Vector> transfer(dofs);
      current.update_ghost_values();
      old.update_ghost_values();
      transfer.prepare_for_coarsening_and_refinement(
          std::vector<const solvers::Vector *>{&current, &old});

      // the committed history of a cell that stays or is refined; of all
      // children of one that is coarsened: [n_cells, (n_points, n_values, values)...]
      const unsigned int handle = tria.register_data_attach(
          [this](const typename Triangulation<dim>::cell_iterator &cell,
                 const typename Triangulation<dim>::CellStatus     status) {
            std::vector<double> blob;
            const auto          add = [&](const typename Triangulation<dim>::cell_iterator &c) {
              pack_committed(history.of(c), blob);
            };
            if (status == Triangulation<dim>::CELL_COARSEN)
              {
                blob.push_back(cell->n_children());
                for (unsigned int k = 0; k < cell->n_children(); ++k)
                  add(cell->child(k));
              }
            else
              {
                blob.push_back(1);
                add(cell);
              }
            return to_bytes(blob);
          },
          /*returns_variable_size_data=*/true);

      tria.execute_coarsening_and_refinement();
      setup(displacement_constraints);

      // the solution, with c in the law's range, made conforming at the new
      // hanging nodes (interpolation from a fine neighbour need not match the
      // coarse side; a convex combination of values in range stays in range)
      solvers::Vector a(owned, relevant, comm), b(owned, relevant, comm);
      {
        std::vector<solvers::Vector *> out{&a, &b};
        transfer.interpolate(out);
      }
      // c within the law's range: ahead of a steep front a coarse mesh's
      // interpolant undershoots (θ < 0 at a vertex), which the new quadrature
      // points, nearer the vertex, would see (μ_ch(θ) is not defined there)
      const double margin = 1e-9;
      for_each_concentration_dof(
          dofs, material_map, owned, [&](const types::global_dof_index i, const double c_max) {
            for (auto *v : {&a, &b})
              (*v)(i) = std::clamp((*v)(i), margin * c_max, (1. - margin) * c_max);
          });
      AffineConstraints<double> hanging(relevant);
      DoFTools::make_hanging_node_constraints(dofs, hanging);
      hanging.close();
      hanging.distribute(a);
      hanging.distribute(b);
      for (const auto i : owned)
        {
          current(i) = a(i);
          old(i)     = b(i);
        }
      current.update_ghost_values();
      old.update_ghost_values();

      // the history by injection: every new point takes a state that existed
      const auto               &unit     = cell_quadrature[0].get_points();
      int                       mismatch = 0;
      const std::vector<double> empty; // a state of no size: a mismatch
      tria.notify_ready_to_unpack(
          handle,
          [&](const typename Triangulation<dim>::cell_iterator               &cell,
              const typename Triangulation<dim>::CellStatus                   status,
              const boost::iterator_range<std::vector<char>::const_iterator> &range) {
            std::vector<double> blob(range.size() / sizeof(double));
            std::memcpy(blob.data(), &*range.begin(), blob.size() * sizeof(double));
            // the states of the old cell(s): per old cell, per point
            std::vector<std::vector<std::vector<double>>> states(
                static_cast<unsigned int>(blob[0]));
            std::size_t i = 1;
            for (auto &c : states)
              {
                const auto n_points = static_cast<unsigned int>(blob[i++]);
                const auto n_values = static_cast<unsigned int>(blob[i++]);
                c.resize(n_points);
                for (auto &p : c)
                  {
                    p.assign(blob.begin() + i, blob.begin() + i + n_values);
                    i += n_values;
                  }
              }
            const auto fill =
                [&](const typename Triangulation<dim>::cell_iterator               &target,
                    const std::function<const std::vector<double> &(unsigned int)> &source) {
                  const auto points = history.of(target);
                  if (!points.empty() && states.empty())
                    {
                      mismatch = 1;
                      return;
                    }
                  for (unsigned int q = 0; q < points.size(); ++q)
                    {
                      const auto &s = source(q);
                      if (s.size() != points[q]->size())
                        {
                          mismatch = 1;
                          return;
                        }
                      std::copy(s.begin(), s.end(), points[q]->committed().begin());
                    }
                };
            if (status == Triangulation<dim>::CELL_PERSIST)
              fill(cell, [&](const unsigned int q) -> const std::vector<double> & {
                return q < states[0].size() ? states[0][q] : empty;
              });
            else if (status == Triangulation<dim>::CELL_REFINE)
              for (unsigned int k = 0; k < cell->n_children(); ++k)
                fill(cell->child(k), [&](const unsigned int q) -> const std::vector<double> & {
                  // the child's point in the parent's unit cell
                  const auto x = GeometryInfo<dim>::child_to_cell_coordinates(unit[q], k);
                  return states[0].empty() ? empty : states[0][nearest(unit, x)];
                });
            else if (status == Triangulation<dim>::CELL_COARSEN)
              fill(cell, [&](const unsigned int q) -> const std::vector<double> & {
                // the child that contains the parent's point, and its nearest point
                const unsigned int k = GeometryInfo<dim>::child_cell_from_point(unit[q]);
                const auto         y = GeometryInfo<dim>::cell_to_child_coordinates(unit[q], k);
                return states[k].empty() ? empty : states[k][nearest(unit, y)];
              });
          });
      history.restore(); // trial = committed
      if (Utilities::MPI::max(mismatch, comm))
        throw std::logic_error("internal: the history of a refined cell has another size");
      return {before, tria.n_global_active_cells()};
    }

    template <int dim>
    void
    CoupledProblem<dim>::rescale_concentration(const double factor, const bool empty_part)
    {
      for_each_concentration_dof(
          dofs, material_map, owned, [&](const types::global_dof_index i, const double c_max) {
            for (auto *v : {&current, &old})
              {
                double &c = (*v)(i);
                c         = empty_part ? c_max - (c_max - c) * factor : c * factor;
              }
          });
      current.update_ghost_values();
      old.update_ghost_values();
    }

    template class CoupledProblem<2>;
    template class CoupledProblem<3>;
  } // namespace physics
} // namespace siswell
