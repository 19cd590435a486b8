// CoupledProblem: the state (initial values, plastic history, the global
// scalars, commit and restore), the kinematics at a point, and what Newton
// calls (norms, the linear solve, updates).
#include "coupled_problem_internal.h"

#include <functional>

namespace siswell
{
  namespace physics
  {
    using namespace dealii;

    template <int dim>
    ArrayView<const double>
    CoupledProblem<dim>::point_history(const typename DoFHandler<dim>::cell_iterator &cell,
                                       const unsigned int                             q) const
    {
      return history.committed(cell, q);
    }

    template <int dim>
    const QuadraturePointHistory<dim> &
    CoupledProblem<dim>::quadrature_point_history() const
    {
      return history;
    }

    template <int dim>
    ArrayView<const double>
    CoupledProblem<dim>::point_history_near(const typename DoFHandler<dim>::cell_iterator &cell,
                                            const Point<dim>                              &x) const
    {
      unsigned int best          = 0;
      double       best_distance = std::numeric_limits<double>::max();
      const auto  &points        = quadrature().get_points();
      for (unsigned int q = 0; q < points.size(); ++q)
        {
          const double d =
              x.distance_square(mapping_q.transform_unit_to_real_cell(cell, points[q]));
          if (d < best_distance)
            {
              best_distance = d;
              best          = q;
            }
        }
      return point_history(cell, best);
    }

    template <int dim>
    void
    CoupledProblem<dim>::set_initial_state()
    {
      current = 0.;
      std::vector<types::global_dof_index> local;
      for (const auto &cell : dofs.active_cell_iterators())
        if (cell->is_locally_owned())
          {
            const auto *active = dynamic_cast<const materials::LithiumCarrier *>(
                material_map.at(cell->material_id()).get());
            if (!active)
              continue;
            const double c0 = active->initial_concentration();
            // consistent with the undeformed mesh (stress-free when c_0 = c_ref)
            const double mu0 =
                active->chemical_potential(c0) +
                active->mechanical_response(Tensor<2, 3>(unit_symmetric_tensor<3>()), c0).mu;
            local.resize(cell->get_fe().n_dofs_per_cell());
            cell->get_dof_indices(local);
            for (unsigned int i = 0; i < local.size(); ++i)
              {
                const Field field = Fields<dim>::field_of_component(
                    cell->get_fe().system_to_component_index(i).first);
                if (owned.is_element(local[i]) && field != Field::displacement)
                  current(local[i]) = field == Field::concentration ? c0 : mu0;
              }
          }
      // dofs on the interface to a neighbour owned by another rank
      current.compress(VectorOperation::insert);
      current.update_ghost_values();
      old = current;
      old.update_ghost_values();
      state_invalid    = false;
      jacobian_current = false;

      // the committed history starts from the initial state (a plastic
      // state carries its stress, so that output and history show it at
      // step 0: a pre-swollen start is stressed where it is held); no update
      Scratch s(*this);
      for (const auto &cell : dofs.active_cell_iterators())
        if (cell->is_locally_owned())
          {
            const auto points = history.of(cell);
            if (points.empty())
              continue; // a law without history
            const materials::Material &material = *material_map.at(cell->material_id());
            s.fe_values.reinit(cell);
            const FEValues<dim> &fv = s.fe_values.get_present_fe_values();
            s.fields[0].evaluate(fv, current, old);
            for (unsigned int q = 0; q < fv.n_quadrature_points; ++q)
              {
                s.p.history_step = materials::HistoryStep(); // the law without history
                fill_point_data(fv,
                                q,
                                material,
                                s.fields[0].values,
                                s.fields[0].old_values,
                                s.fields[0].grads,
                                s.p,
                                true);
                material.initial_history(s.p.response, points[q]->committed());
              }
          }
      history.restore(); // trial = committed
    }

    template <int dim>
    void
    CoupledProblem<dim>::enable_generalised_plane_strain()
    {
      AssertThrow(coord == geometry::CoordinateSystem::plane_strain,
                  ExcMessage("generalised plane strain needs the plane-strain coordinate system"));
      if (stretch_index != numbers::invalid_unsigned_int)
        return;
      // dimensionless; its equation is a force (per unit depth), scaled like
      // the force residual times the length scale (set_scales())
      stretch_index = scalars.add("out-of-plane stretch", 1., 1., 1., Field::displacement);
      add_cell_term(std::make_shared<OutOfPlaneForceTerm<dim>>());
    }

    template <int dim>
    double
    CoupledProblem<dim>::out_of_plane_stretch() const
    {
      return stretch_index == numbers::invalid_unsigned_int ? 1. : scalars.value(stretch_index);
    }

    template <int dim>
    void
    CoupledProblem<dim>::set_out_of_plane_stretch(const double s)
    {
      AssertThrow(stretch_index != numbers::invalid_unsigned_int,
                  ExcMessage("set_out_of_plane_stretch(): only in generalised plane strain"));
      scalars.set_value(stretch_index, s);
    }

    template <int dim>
    GlobalScalars &
    CoupledProblem<dim>::global_scalars()
    {
      return scalars;
    }

    template <int dim>
    const GlobalScalars &
    CoupledProblem<dim>::global_scalars() const
    {
      return scalars;
    }

    template <int dim>
    void
    CoupledProblem<dim>::commit_step()
    {
      old = current;
      old.update_ghost_values();
      scalars.commit();
      history.commit();
    }

    template <int dim>
    void
    CoupledProblem<dim>::restore_step()
    {
      current = old;
      current.update_ghost_values();
      scalars.restore();
      history.restore();
    }

    template <int dim>
    std::vector<double>
    CoupledProblem<dim>::residual_norms() const
    {
      if (state_invalid)
        return std::vector<double>(Fields<dim>::n_fields, std::numeric_limits<double>::infinity());
      std::vector<double> sq(Fields<dim>::n_fields, 0.);
      for (unsigned int f = 0; f < Fields<dim>::n_fields; ++f)
        for (const auto i : field_dofs[f])
          sq[f] += rhs(i) * rhs(i);
      Utilities::MPI::sum(sq, comm, sq);
      for (unsigned int k = 0; k < scalars.size();
           ++k) // e.g. the out-of-plane force balance: mechanics
        sq[field_index(scalars.norm_field(k))] += scalars.residual(k) * scalars.residual(k);
      for (double &s : sq)
        s = std::sqrt(s);
      return sq;
    }

    template <int dim>
    bool
    CoupledProblem<dim>::set_linear_tolerance(const double eta)
    {
      return solver->set_relative_tolerance(eta);
    }

    template <int dim>
    unsigned int
    CoupledProblem<dim>::solve_for_direction()
    {
      if (!jacobian_current)
        throw std::logic_error("CoupledProblem::solve_for_direction(): the last assembly has no "
                               "usable Jacobian (residual only, or an invalid state)");
      Timer           timer;
      solvers::Vector minus_rhs(rhs);
      minus_rhs *= -1.;
      direction = 0.;
      // a failure on one rank must fail the solve on all ranks, or they would
      // take different paths afterwards (and meet in different collectives)
      auto agreed = [&](const std::function<unsigned int()> &solve) {
        unsigned int its = 0;
        std::string  reason;
        try
          {
            its = solve();
          }
        catch (const std::exception &e)
          {
            reason = e.what();
          }
        if (Utilities::MPI::max(reason.empty() ? 0 : 1, comm) != 0)
          throw std::runtime_error(reason.empty() ? "on another rank" : reason.substr(0, 200));
        return its;
      };
      unsigned int its = agreed([&]() { return solver->solve(minus_rhs, direction); });
      // the global scalars: k further solves with the same set-up, their
      // Schur complement, and δx = y₀ − Y δs
      if (!scalars.empty())
        its += agreed([&]() { return scalars.solve(*solver, direction); });
      for (unsigned int f = 0; f < Fields<dim>::n_fields; ++f) // back from scaled units
        for (const auto i : field_dofs[f])
          direction(i) *= unknown_scales[f];
      update_constraints.distribute(direction);
      direction.update_ghost_values();
      solve_seconds += timer.wall_time();
      return its;
    }

    template <int dim>
    void
    CoupledProblem<dim>::store_iterate()
    {
      iterate_start = current;
      scalars.store_iterate();
    }

    template <int dim>
    void
    CoupledProblem<dim>::apply_direction(const double alpha)
    {
      current = iterate_start;
      current.add(alpha, direction);
      scalars.apply_direction(alpha);
      current.update_ghost_values();
    }

    template <int dim>
    double
    CoupledProblem<dim>::volume_factor(const Point<dim> &x) const
    {
      return coord == geometry::CoordinateSystem::axisymmetric ? 2. * numbers::PI * x[0] : 1.;
    }

    template <int dim>
    Tensor<2, 3>
    CoupledProblem<dim>::deformation_gradient(const Tensor<2, dim> &grad_u,
                                              const Tensor<1, dim> &u,
                                              const Point<dim>     &x) const
    {
      Tensor<2, 3> F = unit_symmetric_tensor<3>();
      for (unsigned int i = 0; i < dim; ++i)
        for (unsigned int j = 0; j < dim; ++j)
          F[i][j] += grad_u[i][j];
      if (coord == geometry::CoordinateSystem::axisymmetric)
        F[2][2] += u[0] / x[0];
      else if (coord == geometry::CoordinateSystem::plane_strain)
        F[2][2] = out_of_plane_stretch();
      return F;
    }

    template <int dim>
    Tensor<2, 3>
    CoupledProblem<dim>::deformation_gradient(const Tensor<2, dim> &grad_u,
                                              const Tensor<1, dim> &u,
                                              const Point<dim>     &x,
                                              const double          h) const
    {
      if (coord == geometry::CoordinateSystem::axisymmetric && std::abs(x[0]) < 1e-8 * h)
        {
          Tensor<2, 3> F = deformation_gradient(grad_u, Tensor<1, dim>(), x);
          F[2][2]        = 1. + grad_u[0][0];
          return F;
        }
      return deformation_gradient(grad_u, u, x);
    }

    template <int dim>
    Tensor<2, 3>
    CoupledProblem<dim>::deformation_gradient(const Vector<double>              &values,
                                              const std::vector<Tensor<1, dim>> &gradients,
                                              const Point<dim>                  &x,
                                              const double                       h) const
    {
      // the sum of the two displacement copies, one of which is zero here (Fields<dim>)
      constexpr unsigned int u0 = Fields<dim>::first_component(Field::displacement);
      constexpr unsigned int u1 = Fields<dim>::far_side_first_component();
      Tensor<2, dim>         grad_u;
      Tensor<1, dim>         u;
      for (unsigned int d = 0; d < dim; ++d)
        {
          grad_u[d] = gradients[u0 + d] + gradients[u1 + d];
          u[d]      = values(u0 + d) + values(u1 + d);
        }
      return deformation_gradient(grad_u, u, x, h);
    }

    template class CoupledProblem<2>;
    template class CoupledProblem<3>;
  } // namespace physics
} // namespace siswell
