// MatrixFreeDisplacementOperator: what the p-multigrid needs of J_uu besides its
// products, the diagonal (Chebyshev smoother) and the Q1 coarse matrix.
#include "displacement_operator_internal.h"

namespace siswell
{
  namespace solvers
  {
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

    template void
    MatrixFreeDisplacementOperator<2>::diagonal(double *) const;
    template void
    MatrixFreeDisplacementOperator<3>::diagonal(double *) const;
    template void
    MatrixFreeDisplacementOperator<2>::assemble_coarse(
        const std::function<void(const FullMatrix<double> &,
                                 const std::vector<types::global_dof_index> &)> &) const;
    template void
    MatrixFreeDisplacementOperator<3>::assemble_coarse(
        const std::function<void(const FullMatrix<double> &,
                                 const std::vector<types::global_dof_index> &)> &) const;
  } // namespace solvers
} // namespace siswell
