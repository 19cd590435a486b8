// Private to source/physics/coupled_problem*.cc: what the parts of
// CoupledProblem share (FE indices, per-field positions, the work arrays of
// the cell and interface loops).
#pragma once

#include <siswell/materials/lithium_carrier.h>
#include <siswell/physics/coupled_problem.h>
#include <siswell/physics/field_values.h>
#include <siswell/physics/mechanics_term.h>
#include <siswell/physics/out_of_plane_force_term.h>
#include <siswell/physics/transport_term.h>

#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/base/timer.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_nothing.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_system.h>
#include <deal.II/grid/grid_tools.h>
#include <deal.II/hp/fe_values.h>
#include <deal.II/hp/mapping_collection.h>
#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/sparsity_tools.h>
#include <deal.II/numerics/vector_tools.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace siswell
{
  namespace physics
  {
    using namespace dealii;

    namespace
    {
      /// Active cells carry FE index 0 (u, c, μ), inert cells FE index 1 (u only);
      /// on the far side of a split interface the same with the far-side
      /// displacement copy instead of the near one (Fields<dim>::far_side_first_component()).
      constexpr unsigned int active_fe_index     = 0;
      constexpr unsigned int inert_fe_index      = 1;
      constexpr unsigned int far_active_fe_index = 2;
      constexpr unsigned int far_inert_fe_index  = 3;
      constexpr bool
      carries_lithium(const unsigned int fe_index)
      {
        return fe_index == active_fe_index || fe_index == far_active_fe_index;
      }
      /// Per-field arrays (scales, norms) by field.
      constexpr unsigned int u_index = field_index(Field::displacement);
      constexpr unsigned int c_index = field_index(Field::concentration);

      /// Append the committed history of @p points (one cell's) to @p blob as
      /// [n_points, n_values, values...]: the cell data of checkpoints and of
      /// the transfer through refinement.
      inline void
      pack_committed(const std::vector<std::shared_ptr<PointHistory>> &points,
                     std::vector<double>                              &blob)
      {
        blob.push_back(points.size());
        blob.push_back(points.empty() ? 0 : points[0]->size());
        for (const auto &p : points)
          blob.insert(blob.end(), p->committed().begin(), p->committed().end());
      }
    } // namespace

    /// Work arrays of the cell and interface loops, reused from cell to cell.

    template <int dim> struct CoupledProblem<dim>::Scratch
    {
      static UpdateFlags
      flags()
      {
        return update_values | update_gradients | update_quadrature_points | update_JxW_values;
      }

      Scratch(const CoupledProblem<dim> &problem)
          : mappings(problem.mapping_q),
            fe_values(mappings, problem.fe, problem.cell_quadrature, flags()),
            face_values{{hp::FEFaceValues<dim>(mappings,
                                               problem.fe,
                                               problem.face_quadrature,
                                               flags() | update_normal_vectors),
                         hp::FEFaceValues<dim>(mappings,
                                               problem.fe,
                                               problem.face_quadrature,
                                               flags() | update_normal_vectors)}},
            subface_values{{hp::FESubfaceValues<dim>(mappings,
                                                     problem.fe,
                                                     problem.interface_quadrature,
                                                     flags() | update_normal_vectors),
                            hp::FESubfaceValues<dim>(mappings,
                                                     problem.fe,
                                                     problem.interface_quadrature,
                                                     flags() | update_normal_vectors)}},
            pair_face_values{{hp::FEFaceValues<dim>(mappings,
                                                    problem.fe,
                                                    problem.interface_quadrature,
                                                    flags() | update_normal_vectors),
                              hp::FEFaceValues<dim>(mappings,
                                                    problem.fe,
                                                    problem.interface_quadrature,
                                                    flags() | update_normal_vectors)}}
      {
      }

      hp::MappingCollection<dim> mappings;
      hp::FEValues<dim>          fe_values;
      /// Face and subface values of side 0 (also for boundary faces) and side 1.
      std::array<hp::FEFaceValues<dim>, 2> face_values;
      /// Subface values of the two sides of a face pair, with the interface quadrature.
      std::array<hp::FESubfaceValues<dim>, 2> subface_values;
      /// Face values of the two sides of a face pair, with the interface quadrature.
      std::array<hp::FEFaceValues<dim>, 2> pair_face_values;
      FullMatrix<double>                   cell_matrix, cell_block_c, schur;
      Vector<double>                       cell_rhs;
      /// Where assemble_cell() met an invalid state (CoupledProblem::invalid_state_location()).
      std::string invalid_where;
      /// The global scalars' border of the cell and its faces, and of the two
      /// sides of an interface face pair.
      LocalBorder                cell_border;
      std::array<LocalBorder, 2> pair_border;
      /// Field index, residual and unknown scale of each local dof of the cell
      /// (scale_and_distribute(), the border).
      std::vector<unsigned int>              dof_field;
      std::vector<double>                    dof_residual_scale, dof_unknown_scale;
      std::vector<types::global_dof_index>   local_dofs;
      std::array<FieldValues<dim>, 2>        fields;
      PointData<dim>                         p;
      std::vector<const BoundaryTerm<dim> *> face_terms;

      // one interface face pair: per side its dofs and residual, the four blocks
      InterfacePointData<dim>                             ip;
      std::array<std::vector<types::global_dof_index>, 2> pair_dofs;
      std::array<Vector<double>, 2>                       pair_rhs;
      std::array<std::array<FullMatrix<double>, 2>, 2>    pair_matrix;
      std::vector<unsigned int>                           match;

      /// Side @p t of an interface face pair: its face (or subface) values.
      const FEValuesBase<dim> &
      reinit_side(const typename Interface<dim>::FacePair &pair, const unsigned int t)
      {
        if (pair.subface[t] != numbers::invalid_unsigned_int)
          {
            subface_values[t].reinit(pair.cell[t], pair.face[t], pair.subface[t]);
            return subface_values[t].get_present_fe_values();
          }
        pair_face_values[t].reinit(pair.cell[t], pair.face[t]);
        return pair_face_values[t].get_present_fe_values();
      }
    };
  } // namespace physics
} // namespace siswell
