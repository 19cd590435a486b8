#include <siswell/materials/lithium_carrier.h>
#include <siswell/physics/point_evaluator.h>

namespace siswell
{
  namespace physics
  {
    using namespace dealii;

    template <int dim>
    PointEvaluator<dim>::PointEvaluator(const CoupledProblem<dim> &problem,
                                        const Quadrature<dim>     &q)
        : problem(problem), mappings(problem.mapping()), points(q),
          fe_values(mappings,
                    problem.dof_handler().get_fe_collection(),
                    points,
                    update_values | update_gradients | update_quadrature_points |
                        update_JxW_values),
          at_quadrature_points(q == problem.quadrature())
    {
    }

    template <int dim>
    void
    PointEvaluator<dim>::reinit(const CellIterator &cell)
    {
      fe_values.reinit(cell);
      const FEValues<dim> &fv = fe_values.get_present_fe_values();
      fields.evaluate(fv, problem.solution());
      const materials::Material &material = *problem.materials().at(cell->material_id());
      const bool                 history  = material.history_size() > 0;
      // away from the quadrature points: the history of the nearest one, its
      // position mapped once per cell (not once per point)
      history_points.clear();
      if (history && !at_quadrature_points)
        for (const auto &p : problem.quadrature().get_points())
          history_points.push_back(problem.mapping().transform_unit_to_real_cell(cell, p));
      states.resize(fv.n_quadrature_points);
      for (unsigned int k = 0; k < fv.n_quadrature_points; ++k)
        {
          const Point<dim> &x = fv.quadrature_point(k);
          states[k] =
              state(problem, material, fields.values[k], fields.grads[k], x, cell->diameter());
          states[k].JxW = fv.JxW(k) * problem.volume_factor(x);
          if (history)
            states[k].history = problem.point_history(cell, at_quadrature_points ? k : nearest(x));
        }
    }

    template <int dim>
    unsigned int
    PointEvaluator<dim>::nearest(const Point<dim> &x) const
    {
      unsigned int best = 0;
      for (unsigned int q = 1; q < history_points.size(); ++q)
        if (x.distance_square(history_points[q]) < x.distance_square(history_points[best]))
          best = q;
      return best;
    }

    template <int dim>
    unsigned int
    PointEvaluator<dim>::n_points() const
    {
      return states.size();
    }

    template <int dim>
    const PointState<dim> &
    PointEvaluator<dim>::operator[](const unsigned int k) const
    {
      return states[k];
    }

    template <int dim>
    const FieldValues<dim> &
    PointEvaluator<dim>::field_values() const
    {
      return fields;
    }

    template <int dim>
    PointState<dim>
    PointEvaluator<dim>::state(const CoupledProblem<dim>         &problem,
                               const materials::Material         &material,
                               const Vector<double>              &values,
                               const std::vector<Tensor<1, dim>> &gradients,
                               const Point<dim>                  &x,
                               const double                       h)
    {
      constexpr unsigned int u0  = Fields<dim>::first_component(Field::displacement);
      constexpr unsigned int c_  = Fields<dim>::first_component(Field::concentration);
      constexpr unsigned int mu_ = Fields<dim>::first_component(Field::chemical_potential);
      PointState<dim>        s;
      s.x        = x;
      s.material = &material;
      s.active   = dynamic_cast<const materials::LithiumCarrier *>(&material);
      s.F        = problem.deformation_gradient(values, gradients, x, h);
      // one of the two displacement copies is zero here (Fields<dim>)
      constexpr unsigned int u1 = Fields<dim>::far_side_first_component();
      for (unsigned int d = 0; d < dim; ++d)
        s.u[d] = values(u0 + d) + values(u1 + d);
      if (s.active)
        {
          s.c       = values(c_);
          s.mu      = values(mu_);
          s.grad_mu = gradients[mu_];
        }
      return s;
    }

    template <int dim>
    PointState<dim>
    PointEvaluator<dim>::state(const CoupledProblem<dim>         &problem,
                               const CellIterator                &cell,
                               const Vector<double>              &values,
                               const std::vector<Tensor<1, dim>> &gradients,
                               const Point<dim>                  &x)
    {
      const materials::Material &material = *problem.materials().at(cell->material_id());
      PointState<dim> s = state(problem, material, values, gradients, x, cell->diameter());
      if (material.history_size() > 0)
        s.history = problem.point_history_near(cell, x);
      return s;
    }

    template class PointEvaluator<2>;
    template class PointEvaluator<3>;
  } // namespace physics
} // namespace siswell
