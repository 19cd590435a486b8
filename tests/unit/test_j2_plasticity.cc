// Unit tests of finite-strain J2 plasticity (exponential-map return in
// logarithmic strain space, on τ/J_s): the return lands on the flow stress,
// plastic flow is isochoric, the viscoplastic law holds, and the algorithmic
// (consistent) tangent, including its concentration coupling, matches central
// finite differences of the stress and chemical potential of the algorithm,
// in the elastic, rate-independent and viscoplastic branches, with swelling
// up to J_s = 4.
//
// FD tolerance 1e-6 relative, as in test_hencky_swelling_solid.cc: FD noise is
// ~1e-10; the states are chosen at least 20 % away from the yield surface so
// that no FD step (relative 1e-6) crosses from one branch to the other.
#include <siswell/materials/active_material.h>
#include <siswell/materials/inert_material.h>

#include <deal.II/base/symmetric_tensor.h>
#include <deal.II/base/tensor.h>
#include <deal.II/physics/transformations.h>

#include <catch2/catch.hpp>

#include "finite_differences.h"
#include "random_states.h"

#include <cmath>
#include <random>

using namespace dealii;
using namespace siswell::materials;

namespace
{
  using siswell::testing::central_difference;
  using siswell::testing::check_relative;
  using siswell::testing::fd_derivative_in_F;
  using Tensor2  = Tensor<2, 3>;
  using Sym2     = SymmetricTensor<2, 3>;
  using Response = MechanicalResponse;

  constexpr double fd_tolerance = 1e-6;

  Tensor2
  rotation(std::mt19937 &rng)
  {
    return siswell::testing::random_rotation(rng);
  }

  /// Q diag(s) Qᵀ, Q random, s uniform in [lo, hi].
  Tensor2
  stretch(std::mt19937 &rng, const double lo, const double hi)
  {
    std::uniform_real_distribution<double> s(lo, hi);
    const Tensor2                          Q = rotation(rng);
    return siswell::testing::rotated_diagonal(Q, {{s(rng), s(rng), s(rng)}});
  }

  /// A converged plastic state: C_p⁻¹ = U_p⁻² with a random isochoric U_p.
  PlasticState
  random_state(std::mt19937 &rng)
  {
    Tensor2 U = stretch(rng, 0.8, 1.25);
    U /= std::cbrt(determinant(U));
    PlasticState s;
    s.Cp_inv                    = symmetrize(invert(U * U));
    s.equivalent_plastic_strain = std::uniform_real_distribution<double>(0., 0.3)(rng);
    s.dissipation               = 1e6;
    return s;
  }

  ActiveMaterial
  make_silicon()
  {
    ActiveMaterial m;
    m.youngs_modulus       = ThetaFunction::parse("0:90e9, 1:40e9");
    m.poissons_ratio       = ThetaFunction::parse("0:0.22, 1:0.28");
    m.partial_molar_volume = 3. / (0.97 * m.c_max); // J_s(θ = 0.98) = 4
    return m;
  }

  /// von Mises equivalent of the trial stress per swollen volume: the frozen
  /// (elastic) response from the old state.
  template <class Law>
  double
  trial_equivalent_stress(const Law &m, const Tensor2 &F, const double c, const PlasticState &old)
  {
    PlasticStep frozen;
    frozen.old       = &old;
    const Response r = m.mechanical_response(F, c, frozen);
    const Sym2     s = deviator(r.tau) / r.J_s;
    return std::sqrt(1.5) * s.norm();
  }

  /// Every derivative of the algorithm at (F, c) from @p old against FD.
  template <class Law>
  void
  check_algorithmic_tangent(const Law          &m,
                            const Tensor2      &F,
                            const double        c,
                            const PlasticState &old,
                            const double        dt,
                            const bool          active,
                            const std::string  &branch)
  {
    PlasticState scratch;
    PlasticStep  step;
    step.old        = &old;
    step.updated    = &scratch;
    step.dt         = dt;
    const auto in_F = [&](auto Response::*member) {
      return [&, member](const Tensor2 &G) { return m.mechanical_response(G, c, step).*member; };
    };
    const auto in_c = [&](auto Response::*member) {
      return [&, member](const double x) { return m.mechanical_response(F, x, step).*member; };
    };
    const Response r = m.mechanical_response(F, c, step);
    REQUIRE(r.valid);
    check_relative(
        branch + " dP_dF", fd_derivative_in_F(in_F(&Response::P), F, 1e-6), r.dP_dF, fd_tolerance);
    check_relative(branch + " dP_dF major symmetry",
                   siswell::testing::major_transpose(r.dP_dF),
                   r.dP_dF,
                   siswell::testing::major_symmetry_tolerance);
    if (!active)
      return;
    check_relative(branch + " dmu_dF",
                   fd_derivative_in_F(in_F(&Response::mu), F, 1e-6),
                   r.dmu_dF,
                   fd_tolerance);
    check_relative(branch + " dP_dc",
                   central_difference(in_c(&Response::P), c, 1e-6 * c),
                   r.dP_dc,
                   fd_tolerance);
    check_relative(branch + " dmu_dc",
                   central_difference(in_c(&Response::mu), c, 1e-6 * c),
                   r.dmu_dc,
                   fd_tolerance);
  }
} // namespace

TEST_CASE("J2 plasticity: consistency, isochoric flow, viscoplastic law", "[plasticity]")
{
  std::mt19937 rng(31);
  for (const bool viscous : {false, true})
    for (unsigned int n = 0; n < 10; ++n)
      {
        ActiveMaterial m                   = make_silicon();
        m.plasticity.flow_rule             = viscous ? J2Plasticity::FlowRule::viscoplastic
                                                     : J2Plasticity::FlowRule::rate_independent;
        m.plasticity.yield_stress          = ThetaFunction::parse("0:1.75e9, 1:0.6e9");
        m.plasticity.hardening_modulus     = ThetaFunction::parse("0:2e9, 1:1e9");
        m.plasticity.reference_strain_rate = 1e-3;
        m.plasticity.rate_exponent         = 3.;
        const double       theta = std::uniform_real_distribution<double>(0.05, 0.95)(rng);
        const double       c     = theta * m.c_max;
        const PlasticState old   = random_state(rng);
        const Tensor2  F = std::cbrt(m.swelling(c).J_s) * rotation(rng) * stretch(rng, 0.7, 1.4);
        PlasticState   updated;
        PlasticStep    step{&old, &updated, 10.};
        const Response r = m.mechanical_response(F, c, step);
        REQUIRE(r.valid);
        const double     dgamma = updated.equivalent_plastic_strain - old.equivalent_plastic_strain;
        const double     q      = std::sqrt(1.5) * (deviator(r.tau) / r.J_s).norm();
        const YieldState y      = m.plasticity.yield(theta);
        const double     flow   = y.Y0 + y.H * updated.equivalent_plastic_strain;
        CAPTURE(viscous, n, dgamma, q, flow);
        REQUIRE(dgamma > 0.);
        CHECK(r.flow_stress == Approx(flow).epsilon(1e-14));
        if (!viscous) // back on the yield surface
          CHECK(q == Approx(flow).epsilon(1e-10));
        else // Δε̄p / dt = ε̇0 (σeq / σf − 1)^m
          CHECK(dgamma / 10. == Approx(1e-3 * std::pow(q / flow - 1., 3.)).epsilon(1e-9));
        CHECK(determinant(updated.Cp_inv) == Approx(1.).epsilon(1e-12));
        // dissipation increment J_s σ̂eq Δε̄p
        CHECK(updated.dissipation - old.dissipation == Approx(r.J_s * q * dgamma).epsilon(1e-10));
        // the frozen response from the updated state reproduces the stress
        const Response frozen = m.mechanical_response(F, c, PlasticStep{&updated, nullptr, 0.});
        check_relative("frozen tau", frozen.tau, r.tau, 1e-9);
      }
}

TEST_CASE("J2 plasticity: algorithmic tangent against FD, all branches", "[plasticity][fd]")
{
  std::mt19937                                                      rng(20261121);
  const std::vector<std::pair<std::string, J2Plasticity::FlowRule>> branches = {
      {"elastic", J2Plasticity::FlowRule::rate_independent},
      {"rate independent", J2Plasticity::FlowRule::rate_independent},
      {"viscoplastic", J2Plasticity::FlowRule::viscoplastic}};
  for (const auto &[branch, rule] : branches)
    for (unsigned int n = 0; n < 12; ++n)
      {
        ActiveMaterial     m     = make_silicon();
        const double       theta = std::uniform_real_distribution<double>(0.05, 0.98)(rng);
        const double       c     = theta * m.c_max;
        const double       J_s   = m.swelling(c).J_s;
        const Tensor2      F     = std::cbrt(J_s) * rotation(rng) * stretch(rng, 0.75, 1.3);
        const PlasticState old   = random_state(rng);
        // yield stress a fraction of the trial stress: 1.2-2 x above it (elastic) or
        // 0.3-0.8 x below it (plastic)
        const double q      = trial_equivalent_stress(m, F, c, old);
        const double factor = branch == "elastic"
                                  ? std::uniform_real_distribution<double>(1.2, 2.)(rng)
                                  : std::uniform_real_distribution<double>(0.3, 0.8)(rng);
        const double Y      = factor * q;
        // θ-dependent yield stress (Y at this θ, slope −Y/2) and hardening, so
        // that their c-derivatives enter
        m.plasticity.flow_rule = rule;
        m.plasticity.yield_stress =
            ThetaFunction::parse("0:" + std::to_string(Y * (1. + 0.5 * theta)) +
                                 ", 1:" + std::to_string(Y * (0.5 + 0.5 * theta)));
        m.plasticity.hardening_modulus = ThetaFunction::parse("0:5e9, 1:1e9");
        if (branch == "elastic")
          m.plasticity.hardening_modulus = ThetaFunction(0.);
        m.plasticity.reference_strain_rate = 2e-3;
        m.plasticity.rate_exponent         = 1. + n % 4;
        // the hardening raises the flow stress by H ε̄p; keep the states on their branch
        const double flow = m.plasticity.yield(theta).Y0 +
                            m.plasticity.yield(theta).H * old.equivalent_plastic_strain;
        if (branch == "elastic")
          REQUIRE(flow > 1.19 * q);
        else if (!(flow < 0.9 * q))
          continue;
        CAPTURE(branch, n, theta, J_s, q, flow);
        check_algorithmic_tangent(m, F, c, old, 5., true, branch);
      }
}

TEST_CASE("J2 plasticity of an inert solid (electrolyte): tangent against FD", "[plasticity][fd]")
{
  std::mt19937 rng(77);
  for (const bool viscous : {false, true})
    for (unsigned int n = 0; n < 8; ++n)
      {
        InertMaterial electrolyte("electrolyte", 25e9, 0.3);
        electrolyte.plasticity.flow_rule         = viscous ? J2Plasticity::FlowRule::viscoplastic
                                                           : J2Plasticity::FlowRule::rate_independent;
        electrolyte.plasticity.yield_stress      = ThetaFunction(0.6e9);
        electrolyte.plasticity.hardening_modulus = ThetaFunction(1e9);
        const Tensor2      F                     = rotation(rng) * stretch(rng, 0.8, 1.2);
        const PlasticState old                   = random_state(rng);
        const double       q                     = trial_equivalent_stress(electrolyte, F, 0., old);
        if (!(0.6e9 + 1e9 * old.equivalent_plastic_strain < 0.8 * q))
          continue;
        CAPTURE(viscous, n, q);
        check_algorithmic_tangent(
            electrolyte, F, 0., old, 1., false, viscous ? "inert viscoplastic" : "inert plastic");
      }
}

TEST_CASE("J2 plasticity: an unconverged viscoplastic update is an invalid response",
          "[plasticity][viscoplastic]")
{
  // The scalar solve of the viscoplastic consistency condition reports its
  // iterations; when it runs out of them the point's response must be invalid
  // (so that assembly flags the state and the step is cut) rather than a
  // silently wrong stress.
  std::mt19937   rng(77);
  ActiveMaterial m                   = make_silicon();
  m.plasticity.flow_rule             = J2Plasticity::FlowRule::viscoplastic;
  m.plasticity.yield_stress          = ThetaFunction::parse("0:1.75e9, 1:0.6e9");
  m.plasticity.hardening_modulus     = ThetaFunction::parse("0:2e9, 1:1e9");
  m.plasticity.reference_strain_rate = 1e-3;
  unsigned int most = 0, states = 0;
  for (const double exponent : {1., 2., 4., 10.})
    for (unsigned int n = 0; n < 10; ++n)
      {
        m.plasticity.rate_exponent         = exponent;
        m.plasticity.max_scalar_iterations = 200;
        const double       theta = std::uniform_real_distribution<double>(0.05, 0.95)(rng);
        const double       c     = theta * m.c_max;
        const PlasticState old   = random_state(rng);
        const Tensor2 F = std::cbrt(m.swelling(c).J_s) * rotation(rng) * stretch(rng, 0.7, 1.4);
        const double  G = m.moduli(c).G;
        // the trial equivalent stress of this F, to call the scalar solve directly
        PlasticState   updated;
        const Response r = m.mechanical_response(F, c, PlasticStep{&old, &updated, 10.});
        REQUIRE(r.valid);
        const double dgamma = updated.equivalent_plastic_strain - old.equivalent_plastic_strain;
        if (!(dgamma > 0.))
          continue;
        const double q_trial = std::sqrt(1.5) * (deviator(r.tau) / r.J_s).norm() + 3. * G * dgamma;
        const auto   inc     = m.plasticity.increment(
            q_trial, G, m.plasticity.yield(theta), old.equivalent_plastic_strain, 10.);
        CAPTURE(exponent, n, inc.iterations);
        CHECK(inc.converged);
        CHECK(inc.dgamma == Approx(dgamma).epsilon(1e-9));
        most = std::max(most, inc.iterations);
        ++states;
        // one iteration fewer than it needs: reported, and the response is invalid
        m.plasticity.max_scalar_iterations = inc.iterations - 1;
        const auto short_inc               = m.plasticity.increment(
            q_trial, G, m.plasticity.yield(theta), old.equivalent_plastic_strain, 10.);
        CHECK_FALSE(short_inc.converged);
        // through the material's response (whose trial stress may differ in
        // the last digits, and so its count by a few): far too few iterations
        m.plasticity.max_scalar_iterations = 3;
        PlasticState scratch;
        CHECK_FALSE(m.mechanical_response(F, c, PlasticStep{&old, &scratch, 10.}).valid);
      }
  CHECK(states >= 20);
  WARN("viscoplastic scalar solve: at most " << most << " iterations over " << states
                                             << " flowing states, m = 1 to 10");
}
