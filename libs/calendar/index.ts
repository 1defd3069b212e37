// Deadlines in people's time (Luxon). Never imported by workflows/ or libs/domain, which must stay deterministic.
export * from './calendar';
export * from './invitation';
