#include <siswell/io/history.h>

#include <iomanip>
#include <sstream>

namespace siswell
{
  namespace io
  {
    std::string
    HistoryRow::csv_header()
    {
      return "step,time_s,time_step_s,stage,state_of_charge,lithium_mol,lithium_expected_mol,"
             "current_A,volume_m3,volume_change,out_of_plane_stretch,min_state_of_charge,max_state_of_charge,"
             "max_von_mises_Pa,min_hydrostatic_Pa,max_hydrostatic_Pa,newton_iterations,"
             "linear_iterations,newton_residual";
    }



    std::string
    HistoryRow::csv() const
    {
      std::ostringstream os;
      os << std::setprecision(15) << step << ',' << time << ',' << time_step << ",\"" << stage
         << "\"," << state_of_charge << ',' << lithium << ',' << lithium_expected << ','
         << current << ',' << volume << ',' << volume_change << ',' << out_of_plane_stretch
         << ',' << min_theta << ','
         << max_theta << ',' << max_von_mises << ',' << min_hydrostatic << ','
         << max_hydrostatic << ',' << newton_iterations << ',' << linear_iterations << ','
         << newton_residual;
      return os.str();
    }
  } // namespace io
} // namespace siswell
