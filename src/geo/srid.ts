/** WGS 84 longitude/latitude: how geometry is stored and how GeoJSON (RFC 7946) travels. */
export const WGS84 = 4326;
/** British National Grid, metres: where distances, areas and simplification are computed. */
export const BRITISH_NATIONAL_GRID = 27700;
