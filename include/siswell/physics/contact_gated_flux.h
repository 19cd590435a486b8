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
     *   j(x) = q φ(s(x)),   φ(s) = 1 / (1 + exp(−s)) + φ₀   (mol/(m² s)),
     *   s = λ / p_g − g / δ_g
     * with λ the contact multiplier of the point (at convergence the contact
     * pressure where the sides touch, 0 where they are apart), g the gap,
     * p_g 'Interface/Flux gate pressure', δ_g 'Interface/Flux gate gap',
     * φ₀ = 10⁻⁹ a leakage floor that keeps the system regular when no point
     * conducts, and q one global scalar unknown of the Newton system whose
     * equation fixes the total:
     *   r = ∫ q φ dA − Ī = 0   (Ī: the galvanostatic current / F, mol/s).
     * Where contact is lost the flux density through the remaining contact
     * rises (current concentration). During a Newton solve λ is fixed and
     * φ is a smooth function of the displacements through g, over the
     * physical length δ_g (not over p_g / ε, a fraction of a picometre, which
     * stalled Newton); every derivative (∂/∂u through g, ∂/∂q, ∂r/∂u, ∂r/∂q,
     * the out-of-plane stretch) is in the Jacobian and its border
     * (doc/theory.md §5e).
     */
    template <int dim> class ContactGatedFlux : public InterfaceTerm<dim>
    {
    public:
      ContactGatedFlux(std::shared_ptr<const ContactInterface<dim>> contact,
                       const double                                 gate_pressure,
                       const double                                 gate_gap);

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

      /// The gate's argument s = λ / p_g − g / δ_g (-) at a point of the contact term.
      double
      argument(const typename ContactInterface<dim>::PointValues &v) const;

      /// The gate φ (-) at a point of the contact term, with the leakage floor.
      double
      gate(const typename ContactInterface<dim>::PointValues &v) const;

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
      double                                       gate_gap;
    };
  } // namespace physics
} // namespace siswell
