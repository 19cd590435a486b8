#pragma once

#include <siswell/physics/interface_term.h>

#include <string>

namespace siswell
{
  namespace physics
  {
    /**
     * Galvanostatic lithium inflow through an interface into its side 0 (the
     * lithium-carrying material; the solid electrolyte on side 1 supplies
     * it): a prescribed molar flux j (mol/(m² s), per unit reference area,
     * positive into side 0): R_c −= ∫ j δc dA on side 0. It depends on no
     * unknown (no Jacobian entries). The flux is set before each step.
     */
    template <int dim> class LithiumFluxInterface : public InterfaceTerm<dim>
    {
    public:
      explicit LithiumFluxInterface(const std::string &interface_name);

      std::string
      name() const override
      {
        return "lithium flux through " + interface;
      }

      const std::string &
      interface_name() const override
      {
        return interface;
      }

      FieldCoupling
      coupling() const override
      {
        return FieldCoupling{}; // all false
      }

      void
      add(const InterfacePointData<dim>                            &p,
          std::array<dealii::Vector<double>, 2>                    &residual,
          std::array<std::array<dealii::FullMatrix<double>, 2>, 2> *jacobian) const override;

      /// Inward molar flux (mol/(m² s)).
      double flux = 0.;

    private:
      std::string interface;
    };
  } // namespace physics
} // namespace siswell
