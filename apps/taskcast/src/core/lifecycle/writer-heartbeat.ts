/**
 * This server's entry in the writer registry (storage.md §6.4): registered with a 30 s expiry
 * every 10 s, protocol version 2. Release is ready only when our own heartbeat succeeded, our
 * registration is visible, and no registered writer speaks an older protocol.
 */
import type { WriterRegistry } from "../../storage/lifecycle-ports.ts";

export const STORAGE_PROTOCOL_VERSION = 2;
export const WRITER_TTL_MS = 30_000;
export const WRITER_HEARTBEAT_MS = 10_000;

export interface StorageReadiness {
  releaseReady: boolean;
  requiredStorageProtocolVersion: number;
  activeWriterCount: number;
  incompatibleWriterIds: string[];
}

export class WriterHeartbeat {
  constructor(
    private readonly registry: WriterRegistry,
    readonly instanceId: string,
    private readonly build: string,
    private readonly now: () => number = Date.now,
  ) {}

  async beat(): Promise<void> {
    await this.registry.register(
      {
        instanceId: this.instanceId,
        storageProtocolVersion: STORAGE_PROTOCOL_VERSION,
        build: this.build,
        expiresAt: this.now() + WRITER_TTL_MS,
      },
      WRITER_TTL_MS,
    );
  }

  /** Re-registers, then reads the registry, as the original's readiness check does. */
  async readiness(): Promise<StorageReadiness> {
    let beating = true;
    try {
      await this.beat();
    } catch {
      beating = false;
    }
    const writers = beating ? await this.registry.list().catch(() => undefined) : undefined;
    const incompatible = (writers ?? [])
      .filter((writer) => writer.storageProtocolVersion < STORAGE_PROTOCOL_VERSION)
      .map((writer) => writer.instanceId);
    const visible = writers?.some((writer) => writer.instanceId === this.instanceId) ?? false;
    return {
      releaseReady: beating && visible && incompatible.length === 0,
      requiredStorageProtocolVersion: STORAGE_PROTOCOL_VERSION,
      activeWriterCount: writers?.length ?? 0,
      incompatibleWriterIds: incompatible,
    };
  }
}
