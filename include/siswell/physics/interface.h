#pragma once

#include <siswell/physics/material_map.h>

#include <deal.II/base/mpi.h>
#include <deal.II/dofs/dof_handler.h>

#include <functional>
#include <string>
#include <vector>

namespace siswell
{
  namespace physics
  {
    /**
     * An interface between two groups of materials in the mesh, e.g. the
     * lithium-carrying silicon (side 0) and the inert solids around it
     * (side 1). Built at setup from the mesh and the materials: the faces
     * between a cell of side 0 and a cell of side 1, as pairs of one face
     * (or subface) of each side, so that two-sided terms (InterfaceTerm) see
     * both cells. It is named in the .prm by name(); it has no boundary id
     * (an interface is not a boundary part, and no id of a mesh can be
     * mistaken for it).
     *
     * Which rank assembles a pair: the owner of its side-0 cell (a pair is
     * stored on that rank only). The side-1 cell is then owned or a ghost,
     * so its dofs are locally relevant. Hanging faces: where the side-1
     * neighbour is finer, one pair per subface (side 0 is integrated on the
     * subface); where it is coarser, side 1 is integrated on its subface.
     */
    template <int dim> class Interface
    {
    public:
      using cell_iterator = typename dealii::DoFHandler<dim>::active_cell_iterator;

      /// One face pair: the same piece of surface seen from both sides.
      struct FacePair
      {
        cell_iterator cell[2];
        unsigned int  face[2];
        /// The subface of face[s] that the pair covers, or invalid_unsigned_int
        /// if the whole face (at most one side has a valid subface).
        unsigned int subface[2];
      };

      /// @p name: as in the .prm; @p side0, @p side1: which materials lie on each side.
      Interface(const std::string                                      &name,
                const std::function<bool(const materials::Material &)> &side0,
                const std::function<bool(const materials::Material &)> &side1);

      /// Collect the face pairs of the locally owned side-0 cells (after the
      /// dofs are distributed). Collective: also counts the pairs of all ranks.
      void
      reinit(const dealii::DoFHandler<dim> &dofs,
             const MaterialMap             &materials,
             const MPI_Comm                 comm);

      const std::string &
      name() const;

      /// The pairs this rank assembles.
      const std::vector<FacePair> &
      pairs() const;

      /// Number of pairs on all ranks.
      unsigned long long
      n_global_pairs() const;

      /// True if the face @p f of the locally owned cell @p cell belongs to a pair (either side).
      bool
      contains(const cell_iterator &cell, const unsigned int f) const;

      /// Reference area (m²; m in plane strain; with 2πr in axisymmetry), set by the
      /// coupled problem at setup.
      double area = 0.;

      /// True if a cell of material @p m lies on side @p s (0 or 1).
      bool
      on_side(const materials::Material &m, const unsigned int s) const;

      /**
       * Split the displacement at this interface (before setup()): side 1
       * gets its own displacement dofs (the far-side copy of Fields<dim>),
       * so that the sides can separate, slide and be pressed together by a
       * contact term; false (the default) keeps u continuous (bonded).
       * Every cell of a side-1 material carries the far-side copy, so every
       * face between side-0 and side-1 materials is then split.
       */
      void
      set_split(const bool split);

      /// See set_split().
      bool
      is_split() const;

    private:
      std::string                                      interface_name;
      std::function<bool(const materials::Material &)> on_side0, on_side1;
      std::vector<FacePair>                            face_pairs;
      /// (active cell index, face) of every owned cell face in a pair, sorted.
      std::vector<std::pair<unsigned int, unsigned int>> owned_faces;
      unsigned long long                                 n_global = 0;
      bool                                               split    = false;
    };
  } // namespace physics
} // namespace siswell
