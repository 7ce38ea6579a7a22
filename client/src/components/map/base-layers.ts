import L from 'leaflet';
import type { FeatureCollection } from 'geojson';
import { NEUTRAL } from './map-colors';

/**
 * The offline base map: the district outline and its grid cells, served by the app itself
 * (the Center has no internet). An internal tile server can be put underneath by setting.
 * Drawn on the map's shared canvas renderer (preferCanvas): a thousand cells as SVG would be slow.
 */
export async function addBaseLayers(map: L.Map, scale: number) {
  const [district, cells] = await Promise.all([fetchJson('/geo/district.geojson'), fetchJson('/geo/grid-cells.geojson')]);
  L.geoJSON(cells, {
    interactive: false,
    style: { color: NEUTRAL.gridStroke, weight: 1 * scale, fill: false },
  }).addTo(map);
  const outline = L.geoJSON(district, {
    interactive: false,
    style: { color: NEUTRAL.boundaryStroke, weight: 2.5 * scale, fillColor: NEUTRAL.boundaryFill, fillOpacity: 0.55 },
  }).addTo(map);
  outline.bringToBack();
  return outline;
}

/** Puts the internal tile server under the GeoJSON, or takes it away; '' = none. */
export function setTileLayer(map: L.Map, current: L.TileLayer | null, url: string, outline: L.GeoJSON | null): L.TileLayer | null {
  current?.remove();
  // With tiles the district fill would hide them: keep only the outline.
  outline?.setStyle({ fillOpacity: url ? 0 : 0.55 });
  if (!url) return null;
  return L.tileLayer(url, { maxZoom: 18, opacity: 0.55 }).addTo(map);
}

async function fetchJson(url: string): Promise<FeatureCollection> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return (await res.json()) as FeatureCollection;
}
