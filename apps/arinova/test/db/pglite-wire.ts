/**
 * Serves a PGlite instance over the PostgreSQL wire protocol on 127.0.0.1, so that ordinary
 * clients (the shared pg-catalog tool, psql) can read an embedded database. PGlite speaks the
 * protocol itself (`execProtocolRaw`); this only frames the byte stream into whole messages and
 * answers "no" to TLS negotiation. One session: connections share PGlite's single backend.
 */
import { once } from "node:events";
import { createServer, type Socket } from "node:net";
import type { PGlite } from "@electric-sql/pglite";

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

export interface WireServer {
  readonly url: string;
  stop(): Promise<void>;
}

export async function servePglite(pglite: PGlite): Promise<WireServer> {
  // PGlite runs one message batch at a time; every connection queues behind this chain.
  let turn: Promise<unknown> = Promise.resolve();
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    let buffered: Uint8Array = new Uint8Array(0);
    let startupDone = false;
    socket.on("data", (chunk: Buffer) => {
      buffered = concat(buffered, chunk);
      const batch: Uint8Array[] = [];
      for (;;) {
        const size = startupDone ? messageSize(buffered, 1) : messageSize(buffered, 0);
        if (size === undefined || buffered.length < size) break;
        const message = buffered.subarray(0, size);
        buffered = buffered.slice(size);
        if (!startupDone) {
          const code = new DataView(message.buffer, message.byteOffset).getInt32(4);
          if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
            socket.write("N");
            continue;
          }
          startupDone = true;
        }
        batch.push(message);
      }
      if (batch.length === 0) return;
      const request = batch.reduce(concat);
      turn = turn
        .then(() => pglite.execProtocolRaw(request))
        .then(
          (reply) => {
            if (reply.length > 0 && !socket.destroyed) socket.write(reply);
          },
          () => socket.destroy(),
        );
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("wire server has no TCP address");
  return {
    url: `postgres://postgres@127.0.0.1:${address.port}/postgres`,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      server.close();
      await turn.catch(() => undefined);
    },
  };
}

/** Length of the message at the start of `bytes` (its length field counts itself, not the type byte). */
function messageSize(bytes: Uint8Array, typeBytes: 0 | 1): number | undefined {
  if (bytes.length < typeBytes + 4) return undefined;
  return typeBytes + new DataView(bytes.buffer, bytes.byteOffset).getInt32(typeBytes);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
