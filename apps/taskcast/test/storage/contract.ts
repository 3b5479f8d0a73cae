/**
 * The storage adapter contract: one suite per port, run against every implementation.
 * A new adapter's test file calls these with a factory that builds a fresh, isolated store
 * (own Redis prefix / schema / SQLite file) and a `dispose` that tears it down.
 */
export { runBroadcastContract } from "./contract/broadcast.ts";
export type {
  ContractOptions,
  Fixture,
  FixtureFactory,
  LongTermContractOptions,
} from "./contract/fixtures.ts";
export { runLongTermContract } from "./contract/long-term.ts";
export { runShortTermContract } from "./contract/short-term.ts";
