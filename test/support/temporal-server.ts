// The tests' Temporal binaries and dev server: shared with the benchmarks in libs/temporal/dev-server.
export { freePort, TEMPORAL_CLI, TEMPORAL_TEST_SERVER, TemporalDevServer, TOOLS_BIN } from '../../libs/temporal/dev-server';
