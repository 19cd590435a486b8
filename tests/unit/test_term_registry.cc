// Weak-form terms by name: a term registered by a program declares its
// entries in 'Terms/<name>', is chosen with 'Terms/Boundary terms' (or 'Cell
// terms') and created from them for the run's geometry; unknown names and
// bad entries are refused with the parameter; a name is registered once.
#include <siswell/physics/term_registry.h>
#include <siswell/simulation/run_parameters.h>

#include <deal.II/base/exceptions.h>

#include <catch2/catch.hpp>

#include "run_parameters_from_text.h"

#include <stdexcept>
#include <string>

using namespace siswell;

namespace
{
  /// A spring on the normal displacement of some boundary parts (test term).
  template <int dim> class NormalSpring : public physics::BoundaryTerm<dim>
  {
  public:
    static void
    declare_parameters(dealii::ParameterHandler &prm)
    {
      prm.declare_entry(
          "Boundary parts", "", dealii::Patterns::Anything(), "names of boundary parts");
      prm.declare_entry("Stiffness", "1e15", dealii::Patterns::Anything(), "N/m³");
    }
    NormalSpring(dealii::ParameterHandler &prm, const geometry::Geometry &g)
    {
      for (const auto &part : dealii::Utilities::split_string_list(prm.get("Boundary parts")))
        ids.insert(g.boundary_id(part, "Terms/test normal spring/Boundary parts"));
      stiffness = std::stod(prm.get("Stiffness"));
      if (!(stiffness > 0.))
        throw std::invalid_argument(
            "parameter 'Terms/test normal spring/Stiffness' must be positive");
    }
    std::string
    name() const override
    {
      return "test normal spring";
    }
    const std::set<dealii::types::boundary_id> &
    boundary_ids() const override
    {
      return ids;
    }
    FieldCoupling
    coupling() const override
    {
      return coupling_of({Field::displacement}, {Field::displacement});
    }
    void
    add(const physics::PointData<dim> &,
        dealii::Vector<double> &,
        dealii::FullMatrix<double> *) const override
    {
    }
    std::set<dealii::types::boundary_id> ids;
    double                               stiffness = 0.;
  };

  /// A cell term that adds nothing (test term).
  template <int dim> class Nothing : public physics::CellTerm<dim>
  {
  public:
    static void
    declare_parameters(dealii::ParameterHandler &)
    {
    }
    Nothing(dealii::ParameterHandler &, const geometry::Geometry &) {}
    std::string
    name() const override
    {
      return "test nothing";
    }
    bool
    active_material_only() const override
    {
      return true;
    }
    FieldCoupling
    coupling() const override
    {
      return FieldCoupling();
    }
    void
    add(const physics::PointData<dim> &,
        dealii::Vector<double> &,
        dealii::FullMatrix<double> *) const override
    {
    }
  };

  std::string
  error_of(const std::string &text)
  {
    return testing::parameter_error_of(text);
  }
} // namespace

SISWELL_REGISTER_BOUNDARY_TERM(NormalSpring, "test normal spring", "test: a spring on u·n")
SISWELL_REGISTER_CELL_TERM(Nothing, "test nothing", "test: adds nothing")

TEST_CASE("weak-form terms: registered by name, chosen and created from the .prm",
          "[term-registry]")
{
  const RunParameters p     = testing::run_parameters_from_text(R"(
subsection Terms
  set Boundary terms = test normal spring
  set Cell terms     = test nothing
  subsection test normal spring
    set Boundary parts = surface, x0
    set Stiffness      = 3e16
  end
end
)");
  const auto         &terms = p.terms<2>();
  REQUIRE(terms.boundary.size() == 1);
  REQUIRE(terms.cell.size() == 1);
  CHECK(p.terms<3>().boundary.empty()); // created for the run's dimension only
  const auto &spring = dynamic_cast<const NormalSpring<2> &>(*terms.boundary[0]);
  CHECK(spring.stiffness == 3e16);
  CHECK(spring.ids == std::set<dealii::types::boundary_id>{geometry::boundary_id::surface,
                                                           geometry::boundary_id::x0});
  CHECK(terms.cell[0]->name() == "test nothing");
  // none chosen: none created
  CHECK(testing::run_parameters_from_text("").terms<2>().boundary.empty());
}

TEST_CASE("weak-form terms: unknown names and bad entries are refused", "[term-registry]")
{
  CHECK_THAT(error_of("subsection Terms\n set Boundary terms = spring bed\nend\n"),
             Catch::Contains("'Terms/Boundary terms'") &&
                 Catch::Contains("unknown weak-form term 'spring bed'") &&
                 Catch::Contains("'test normal spring'"));
  CHECK_THAT(error_of("subsection Terms\n set Cell terms = test normal spring\nend\n"),
             Catch::Contains("'Terms/Cell terms'") && Catch::Contains("unknown weak-form term"));
  CHECK_THAT(
      error_of(
          "subsection Terms\n set Boundary terms = test normal spring\n subsection test normal "
          "spring\n  set Boundary parts = surface\n  set Stiffness = -1\n end\nend\n"),
      Catch::Contains("'Terms/test normal spring/Stiffness' must be positive"));
  CHECK_THAT(
      error_of(
          "subsection Terms\n set Boundary terms = test normal spring, test normal spring\nend\n"),
      Catch::Contains("chosen twice"));
  CHECK_THROWS_WITH(physics::BoundaryTerms<2>::add<NormalSpring<2>>("test normal spring", "again"),
                    Catch::Contains("registered twice"));
}
