// Silicon particle bonded inside a solid-electrolyte layer between a copper
// current collector (bottom) and the platen (top): axisymmetric section
// x = r >= 0, y = z (mesh units µm; use Mesh scale = 1e-6).
//   collector      0   <= y <= 0.5, 0 <= r <= 2        material id 2
//   electrolyte    0.5 <= y <= 3.5, 0 <= r <= 2        material id 1
//   particle       half disc of radius 1 centred at (0, 2)  material id 0
// Boundary ids (physical curves): 11 axis (r = 0), 12 bottom (y = 0),
// 13 top (y = 3.5, the platen), 14 outer side (r = 2). Internal interfaces
// carry no tag.
// Regenerate (all quadrilaterals):
//   gmsh -2 -format msh2 particle_in_electrolyte_axisymmetric.geo -o particle_in_electrolyte_axisymmetric.msh
SetFactory("OpenCASCADE");

W  = 2.0;   // section width (outer radius)
hc = 0.5;   // collector thickness
H  = 3.5;   // top of the electrolyte (platen)
R  = 1.0;   // particle radius
yc = 2.0;   // particle centre on the axis
h  = 0.25;  // target element size before the quad subdivision (halves it)

Rectangle(1) = {0, 0, 0, W, hc};
Rectangle(2) = {0, hc, 0, W, H - hc};
Disk(3) = {0, yc, 0, R};
Rectangle(4) = {-R - 0.1, yc - R - 0.1, 0, R + 0.1, 2 * R + 0.2};
BooleanDifference(5) = { Surface{3}; Delete; }{ Surface{4}; Delete; };
BooleanFragments{ Surface{1, 2, 5}; Delete; }{}

eps = 1e-6;
collector[] = Surface In BoundingBox{-eps, -eps, -eps, W + eps, hc + eps, eps};
particle[]  = Surface In BoundingBox{-eps, yc - R - eps, -eps, R + eps, yc + R + eps, eps};
all[]       = Surface{:};
electrolyte[] = all[];
electrolyte[] -= collector[];
electrolyte[] -= particle[];

axis[]   = Curve In BoundingBox{-eps, -eps, -eps, eps, H + eps, eps};
bottom[] = Curve In BoundingBox{-eps, -eps, -eps, W + eps, eps, eps};
top[]    = Curve In BoundingBox{-eps, H - eps, -eps, W + eps, H + eps, eps};
outer[]  = Curve In BoundingBox{W - eps, -eps, -eps, W + eps, H + eps, eps};

Physical Surface(0) = {particle[]};
Physical Surface(1) = {electrolyte[]};
Physical Surface(2) = {collector[]};
Physical Curve(11) = {axis[]};
Physical Curve(12) = {bottom[]};
Physical Curve(13) = {top[]};
Physical Curve(14) = {outer[]};

MeshSize{ PointsOf{ Surface{:}; } } = h;
MeshSize{ PointsOf{ Surface{particle[]}; } } = 0.75 * h;
Mesh.Algorithm = 6;              // frontal-Delaunay
Mesh.RecombineAll = 1;
Mesh.RecombinationAlgorithm = 1;
Mesh.SubdivisionAlgorithm = 1;   // all quadrilaterals
Mesh.ElementOrder = 1;
Mesh.MshFileVersion = 2.2;
