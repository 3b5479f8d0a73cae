/**
 * The one push trigger: an agent's completed answer (websocket.md §4.7), unless the user has
 * a tab in the foreground, muted the conversation, or preferences/quiet hours/dedup say no.
 */
import { and, eq } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { conversationReads } from "../db/schema/index.ts";
import type { PipelineCounters } from "../ops/pipeline-counters.ts";
import type { UserPresence } from "../realtime/user-presence.ts";
import type { Completion } from "../streams/deps.ts";
import type { PushDedup } from "./dedup.ts";
import { shouldSendPush } from "./policy.ts";
import { type PushTransport, sendPushToUser, type VapidKeys } from "./sender.ts";

export interface CompletionPushDeps {
  db: Database;
  presence: UserPresence;
  dedup: PushDedup;
  vapid: VapidKeys;
  now: () => Date;
  transport?: PushTransport;
  counters: PipelineCounters;
}

const BODY_LIMIT = 100;

export function completionBody(content: string): string {
  return content.length > BODY_LIMIT ? `${content.slice(0, BODY_LIMIT)}\u2026` : content;
}

export function completionPush(deps: CompletionPushDeps): (completion: Completion) => Promise<void> {
  return async ({ userId, conversationId, agentName, content }) => {
    // Without VAPID keys nothing is ever sent, so the checks (and the dedup window they would
    // open) can be skipped; it spares every completion two queries.
    if (deps.vapid.publicKey === "" || deps.vapid.privateKey === "") return;
    if ((await deps.presence.state(userId)).foreground) return;
    const [read] = await deps.db
      .select({ muted: conversationReads.muted })
      .from(conversationReads)
      .where(and(eq(conversationReads.userId, userId), eq(conversationReads.conversationId, conversationId)));
    if (read?.muted) return;
    if (!(await shouldSendPush(deps.db, deps.dedup, userId, "message", deps.now()))) return;
    const payload = JSON.stringify({
      type: "message",
      title: agentName,
      body: completionBody(content),
      url: `/chat/${conversationId}`,
    });
    const { sent, failed } = await sendPushToUser(deps.db, deps.vapid, userId, payload, deps.transport);
    for (let i = 0; i < sent; i++) deps.counters.pushResult("sent");
    for (let i = 0; i < failed; i++) deps.counters.pushResult("failed");
  };
}
