import type { Bus, Unsubscribe } from "@rt/realtime";
import { z } from "zod";
import { REVOCATIONS_TOPIC } from "./protocol.ts";

const revocation = z.object({ roomId: z.number().int(), userIds: z.array(z.number().int()) });
export type Revocation = z.infer<typeof revocation>;

// Sockets of people who lost a room may be on any instance, so the news travels on the bus and each
// instance drops its own sockets from the room's stream.
export function announceRevocation(bus: Bus, message: Revocation): Promise<void> {
  return bus.publish(REVOCATIONS_TOPIC, JSON.stringify(message));
}

export function listenForRevocations(
  bus: Bus,
  handler: (revocation: Revocation) => Promise<void>,
): Promise<Unsubscribe> {
  return bus.subscribe(REVOCATIONS_TOPIC, (message) => {
    const parsed = revocation.safeParse(JSON.parse(message));
    if (parsed.success) handler(parsed.data).catch((error) => console.error("[campfire] revocation:", error));
  });
}
