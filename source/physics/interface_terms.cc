#include <siswell/physics/interface_terms.h>

namespace siswell
{
  namespace physics
  {
    template <int dim>
    LithiumFluxInterface<dim>::LithiumFluxInterface(const std::string &interface_name)
        : interface(interface_name)
    {
    }

    template <int dim>
    void
    LithiumFluxInterface<dim>::add(const InterfacePointData<dim>         &p,
                                   std::array<dealii::Vector<double>, 2> &residual,
                                   std::array<std::array<dealii::FullMatrix<double>, 2>, 2> *) const
    {
      const PointData<dim> &s = p.side[0];
      if (!s.active)
        return;
      for (unsigned int i = 0; i < s.field.size(); ++i)
        if (s.field[i] == Field::concentration)
          residual[0](i) -= flux * s.phi[i] * p.JxW;
    }

    template class LithiumFluxInterface<2>;
    template class LithiumFluxInterface<3>;
  } // namespace physics
} // namespace siswell
