#pragma once

#include <siswell/materials/material.h>

#include <deal.II/base/parameter_handler.h>

namespace siswell
{
  namespace materials
  {
    /**
     * A solid in which lithium does not diffuse and which does not swell:
     * the solid electrolyte or a current collector. Isotropic Hencky
     * elasticity with constant moduli.
     */
    class InertMaterial : public Material
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

      MechanicalResponse
      mechanical_response(const dealii::Tensor<2, 3> &F, const double c) const override;

      /// Young's modulus (Pa).
      double E;
      /// Poisson's ratio (-).
      double nu;

    private:
      std::string material_name;
    };
  } // namespace materials
} // namespace siswell
