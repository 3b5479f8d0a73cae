/** What the streaming pipeline is built from; shared state sits behind the realtime/ interfaces. */
import type { Logger } from "@rt/kit";
import type { Bus } from "@rt/realtime";
import type { Database } from "../db/client.ts";
import type { PipelineCounters } from "../ops/pipeline-counters.ts";
import type { ActiveStream, ActiveStreams } from "../realtime/active-streams.ts";
import type { AgentRegistry } from "../realtime/agent-registry.ts";
import type { Instances } from "../realtime/instances.ts";
import type { StreamTextWriter } from "../realtime/stream-text-writer.ts";

/** Sends one server → client event to every open socket of a user, or queues it. */
export interface UserEventSink {
  send(userId: string, event: string): Promise<void>;
}

/** A finished agent answer, for the push decision. */
export interface Completion {
  userId: string;
  conversationId: string;
  agentName: string;
  content: string;
}

export interface StreamDeps {
  db: Database;
  logger: Logger;
  bus: Bus;
  events: UserEventSink;
  active: ActiveStreams;
  streamText: StreamTextWriter;
  agents: AgentRegistry;
  instances: Instances;
  notifyCompletion: (completion: Completion) => Promise<void>;
  counters: PipelineCounters;
  /** Milliseconds without a chunk before a task fails (600 000). */
  taskIdleMs: number;
}

/** One agent turn in flight: what the agent's instance needs to stream and finish it. */
export interface TaskInfo {
  taskId: string;
  conversationId: string;
  userId: string;
  seq: number;
  agentId: string;
  agentName: string;
  content: string;
  stream: ActiveStream;
}

export const agentTopic = (agentId: string): string => `agent:${agentId}`;
/** Cancellations go to every instance: only the one holding the task acts. */
export const TASKS_TOPIC = "tasks";
