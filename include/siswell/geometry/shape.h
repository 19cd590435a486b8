#pragma once

#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/types.h>
#include <deal.II/grid/tria.h>

#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace siswell
{
  namespace geometry
  {
    class Geometry;

    /**
     * A shape of the domain ('Geometry/Shape'): it builds the coarse mesh with
     * its material ids (geometry::material_id, or the ids a 'Materials/List'
     * names), boundary ids and manifold ids, names its boundary parts and
     * gives the length scale of the active material. Lengths are in m.
     *
     * siswell's shapes are particle, film, pillar and gmsh; a program
     * registers its own with SISWELL_REGISTER_SHAPE (see Shapes). A shape is
     * created once per run from its parameters and is then immutable.
     */
    class Shape
    {
    public:
      virtual ~Shape() = default;

      /// The coarse mesh of a 2D section (plane strain: x, y; axisymmetric:
      /// x = r >= 0, y = z). Default: std::invalid_argument (no 2D version).
      virtual void
      create_coarse_mesh(const Geometry &geometry, dealii::Triangulation<2> &coarse) const;

      /// The coarse mesh in 3D. Default: std::invalid_argument (no 3D version).
      virtual void
      create_coarse_mesh(const Geometry &geometry, dealii::Triangulation<3> &coarse) const;

      /// Attach the manifolds that the coarse mesh's manifold ids name to
      /// @p tria, the (distributed) mesh copied from it, before refinement.
      /// Default: none (every manifold id flat).
      virtual void
      attach_manifolds(const Geometry &geometry, dealii::Triangulation<2> &tria) const;
      /// See the 2D version.
      virtual void
      attach_manifolds(const Geometry &geometry, dealii::Triangulation<3> &tria) const;

      /// The names of the boundary parts, as the .prm may use them
      /// ('Boundary conditions', 'Stack pressure/Boundary part', ...).
      /// Numeric ids are always accepted besides these.
      virtual std::map<std::string, dealii::types::boundary_id>
      boundary_names(const Geometry &geometry) const = 0;

      /// Characteristic length (m) of the active material (particle radius,
      /// film thickness, ...): the scale of Newton's residual norm.
      virtual double
      characteristic_length() const = 0;
    };

    /**
     * Shapes known by name, in the style of ASPECT's plugins, chosen in the
     * .prm by 'Geometry/Shape'. A program registers its own with
     *
     *     SISWELL_REGISTER_SHAPE(MyShape, "my shape", "One sentence for the help.")
     *
     * at namespace scope in a .cc file, before RunParameters::declare_parameters()
     * runs. MyShape has a static declare_parameters(ParameterHandler &) and a
     * constructor MyShape(ParameterHandler &) that reads (and checks, throwing
     * std::invalid_argument naming the parameter) the entries of subsection
     * 'Geometry/my shape'. siswell's own shapes keep their entries in
     * 'Geometry' itself, as they always had.
     */
    class Shapes
    {
    public:
      struct Info
      {
        std::string name;
        /// One sentence for the .prm help.
        std::string description;
        /// True if the entries live in the subsection 'Geometry/<name>';
        /// false for siswell's shapes (entries in 'Geometry').
        bool own_subsection = true;
        /// Declares the shape's entries in the current subsection.
        std::function<void(dealii::ParameterHandler &)> declare_parameters;
        /// Creates the shape from them; throws std::invalid_argument naming the parameter.
        std::function<std::shared_ptr<const Shape>(dealii::ParameterHandler &)> create;
      };

      /// Register a shape; a second one of the same name is refused (std::logic_error).
      static bool
      add(Info info);

      /// Register @p S (see the class documentation).
      template <class S>
      static bool
      add(const std::string &name, const std::string &description, const bool own_subsection = true)
      {
        Info info;
        info.name               = name;
        info.description        = description;
        info.own_subsection     = own_subsection;
        info.declare_parameters = [](dealii::ParameterHandler &prm) { S::declare_parameters(prm); };
        info.create = [](dealii::ParameterHandler &prm) -> std::shared_ptr<const Shape> {
          return std::make_shared<const S>(prm);
        };
        return add(std::move(info));
      }

      /// Every registered shape, in the order of registration.
      static const std::vector<Info> &
      all();

      /// The shape called @p name; std::invalid_argument listing the known ones otherwise.
      static const Info &
      get(const std::string &name);

      /// The names, separated by '|' (a Patterns::Selection).
      static std::string
      names();
    };
  } // namespace geometry
} // namespace siswell

/// Register the shape class @p S under @p name (a string) with a one-sentence
/// @p description; its entries live in 'Geometry/<name>'.
#define SISWELL_REGISTER_SHAPE(S, name, description)                                               \
  namespace                                                                                        \
  {                                                                                                \
    const bool siswell_shape_registered_##S =                                                      \
        ::siswell::geometry::Shapes::add<S>(name, description);                                    \
  }
