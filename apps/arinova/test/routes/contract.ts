/** The route contract, one suite run against each database engine. */
import { describe } from "bun:test";
import { serviceUrl } from "@rt/testkit";
import type { BackendFactory } from "../support/backends.ts";
import { agentsSuite } from "./agents.suite.ts";
import { suiteContext } from "./context.ts";
import { conversationsSuite } from "./conversations.suite.ts";
import { crossCuttingSuite } from "./cross-cutting.suite.ts";
import { groupsSuite } from "./groups.suite.ts";
import { headSuite } from "./head.suite.ts";
import { messagesSuite } from "./messages.suite.ts";
import { mountedSuite } from "./mounted.suite.ts";
import { pushSuite } from "./push.suite.ts";
import { rateLimitSuite } from "./rate-limit.suite.ts";
import { reactionsSuite } from "./reactions.suite.ts";

/** The shared-Redis case runs when TEST_REDIS_URL is set; TEST_REQUIRE_SERVICES=1 makes it mandatory. */
const redisUrl = await serviceUrl("TEST_REDIS_URL");

export function describeRouteContract(name: string, factory: BackendFactory): void {
  describe(`routes on ${name}`, () => {
    const ctx = suiteContext(factory);
    agentsSuite(ctx);
    conversationsSuite(ctx);
    groupsSuite(ctx);
    messagesSuite(ctx);
    pushSuite(ctx);
    reactionsSuite(ctx);
    crossCuttingSuite(ctx);
    headSuite(ctx);
    mountedSuite(ctx);
    rateLimitSuite(ctx, redisUrl);
  });
}
