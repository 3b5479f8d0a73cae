/**
 * The bus carries every cross-connection event. Messages are strings (callers serialize),
 * so the same bytes travel through memory, Redis, and out to sockets without re-encoding.
 */
export type BusHandler = (message: string, topic: string) => void;

export type Unsubscribe = () => Promise<void>;

export interface Bus {
  /**
   * Deliver `message` to every subscriber of `topic` on every node. Resolves once the
   * message is accepted for delivery; rejects (never silently drops) when it cannot be.
   */
  publish(topic: string, message: string): Promise<void>;
  /** Resolves once the subscription is active on the transport. */
  subscribe(topic: string, handler: BusHandler): Promise<Unsubscribe>;
  close(): Promise<void>;
}
