// Turns settings into the calculator's preferences: jurisdiction policy, home point and radius, grid year, and what
// the headline figure counts.
import type { DatasetIndex } from '../core/data/dataset';
import { resolveRegion } from '../core/data/resolve';
import type { Preferences } from '../core/carbon/assess';
import type { LatLon } from '../core/carbon/geo';
import type { Settings } from './config';

export function preferencesFrom(settings: Settings, index: DatasetIndex): Preferences {
  const policy = settings['jurisdiction.policy'];
  const home = homePoint(settings, index);
  const maxDistanceKm = settings['home.maxDistanceKm'];
  const year = settings.gridYear !== null && index.data.grid.years.includes(settings.gridYear) ? settings.gridYear : undefined;
  return {
    jurisdiction:
      policy === 'list' ? { kind: 'list', allowed: settings['jurisdiction.allowed'].map((j) => j.toUpperCase()) } : { kind: policy },
    ...(home && maxDistanceKm !== null ? { near: home, maxDistanceKm } : {}),
    calc: { ...(year ? { year } : {}), basis: settings['carbon.basis'] },
  };
}

function homePoint(settings: Settings, index: DatasetIndex): LatLon | undefined {
  const coordinates = settings['home.coordinates'].trim();
  if (coordinates) {
    const [lat, lon] = coordinates.split(',').map(Number);
    return { lat, lon };
  }
  const region = settings['home.region'].trim();
  if (!region) return undefined;
  const match = resolveRegion(index, region.includes(':') ? region.split(':')[1] : region);
  return match ? { lat: match.region.lat, lon: match.region.lon } : undefined;
}
