import { today } from './boundary-sets';
import type { GeographyService } from './geography.service';

/**
 * A hint for a point outside the city whose coordinates, read the other way round, fall in a
 * ward: the usual mistake is latitude first ("52.92, -1.47" for Derby, which as lon, lat is a
 * valid point in the Indian Ocean). Both readings are located in one statement.
 * @returns "; …look swapped…" to append to the caller's message, or '' when swapping does not help
 */
export async function swapHint(geography: GeographyService, lon: number, lat: number): Promise<string> {
  if (!(Math.abs(lon) <= 90)) {
    return '';
  }
  const [swapped] = await geography.locate([[lat, lon]], today());
  return swapped?.wardCode
    ? `; lon and lat look swapped: (lon ${lat}, lat ${lon}) is in the city (ward ${swapped.wardCode}), and GeoJSON order is lon first`
    : '';
}
