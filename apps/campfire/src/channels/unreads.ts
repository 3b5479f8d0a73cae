import type { Bus, Unsubscribe } from "@rt/realtime";
import { z } from "zod";
import { UNREADS_TOPIC } from "./protocol.ts";

const unreadNews = z.object({ roomId: z.number().int(), userIds: z.array(z.number().int()) });
export type UnreadNews = z.infer<typeof unreadNews>;

// Every member's sidebar hears of a new message on their own stream (features.md §14.1). One bus
// message names them all, and each instance writes to its own members' sockets: a room of 2,000
// costs one publish instead of 2,000, locally and through Redis.
export function announceUnread(bus: Bus, news: UnreadNews): Promise<void> {
  return bus.publish(UNREADS_TOPIC, JSON.stringify(news));
}

export function listenForUnreads(bus: Bus, handler: (news: UnreadNews) => void): Promise<Unsubscribe> {
  return bus.subscribe(UNREADS_TOPIC, (message) => {
    const parsed = unreadNews.safeParse(JSON.parse(message));
    if (parsed.success) handler(parsed.data);
  });
}
