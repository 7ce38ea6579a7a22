import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { hasRole, type Actor, type Role } from '../../shared/roles';
import { loadScreenLabels } from './i18n';
import { useSessionStore } from './stores/session.store';

declare module 'vue-router' {
  interface RouteMeta {
    /** The least role that may open the screen; the server checks every call again. */
    role?: Role;
    /** Or exactly these roles (the field app: responders and evaluators, whom no other role includes). */
    roles?: readonly Role[];
  }
}

/** Whether this person may open a screen with these route settings. */
export function mayOpen(me: Pick<Actor, 'role'>, meta: { role?: Role; roles?: readonly Role[] }): boolean {
  if (meta.roles) return meta.roles.includes(me.role);
  return !meta.role || hasRole(me, meta.role);
}

/** One route per screen; each view is its own chunk so the wall does not load the dispatch board. */
const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('./views/HomeView.vue'), meta: { role: 'wall' } },
  { path: '/wall', name: 'wall', component: () => import('./views/wall/WallView.vue'), meta: { role: 'wall' } },
  { path: '/roster', name: 'roster', component: () => import('./views/roster/RosterRoute.vue'), meta: { role: 'lead' } },
  { path: '/dispatch', name: 'dispatch', component: () => import('./views/dispatch/DispatchView.vue'), meta: { role: 'seat' } },
  { path: '/score', name: 'score', component: () => import('./views/score/ScoreView.vue'), meta: { role: 'manager' } },
  { path: '/score/operations', name: 'score-operations', component: () => import('./views/score/operations/OperationsView.vue'), meta: { role: 'manager' } },
  { path: '/score/print', name: 'score-print', component: () => import('./views/score/print/ScorePrintView.vue'), meta: { role: 'manager' } },
  { path: '/field', name: 'field', component: () => import('./views/field/FieldView.vue'), meta: { roles: ['responder', 'evaluator'] } },
  { path: '/admin', name: 'admin', component: () => import('./views/admin/AdminView.vue'), meta: { role: 'admin' } },
  { path: '/login', name: 'login', component: () => import('./views/login/LoginView.vue') },
];

export const router = createRouter({ history: createWebHistory(), routes });

/** A screen that needs a role: log in first (and come back), or be told the role is missing. */
router.beforeEach(async (to) => {
  // Every screen but the wall needs the working screens' labels before it renders.
  if (to.name !== 'wall') await loadScreenLabels();
  if (!to.meta.role && !to.meta.roles) return true;
  const session = useSessionStore();
  session.setUnauthenticatedHandler(() => {
    const here = router.currentRoute.value;
    // A kiosk has nobody to log in: the wall stays and says its token is no longer valid.
    if (here.name === 'wall' && session.revoked) return;
    if (here.name !== 'login') void router.push({ name: 'login', query: { redirect: here.fullPath } });
  });
  const me = session.me ?? (await session.refresh());
  if (!me) return { name: 'login', query: { redirect: to.fullPath } };
  if (!mayOpen(me, to.meta)) return { name: 'login', query: { redirect: to.fullPath, reason: 'forbidden' } };
  return true;
});
