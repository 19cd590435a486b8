#pragma once

#include <siswell/physics/contact_interface.h>
#include <siswell/physics/interface_term.h>

#include <memory>
#include <string>

namespace siswell
{
  namespace physics
  {
    template <int dim> class CoupledProblem;

    /**
     * Galvanostatic lithium flux through a contact interface into its side 0,
     * gated by the contact pressure p of a ContactInterface:
     *   j(x) = q φ(p(x)),   φ(p) = 1 − exp(−p / p_g) + φ₀   (mol/(m² s))
     * (p_g 'Interface/Flux gate pressure', φ₀ = 10⁻⁹ a leakage floor that
     * keeps the system regular when no point is closed), with q one global
     * scalar unknown of the Newton system whose equation fixes the total:
     *   r = ∫ q φ dA − Ī = 0   (Ī: the galvanostatic current / F, mol/s).
     * Where contact is lost the flux density through the remaining contact
     * rises (current concentration); an open point carries φ₀ q. φ is smooth
     * in p, and p is the contact term's semi-smooth pressure; every
     * derivative (∂/∂u through p, ∂/∂q, ∂r/∂u, ∂r/∂q, the out-of-plane
     * stretch) is in the Jacobian and its border (doc/theory.md §5e).
     */
    template <int dim> class ContactGatedFlux : public InterfaceTerm<dim>
    {
    public:
      ContactGatedFlux(std::shared_ptr<const ContactInterface<dim>> contact,
                       const double                                 gate_pressure);

      std::string
      name() const override
      {
        return "contact-gated lithium flux on " + contact->interface_name();
      }

      const std::string &
      interface_name() const override
      {
        return contact->interface_name();
      }

      FieldCoupling
      coupling() const override
      {
        return coupling_of({Field::concentration}, {Field::displacement});
      }

      void
      add(const InterfacePointData<dim>                            &p,
          std::array<dealii::Vector<double>, 2>                    &residual,
          std::array<std::array<dealii::FullMatrix<double>, 2>, 2> *jacobian) const override;

      /// The gate φ(p) (-) of a pressure p (Pa), with the leakage floor.
      double
      gate(const double pressure) const;

      /// ∫ (φ − φ₀) dA / A at the current solution: the conducting fraction of the
      /// interface (collective).
      double
      conducting_fraction(const CoupledProblem<dim> &problem) const;

      /// Index of the flux density q among the global scalars (set by the driver).
      unsigned int scalar = 0;
      /// Ī: the total molar rate into side 0 (mol/s; per metre in plane strain), set before each
      /// step.
      double total = 0.;
      /// Reference area of the interface (m²), over which Ī is spread in the equation of q.
      double area = 1.;
      /// The leakage floor φ₀.
      static constexpr double leakage = 1e-9;

    private:
      std::shared_ptr<const ContactInterface<dim>> contact;
      double                                       gate_pressure;
    };
  } // namespace physics
} // namespace siswell
