/** Coverage engine: team headcount and the 98 % rule, on-duty coverage, flags, forecast, rotations. */
export * from './staff-profile';
export * from './qualifications';
export * from './team-headcount';
export * from './staffing-day';
export * from './on-duty';
export * from './evaluator-pattern';
export * from './day-report';
export * from './rotation';
export * from './shift';
export type * from './views';
export * from './wall-coverage';
