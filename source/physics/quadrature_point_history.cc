#include <siswell/physics/quadrature_point_history.h>

#include <stdexcept>

namespace siswell
{
  namespace physics
  {
    namespace
    {
      void
      pack(const materials::PlasticState &s, std::vector<double> &v, unsigned int &k)
      {
        for (unsigned int i = 0; i < 3; ++i)
          for (unsigned int j = i; j < 3; ++j)
            v[k++] = s.Cp_inv[i][j];
        v[k++] = s.equivalent_plastic_strain;
        v[k++] = s.dissipation;
        for (unsigned int i = 0; i < 3; ++i)
          for (unsigned int j = i; j < 3; ++j)
            v[k++] = s.cauchy[i][j];
      }

      void
      unpack(materials::PlasticState &s, const std::vector<double> &v, unsigned int &k)
      {
        for (unsigned int i = 0; i < 3; ++i)
          for (unsigned int j = i; j < 3; ++j)
            s.Cp_inv[i][j] = v[k++];
        s.equivalent_plastic_strain = v[k++];
        s.dissipation               = v[k++];
        for (unsigned int i = 0; i < 3; ++i)
          for (unsigned int j = i; j < 3; ++j)
            s.cauchy[i][j] = v[k++];
      }
    } // namespace

    unsigned int
    PointHistory::number_of_values() const
    {
      return 2 * values_per_state;
    }

    void
    PointHistory::pack_values(std::vector<double> &values) const
    {
      values.resize(number_of_values());
      unsigned int k = 0;
      pack(committed, values, k);
      pack(trial, values, k);
    }

    void
    PointHistory::unpack_values(const std::vector<double> &values)
    {
      if (values.size() != number_of_values())
        throw std::logic_error(
            "internal: PointHistory::unpack_values() got the wrong number of values");
      unsigned int k = 0;
      unpack(committed, values, k);
      unpack(trial, values, k);
    }

    template <int dim>
    void
    QuadraturePointHistory<dim>::initialize(const dealii::DoFHandler<dim> &dofs,
                                            const MaterialMap             &materials,
                                            const unsigned int             n_points)
    {
      storage.clear();
      cells.clear();
      for (const auto &cell : dofs.active_cell_iterators())
        if (cell->is_locally_owned() && materials.at(cell->material_id())->is_plastic())
          {
            const CellIterator c(&dofs.get_triangulation(), cell->level(), cell->index());
            storage.template initialize<PointHistory>(c, n_points);
            cells.push_back(c);
          }
    }

    template <int dim>
    std::vector<std::shared_ptr<PointHistory>>
    QuadraturePointHistory<dim>::of(const CellIterator &cell)
    {
      // a storage that holds no cell knows no triangulation (deal.II asserts
      // that the cell belongs to it): elastic problems, ranks without plastic cells
      if (cells.empty())
        return {};
      const auto data = storage.try_get_data(cell);
      return data ? *data : std::vector<std::shared_ptr<PointHistory>>();
    }

    template <int dim>
    const materials::PlasticState &
    QuadraturePointHistory<dim>::committed(const CellIterator            &cell,
                                           const unsigned int             q,
                                           const materials::PlasticState &virgin) const
    {
      if (cells.empty()) // as in of()
        return virgin;
      const auto data = storage.try_get_data(cell);
      return data ? (*data)[q]->committed : virgin;
    }

    template <int dim>
    void
    QuadraturePointHistory<dim>::commit()
    {
      for (const auto &cell : cells)
        for (const auto &point : storage.get_data(cell))
          point->committed = point->trial;
    }

    template <int dim>
    void
    QuadraturePointHistory<dim>::restore()
    {
      for (const auto &cell : cells)
        for (const auto &point : storage.get_data(cell))
          point->trial = point->committed;
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

    template class QuadraturePointHistory<2>;
    template class QuadraturePointHistory<3>;
  } // namespace physics
} // namespace siswell
