/** The writer registry of a memory hot store: only this process writes it, so a map will do. */
import type { WriterRecord, WriterRegistry } from "../lifecycle-ports.ts";

export class MemoryWriterRegistry implements WriterRegistry {
  private readonly writers = new Map<string, WriterRecord>();

  constructor(private readonly now: () => number = Date.now) {}

  async register(writer: WriterRecord, ttlMs: number): Promise<void> {
    this.writers.set(writer.instanceId, { ...writer, expiresAt: this.now() + ttlMs });
  }

  async list(): Promise<WriterRecord[]> {
    const now = this.now();
    for (const [id, writer] of this.writers) if (writer.expiresAt <= now) this.writers.delete(id);
    return [...this.writers.values()].map((writer) => ({ ...writer }));
  }
}
