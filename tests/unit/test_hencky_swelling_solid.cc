// Unit tests of the Hencky swelling solid and of the materials built on it:
// the matrix logarithm and its derivative, free swelling, the small-strain
// limit, and finite-difference (FD) checks of every returned derivative.
//
// FD tolerance: central differences with a relative step h ~ 1e-6 have
// truncation error O(h²) ~ 1e-12 and round-off error O(eps/h) ~ 1e-16/1e-6 =
// 1e-10, both relative to the size of the quantity. A relative tolerance of
// 1e-6 on the norm of the whole tensor is thus far above the FD noise and far
// below the O(1) relative error that a wrong or missing term would produce.
#include <siswell/materials/check_tangent.h>
#include <siswell/materials/active_material.h>
#include <siswell/materials/hencky_swelling_solid.h>
#include <siswell/materials/inert_material.h>

#include <deal.II/base/symmetric_tensor.h>
#include <deal.II/base/tensor.h>
#include <deal.II/physics/transformations.h>

#include <catch2/catch.hpp>

#include "finite_differences.h"
#include "random_states.h"

#include <array>
#include <cmath>
#include <map>
#include <random>
#include <string>

using namespace dealii;
using namespace siswell::materials;

namespace
{
  using siswell::testing::central_difference;
  using siswell::testing::check_relative;
  using siswell::testing::fd_derivative_in_F;
  using siswell::testing::random_rotation;
  using siswell::testing::rotated_diagonal;
  using Tensor2  = Tensor<2, 3>;
  using Sym2     = SymmetricTensor<2, 3>;
  using Response = MechanicalResponse;

  constexpr double fd_tolerance = 1e-6;
  const Tensor2    unit_F       = unit_symmetric_tensor<3>();

  // --------------------------------------------------------------- random states
  /// F = R U: random rotation R, SPD stretch U with principal values in [0.6, 1.6].
  Tensor2
  random_deformation(std::mt19937 &rng)
  {
    std::uniform_real_distribution<double> s(0.6, 1.6);
    const Tensor2                          R = random_rotation(rng);
    return R * rotated_diagonal(random_rotation(rng), {{s(rng), s(rng), s(rng)}});
  }

  Sym2
  random_symmetric(std::mt19937 &rng, const double size)
  {
    std::uniform_real_distribution<double> entry(-size, size);
    Sym2                                   s;
    for (unsigned int i = 0; i < 3; ++i)
      for (unsigned int j = i; j < 3; ++j)
        s[i][j] = entry(rng);
    return s;
  }

  /// Silicon with θ-dependent moduli, D and χ; the linear law gives J_s(θ = 0.98) = 4.
  ActiveMaterial
  make_silicon(const bool tabulated)
  {
    ActiveMaterial m;
    m.youngs_modulus         = ThetaFunction::parse("0:90e9, 1:40e9");
    m.poissons_ratio         = ThetaFunction::parse("0:0.22, 1:0.28");
    m.partial_molar_volume   = 3. / (0.97 * m.c_max); // 1 + Ω c_max (0.98 - θ_0) = 4
    m.tabulated_swelling     = ThetaFunction::parse("0:1, 0.5:2.4, 1:3.9");
    m.tabulated_swelling_law = tabulated;
    m.diffusivity            = ThetaFunction::parse("0:1e-16, 0.3:4e-16, 1:2e-16");
    m.chi                    = 4000.;
    return m;
  }

  /// θ in [0.02, 0.98], >= 1e-3 away from the table nodes 0.3 and 0.5: the FD steps
  /// (1e-6 θ) then never straddle a kink of the piecewise-linear tables.
  double
  random_theta(std::mt19937 &rng)
  {
    std::uniform_real_distribution<double> dist(0.02, 0.98);
    double                                 theta;
    do
      theta = dist(rng);
    while (std::abs(theta - 0.3) < 1e-3 || std::abs(theta - 0.5) < 1e-3);
    return theta;
  }

  // ------------------------------------------------------ response derivative checks
  /// The library's check of a law's derivatives (materials::check_tangent, the one a
  /// user's law gets): dP/dF, its major symmetry and P = ∂ψ/∂F against FD in F (step
  /// 1e-6; the entries of F are O(1)); for an @p active material also dμ/dF, and dP/dc,
  /// dμ/dc, μ = ∂ψ/∂c, dμ_ch/dc and dM/dc against FD in c (step 1e-6 c). Every entry is
  /// checked here against its tolerance and recorded for the FD report.
  void
  check_response_derivatives(const Material &m, const Tensor2 &F, const double c,
                             const bool active)
  {
    const auto check = siswell::materials::check_tangent(m, F, c);
    REQUIRE(check.valid);
    CHECK(check.entries.size() == (active ? 9u : 3u));
    for (const auto &e : check.entries)
      {
        const double tol = e.tolerance;
        // the library's tolerances are the ones this file states
        CHECK(tol == (e.what == "dP/dF major symmetry" ? siswell::testing::major_symmetry_tolerance : fd_tolerance));
        siswell::testing::max_relative_error[e.what] =
          std::max(siswell::testing::max_relative_error[e.what], e.relative_error);
        INFO(e.what << ": relative error " << e.relative_error);
        CHECK(e.relative_error <= tol);
      }
    CHECK(check.passed());
  }
} // namespace

TEST_CASE("HenckySwellingSolid::log against the closed form", "[hencky][log]")
{
  const Sym2 b_diagonal = symmetrize(rotated_diagonal(unit_F, {{2., 0.5, 3.}}));
  const Sym2 log_b      = HenckySwellingSolid::log(b_diagonal);
  for (unsigned int i = 0; i < 3; ++i)
    for (unsigned int j = 0; j < 3; ++j)
      CHECK(log_b[i][j] == Approx(i == j ? std::log(b_diagonal[i][i]) : 0.).margin(1e-15));

  std::mt19937 rng(7);
  for (unsigned int n = 0; n < 5; ++n)
    {
      const Tensor2 R = random_rotation(rng);
      const Sym2    b = symmetrize(rotated_diagonal(R, {{0.3, 1.7, 4.2}}));
      const Sym2    ln_b =
        symmetrize(rotated_diagonal(R, {{std::log(0.3), std::log(1.7), std::log(4.2)}}));
      check_relative("log", HenckySwellingSolid::log(b), ln_b, 1e-13);
    }
}

TEST_CASE("HenckySwellingSolid::log_derivative against FD of log", "[hencky][log][fd]")
{
  std::mt19937  rng(11);
  const Tensor2 R = random_rotation(rng);
  // distinct; nearly equal on either side of the series branch (|λ1/λ2 - 1| < 1e-4);
  // two equal; three equal; the identity
  const std::map<std::string, Sym2> cases = {
    {"distinct", symmetrize(rotated_diagonal(R, {{0.3, 1.7, 4.2}}))},
    {"near 1e-5", symmetrize(rotated_diagonal(R, {{2., 2. * (1 + 1e-5), 0.7}}))},
    {"near 3e-4", symmetrize(rotated_diagonal(R, {{2., 2. * (1 + 3e-4), 0.7}}))},
    {"two equal", symmetrize(rotated_diagonal(R, {{2., 2., 0.7}}))},
    {"three equal", symmetrize(2.5 * unit_F)},
    {"identity", symmetrize(unit_F)}};
  for (const auto &[name, b] : cases)
    for (unsigned int n = 0; n < 4; ++n)
      {
        INFO("b: " << name);
        const Sym2   db = random_symmetric(rng, 1.);
        const double h  = 1e-6 * b.norm();
        const auto   ln = [&](const double t) { return HenckySwellingSolid::log(b + t * db); };
        const Sym2   D  = HenckySwellingSolid::log_derivative(b, db);
        check_relative("log_derivative", central_difference(ln, 0., h), D, fd_tolerance);
        if (name == "identity") // D ln(I)[db] = db
          check_relative("log_derivative at I", D, db, 1e-14);
      }
}

TEST_CASE("HenckySwellingSolid: free swelling is stress free", "[hencky]")
{
  ModuliState m;
  m.G = 30e9, m.dG = -20e9, m.d2G = 5e9, m.K = 60e9, m.dK = -30e9, m.d2K = 8e9;
  std::mt19937 rng(3);
  for (const double J_s : {1., 1.7, 4.})
    for (const bool rotate : {false, true})
      {
        CAPTURE(J_s, rotate);
        SwellingState sw;
        sw.J_s = J_s, sw.dJ_s = 1e-5, sw.d2J_s = 1e-12;
        const Tensor2  F = std::cbrt(J_s) * (rotate ? random_rotation(rng) : unit_F);
        const Response r = HenckySwellingSolid::evaluate(F, sw, m, 3e5);
        REQUIRE(r.valid);
        CHECK(r.J == Approx(J_s).epsilon(1e-14));
        // zero up to the round-off in ln J - ln J_s
        CHECK(r.tau.norm() <= 1e-9 * m.G);
        CHECK(r.P.norm() <= 1e-9 * m.G);
        CHECK(std::abs(r.psi) <= 1e-9 * m.G);
        // μ = dJ_s (ψ̂ - K tr ε_e) + J_s/c_max ∂ψ̂/∂θ, with ψ̂ = tr ε_e = dev ε_e = 0
        CHECK(std::abs(r.mu) <= 1e-9 * m.G * sw.dJ_s);
      }
}

TEST_CASE("HenckySwellingSolid: small-strain limit is linear elasticity", "[hencky]")
{
  ModuliState m;
  m.G = 30e9, m.K = 60e9;
  std::mt19937 rng(5);
  for (unsigned int n = 0; n < 5; ++n)
    {
      const Sym2     e = random_symmetric(rng, 1e-7);
      const Tensor2  R = n == 0 ? unit_F : random_rotation(rng);
      const Tensor2  F = R * (unit_F + Tensor2(e));
      const Response r = HenckySwellingSolid::evaluate(F, SwellingState(), m, 1.);
      REQUIRE(r.valid);
      // τ = R (2G dev e + K tr e I) Rᵀ up to O(|e|²) ~ 1e-7 and round-off O(eps/|e|) ~ 1e-9
      const Tensor2 linear = Tensor2(2. * m.G * deviator(e)) + m.K * trace(e) * unit_F;
      check_relative("small strain tau", Tensor2(r.tau), R * linear * transpose(R), 1e-5);
    }
}

TEST_CASE("ActiveMaterial: FD check of every mechanical derivative at random states",
          "[active][hencky][fd]")
{
  std::mt19937 rng(20240611);
  for (unsigned int n = 0; n < 40; ++n)
    {
      const bool           tabulated = n % 2 == 1;
      const ActiveMaterial silicon   = make_silicon(tabulated);
      const double         c         = random_theta(rng) * silicon.c_max;
      const Tensor2        F         = random_deformation(rng);
      INFO("state " << n << (tabulated ? " (tabulated)" : " (linear)") << ": theta = "
                    << silicon.theta(c) << ", J_s = " << silicon.swelling(c).J_s << ", F = " << F);
      check_response_derivatives(silicon, F, c, true);
    }

  // repeated principal stretches on top of free swelling (two and three equal eigenvalues of b)
  for (const bool tabulated : {false, true})
    for (const std::array<double, 3> stretch : {std::array<double, 3>{{1.2, 1.2, 0.8}},
                                                std::array<double, 3>{{1.1, 1.1, 1.1}}})
      {
        const ActiveMaterial silicon = make_silicon(tabulated);
        const double         c       = random_theta(rng) * silicon.c_max;
        const double         J_s     = silicon.swelling(c).J_s;
        const Tensor2        R       = random_rotation(rng);
        const Tensor2 F = std::cbrt(J_s) * R * rotated_diagonal(random_rotation(rng), stretch);
        INFO("stretches " << stretch[0] << ' ' << stretch[1] << ' ' << stretch[2]
                          << ", J_s = " << J_s);
        check_response_derivatives(silicon, F, c, true);
      }
}

TEST_CASE("ActiveMaterial: chemistry, swelling and moduli derivatives against FD", "[active][fd]")
{
  std::mt19937 rng(17);
  for (const bool tabulated : {false, true})
    for (unsigned int n = 0; n < 20; ++n)
      {
        const ActiveMaterial m     = make_silicon(tabulated);
        const double         theta = random_theta(rng), c = theta * m.c_max;
        const double         h_c = 1e-6 * c, h_theta = 1e-6 * theta;
        CAPTURE(tabulated, theta);
        const auto fd_c = [&](auto property) { return central_difference(property, c, h_c); };
        check_relative("dmu_ch/dc", fd_c([&](double x) { return m.chemical_potential(x); }),
                       m.chemical_potential_derivative(c), fd_tolerance);
        check_relative("dM/dc", fd_c([&](double x) { return m.mobility(x); }),
                       m.mobility_derivative(c), fd_tolerance);

        const SwellingState sw = m.swelling(c);
        check_relative("dJ_s/dc", fd_c([&](double x) { return m.swelling(x).J_s; }), sw.dJ_s,
                       fd_tolerance);
        CHECK(std::abs(fd_c([&](double x) { return m.swelling(x).dJ_s; }) - sw.d2J_s) <=
              fd_tolerance * sw.dJ_s / c);

        // the moduli derivatives are with respect to θ
        const ModuliState mod = m.moduli(c);
        const auto        fd  = [&](double ModuliState::*field) {
          const auto f = [&](double t) { return m.moduli(t * m.c_max).*field; };
          return central_difference(f, theta, h_theta);
        };
        check_relative("dG/dtheta", fd(&ModuliState::G), mod.dG, fd_tolerance);
        check_relative("d2G/dtheta2", fd(&ModuliState::dG), mod.d2G, fd_tolerance);
        check_relative("dK/dtheta", fd(&ModuliState::K), mod.dK, fd_tolerance);
        check_relative("d2K/dtheta2", fd(&ModuliState::dK), mod.d2K, fd_tolerance);
      }
}

TEST_CASE("InertMaterial: no concentration dependence, dP/dF against FD", "[inert][hencky][fd]")
{
  const InertMaterial electrolyte("electrolyte", 25e9, 0.3);
  std::mt19937        rng(19);
  for (unsigned int n = 0; n < 20; ++n)
    {
      CAPTURE(n);
      const Tensor2  F = random_deformation(rng);
      const Response r = electrolyte.mechanical_response(F, 0.);
      const Response s = electrolyte.mechanical_response(F, 1e5);
      CHECK(r.dP_dc.norm() == 0.);
      CHECK((r.mu == 0. && r.dmu_dc == 0. && r.dmu_dF.norm() == 0.));
      CHECK(((s.P - r.P).norm() == 0. && s.psi == r.psi));
      check_response_derivatives(electrolyte, F, 0., false);
    }
}

// Hidden; `unit_tests "[fd],[log],[.fd_report]"` prints the largest relative errors.
TEST_CASE("Largest relative FD errors", "[.fd_report]")
{
  for (const auto &[what, error] : siswell::testing::max_relative_error)
    WARN(what << ": " << error);
}

namespace
{
  /// LixSi with a swelling derivative that is 1 % off: what a user's slip looks like.
  class WrongSwellingDerivative : public ActiveMaterial
  {
  public:
    siswell::materials::SwellingState
    swelling(const double c) const override
    {
      auto s = ActiveMaterial::swelling(c);
      s.dJ_s *= 1.01;
      return s;
    }
  };
} // namespace

TEST_CASE("check_tangent: passes the built-in laws, finds a wrong derivative of a user's law",
          "[check-tangent][fd]")
{
  std::mt19937  rng(5);
  const Tensor2 F = random_deformation(rng);
  const double  c = 0.4 * 3.11e5;
  CHECK(siswell::materials::check_tangent(make_silicon(false), F, c).passed());
  CHECK(siswell::materials::check_tangent(InertMaterial("electrolyte"), F, 0.).passed());

  const auto wrong = siswell::materials::check_tangent(WrongSwellingDerivative(), F, c);
  REQUIRE(wrong.valid);
  CHECK_FALSE(wrong.passed());
  std::map<std::string, double> error;
  for (const auto &e : wrong.entries)
    error[e.what] = e.relative_error;
  // the c-derivatives see it (O(1 %)), the F-derivatives at fixed c do not
  CHECK(error.at("dP/dc") > 1e-3);
  CHECK(error.at("dP/dF") <= siswell::materials::TangentCheck::tolerance);
}
