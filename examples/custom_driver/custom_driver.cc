// A driver program of your own, built against an installed siswell.
//
// The `siswell` program reads a parameter file and calls Simulation::run(),
// which owns the time loop. Here we own the loop ourselves, and we bring
// physics of our own through the public API:
//  - a material law (QuadraticSwellingSilicon: LixSi with a swelling ratio
//    quadratic in the state of charge), registered by name and chosen in the
//    parameters like a built-in one, its derivatives checked with
//    materials::check_tangent() before it is used;
//  - a boundary term (ElasticFoundation: the particle's surface held by a
//    spring bed, traction −k u), with its exact Jacobian, added in code with
//    Simulation::add_boundary_term(), and the same term registered by name
//    and chosen in the parameters ('Terms/Boundary terms'), which must give
//    the same result to the last digit.
// We lithiate the particle three times, free and on the spring bed (both ways), taking
// backward-Euler steps one at a time with solve_step() and printing what we
// want after each step, and finally check two results: the lithium balance
// against the charge we passed (to 1e-10), and the spring bed's effect on the
// volume change against the small-strain closed form (to 2 %).
#include <siswell/geometry/particle_shape.h>
#include <siswell/materials/active_material.h>
#include <siswell/materials/check_tangent.h>
#include <siswell/materials/material_registry.h>
#include <siswell/physics/term_registry.h>
#include <siswell/physics/weak_form_term.h>
#include <siswell/simulation/run_parameters.h>
#include <siswell/simulation/simulation.h>

#include <deal.II/base/conditional_ostream.h>
#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>

#include <cmath>
#include <exception>
#include <iomanip>
#include <iostream>

namespace
{
  /**
   * LixSi whose swelling ratio is quadratic in the state of charge θ,
   * J_s = 1 + a (θ − θ_ref) + b (θ − θ_ref)², instead of the built-in linear
   * law: one override (swelling()); the mechanics, the mechanical part of
   * the chemical potential and all their derivatives follow from it.
   */
  class QuadraticSwellingSilicon : public siswell::materials::ActiveMaterial
  {
  public:
    static void
    declare_parameters(dealii::ParameterHandler &prm)
    {
      ActiveMaterial::declare_parameters(prm); // everything else as LixSi
      prm.declare_entry("Linear swelling coefficient",
                        "2.6",
                        dealii::Patterns::Double(0.),
                        "a in J_s = 1 + a (θ − θ_ref) + b (θ − θ_ref)² (-)");
      prm.declare_entry("Quadratic swelling coefficient",
                        "0.2",
                        dealii::Patterns::Double(),
                        "b in J_s = 1 + a (θ − θ_ref) + b (θ − θ_ref)² (-)");
    }

    void
    parse_parameters(dealii::ParameterHandler &prm)
    {
      ActiveMaterial::parse_parameters(prm);
      a = prm.get_double("Linear swelling coefficient");
      b = prm.get_double("Quadratic swelling coefficient");
    }

    std::string
    name() const override
    {
      return "quadratic-swelling silicon";
    }

    siswell::materials::SwellingState
    swelling(const double c) const override
    {
      const double                      x = theta(c) - reference_concentration() / c_max;
      siswell::materials::SwellingState s;
      s.J_s   = 1. + a * x + b * x * x;
      s.dJ_s  = (a + 2. * b * x) / c_max;
      s.d2J_s = 2. * b / (c_max * c_max);
      return s;
    }

    double a = 2.6, b = 0.2;
  };

  /**
   * A spring bed on boundary parts: traction t = −k u per unit reference
   * area, R_u += ∫ k u · δu dA, with Jacobian ∫ k N_j · N_i dA (u–u only).
   */
  template <int dim> class ElasticFoundation : public siswell::physics::BoundaryTerm<dim>
  {
  public:
    ElasticFoundation(const std::set<dealii::types::boundary_id> &ids, const double k)
        : ids(ids), k(k)
    {
    }

    /// Chosen by name in the parameters: subsection 'Terms/elastic foundation'.
    static void
    declare_parameters(dealii::ParameterHandler &prm)
    {
      prm.declare_entry("Boundary parts", "", dealii::Patterns::Anything(), "Names of the boundary parts on the bed.");
      prm.declare_entry("Stiffness", "0", dealii::Patterns::Double(0.), "Bed stiffness k (N/m³).");
    }
    ElasticFoundation(dealii::ParameterHandler &prm, const siswell::geometry::Geometry &g)
        : k(prm.get_double("Stiffness"))
    {
      for (const auto &part : dealii::Utilities::split_string_list(prm.get("Boundary parts")))
        ids.insert(g.boundary_id(part, "Terms/elastic foundation/Boundary parts"));
      if (ids.empty())
        throw std::invalid_argument("parameter 'Terms/elastic foundation/Boundary parts' is empty");
    }

    std::string
    name() const override
    {
      return "elastic foundation";
    }
    const std::set<dealii::types::boundary_id> &
    boundary_ids() const override
    {
      return ids;
    }
    siswell::FieldCoupling
    coupling() const override
    {
      return siswell::coupling_of({siswell::Field::displacement}, {siswell::Field::displacement});
    }

    void
    add(const siswell::physics::PointData<dim> &p,
        dealii::Vector<double>                 &residual,
        dealii::FullMatrix<double>             *jacobian) const override
    {
      // the rows and columns of one field: p.dofs(field) lists its local dofs
      const auto &u_dofs = p.dofs(siswell::Field::displacement);
      for (const unsigned int i : u_dofs)
        {
          residual(i) += k * (p.u * p.shape_u[i]) * p.JxW;
          if (jacobian)
            for (const unsigned int j : u_dofs)
              (*jacobian)(i, j) += k * (p.shape_u[j] * p.shape_u[i]) * p.JxW;
        }
    }

  private:
    std::set<dealii::types::boundary_id> ids;
    double                               k; // N/m³
  };
} // namespace

namespace
{
  struct Run
  {
    bool   converged     = true;
    double volume_change = 0., lithium = 0., expected_lithium = 0., lithium_error = 0.;
  };

  /// Build a simulation of @p parameters (with @p term added to it, if any),
  /// lithiate (+1) at constant dt = 20 s until SOC >= 0.1 with our own loop,
  /// printing one line per step, and return the final state.
  Run
  lithiate(const siswell::RunParameters                                   &parameters,
           const MPI_Comm                                                  comm,
           const std::shared_ptr<const siswell::physics::BoundaryTerm<2>> &term,
           dealii::ConditionalOStream                                     &pout)
  {
    // 2D: axisymmetric; nothing is solved and no file is written by setup()
    siswell::Simulation<2> simulation(parameters, comm, std::cout);
    if (term)
      simulation.add_boundary_term(term); // before setup()
    simulation.setup();

    // measure() integrates the current solution; it is valid only after
    // setup(). Its time and step fields are not filled in: we keep our own.
    const siswell::io::HistoryRow initial = simulation.measure();
    const double                  I       = simulation.current(); // A, from the C-rate
    pout << "\n"
         << (term                                           ? "on a spring bed (" + term->name() + ", added in code)" :
             !parameters.terms<2>().boundary.empty() ? "on a spring bed (chosen by name in the parameters)" :
                                                       std::string("free"))
         << ": current "
         << I << " A, capacity " << simulation.capacity() << " C, initial SOC "
         << initial.state_of_charge << "\n"
         << "  step      t (s)      SOC      V/V0 - 1\n";
    double       t    = 0.;
    double       dt   = 20.;
    unsigned int step = 0;
    auto         now  = initial;
    Run          run;
    while (now.state_of_charge < 0.1)
      {
        const auto result = simulation.solve_step(dt, +1.);
        if (!result.converged) // the last converged state was restored: retry smaller
          {
            dt /= 2.;
            pout << "  Newton failed (" << result.reason << "), dt -> " << dt << " s\n";
            if (dt < 1e-3)
              {
                run.converged = false;
                return run;
              }
            continue;
          }
        t += dt;
        ++step;
        now = simulation.measure();
        pout << std::setw(6) << step << std::setw(11) << t << std::fixed << std::setprecision(5)
             << std::setw(10) << now.state_of_charge << std::scientific << std::setprecision(4)
             << std::setw(13) << now.volume_change << std::defaultfloat << std::setprecision(6)
             << '\n';
      }
    run.volume_change    = now.volume_change;
    run.lithium          = now.lithium;
    run.expected_lithium = initial.lithium + I * t / siswell::materials::LithiumCarrier::faraday;
    run.lithium_error =
        std::abs(now.lithium - run.expected_lithium) / std::abs(run.expected_lithium);
    return run;
  }
} // namespace

namespace
{
  /// The checks of step 5 on the free run and the run on the spring bed of
  /// stiffness @p k_bed (N/m³) around the particle of radius @p R (m).
  bool
  results_hold(const Run &                     free,
               const Run &                     held,
               const QuadraticSwellingSilicon &silicon,
               const double                    R,
               const double                    k_bed,
               dealii::ConditionalOStream &    pout)
  {
    // (a) All lithium that entered is the charge
    //    passed / F, on the spring bed as freely, to 1e-10.
    pout << std::setprecision(15) << "\nlithium in the particle  " << held.lithium << " mol\n"
         << "initial + I t / F        " << held.expected_lithium << " mol\n"
         << std::setprecision(3) << "relative difference      " << held.lithium_error << '\n';
    // (b) The spring bed holds the swelling back. In small-strain
    //     elasticity with a uniform bulk modulus K the surface of a sphere
    //     with any radial swelling distribution moves by u_free / (1 + k R /
    //     (3K)) (superpose the free swelling and a uniform pressure k u(R)),
    //     so the volume change shrinks by that factor. At ~8 % linear
    //     strain the finite-strain terms move it by a fraction of a per
    //     cent (measured 0.3 %): checked to 2 %.
    const double K         = silicon.moduli(silicon.initial_concentration()).K;
    const double predicted = 1. / (1. + k_bed * R / (3. * K));
    const double measured  = held.volume_change / free.volume_change;
    pout << "V/V0 - 1 free " << free.volume_change << ", on the spring bed " << held.volume_change
         << ": ratio " << measured << ", small-strain prediction 1/(1 + kR/3K) = " << predicted
         << '\n';
    if (!(held.lithium_error <= 1e-10 && free.lithium_error <= 1e-10))
      {
        pout << "custom_driver: lithium balance violated\n";
        return false;
      }
    if (!(std::abs(measured - predicted) <= 0.02 * predicted))
      {
        pout << "custom_driver: the spring bed's effect is not the predicted one (2 %)\n";
        return false;
      }
    return true;
  }
} // namespace

// Known by these names to the parameters from now on ('Materials/Active
// material/Law', 'Terms/Boundary terms').
SISWELL_REGISTER_BOUNDARY_TERM(ElasticFoundation,
                               "elastic foundation",
                               "a spring bed on boundary parts, traction -k u per reference area")
SISWELL_REGISTER_MATERIAL_LAW(QuadraticSwellingSilicon,
                              "quadratic-swelling silicon",
                              "LixSi with J_s = 1 + a (θ − θ_ref) + b (θ − θ_ref)²")

int
main(int argc, char *argv[])
{
  // 1. MPI (deal.II initialises and finalises it; one thread per rank).
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  const MPI_Comm                           comm = MPI_COMM_WORLD;
  dealii::ConditionalOStream pout(std::cout, dealii::Utilities::MPI::this_mpi_process(comm) == 0);

  try
    {
      // 2. Declare every parameter siswell knows (with its default; our law's
      //    subsection is among them), then override a few, exactly as a
      //    parameter file would.
      const std::string case_text = R"(
        subsection Geometry
          set Coordinate system  = axisymmetric
          set Shape              = particle
          set Symmetry           = quarter
          set Particle radius    = 0.5e-6
          set Global refinements = 2
        end
        subsection Materials
          subsection Active material
            set Law = quadratic-swelling silicon
            subsection quadratic-swelling silicon
              set Linear swelling coefficient    = 2.6
              set Quadratic swelling coefficient = 0.2
            end
          end
        end
        subsection Output
          set Write fields = false
          set Directory    = custom-driver-output
        end
      )";
      const double k_bed = 3e16; // N/m³: 30 GPa per µm of displacement
      auto         parameters_of = [](const std::string &text) {
        dealii::ParameterHandler prm;
        siswell::RunParameters::declare_parameters(prm, text);
        prm.parse_input_from_string(text);
        siswell::RunParameters p;
        p.parse(prm); // throws std::invalid_argument naming a bad parameter
        return p;
      };
      const siswell::RunParameters parameters = parameters_of(case_text);
      // the same case with our term chosen by name
      const siswell::RunParameters on_bed = parameters_of(case_text + R"(
        subsection Terms
          set Boundary terms = elastic foundation
          subsection elastic foundation
            set Boundary parts = surface
            set Stiffness      = 3e16
          end
        end
      )");

      // 3. Our law passes the derivative check siswell's own laws pass, at
      //    a few states (F = stretch · rotation-free shear, θ from 0.05 to 0.9).
      const auto &law = *parameters.active_law;
      bool        ok  = true;
      for (const double theta : {0.05, 0.4, 0.9})
        {
          dealii::Tensor<2, 3> F;
          F[0][0] = 1.3, F[1][1] = 1.1, F[2][2] = 1.2, F[0][1] = 0.15, F[1][2] = -0.05;
          const auto check = siswell::materials::check_tangent(law, F, theta * 3.11e5);
          if (pout.is_active())
            {
              std::cout << "check_tangent of '" << law.name() << "' at theta = " << theta << ":\n";
              check.print(std::cout);
            }
          ok = ok && check.passed();
        }
      if (!ok)
        {
          pout << "custom_driver: the law's derivatives are wrong\n";
          return 1;
        }

      // 4. Lithiate the particle, free and on the spring bed (our
      //    boundary term on its surface), with our own time loop.
      const auto   surface = parameters.geometry.boundary_id("surface", "custom_driver: surface");
      const Run    free    = lithiate(parameters, comm, nullptr, pout);
      const Run    held    = lithiate(parameters,
                                comm,
                                std::make_shared<ElasticFoundation<2>>(
                                    std::set<dealii::types::boundary_id>{surface}, k_bed),
                                pout);
      const Run    chosen  = lithiate(on_bed, comm, nullptr, pout);
      if (!free.converged || !held.converged || !chosen.converged)
        return 2;
      // the term chosen in the parameters is the one added in code
      pout << "V/V0 - 1 on the spring bed added in code " << std::setprecision(17) << held.volume_change
           << ", chosen by name " << chosen.volume_change << std::setprecision(6) << '\n';
      // (the same to round-off: on several ranks MUMPS does not add in the
      // same order from one factorisation to the next)
      if (!(std::abs(chosen.volume_change - held.volume_change) <= 1e-12 * std::abs(held.volume_change)))
        {
          pout << "custom_driver: the term chosen by name acts differently from the one added in code\n";
          return 1;
        }

      // 5. Read results back and check them
      if (!results_hold(free, held, dynamic_cast<const QuadraticSwellingSilicon &>(law),
                        parameters.geometry.shape_as<siswell::geometry::ParticleShape>().radius, k_bed, pout))
        return 1;
      pout << "custom_driver: lithium balance holds, the spring bed holds the particle back as "
              "predicted\n";
      return 0;
    }
  catch (const std::exception &e) // bad input, or a deal.II error
    {
      std::cerr << "custom_driver: error: " << e.what() << std::endl;
      return 3;
    }
}
