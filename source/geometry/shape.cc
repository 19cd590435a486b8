#include <siswell/geometry/geometry.h>
#include <siswell/geometry/shape.h>

namespace siswell
{
  namespace geometry
  {
    namespace
    {
      /// The registry, built on first use (registrations run during static
      /// initialisation, in any order of translation units).
      std::vector<Shapes::Info> &
      registry()
      {
        static std::vector<Shapes::Info> shapes;
        return shapes;
      }
    } // namespace

    bool
    Shapes::add(Info info)
    {
      for (const auto &shape : registry())
        if (shape.name == info.name)
          throw std::logic_error("shape '" + info.name + "' is registered twice");
      if (info.name.empty() || info.name.find_first_of("|,") != std::string::npos)
        throw std::logic_error("shape name '" + info.name +
                               "' must be non-empty, without '|' or ','");
      registry().push_back(std::move(info));
      return true;
    }

    const std::vector<Shapes::Info> &
    Shapes::all()
    {
      return registry();
    }

    const Shapes::Info &
    Shapes::get(const std::string &name)
    {
      std::string known;
      for (const auto &shape : registry())
        {
          if (shape.name == name)
            return shape;
          known += (known.empty() ? "'" : ", '") + shape.name + "'";
        }
      throw std::invalid_argument("unknown shape '" + name + "' (known: " + known + ")");
    }

    std::string
    Shapes::names()
    {
      std::string list;
      for (const auto &shape : registry())
        list += (list.empty() ? "" : "|") + shape.name;
      return list;
    }

    namespace
    {
      [[noreturn]] void
      no_version(const Geometry &geometry, const unsigned int dim)
      {
        throw std::invalid_argument("'Geometry/Shape' = '" + geometry.shape_name + "' has no " +
                                    std::to_string(dim) +
                                    "D version (choose another 'Coordinate "
                                    "system')");
      }
    } // namespace

    void
    Shape::create_coarse_mesh(const Geometry &geometry, dealii::Triangulation<2> &) const
    {
      no_version(geometry, 2);
    }

    void
    Shape::create_coarse_mesh(const Geometry &geometry, dealii::Triangulation<3> &) const
    {
      no_version(geometry, 3);
    }

    void
    Shape::attach_manifolds(const Geometry &, dealii::Triangulation<2> &) const
    {
    }

    void
    Shape::attach_manifolds(const Geometry &, dealii::Triangulation<3> &) const
    {
    }
  } // namespace geometry
} // namespace siswell
