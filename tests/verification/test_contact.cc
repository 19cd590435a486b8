// Frictionless contact between silicon and the solid electrolyte, against
// closed forms (ContactInterface, 'Interface/Mode = contact').
//
// Patch test: a block of silicon (height H) on a block of electrolyte (H),
// both W wide, pressed by a follower pressure p on the silicon's top; bottom
// and left side on symmetry planes, the rest free (plane strain,
// axisymmetric: a cylinder of radius W, 3D: a box with a third symmetry
// plane). The exact solution is homogeneous in each block: uniaxial Cauchy
// stress, a contact pressure p everywhere on the interface, and lateral
// stretches that differ between the blocks (ν and E differ), so the sides
// slip against each other. The sides are paired in the reference
// configuration (small sliding): the silicon's contact force acts on the
// electrolyte points paired with it, so the electrolyte carries it over its
// own current area, a Cauchy stress p A_si / A_se (1 − 2.5e-4 here). The stretches are found from
// the materials' own laws (a small Newton solve for σ = −p e_y ⊗ e_y at finite strain), so the
// settlement and the slip are exact up to the Newton tolerance and the
// penetration tolerance: checked to 1e-6 relative (the penetration left by a
// tolerance of 1e-11 × face size is below 1e-9 of the settlement).
//
// Separation: the silicon's top is pulled up by a displacement-controlled
// platen: the gap equals the imposed displacement, the contact pressure is
// zero and the silicon carries no stress.
#include "case_builder.h"

#include <siswell/geometry/geometry.h>
#include <siswell/geometry/shape.h>
#include <siswell/io/derived_quantities.h>
#include <siswell/materials/lithium_carrier.h>
#include <siswell/physics/point_evaluator.h>

#include <deal.II/base/mpi.h>
#include <deal.II/base/numbers.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/grid/grid_generator.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

namespace
{
  constexpr double W = 1e-6, H = 0.5e-6;

  /// Silicon (material id 0) on y in [H, 2H] above electrolyte (id 1) on
  /// [0, H]; parts x0, y0, z0 (the planes through the origin; y0 for
  /// x < W/2), bottom_right (y = 0, x > W/2), top (y = 2H, x < W/2),
  /// top_right (y = 2H, x > W/2) and surface (the rest).
  class TwoBlocks : public siswell::geometry::Shape
  {
  public:
    static void
    declare_parameters(dealii::ParameterHandler &)
    {
    }
    explicit TwoBlocks(dealii::ParameterHandler &) {}
    void
    create_coarse_mesh(const siswell::geometry::Geometry &,
                       dealii::Triangulation<2> &coarse) const override
    {
      dealii::GridGenerator::subdivided_hyper_rectangle(
          coarse, {2, 4}, dealii::Point<2>(), dealii::Point<2>(W, 2 * H));
      mark(coarse);
    }
    void
    create_coarse_mesh(const siswell::geometry::Geometry &,
                       dealii::Triangulation<3> &coarse) const override
    {
      dealii::GridGenerator::subdivided_hyper_rectangle(
          coarse, {2, 2, 1}, dealii::Point<3>(), dealii::Point<3>(W, 2 * H, W));
      mark(coarse);
    }
    std::map<std::string, dealii::types::boundary_id>
    boundary_names(const siswell::geometry::Geometry &) const override
    {
      return {{"surface", 0},
              {"x0", 1},
              {"y0", 2},
              {"z0", 3},
              {"top", 4},
              {"top_right", 5},
              {"bottom_right", 6}};
    }
    double
    characteristic_length() const override
    {
      return H;
    }

  private:
    template <int dim>
    static void
    mark(dealii::Triangulation<dim> &coarse)
    {
      for (const auto &cell : coarse.active_cell_iterators())
        {
          cell->set_material_id(cell->center()[1] > H ? 0 : 1);
          for (const unsigned int f : cell->face_indices())
            if (cell->face(f)->at_boundary())
              {
                const auto                 c  = cell->face(f)->center();
                dealii::types::boundary_id id = 0;
                for (unsigned int d = 0; d < dim; ++d)
                  if (std::abs(c[d]) < 1e-3 * H)
                    id = 1 + d;
                if (std::abs(c[1] - 2 * H) < 1e-3 * H)
                  id = c[0] < 0.5 * W ? 4 : 5;
                if (std::abs(c[1]) < 1e-3 * H && c[0] > 0.5 * W)
                  id = 6;
                cell->face(f)->set_boundary_id(id);
              }
        }
    }
  };
  SISWELL_REGISTER_SHAPE(TwoBlocks, "two blocks", "silicon on electrolyte (contact tests)");

  /// Cauchy stress of @p material at F = diag(λ) and concentration c.
  dealii::Tensor<2, 3>
  cauchy(const siswell::materials::Material &material,
         const dealii::Tensor<2, 3>         &F,
         const double                        c)
  {
    const std::vector<double>       none;
    siswell::materials::HistoryStep step;
    const auto                      r = material.mechanical_response(F, c, step);
    return r.P * dealii::transpose(F) / dealii::determinant(F);
  }

  /// The homogeneous uniaxial state: stretches λ (x, y, z) with σ_yy = −p and
  /// the lateral stresses zero; λ_z = 1 in plane strain, λ_z = λ_x (hoop) in
  /// axisymmetry. Newton with a difference Jacobian, to round-off.
  dealii::Tensor<1, 3>
  uniaxial_stretches(const siswell::materials::Material &m,
                     const double                        c,
                     const double                        p,
                     const std::string                  &kind)
  {
    dealii::Tensor<1, 3> l;
    l[0] = l[1] = l[2] = 1.;
    auto F_of          = [&](const dealii::Tensor<1, 3> &x) {
      dealii::Tensor<2, 3> F;
      F[0][0] = x[0];
      F[1][1] = x[1];
      F[2][2] = kind == "plane strain" ? 1. : kind == "axisymmetric" ? x[0] : x[2];
      return F;
    };
    // residuals: σ_xx, σ_yy + p (and σ_zz in 3D), scaled by p
    const unsigned int n        = kind == "3d" ? 3 : 2;
    auto               residual = [&](const dealii::Tensor<1, 3> &x) {
      const auto           s = cauchy(m, F_of(x), c);
      dealii::Tensor<1, 3> r;
      r[0] = s[0][0] / p;
      r[1] = (s[1][1] + p) / p;
      r[2] = n == 3 ? s[2][2] / p : 0.;
      return r;
    };
    for (unsigned int it = 0; it < 30; ++it)
      {
        const auto           r = residual(l);
        dealii::Tensor<2, 3> J;
        for (unsigned int j = 0; j < n; ++j)
          {
            auto e = l;
            e[j] += 1e-7;
            const auto r1 = residual(e);
            for (unsigned int i = 0; i < n; ++i)
              J[i][j] = (r1[i] - r[i]) / 1e-7;
          }
        if (n == 2)
          J[2][2] = 1.;
        l -= dealii::invert(J) * r;
        if (r.norm() < 1e-14)
          break;
      }
    return l;
  }

  /// u at the reference point @p x on the side of material @p id (the
  /// vertices of the cells of that material), from any rank.
  template <int dim>
  dealii::Tensor<1, 3>
  displacement_at(siswell::physics::CoupledProblem<dim> &problem,
                  const dealii::Point<dim>              &x,
                  const unsigned int                     id)
  {
    siswell::physics::PointEvaluator<dim> at(problem, dealii::QTrapezoid<dim>());
    dealii::Tensor<1, 3>                  u;
    int                                   found = 0;
    for (const auto &cell : problem.dof_handler().active_cell_iterators())
      if (cell->is_locally_owned() && cell->material_id() == id && !found)
        {
          at.reinit(cell);
          for (unsigned int k = 0; k < at.n_points(); ++k)
            if (at[k].x.distance(x) < 1e-6 * H)
              {
                u     = at[k].u;
                found = 1;
              }
        }
    const MPI_Comm comm = MPI_COMM_WORLD;
    // the lowest rank that found it sends it
    const unsigned int rank = dealii::Utilities::MPI::this_mpi_process(comm);
    const unsigned int from =
        dealii::Utilities::MPI::min(found ? rank : std::numeric_limits<unsigned int>::max(), comm);
    REQUIRE(from != std::numeric_limits<unsigned int>::max());
    return dealii::Utilities::MPI::broadcast(comm, u, from);
  }

  /// @p kind: "plane strain", "axisymmetric" or "3d".
  std::string
  geometry_of(const std::string &kind)
  {
    return "subsection Geometry\n  set Coordinate system = " + kind +
           "\n  set Shape = two blocks\n  set Global refinements = 1\nend\n";
  }

  template <int dim>
  void
  check_patch(const std::string &kind, const std::string &backend)
  {
    const double       p = 20e6;
    std::ostringstream log;
    auto               sim = test::simulation<dim>(geometry_of(kind) + R"(
subsection Materials
  set Electrolyte material ids = 1
end
subsection Interface
  set Mode = contact
  set Penetration tolerance = 1e-11
end
subsection Boundary conditions
  set Symmetry planes = )" +
                                         std::string(kind == "3d" ? "x0, y0, z0"
                                                     : kind == "axisymmetric" ? "y0"
                                                                              : "x0, y0") +
                                         R"(, bottom_right: y
  set Lithium flux boundaries = top, top_right
  set Pressure = top: 20e6, top_right: 20e6
end
subsection Cycling
  set Stages = hold for 1
end
subsection Time stepping
  set Initial time step = 1
end
subsection Newton
  set Tolerance = 1e-12
  set Maximum iterations = 30
end
subsection Linear solver
  set Backend = )" + backend + R"(
end
subsection Output
  set Directory = contact-patch-output
  set Write fields = false
end
)",
                                     log);
    const bool         ran = sim->run();
    INFO(log.str());
    REQUIRE(ran);
    const auto &row = sim->history().back();
    REQUIRE(row.has_contact);
    auto        &problem = sim->problem();
    const auto  &si      = *problem.materials().at(0);
    const auto  &se      = *problem.materials().at(1);
    const double c0 =
        dynamic_cast<const siswell::materials::LithiumCarrier &>(si).initial_concentration();
    const auto l_si = uniaxial_stretches(si, c0, p, kind);
    // small sliding: the force p da of the silicon's face acts on the
    // reference-paired points of the electrolyte, whose face stretches more
    // laterally: it carries the silicon's force over its own current area,
    // p_e = p A_si / A_se (a fixed point in the electrolyte's stretches)
    auto area = [&](const dealii::Tensor<1, 3> &l) {
      return kind == "plane strain" ? l[0] : l[0] * (kind == "axisymmetric" ? l[0] : l[2]);
    };
    dealii::Tensor<1, 3> l_se = uniaxial_stretches(se, 0., p, kind);
    for (unsigned int it = 0; it < 10; ++it)
      l_se = uniaxial_stretches(se, 0., p * area(l_si) / area(l_se), kind);

    dealii::Point<dim> top, corner;
    top[1]    = 2 * H;
    top[0]    = W;
    corner[0] = W;
    corner[1] = H;
    if (dim == 3)
      top[dim - 1] = corner[dim - 1] = W;
    const auto   u_top       = displacement_at(problem, top, 0);
    const auto   u_si        = displacement_at(problem, corner, 0);
    const auto   u_se        = displacement_at(problem, corner, 1);
    const double settle      = -u_top[1];
    const double expect      = H * (1. - l_si[1]) + H * (1. - l_se[1]);
    const double slip        = u_si[0] - u_se[0];
    const double expect_slip = W * (l_si[0] - l_se[0]);
    INFO("electrolyte top u_y " << u_se[1] << " exact " << -H * (1. - l_se[1])
                                << "; silicon bottom u_y " << u_si[1] << "; u_x se " << u_se[0]
                                << " exact " << W * (l_se[0] - 1.) << "; u_x si " << u_si[0]
                                << " exact " << W * (l_si[0] - 1.) << "; stretches si " << l_si
                                << " se " << l_se);
    INFO(kind << ", " << backend << ": contact pressure mean " << row.mean_contact_pressure
              << " Pa, max " << row.max_contact_pressure << " Pa (applied " << p << "); settlement "
              << settle << " m (exact " << expect << "); slip " << slip << " m (exact "
              << expect_slip << "); penetration " << row.max_penetration << " m; contact fraction "
              << row.contact_fraction << "; updates " << row.contact_updates);
    CHECK(std::abs(row.mean_contact_pressure - p) <= 1e-6 * p);
    CHECK(std::abs(row.max_contact_pressure - p) <= 1e-6 * p);
    CHECK(std::abs(row.contact_fraction - 1.) <= 1e-12);
    CHECK(std::abs(settle - expect) <= 1e-6 * expect);
    CHECK(std::abs(slip - expect_slip) <= 1e-6 * std::abs(expect_slip));
    CHECK(std::abs(expect_slip) > 1e-3 * expect); // the blocks do slip
    CHECK(row.max_penetration <= 1e-11 * H);
    WARN(kind << " patch test, " << backend << ", "
              << dealii::Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD) << " rank(s): settlement "
              << settle << " m (exact " << expect << ", rel. error "
              << std::abs(settle - expect) / expect << "), slip rel. error "
              << std::abs(slip - expect_slip) / std::abs(expect_slip) << ", pressure rel. error "
              << std::abs(row.max_contact_pressure - p) / p << ", " << row.contact_updates
              << " multiplier updates, Newton " << row.newton_iterations);
  }
} // namespace

TEST_CASE("contact patch test: uniform pressure, settlement and slip exact", "[contact]")
{
  SECTION("plane strain, PETSc")
  check_patch<2>("plane strain", "PETSc");
  SECTION("plane strain, Trilinos")
  check_patch<2>("plane strain", "Trilinos");
  SECTION("axisymmetric")
  check_patch<2>("axisymmetric", "PETSc");
  SECTION("3D")
  check_patch<3>("3d", "Trilinos");
}

TEST_CASE("contact separation: the gap is the imposed displacement, no traction", "[contact]")
{
  const double       delta = 3e-9;
  std::ostringstream log;
  auto               sim = test::simulation<2>(geometry_of("plane strain") + R"(
subsection Materials
  set Electrolyte material ids = 1
end
subsection Interface
  set Mode = contact
  # no tension at open points (the platen holds the silicon): the exact
  # separation; the detached-body test below has it
  set Open stiffness ratio = 0
end
subsection Boundary conditions
  set Symmetry planes = x0, y0, bottom_right: y
  set Lithium flux boundaries = top
end
subsection Stack pressure
  set Platen boundary = top
  set Control         = displacement
end
subsection Cycling
  set Stages = move platen to 3e-9 in 1
end
subsection Time stepping
  set Initial time step = 1
end
subsection Newton
  set Tolerance = 1e-12
  set Maximum iterations = 30
end
subsection Output
  set Directory = contact-separation-output
  set Write fields = false
end
)",
                                 log);
  const bool         ran = sim->run();
  INFO(log.str());
  REQUIRE(ran);
  const auto &row = sim->history().back();
  INFO("gap " << row.max_gap << " m (imposed " << delta << "), contact fraction "
              << row.contact_fraction << ", max pressure " << row.max_contact_pressure
              << " Pa, max von Mises " << row.max_von_mises << " Pa, stack pressure "
              << row.stack_pressure << " Pa");
  CHECK(std::abs(row.max_gap - delta) <= 1e-9 * delta);
  CHECK(row.contact_fraction == 0.);
  // the void between the blocks: δ × the interface length (stress-free: da = dA)
  const double void_expected = delta * sim->problem().interface("interface").area;
  INFO("void " << row.void_volume << " m² (expected " << void_expected << ")");
  CHECK(std::abs(row.void_volume - void_expected) <= 1e-9 * void_expected);
  CHECK(row.max_contact_pressure == 0.);
  CHECK(std::abs(row.stack_pressure) <= 1e-3); // Pa: no force needed to lift the silicon
  CHECK(row.max_von_mises <= 1e-3);
}

namespace
{
  /// Small-strain bulk and shear moduli of @p m at concentration @p c about the
  /// stretch λ I (central differences of its own law, strain 1e-7).
  std::pair<double, double>
  moduli(const siswell::materials::Material &m, const double c, const double lambda)
  {
    const double         e = 1e-7;
    dealii::Tensor<2, 3> F0, Fv, Fs;
    for (unsigned int d = 0; d < 3; ++d)
      F0[d][d] = lambda;
    Fv       = F0 * (1. + e);
    Fs       = F0;
    Fs[0][1] = Fs[1][0] = lambda * e;
    const double K      = (trace(cauchy(m, Fv, c)) - trace(cauchy(m, F0, c))) / 3. / (3. * e);
    const double G      = (cauchy(m, Fs, c)[0][1] - cauchy(m, F0, c)[0][1]) / (2. * e);
    return {K, G};
  }

  /// The stretch of free swelling of @p m at concentration @p c (σ = 0).
  double
  free_stretch(const siswell::materials::Material &m, const double c)
  {
    double l = 1.;
    for (unsigned int it = 0; it < 30; ++it)
      {
        auto s = [&](const double x) {
          dealii::Tensor<2, 3> F;
          for (unsigned int d = 0; d < 3; ++d)
            F[d][d] = x;
          return trace(cauchy(m, F, c)) / 3.;
        };
        const double r = s(l), dr = (s(l + 1e-8) - r) / 1e-8;
        l -= r / dr;
      }
    return l;
  }

  /// The hydrostatic stress (Pa) at the reference point @p x inside the mesh, from any rank.
  double
  hydrostatic_at(const siswell::physics::CoupledProblem<2> &problem, const dealii::Point<2> &x)
  {
    double value = 0.;
    int    found = 0;
    for (const auto &cell : problem.dof_handler().active_cell_iterators())
      if (cell->is_locally_owned() && !found && cell->point_inside(x))
        {
          const auto unit = problem.mapping().transform_real_to_unit_cell(cell, x);
          siswell::physics::PointEvaluator<2> at(
              problem, dealii::Quadrature<2>(std::vector<dealii::Point<2>>{unit}));
          at.reinit(cell);
          const auto &s = at[0];
          value = siswell::io::derived_quantities(*s.material, s.F, s.c, s.history).hydrostatic;
          found = 1;
        }
    const MPI_Comm     comm = MPI_COMM_WORLD;
    const unsigned int rank = dealii::Utilities::MPI::this_mpi_process(comm);
    const unsigned int from =
        dealii::Utilities::MPI::min(found ? rank : std::numeric_limits<unsigned int>::max(), comm);
    REQUIRE(from != std::numeric_limits<unsigned int>::max());
    return dealii::Utilities::MPI::broadcast(comm, value, from);
  }

  const std::string particle_in_shell = R"(
subsection Geometry
  set Coordinate system = axisymmetric
  set Shape = particle
  set Symmetry = quarter
  set Particle radius = 1e-6
  set Electrolyte shell thickness = 0.3e-6
  set Global refinements = 2
end
subsection Materials
  set Electrolyte material ids = 1
  subsection Active material
    set Initial state of charge   = 0.011
    set Reference state of charge = 0.01
  end
end
subsection Boundary conditions
  set Symmetry planes = y0
  set Lithium flux boundaries = interface
  set Fixed displacement = outer
end
subsection Cycling
  set Stages = hold for 1
end
subsection Time stepping
  set Initial time step = 1
end
subsection Newton
  set Tolerance = 1e-12
  set Maximum iterations = 30
end
subsection Output
  set Write fields = false
end
)";
} // namespace

TEST_CASE("contact: a swelling particle in a held shell, against bonded and Lamé", "[contact]")
{
  // a silicon sphere (a = 1 µm) swells by a misfit ε* ≈ 9e-4 inside an
  // electrolyte shell (b = 1.3 µm) held at its outer surface. By symmetry
  // the interface carries no shear, so frictionless contact and a bonded
  // interface give the same state; the interface pressure is Lamé's
  //   p = a ε* / (a / (3 K_s) + (1/a² − a/b³) / (3 K_e / b³ + 4 G_e / a³)).
  std::ostringstream log_b, log_c;
  auto               bonded = test::simulation<2>(particle_in_shell + R"(
subsection Output
  set Directory = contact-sphere-bonded
end
)",
                                    log_b);
  REQUIRE(bonded->run());
  auto       contact = test::simulation<2>(particle_in_shell + R"(
subsection Interface
  set Mode = contact
end
subsection Output
  set Directory = contact-sphere-contact
end
)",
                                     log_c);
  const bool ran     = contact->run();
  INFO(log_c.str());
  REQUIRE(ran);
  const auto &b = bonded->history().back();
  const auto &c = contact->history().back();

  const auto  &problem = contact->problem();
  const auto  &si      = *problem.materials().at(0);
  const auto  &se      = *problem.materials().at(1);
  const double c0 =
      dynamic_cast<const siswell::materials::LithiumCarrier &>(si).initial_concentration();
  const double l_free   = free_stretch(si, c0);
  const auto [K_s, G_s] = moduli(si, c0, l_free);
  const auto [K_e, G_e] = moduli(se, 0., 1.);
  const double a = 1e-6, r_b = 1.3e-6, misfit = l_free - 1.;
  const double p = a * misfit /
                   (a / (3. * K_s) + (1. / (a * a) - a / std::pow(r_b, 3)) /
                                         (3. * K_e / std::pow(r_b, 3) + 4. * G_e / std::pow(a, 3)));
  (void)G_s;
  // inside the silicon and inside the shell, away from the interface: the
  // interface's own points see the contact enforced at p Gauss points per
  // face against continuity everywhere (4 % apart at the extreme there)
  const dealii::Point<2> in_si(0.3e-6, 0.4e-6), in_se(0.7e-6, 0.85e-6);
  const double           h_si_c = hydrostatic_at(contact->problem(), in_si),
               h_si_b           = hydrostatic_at(bonded->problem(), in_si);
  const double h_se_c           = hydrostatic_at(contact->problem(), in_se),
               h_se_b           = hydrostatic_at(bonded->problem(), in_se);
  const double hydrostatic_rel  = std::max(std::abs(h_si_c - h_si_b) / std::abs(h_si_b),
                                          std::abs(h_se_c - h_se_b) / std::abs(h_se_b));
  const double volume_rel       = std::abs(c.volume - b.volume) / b.volume;
  WARN("particle in shell: contact pressure mean "
       << c.mean_contact_pressure << " Pa, max " << c.max_contact_pressure << " Pa, Lamé " << p
       << " Pa (misfit " << misfit << "); contact "
       << "vs bonded: hydrostatic in the silicon " << h_si_c << " / " << h_si_b
       << " Pa, in the shell " << h_se_c << " / " << h_se_b << " Pa (largest rel. "
       << hydrostatic_rel << "), extreme at the interface " << c.min_hydrostatic << " / "
       << b.min_hydrostatic << " Pa, volume rel. " << volume_rel << ", max gap " << c.max_gap
       << " m, contact fraction " << c.contact_fraction << ", updates " << c.contact_updates
       << ", Newton " << c.newton_iterations << " (bonded " << b.newton_iterations << ")");
  CHECK(c.contact_fraction == 1.);
  CHECK(std::abs(c.mean_contact_pressure - p) <=
        5e-3 * p); // measured 1.2e-3: mesh and finite strain
  CHECK(hydrostatic_rel <=
        2e-3); // measured 4e-4 in the shell 0.1 µm from the interface, 1e-7 in the silicon
  CHECK(volume_rel <= 1e-8); // measured 3e-9
}

namespace
{
  /// The two blocks with a displacement-controlled platen on @p platen and a
  /// pressure, lithiated through the contact.
  std::string
  gated_case(const std::string &platen,
             const std::string &pressure,
             const std::string &stages,
             const std::string &directory)
  {
    return geometry_of("plane strain") + R"(
subsection Materials
  set Electrolyte material ids = 1
  subsection Active material
    set Initial state of charge   = 0.01
    set Reference state of charge = 0.01
  end
end
subsection Interface
  set Mode = contact
  set Flux gate pressure = 1e5
end
subsection Boundary conditions
  set Symmetry planes = x0, y0)" +
           std::string(platen == "bottom_right" ? "" : ", bottom_right: y") + R"(
  set Lithium flux boundaries = interface
  set Pressure = )" +
           pressure + R"(
end
subsection Stack pressure
  set Platen boundary = )" +
           platen + R"(
  set Control         = displacement
end
subsection Cycling
  set Stages = )" +
           stages + R"(
end
subsection Time stepping
  set Initial time step = 0.1
  set Maximum time step = 0.1
end
subsection Newton
  set Tolerance = 1e-12
  set Maximum iterations = 30
end
subsection Output
  set Directory = )" +
           directory + R"(
  set Write fields = false
end
)";
  }
} // namespace

TEST_CASE("contact-gated lithium flux: the current concentrates on the remaining contact",
          "[contact]")
{
  // the silicon pressed at 20 MPa on the electrolyte, whose bottom is pulled
  // down by 5 nm under its right half: part of the interface opens. The galvanostatic current then
  // passes through the closed part only: q (φ + φ₀) integrates to I / F
  // exactly, so the flux density there is 1 / (conducting fraction) times
  // the uniform one, and the lithium inventory follows the charge passed.
  std::ostringstream log;
  auto               sim = test::simulation<2>(gated_case("bottom_right",
                                            "top: 20e6, top_right: 20e6",
                                            "move platen to 5e-9 in 1, lithiate to 0.0101",
                                            "contact-gated-output"),
                                 log);
  const bool         ran = sim->run();
  INFO(log.str());
  REQUIRE(ran);
  const double A                = sim->problem().interface("interface").area;
  const double F                = siswell::materials::LithiumCarrier::faraday;
  unsigned int lithiation_steps = 0;
  double       worst_total = 0., worst_lithium = 0., worst_through = 0., fraction = 0., ratio = 0.;
  const double initial = sim->history().front().lithium;
  for (const auto &row : sim->history())
    {
      if (row.current == 0.)
        continue;
      ++lithiation_steps;
      const double total =
          row.interface_flux_density *
          (row.conducting_fraction + siswell::physics::ContactGatedFlux<2>::leakage) * A;
      worst_total = std::max(worst_total, std::abs(total - row.current / F) / (row.current / F));
      worst_lithium =
          std::max(worst_lithium,
                   std::abs((row.lithium - initial) - (row.lithium_expected - initial)) /
                       (row.lithium_expected - initial));
      fraction = row.conducting_fraction;
      ratio    = row.interface_flux_density / (row.current / (F * A));
      // the lithium counted through the contact is the lithium the silicon gained
      worst_through = std::max(worst_through,
                               std::abs(row.interface_lithium - (row.lithium - initial)) /
                                   (row.lithium_expected - initial));
    }
  WARN("contact-gated flux: conducting fraction "
       << fraction << ", contact fraction " << sim->history().back().contact_fraction
       << ", flux density on the contact " << ratio << " × the uniform one; total current error "
       << worst_total << ", lithium error " << worst_lithium << ", through the contact "
       << worst_through << " over " << lithiation_steps << " lithiation steps");
  REQUIRE(lithiation_steps > 0);
  CHECK(fraction > 0.1); // partly open, partly closed
  CHECK(fraction < 0.9);
  CHECK(std::abs(ratio * fraction - 1.) <= 1e-6); // φ₀ / fraction and the Newton tolerance
  CHECK(worst_total <= 1e-9);
  CHECK(worst_lithium <= 1e-8);
  CHECK(worst_through <= 1e-8);
}

TEST_CASE("contact-gated lithium flux: an isolated particle ends the stage and says so",
          "[contact]")
{
  // the whole silicon lifted by 30 nm (30 gate gaps): no contact, no lithium path. The lithiation
  // stage ends at once with a message; the run goes on to the rest stage.
  std::ostringstream log;
  auto               sim =
      test::simulation<2>(gated_case("top",
                                     "",
                                     "move platen to 3e-8 in 1, lithiate to 0.02, rest for 0.2",
                                     "contact-isolated-output"),
                          log);
  const bool ran = sim->run();
  INFO(log.str());
  REQUIRE(ran);
  if (dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0) // rank 0 writes the log
    CHECK(log.str().find("the particle is isolated") != std::string::npos);
  const auto &last = sim->history().back();
  CHECK(last.stage == "rest for 0.2");
  CHECK(std::abs(last.lithium - sim->history().front().lithium) <= 1e-12 * last.lithium);
  CHECK(last.conducting_fraction < 1e-6);
}

TEST_CASE("Newton/Log iterations: every iterate and every multiplier update is printed",
          "[contact]")
{
  // the current-concentration case with 'Log iterations': rank 0's log has one
  // line per Newton iterate (its field residuals; the last one below the
  // tolerance) and one per multiplier update, and the run is the same as
  // without the log (the log only prints)
  const std::string  case_text = gated_case("bottom_right",
                                           "top: 20e6, top_right: 20e6",
                                           "move platen to 5e-9 in 1, lithiate to 0.0101",
                                           "contact-log-output");
  std::ostringstream quiet, log;
  auto               plain  = test::simulation<2>(case_text, quiet);
  auto               logged = test::simulation<2>(case_text + R"(
subsection Newton
  set Log iterations = true
end
)",
                                    log);
  REQUIRE(plain->run());
  REQUIRE(logged->run());
  REQUIRE(plain->history().size() == logged->history().size());
  unsigned int newton = 0, solves = 0;
  for (const auto &row : logged->history())
    newton += row.newton_iterations;
  for (std::size_t i = 1; i < logged->history().size(); ++i) // row 0: the initial state
    solves += logged->history()[i].contact_updates + 1;
  // the same to round-off, not bitwise: on several ranks MUMPS and the MPI sums need not
  // repeat bit for bit from one run to the next (seen on 3 ranks); 1e-10 relative is far
  // above that round-off and far below what any change of the computation would move
  CHECK(std::abs(logged->history().back().lithium - plain->history().back().lithium) <=
        1e-10 * plain->history().back().lithium);
  if (dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
    {
      const std::string text  = log.str();
      auto              count = [&](const std::string &what) {
        unsigned int n = 0;
        for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
          ++n;
        return n;
      };
      INFO(text.substr(0, 2000));
      // one line per iterate: the initial one of each solve and one per iteration
      CHECK(count("concentration ") == newton + solves);
      CHECK(count("contact update ") > 0);
      CHECK(count("  step ") == newton);
      CHECK(quiet.str().find("contact update ") == std::string::npos);
    }
  else
    CHECK(log.str().find("Newton  0") == std::string::npos);
}

TEST_CASE("contact: a detached body stays regular and its gap is the free shrinkage", "[contact]")
{
  // the whole particle (axisymmetric, 'Symmetry = full': nothing holds it
  // along the axis but the contact) shrinks freely (θ 0.01 below its
  // stress-free 0.02) away from a held shell: no point stays closed, the
  // small open-point tension keeps the system regular, and the gap is the
  // free radial shrinkage a (1 − λ_free).
  std::ostringstream log;
  auto               sim = test::simulation<2>(R"(
subsection Geometry
  set Coordinate system = axisymmetric
  set Shape = particle
  set Symmetry = full
  set Particle radius = 1e-6
  set Electrolyte shell thickness = 0.3e-6
  set Global refinements = 1
end
subsection Materials
  set Electrolyte material ids = 1
  subsection Active material
    set Initial state of charge   = 0.01
    set Reference state of charge = 0.02
  end
end
subsection Interface
  set Mode = contact
end
subsection Boundary conditions
  set Symmetry planes =
  set Lithium flux boundaries = interface
  set Fixed displacement = outer
end
subsection Cycling
  set Stages = hold for 1
end
subsection Time stepping
  set Initial time step = 1
end
subsection Newton
  set Tolerance = 1e-12
  set Maximum iterations = 30
end
subsection Output
  set Directory = contact-detached-output
  set Write fields = false
end
)",
                                 log);
  const bool         ran = sim->run();
  INFO(log.str());
  REQUIRE(ran);
  const auto  &row = sim->history().back();
  const auto  &si  = *sim->problem().materials().at(0);
  const double c0 =
      dynamic_cast<const siswell::materials::LithiumCarrier &>(si).initial_concentration();
  const double expected = 1e-6 * (1. - free_stretch(si, c0));
  WARN("detached particle: gap " << row.max_gap << " m (free shrinkage " << expected
                                 << "), contact fraction " << row.contact_fraction
                                 << ", max von Mises " << row.max_von_mises << " Pa, Newton "
                                 << row.newton_iterations);
  CHECK(row.contact_fraction == 0.);
  CHECK(std::abs(row.max_gap - expected) <= 1e-3 * expected); // the mesh's polygonal sphere
  // the void: ∫ g da over the shrunk sphere, 4π (a − g)² g
  const double void_expected =
      4. * dealii::numbers::PI * (1e-6 - expected) * (1e-6 - expected) * expected;
  WARN("detached particle: void " << row.void_volume << " m³ (4π (a − g)² g = " << void_expected
                                  << ")");
  CHECK(std::abs(row.void_volume - void_expected) <= 2e-3 * void_expected);
  CHECK(row.max_von_mises <= 1e-4 * 90e9 * expected / 1e-6); // stress-free but for η ε g
}

TEST_CASE("contact: Newton converges quadratically once the contact set has settled", "[contact]")
{
  // a 7.7 % swelling misfit of the particle in the held shell (finite strain,
  // GPa contact pressure): the first Newton solve of the step (all points
  // closed from the start) must show order ≥ 1.7 at its end, as the exact
  // Jacobian gives; the multiplier updates after it start near the solution.
  std::ostringstream log;
  auto               sim    = test::simulation<2>(particle_in_shell + R"(
subsection Materials
  subsection Active material
    set Initial state of charge   = 0.1
    set Reference state of charge = 0.01
  end
end
subsection Interface
  set Mode = contact
end
subsection Output
  set Directory = contact-newton-output
end
)",
                                 log);
  const auto         result = sim->solve_step(1., 0.);
  INFO(log.str() << result.reason);
  REQUIRE(result.converged);
  // the first solve: up to the first residual below the tolerance
  std::vector<double> r;
  for (const double v : result.residuals)
    {
      r.push_back(v);
      if (v <= 1e-12)
        break;
    }
  std::ostringstream seq;
  for (const double v : r)
    seq << v << ' ';
  double order = 0.;
  // the last three residuals above round-off (1e-15 of the normalised residual)
  for (std::size_t k = 1; k + 1 < r.size(); ++k)
    if (r[k + 1] > 1e-15 && r[k] < r[k - 1])
      order = std::log(r[k + 1] / r[k]) / std::log(r[k] / r[k - 1]);
  WARN("contact, 7.7 % misfit: first Newton solve " << seq.str() << "(observed order " << order
                                                    << "); " << result.iterations
                                                    << " Newton iterations in the step");
  REQUIRE(r.size() >= 4);
  CHECK(order >= 1.7);
}
