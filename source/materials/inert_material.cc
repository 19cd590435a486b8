#include <siswell/materials/inert_material.h>
#include <siswell/materials/material_presets.h>

#include <stdexcept>

namespace siswell
{
  namespace materials
  {
    InertMaterial::InertMaterial(const std::string &name, const double E, const double nu)
        : E(E), nu(nu), material_name(name)
    {
    }

    void
    InertMaterial::declare_parameters(dealii::ParameterHandler &prm,
                                      const double              E,
                                      const double              nu)
    {
      declare_preset_entry(prm, false);
      prm.declare_entry("Young's modulus",
                        std::to_string(E),
                        dealii::Patterns::Double(),
                        "Young's modulus E (Pa), > 0.",
                        true);
      prm.declare_entry("Poisson's ratio",
                        std::to_string(nu),
                        dealii::Patterns::Double(-1., 0.5),
                        "Poisson's ratio (-), in (-1, 0.5).",
                        true);
      prm.enter_subsection("Plasticity");
      J2Plasticity::declare_parameters(prm);
      prm.leave_subsection();
    }

    void
    InertMaterial::parse_parameters(dealii::ParameterHandler &prm)
    {
      E  = prm.get_double("Young's modulus");
      nu = prm.get_double("Poisson's ratio");
      if (!(E > 0.))
        throw std::invalid_argument("'Young's modulus' of the " + material_name +
                                    " must be positive (got " + std::to_string(E) + " Pa)");
      if (!(nu > -1. && nu < 0.5))
        throw std::invalid_argument("'Poisson's ratio' of the " + material_name +
                                    " must lie in (-1, 0.5)");
      prm.enter_subsection("Plasticity");
      plasticity.parse_parameters(prm, material_name);
      prm.leave_subsection();
    }

    std::string
    InertMaterial::name() const
    {
      return material_name;
    }

    bool
    InertMaterial::is_active() const
    {
      return false;
    }

    bool
    InertMaterial::is_plastic() const
    {
      return plasticity.is_plastic();
    }

    MechanicalResponse
    InertMaterial::mechanical_response(const dealii::Tensor<2, 3> &F,
                                       const double,
                                       const PlasticStep &step) const
    {
      ModuliState m;
      m.G          = E / (2. * (1. + nu));
      m.K          = E / (3. * (1. - 2. * nu));
      YieldState y = plasticity.yield(0.);
      y.dY0 = y.dH = 0.; // no lithium: the properties are constants
      MechanicalResponse r =
          HenckySwellingSolid::evaluate(F, SwellingState(), m, 1., &plasticity, y, step);
      r.mu     = 0.;
      r.dmu_dF = dealii::Tensor<2, 3>();
      r.dmu_dc = 0.;
      r.dP_dc  = dealii::Tensor<2, 3>();
      return r;
    }
  } // namespace materials
} // namespace siswell
