#pragma once

#include <siswell/materials/material.h>

#include <deal.II/base/types.h>

#include <map>
#include <memory>

namespace siswell
{
  namespace physics
  {
    /// Materials by material id.
    using MaterialMap =
        std::map<dealii::types::material_id, std::shared_ptr<const materials::Material>>;
  } // namespace physics
} // namespace siswell
