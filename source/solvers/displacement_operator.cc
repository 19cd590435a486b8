#include <siswell/base/fields.h>
#include <siswell/solvers/displacement_operator.h>

#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_system.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/fe/mapping.h>
#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/la_parallel_vector.h>
#include <deal.II/lac/sparsity_tools.h>
#include <deal.II/matrix_free/fe_evaluation.h>
#include <deal.II/matrix_free/matrix_free.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <stdexcept>
#include <string>
#include <unordered_map>

namespace siswell
{
  namespace solvers
  {
    using namespace dealii;

    template <int dim> struct MatrixFreeDisplacementOperator<dim>::Implementation
    {
      using VA       = VectorizedArray<double>;
      using LAVector = LinearAlgebra::distributed::Vector<double>;
      // runtime degree: one code path for every displacement degree
      using Evaluation = FEEvaluation<dim, -1, 0, dim, double>;

      Implementation(const Triangulation<dim> &tria, const unsigned int degree)
          : degree(degree), u_fe(FE_Q<dim>(degree), dim), q1_fe(FE_Q<dim>(1), dim), u_dofs(tria),
            q1_dofs(tria)
      {
      }

      /// Number of components of a (dim²)×(dim²) symmetric matrix.
      static constexpr unsigned int n_sym = dim * dim * (dim * dim + 1) / 2;

      /// Position of entry (a, b), a ≤ b, in the stored upper triangle.
      static constexpr unsigned int
      upper(const unsigned int a, const unsigned int b)
      {
        return a * dim * dim - a * (a - 1) / 2 + (b - a);
      }

      /// FEValues of @p fe (gradients and JxW) at the points of the stored
      /// tangent (QGauss(p + 1), the assembly's, in the order set_tangent()
      /// numbers them).
      std::unique_ptr<FEValues<dim>>
      values_at_tangent_points(const FiniteElement<dim> &fe) const
      {
        auto values = std::make_unique<FEValues<dim>>(
            *mapping, fe, QGauss<dim>(degree + 1), update_gradients | update_JxW_values);
        if (values->n_quadrature_points != n_q)
          throw std::logic_error("internal: quadrature differs from the stored tangent's");
        return values;
      }

      /// Evaluate gradients, apply the stored tangent, integrate (on phi's dof values).
      /// The tangent is stored as the upper triangle of the matrix A_ab with
      /// a = (i, J), b = (k, L) (row by row), since ∂P/∂F has major symmetry.
      template <class FEEval>
      void
      cell_operation(FEEval &phi) const
      {
        constexpr unsigned int n = dim * dim;
        phi.evaluate(EvaluationFlags::gradients);
        const std::size_t first = static_cast<std::size_t>(phi.get_current_cell_index()) * n_q;
        for (unsigned int q = 0; q < n_q; ++q)
          {
            const Tensor<2, dim, VA> g = phi.get_gradient(q);
            const VA                *A = &tangent[(first + q) * n_sym];
            VA                       gf[n], pf[n];
            for (unsigned int a = 0; a < n; ++a)
              {
                gf[a] = g[a / dim][a % dim];
                pf[a] = 0.;
              }
            for (unsigned int a = 0; a < n; ++a)
              {
                pf[a] += (*A) * gf[a];
                ++A;
                for (unsigned int b = a + 1; b < n; ++b, ++A)
                  {
                    pf[a] += (*A) * gf[b];
                    pf[b] += (*A) * gf[a];
                  }
              }
            Tensor<2, dim, VA> P;
            for (unsigned int a = 0; a < n; ++a)
              P[a / dim][a % dim] = pf[a];
            phi.submit_gradient(P, q);
          }
        phi.integrate(EvaluationFlags::gradients);
      }

      /// out += J_uu in on a range of cell batches; @p fe_degree -1: the
      /// degree at run time (slower loops), else the compile-time degree.
      template <int fe_degree>
      void
      local_apply(const MatrixFree<dim, double>               &data,
                  LAVector                                    &out,
                  const LAVector                              &in,
                  const std::pair<unsigned int, unsigned int> &range) const
      {
        FEEvaluation<dim, fe_degree, fe_degree + 1, dim, double> phi(data);
        for (unsigned int b = range.first; b < range.second; ++b)
          {
            phi.reinit(b);
            phi.read_dof_values(in);
            cell_operation(phi);
            phi.distribute_local_to_global(out);
          }
      }

      /// The update constraints in the displacement-only numbering (@p to_u:
      /// coupled dof → displacement-only dof, completed here for masters
      /// that lie on no locally relevant cell, such as the platen's, which
      /// are looked up from their owners); also the excluded dofs and masters.
      void
      set_up_constraints(
          const AffineConstraints<double>                                      &constraints,
          std::unordered_map<types::global_dof_index, types::global_dof_index> &to_u);

      /// The interpolation of the Q1 cell functions at the Qp support points,
      /// in FEEvaluation's (lexicographic, component by component) order.
      void
      set_up_interpolation();

      /// MatrixFreeDisplacementOperator::diagonal() and assemble_coarse(),
      /// with the FEEvaluation of the cells that need the cell operation
      /// (compile-time degree where there is one).
      template <class FEEval>
      void
      diagonal(double *out) const;
      template <class FEEval>
      void
      assemble_coarse(
          const std::function<void(const FullMatrix<double> &,
                                   const std::vector<types::global_dof_index> &)> &add) const;

      unsigned int degree;
      /// the mapping of the MatrixFree data (owned by the caller, who keeps it
      /// alive as long as the MatrixFree data that refers to it)
      const Mapping<dim>       *mapping = nullptr;
      FESystem<dim>             u_fe, q1_fe;
      DoFHandler<dim>           u_dofs, q1_dofs;
      AffineConstraints<double> u_constraints;
      MatrixFree<dim, double>   mf;
      MPI_Comm                  comm;
      unsigned int              n_q = 0;
      /// scale · ∂P/∂F per cell batch and quadrature point: n_sym numbers
      /// (upper triangle, see cell_operation()) at index (batch · n_q + q) · n_sym
      std::vector<VA> tangent;
      /// (batch, lane) of each locally owned cell, by active_cell_index()
      std::vector<std::pair<unsigned int, unsigned int>> batch_of_cell;
      /// local index in the MatrixFree vectors of owned compact unknown k
      std::vector<unsigned int> local_of_owned;
      /// local indices of the constrained owned unknowns
      std::vector<unsigned int> constrained_local;
      /// unknowns left out of the coarse space: constrained ones and masters
      std::vector<types::global_dof_index> excluded, masters;
      IndexSet                             u_owned, u_relevant;
      /// Q1 → Qp interpolation on the cell, rows in FEEvaluation's order
      FullMatrix<double> interpolation;
      mutable LAVector   src, dst;
    };

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
    template <class FEEval>
    void
    MatrixFreeDisplacementOperator<dim>::Implementation::diagonal(double *out) const
    {
      // diag(Cᵀ K C): K_ii for an unconstrained unknown; for a constraint
      // master m, vᵀ K v with v the cell's unknowns that follow m (weights of
      // their constraint lines) and m itself. (deal.II 9.4's
      // MatrixFreeTools::compute_diagonal writes out of bounds for masters
      // that are not on a neighbouring cell, as the platen's.)
      //
      // K_ii directly from the stored tangent: the displacement shape function
      // of dof i is φ e_c, its gradient e_c ⊗ ∇φ, so
      //   K_ii = Σ_q JxW_q ∇φ · A_q[(c, ·), (c, ·)] ∇φ,
      // dim² numbers per point instead of a cell operation (evaluate, the
      // tangent at every point, integrate) per dof of the cell. The points are
      // those of set_tangent() (QGauss(p + 1), the assembly's), in the order
      // the MatrixFree data stores them.
      const auto                       &d = *this;
      typename Implementation::LAVector diag(d.u_owned, d.u_relevant, d.comm);
      const unsigned int                n = d.u_fe.n_dofs_per_cell();
      const auto    &lexicographic        = d.mf.get_shape_info().lexicographic_numbering;
      const auto     values               = values_at_tangent_points(d.u_fe);
      FEValues<dim> &fe_values            = *values;
      FEEval         phi(d.mf);
      std::vector<types::global_dof_index>                   u_local(n);
      std::vector<unsigned int>                              lexicographic_of(n);
      std::map<types::global_dof_index, std::vector<double>> follow; // master → v on the cell
      for (unsigned int k = 0; k < n; ++k)
        lexicographic_of[lexicographic[k]] = k;
      for (unsigned int b = 0; b < d.mf.n_cell_batches(); ++b)
        {
          bool               phi_on_batch = false;
          const unsigned int lanes        = d.mf.n_active_entries_per_cell_batch(b);
          for (unsigned int v = 0; v < lanes; ++v)
            {
              const auto cell = d.mf.get_cell_iterator(b, v);
              cell->get_dof_indices(u_local);
              fe_values.reinit(cell);
              follow.clear();
              for (unsigned int i = 0; i < n; ++i)
                {
                  const auto         g = u_local[i];
                  const unsigned int k = lexicographic_of[i]; // phi's numbering
                  if (const auto *entries = d.u_constraints.get_constraint_entries(g))
                    {
                      for (const auto &e : *entries)
                        {
                          auto &w = follow[e.first];
                          w.resize(n, 0.);
                          w[k] += e.second;
                        }
                      continue;
                    }
                  if (d.u_constraints.is_constrained(g))
                    continue;
                  if (std::binary_search(d.masters.begin(), d.masters.end(), g))
                    {
                      auto &w = follow[g];
                      w.resize(n, 0.);
                      w[k] += 1.;
                      continue;
                    }
                  const unsigned int c = d.u_fe.system_to_component_index(i).first;
                  double             K = 0.;
                  for (unsigned int q = 0; q < d.n_q; ++q)
                    {
                      const Tensor<1, dim> grad = fe_values.shape_grad(i, q);
                      const auto *A = &d.tangent[(static_cast<std::size_t>(b) * d.n_q + q) *
                                                 Implementation::n_sym];
                      double      s = 0.;
                      for (unsigned int J = 0; J < dim; ++J)
                        {
                          const unsigned int a = c * dim + J;
                          s += A[upper(a, a)][v] * grad[J] * grad[J];
                          for (unsigned int L = J + 1; L < dim; ++L)
                            s += 2. * A[upper(a, c * dim + L)][v] * grad[J] * grad[L];
                        }
                      K += s * fe_values.JxW(q);
                    }
                  diag(g) += K;
                }
              for (const auto &[m, w] : follow)
                {
                  if (!phi_on_batch)
                    {
                      phi.reinit(b);
                      phi_on_batch = true;
                    }
                  for (unsigned int j = 0; j < n; ++j)
                    {
                      phi.begin_dof_values()[j]    = 0.;
                      phi.begin_dof_values()[j][v] = w[j];
                    }
                  d.cell_operation(phi);
                  double s = 0.;
                  for (unsigned int j = 0; j < n; ++j)
                    s += w[j] * phi.begin_dof_values()[j][v];
                  diag(m) += s;
                }
            }
        }
      diag.compress(VectorOperation::add);
      for (const auto l : d.constrained_local)
        diag.local_element(l) = 1.;
      for (std::size_t k = 0; k < d.local_of_owned.size(); ++k)
        out[k] = diag.local_element(d.local_of_owned[k]);
    }

    template <int dim>
    void
    MatrixFreeDisplacementOperator<dim>::diagonal(double *out) const
    {
      if (impl->degree == 2)
        impl->template diagonal<FEEvaluation<dim, 2, 3, dim, double>>(out);
      else
        impl->template diagonal<typename Implementation::Evaluation>(out);
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
    template <class FEEval>
    void
    MatrixFreeDisplacementOperator<dim>::Implementation::assemble_coarse(
        const std::function<void(const FullMatrix<double> &,
                                 const std::vector<types::global_dof_index> &)> &add) const
    {
      // Cell by cell Pᵀ K P with P the interpolation of the Q1 functions into
      // Qp. On a cell where no unknown is excluded, P reproduces the Q1
      // functions exactly (Q1 ⊂ Qp), so Pᵀ K P is the Q1 stiffness with the
      // stored tangent at the same points: computed directly,
      //   K1_IJ = Σ_q JxW_q ∇ψ_I : A_q : ∇ψ_J.
      // Where rows of P are zeroed (constrained unknowns and masters), it is
      // formed with the cell operation, one Q1 function at a time.
      const auto            &d             = *this;
      constexpr unsigned int n_F           = dim * dim;
      const unsigned int     n             = d.u_fe.n_dofs_per_cell();
      const unsigned int     nc            = d.q1_fe.n_dofs_per_cell();
      const auto            &lexicographic = d.mf.get_shape_info().lexicographic_numbering;
      const unsigned int     width         = Implementation::VA::size();
      const auto             values        = values_at_tangent_points(d.q1_fe);
      FEValues<dim>         &q1_values     = *values;
      FEEval                 phi(d.mf);
      std::vector<types::global_dof_index>              u_local(n);
      std::vector<std::vector<types::global_dof_index>> q1_local(
          width, std::vector<types::global_dof_index>(nc));
      // per lane: the interpolation with the rows of excluded unknowns zeroed
      std::vector<FullMatrix<double>> P(width, FullMatrix<double>(n, nc));
      std::vector<FullMatrix<double>> coarse(width, FullMatrix<double>(nc, nc));
      std::vector<bool>               direct(width);
      std::vector<unsigned int>       component(nc);
      for (unsigned int I = 0; I < nc; ++I)
        component[I] = d.q1_fe.system_to_component_index(I).first;
      double                               A[n_F][n_F];
      std::vector<std::array<double, n_F>> AI(nc); // A : ∇ψ_I
      std::vector<Tensor<1, dim>>          grad(nc);
      for (unsigned int b = 0; b < d.mf.n_cell_batches(); ++b)
        {
          const unsigned int lanes    = d.mf.n_active_entries_per_cell_batch(b);
          bool               any_cell = false; // a lane that needs the cell operation
          for (unsigned int v = 0; v < lanes; ++v)
            {
              const auto cell = d.mf.get_cell_iterator(b, v);
              cell->get_dof_indices(u_local);
              const typename DoFHandler<dim>::active_cell_iterator q1_cell(
                  &d.u_dofs.get_triangulation(), cell->level(), cell->index(), &d.q1_dofs);
              q1_cell->get_dof_indices(q1_local[v]);
              direct[v] = true;
              for (unsigned int k = 0; k < n && direct[v]; ++k)
                direct[v] = !std::binary_search(d.excluded.begin(), d.excluded.end(), u_local[k]);
              if (direct[v])
                {
                  q1_values.reinit(q1_cell);
                  coarse[v] = 0.;
                  for (unsigned int q = 0; q < d.n_q; ++q)
                    {
                      const auto *T = &d.tangent[(static_cast<std::size_t>(b) * d.n_q + q) *
                                                 Implementation::n_sym];
                      for (unsigned int a = 0; a < n_F; ++a)
                        for (unsigned int c = a; c < n_F; ++c)
                          A[a][c] = A[c][a] = T[upper(a, c)][v];
                      const double JxW = q1_values.JxW(q);
                      for (unsigned int I = 0; I < nc; ++I)
                        {
                          grad[I] = q1_values.shape_grad(I, q);
                          for (unsigned int c = 0; c < n_F; ++c)
                            {
                              double x = 0.;
                              for (unsigned int J = 0; J < dim; ++J)
                                x += grad[I][J] * A[component[I] * dim + J][c];
                              AI[I][c] = x * JxW;
                            }
                        }
                      for (unsigned int I = 0; I < nc; ++I)
                        for (unsigned int J = 0; J < nc; ++J)
                          {
                            double x = 0.;
                            for (unsigned int L = 0; L < dim; ++L)
                              x += AI[I][component[J] * dim + L] * grad[J][L];
                            coarse[v](I, J) += x;
                          }
                    }
                  continue;
                }
              any_cell = true;
              P[v]     = d.interpolation;
              for (unsigned int k = 0; k < n; ++k)
                if (std::binary_search(
                        d.excluded.begin(), d.excluded.end(), u_local[lexicographic[k]]))
                  for (unsigned int J = 0; J < nc; ++J)
                    P[v](k, J) = 0.;
            }
          if (any_cell)
            {
              phi.reinit(b);
              for (unsigned int J = 0; J < nc; ++J)
                {
                  for (unsigned int k = 0; k < n; ++k)
                    {
                      typename Implementation::VA x = 0.;
                      for (unsigned int v = 0; v < lanes; ++v)
                        if (!direct[v])
                          x[v] = P[v](k, J);
                      phi.begin_dof_values()[k] = x;
                    }
                  d.cell_operation(phi);
                  for (unsigned int v = 0; v < lanes; ++v)
                    if (!direct[v])
                      for (unsigned int I = 0; I < nc; ++I)
                        {
                          double s = 0.;
                          for (unsigned int k = 0; k < n; ++k)
                            s += P[v](k, I) * phi.begin_dof_values()[k][v];
                          coarse[v](I, J) = s;
                        }
                }
            }
          for (unsigned int v = 0; v < lanes; ++v)
            add(coarse[v], q1_local[v]);
        }
    }

    template <int dim>
    void
    MatrixFreeDisplacementOperator<dim>::assemble_coarse(
        const std::function<void(const FullMatrix<double> &,
                                 const std::vector<types::global_dof_index> &)> &add) const
    {
      if (impl->degree == 2)
        impl->template assemble_coarse<FEEvaluation<dim, 2, 3, dim, double>>(add);
      else
        impl->template assemble_coarse<typename Implementation::Evaluation>(add);
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
