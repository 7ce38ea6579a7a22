import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';

/** One route per screen; each view is its own chunk so the wall does not load the dispatch board. */
const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('./views/HomeView.vue') },
  { path: '/wall', name: 'wall', component: () => import('./views/wall/WallView.vue') },
];

export const router = createRouter({ history: createWebHistory(), routes });
