#pragma once

#include <siswell/materials/hencky_swelling_solid.h>

#include <string>

namespace siswell
{
  namespace materials
  {
    /**
     * A solid at one material id. The interface the weak-form terms use:
     * the mechanical response at (F, c) and, for materials that take up
     * lithium, the chemical part of the chemical potential and the mobility.
     *
     * New material laws derive from this class; see ActiveMaterial and
     * InertMaterial.
     */
    class Material
    {
    public:
      virtual ~Material() = default;

      /// Name used in messages and output ("silicon", "electrolyte", ...).
      virtual std::string
      name() const = 0;

      /// True if lithium diffuses in this material (it carries c and μ).
      virtual bool
      is_active() const = 0;

      /// Mechanical response at deformation gradient F and concentration c (mol/m³).
      virtual MechanicalResponse
      mechanical_response(const dealii::Tensor<2, 3> &F, const double c) const = 0;
    };
  } // namespace materials
} // namespace siswell
