/**
 * Agent turns of a conversation (websocket.md §4): a user message starts one (or waits behind
 * the active one), a turn stores the agent's message and hands the task to whichever instance
 * holds the agent, and its end stores the final text and starts the next waiting turn.
 * A group message gives every member agent a turn, one after another (the original dropped
 * group messages).
 */
import { appendMessages, type Message, type NewMessage } from "../chat/seq.ts";
import type { ActiveStream, TurnRequest } from "../realtime/active-streams.ts";
import { type StreamRef, streamEnd, streamError, streamStart } from "../ws/server-events.ts";
import { agentTopic, type StreamDeps, type TaskInfo } from "./deps.ts";
import { notConnectedError, notConnectedMessage, taskContent } from "./prompt.ts";
import {
  addMessage,
  type ChatAgent,
  currentAgent,
  groupAgentIds,
  loadAgent,
  ownedConversation,
  settleMessage,
} from "./store.ts";

interface StartOptions {
  /** The request's user message is not stored yet: store it with the agent's, in one commit. */
  storeUserMessage?: boolean;
}

export interface UserMessageOptions {
  /** The message is already stored (an upload). */
  skipUserMessage?: boolean;
}

const refOf = (task: TaskInfo): StreamRef => ({
  conversationId: task.conversationId,
  messageId: task.taskId,
  seq: task.seq,
});

export class Turns {
  readonly #deps: StreamDeps;

  constructor(deps: StreamDeps) {
    this.#deps = deps;
  }

  /** A user wrote to a conversation: store it and let its agent(s) answer. */
  async userMessage(
    userId: string,
    conversationId: string,
    content: string,
    options: UserMessageOptions = {},
  ): Promise<void> {
    const { db, active } = this.#deps;
    const conversation = await ownedConversation(db, userId, conversationId);
    if (conversation === undefined) return;
    // The common case, a direct conversation with nothing streaming: claim first, so the user's
    // message and the agent's answer are stored in one commit. A busy conversation stores the
    // message first and queues it below, so a queued turn never writes its answer early.
    if (conversation.agent !== null && conversation.agentId !== null && !options.skipUserMessage) {
      const request: TurnRequest = { userId, conversationId, content };
      const claim = await active.tryClaim(request);
      if (claim !== null) return this.start(claim, request, conversation.agent, { storeUserMessage: true });
    }
    const members = conversation.agentId === null ? await groupAgentIds(db, conversationId) : [undefined];
    if (!options.skipUserMessage) {
      await addMessage(db, { conversationId, role: "user", status: "completed", content }, true);
      this.#deps.counters.messageStored("user");
    }
    for (const agentId of members) {
      const request: TurnRequest =
        agentId === undefined
          ? { userId, conversationId, content }
          : { userId, conversationId, content, agentId };
      const claim = await active.claimOrQueue(request);
      // A turn that starts at once answers with the agent read along with the conversation.
      if (claim !== null) await this.start(claim, request, conversation.agent ?? undefined);
    }
  }

  /**
   * Runs a claimed turn: the agent's message, `stream_start`, and the task to the agent.
   * `known` is the conversation's agent when it was read just now; otherwise it is read again.
   */
  async start(
    claim: ActiveStream,
    request: TurnRequest,
    known?: ChatAgent,
    options: StartOptions = {},
  ): Promise<void> {
    const { db, events, active, agents, bus, logger, counters } = this.#deps;
    const { conversationId, userId } = request;
    let userMessagePending = options.storeUserMessage === true;
    const store = async (answer: NewMessage, bump: boolean): Promise<Message> => {
      if (!userMessagePending) {
        const message = await addMessage(db, answer, bump);
        counters.messageStored("agent");
        return message;
      }
      const user: NewMessage = {
        conversationId,
        role: "user",
        status: "completed",
        content: request.content,
      };
      // The user's message moves the conversation up the list, as when it is stored alone.
      const [, message] = await appendMessages(db, [user, answer], { bumpConversation: true });
      userMessagePending = false;
      counters.messageStored("user");
      counters.messageStored("agent");
      return message!;
    };
    try {
      const agent =
        request.agentId !== undefined
          ? await loadAgent(db, request.agentId)
          : (known ?? (await currentAgent(db, conversationId)));
      if (agent === undefined) return await this.#release(conversationId, claim.turn);

      if (agents.connected(agent.id) === undefined) {
        const token = agent.secretToken ?? "";
        const message = await store(
          { conversationId, role: "agent", status: "error", content: notConnectedMessage(agent.name, token) },
          false,
        );
        const ref = { conversationId, messageId: message.id, seq: message.seq };
        await events.send(userId, streamStart(ref));
        await events.send(userId, streamError(ref, notConnectedError(agent.name, token)));
        return await this.#release(conversationId, claim.turn);
      }

      const message = await store({ conversationId, role: "agent", status: "streaming", content: "" }, true);
      const stream: ActiveStream = { ...claim, messageId: message.id, seq: message.seq, agentId: agent.id };
      await active.update(conversationId, stream);
      const task: TaskInfo = {
        taskId: message.id,
        conversationId,
        userId,
        seq: message.seq,
        agentId: agent.id,
        agentName: agent.name,
        content: taskContent(agent.systemPrompt, request.content),
        stream,
      };
      // stream_start is published before the task leaves, so it reaches the user before any chunk.
      await events.send(userId, streamStart(refOf(task)));
      await bus.publish(agentTopic(agent.id), JSON.stringify({ kind: "task", task }));
    } catch (error) {
      logger.error("agent turn failed to start", { conversationId, error: String(error) });
      // The user's words are kept even when their answer could not be started.
      if (userMessagePending) {
        await addMessage(
          db,
          { conversationId, role: "user", status: "completed", content: request.content },
          true,
        )
          .then(() => counters.messageStored("user"))
          .catch(() => undefined);
      }
      await this.#release(conversationId, claim.turn).catch(() => undefined);
    }
  }

  /** `agent_complete`: the final text is what the agent says it is, not the streamed chunks. */
  async complete(task: TaskInfo, content: string): Promise<void> {
    const { db, events, streamText, logger } = this.#deps;
    await streamText.delete(task.taskId).catch(() => undefined);
    if (await settleMessage(db, task.taskId, "completed", content)) {
      await events.send(task.userId, streamEnd(refOf(task)));
      await this.#deps
        .notifyCompletion({
          userId: task.userId,
          conversationId: task.conversationId,
          agentName: task.agentName,
          content,
        })
        .catch((error: unknown) => logger.error("push after completion failed", { error: String(error) }));
    }
    await this.#release(task.conversationId, task.stream.turn);
  }

  async fail(task: TaskInfo, error: string): Promise<void> {
    const { db, events, streamText } = this.#deps;
    await streamText.delete(task.taskId).catch(() => undefined);
    if (await settleMessage(db, task.taskId, "error", error)) {
      await events.send(task.userId, streamError(refOf(task), error));
    }
    await this.#release(task.conversationId, task.stream.turn);
  }

  /** Ends a turn and starts the next waiting one, if any. */
  async #release(conversationId: string, turn: string): Promise<void> {
    const next = await this.#deps.active.finish(conversationId, turn);
    if (next !== null) await this.start(next.claim, next.request);
  }
}
