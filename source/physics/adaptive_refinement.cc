#include <siswell/materials/lithium_carrier.h>
#include <siswell/physics/adaptive_refinement.h>
#include <siswell/physics/coupled_problem.h>
#include <siswell/physics/point_evaluator.h>

#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/distributed/grid_refinement.h>
#include <deal.II/hp/fe_values.h>
#include <deal.II/hp/mapping_collection.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace siswell
{
  namespace physics
  {
    using namespace dealii;

    void
    AdaptiveRefinement::declare_parameters(ParameterHandler &prm)
    {
      prm.enter_subsection("Adaptive refinement");
      prm.declare_entry("Every steps",
                        "0",
                        Patterns::Integer(0),
                        "Refine and coarsen the mesh every this many converged steps (0: never). "
                        "The solution and the quadrature-point history are carried to the new "
                        "mesh; the lithium inventory is kept exactly.");
      prm.declare_entry(
          "Indicator",
          "concentration",
          Patterns::Selection("concentration|plastic strain|both"),
          "What ranks the cells: concentration (h^2 |second derivative of theta| "
          "per cell: the lithiation front), plastic strain (its variation in a cell: the border "
          "of a plastic zone), or both (each scaled by its largest value).");
      prm.declare_entry("Refine fraction",
                        "0.3",
                        Patterns::Double(0., 1.),
                        "Fraction of the cells, with the largest indicators, that are refined.");
      prm.declare_entry("Coarsen fraction",
                        "0.1",
                        Patterns::Double(0., 1.),
                        "Fraction of the cells, with the smallest indicators, that are coarsened.");
      prm.declare_entry("Minimum level",
                        "0",
                        Patterns::Integer(0),
                        "No cell is coarsened below this refinement level (0: the coarse mesh; "
                        "'Geometry/Global refinements' is the level the run starts at).");
      prm.declare_entry("Maximum level",
                        "6",
                        Patterns::Integer(0),
                        "No cell is refined beyond this refinement level.");
      prm.declare_entry("Maximum cells",
                        "1000000",
                        Patterns::Integer(1),
                        "Refinement stops short of this number of cells (all ranks together).");
      prm.leave_subsection();
    }

    void
    AdaptiveRefinement::parse_parameters(ParameterHandler &prm)
    {
      prm.enter_subsection("Adaptive refinement");
      every_steps         = prm.get_integer("Every steps");
      const std::string i = prm.get("Indicator");
      indicator           = i == "concentration"    ? Indicator::concentration
                            : i == "plastic strain" ? Indicator::plastic_strain
                                                    : Indicator::both;
      refine_fraction     = prm.get_double("Refine fraction");
      coarsen_fraction    = prm.get_double("Coarsen fraction");
      minimum_level       = prm.get_integer("Minimum level");
      maximum_level       = prm.get_integer("Maximum level");
      maximum_cells       = prm.get_integer("Maximum cells");
      prm.leave_subsection();
      if (refine_fraction + coarsen_fraction > 1.)
        throw std::invalid_argument(
            "parameters 'Adaptive refinement/Refine fraction' + 'Coarsen fraction' = " +
            std::to_string(refine_fraction + coarsen_fraction) + " exceed 1");
      if (minimum_level > maximum_level)
        throw std::invalid_argument(
            "parameter 'Adaptive refinement/Minimum level' = " + std::to_string(minimum_level) +
            " is above 'Maximum level' = " + std::to_string(maximum_level));
    }

    template <int dim>
    Vector<float>
    AdaptiveRefinement::indicators(const CoupledProblem<dim> &problem) const
    {
      const auto        &tria = problem.triangulation();
      const unsigned int c0   = Fields<dim>::first_component(Field::concentration);
      Vector<float>      theta(tria.n_active_cells()), plastic(tria.n_active_cells());

      // ∇θ at the centre of every locally relevant cell of a lithium carrier
      // (owned and ghost: the neighbours of owned cells), NaN elsewhere
      std::vector<Tensor<1, dim>> gradient(tria.n_active_cells());
      std::vector<bool>           carries(tria.n_active_cells(), false);
      {
        const hp::MappingCollection<dim> mappings(problem.mapping());
        const hp::QCollection<dim>       midpoint{QMidpoint<dim>()};
        hp::FEValues<dim>                fv(
            mappings, problem.dof_handler().get_fe_collection(), midpoint, update_gradients);
        std::vector<std::vector<Tensor<1, dim>>> grads(
            1, std::vector<Tensor<1, dim>>(Fields<dim>::n_components()));
        for (const auto &cell : problem.dof_handler().active_cell_iterators())
          if (!cell->is_artificial())
            if (const auto *carrier = dynamic_cast<const materials::LithiumCarrier *>(
                    problem.materials().at(cell->material_id()).get()))
              {
                fv.reinit(cell);
                fv.get_present_fe_values().get_function_gradients(problem.solution(), grads);
                gradient[cell->active_cell_index()] = grads[0][c0] / carrier->max_concentration();
                carries[cell->active_cell_index()]  = true;
              }
      }
      PointEvaluator<dim> at(problem, problem.quadrature());
      for (const auto &cell : problem.dof_handler().active_cell_iterators())
        if (cell->is_locally_owned())
          {
            const unsigned int i = cell->active_cell_index();
            if (carries[i])
              {
                // h² |D²θ| from the change of ∇θ between the centres of
                // neighbouring cells (the interpolation error of θ on K)
                double     second  = 0.;
                const auto compare = [&](const auto &other) {
                  const unsigned int j = other->active_cell_index();
                  if (!carries[j])
                    return;
                  const double d = cell->center().distance(other->center());
                  second         = std::max(second, (gradient[i] - gradient[j]).norm() / d);
                };
                for (const unsigned int f : cell->face_indices())
                  if (!cell->at_boundary(f))
                    {
                      const auto n = cell->neighbor(f);
                      if (n->has_children())
                        for (unsigned int sf = 0; sf < cell->face(f)->n_children(); ++sf)
                          compare(cell->neighbor_child_on_subface(f, sf));
                      else
                        compare(n);
                    }
                theta(i) = cell->diameter() * cell->diameter() * second;
              }
            if (indicator != Indicator::concentration)
              {
                at.reinit(cell);
                double volume = 0., lo = 1e300, hi = -1e300;
                for (unsigned int k = 0; k < at.n_points(); ++k)
                  {
                    const auto  &s = at[k];
                    const double e =
                        s.material->history_quantities(s.history).equivalent_plastic_strain;
                    volume += s.JxW;
                    lo = std::min(lo, e);
                    hi = std::max(hi, e);
                  }
                plastic(i) = (hi - lo) * std::sqrt(volume);
              }
          }
      if (indicator == Indicator::concentration)
        return theta;
      if (indicator == Indicator::plastic_strain)
        return plastic;
      const auto   comm = problem.mpi_communicator();
      const double t    = Utilities::MPI::max(static_cast<double>(theta.linfty_norm()), comm),
                   p    = Utilities::MPI::max(static_cast<double>(plastic.linfty_norm()), comm);
      Vector<float> both(theta.size());
      for (unsigned int i = 0; i < both.size(); ++i)
        both(i) = std::max(t > 0. ? theta(i) / t : 0., p > 0. ? plastic(i) / p : 0.);
      return both;
    }

    template <int dim>
    void
    AdaptiveRefinement::flag_cells(CoupledProblem<dim> &problem) const
    {
      auto      &tria = problem.triangulation();
      const auto eta  = indicators(problem);
      parallel::distributed::GridRefinement::refine_and_coarsen_fixed_number(
          tria, eta, refine_fraction, coarsen_fraction, maximum_cells);
      for (const auto &cell : tria.active_cell_iterators())
        if (cell->is_locally_owned())
          {
            if (cell->refine_flag_set() && cell->level() >= static_cast<int>(maximum_level))
              cell->clear_refine_flag();
            if (cell->coarsen_flag_set() && cell->level() <= static_cast<int>(minimum_level))
              cell->clear_coarsen_flag();
          }
    }

    template Vector<float>
    AdaptiveRefinement::indicators(const CoupledProblem<2> &) const;
    template Vector<float>
    AdaptiveRefinement::indicators(const CoupledProblem<3> &) const;
    template void
    AdaptiveRefinement::flag_cells(CoupledProblem<2> &) const;
    template void
    AdaptiveRefinement::flag_cells(CoupledProblem<3> &) const;
  } // namespace physics
} // namespace siswell
