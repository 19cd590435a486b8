#pragma once

#include <siswell/physics/material_map.h>

#include <deal.II/base/array_view.h>
#include <deal.II/base/quadrature_point_data.h>
#include <deal.II/dofs/dof_handler.h>

#include <memory>
#include <vector>

namespace siswell
{
  namespace physics
  {
    /**
     * The history of one quadrature point: the committed (converged) values
     * and the trial values of the last assembly, as many as the point's
     * material law keeps (Material::history_size(), in the law's own
     * layout). Transferable (pack/unpack of both as numbers), so that
     * deal.II's cell-data transfer can carry it through refinement and
     * checkpoints.
     */
    class PointHistory : public dealii::TransferableQuadraturePointData
    {
    public:
      /// @p n committed and @p n trial values, all 0.
      void
      resize(const unsigned int n);
      /// The number of values per state (the law's history_size()).
      unsigned int
      size() const;

      dealii::ArrayView<double>
      committed();
      dealii::ArrayView<const double>
      committed() const;
      dealii::ArrayView<double>
      trial();
      dealii::ArrayView<const double>
      trial() const;

      /// committed = trial.
      void
      commit();
      /// trial = committed.
      void
      restore();

      unsigned int
      number_of_values() const override;
      void
      pack_values(std::vector<double> &values) const override;
      void
      unpack_values(const std::vector<double> &values) override;

    private:
      /// The committed values, then the trial ones (one allocation per point).
      std::vector<double> values;
    };

    /**
     * Quadrature-point history in deal.II's CellDataStorage: one PointHistory
     * per quadrature point of every locally owned cell of a material whose
     * law keeps history (Material::history_size() > 0), of the size that law
     * asks for; a law without history keeps none. Trial values are written
     * by the assembly; commit() makes them the converged history, restore()
     * goes back to it.
     */
    template <int dim> class QuadraturePointHistory
    {
    public:
      using CellIterator = typename dealii::Triangulation<dim>::cell_iterator;

      /// (Re)build the storage for @p n_points points per cell, each with its
      /// law's initial_history() of an unknown initial state (virgin).
      void
      initialize(const dealii::DoFHandler<dim> &dofs,
                 const MaterialMap             &materials,
                 const unsigned int             n_points);

      /// The history of the points of @p cell, or an empty vector where none is kept.
      std::vector<std::shared_ptr<PointHistory>>
      of(const CellIterator &cell);

      /// Committed history of point @p q of @p cell; empty where none is kept.
      dealii::ArrayView<const double>
      committed(const CellIterator &cell, const unsigned int q) const;

      /// Trial states become the committed history.
      void
      commit();
      /// Committed history becomes the trial states.
      void
      restore();
      /// Apply @p f(cell, q, values) to the committed values of every point
      /// (e.g. the stress of a pre-swollen start).
      template <typename Function>
      void
      for_each_committed(const Function &f);

      /// Number of points with history on this rank.
      std::size_t
      n_points() const;

      /// Number of committed history values on this rank (the trial ones as many again).
      std::size_t
      n_values() const;

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
            f(cell, q, data[q]->committed());
        }
    }
  } // namespace physics
} // namespace siswell
