#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace siswell
{
  namespace io
  {
    /**
     * One row of history.csv, written after every converged step (row 0 is
     * the initial state). In plane strain, volumes and amounts are per metre
     * of thickness.
     */
    struct HistoryRow
    {
      unsigned int step      = 0;
      double       time      = 0.; ///< s
      double       time_step = 0.; ///< s
      std::string  stage;
      double       state_of_charge      = 0.;      ///< average θ of the active material (-)
      double       lithium              = 0.;      ///< ∫ c dV (mol)
      double       lithium_expected     = 0.;      ///< initial + charge passed / F (mol)
      double       current              = 0.;      ///< A, positive lithiating
      double       volume               = 0.;      ///< current volume of all solids (m³)
      double       volume_change        = 0.;      ///< V / V_0 − 1 (-)
      double       out_of_plane_stretch = 1.;      ///< plane strain: F_zz (-); 1 otherwise
      double       min_theta = 0., max_theta = 0.; ///< local θ extremes (-)
      double       max_von_mises   = 0.;           ///< Pa
      double       min_hydrostatic = 0., max_hydrostatic = 0.; ///< Pa
      double       max_plastic_strain = 0.; ///< largest ε̄_p at a quadrature point (-)
      double plastic_dissipation      = 0.; ///< ∫ plastic work dV so far (J; J/m in plane strain)
      unsigned int cycle              = 0;  ///< cycling cycle number (0 before cycling)
      double       stack_pressure     = 0.; ///< platen force / platen area, compressive > 0 (Pa)
      double platen_displacement = 0.; ///< normal platen displacement, along the outward normal (m)
      double thickness_change    = 0.; ///< stack thickness change = platen displacement (m)
      unsigned int newton_iterations = 0;
      unsigned int linear_iterations = 0;
      double       newton_residual   = 0.; ///< final normalised residual (-)

      /// The contact interface's columns (written only when 'Interface/Mode' = contact).
      bool         has_contact           = false;
      double       contact_fraction      = 0.; ///< closed / whole interface reference area (-)
      double       contact_area          = 0.; ///< current closed area (m²; m in plane strain)
      double       mean_contact_pressure = 0.; ///< contact force / contact_area (Pa)
      double       max_contact_pressure  = 0.; ///< Pa
      double       max_gap               = 0.; ///< largest opening (m)
      double       max_penetration       = 0.; ///< largest overlap (m)
      unsigned int contact_updates       = 0;  ///< multiplier updates in the step
      unsigned int contact_status_changes =
          0; ///< open/closed (and stick/slip) flips over the step's updates
      /// Largest tangential offset of a closed pair over its face size (-; small sliding
      /// holds while it is well below 1, the run warns above 1/4).
      double max_relative_slip = 0.;
      /// Volume between the separated surfaces of the contact interface (m³; m² per metre
      /// in plane strain): the voids the silicon leaves behind.
      double void_volume = 0.;
      /// Lithium that has entered the silicon through the contact since the start
      /// (mol; per metre in plane strain; negative once more has left), with the
      /// contact-gated flux: the sum over the steps of q ∫ φ dA Δt.
      double interface_lithium = 0.;
      /// Contact-gated lithium flux (Lithium flux boundaries = interface): the
      /// conducting fraction ∫ (φ − φ₀) dA / A (-) and the flux density q of a fully
      /// conducting point (mol/(m² s)).
      double conducting_fraction    = 0.;
      double interface_flux_density = 0.;

      /// Coulomb friction's columns (written only when 'Interface/Friction coefficient' > 0).
      bool   has_friction   = false;
      double slip_fraction  = 0.; ///< slipping closed area / interface area (-)
      double max_slip       = 0.; ///< largest accumulated slip (m)
      double friction_force = 0.; ///< |∫ f dA| (N; N/m in plane strain)

      /// The cohesive bond's columns (written only when 'Interface/Mode' = cohesive).
      bool   has_cohesive          = false;
      double max_damage            = 0.; ///< -
      double bonded_fraction       = 0.; ///< ∫ (1 − D) dA / A (-)
      double separated_fraction    = 0.; ///< area with D = 1 / A (-)
      double mean_normal_traction  = 0.; ///< ∫ t_n dA / A, tensile > 0 (Pa)
      double mean_shear_traction   = 0.; ///< ∫ |t_t| dA / A (Pa)
      double max_shear_separation  = 0.; ///< largest tangential separation (m)
      double interface_dissipation = 0.; ///< energy taken by damage so far (J; J/m in plane strain)

      /// The CSV header line (no newline), with the contact columns if @p with_contact,
      /// then the cohesive ones if @p with_cohesive and the friction ones if @p with_friction.
      static std::string
      csv_header(const bool with_contact  = false,
                 const bool with_cohesive = false,
                 const bool with_friction = false);
      /// This row as a CSV line (no newline), full precision.
      std::string
      csv() const;
    };
  } // namespace io
} // namespace siswell
