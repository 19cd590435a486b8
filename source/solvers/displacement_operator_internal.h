// The data and the cell operation of MatrixFreeDisplacementOperator, shared by
// displacement_operator.cc (set-up, tangent, products) and
// displacement_operator_preconditioner.cc (diagonal and coarse matrix).
#pragma once

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
  } // namespace solvers
} // namespace siswell
