#include "displacement_operator_internal.h"

namespace siswell
{
  namespace solvers
  {
    template <int dim>
    void
    MatrixFreeDisplacementOperator<dim>::Implementation::set_up_constraints(
        const AffineConstraints<double>                                      &constraints,
        std::unordered_map<types::global_dof_index, types::global_dof_index> &to_u)
    {
      // the update constraints in the displacement-only numbering; masters
      // that lie on no locally relevant cell (the platen's) are looked up
      // from their owners
      u_owned    = u_dofs.locally_owned_dofs();
      u_relevant = DoFTools::extract_locally_relevant_dofs(u_dofs);
      std::vector<types::global_dof_index> missing;
      for (const auto &line : constraints.get_lines())
        if (to_u.count(line.index))
          for (const auto &e : line.entries)
            if (!to_u.count(e.first))
              missing.push_back(e.first);
      const auto                           asked = Utilities::MPI::all_gather(comm, missing);
      std::vector<types::global_dof_index> queries, answers;
      for (const auto &list : asked)
        queries.insert(queries.end(), list.begin(), list.end());
      answers.assign(queries.size(), 0);
      for (std::size_t k = 0; k < queries.size(); ++k)
        {
          const auto it = to_u.find(queries[k]);
          if (it != to_u.end() && u_owned.is_element(it->second))
            answers[k] = it->second + 1;
        }
      Utilities::MPI::max(answers, comm, answers);
      for (std::size_t k = 0; k < queries.size(); ++k)
        {
          if (answers[k] == 0)
            throw std::logic_error("internal: a constraint master of a displacement dof is not a "
                                   "displacement dof");
          to_u[queries[k]] = answers[k] - 1;
          u_relevant.add_index(answers[k] - 1);
        }
      u_constraints.reinit(u_relevant);
      for (const auto &line : constraints.get_lines())
        {
          const auto it = to_u.find(line.index);
          if (it == to_u.end())
            continue;
          u_constraints.add_line(it->second);
          excluded.push_back(it->second);
          for (const auto &e : line.entries)
            {
              u_constraints.add_entry(it->second, to_u.at(e.first), e.second);
              excluded.push_back(to_u.at(e.first));
              masters.push_back(to_u.at(e.first));
            }
          if (line.inhomogeneity != 0.)
            throw std::logic_error("internal: the update constraints are not homogeneous");
        }
      u_constraints.close();
      std::sort(excluded.begin(), excluded.end());
      excluded.erase(std::unique(excluded.begin(), excluded.end()), excluded.end());
      std::sort(masters.begin(), masters.end());
      masters.erase(std::unique(masters.begin(), masters.end()), masters.end());
    }

    template <int dim>
    void
    MatrixFreeDisplacementOperator<dim>::Implementation::set_up_interpolation()
    {
      // interpolation of the Q1 cell functions at the Qp support points, in
      // FEEvaluation's (lexicographic, component by component) order
      const auto     &lexicographic = mf.get_shape_info().lexicographic_numbering;
      const FE_Q<dim> linear(1);
      interpolation.reinit(u_fe.n_dofs_per_cell(), q1_fe.n_dofs_per_cell());
      for (unsigned int k = 0; k < u_fe.n_dofs_per_cell(); ++k)
        {
          const auto [c, h] = u_fe.system_to_component_index(lexicographic[k]);
          if (c != k / (u_fe.n_dofs_per_cell() / dim))
            throw std::logic_error("internal: unexpected FEEvaluation dof order");
          const Point<dim> xi = u_fe.base_element(0).unit_support_point(h);
          for (unsigned int v = 0; v < GeometryInfo<dim>::vertices_per_cell; ++v)
            interpolation(k, q1_fe.component_to_system_index(c, v)) = linear.shape_value(v, xi);
        }
    }

    template <int dim>
    MatrixFreeDisplacementOperator<dim>::MatrixFreeDisplacementOperator(
        const DoFHandler<dim, dim>      &dofs,
        const Mapping<dim, dim>         &mapping,
        const AffineConstraints<double> &constraints,
        const FieldSplit                &split)
    {
      const auto        &fe0 = dofs.get_fe(0);
      const unsigned int degree =
          fe0.base_element(
                 fe0.component_to_base_index(Fields<dim>::first_component(Field::displacement))
                     .first)
              .degree;
      impl    = std::make_unique<Implementation>(dofs.get_triangulation(), degree);
      auto &d = *impl;
      d.comm  = split.communicator();
      d.u_dofs.distribute_dofs(d.u_fe);
      d.q1_dofs.distribute_dofs(d.q1_fe);

      // coupled dof → displacement-only dof, on every locally relevant cell
      std::unordered_map<types::global_dof_index, types::global_dof_index> to_u;
      std::vector<types::global_dof_index> local, local_u(d.u_fe.n_dofs_per_cell());
      for (const auto &cell : dofs.active_cell_iterators())
        if (!cell->is_artificial())
          {
            const auto &fe = cell->get_fe();
            local.resize(fe.n_dofs_per_cell());
            cell->get_dof_indices(local);
            const typename DoFHandler<dim>::active_cell_iterator u_cell(
                &dofs.get_triangulation(), cell->level(), cell->index(), &d.u_dofs);
            u_cell->get_dof_indices(local_u);
            for (unsigned int k = 0; k < local.size(); ++k)
              {
                const auto [c, i] = fe.system_to_component_index(k);
                if (Fields<dim>::field_of_component(c) == Field::displacement)
                  to_u[local[k]] = local_u[d.u_fe.component_to_system_index(
                      c - Fields<dim>::first_component(Field::displacement), i)];
              }
          }

      // the update constraints in the displacement-only numbering
      d.set_up_constraints(constraints, to_u);
      const IndexSet &u_owned = d.u_owned;

      typename MatrixFree<dim, double>::AdditionalData data;
      data.tasks_parallel_scheme = MatrixFree<dim, double>::AdditionalData::none;
      data.mapping_update_flags  = update_gradients | update_JxW_values;
      d.mapping                  = &mapping;
      d.mf.reinit(mapping, d.u_dofs, d.u_constraints, QGauss<1>(degree + 1), data);
      d.n_q = Utilities::pow(degree + 1, dim);

      d.batch_of_cell.assign(dofs.get_triangulation().n_active_cells(),
                             {numbers::invalid_unsigned_int, 0});
      for (unsigned int b = 0; b < d.mf.n_cell_batches(); ++b)
        for (unsigned int v = 0; v < d.mf.n_active_entries_per_cell_batch(b); ++v)
          d.batch_of_cell[d.mf.get_cell_iterator(b, v)->active_cell_index()] = {b, v};
      d.tangent.assign(static_cast<std::size_t>(d.mf.n_cell_batches()) * d.n_q *
                           Implementation::n_sym,
                       typename Implementation::VA(0.));

      d.mf.initialize_dof_vector(d.src);
      d.mf.initialize_dof_vector(d.dst);
      const auto &block = split.owned(0);
      // agreed across ranks: a rank-local throw would leave the others in collectives
      if (Utilities::MPI::max(block.n_elements() != u_owned.n_elements() ? 1 : 0, d.comm) != 0)
        throw std::logic_error("internal: displacement ownership differs between DoFHandlers "
                               "(use 'Linear solver/Displacement operator = assembled')");
      d.local_of_owned.assign(block.n_elements(), numbers::invalid_unsigned_int);
      const auto first = block.n_elements() > 0 ? block.nth_index_in_set(0) : 0;
      for (const auto &[coupled, u] : to_u)
        if (u_owned.is_element(u))
          {
            const auto k           = split.index(coupled) - first;
            d.local_of_owned.at(k) = d.src.get_partitioner()->global_to_local(u);
          }
      int unmatched = 0;
      for (const auto l : d.local_of_owned)
        unmatched = unmatched || l == numbers::invalid_unsigned_int;
      if (Utilities::MPI::max(unmatched, d.comm) != 0)
        throw std::logic_error("internal: an owned displacement dof has no matrix-free index");
      for (const auto u : u_owned)
        if (d.u_constraints.is_constrained(u))
          d.constrained_local.push_back(d.src.get_partitioner()->global_to_local(u));

      d.set_up_interpolation();
    }

    template <int dim>
    MatrixFreeDisplacementOperator<dim>::~MatrixFreeDisplacementOperator() = default;

    template <int dim>
    void
    MatrixFreeDisplacementOperator<dim>::set_tangent(const unsigned int  cell,
                                                     const unsigned int  q,
                                                     const Tensor<4, 3> &dP_dF,
                                                     const double        scale)
    {
      constexpr unsigned int n = dim * dim;
      const auto [b, v]        = impl->batch_of_cell.at(cell);
      if (b == numbers::invalid_unsigned_int)
        throw std::logic_error("internal: set_tangent on a cell that is not locally owned");
      auto *A =
          &impl->tangent[(static_cast<std::size_t>(b) * impl->n_q + q) * Implementation::n_sym];
      // Only the upper triangle is kept, so the tangent must have major
      // symmetry. It has for every material here (P derives from a potential
      // of F at fixed c and history, also along the return mapping); a law
      // without it would make J_uu wrong, so it is checked, not assumed.
      double largest = 0., asymmetry = 0.;
      for (unsigned int a = 0; a < n; ++a)
        for (unsigned int c = 0; c < n; ++c)
          {
            const double x = dP_dF[a / dim][a % dim][c / dim][c % dim];
            largest        = std::max(largest, std::abs(x));
            asymmetry =
                std::max(asymmetry, std::abs(x - dP_dF[c / dim][c % dim][a / dim][a % dim]));
          }
      // (a non-finite tangent is not refused here: it is stored as it is,
      // as the assembled block would hold it)
      if (asymmetry > 1e-8 * largest)
        throw std::logic_error(
            "The material tangent dP/dF has no major symmetry (relative asymmetry " +
            std::to_string(asymmetry / largest) +
            "), so the matrix-free displacement operator cannot store it. Set "
            "'Linear solver/Displacement operator = assembled'.");
      for (unsigned int a = 0; a < n; ++a)
        for (unsigned int c = a; c < n; ++c, ++A)
          (*A)[v] = scale * 0.5 *
                    (dP_dF[a / dim][a % dim][c / dim][c % dim] +
                     dP_dF[c / dim][c % dim][a / dim][a % dim]);
    }

    template <int dim>
    std::size_t
    MatrixFreeDisplacementOperator<dim>::n_owned() const
    {
      return impl->local_of_owned.size();
    }

    template <int dim>
    void
    MatrixFreeDisplacementOperator<dim>::vmult(double *out, const double *in) const
    {
      auto &d = *impl;
      for (std::size_t k = 0; k < d.local_of_owned.size(); ++k)
        d.src.local_element(d.local_of_owned[k]) = in[k];
      if (d.degree == 2) // the usual case: sum factorisation with fixed loop lengths
        d.mf.cell_loop(&Implementation::template local_apply<2>, impl.get(), d.dst, d.src, true);
      else
        d.mf.cell_loop(&Implementation::template local_apply<-1>, impl.get(), d.dst, d.src, true);
      for (const auto l : d.constrained_local)
        d.dst.local_element(l) = d.src.local_element(l);
      for (std::size_t k = 0; k < d.local_of_owned.size(); ++k)
        out[k] = d.dst.local_element(d.local_of_owned[k]);
    }

    template <int dim>
    void
    MatrixFreeDisplacementOperator<dim>::make_coarse_pattern(DynamicSparsityPattern &dsp) const
    {
      const auto    &q1       = impl->q1_dofs;
      const IndexSet relevant = DoFTools::extract_locally_relevant_dofs(q1);
      dsp.reinit(q1.n_dofs(), q1.n_dofs(), relevant);
      DoFTools::make_sparsity_pattern(q1, dsp);
      SparsityTools::distribute_sparsity_pattern(
          dsp, q1.locally_owned_dofs(), impl->comm, relevant);
    }

    template <int dim>
    std::size_t
    MatrixFreeDisplacementOperator<dim>::memory_consumption() const
    {
      const auto &d = *impl;
      return d.tangent.size() * sizeof(d.tangent[0]) + d.mf.memory_consumption() +
             d.u_dofs.memory_consumption() + d.q1_dofs.memory_consumption() +
             d.u_constraints.memory_consumption() + d.src.memory_consumption() +
             d.dst.memory_consumption() + d.local_of_owned.size() * sizeof(unsigned int) +
             d.batch_of_cell.size() * sizeof(d.batch_of_cell[0]);
    }

    template class MatrixFreeDisplacementOperator<2>;
    template class MatrixFreeDisplacementOperator<3>;
  } // namespace solvers
} // namespace siswell
