// Quarter section of a particle of radius 1 (mesh units; use Mesh scale = 1e-6
// for 1 µm), for axisymmetric (x = r, y = z) or plane-strain runs.
// Physical groups: surface 1 = silicon (material id 1);
// curves 1 = axis/x0 plane, 2 = equator/y0 plane, 3 = outer surface.
// Regenerate: gmsh -2 -format msh2 quarter_particle.geo -o quarter_particle.msh
h = 0.25;
Point(1) = {0, 0, 0, h};
Point(2) = {1, 0, 0, h};
Point(3) = {0, 1, 0, h};
Line(1) = {1, 2};
Circle(2) = {2, 1, 3};
Line(3) = {3, 1};
Curve Loop(1) = {1, 2, 3};
Plane Surface(1) = {1};
Recombine Surface{1};
Mesh.Algorithm = 6;
Mesh.RecombinationAlgorithm = 1;
Mesh.SubdivisionAlgorithm = 1; // all quadrilaterals
Physical Surface(1) = {1};
Physical Curve(1) = {3};
Physical Curve(2) = {1};
Physical Curve(3) = {2};
