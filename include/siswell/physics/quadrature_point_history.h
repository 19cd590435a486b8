#pragma once

#include <siswell/materials/plastic_state.h>
#include <siswell/physics/material_map.h>

#include <deal.II/base/quadrature_point_data.h>
#include <deal.II/dofs/dof_handler.h>

#include <memory>
#include <vector>

namespace siswell
{
  namespace physics
  {
    /**
     * The history of one quadrature point of a plastic material: the
     * committed (converged) plastic state and the trial state of the last
     * assembly. Transferable (pack/unpack of both as numbers), so that
     * deal.II's cell-data transfer can carry it through refinement and
     * checkpoints.
     */
    struct PointHistory : public dealii::TransferableQuadraturePointData
    {
      materials::PlasticState committed, trial;

      /// Numbers per state: C_p⁻¹ (6), ε̄_p, dissipation, Cauchy stress (6).
      static constexpr unsigned int values_per_state = 14;

      unsigned int
      number_of_values() const override;
      void
      pack_values(std::vector<double> &values) const override;
      void
      unpack_values(const std::vector<double> &values) override;
    };

    /**
     * Quadrature-point history in deal.II's CellDataStorage: one PointHistory
     * per quadrature point of every locally owned cell of a material that
     * flows plastically (elastic materials always see the virgin state and
     * keep none). Trial states are written by the assembly; commit() makes
     * them the converged history, restore() goes back to it.
     */
    template <int dim> class QuadraturePointHistory
    {
    public:
      using CellIterator = typename dealii::Triangulation<dim>::cell_iterator;

      /// (Re)build the storage for @p n_points points per cell, all virgin.
      void
      initialize(const dealii::DoFHandler<dim> &dofs,
                 const MaterialMap             &materials,
                 const unsigned int             n_points);

      /// The history of the points of @p cell, or an empty vector where none is kept.
      std::vector<std::shared_ptr<PointHistory>>
      of(const CellIterator &cell);

      /// Committed state of point @p q of @p cell, or @p virgin where none is kept.
      const materials::PlasticState &
      committed(const CellIterator            &cell,
                const unsigned int             q,
                const materials::PlasticState &virgin) const;

      /// Trial states become the committed history.
      void
      commit();
      /// Committed history becomes the trial states.
      void
      restore();
      /// Apply @p f to every committed state (e.g. the stress of a pre-swollen start).
      template <typename Function>
      void
      for_each_committed(const Function &f);

      /// Number of points with history on this rank.
      std::size_t
      n_points() const;

    private:
      dealii::CellDataStorage<CellIterator, PointHistory> storage;
      /// The cells that hold history (locally owned, plastic material).
      std::vector<CellIterator> cells;
    };

    template <int dim>
    template <typename Function>
    void
    QuadraturePointHistory<dim>::for_each_committed(const Function &f)
    {
      for (const auto &cell : cells)
        {
          const auto data = storage.get_data(cell);
          for (unsigned int q = 0; q < data.size(); ++q)
            f(cell, q, data[q]->committed);
        }
    }
  } // namespace physics
} // namespace siswell
