#pragma once

#include <deal.II/base/parameter_handler.h>
#include <deal.II/lac/vector.h>

namespace siswell
{
  namespace physics
  {
    template <int dim> class CoupledProblem;

    /**
     * Adaptive refinement during a run (subsection "Adaptive refinement"):
     * every N converged steps the cells are ranked by an indicator, the top
     * fraction is refined and the bottom fraction coarsened (deal.II's
     * refine_and_coarsen_fixed_number on the distributed mesh, bounded by a
     * number of cells), within a minimum and maximum refinement level; the
     * state is carried over by CoupledProblem::refine_and_coarsen().
     *
     * Indicators, per cell K of diameter h_K (doc/theory.md §7b):
     * - concentration: η_K = h_K² |D²θ|_K with θ = c / c_max, |D²θ|_K the
     *   largest change of ∇θ (at the cell centres) towards a neighbour per
     *   distance between the centres: the interpolation error of θ on K
     *   (largest at a lithiation front); 0 in inert solids;
     * - plastic strain: η_K = (largest − smallest equivalent plastic strain
     *   at the points of K) · |K|^{1/2} (large across the border of a plastic
     *   zone);
     * - both: each scaled by its largest value on the mesh, the larger of
     *   the two.
     */
    struct AdaptiveRefinement
    {
      static void
      declare_parameters(dealii::ParameterHandler &prm);
      /// Reads subsection "Adaptive refinement"; throws std::invalid_argument naming the parameter.
      void
      parse_parameters(dealii::ParameterHandler &prm);

      enum class Indicator
      {
        concentration,
        plastic_strain,
        both
      };
      /// Refine every this many steps (0: never).
      unsigned int every_steps      = 0;
      Indicator    indicator        = Indicator::concentration;
      double       refine_fraction  = 0.3; ///< of the cells, ranked by indicator
      double       coarsen_fraction = 0.1; ///< of the cells
      unsigned int minimum_level    = 0;   ///< refinement level (0: the coarse mesh)
      unsigned int maximum_level    = 6;
      unsigned int maximum_cells    = 1000000; ///< on all ranks

      bool
      enabled() const
      {
        return every_steps > 0;
      }

      /// The indicator of each active cell of @p problem (0 on cells not owned here).
      template <int dim>
      dealii::Vector<float>
      indicators(const CoupledProblem<dim> &problem) const;

      /// Set refine and coarsen flags on @p problem's mesh (collective).
      template <int dim>
      void
      flag_cells(CoupledProblem<dim> &problem) const;
    };
  } // namespace physics
} // namespace siswell
