#pragma once

#include <deal.II/base/index_set.h>
#include <deal.II/base/mpi.h>
#include <deal.II/base/point.h>
#include <deal.II/lac/affine_constraints.h>

#include <cstddef>
#include <vector>

namespace dealii
{
  template <int dim, int spacedim> class DoFHandler;
} // namespace dealii

namespace siswell
{
  namespace solvers
  {
    /**
     * The first-order (Q1) displacement space on the mesh of a displacement
     * field of degree p ≥ 2: the coarse level of the two-level p-multigrid
     * that preconditions the displacement block J_uu (see doc/theory.md,
     * "Linear solver"). Q1 ⊂ Qp on every cell, so the prolongation P is the
     * interpolation of Q1 functions at the Qp support points, exact and
     * local; the coarse matrix is the Galerkin product Pᵀ J_uu P.
     *
     * Rows of P are the locally owned displacement unknowns in the compact
     * order of FieldSplit block 0; constrained unknowns (Dirichlet, symmetry,
     * platen) and the masters of constraints (the platen's unknown) have
     * empty rows, so P maps into the space J_uu acts on and J_1 = Pᵀ K P can
     * be summed cell by cell from the unconstrained stiffness K.
     * Columns are the Q1 unknowns, node by node (dim components adjacent).
     */
    struct LinearDisplacementSpace
    {
      /// Whether there is a coarse space (displacement degree ≥ 2).
      bool
      empty() const
      {
        return row_start.empty();
      }

      /// Number of Q1 displacement unknowns in total.
      dealii::types::global_dof_index n_dofs = 0;
      /// Locally owned Q1 unknowns.
      dealii::IndexSet owned;
      /// P in compressed rows: row r has columns column[row_start[r]..row_start[r+1]).
      std::vector<std::size_t>                     row_start;
      std::vector<dealii::types::global_dof_index> column;
      std::vector<double>                          weight;
      /// Near null space on the owned Q1 unknowns (translations, rotations).
      std::vector<std::vector<double>> modes;
      /// Unknowns per node in the Q1 numbering (dim, or 1 if not grouped).
      unsigned int dofs_per_node = 1;
    };

    /**
     * Build the Q1 space of the displacement of @p dofs (base element 0 of
     * its FESystem, dim components). @p rows: the locally owned displacement
     * dofs (global numbering, ascending, the compact order of block 0);
     * @p constraints: the update constraints in the global numbering.
     * Returns an empty space if the displacement is of degree 1.
     */
    template <int dim>
    LinearDisplacementSpace
    make_linear_displacement_space(const dealii::DoFHandler<dim, dim>                 &dofs,
                                   const std::vector<dealii::types::global_dof_index> &rows,
                                   const dealii::AffineConstraints<double>            &constraints,
                                   const bool                                          rotations,
                                   const MPI_Comm                                      comm);

    /**
     * Rigid-body modes of elasticity sampled at displacement unknowns:
     * @p point and @p component give the support point and the component
     * (0..dim-1) of each; returns the translations, then (if @p rotations)
     * the rotations about the centroid of all points, in coordinates scaled
     * by the largest distance from it.
     */
    template <int dim>
    std::vector<std::vector<double>>
    rigid_body_modes(const std::vector<dealii::Point<dim>> &point,
                     const std::vector<unsigned int>       &component,
                     const bool                             rotations,
                     const MPI_Comm                         comm);
  } // namespace solvers
} // namespace siswell
