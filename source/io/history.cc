#include <siswell/io/history.h>

#include <iomanip>
#include <sstream>

namespace siswell
{
  namespace io
  {
    std::string
    HistoryRow::csv_header(const bool with_contact,
                           const bool with_cohesive,
                           const bool with_friction)
    {
      return std::string(
                 "step,time_s,time_step_s,stage,state_of_charge,lithium_mol,lithium_expected_mol,"
                 "current_A,volume_m3,volume_change,out_of_plane_stretch,min_state_of_charge,max_"
                 "state_of_charge,"
                 "max_von_mises_Pa,min_hydrostatic_Pa,max_hydrostatic_Pa,max_plastic_strain,"
                 "plastic_dissipation_J,cycle,stack_pressure_Pa,platen_displacement_m,"
                 "thickness_change_m,newton_iterations,linear_iterations,newton_residual") +
             (with_contact ? ",contact_fraction,contact_area,mean_contact_pressure_Pa,"
                             "max_contact_pressure_Pa,max_gap_m,max_penetration_m,contact_updates,"
                             "contact_status_changes,conducting_fraction,"
                             "interface_flux_density_mol_m2s,max_relative_slip,void_volume_m3,"
                             "interface_lithium_mol"
                           : "") +
             (with_cohesive ? ",max_damage,bonded_fraction,separated_fraction,"
                              "mean_normal_traction_Pa,mean_shear_traction_Pa,"
                              "max_shear_separation_m,interface_dissipation_J"
                            : "") +
             (with_friction ? ",slip_fraction,max_slip_m,friction_force_N" : "");
    }

    std::string
    HistoryRow::csv() const
    {
      std::ostringstream os;
      os << std::setprecision(15) << step << ',' << time << ',' << time_step << ",\"" << stage
         << "\"," << state_of_charge << ',' << lithium << ',' << lithium_expected << ',' << current
         << ',' << volume << ',' << volume_change << ',' << out_of_plane_stretch << ',' << min_theta
         << ',' << max_theta << ',' << max_von_mises << ',' << min_hydrostatic << ','
         << max_hydrostatic << ',' << max_plastic_strain << ',' << plastic_dissipation << ','
         << cycle << ',' << stack_pressure << ',' << platen_displacement << ',' << thickness_change
         << ',' << newton_iterations << ',' << linear_iterations << ',' << newton_residual;
      if (has_contact)
        os << ',' << contact_fraction << ',' << contact_area << ',' << mean_contact_pressure << ','
           << max_contact_pressure << ',' << max_gap << ',' << max_penetration << ','
           << contact_updates << ',' << contact_status_changes << ',' << conducting_fraction << ','
           << interface_flux_density << ',' << max_relative_slip << ',' << void_volume << ','
           << interface_lithium;
      if (has_cohesive)
        os << ',' << max_damage << ',' << bonded_fraction << ',' << separated_fraction << ','
           << mean_normal_traction << ',' << mean_shear_traction << ',' << max_shear_separation
           << ',' << interface_dissipation;
      if (has_friction)
        os << ',' << slip_fraction << ',' << max_slip << ',' << friction_force;
      return os.str();
    }
  } // namespace io
} // namespace siswell
