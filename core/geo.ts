/** Great-circle distance between two [longitude, latitude] points, in metres. */
const EARTH_RADIUS_M = 6_378_137;

export const distanceMeters = ([lng1, lat1]: [number, number], [lng2, lat2]: [number, number]): number => {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
};

/** Two decimals of a degree is about a kilometre: enough to find a point, too coarse to find a home. */
export const coarse = (degrees: number): number => Math.round(degrees * 100) / 100;
