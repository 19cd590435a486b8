#include <siswell/physics/quadrature_point_history.h>

#include <algorithm>
#include <stdexcept>

namespace siswell
{
  namespace physics
  {
    void
    PointHistory::resize(const unsigned int n)
    {
      values.assign(2 * n, 0.);
    }

    unsigned int
    PointHistory::size() const
    {
      return values.size() / 2;
    }

    dealii::ArrayView<double>
    PointHistory::committed()
    {
      return dealii::make_array_view(values.begin(), values.begin() + size());
    }

    dealii::ArrayView<const double>
    PointHistory::committed() const
    {
      return dealii::make_array_view(values.cbegin(), values.cbegin() + size());
    }

    dealii::ArrayView<double>
    PointHistory::trial()
    {
      return dealii::make_array_view(values.begin() + size(), values.end());
    }

    dealii::ArrayView<const double>
    PointHistory::trial() const
    {
      return dealii::make_array_view(values.cbegin() + size(), values.cend());
    }

    void
    PointHistory::commit()
    {
      std::copy(values.begin() + size(), values.end(), values.begin());
    }

    void
    PointHistory::restore()
    {
      std::copy(values.begin(), values.begin() + size(), values.begin() + size());
    }

    unsigned int
    PointHistory::number_of_values() const
    {
      return values.size();
    }

    void
    PointHistory::pack_values(std::vector<double> &v) const
    {
      v = values;
    }

    void
    PointHistory::unpack_values(const std::vector<double> &v)
    {
      if (v.size() != number_of_values())
        throw std::logic_error(
            "internal: PointHistory::unpack_values() got the wrong number of values");
      values = v;
    }

    template <int dim>
    void
    QuadraturePointHistory<dim>::initialize(const dealii::DoFHandler<dim> &dofs,
                                            const MaterialMap             &materials,
                                            const unsigned int             n_points)
    {
      storage.clear();
      cells.clear();
      const materials::MechanicalResponse unknown; // not valid: the initial state is not known yet
      for (const auto &cell : dofs.active_cell_iterators())
        if (cell->is_locally_owned())
          {
            const materials::Material &law  = *materials.at(cell->material_id());
            const unsigned int         size = law.history_size();
            if (size == 0)
              continue;
            const CellIterator c(&dofs.get_triangulation(), cell->level(), cell->index());
            storage.template initialize<PointHistory>(c, n_points);
            for (const auto &point : storage.get_data(c))
              {
                point->resize(size);
                law.initial_history(unknown, point->committed());
                point->restore();
              }
            cells.push_back(c);
          }
    }

    template <int dim>
    std::vector<std::shared_ptr<PointHistory>>
    QuadraturePointHistory<dim>::of(const CellIterator &cell)
    {
      // a storage that holds no cell knows no triangulation (deal.II asserts
      // that the cell belongs to it): laws without history, ranks without such cells
      if (cells.empty())
        return {};
      const auto data = storage.try_get_data(cell);
      return data ? *data : std::vector<std::shared_ptr<PointHistory>>();
    }

    template <int dim>
    dealii::ArrayView<const double>
    QuadraturePointHistory<dim>::committed(const CellIterator &cell, const unsigned int q) const
    {
      if (cells.empty()) // as in of()
        return {};
      const auto data = storage.try_get_data(cell);
      return data ? (*data)[q]->committed() : dealii::ArrayView<const double>();
    }

    template <int dim>
    void
    QuadraturePointHistory<dim>::commit()
    {
      for (const auto &cell : cells)
        for (const auto &point : storage.get_data(cell))
          point->commit();
    }

    template <int dim>
    void
    QuadraturePointHistory<dim>::restore()
    {
      for (const auto &cell : cells)
        for (const auto &point : storage.get_data(cell))
          point->restore();
    }

    template <int dim>
    std::size_t
    QuadraturePointHistory<dim>::n_points() const
    {
      std::size_t n = 0;
      for (const auto &cell : cells)
        n += storage.try_get_data(cell)->size();
      return n;
    }

    template <int dim>
    std::size_t
    QuadraturePointHistory<dim>::n_values() const
    {
      std::size_t n = 0;
      for (const auto &cell : cells)
        {
          const auto data = storage.try_get_data(cell); // the optional must outlive the loop
          for (const auto &point : *data)
            n += point->size();
        }
      return n;
    }

    template class QuadraturePointHistory<2>;
    template class QuadraturePointHistory<3>;
  } // namespace physics
} // namespace siswell
