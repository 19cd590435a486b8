// Two separate silicon particles (radius 1, mesh units; Mesh scale = 1e-6 for
// 1 µm) embedded in a block of solid electrolyte, plane section, for runs
// with two active materials (e.g. one pre-lithiated).
// Physical groups: surface 1 = first particle, 3 = second particle,
// 2 = electrolyte; curve 1 = bottom (y = 0), 2 = top, 3 = left and right.
// Regenerate: gmsh -2 -format msh2 two_particles.geo -o two_particles.msh
SetFactory("OpenCASCADE");
h = 0.35;
Rectangle(1) = {0, 0, 0, 6, 3};
Disk(2) = {1.5, 1.5, 0, 1};
Disk(3) = {4.5, 1.5, 0, 1};
BooleanFragments{ Surface{1}; Delete; }{ Surface{2, 3}; Delete; }
Mesh.CharacteristicLengthMax = h;
Mesh.Algorithm = 6;
Mesh.RecombinationAlgorithm = 1;
Mesh.RecombineAll = 1;
Mesh.SubdivisionAlgorithm = 1; // all quadrilaterals
Physical Surface(1) = {2};
Physical Surface(3) = {3};
Physical Surface(2) = {4};
eps = 1e-6;
Physical Curve(1) = Curve In BoundingBox{-eps, -eps, -eps, 6 + eps, eps, eps};
Physical Curve(2) = Curve In BoundingBox{-eps, 3 - eps, -eps, 6 + eps, 3 + eps, eps};
Physical Curve(3) = {Curve In BoundingBox{-eps, -eps, -eps, eps, 3 + eps, eps}, Curve In BoundingBox{6 - eps, -eps, -eps, 6 + eps, 3 + eps, eps}};
