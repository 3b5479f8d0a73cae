/**
 * Messages left `streaming` by an instance that stopped (restart, crash) would otherwise stay
 * so until a client happens to sync them (websocket.md §4.9). At start-up and every minute,
 * each one whose turn no live instance holds is failed like any other turn: stored as an
 * error, `stream_error` to the user (queued if offline), and the conversation's next turn runs.
 */
import { eq } from "drizzle-orm";
import { conversations, messages } from "../db/schema/index.ts";
import type { StreamDeps, TaskInfo } from "./deps.ts";
import { ERRORS } from "./prompt.ts";
import type { Turns } from "./turns.ts";

/** A turn claimed but not yet accepted by any agent instance for this long is lost. */
const UNOWNED_GRACE_MS = 30_000;

export async function sweepStaleStreams(deps: StreamDeps, turns: Turns): Promise<number> {
  const { db, active, instances } = deps;
  const streaming = await db
    .select({
      id: messages.id,
      conversationId: messages.conversationId,
      seq: messages.seq,
      userId: conversations.userId,
    })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(eq(messages.status, "streaming"));
  let swept = 0;
  for (const message of streaming) {
    const stream = await active.get(message.conversationId);
    const ours = stream?.messageId === message.id;
    // A turn between storing its message and recording it: give it time.
    if (stream !== null && stream.messageId === undefined && Date.now() - stream.since < UNOWNED_GRACE_MS)
      continue;
    if (ours && stream !== null) {
      const alive =
        stream.owner !== undefined
          ? await instances.isAlive(stream.owner)
          : Date.now() - stream.since < UNOWNED_GRACE_MS;
      if (alive) continue;
    }
    const task: TaskInfo = {
      taskId: message.id,
      conversationId: message.conversationId,
      userId: message.userId,
      seq: message.seq,
      agentId: stream?.agentId ?? "",
      agentName: "",
      content: "",
      // A turn that no longer holds the conversation must not release it.
      stream: ours && stream !== null ? stream : { turn: "", since: 0, userId: message.userId },
    };
    await turns.fail(task, ERRORS.interrupted);
    swept++;
  }
  return swept;
}
