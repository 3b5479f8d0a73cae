export type { Bus, BusHandler, Unsubscribe } from "./bus.ts";
export type { HandlerErrorReporter } from "./delivery.ts";
export { type Beating, HeartbeatClock, sharedHeartbeatClock } from "./heartbeat-clock.ts";
export { MemoryBus, type MemoryBusOptions } from "./memory-bus.ts";
export { RedisBus, type RedisBusOptions } from "./redis-bus.ts";
export { type SseInit, type SseStream, sseResponse } from "./sse.ts";
export {
  formatSseComment,
  formatSseFrame,
  PreparedSseFrame,
  prepareSseFrame,
  type SseFrame,
} from "./sse-frame.ts";
export {
  createWsHub,
  type HubSocket,
  SLOW_CONSUMER,
  type WsHub,
  type WsHubOptions,
} from "./ws-hub.ts";
