// CoupledProblem: assembly of the residual and Jacobian from the cell,
// boundary and interface terms (the face pairs of the interfaces are in
// coupled_problem_interfaces.cc).
#include "coupled_problem_internal.h"

#include <siswell/physics/point_evaluator.h>

#include <iomanip>
#include <sstream>
#include <utility>

namespace siswell
{
  namespace physics
  {
    using namespace dealii;

    template <int dim>
    void
    CoupledProblem<dim>::fill_point_data(const FEValuesBase<dim>                        &fv,
                                         const unsigned int                              q,
                                         const materials::Material                      &material,
                                         const std::vector<Vector<double>>              &values,
                                         const std::vector<Vector<double>>              &old_values,
                                         const std::vector<std::vector<Tensor<1, dim>>> &grads,
                                         PointData<dim>                                 &p,
                                         const bool   with_response,
                                         const double h) const
    {
      const Point<dim>  &x   = fv.quadrature_point(q);
      const bool         axi = coord == geometry::CoordinateSystem::axisymmetric;
      const auto        &cfe = fv.get_fe();
      const unsigned int n   = cfe.n_dofs_per_cell();
      if (p.described_fe != &cfe || p.field.size() != n)
        {
          // what each local dof is: once per finite element, not per point
          p.resize(n);
          for (auto &list : p.dofs_of_field)
            list.clear();
          for (unsigned int i = 0; i < n; ++i)
            {
              const unsigned int comp = cfe.system_to_component_index(i).first;
              p.field[i]              = Fields<dim>::field_of_component(comp);
              p.dofs_of_field[field_index(p.field[i])].push_back(i);
              if (p.field[i] == Field::displacement)
                p.direction[i] = Fields<dim>::displacement_direction(comp);
            }
          p.described_fe = &cfe;
        }
      p.JxW = fv.JxW(q) * volume_factor(x);
      p.dt  = dt;

      constexpr unsigned int c_ = Fields<dim>::first_component(Field::concentration);
      // the fields and F as measure(), output and the tests see them (a
      // Gauss point is never on the axis; h > 0 guards points of interfaces,
      // whose quadrature could have points there)
      const PointState<dim> state =
          PointEvaluator<dim>::state(*this, material, values[q], grads[q], x, h);
      const bool on_axis = axi && x[0] < 1e-8 * h;
      p.F                = state.F;
      p.u                = state.u;
      p.active           = state.active;
      if (p.active)
        {
          p.c       = state.c;
          p.c_old   = old_values[q](c_);
          p.mu      = state.mu;
          p.grad_mu = state.grad_mu;
        }
      if (with_response)
        p.response = material.mechanical_response(p.F, p.c, p.history_step);

      // shape functions of a primitive element: shape_value/shape_grad of
      // dof i are those of its one nonzero component
      for (const unsigned int i : p.dofs(Field::displacement))
        {
          const unsigned int   d = p.direction[i];
          const Tensor<1, dim> g = fv.shape_grad(i, q);
          p.dF[i]                = Tensor<2, 3>();
          for (unsigned int j = 0; j < dim; ++j)
            p.dF[i][d][j] = g[j];
          const double v  = fv.shape_value(i, q);
          p.shape_u[i]    = Tensor<1, 3>();
          p.shape_u[i][d] = v;
          if (axi && d == 0) // hoop u_r / r, on the axis its limit ∂u_r/∂r
            p.dF[i][2][2] = on_axis ? g[0] : v / x[0];
        }
      for (const Field f : {Field::concentration, Field::chemical_potential})
        for (const unsigned int i : p.dofs(f))
          {
            p.phi[i]      = fv.shape_value(i, q);
            p.grad_phi[i] = fv.shape_grad(i, q);
          }
    }

    template <int dim>
    bool
    CoupledProblem<dim>::assemble_cell(const typename DoFHandler<dim>::active_cell_iterator &cell,
                                       Scratch                                              &s,
                                       const AssemblyMode                                    mode)
    {
      const bool                 frozen              = mode == AssemblyMode::frozen_history;
      const bool                 jacobian            = mode == AssemblyMode::jacobian;
      const bool                 with_preconditioner = jacobian && solver->needs_field_split();
      const materials::Material &material            = *material_map.at(cell->material_id());
      s.fe_values.reinit(cell);
      const FEValues<dim> &fv = s.fe_values.get_present_fe_values();
      const unsigned int   n  = cell->get_fe().n_dofs_per_cell();
      s.cell_matrix.reinit(jacobian ? n : 0, jacobian ? n : 0);
      if (with_preconditioner)
        {
          s.cell_block_c.reinit(n, n);
          s.schur.reinit(n, n);
        }
      s.cell_rhs.reinit(n);
      const bool border = !scalars.empty() && !frozen;
      s.cell_border.reinit(border ? scalars.size() : 0, n);
      s.local_dofs.resize(n);
      cell->get_dof_indices(s.local_dofs);

      s.fields[0].evaluate(fv, current, old);

      PointData<dim>     &p      = s.p;
      FullMatrix<double> *matrix = jacobian ? &s.cell_matrix : nullptr;
      const auto          points = history.of(cell); // empty: a law without history
      for (unsigned int q = 0; q < fv.n_quadrature_points; ++q)
        {
          const bool flow = !points.empty();
          p.history_step.old =
              flow ? std::as_const(*points[q]).committed() : ArrayView<const double>();
          // frozen: the stress of the committed state, without a further update
          p.history_step.updated = flow && !frozen ? points[q]->trial() : ArrayView<double>();
          p.history_step.dt      = dt;
          fill_point_data(fv,
                          q,
                          material,
                          s.fields[0].values,
                          s.fields[0].old_values,
                          s.fields[0].grads,
                          p,
                          true);
          if (!p.response.valid)
            {
              // inverted element or failed constitutive update: say where
              std::ostringstream where;
              where << "material id " << static_cast<unsigned int>(cell->material_id())
                    << ", cell at (" << std::setprecision(4);
              for (unsigned int d = 0; d < dim; ++d)
                where << (d ? ", " : "") << cell->center()[d];
              where << ") m: J = " << determinant(p.F);
              if (p.active)
                where << ", state of charge " << p.active->theta(p.c);
              s.invalid_where = where.str();
              return false;
            }
          p.border                 = border ? &s.cell_border : nullptr;
          p.scalars                = &scalars;
          p.stretch                = stretch_index;
          p.displacement_stiffness = !displacement_operator;
          if (displacement_operator && jacobian)
            displacement_operator->set_tangent(cell->active_cell_index(),
                                               q,
                                               p.response.dP_dF,
                                               unknown_scales[u_index] / residual_scale[u_index]);
          for (const auto &term : cell_terms)
            if (!term->active_material_only() || p.active)
              {
                term->add(p, s.cell_rhs, matrix);
                if (with_preconditioner && p.active)
                  term->add_lithium_preconditioner(p, s.schur);
              }
        }

      for (const unsigned int f : cell->face_indices())
        {
          // boundary parts (interfaces are assembled pair by pair, see assemble_pair())
          if (!cell->face(f)->at_boundary())
            continue;
          const types::boundary_id face_id = cell->face(f)->boundary_id();
          s.face_terms.clear();
          for (const auto &term : boundary_terms)
            if (term->boundary_ids().count(face_id))
              s.face_terms.push_back(term.get());
          if (s.face_terms.empty())
            continue;
          s.face_values[0].reinit(cell, f);
          const FEFaceValues<dim> &ffv = s.face_values[0].get_present_fe_values();
          s.fields[0].evaluate(ffv, current, old);
          for (unsigned int q = 0; q < ffv.n_quadrature_points; ++q)
            {
              // boundary terms need kinematics and shape data, not the material response
              fill_point_data(ffv,
                              q,
                              material,
                              s.fields[0].values,
                              s.fields[0].old_values,
                              s.fields[0].grads,
                              p,
                              false);
              p.border  = border ? &s.cell_border : nullptr;
              p.scalars = &scalars;
              p.stretch = stretch_index;
              p.normal  = Tensor<1, 3>();
              for (unsigned int d = 0; d < dim; ++d)
                p.normal[d] = ffv.normal_vector(q)[d];
              for (const auto *term : s.face_terms)
                term->add(p, s.cell_rhs, matrix);
            }
        }
      return true;
    }

    template <int dim>
    void
    CoupledProblem<dim>::scale_and_distribute(
        const typename DoFHandler<dim>::active_cell_iterator &cell,
        Scratch                                              &s,
        const bool                                            with_jacobian)
    {
      const bool         with_preconditioner = with_jacobian && solver->needs_field_split();
      const auto        &cfe                 = cell->get_fe();
      const unsigned int n                   = cfe.n_dofs_per_cell();
      // to scaled units: J̃_ij = J_ij s_x(j) / s_R(i), R̃_i = R_i / s_R(i); the
      // field of each local dof looked up once, not per matrix entry
      s.dof_field.resize(n);
      s.dof_residual_scale.resize(n);
      s.dof_unknown_scale.resize(n);
      for (unsigned int i = 0; i < n; ++i)
        {
          const unsigned int f    = field_of(cfe.system_to_component_index(i).first);
          s.dof_field[i]          = f;
          s.dof_residual_scale[i] = residual_scale[f];
          s.dof_unknown_scale[i]  = unknown_scales[f];
        }
      for (unsigned int i = 0; i < n; ++i)
        {
          const double row = 1. / s.dof_residual_scale[i];
          s.cell_rhs(i) *= row;
          if (with_jacobian)
            for (unsigned int j = 0; j < n; ++j)
              s.cell_matrix(i, j) *= row * s.dof_unknown_scale[j];
        }
      if (with_preconditioner)
        {
          // lithium preconditioner: Schur approximation on c, lumped mass on μ
          constexpr unsigned int c_field  = field_index(Field::concentration);
          constexpr unsigned int mu_field = field_index(Field::chemical_potential);
          const double           c_scale  = unknown_scales[c_index] / residual_scale[c_index];
          for (unsigned int i = 0; i < n; ++i)
            if (s.dof_field[i] == c_field)
              {
                for (unsigned int j = 0; j < n; ++j)
                  if (s.dof_field[j] == c_field)
                    s.cell_block_c(i, j) = s.schur(i, j) * c_scale;
              }
            else if (s.dof_field[i] == mu_field)
              for (unsigned int j = 0; j < n; ++j)
                if (s.dof_field[j] == mu_field)
                  s.cell_block_c(i, i) += s.cell_matrix(i, j);
        }
      update_constraints.distribute_local_to_global(s.cell_rhs, s.local_dofs, rhs);
      if (s.cell_border.n_scalars() > 0)
        {
          scalars.distribute(s.cell_border,
                             s.local_dofs,
                             s.dof_residual_scale,
                             s.dof_unknown_scale,
                             update_constraints);
        }
      if (with_jacobian)
        solver->add(s.cell_matrix,
                    with_preconditioner ? s.cell_block_c : FullMatrix<double>(),
                    s.local_dofs,
                    update_constraints);
    }

    template <int dim>
    void
    CoupledProblem<dim>::assemble(const bool with_jacobian)
    {
      Timer timer;
      if (with_jacobian)
        solver->zero();
      rhs = 0.;
      scalars.zero();
      Scratch s(*this);
      // An invalid state (J <= 0, failed constitutive update) on any cell of
      // any rank makes the residual norm +inf on all ranks (residual_norms()),
      // so that Newton cuts the step; a flag, not a NaN in the residual,
      // which a constrained dof would drop.
      int invalid = 0;
      for (const auto &cell : dofs.active_cell_iterators())
        {
          if (!cell->is_locally_owned())
            continue;
          if (!assemble_cell(
                  cell, s, with_jacobian ? AssemblyMode::jacobian : AssemblyMode::residual))
            {
              invalid = 1;
              break; // nothing of this assembly will be used
            }
          scale_and_distribute(cell, s, with_jacobian);
        }
      if (!invalid)
        for (unsigned int k = 0; k < interfaces.size(); ++k)
          if (!interface_terms[k].empty())
            {
              // terms that depend on no unknown (a prescribed flux) add no matrix entries
              bool couples = false;
              for (const auto &term : interface_terms[k])
                couples = couples || couples_anything(term->coupling());
              const bool pair_jacobian = with_jacobian && couples;
              for (unsigned int i = 0; i < interfaces[k]->pairs().size(); ++i)
                {
                  assemble_pair(
                      k, i, s, pair_jacobian ? AssemblyMode::jacobian : AssemblyMode::residual);
                  scale_and_distribute_pair(s, pair_jacobian);
                }
            }
      state_invalid = Utilities::MPI::max(invalid, comm) != 0;
      invalid_where.clear();
      if (state_invalid)
        {
          // the lowest rank that met one tells
          const unsigned int n_ranks = Utilities::MPI::n_mpi_processes(comm);
          const unsigned int teller =
              Utilities::MPI::min(invalid ? Utilities::MPI::this_mpi_process(comm) : n_ranks, comm);
          invalid_where = Utilities::MPI::broadcast(comm, s.invalid_where, teller);
        }
      // the Jacobian (and a matrix-free tangent) of this assembly is usable
      // only for a valid state
      jacobian_current = with_jacobian && !state_invalid;
      if (platen.enabled && !platen.displacement_controlled && owned.is_element(platen.master))
        {
          // external load against the outward normal n: R_master += n (p A + k w)
          const double w = platen.normal_sign * current(platen.master);
          rhs(platen.master) += platen.normal_sign *
                                (platen.pressure * platen.area + platen.stiffness * w) /
                                residual_scale[u_index];
          if (with_jacobian && platen.stiffness != 0.)
            {
              FullMatrix<double> k(1, 1);
              k(0, 0) = platen.stiffness * unknown_scales[u_index] / residual_scale[u_index];
              std::vector<types::global_dof_index> master{platen.master};
              solver->add(k, FullMatrix<double>(), master, update_constraints);
            }
        }
      rhs.compress(VectorOperation::add);
      scalars.compress(comm);
      if (with_jacobian)
        solver->compress();
      assembly_seconds += timer.wall_time();
    }

    template <int dim>
    bool
    CoupledProblem<dim>::invalid_state() const
    {
      return state_invalid;
    }

    template <int dim>
    std::string
    CoupledProblem<dim>::invalid_state_location() const
    {
      return invalid_where;
    }

    template <int dim>
    Table<2, bool>
    CoupledProblem<dim>::cell_dof_mask(const unsigned int fe_index) const
    {
      FieldCoupling coupling{};
      for (const auto &term : cell_terms)
        if (carries_lithium(fe_index) || !term->active_material_only())
          coupling = coupling | term->coupling();
      for (const auto &term : boundary_terms)
        coupling = coupling | term->coupling();
      const auto    &cell_fe = fe[fe_index];
      Table<2, bool> mask(cell_fe.n_dofs_per_cell(), cell_fe.n_dofs_per_cell());
      for (unsigned int i = 0; i < cell_fe.n_dofs_per_cell(); ++i)
        for (unsigned int j = 0; j < cell_fe.n_dofs_per_cell(); ++j)
          mask(i, j) = coupling[field_of(cell_fe.system_to_component_index(i).first)]
                               [field_of(cell_fe.system_to_component_index(j).first)];
      return mask;
    }

    template <int dim>
    void
    CoupledProblem<dim>::for_each_coupled_set(const CoupledSet &f,
                                              const bool        displacements_only) const
    {
      std::vector<types::global_dof_index> local, other;
      std::vector<Field>                   field;
      if (!displacements_only)
        {
          std::vector<Table<2, bool>> masks;
          for (unsigned int k = 0; k < fe.size(); ++k)
            masks.push_back(cell_dof_mask(k));
          for (const auto &cell : dofs.active_cell_iterators())
            if (cell->is_locally_owned())
              {
                local.resize(cell->get_fe().n_dofs_per_cell());
                cell->get_dof_indices(local);
                f(local, masks[cell->active_fe_index()]);
              }
        }
      constexpr unsigned int u = field_index(Field::displacement);
      for (unsigned int k = 0; k < interfaces.size(); ++k)
        {
          FieldCoupling coupling{};
          for (const auto &term : interface_terms[k])
            coupling = coupling | term->coupling();
          if (displacements_only)
            {
              const bool uu  = coupling[u][u];
              coupling       = FieldCoupling{};
              coupling[u][u] = uu;
            }
          if (!couples_anything(coupling))
            continue;
          Table<2, bool> mask;
          for (const auto &pair : interfaces[k]->pairs())
            {
              // the dofs of both sides once each, with their fields
              local.clear();
              field.clear();
              for (unsigned int side = 0; side < 2; ++side)
                {
                  const auto &side_fe = pair.cell[side]->get_fe();
                  other.resize(side_fe.n_dofs_per_cell());
                  pair.cell[side]->get_dof_indices(other);
                  for (unsigned int i = 0; i < other.size(); ++i)
                    if (std::find(local.begin(), local.end(), other[i]) == local.end())
                      {
                        local.push_back(other[i]);
                        field.push_back(Fields<dim>::field_of_component(
                            side_fe.system_to_component_index(i).first));
                      }
                }
              mask.reinit(local.size(), local.size());
              for (unsigned int i = 0; i < local.size(); ++i)
                for (unsigned int j = 0; j < local.size(); ++j)
                  mask(i, j) = coupling[field_index(field[i])][field_index(field[j])];
              f(local, mask);
            }
        }
    }

    template class CoupledProblem<2>;
    template class CoupledProblem<3>;
  } // namespace physics
} // namespace siswell
