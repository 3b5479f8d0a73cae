/** The Taskcast HTTP server: what the CLI and tests build on. */
export { PortArchiveRestorer } from "./archive/import.ts";
export type {
  AuthConfig,
  AuthContext,
  JwtAlgorithm,
  JwtConfig,
  Scope,
  TrustedService,
} from "./auth/context.ts";
export { type BuildConfig, type BuiltServer, buildServer } from "./build.ts";
export type { AdapterInfo, DependencyCheck } from "./info.ts";
export { createTaskcastServer, type TaskcastServer, type TaskcastServerOptions } from "./server.ts";
