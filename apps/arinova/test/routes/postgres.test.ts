import { describe } from "bun:test";
import { serviceUrl } from "@rt/testkit";
import { postgresBackend } from "../support/backends.ts";
import { describeRouteContract } from "./contract.ts";

const url = await serviceUrl("TEST_DATABASE_URL");

describe.skipIf(!url)("PostgreSQL", () => {
  if (url) describeRouteContract("PostgreSQL", postgresBackend(url));
});
