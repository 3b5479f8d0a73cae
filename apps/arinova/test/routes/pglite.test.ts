import { pgliteBackend } from "../support/backends.ts";
import { describeRouteContract } from "./contract.ts";

describeRouteContract("PGlite", pgliteBackend);
