/**
 * This instance's open /ws sockets by user: live delivery, presence counts and the heartbeat
 * sweep all read it. One map entry per user (a bare socket for the common single tab).
 */
import type { PresenceCounts } from "../realtime/user-presence.ts";
import type { ClientSocket } from "./socket-data.ts";

type Entry = ClientSocket | ClientSocket[];

export class ClientRegistry {
  readonly #byUser = new Map<string, Entry>();
  readonly #send: (ws: ClientSocket, event: string) => void;

  constructor(send: (ws: ClientSocket, event: string) => void) {
    this.#send = send;
  }

  add(ws: ClientSocket): void {
    const entry = this.#byUser.get(ws.data.userId);
    if (entry === undefined) this.#byUser.set(ws.data.userId, ws);
    else if (Array.isArray(entry)) entry.push(ws);
    else this.#byUser.set(ws.data.userId, [entry, ws]);
  }

  /** False when the socket was not registered (e.g. closed before it was set up). */
  remove(ws: ClientSocket): boolean {
    const userId = ws.data.userId;
    const entry = this.#byUser.get(userId);
    if (entry === ws) {
      this.#byUser.delete(userId);
      return true;
    }
    if (!Array.isArray(entry)) return false;
    const index = entry.indexOf(ws);
    if (index < 0) return false;
    entry.splice(index, 1);
    if (entry.length === 1) this.#byUser.set(userId, entry[0]!);
    return true;
  }

  counts(userId: string): PresenceCounts {
    const entry = this.#byUser.get(userId);
    if (entry === undefined) return { sockets: 0, foreground: 0 };
    if (!Array.isArray(entry)) return { sockets: 1, foreground: entry.data.visible ? 1 : 0 };
    let foreground = 0;
    for (const ws of entry) if (ws.data.visible) foreground++;
    return { sockets: entry.length, foreground };
  }

  /** Sends to every open socket of the user here; sockets still replaying hold it back. */
  deliver(userId: string, event: string): number {
    const entry = this.#byUser.get(userId);
    if (entry === undefined) return 0;
    if (!Array.isArray(entry)) return this.#deliverTo(entry, event);
    let delivered = 0;
    for (const ws of entry) delivered += this.#deliverTo(ws, event);
    return delivered;
  }

  #deliverTo(ws: ClientSocket, event: string): number {
    if (ws.readyState !== 1) return 0;
    if (ws.data.outbox !== null) ws.data.outbox.push(event);
    else this.#send(ws, event);
    return 1;
  }

  /** Open /ws sockets here. */
  get size(): number {
    let sockets = 0;
    for (const entry of this.#byUser.values()) sockets += Array.isArray(entry) ? entry.length : 1;
    return sockets;
  }

  *all(): Generator<ClientSocket> {
    for (const entry of this.#byUser.values()) {
      if (Array.isArray(entry)) yield* entry;
      else yield entry;
    }
  }

  /** Every socket here whose last inbound frame is older than `cutoff`. */
  *idleSince(cutoff: number): Generator<ClientSocket> {
    for (const entry of this.#byUser.values()) {
      if (!Array.isArray(entry)) {
        if (entry.data.lastSeen < cutoff) yield entry;
        continue;
      }
      for (const ws of entry) if (ws.data.lastSeen < cutoff) yield ws;
    }
  }
}
