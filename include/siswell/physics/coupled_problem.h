#pragma once

#include <siswell/base/fields.h>
#include <siswell/geometry/geometry.h>
#include <siswell/materials/material.h>
#include <siswell/physics/global_scalars.h>
#include <siswell/physics/interface.h>
#include <siswell/physics/interface_point_state.h>
#include <siswell/physics/interface_term.h>
#include <siswell/physics/material_map.h>
#include <siswell/physics/quadrature_point_history.h>
#include <siswell/physics/weak_form_term.h>
#include <siswell/solvers/displacement_operator.h>
#include <siswell/solvers/linear_solver.h>
#include <siswell/solvers/newton_solver.h>

#include <deal.II/base/index_set.h>
#include <deal.II/base/table.h>
#include <deal.II/distributed/tria.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/component_mask.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/fe/mapping_q.h>
#include <deal.II/hp/fe_collection.h>
#include <deal.II/hp/q_collection.h>
#include <deal.II/lac/affine_constraints.h>

#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <vector>

namespace siswell
{
  namespace physics
  {
    /// A homogeneous Dirichlet condition on displacement components of a boundary part.
    struct DisplacementConstraint
    {
      dealii::types::boundary_id boundary_id;
      /// Which displacement components (0..dim-1) are held at zero.
      std::vector<bool> components;
    };

    /**
     * The coupled chemo-mechanical problem as one nonlinear system: the
     * displacement u (degree p), concentration c and chemical potential μ
     * (degree 1) in one hp-DoFHandler; c and μ exist only in lithium-carrying
     * materials (FE_Nothing elsewhere). One residual and one Jacobian, with
     * every coupling block, assembled from a list of CellTerms and
     * BoundaryTerms.
     *
     * The unknown fields and their components are those of Fields<dim>:
     * displacement (m), concentration (mol/m³), chemical potential (J/mol).
     */
    template <int dim> class CoupledProblem : public solvers::NonlinearProblem
    {
    public:
      CoupledProblem(const MPI_Comm                         comm,
                     const geometry::CoordinateSystem       coordinate_system,
                     const MaterialMap                     &materials,
                     const unsigned int                     displacement_degree,
                     const solvers::LinearSolverParameters &linear_solver);

      /// The mesh; fill it (Geometry::create) before setup().
      dealii::parallel::distributed::Triangulation<dim> &
      triangulation();
      const dealii::parallel::distributed::Triangulation<dim> &
      triangulation() const
      {
        return tria;
      }

      /**
       * Generalised plane strain (plane strain only; call before setup()): the
       * out-of-plane stretch λ_z = F_zz becomes the global scalar unknown
       * "out-of-plane stretch" of the Newton system (global_scalars()), with
       * the equation of zero net out-of-plane force ∫ P_zz dA = 0
       * (OutOfPlaneForceTerm).
       */
      void
      enable_generalised_plane_strain();

      /// Out-of-plane stretch λ_z (-): 1 in plane strain, the global unknown in
      /// generalised plane strain.
      double
      out_of_plane_stretch() const;

      /// Set λ_z (tests).
      void
      set_out_of_plane_stretch(const double stretch);

      /**
       * The global scalar unknowns beside the field dofs and the border of
       * the Jacobian as last assembled (scaled units). Add a scalar here
       * before setup(); the terms that depend on it or own its equation
       * write into PointData::border. All k of them are solved with the
       * k + 1 solves of one factorisation or preconditioner set-up.
       */
      GlobalScalars &
      global_scalars();
      const GlobalScalars &
      global_scalars() const;

      /**
       * Rigid platen on boundary part @p boundary_id (call before setup()):
       * the displacement component normal to that flat, axis-aligned
       * boundary is the same at every point of it, so all those dofs are
       * constrained to one master dof, which is the platen's global Newton
       * unknown w. The platen carries an external load (set_platen_load):
       * force = pressure × platen area + stiffness × w, pushing against the
       * outward normal. With @p displacement_controlled the master is held
       * instead and w is prescribed with set_platen_displacement().
       */
      void
      enable_platen(const dealii::types::boundary_id boundary_id,
                    const bool                       displacement_controlled);

      /// True if a platen is enabled.
      bool
      has_platen() const;

      /// Load on the platen: @p pressure (Pa) over the platen area, plus a
      /// spring of @p stiffness (N/m; N/m per metre in plane strain) on w.
      void
      set_platen_load(const double pressure, const double stiffness);

      /// Displacement control: move the platen to w (m, along its outward normal).
      void
      set_platen_displacement(const double w);

      /// The load set by set_platen_load(): pressure (Pa) and spring stiffness (N/m).
      std::pair<double, double>
      platen_load() const
      {
        return {platen.pressure, platen.stiffness};
      }

      /// Platen displacement w along its outward normal (m).
      double
      platen_displacement() const;

      /// Index of the dof that is the platen's global unknown (the master).
      dealii::types::global_dof_index
      platen_unknown() const;

      /// Platen area in the reference configuration (m²; m in plane strain).
      double
      platen_area() const;

      /// Stack pressure the body exerts on the platen in the current state:
      /// −n · (sum of the internal-force residual over the platen dofs) / area
      /// (Pa, compressive positive), evaluated with the committed plastic
      /// history (no further plastic update). A function of the solution
      /// alone: it does not depend on what was assembled last. Collective;
      /// NaN if the state is invalid. 0 without a platen.
      double
      platen_reaction_pressure();

      /// True if the last assembly met an invalid state (J <= 0 or a failed
      /// constitutive update) on some cell of some rank; residual_norms() is
      /// then +inf and the step must be cut.
      bool
      invalid_state() const;

      /// Where the last assembly's invalid state was met (the first rank's
      /// first such point): material id, cell centre (m), J and state of
      /// charge there. Empty for a valid state; the same string on every rank.
      std::string
      invalid_state_location() const override;

      /// Distribute dofs, build constraints and the matrix.
      void
      setup(const std::vector<DisplacementConstraint> &constraints);

      /// Add a cell term, before setup() (std::logic_error after): the
      /// sparsity patterns hold the union of the terms' couplings.
      void
      add_cell_term(std::shared_ptr<const CellTerm<dim>> term);
      /// Add a boundary term, before setup() (as add_cell_term(); a
      /// matrix-free J_uu also sizes its assembled remainder for the faces of
      /// the boundary terms with u–u entries).
      void
      add_boundary_term(std::shared_ptr<const BoundaryTerm<dim>> term);

      /// Add an interface between materials (before setup(), which collects its faces).
      void
      add_interface(std::shared_ptr<Interface<dim>> interface);

      /// The interface named @p name (throws std::invalid_argument if there is none).
      const Interface<dim> &
      interface(const std::string &name) const;

      /**
       * Call @p f at every quadrature point of the face pairs of interface
       * @p name that this rank assembles, with the state of both sides at
       * the current solution (as the interface terms see it; no material
       * response), for measurements, output and the updates of a term's own
       * per-point variables. Not collective.
       */
      void
      for_each_interface_point(const std::string                                          &name,
                               const std::function<void(const InterfacePointData<dim> &)> &f) const;

      /// Quadrature points per interface face pair (the same on every pair).
      unsigned int
      n_face_quadrature_points() const;

      /// The communicator of the distributed mesh.
      MPI_Comm
      mpi_communicator() const;

      /// Add a two-sided term on the interface it names (before setup():
      /// the sparsity patterns couple the dofs of both sides of its faces).
      void
      add_interface_term(std::shared_ptr<const InterfaceTerm<dim>> term);

      /// u = 0, c = c_0, μ = μ_ch(c_0) in every active material.
      void
      set_initial_state();

      /// Time step of the next solve (s).
      void
      set_time_step(const double dt);

      /**
       * Scales of the fields: of their residuals (force N, lithium rate mol/s,
       * R T V J) and of their unknowns (length m, concentration mol/m³,
       * chemical potential J/mol). The linear system is assembled in these
       * units, J̃ = D_R⁻¹ J D_x, R̃ = D_R⁻¹ R, so that its blocks are of order one
       * (the direct solver loses digits on the raw SI system, whose entries span
       * some 30 orders of magnitude), and residual() and residual_norms() are
       * those of R̃.
       */
      void
      set_scales(const std::vector<double> &residual_scales,
                 const std::vector<double> &unknown_scales);

      /// Scale of the unknowns of field @p f (see set_scales()).
      double
      unknown_scale(const unsigned int f) const;

      /// Accept the current solution as converged: it becomes the old solution,
      /// and the plastic states of its last assembly become the committed history.
      void
      commit_step();

      /// Go back to the last converged solution and plastic history (after a failed step).
      void
      restore_step();

      /**
       * Save the state of the committed step (call after commit_step();
       * collective) into files whose names begin with @p file: the
       * distributed mesh with its refinement (p4est), the current and last
       * converged solution (parallel::distributed::SolutionTransfer), and per
       * locally owned cell its committed quadrature-point history and the
       * per-point state of @p states on the face pairs whose side-0 cell it
       * is, attached to the cells. The global scalars' values are not in it
       * (the caller records them).
       */
      void
      save_checkpoint(const std::string                              &file,
                      const std::vector<const InterfacePointState *> &states);

      /// Instead of refining the coarse mesh in triangulation(): its refinement and
      /// partition from the checkpoint @p file (before setup(); any number of ranks).
      void
      load_checkpoint_mesh(const std::string &file);

      /**
       * Refine and coarsen the mesh by the flags set on its locally owned
       * cells, carrying the state to the new mesh (collective; call after
       * commit_step(), between steps): the current and last converged
       * solution by deal.II's parallel::distributed::SolutionTransfer
       * (interpolation: exact where cells are refined; hanging-node values
       * made conforming), the committed quadrature-point history by
       * injection (each new point takes the state of the nearest point of its
       * parent, or of the child that contains it where cells are coarsened),
       * so every state after the transfer is one the law produced before:
       * admissible. The concentration is brought into the range of its law
       * (margin 1e-9 of c_max): the undershoot of a coarse mesh ahead of a
       * steep front (θ < 0 at a vertex) would otherwise be seen by the new
       * quadrature points. Then the system is set up again (dofs, constraints,
       * matrices, interfaces). The global scalars keep their values. A split
       * interface (contact, cohesive) needs conforming faces: refused with
       * std::invalid_argument. Returns the number of cells before and after.
       */
      std::pair<unsigned long long, unsigned long long>
      refine_and_coarsen();

      /// Correct the lithium inventory of the current and last converged
      /// solution (after refine_and_coarsen()): c ← factor · c, or with
      /// @p empty_part c ← c_max − factor · (c_max − c); either is linear in
      /// the inventory and keeps 0 ≤ c ≤ c_max for factor ≤ 1.
      void
      rescale_concentration(const double factor, const bool empty_part);

      /// After setup() on a mesh from load_checkpoint_mesh() and the reinit() of the
      /// terms of @p states (the same, in the same order, as at save_checkpoint()):
      /// the solution, the history and the interface state. Collective; throws
      /// std::invalid_argument if the data does not fit this problem.
      void
      load_checkpoint_state(const std::vector<InterfacePointState *> &states);

      // NonlinearProblem
      void
      assemble(const bool with_jacobian) override;
      std::vector<double>
      residual_norms() const override;
      std::vector<std::string>
      field_names() const override;
      unsigned int
      solve_for_direction() override;
      bool
      set_linear_tolerance(const double eta) override;
      void
      apply_direction(const double alpha) override;
      void
      store_iterate() override;

      const dealii::DoFHandler<dim> &
      dof_handler() const;
      const dealii::Mapping<dim> &
      mapping() const;
      const MaterialMap &
      materials() const;
      geometry::CoordinateSystem
      coordinate_system() const;

      /// Current and last converged solution (ghosted).
      solvers::Vector &
      solution();
      const solvers::Vector &
      solution() const;
      const solvers::Vector &
      old_solution() const;
      /// The last assembled residual R̃, in scaled units (ghosted layout).
      const solvers::Vector &
      residual() const;
      /// The linear solver holding the last assembled Jacobian J̃ (scaled units).
      const solvers::LinearSolver &
      linear_solver() const;
      /// The constraints on Newton updates (homogeneous Dirichlet, hanging nodes).
      const dealii::AffineConstraints<double> &
      constraints() const;

      dealii::types::global_dof_index
      n_dofs() const;

      /// Locally owned dofs of field @p f (0 displacement, 1 concentration, 2 chemical potential).
      const dealii::IndexSet &
      locally_owned_field_dofs(const unsigned int f) const;

      /// Number of cell quadrature points (the same on every cell).
      unsigned int
      n_quadrature_points() const;

      /// The cell quadrature (QGauss of degree p + 1).
      const dealii::Quadrature<dim> &
      quadrature() const;

      /// Committed history at quadrature point @p q of a locally owned cell,
      /// in the layout of its material's law (see Material::history_size());
      /// empty where the law keeps none.
      dealii::ArrayView<const double>
      point_history(const typename dealii::DoFHandler<dim>::cell_iterator &cell,
                    const unsigned int                                     q) const;

      /// Committed history at the quadrature point of @p cell nearest to the
      /// reference-configuration point @p x (for output at other points).
      dealii::ArrayView<const double>
      point_history_near(const typename dealii::DoFHandler<dim>::cell_iterator &cell,
                         const dealii::Point<dim>                              &x) const;

      /// The quadrature-point history (its sizes, for tests and memory figures).
      const QuadraturePointHistory<dim> &
      quadrature_point_history() const;

      /// The matrix-free displacement block J_uu (its cell part; see
      /// LinearSolver::set_displacement_operator()), or nullptr if J_uu is assembled.
      const solvers::DisplacementOperator *
      matrix_free_displacement() const;

      /// Wall time spent in assembly and in linear solves so far (s), this rank.
      double assembly_seconds = 0., solve_seconds = 0.;

      /// Integration weight factor at a reference point: 2π r in axisymmetry, else 1.
      double
      volume_factor(const dealii::Point<dim> &x) const;

      /// Displacement gradient embedded as a full 3x3 F (hoop stretch 1 + u_r/r in axisymmetry).
      dealii::Tensor<2, 3>
      deformation_gradient(const dealii::Tensor<2, dim> &grad_u,
                           const dealii::Tensor<1, dim> &u,
                           const dealii::Point<dim>     &x) const;

      /// As above, for output points that may lie on the axis (r < 1e-8 h, h the
      /// cell size), where the hoop stretch is its limit 1 + ∂u_r/∂r.
      dealii::Tensor<2, 3>
      deformation_gradient(const dealii::Tensor<2, dim> &grad_u,
                           const dealii::Tensor<1, dim> &u,
                           const dealii::Point<dim>     &x,
                           const double                  h) const;

      /// F at a point from the values and gradients of all components there
      /// (as FEValues::get_function_values()/get_function_gradients() and
      /// DataPostprocessorInputs give them; Fields<dim> says where u is), at
      /// output points as the overload above.
      dealii::Tensor<2, 3>
      deformation_gradient(const dealii::Vector<double>              &values,
                           const std::vector<dealii::Tensor<1, dim>> &gradients,
                           const dealii::Point<dim>                  &x,
                           const double                               h) const;

    private:
      struct Scratch;
      enum class AssemblyMode
      {
        residual,      ///< residual, trial plastic states
        jacobian,      ///< residual and Jacobian, trial plastic states
        frozen_history ///< residual of the committed history, no plastic update (measurements)
      };
      /// Cell and face terms of one locally owned cell into the scratch's
      /// local residual (and matrix), in SI units. False if the state is
      /// invalid at one of its quadrature points.
      bool
      assemble_cell(const typename dealii::DoFHandler<dim>::active_cell_iterator &cell,
                    Scratch                                                      &scratch,
                    const AssemblyMode                                            mode);
      /// The local contributions to scaled units, then into the global residual and matrix.
      void
      scale_and_distribute(const typename dealii::DoFHandler<dim>::active_cell_iterator &cell,
                           Scratch                                                      &scratch,
                           const bool with_jacobian);

      /// The Dirichlet parts of setup(), for a setup again after refinement.
      std::vector<DisplacementConstraint> displacement_constraints;
      /// Set by assemble(): see invalid_state() and invalid_state_location().
      bool        state_invalid = false;
      std::string invalid_where;
      /// True if the linear solver holds the Jacobian of the current iterate.
      bool jacobian_current = false;

      /// Fields<dim>::index() of the field of a vector component.
      static unsigned int
      field_of(const unsigned int component);

      /// The union of the couplings of the cell and boundary terms in cells
      /// with FE index @p fe_index, as a mask over its local dofs.
      dealii::Table<2, bool>
      cell_dof_mask(const unsigned int fe_index) const;

      void
      fill_point_data(const dealii::FEValuesBase<dim>                        &fe_values,
                      const unsigned int                                      q,
                      const materials::Material                              &material,
                      const std::vector<dealii::Vector<double>>              &values,
                      const std::vector<dealii::Vector<double>>              &old_values,
                      const std::vector<std::vector<dealii::Tensor<1, dim>>> &gradients,
                      PointData<dim>                                         &p,
                      const bool                                              with_response,
                      const double                                            h = 0.) const;

      MPI_Comm                                          comm;
      geometry::CoordinateSystem                        coord;
      MaterialMap                                       material_map;
      dealii::parallel::distributed::Triangulation<dim> tria;
      dealii::MappingQ<dim>                             mapping_q;
      dealii::hp::FECollection<dim>                     fe;
      dealii::hp::QCollection<dim>                      cell_quadrature;
      dealii::hp::QCollection<dim - 1>                  face_quadrature;
      /// The quadrature of interface face pairs: face_quadrature, or, when an
      /// interface is split, p Gauss points per direction (p the displacement
      /// degree), so that the contact constraints at the points are as many
      /// as the nodes the faces add (p + 1 over-constrain the gap; doc/theory.md §5e).
      dealii::hp::QCollection<dim - 1> interface_quadrature;
      dealii::DoFHandler<dim>          dofs;
      dealii::IndexSet                 owned, relevant;
      /// Dofs constrained by hanging nodes (locally relevant ones; after refinement).
      dealii::IndexSet                       hanging_dofs;
      dealii::AffineConstraints<double>      update_constraints;
      std::unique_ptr<solvers::LinearSolver> solver;
      /// Whether the linear solver may take J_uu matrix-free (see
      /// LinearSolverParameters::displacement_operator), and the operator if it does.
      bool                                                          matrix_free_requested = false;
      std::shared_ptr<solvers::MatrixFreeDisplacementOperator<dim>> displacement_operator;
      solvers::Vector               current, old, rhs, direction, iterate_start;
      std::vector<dealii::IndexSet> field_dofs;
      /// Per field (Fields<dim>::index()): residual and unknown scales.
      std::vector<double> residual_scale = std::vector<double>(Fields<dim>::n_fields, 1.);
      std::vector<double> unknown_scales = std::vector<double>(Fields<dim>::n_fields, 1.);
      double              dt             = 1.;
      /// The global scalar unknowns; the out-of-plane stretch is the one at
      /// stretch_index (generalised plane strain), else that is invalid.
      GlobalScalars scalars;
      unsigned int  stretch_index = dealii::numbers::invalid_unsigned_int;

      /// The rigid platen (see enable_platen()).
      struct Platen
      {
        bool                            enabled = false, displacement_controlled = false;
        dealii::types::boundary_id      boundary_id = 0;
        unsigned int                    component   = 0;  ///< normal axis
        double                          normal_sign = 1.; ///< outward normal = sign e_component
        dealii::types::global_dof_index master      = 0;
        dealii::IndexSet                dofs; ///< locally relevant platen dofs
        double                          area = 0., pressure = 0., stiffness = 0.;
      } platen;

      /// The parts of setup(): the FE indices, dofs, hanging-node, Dirichlet,
      /// axis and platen constraints; the field split, the matrix-free J_uu
      /// and the sparsity patterns (from the terms' couplings); the plastic
      /// history of the cells of plastic materials.
      void
      setup_dofs_and_constraints(
          const std::vector<DisplacementConstraint> &displacement_constraints);
      void
      setup_linear_system();
      void
      setup_history();
      /// Find the platen dofs and master, check the boundary is flat, compute its area.
      void
      setup_platen();
      /// Collect the face pairs of the interfaces and their areas.
      void
      setup_interfaces();
      /// Plastic history per quadrature point of the locally owned cells of
      /// plastic materials: the committed (converged) states and those of the
      /// last assembly, in deal.II's CellDataStorage.
      QuadraturePointHistory<dim> history;

      std::vector<std::shared_ptr<const CellTerm<dim>>>     cell_terms;
      std::vector<std::shared_ptr<const BoundaryTerm<dim>>> boundary_terms;
      std::vector<std::shared_ptr<Interface<dim>>>          interfaces;
      /// Per interface (same order), the terms acting on it.
      std::vector<std::vector<std::shared_ptr<const InterfaceTerm<dim>>>> interface_terms;

      /// A set of dofs the Jacobian couples, and which of them it couples
      /// with which (mask(i, j): entry of dof i's row and dof j's column).
      using CoupledSet = std::function<void(const std::vector<dealii::types::global_dof_index> &,
                                            const dealii::Table<2, bool> &)>;
      /// Calls @p f with every set of dofs that the Jacobian couples: the
      /// dofs of each locally owned cell (masked by the cell and boundary
      /// terms' couplings), and those of both cells of each interface face
      /// pair that carries a term with a coupling (masked by its terms'
      /// couplings). With @p displacements_only: the face pairs whose terms
      /// couple u with u only.
      void
      for_each_coupled_set(const CoupledSet &f, const bool displacements_only = false) const;

      /// The terms of pair @p pair_index of interface @p k into the
      /// scratch's pair arrays (SI units); false if a side's state is invalid.
      bool
      assemble_pair(const unsigned int k,
                    const unsigned int pair_index,
                    Scratch           &scratch,
                    const AssemblyMode mode);
      /// Fill scratch.ip at each quadrature point of pair @p pair_index of
      /// interface @p k and call @p f (the fields of both sides evaluated at
      /// the current solution).
      void
      visit_pair_points(const unsigned int                                          k,
                        const unsigned int                                          pair_index,
                        Scratch                                                    &scratch,
                        const std::function<void(const InterfacePointData<dim> &)> &f) const;
      /// Its contributions to scaled units, then into the global residual and matrix.
      void
      scale_and_distribute_pair(Scratch &scratch, const bool with_jacobian);
    };
  } // namespace physics
} // namespace siswell
