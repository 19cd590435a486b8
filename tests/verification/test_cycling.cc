// Galvanostatic cycling through Simulation::run(): a lithiate–rest–delithiate
// program ends each stage exactly at its target average state of charge (the
// current is constant, so the last step is cut to land on it), the lithium
// inventory follows the charge passed in both directions, and a current
// density equal to I / A reproduces the C-rate run.
#include "case_builder.h"

#include <catch2/catch.hpp>

#include <cmath>

namespace
{
  const std::string program = R"(
subsection Geometry
  set Global refinements = 2
end
subsection Cycling
  set Stages = lithiate to 0.1, rest for 100, delithiate to 0.04
  set C-rate = 2
end
subsection Output
  set Write fields = false
  set Directory = cycling-test-output
end
)";

  double
  last_of_stage(const std::vector<siswell::io::HistoryRow> &rows, const std::string &stage)
  {
    double soc = -1.;
    for (const auto &r : rows)
      if (r.stage == stage)
        soc = r.state_of_charge;
    return soc;
  }
} // namespace

TEST_CASE("lithiate, rest and delithiate stages", "[cycling]")
{
  std::ostringstream log;
  auto               sim = test::simulation<2>(program, log);
  REQUIRE(sim->run());
  const auto &rows = sim->history();
  CHECK(std::abs(last_of_stage(rows, "lithiate to 0.1") - 0.1) <= 1e-12);
  CHECK(std::abs(last_of_stage(rows, "rest for 100") - 0.1) <= 1e-12);
  CHECK(std::abs(last_of_stage(rows, "delithiate to 0.04") - 0.04) <= 1e-12);
  double rest_time = 0.;
  for (const auto &r : rows)
    {
      INFO("step " << r.step << " stage " << r.stage);
      CHECK(std::abs(r.lithium - r.lithium_expected) <= 1e-12 * r.lithium);
      if (r.stage == "rest for 100")
        {
          rest_time += r.time_step;
          CHECK(r.current == 0.);
        }
      if (r.stage == "delithiate to 0.04")
        CHECK(r.current < 0.);
    }
  CHECK(std::abs(rest_time - 100.) <= 1e-9);
  // delithiation reverses the concentration gradient: the surface is now the minimum
  CHECK(rows.back().min_theta < rows.back().state_of_charge);
}

TEST_CASE("current density mode equals the C-rate it corresponds to", "[cycling]")
{
  std::ostringstream log;
  auto               by_rate = test::simulation<2>(program, log);
  REQUIRE(by_rate->run());
  const double density = by_rate->current() / by_rate->flux_area(); // A/m²
  std::ostringstream text;
  text.precision(17);
  text << program << "subsection Cycling\n  set Current mode = current density\n"
       << "  set Current density = " << density << "\nend\n";
  auto by_density = test::simulation<2>(text.str(), log);
  REQUIRE(by_density->run());
  const auto &a = by_rate->history();
  const auto &b = by_density->history();
  REQUIRE(a.size() == b.size());
  for (std::size_t k = 0; k < a.size(); ++k)
    {
      CHECK(std::abs(a[k].time - b[k].time) <= 1e-9 * (1. + a[k].time));
      CHECK(std::abs(a[k].state_of_charge - b[k].state_of_charge) <= 1e-12);
      CHECK(std::abs(a[k].max_von_mises - b[k].max_von_mises) <= 1e-9 * (1. + a[k].max_von_mises));
    }
}
