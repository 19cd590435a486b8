#include <siswell/base/fields.h>
#include <siswell/solvers/field_split.h>
#include <siswell/solvers/linear_displacement_space.h>

#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/fe/mapping.h>
#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/la_parallel_vector.h>
#include <deal.II/lac/sparsity_tools.h>

#include <algorithm>
#include <stdexcept>

namespace siswell
{
  namespace solvers
  {
    using namespace dealii;

    namespace
    {
      /// Component and (for displacement dofs) support point of every
      /// locally owned dof, in the order of @p owned.
      template <int dim>
      void
      locate_owned_dofs(const DoFHandler<dim, dim> &dofs,
                        const Mapping<dim, dim>    &mapping,
                        const IndexSet             &owned,
                        std::vector<unsigned char> &component,
                        std::vector<Point<dim>>    &point)
      {
        component.assign(owned.n_elements(), 255);
        point.assign(owned.n_elements(), Point<dim>());
        const auto &fe0    = dofs.get_fe(0);
        const auto &u_base = fe0.base_element(
            fe0.component_to_base_index(Fields<dim>::first_component(Field::displacement)).first);
        Quadrature<dim> support(u_base.get_unit_support_points());
        FEValues<dim>   locate(mapping, u_base, support, update_quadrature_points);
        std::vector<types::global_dof_index> local;
        for (const auto &cell : dofs.active_cell_iterators())
          if (cell->is_locally_owned())
            {
              const auto &fe = cell->get_fe();
              local.resize(fe.n_dofs_per_cell());
              cell->get_dof_indices(local);
              locate.reinit(typename Triangulation<dim>::cell_iterator(cell));
              for (unsigned int k = 0; k < local.size(); ++k)
                if (owned.is_element(local[k]))
                  {
                    const auto n = owned.index_within_set(local[k]);
                    const auto c = fe.system_to_component_index(k).first;
                    component[n] = c;
                    if (Fields<dim>::field_of_component(c) == Field::displacement)
                      point[n] = locate.quadrature_point(fe.system_to_base_index(k).second);
                  }
            }
      }

      /**
       * Number the owned dofs of each block contiguously per rank, in the
       * global order: per owned dof {global index, block, compact index} into
       * @p owned_map, the owned compact indices of each block into
       * @p owned_compact (deal.II's partitioning, so that the MPI type follows
       * types::global_dof_index, 32 or 64 bits). Returns the owned count per block.
       */
      template <int dim>
      std::array<types::global_dof_index, 2>
      compact_numbering(const IndexSet                                      &owned,
                        const std::vector<unsigned char>                    &component,
                        const MPI_Comm                                       comm,
                        std::vector<std::array<types::global_dof_index, 3>> &owned_map,
                        std::array<IndexSet, 2>                             &owned_compact)
      {
        std::array<types::global_dof_index, 2> count{{0, 0}};
        owned_map.reserve(owned.n_elements());
        unsigned int n = 0;
        for (const auto i : owned)
          {
            if (component[n] == 255)
              throw std::logic_error("internal: a locally owned dof lies on no locally owned cell");
            const unsigned int b = Fields<dim>::split_block_of_component(component[n]);
            owned_map.push_back({{i, b, count[b]++}});
            ++n;
          }
        std::array<types::global_dof_index, 2> offset{{0, 0}};
        for (unsigned int b = 0; b < 2; ++b)
          {
            owned_compact[b] = Utilities::MPI::create_ascending_partitioning(
                comm, count[b])[Utilities::MPI::this_mpi_process(comm)];
            offset[b] = count[b] > 0 ? owned_compact[b].nth_index_in_set(0) : 0;
          }
        for (auto &o : owned_map)
          o[2] += offset[o[1]];
        return count;
      }

      /// dim if on every rank the owned displacement dofs come in node
      /// blocks (components 0..dim-1 in turn), else 1.
      template <int dim>
      unsigned int
      displacement_node_size(const std::vector<unsigned char> &component,
                             const types::global_dof_index     n_displacement,
                             const MPI_Comm                    comm)
      {
        bool         grouped = n_displacement % dim == 0;
        unsigned int k       = 0;
        for (unsigned int n = 0; n < component.size() && grouped; ++n)
          if (Fields<dim>::field_of_component(component[n]) == Field::displacement)
            grouped = component[n] == (k++ % dim);
        return Utilities::MPI::min(grouped ? 1 : 0, comm) == 1 ? dim : 1;
      }

      /// The constraints on the locally relevant dofs in the compact indices
      /// of their blocks (@p block_constraints sized beforehand, closed here).
      void
      compact_constraints(const FieldSplit                         &split,
                          const IndexSet                           &relevant,
                          const AffineConstraints<double>          &constraints,
                          std::array<AffineConstraints<double>, 2> &block_constraints)
      {
        for (const auto &line : constraints.get_lines())
          {
            if (!relevant.is_element(line.index))
              continue;
            const unsigned int b = split.block(line.index);
            const auto         i = split.index(line.index);
            block_constraints[b].add_line(i);
            for (const auto &entry : line.entries)
              {
                if (!relevant.is_element(entry.first) || split.block(entry.first) != b)
                  throw std::logic_error(
                      "internal: a constraint couples displacement and lithium "
                      "unknowns or refers to a dof that is not locally relevant");
                block_constraints[b].add_entry(i, split.index(entry.first), entry.second);
              }
            block_constraints[b].set_inhomogeneity(i, line.inhomogeneity);
          }
        for (auto &c : block_constraints)
          c.close();
      }
    } // namespace

    template <int dim>
    FieldSplit::FieldSplit(const DoFHandler<dim, dim>      &dofs,
                           const Mapping<dim, dim>         &mapping,
                           const IndexSet                  &owned,
                           const IndexSet                  &relevant,
                           const AffineConstraints<double> &constraints,
                           const bool                       rotations,
                           const MPI_Comm                   comm)
        : comm(comm), relevant_global(relevant), space_dimension(dim)
    {
      // component and (for displacement dofs) support point of every owned dof
      const auto                 n_owned = owned.n_elements();
      std::vector<unsigned char> component;
      std::vector<Point<dim>>    point;
      locate_owned_dofs(dofs, mapping, owned, component, point);

      // compact numbering: per rank contiguous, in the global order
      const auto count = compact_numbering<dim>(owned, component, comm, owned_map, owned_compact);
      const std::array<types::global_dof_index, 2> total{
          {owned_compact[0].size(), owned_compact[1].size()}};

      // compact index and field of the ghosts
      LinearAlgebra::distributed::Vector<double> index_value(owned, relevant, comm),
          field_value(owned, relevant, comm);
      for (unsigned int n = 0; n < n_owned; ++n)
        {
          const auto c                 = component[n];
          index_value(owned_map[n][0]) = owned_map[n][2];
          field_value(owned_map[n][0]) = Fields<dim>::index(Fields<dim>::field_of_component(c));
        }
      index_value.update_ghost_values();
      field_value.update_ghost_values();
      const auto n_relevant = relevant.n_elements();
      field_of.resize(n_relevant);
      block_of.resize(n_relevant);
      compact.resize(n_relevant);
      std::array<std::vector<types::global_dof_index>, 2> relevant_list;
      {
        unsigned int k = 0;
        for (const auto i : relevant)
          {
            field_of[k] = static_cast<unsigned char>(field_value(i));
            compact[k]  = static_cast<types::global_dof_index>(index_value(i));
            block_of[k] = Fields<dim>::table()[field_of[k]].split_block;
            relevant_list[block_of[k]].push_back(compact[k]);
            ++k;
          }
      }
      for (unsigned int b = 0; b < 2; ++b)
        {
          std::sort(relevant_list[b].begin(), relevant_list[b].end());
          relevant_compact[b] = IndexSet(total[b]);
          relevant_compact[b].add_indices(relevant_list[b].begin(), relevant_list[b].end());
          relevant_compact[b].compress();
          block_constraints[b].reinit(relevant_compact[b]);
        }

      // the update constraints in compact indices
      compact_constraints(*this, relevant, constraints, block_constraints);

      // displacement node blocks: components 0..dim-1 in turn
      node_size = displacement_node_size<dim>(component, count[0], comm);

      // near null space: translations and rigid rotations about the centroid;
      // the first-order displacement space for the p-multigrid
      std::vector<Point<dim>>              u_point;
      std::vector<unsigned int>            u_component;
      std::vector<types::global_dof_index> u_rows;
      for (unsigned int n = 0; n < n_owned; ++n)
        if (Fields<dim>::field_of_component(component[n]) == Field::displacement)
          {
            u_point.push_back(point[n]);
            u_component.push_back(component[n]);
            u_rows.push_back(owned_map[n][0]);
          }
      modes        = rigid_body_modes(u_point, u_component, rotations, comm);
      linear_space = make_linear_displacement_space(dofs, u_rows, constraints, rotations, comm);
      for (const auto &o : owned_map)
        if (o[1] == 1)
          owned_mu.push_back(field(o[0]) == Field::chemical_potential);

      for_each_cell = [&dofs](const CoupledSet &f) {
        std::vector<types::global_dof_index> indices;
        const Table<2, bool>                 all;
        for (const auto &cell : dofs.active_cell_iterators())
          if (cell->is_locally_owned())
            {
              indices.resize(cell->get_fe().n_dofs_per_cell());
              cell->get_dof_indices(indices);
              f(indices, all);
            }
      };
    }

    void
    FieldSplit::make_pattern(const unsigned int      row_block,
                             const unsigned int      col_block,
                             DynamicSparsityPattern &dsp) const
    {
      dsp.reinit(owned_compact[row_block].size(),
                 owned_compact[col_block].size(),
                 relevant_compact[row_block]);
      std::array<std::vector<types::global_dof_index>, 2> lists;
      std::array<std::vector<unsigned int>, 2>            position; // in the set
      Table<2, bool>                                      block_mask;
      std::vector<types::global_dof_index>                row(1), columns;
      for_each_cell(
          [&](const std::vector<types::global_dof_index> &indices, const Table<2, bool> &mask) {
            for (unsigned int b = 0; b < 2; ++b)
              {
                lists[b].clear();
                position[b].clear();
              }
            for (unsigned int k = 0; k < indices.size(); ++k)
              {
                const auto [b, c] = locate(indices[k]);
                lists[b].push_back(c);
                position[b].push_back(k);
              }
            if (lists[row_block].empty() || lists[col_block].empty())
              return;
            if (!mask.empty())
              {
                block_mask.reinit(lists[row_block].size(), lists[col_block].size());
                for (unsigned int i = 0; i < lists[row_block].size(); ++i)
                  for (unsigned int j = 0; j < lists[col_block].size(); ++j)
                    block_mask(i, j) = mask(position[row_block][i], position[col_block][j]);
              }
            else
              block_mask.reinit(0, 0);
            if (row_block == col_block)
              block_constraints[row_block].add_entries_local_to_global(
                  lists[row_block], dsp, false, block_mask);
            else if (mask.empty())
              block_constraints[row_block].add_entries_local_to_global(
                  lists[row_block], block_constraints[col_block], lists[col_block], dsp, false);
            else
              // deal.II 9.4 has no masked variant with two sets of constraints
              // (it adds nothing in Release): row by row, the columns it couples
              for (unsigned int i = 0; i < lists[row_block].size(); ++i)
                {
                  row[0] = lists[row_block][i];
                  columns.clear();
                  for (unsigned int j = 0; j < lists[col_block].size(); ++j)
                    if (block_mask(i, j))
                      columns.push_back(lists[col_block][j]);
                  if (!columns.empty())
                    block_constraints[row_block].add_entries_local_to_global(
                        row, block_constraints[col_block], columns, dsp, false);
                }
          });
      if (row_block == col_block)
        for (const auto i : relevant_compact[row_block])
          dsp.add(i, i); // rows no cell adds to (a platen master) stay regular
      SparsityTools::distribute_sparsity_pattern(
          dsp, owned_compact[row_block], comm, relevant_compact[row_block]);
    }

    void
    FieldSplit::make_lithium_preconditioner_pattern(DynamicSparsityPattern &dsp) const
    {
      dsp.reinit(owned_compact[1].size(), owned_compact[1].size(), relevant_compact[1]);
      std::vector<types::global_dof_index> c_list;
      for_each_cell(
          [&](const std::vector<types::global_dof_index> &indices, const Table<2, bool> &) {
            c_list.clear();
            for (const auto i : indices)
              if (field(i) == Field::concentration)
                c_list.push_back(index(i));
            if (!c_list.empty())
              block_constraints[1].add_entries_local_to_global(c_list, dsp, false);
          });
      for (const auto i : relevant_compact[1])
        dsp.add(i, i);
      SparsityTools::distribute_sparsity_pattern(dsp, owned_compact[1], comm, relevant_compact[1]);
    }

    template FieldSplit::FieldSplit(const DoFHandler<2, 2> &,
                                    const Mapping<2, 2> &,
                                    const IndexSet &,
                                    const IndexSet &,
                                    const AffineConstraints<double> &,
                                    const bool,
                                    const MPI_Comm);
    template FieldSplit::FieldSplit(const DoFHandler<3, 3> &,
                                    const Mapping<3, 3> &,
                                    const IndexSet &,
                                    const IndexSet &,
                                    const AffineConstraints<double> &,
                                    const bool,
                                    const MPI_Comm);
  } // namespace solvers
} // namespace siswell
