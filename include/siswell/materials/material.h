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

      /// True if the material can flow plastically (it then needs a PlasticState per point).
      virtual bool
      is_plastic() const = 0;

      /**
       * Mechanical response at deformation gradient F and concentration c
       * (mol/m³), with the plastic history treated as @p step says.
       */
      virtual MechanicalResponse
      mechanical_response(const dealii::Tensor<2, 3> &F,
                          const double                c,
                          const PlasticStep &         step) const = 0;

      /// Mechanical response of the virgin (never yielded) material.
      MechanicalResponse
      mechanical_response(const dealii::Tensor<2, 3> &F, const double c) const
      {
        return mechanical_response(F, c, PlasticStep());
      }
    };
  } // namespace materials
} // namespace siswell
