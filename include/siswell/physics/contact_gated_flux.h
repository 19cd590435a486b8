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
     * gated by the contact state of a ContactInterface:
     *   j(x) = q φ(t(x)),   φ(t) = 1 / (1 + exp(−t / p_g)) + φ₀   (mol/(m² s))
     * with t = λ − ε g the trial pressure (the contact pressure where the
     * sides touch, −ε g where they are apart), p_g 'Interface/Flux gate
     * pressure', φ₀ = 10⁻⁹ a leakage floor that keeps the system regular when
     * no point conducts, and q one global scalar unknown of the Newton system
     * whose equation fixes the total:
     *   r = ∫ q φ dA − Ī = 0   (Ī: the galvanostatic current / F, mol/s).
     * Where contact is lost the flux density through the remaining contact
     * rises (current concentration). φ is a smooth function of the
     * displacements (t is, at open and closed points alike); every
     * derivative (∂/∂u through t, ∂/∂q, ∂r/∂u, ∂r/∂q, the out-of-plane
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

      /// The gate φ(t) (-) of a trial pressure t (Pa), with the leakage floor.
      double
      gate(const double trial) const;

      /// dφ/dt (1/Pa).
      double
      gate_derivative(const double trial) const;

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
