#pragma once

#include <siswell/base/fields.h>
#include <siswell/solvers/linear_displacement_space.h>

#include <deal.II/base/index_set.h>
#include <deal.II/base/mpi.h>
#include <deal.II/base/table.h>
#include <deal.II/lac/affine_constraints.h>

#include <array>
#include <functional>
#include <utility>
#include <vector>

namespace dealii
{
  class DynamicSparsityPattern;
  template <int dim, int spacedim> class DoFHandler;
  template <int dim, int spacedim> class Mapping;
} // namespace dealii

namespace siswell
{
  namespace solvers
  {
    /**
     * The split of the unknowns into two blocks for the iterative solver:
     * block 0 holds the displacement, block 1 the lithium unknowns
     * (concentration and chemical potential). The Jacobian is then stored as
     * four matrices J_00, J_01, J_10, J_11, and the displacement block J_00 is
     * at the same time the matrix of the displacement multigrid: no copy.
     *
     * Every locally relevant dof has a compact index in its block. On each
     * rank the compact indices of a block are contiguous and keep the order of
     * the global numbering, so the dim displacement components of a support
     * point stay adjacent: the node blocks that smoothed-aggregation
     * multigrid aggregates for elasticity, with the rigid-body modes as its
     * near null space.
     */
    class FieldSplit
    {
    public:
      /**
       * Build the split. @p constraints are the constraints of the Newton
       * update in the global numbering; they must not couple the two blocks.
       * @p rotations: include the rigid rotations in the near null space
       * (plane strain and 3D; not in axisymmetric coordinates, where only the
       * translations are low-energy modes).
       */
      template <int dim>
      FieldSplit(const dealii::DoFHandler<dim, dim>      &dofs,
                 const dealii::Mapping<dim, dim>         &mapping,
                 const dealii::IndexSet                  &owned,
                 const dealii::IndexSet                  &relevant,
                 const dealii::AffineConstraints<double> &constraints,
                 const bool                               rotations,
                 const MPI_Comm                           comm);

      /// Block (0 displacement, 1 lithium) of a locally relevant dof.
      unsigned int
      block(const dealii::types::global_dof_index i) const
      {
        return block_of[relevant_global.index_within_set(i)];
      }

      /// Field of a locally relevant dof.
      Field
      field(const dealii::types::global_dof_index i) const
      {
        return static_cast<Field>(field_of[relevant_global.index_within_set(i)]);
      }

      /// Compact index of a locally relevant dof in its block.
      dealii::types::global_dof_index
      index(const dealii::types::global_dof_index i) const
      {
        return compact[relevant_global.index_within_set(i)];
      }

      /// Block and compact index of a locally relevant dof (one lookup).
      std::pair<unsigned int, dealii::types::global_dof_index>
      locate(const dealii::types::global_dof_index i) const
      {
        const auto k = relevant_global.index_within_set(i);
        return {block_of[k], compact[k]};
      }

      /// Locally owned compact indices of block @p b (contiguous).
      const dealii::IndexSet &
      owned(const unsigned int b) const
      {
        return owned_compact[b];
      }

      /// Locally relevant compact indices of block @p b.
      const dealii::IndexSet &
      relevant(const unsigned int b) const
      {
        return relevant_compact[b];
      }

      /// The update constraints of block @p b in compact indices.
      const dealii::AffineConstraints<double> &
      constraints(const unsigned int b) const
      {
        return block_constraints[b];
      }

      /// Locally owned global dofs, in order, with their block and compact index.
      const std::vector<std::array<dealii::types::global_dof_index, 3>> &
      owned_dofs() const
      {
        return owned_map;
      }

      /// Fill @p dsp (already sized) with the pattern of J_{row_block,col_block},
      /// distributed to the owners of its rows.
      void
      make_pattern(const unsigned int              row_block,
                   const unsigned int              col_block,
                   dealii::DynamicSparsityPattern &dsp) const;

      /// Fill @p dsp with the pattern of the lithium preconditioner matrix:
      /// concentration–concentration couplings and every diagonal entry.
      void
      make_lithium_preconditioner_pattern(dealii::DynamicSparsityPattern &dsp) const;

      /// Whether locally owned lithium dof k (in block order) is a chemical
      /// potential (otherwise a concentration).
      const std::vector<bool> &
      owned_lithium_is_chemical_potential() const
      {
        return owned_mu;
      }

      /// Near null space of the displacement block: one vector per mode over
      /// the locally owned displacement dofs (translations, then rotations),
      /// in compact order.
      const std::vector<std::vector<double>> &
      near_null_space() const
      {
        return modes;
      }

      /// Displacement unknowns per support point in the compact order (dim),
      /// or 1 if the numbering does not group them.
      unsigned int
      dofs_per_node() const
      {
        return node_size;
      }

      /// Space dimension of the mesh.
      unsigned int
      dimension() const
      {
        return space_dimension;
      }

      /// The first-order displacement space (the coarse level of the
      /// displacement p-multigrid); empty if the displacement is of degree 1.
      const LinearDisplacementSpace &
      linear_displacement_space() const
      {
        return linear_space;
      }
      MPI_Comm
      communicator() const
      {
        return comm;
      }

      /// The sets of dofs the Jacobian couples, each with its mask over the
      /// set (mask(i, j): row of dof i, column of dof j; an empty table
      /// couples all): by default the dofs of every locally owned cell, all
      /// coupled; the coupled problem gives its terms' couplings and adds
      /// the dofs of interface face pairs.
      using CoupledSet =
          std::function<void(const std::vector<dealii::types::global_dof_index> &, const dealii::Table<2, bool> &)>;
      using CoupledSets = std::function<void(const CoupledSet &)>;
      void
      set_coupled_sets(const CoupledSets &sets)
      {
        for_each_cell = sets;
      }

    private:
      MPI_Comm                                                    comm;
      dealii::IndexSet                                            relevant_global;
      /// Per locally relevant dof: Fields<dim>::index() of its field, its block.
      std::vector<unsigned char>                                  field_of, block_of;
      std::vector<dealii::types::global_dof_index>                compact;
      std::array<dealii::IndexSet, 2>                             owned_compact, relevant_compact;
      std::array<dealii::AffineConstraints<double>, 2>            block_constraints;
      std::vector<std::array<dealii::types::global_dof_index, 3>> owned_map;
      std::vector<bool>                                           owned_mu;
      std::vector<std::vector<double>>                            modes;
      LinearDisplacementSpace                                     linear_space;
      unsigned int                                                node_size = 1;
      unsigned int                                                space_dimension = 0;
      /// Calls its argument with every coupled set (see set_coupled_sets()).
      CoupledSets for_each_cell;
    };
  } // namespace solvers
} // namespace siswell
