/**
 * What the chat pipeline reports to operations. A port, so the streaming and push code knows
 * nothing about Prometheus, and tests or embedders that do not care pass nothing.
 */
export interface PipelineCounters {
  messageStored(role: "user" | "agent"): void;
  chunkRelayed(): void;
  pushResult(outcome: "sent" | "failed"): void;
}

export const noCounters: PipelineCounters = {
  messageStored: () => undefined,
  chunkRelayed: () => undefined,
  pushResult: () => undefined,
};
