// The mechanical relaxation of the lithium Schur complement
// (physics::mechanical_relaxation) against its closed forms for the Hencky
// solid at a stress-free swollen state F = J_s^{1/3} R, where the tangent is
// isotropic: A = (J_s / s²) C (s = J_s^{1/3}, C the isotropic elasticity
// tensor of K and G), P_c = −K J_s' / s R, ∂μ/∂F = −K J_s' / s R. Then
//   plane wave:   β = J_s'² K² / (J_s (K + 4G/3))   (3D, plane strain, axisymmetric)
//   fixed stress: β = J_s'² K / J_s                 (3D; = ∂μ_mech/∂c|_F: full relaxation)
//                 β = J_s'² K² / (J_s (K + G/3))    (plane strain: in-plane dilation only)
// and at J_s = 1 the relaxed modulus ∂μ_mech/∂c|_F − β of the plane wave is the
// stress-assisted-diffusion enhancement 2Ω²E/(9(1−ν)) (Zhang, Shyy & Sastry
// 2007). Everything here is closed-form algebra on the same numbers, so the
// tolerance is round-off: 1e-12 relative.
#include <siswell/materials/hencky_swelling_solid.h>
#include <siswell/physics/mechanical_relaxation.h>

#include <deal.II/base/tensor.h>

#include <catch2/catch.hpp>

#include "random_states.h"

#include <cmath>
#include <random>

using namespace dealii;
using siswell::materials::HenckySwellingSolid;
using siswell::materials::ModuliState;
using siswell::materials::SwellingState;
using Relaxation = siswell::solvers::LinearSolverParameters::SchurRelaxation;

namespace
{
  constexpr double tolerance = 1e-12;

  struct State
  {
    siswell::materials::MechanicalResponse r;
    Tensor<2, 3>                           F;
  };

  /// Stress-free swelling J_s, rotated by R, with K, G and swelling slope dJ_s.
  State
  swollen(
      const double J_s, const double dJ_s, const double K, const double G, const Tensor<2, 3> &R)
  {
    ModuliState m;
    m.K = K, m.G = G;
    SwellingState sw;
    sw.J_s = J_s, sw.dJ_s = dJ_s;
    State s;
    s.F = std::cbrt(J_s) * R;
    s.r = HenckySwellingSolid::evaluate(s.F, sw, m, 3e5);
    REQUIRE(s.r.valid);
    return s;
  }
} // namespace

TEST_CASE("mechanical_relaxation against the closed forms of a swollen Hencky solid", "[schur]")
{
  const double K = 60e9, G = 30e9, Omega = 9e-6;
  std::mt19937 rng(17);
  for (const double J_s : {1., 3.})
    for (const bool rotate : {false, true})
      {
        CAPTURE(J_s, rotate);
        const Tensor<2, 3> R    = rotate ? siswell::testing::random_rotation(rng)
                                         : Tensor<2, 3>(unit_symmetric_tensor<3>());
        const double       dJ_s = Omega;
        const auto         s    = swollen(J_s, dJ_s, K, G, R);
        const double       base = dJ_s * dJ_s * K / J_s; // ∂μ_mech/∂c|_F here
        CHECK(s.r.dmu_dc == Approx(base).epsilon(tolerance));
        const double wave = dJ_s * dJ_s * K * K / (J_s * (K + 4. * G / 3.));
        using siswell::physics::mechanical_relaxation;
        CHECK(mechanical_relaxation<3>(s.r, s.F, Relaxation::fixed_strain, false) == 0.);
        CHECK(mechanical_relaxation<3>(s.r, s.F, Relaxation::plane_wave, false) ==
              Approx(wave).epsilon(tolerance));
        CHECK(mechanical_relaxation<3>(s.r, s.F, Relaxation::fixed_stress, false) ==
              Approx(base).epsilon(tolerance));
        if (!rotate) // 2D embeds an in-plane rotation only
          {
            CHECK(mechanical_relaxation<2>(s.r, s.F, Relaxation::plane_wave, false) ==
                  Approx(wave).epsilon(tolerance));
            CHECK(mechanical_relaxation<2>(s.r, s.F, Relaxation::plane_wave, true) ==
                  Approx(wave).epsilon(tolerance));
            CHECK(mechanical_relaxation<2>(s.r, s.F, Relaxation::fixed_stress, false) ==
                  Approx(dJ_s * dJ_s * K * K / (J_s * (K + G / 3.))).epsilon(tolerance));
            CHECK(mechanical_relaxation<2>(s.r, s.F, Relaxation::fixed_stress, true) ==
                  Approx(base).epsilon(tolerance));
          }
      }
}

TEST_CASE("mechanical_relaxation: the plane wave gives the stress-assisted diffusivity", "[schur]")
{
  // E, ν of amorphous silicon's order of magnitude
  const double E = 80e9, nu = 0.22, Omega = 9e-6;
  const double K = E / (3. * (1. - 2. * nu)), G = E / (2. * (1. + nu));
  const auto   s       = swollen(1., Omega, K, G, unit_symmetric_tensor<3>());
  const double relaxed = s.r.dmu_dc - siswell::physics::mechanical_relaxation<3>(
                                          s.r, s.F, Relaxation::plane_wave, false);
  CHECK(relaxed == Approx(2. * Omega * Omega * E / (9. * (1. - nu))).epsilon(tolerance));
}
