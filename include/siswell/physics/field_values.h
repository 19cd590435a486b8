#pragma once

#include <siswell/base/fields.h>
#include <siswell/solvers/linear_solver.h>

#include <deal.II/base/tensor.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/lac/vector.h>

#include <vector>

namespace siswell
{
  namespace physics
  {
    /**
     * The values and gradients of all components (Fields<dim>) of a
     * solution at the points of one FEValues, reused from cell to cell: what
     * the assembly, CoupledProblem's state functions and Simulation::measure()
     * evaluate at quadrature points. CoupledProblem::deformation_gradient()
     * takes F from values[q] and gradients[q].
     */
    template <int dim> struct FieldValues
    {
      std::vector<dealii::Vector<double>>              values, old_values;
      std::vector<std::vector<dealii::Tensor<1, dim>>> grads;

      /// Values and gradients of @p x at the points of @p v.
      void
      evaluate(const dealii::FEValuesBase<dim> &v, const solvers::Vector &x)
      {
        resize(v.n_quadrature_points);
        v.get_function_values(x, values);
        v.get_function_gradients(x, grads);
      }

      /// ... and the values of @p x_old (the last converged state).
      void
      evaluate(const dealii::FEValuesBase<dim> &v,
               const solvers::Vector           &x,
               const solvers::Vector           &x_old)
      {
        evaluate(v, x);
        v.get_function_values(x_old, old_values);
      }

    private:
      void
      resize(const unsigned int nq)
      {
        if (values.size() == nq) // cell and face quadratures alternate; reallocate only then
          return;
        values.assign(nq, dealii::Vector<double>(Fields<dim>::n_components()));
        old_values.assign(nq, dealii::Vector<double>(Fields<dim>::n_components()));
        grads.assign(nq, std::vector<dealii::Tensor<1, dim>>(Fields<dim>::n_components()));
      }
    };
  } // namespace physics
} // namespace siswell
