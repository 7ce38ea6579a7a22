import L from 'leaflet';
import { NEUTRAL, RESPONDER_COLORS, URGENCY_COLORS } from './map-colors';
import type { OrderPoint, ResponderDot } from './map-types';
import { OrderClusters, type ClusterDot } from './order-clusters';

const MAP_FONT = '"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif';
/** Responder names: 20 px at 1080p, the wall's smallest text (WALL.md). */
const LABEL_PX = 20;

/**
 * One canvas for the many things on the map: open work orders (clustered) and responders.
 * A thousand DOM markers moving every second would cost layout on every move; here a change
 * only marks the layer dirty and the next animation frame repaints it once. Nothing is
 * drawn while nothing changes, so an idle wall spends no frames.
 */
export class DotsLayer extends L.Layer {
  private canvas: HTMLCanvasElement | null = null;
  private frame = 0;
  private responders: readonly ResponderDot[] = [];
  private clusters = new OrderClusters();
  private clusterCache: ClusterDot[] | null = null;
  /** Pixel scale of the wall (1 at 1080p, 2 at 2160p), so dots read the same from 5 m. */
  constructor(private scale = 1) {
    super();
  }

  setScale(scale: number) {
    this.scale = scale;
    this.redraw();
  }

  setResponders(responders: readonly ResponderDot[]) {
    this.responders = responders;
    this.redraw();
  }

  setOrders(orders: readonly OrderPoint[]) {
    this.clusters.load(orders);
    this.clusterCache = null;
    this.redraw();
  }

  override onAdd(map: L.Map): this {
    this.canvas = L.DomUtil.create('canvas', 'wall-dots-layer');
    this.canvas.style.pointerEvents = 'none';
    // Its own pane above the overlay pane, where the base map's canvas (district, grid) lives.
    const pane = map.getPane('wallDots') ?? map.createPane('wallDots');
    pane.style.zIndex = '450';
    pane.style.pointerEvents = 'none';
    pane.appendChild(this.canvas);
    // eslint-disable-next-line @typescript-eslint/unbound-method -- Leaflet calls it with `this` (the context argument)
    map.on('moveend zoomend resize viewreset', this.reset, this);
    this.reset();
    return this;
  }

  override onRemove(map: L.Map): this {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- the same bound pair as in onAdd, to remove it
    map.off('moveend zoomend resize viewreset', this.reset, this);
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.canvas?.remove();
    this.canvas = null;
    return this;
  }

  private reset() {
    const map = this._map;
    if (!map || !this.canvas) return;
    const size = map.getSize();
    const ratio = window.devicePixelRatio || 1;
    L.DomUtil.setPosition(this.canvas, map.containerPointToLayerPoint([0, 0]));
    this.canvas.width = Math.round(size.x * ratio);
    this.canvas.height = Math.round(size.y * ratio);
    this.canvas.style.width = `${size.x}px`;
    this.canvas.style.height = `${size.y}px`;
    this.clusterCache = null;
    this.redraw();
  }

  redraw() {
    if (this.frame || !this.canvas) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private draw() {
    const map = this._map;
    const canvas = this.canvas;
    if (!map || !canvas) return;
    const ctx = canvas.getContext('2d')!;
    const ratio = window.devicePixelRatio || 1;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    this.drawClusters(ctx, map);
    this.drawResponders(ctx, map);
  }

  private drawClusters(ctx: CanvasRenderingContext2D, map: L.Map) {
    if (!this.clusterCache) {
      const b = map.getBounds().pad(0.1);
      // Clustered as at 1080p: at 4K the same frame is one zoom level closer and the bubbles twice
      // the size, so clustering at the map's own zoom would pile them on each other.
      const zoom = map.getZoom() - Math.log2(this.scale);
      this.clusterCache = this.clusters.clusters(b.getWest(), b.getSouth(), b.getEast(), b.getNorth(), zoom);
    }
    const s = this.scale;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.font = `600 ${14 * s}px ${MAP_FONT}`;
    for (const c of this.clusterCache) {
      const p = map.latLngToContainerPoint([c.lat, c.lng]);
      const single = c.count === 1;
      const r = single ? 4.5 * s : (10 + Math.min(14, Math.log2(c.count) * 2)) * s;
      ctx.beginPath();
      ctx.arc(p.x, p.y, r, 0, Math.PI * 2);
      ctx.fillStyle = c.urgency === 'ok' ? NEUTRAL.cluster : URGENCY_COLORS[c.urgency];
      ctx.globalAlpha = single ? 0.9 : 0.75;
      ctx.fill();
      ctx.globalAlpha = 1;
      if (!single) {
        ctx.fillStyle = NEUTRAL.clusterText;
        ctx.fillText(c.count > 999 ? `${Math.round(c.count / 100) / 10}k` : String(c.count), p.x, p.y);
      }
    }
  }

  private drawResponders(ctx: CanvasRenderingContext2D, map: L.Map) {
    const s = this.scale;
    const r = 8 * s;
    // Batch by colour: one path and one fill per status instead of one per dot.
    for (const status of ['off_duty', 'idle', 'on_scene', 'en_route'] as const) {
      ctx.beginPath();
      for (const d of this.responders) {
        if (d.status !== status) continue;
        const p = map.latLngToContainerPoint([d.lat, d.lng]);
        ctx.moveTo(p.x + r, p.y);
        ctx.arc(p.x, p.y, r, 0, Math.PI * 2);
      }
      if (status === 'off_duty') {
        // Hollow: an off-duty responder is a place, not an available resource.
        ctx.lineWidth = 2.5 * s;
        ctx.strokeStyle = RESPONDER_COLORS.off_duty;
        ctx.stroke();
        continue;
      }
      ctx.fillStyle = RESPONDER_COLORS[status];
      ctx.fill();
      ctx.lineWidth = 2 * s;
      ctx.strokeStyle = '#0b1a33';
      ctx.stroke();
    }
    this.drawFlags(ctx, map);
    this.drawLabels(ctx, map);
  }

  /** A red ring around a responder on an incident while clocked out (MapLegend explains it). */
  private drawFlags(ctx: CanvasRenderingContext2D, map: L.Map) {
    const s = this.scale;
    ctx.beginPath();
    for (const d of this.responders) {
      if (!d.offDutyOnIncident) continue;
      const p = map.latLngToContainerPoint([d.lat, d.lng]);
      ctx.moveTo(p.x + 13 * s, p.y);
      ctx.arc(p.x, p.y, 13 * s, 0, Math.PI * 2);
    }
    ctx.lineWidth = 3 * s;
    ctx.strokeStyle = URGENCY_COLORS.breached;
    ctx.stroke();
  }

  /**
   * Each responder's name beside the dot, in its status colour, outlined to stay legible over
   * clusters. Two responders at one place (a depot, one incident) would print one name over the
   * other: a label that would overlap one already placed moves down a line, up to three times.
   */
  private drawLabels(ctx: CanvasRenderingContext2D, map: L.Map) {
    const s = this.scale;
    const line = (LABEL_PX + 4) * s;
    ctx.font = `700 ${LABEL_PX * s}px ${MAP_FONT}`;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    ctx.lineJoin = 'round';
    ctx.lineWidth = 4 * s;
    ctx.strokeStyle = '#0b1a33';
    const placed: { x: number; y: number; w: number }[] = [];
    // The check is quadratic: a real center has a handful of responders; a stress test's thousand are not read by name.
    const avoid = this.responders.length <= 200;
    const hits = (x: number, y: number, w: number) => placed.some((p) => x < p.x + p.w && p.x < x + w && Math.abs(y - p.y) < line);
    for (const d of this.responders) {
      const p = map.latLngToContainerPoint([d.lat, d.lng]);
      const x = p.x + 16 * s;
      let y = p.y;
      if (avoid) {
        const w = ctx.measureText(d.name).width;
        for (let tries = 0; tries < 3 && hits(x, y, w); tries++) y += line;
        placed.push({ x, y, w });
      }
      ctx.strokeText(d.name, x, y);
      ctx.fillStyle = d.offDutyOnIncident ? URGENCY_COLORS.breached : d.status === 'off_duty' ? NEUTRAL.offDutyLabel : RESPONDER_COLORS[d.status];
      ctx.fillText(d.name, x, y);
    }
  }
}
