// The cohesive traction–separation law (CohesiveLaw) at one point: exact
// derivatives in every branch against central differences, the bilinear
// curve in pure mode I and mode II with its fracture energy, linear
// unloading to the origin, and the linear mixed-mode criterion on a
// proportional path.
#include <siswell/physics/cohesive_law.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

using siswell::physics::CohesiveLaw;
using siswell::physics::CohesiveParameters;
using Vec = dealii::Tensor<1, 3>;

namespace
{
  constexpr double K = 1e15; // Pa/m

  CohesiveParameters
  parameters()
  {
    CohesiveParameters c;
    c.normal_strength        = 10e6; // δ_n = 1e-8 m, λ_f = 10 in mode I
    c.shear_strength         = 20e6; // δ_t = 2e-8 m, λ_f = 7.5 in mode II
    c.normal_fracture_energy = 0.5;
    c.shear_fracture_energy  = 1.5;
    return c;
  }

  Vec
  tangential(const double x, const double z)
  {
    Vec v;
    v[0] = x;
    v[2] = z;
    return v;
  }

  /// Central differences of t_n and t_t in s_n and in each s_t component
  /// against the law's derivatives; relative to K (the derivatives' scale).
  /// h = 1e-5 × the onset separation: truncation ~ (h/δ)² ~ 1e-10 and
  /// round-off ~ 1e-16 δ / h ~ 1e-11 of K, far below the 1e-7 checked.
  void
  check_derivatives(const CohesiveLaw &law, const double s_n, const Vec &s_t, const double D0)
  {
    const double h = 1e-5 * 1e-8;
    const auto   r = law.evaluate(s_n, s_t, K, D0);
    INFO("s_n " << s_n << ", s_t " << s_t << ", D0 " << D0 << ": D " << r.damage
                << (r.loading ? " (loading)" : ""));
    {
      const auto p = law.evaluate(s_n + h, s_t, K, D0), m = law.evaluate(s_n - h, s_t, K, D0);
      CHECK(std::abs((p.t_n - m.t_n) / (2 * h) - r.dtn_dsn) <= 1e-7 * K);
      CHECK(((p.t_t - m.t_t) / (2 * h) - r.dtt_dsn).norm() <= 1e-7 * K);
    }
    for (unsigned int j = 0; j < 3; ++j)
      {
        Vec e;
        e[j]         = h;
        const auto p = law.evaluate(s_n, s_t + e, K, D0), m = law.evaluate(s_n, s_t - e, K, D0);
        CHECK(std::abs((p.t_n - m.t_n) / (2 * h) - r.dtn_dst[j]) <= 1e-7 * K);
        for (unsigned int i = 0; i < 3; ++i)
          CHECK(std::abs((p.t_t[i] - m.t_t[i]) / (2 * h) - r.dtt_dst[i][j]) <= 1e-7 * K);
      }
  }

  /// A monotonic path s(λ) = λ (a δ_n, b δ_t e_x) from 0 to @p to, with an
  /// excursion back to @p back × the largest λ reached at @p turn (0: none);
  /// returns the works ∫ t_n ds_n and ∫ t_t · ds_t (trapezoid) and the sum of
  /// the law's dissipation; checks the curve on the way.
  struct PathResult
  {
    double work_n = 0., work_t = 0., dissipated = 0., peak_n = 0., peak_t = 0.;
    double largest_step = 0.; // of the separation (m)
  };
  PathResult
  walk(const CohesiveLaw &law,
       const double       a,
       const double       b,
       const double       to,
       const unsigned int n,
       const double       turn = 0.,
       const double       back = 1.)
  {
    const auto         &c  = law.parameters();
    const double        dn = c.normal_strength / K, dt = c.shear_strength / K;
    std::vector<double> lambdas;
    for (unsigned int i = 0; i <= n; ++i)
      {
        const double l = to * i / n;
        if (turn > 0. && l > turn && (lambdas.empty() || lambdas.back() <= turn))
          {
            // down to back × turn and up again, in 50 steps each
            for (unsigned int k = 1; k <= 50; ++k)
              lambdas.push_back(turn * (1. - (1. - back) * k / 50.));
            for (unsigned int k = 1; k <= 50; ++k)
              lambdas.push_back(turn * (back + (1. - back) * k / 50.));
          }
        lambdas.push_back(l);
      }
    PathResult res;
    double     D = 0., prev_n = 0., prev_t = 0., prev_sn = 0., prev_st = 0., l_max = 0.;
    for (const double l : lambdas)
      {
        const double s_n = l * a * dn, s_t = l * b * dt;
        const auto   r = law.evaluate(s_n, tangential(s_t, 0.), K, D);
        // the closed form: the damage of the largest λ so far
        l_max = std::max(l_max, l);
        // 1/λ_f of the path's mix (constant along it)
        const double w = a * a / (a * a + b * b);
        const double m =
            w * law.onset_energy_ratio_normal(K) + (1. - w) * law.onset_energy_ratio_shear(K);
        const double D_x = l_max <= 1. ? 0. : std::min(1., (1. - 1. / l_max) / (1. - m));
        CHECK(std::abs(r.damage - D_x) <= 1e-12);
        CHECK(std::abs(r.t_n - (1. - D_x) * K * s_n) <= 1e-9 * c.normal_strength);
        CHECK(std::abs(r.t_t[0] - (1. - D_x) * K * s_t) <= 1e-9 * c.shear_strength);
        res.work_n += 0.5 * (r.t_n + prev_n) * (s_n - prev_sn);
        res.work_t += 0.5 * (r.t_t[0] + prev_t) * (s_t - prev_st);
        res.largest_step = std::max(res.largest_step, std::hypot(s_n - prev_sn, s_t - prev_st));
        res.dissipated += CohesiveLaw::dissipation(r, D);
        res.peak_n = std::max(res.peak_n, r.t_n);
        res.peak_t = std::max(res.peak_t, r.t_t[0]);
        prev_n = r.t_n, prev_t = r.t_t[0], prev_sn = s_n, prev_st = s_t;
        D = r.damage; // committed
      }
    CHECK(D == 1.);
    return res;
  }
} // namespace

TEST_CASE("cohesive law: exact derivatives in every branch", "[cohesive]")
{
  const CohesiveLaw law(parameters());
  const double      dn = 1e-8, dt = 2e-8;
  SECTION("elastic, opening and sliding")
  check_derivatives(law, 0.3 * dn, tangential(0.4 * dt, -0.2 * dt), 0.);
  SECTION("elastic, compression and sliding")
  check_derivatives(law, -0.5 * dn, tangential(0.4 * dt, 0.1 * dt), 0.);
  SECTION("softening, mode I")
  check_derivatives(law, 3. * dn, Vec(), 0.1);
  SECTION("softening, mode II")
  check_derivatives(law, -0.2 * dn, tangential(2.5 * dt, 0.7 * dt), 0.);
  SECTION("softening, mixed mode")
  check_derivatives(law, 2. * dn, tangential(1.5 * dt, -0.6 * dt), 0.2);
  SECTION("unloading (damage from history)")
  check_derivatives(law, 1.2 * dn, tangential(0.3 * dt, 0.), 0.6);
  SECTION("fully separated")
  check_derivatives(law, 12. * dn, tangential(3. * dt, 0.), 0.);
  // each state is in the branch it is named for
  CHECK(law.evaluate(3. * dn, Vec(), K, 0.1).loading);
  CHECK(law.evaluate(2. * dn, tangential(1.5 * dt, -0.6 * dt), K, 0.2).loading);
  CHECK(!law.evaluate(1.2 * dn, tangential(0.3 * dt, 0.), K, 0.6).loading);
  CHECK(law.evaluate(1.2 * dn, tangential(0.3 * dt, 0.), K, 0.6).damage == 0.6);
  CHECK(law.evaluate(12. * dn, tangential(3. * dt, 0.), K, 0.).damage == 1.);
  CHECK(law.evaluate(-0.5 * dn, Vec(), K, 0.).t_n == 0.);
}

TEST_CASE("cohesive law: mode I and mode II curves, unloading, fracture energy", "[cohesive]")
{
  const CohesiveLaw law(parameters());
  const auto       &c = law.parameters();
  // trapezoid error: exact on each linear piece of the curve; each of the
  // two kinks (onset, full separation) costs at most ½ × peak × step, the
  // turn of the excursion none (it turns on the unloading line)
  SECTION("mode I")
  {
    const auto r = walk(law, 1., 0., 11., 2200, 4., 0.3);
    INFO("work " << r.work_n << " J/m^2, dissipated " << r.dissipated << ", G_Ic "
                 << c.normal_fracture_energy << ", peak " << r.peak_n);
    CHECK(std::abs(r.dissipated - c.normal_fracture_energy) <= 1e-12);
    CHECK(std::abs(r.work_n - c.normal_fracture_energy) <= c.normal_strength * r.largest_step);
    CHECK(r.work_t == 0.);
    CHECK(r.peak_n <= c.normal_strength * (1. + 1e-12));
    CHECK(r.peak_n >= c.normal_strength * (1. - 1e-12)); // λ = 1 is a sample
  }
  SECTION("mode II")
  {
    const auto r = walk(law, 0., 1., 8., 1600, 3., 0.);
    INFO("work " << r.work_t << " J/m^2, dissipated " << r.dissipated << ", G_IIc "
                 << c.shear_fracture_energy);
    CHECK(std::abs(r.dissipated - c.shear_fracture_energy) <= 1e-12);
    CHECK(std::abs(r.work_t - c.shear_fracture_energy) <= c.shear_strength * r.largest_step);
    CHECK(r.work_n == 0.);
    CHECK(std::abs(r.peak_t - c.shear_strength) <= 1e-12 * c.shear_strength);
  }
  SECTION("mixed mode, proportional: G_I / G_Ic + G_II / G_IIc = 1")
  {
    const double a = std::cos(0.6), b = std::sin(0.6);
    const auto   r = walk(law, a, b, 10., 4000);
    const double criterion =
        r.work_n / c.normal_fracture_energy + r.work_t / c.shear_fracture_energy;
    INFO("G_I " << r.work_n << ", G_II " << r.work_t << " J/m^2: criterion " << criterion
                << ", dissipated " << r.dissipated);
    CHECK(std::abs(criterion - 1.) <=
          (c.normal_strength + c.shear_strength) * r.largest_step / c.normal_fracture_energy);
    CHECK(std::abs(r.dissipated - (r.work_n + r.work_t)) <=
          (c.normal_strength + c.shear_strength) * r.largest_step);
  }
}

TEST_CASE("cohesive law: parameters without a softening branch are refused", "[cohesive]")
{
  CohesiveParameters c = parameters();
  c.normal_strength    = -1.;
  CHECK_THROWS_WITH(CohesiveLaw(c), Catch::Contains("Interface/Normal strength"));
  c                       = parameters();
  c.shear_fracture_energy = 0.;
  CHECK_THROWS_WITH(CohesiveLaw(c), Catch::Contains("Interface/Shear fracture energy"));
}
