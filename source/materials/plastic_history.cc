#include <siswell/materials/plastic_history.h>

#include <stdexcept>

namespace siswell
{
  namespace materials
  {
    namespace plastic_history
    {
      namespace
      {
        void
        check_size(const std::size_t n)
        {
          if (n != size)
            throw std::logic_error("internal: a plastic history of " + std::to_string(n) +
                                   " numbers (expected " + std::to_string(size) + ")");
        }
      } // namespace

      void
      pack(const PlasticState &s, const dealii::ArrayView<double> &v)
      {
        check_size(v.size());
        unsigned int k = 0;
        for (unsigned int i = 0; i < 3; ++i)
          for (unsigned int j = i; j < 3; ++j)
            v[k++] = s.Cp_inv[i][j];
        v[k++] = s.equivalent_plastic_strain;
        v[k++] = s.dissipation;
        for (unsigned int i = 0; i < 3; ++i)
          for (unsigned int j = i; j < 3; ++j)
            v[k++] = s.cauchy[i][j];
      }

      PlasticState
      unpack(const dealii::ArrayView<const double> &v)
      {
        PlasticState s;
        if (v.size() == 0)
          return s;
        check_size(v.size());
        unsigned int k = 0;
        for (unsigned int i = 0; i < 3; ++i)
          for (unsigned int j = i; j < 3; ++j)
            s.Cp_inv[i][j] = v[k++];
        s.equivalent_plastic_strain = v[k++];
        s.dissipation               = v[k++];
        for (unsigned int i = 0; i < 3; ++i)
          for (unsigned int j = i; j < 3; ++j)
            s.cauchy[i][j] = v[k++];
        return s;
      }

      void
      initial(const MechanicalResponse &initial, const dealii::ArrayView<double> &values)
      {
        PlasticState virgin;
        if (initial.valid)
          virgin.cauchy = initial.tau / initial.J;
        pack(virgin, values);
      }

      HistoryQuantities
      quantities(const dealii::ArrayView<const double> &values)
      {
        HistoryQuantities q;
        if (values.size() == 0)
          return q;
        const PlasticState s        = unpack(values);
        q.equivalent_plastic_strain = s.equivalent_plastic_strain;
        q.dissipation               = s.dissipation;
        q.has_stress                = true;
        q.cauchy                    = s.cauchy;
        return q;
      }
    } // namespace plastic_history
  }   // namespace materials
} // namespace siswell
