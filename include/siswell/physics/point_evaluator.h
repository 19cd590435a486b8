#pragma once

#include <siswell/physics/coupled_problem.h>
#include <siswell/physics/field_values.h>

#include <deal.II/base/array_view.h>
#include <deal.II/base/point.h>
#include <deal.II/base/quadrature.h>
#include <deal.II/base/tensor.h>
#include <deal.II/hp/fe_values.h>

#include <vector>

namespace siswell
{
  namespace materials
  {
    class LithiumCarrier;
  }

  namespace physics
  {
    /// The fields, the kinematics and the history at one point of a cell.
    template <int dim> struct PointState
    {
      /// Reference position (m).
      dealii::Point<dim> x;
      /// Quadrature weight times the reference-volume factor (2πr in
      /// axisymmetry), m³ (m² in plane strain); 0 where not known.
      double JxW = 0.;
      /// Deformation gradient, 3×3 (out-of-plane or hoop part in 2D).
      dealii::Tensor<2, 3> F;
      /// Displacement (m), 3 components (0 out of plane in 2D).
      dealii::Tensor<1, 3> u;
      /// Concentration (mol/m³) and chemical potential (J/mol); 0 in inert solids.
      double c = 0., mu = 0.;
      /// Reference gradient of μ (J/mol/m); 0 in inert solids.
      dealii::Tensor<1, dim> grad_mu;
      /// The material here, and the same as a lithium carrier (nullptr in inert solids).
      const materials::Material       *material = nullptr;
      const materials::LithiumCarrier *active   = nullptr;
      /// Committed history of the point (of the nearest quadrature point away
      /// from them), in the law's layout; empty where the law keeps none.
      dealii::ArrayView<const double> history;
    };

    /**
     * The one evaluation of the state at points of a cell (cell → values,
     * gradients, F, history) that the assembly, Simulation::measure(), the
     * ParaView output and the tests use: at the problem's quadrature points
     * (with the history of each) or at other points, e.g. those written to
     * ParaView (with the history of the nearest quadrature point).
     */
    template <int dim> class PointEvaluator
    {
    public:
      using CellIterator = typename dealii::DoFHandler<dim>::active_cell_iterator;

      /// Evaluate @p problem's solution at the points of @p points in a cell.
      PointEvaluator(const CoupledProblem<dim> &problem, const dealii::Quadrature<dim> &points);

      /// Evaluate at the points of the locally owned @p cell.
      void
      reinit(const CellIterator &cell);

      unsigned int
      n_points() const;

      /// The state at point @p k of the last reinit().
      const PointState<dim> &
      operator[](const unsigned int k) const;

      /// The values and gradients of all components at the points of the last reinit().
      const FieldValues<dim> &
      field_values() const;

      /**
       * The state of @p material from the values and gradients of all
       * components at @p x (without history and weight). @p h is the cell
       * size (m): in axisymmetry a point closer to the axis than 1e-8 h is
       * taken as on it (u_r / r → ∂u_r/∂r); 0 for points off the axis.
       */
      static PointState<dim>
      state(const CoupledProblem<dim>                 &problem,
            const materials::Material                 &material,
            const dealii::Vector<double>              &values,
            const std::vector<dealii::Tensor<1, dim>> &gradients,
            const dealii::Point<dim>                  &x,
            const double                               h);

      /// The state at @p x of the locally owned @p cell, with the history of
      /// the nearest quadrature point (for DataOut's points).
      static PointState<dim>
      state(const CoupledProblem<dim>                 &problem,
            const CellIterator                        &cell,
            const dealii::Vector<double>              &values,
            const std::vector<dealii::Tensor<1, dim>> &gradients,
            const dealii::Point<dim>                  &x);

    private:
      /// The quadrature point (of the last reinit()'s cell) nearest to @p x.
      unsigned int
      nearest(const dealii::Point<dim> &x) const;

      const CoupledProblem<dim>         &problem;
      dealii::hp::MappingCollection<dim> mappings;
      dealii::hp::QCollection<dim>       points;
      dealii::hp::FEValues<dim>          fe_values;
      /// True if the points are the problem's quadrature points (each has its history).
      const bool                   at_quadrature_points;
      FieldValues<dim>             fields;
      std::vector<PointState<dim>> states;
      /// The quadrature points of the cell in real space (away from them only).
      std::vector<dealii::Point<dim>> history_points;
    };
  } // namespace physics
} // namespace siswell
