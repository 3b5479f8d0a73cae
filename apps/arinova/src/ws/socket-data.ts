/**
 * What each socket carries (`ws.data`). Both endpoints share one Bun server and so one
 * WebSocket handler; `kind` tells them apart. Client data stays small: it exists once per
 * connected browser tab.
 */
import type { HubSocket } from "@rt/realtime";

export interface ClientData {
  kind: "client";
  /** Empty when the upgrade carried no valid session: the socket is closed on open. */
  userId: string;
  visible: boolean;
  /** Time of the last inbound frame, for the 45 s heartbeat. */
  lastSeen: number;
  /** While the socket is being set up: inbound frames waiting to be handled, in order. */
  inbox: string[] | null;
  /** While the offline queue is replayed: live events held back so order is kept. */
  outbox: string[] | null;
}

export interface AgentData {
  kind: "agent";
  connectionId: string;
  /** Set once `agent_auth` succeeded. */
  agentId: string | null;
  authTimer: ReturnType<typeof setTimeout> | null;
}

export type SocketData = ClientData | AgentData;
export type AnySocket = HubSocket<SocketData>;
export type ClientSocket = HubSocket<SocketData> & { data: ClientData };
export type AgentSocket = HubSocket<SocketData> & { data: AgentData };

export const isClient = (ws: AnySocket): ws is ClientSocket => ws.data.kind === "client";

export const clientData = (userId: string): ClientData => ({
  kind: "client",
  userId,
  visible: false,
  lastSeen: Date.now(),
  inbox: [],
  outbox: null,
});

export const agentData = (): AgentData => ({
  kind: "agent",
  connectionId: crypto.randomUUID(),
  agentId: null,
  authTimer: null,
});
