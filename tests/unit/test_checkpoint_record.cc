// The record of a checkpoint reads back every number bit for bit (what makes
// a restart on one rank repeat the uninterrupted run exactly), keeps lists in
// order and names the entry and file it lacks; the parameters of a run
// (deal.II's PRM print, comments and "# default:" notes included) flatten to
// Section/Entry -> value, as the restart compares them.
#include <siswell/io/checkpoint.h>
#include <siswell/simulation/run_parameters.h>

#include <deal.II/base/parameter_handler.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <sstream>

TEST_CASE("checkpoint record: numbers read back bit for bit, lists in order", "[checkpoint]")
{
  siswell::io::CheckpointRecord r;
  const double                  values[] = {M_PI * 1e-17,
                                            1. / 3.,
                                            -2.5e300,
                                            std::numeric_limits<double>::denorm_min(),
                                            std::nextafter(1., 2.),
                                            0.};
  for (unsigned int i = 0; i < 6; ++i)
    r.set("value " + std::to_string(i), values[i]);
  r.add("series", "0 solution_00000.pvtu");
  r.add("series", "1.5 solution_00001.pvtu");
  r.set("value 0", values[0]); // set() replaces, add() appends
  std::ostringstream text;
  r.write(text);
  const auto back = siswell::io::CheckpointRecord::parse(text.str(), "test");
  for (unsigned int i = 0; i < 6; ++i)
    CHECK(back.number("value " + std::to_string(i)) == values[i]); // exact, not approximate
  CHECK(back.list("series") ==
        std::vector<std::string>{"0 solution_00000.pvtu", "1.5 solution_00001.pvtu"});
  CHECK(back.list("value 0").size() == 1);
  CHECK_THROWS_WITH(back.text("stage"), Catch::Contains("'test' has no entry 'stage'"));
  CHECK_THROWS_WITH(siswell::io::CheckpointRecord::parse("no equals sign\n", "f"),
                    Catch::Contains("malformed line"));
}

TEST_CASE("checkpoint: the parameters of a run flatten to Section/Entry", "[checkpoint]")
{
  dealii::ParameterHandler prm;
  siswell::RunParameters::declare_parameters(prm);
  prm.parse_input_from_string("subsection Geometry\n  set Global refinements = 4\nend\n"
                              "subsection Cycling\n  set Stages = lithiate to 0.5, rest 60\nend\n");
  for (const auto style : {dealii::ParameterHandler::PRM, dealii::ParameterHandler::ShortPRM})
    {
      std::ostringstream text;
      prm.print_parameters(text, style);
      const auto flat = siswell::io::flatten_parameters(text.str());
      CHECK(flat.at("Geometry/Global refinements") == "4");
      CHECK(flat.at("Cycling/Stages") == "lithiate to 0.5, rest 60");
      CHECK(flat.at("Checkpoint/Every steps") == "0");
      CHECK(flat.count("Materials/Active material/Plasticity/Flow rule") == 1);
    }
}
