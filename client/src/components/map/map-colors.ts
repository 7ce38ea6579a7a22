import type { ResponderStatus } from '../../../../shared/domain/staff';

/**
 * Colours on the map mean state only (WALL.md): responders by what they are doing,
 * deadlines by green ok / amber near / red breached; everything else is neutral.
 * The same values as --ok / --warn / --bad in client/src/styles/base.css (canvas cannot read CSS).
 */
export const RESPONDER_COLORS: Record<ResponderStatus, string> = {
  idle: '#2ecc71',
  en_route: '#38bdf8',
  on_scene: '#f8fafc',
  off_duty: '#64748b',
};

export type Urgency = 'ok' | 'near' | 'breached';

export const URGENCY_COLORS: Record<Urgency, string> = {
  ok: '#2ecc71',
  near: '#f5a623',
  breached: '#ff4d4f',
};

export const NEUTRAL = {
  boundaryStroke: '#7dd3fc',
  boundaryFill: '#0f2547',
  gridStroke: '#1e3a66',
  cluster: '#94a3b8',
  clusterText: '#0b1a33',
  /** Lighter than the hollow dot: a name must stay readable from 5 m. */
  offDutyLabel: '#a8b5c9',
} as const;
