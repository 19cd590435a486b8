// CoupledProblem: the rigid platen (its dofs and master, its load, its reaction).
#include "coupled_problem_internal.h"

namespace siswell
{
  namespace physics
  {
    using namespace dealii;

    template <int dim>
    void
    CoupledProblem<dim>::enable_platen(const types::boundary_id id,
                                       const bool               displacement_controlled)
    {
      platen.enabled                 = true;
      platen.boundary_id             = id;
      platen.displacement_controlled = displacement_controlled;
    }

    template <int dim>
    bool
    CoupledProblem<dim>::has_platen() const
    {
      return platen.enabled;
    }

    template <int dim>
    void
    CoupledProblem<dim>::setup_platen()
    {
      // the boundary must be flat and perpendicular to one axis: find the axis
      // as the coordinate that is the same at every vertex of every face
      Point<dim>            first;
      bool                  have_first = false;
      std::array<bool, dim> flat;
      flat.fill(true);
      for (const auto &cell : dofs.active_cell_iterators())
        if (cell->is_locally_owned())
          for (const unsigned int f : cell->face_indices())
            if (cell->face(f)->at_boundary() && cell->face(f)->boundary_id() == platen.boundary_id)
              for (const unsigned int v : cell->face(f)->vertex_indices())
                {
                  const Point<dim> x = cell->face(f)->vertex(v);
                  if (!have_first)
                    {
                      first      = x;
                      have_first = true;
                    }
                  for (unsigned int d = 0; d < dim; ++d)
                    flat[d] = flat[d] && std::abs(x[d] - first[d]) <= 1e-10 * cell->diameter();
                }
      // agree across ranks: the axis (first flat coordinate), its position and the sign
      int axis = dim;
      for (unsigned int d = 0; d < dim; ++d)
        if (have_first && flat[d])
          {
            axis = d;
            break;
          }
      const int    any_axis = Utilities::MPI::min(have_first ? axis : dim, comm);
      const int    max_axis = Utilities::MPI::max(have_first ? axis : -1, comm);
      const double position = have_first && axis < dim ? first[axis] : 0.;
      const double pos_min  = Utilities::MPI::min(have_first ? position : 1e300, comm);
      const double pos_max  = Utilities::MPI::max(have_first ? position : -1e300, comm);
      const double h        = GridTools::maximal_cell_diameter(tria);
      // the outward normal's sign along the axis, from every face (the body lies
      // on one side of the platen)
      double sign_min = 1., sign_max = -1.;
      if (any_axis < dim)
        for (const auto &cell : dofs.active_cell_iterators())
          if (cell->is_locally_owned())
            for (const unsigned int f : cell->face_indices())
              if (cell->face(f)->at_boundary() &&
                  cell->face(f)->boundary_id() == platen.boundary_id)
                {
                  const double sign =
                      cell->face(f)->center()[any_axis] > cell->center()[any_axis] ? 1. : -1.;
                  sign_min = std::min(sign_min, sign);
                  sign_max = std::max(sign_max, sign);
                }
      sign_min = Utilities::MPI::min(sign_min, comm);
      sign_max = Utilities::MPI::max(sign_max, comm);
      if (any_axis > dim)
        throw std::invalid_argument("parameter 'Stack pressure/Platen boundary': the mesh has no "
                                    "face on this boundary part");
      if (any_axis >= dim || any_axis != max_axis || pos_max - pos_min > 1e-10 * h ||
          sign_min != sign_max)
        throw std::invalid_argument("parameter 'Stack pressure/Platen boundary': the platen needs "
                                    "a flat boundary part perpendicular to the x, y or z axis");
      platen.component   = any_axis;
      platen.normal_sign = sign_max;

      // the platen dofs: the normal displacement component on those faces
      platen.dofs = IndexSet(dofs.n_dofs());
      std::vector<types::global_dof_index> face_dofs;
      for (const auto &cell : dofs.active_cell_iterators())
        if (!cell->is_artificial())
          for (const unsigned int f : cell->face_indices())
            if (cell->face(f)->at_boundary() && cell->face(f)->boundary_id() == platen.boundary_id)
              {
                const auto &cell_fe = cell->get_fe();
                face_dofs.resize(cell_fe.n_dofs_per_face(f));
                cell->face(f)->get_dof_indices(face_dofs, cell->active_fe_index());
                for (unsigned int k = 0; k < face_dofs.size(); ++k)
                  if (Fields<dim>::is_displacement_component(
                          cell_fe.face_system_to_component_index(k, f).first, platen.component))
                    platen.dofs.add_index(face_dofs[k]);
              }
      platen.dofs.compress();
      // the master: the first platen dof that is not a hanging node (those follow their parents)
      IndexSet free_dofs = platen.dofs;
      free_dofs.subtract_set(hanging_dofs);
      platen.master = Utilities::MPI::min(free_dofs.n_elements() > 0
                                              ? *free_dofs.begin()
                                              : std::numeric_limits<types::global_dof_index>::max(),
                                          comm);
      // every rank writes to the master's row and reads its value
      relevant.add_index(platen.master);
      relevant.compress();

      // reference area (2πr dA in axisymmetry)
      hp::MappingCollection<dim> mappings(mapping_q);
      hp::FEFaceValues<dim>      ffv(
          mappings, fe, face_quadrature, update_JxW_values | update_quadrature_points);
      double a = 0.;
      for (const auto &cell : dofs.active_cell_iterators())
        if (cell->is_locally_owned())
          for (const unsigned int f : cell->face_indices())
            if (cell->face(f)->at_boundary() && cell->face(f)->boundary_id() == platen.boundary_id)
              {
                ffv.reinit(cell, f);
                const auto &v = ffv.get_present_fe_values();
                for (unsigned int q = 0; q < v.n_quadrature_points; ++q)
                  a += v.JxW(q) * volume_factor(v.quadrature_point(q));
              }
      platen.area = Utilities::MPI::sum(a, comm);
    }

    template <int dim>
    void
    CoupledProblem<dim>::set_platen_load(const double pressure, const double stiffness)
    {
      platen.pressure  = pressure;
      platen.stiffness = stiffness;
    }

    template <int dim>
    void
    CoupledProblem<dim>::set_platen_displacement(const double w)
    {
      for (const auto i : platen.dofs)
        if (owned.is_element(i))
          current(i) = platen.normal_sign * w;
      current.update_ghost_values();
    }

    template <int dim>
    double
    CoupledProblem<dim>::platen_displacement() const
    {
      if (!platen.enabled)
        return 0.;
      return platen.normal_sign * current(platen.master); // the master is in every rank's ghost set
    }

    template <int dim>
    types::global_dof_index
    CoupledProblem<dim>::platen_unknown() const
    {
      return platen.master;
    }

    template <int dim>
    double
    CoupledProblem<dim>::platen_area() const
    {
      return platen.area;
    }

    template <int dim>
    double
    CoupledProblem<dim>::platen_reaction_pressure()
    {
      if (!platen.enabled)
        return 0.;
      // the internal force on the platen dofs of the current state with the
      // committed history (no plastic update): a function of the state, not
      // of whichever iterate was assembled last
      Scratch s(*this);
      double  force   = 0.;
      int     invalid = 0;
      for (const auto &cell : dofs.active_cell_iterators())
        if (cell->is_locally_owned())
          {
            bool touches = false;
            s.local_dofs.resize(cell->get_fe().n_dofs_per_cell());
            cell->get_dof_indices(s.local_dofs);
            for (const auto i : s.local_dofs)
              touches = touches || platen.dofs.is_element(i);
            if (!touches)
              continue;
            if (!assemble_cell(cell, s, AssemblyMode::frozen_history))
              {
                invalid = 1;
                continue;
              }
            for (unsigned int i = 0; i < s.local_dofs.size(); ++i)
              if (platen.dofs.is_element(s.local_dofs[i]))
                force += s.cell_rhs(i);
          }
      for (unsigned int k = 0; k < interfaces.size(); ++k)
        if (!interface_terms[k].empty())
          for (unsigned int pair = 0; pair < interfaces[k]->pairs().size(); ++pair)
            {
              assemble_pair(k, pair, s, AssemblyMode::frozen_history);
              for (unsigned int t = 0; t < 2; ++t)
                for (unsigned int i = 0; i < s.pair_dofs[t].size(); ++i)
                  if (platen.dofs.is_element(s.pair_dofs[t][i]))
                    force += s.pair_rhs[t](i);
            }
      if (Utilities::MPI::max(invalid, comm) != 0)
        return std::numeric_limits<double>::quiet_NaN();
      return -platen.normal_sign * Utilities::MPI::sum(force, comm) / platen.area;
    }

    template class CoupledProblem<2>;
    template class CoupledProblem<3>;
  } // namespace physics
} // namespace siswell
