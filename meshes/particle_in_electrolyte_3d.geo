// Silicon particle bonded inside a solid-electrolyte layer between a copper
// current collector (bottom) and the platen (top): 3D quarter (x >= 0,
// y >= 0) of a square unit cell 4 µm × 4 µm, z vertical (mesh units µm; use
// Mesh scale = 1e-6).
//   collector      0   <= z <= 0.5                   material id 2
//   electrolyte    0.5 <= z <= 3.5                   material id 1
//   particle       quarter ball of radius 1 centred at (0, 0, 2)  material id 0
// Boundary ids (physical surfaces): 11 symmetry plane x = 0, 15 symmetry
// plane y = 0, 12 bottom (z = 0), 13 top (z = 3.5, the platen), 14 outer
// side x = 2, 16 outer side y = 2. Internal interfaces carry no tag.
// All hexahedra (each tetrahedron split into four): keep it coarse.
// Regenerate:
//   gmsh -3 -format msh2 particle_in_electrolyte_3d.geo -o particle_in_electrolyte_3d.msh
SetFactory("OpenCASCADE");

W  = 2.0;   // half width of the unit cell
hc = 0.5;   // collector thickness
H  = 3.5;   // top of the electrolyte (platen)
R  = 1.0;   // particle radius
zc = 2.0;   // particle centre on the z axis
h  = 1.0;   // target tetrahedron size in the solids around (each becomes 4 hexahedra)

Box(1) = {0, 0, 0, W, W, hc};
Box(2) = {0, 0, hc, W, W, H - hc};
Sphere(3) = {0, 0, zc, R, -Pi/2, Pi/2, Pi/2};   // quarter ball: azimuth 0 .. π/2
BooleanFragments{ Volume{1, 2, 3}; Delete; }{}

eps = 1e-6;
collector[] = Volume In BoundingBox{-eps, -eps, -eps, W + eps, W + eps, hc + eps};
particle[]  = Volume In BoundingBox{-eps, -eps, zc - R - eps, R + eps, R + eps, zc + R + eps};
all[]       = Volume{:};
electrolyte[] = all[];
electrolyte[] -= collector[];
electrolyte[] -= particle[];

x0[]     = Surface In BoundingBox{-eps, -eps, -eps, eps, W + eps, H + eps};
y0[]     = Surface In BoundingBox{-eps, -eps, -eps, W + eps, eps, H + eps};
bottom[] = Surface In BoundingBox{-eps, -eps, -eps, W + eps, W + eps, eps};
top[]    = Surface In BoundingBox{-eps, -eps, H - eps, W + eps, W + eps, H + eps};
outerx[] = Surface In BoundingBox{W - eps, -eps, -eps, W + eps, W + eps, H + eps};
outery[] = Surface In BoundingBox{-eps, W - eps, -eps, W + eps, W + eps, H + eps};

Physical Volume(0) = {particle[]};
Physical Volume(1) = {electrolyte[]};
Physical Volume(2) = {collector[]};
Physical Surface(11) = {x0[]};
Physical Surface(15) = {y0[]};
Physical Surface(12) = {bottom[]};
Physical Surface(13) = {top[]};
Physical Surface(14) = {outerx[]};
Physical Surface(16) = {outery[]};

MeshSize{ PointsOf{ Volume{:}; } } = h;
MeshSize{ PointsOf{ Volume{particle[]}; } } = 0.6 * h;
Mesh.SubdivisionAlgorithm = 2;   // all hexahedra
Mesh.ElementOrder = 1;
Mesh.Optimize = 1;
Mesh.MshFileVersion = 2.2;
