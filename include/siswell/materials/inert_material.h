#pragma once

#include <siswell/materials/j2_plasticity.h>
#include <siswell/materials/material.h>
#include <siswell/materials/plastic_history.h>

#include <deal.II/base/parameter_handler.h>

namespace siswell
{
  namespace materials
  {
    /**
     * A solid in which lithium does not diffuse and which does not swell:
     * the solid electrolyte or a current collector. Isotropic Hencky
     * elasticity with constant moduli, optionally J2-plastic (sulfide
     * electrolytes and copper flow under fabrication pressure).
     */
    class InertMaterial : public PlasticHistoryLaw<Material, InertMaterial>
    {
    public:
      /// @p name is used in messages; @p E (Pa) and @p nu (-) are the defaults.
      InertMaterial(const std::string &name, const double E = 25e9, const double nu = 0.3);

      static void
      declare_parameters(dealii::ParameterHandler &prm, const double E, const double nu);

      /// Reads the current subsection; throws std::invalid_argument naming the parameter.
      void
      parse_parameters(dealii::ParameterHandler &prm);

      std::string
      name() const override;

      bool
      is_active() const override;

      bool
      is_plastic() const override;

      /// The HistoryStep overload (PlasticHistoryLaw) and the one without history.
      using PlasticHistoryLaw::mechanical_response;
      /// The response with the plastic history as a PlasticState (the
      /// packed one of mechanical_response(F, c, HistoryStep) unpacked).
      MechanicalResponse
      mechanical_response(const dealii::Tensor<2, 3> &F,
                          const double                c,
                          const PlasticStep          &step) const;

      /// Young's modulus (Pa).
      double E;
      /// Poisson's ratio (-).
      double nu;
      /// Plastic flow (subsection "Plasticity"); elastic by default. The
      /// yield stress and hardening modulus are read at θ = 0.
      J2Plasticity plasticity;

    private:
      std::string material_name;
    };
  } // namespace materials
} // namespace siswell
