import type { Bus, Unsubscribe } from "@rt/realtime";
import { z } from "zod";
import { DISCONNECTIONS_TOPIC } from "./protocol.ts";

const disconnection = z.object({ userId: z.number().int() });

// A person's sockets may be on any instance: the news travels on the bus and each instance closes
// its own (ActionCable's `remote_connections.where(current_user:).disconnect`).
export function announceDisconnection(bus: Bus, userId: number): Promise<void> {
  return bus.publish(DISCONNECTIONS_TOPIC, JSON.stringify({ userId }));
}

export function listenForDisconnections(bus: Bus, handler: (userId: number) => void): Promise<Unsubscribe> {
  return bus.subscribe(DISCONNECTIONS_TOPIC, (message) => {
    const parsed = disconnection.safeParse(JSON.parse(message));
    if (parsed.success) handler(parsed.data.userId);
  });
}
