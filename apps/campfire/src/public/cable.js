// One WebSocket per tab to /cable, kept across Turbo navigations. Page elements ask it for streams;
// Turbo Stream HTML arriving on a stream is handed to Turbo through its stream-source API, and the
// other messages (unread, read, typing, revoked) are re-dispatched as `cable:<type>` events.
import { connectStreamSource, disconnectStreamSource } from "/assets/turbo.js";

const MAX_BACKOFF_MS = 10_000;

class Cable extends EventTarget {
  socket = null;
  connected = false;
  everConnected = false;
  attempts = 0;
  sources = new Map(); // stream name → Set of elements

  connect() {
    if (this.socket) return;
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const socket = new WebSocket(`${scheme}//${location.host}/cable`);
    this.socket = socket;
    socket.addEventListener("message", (event) => this.receive(JSON.parse(event.data)));
    socket.addEventListener("close", (event) => this.lost(socket, event.code));
  }

  send(command) {
    if (this.connected) this.socket.send(JSON.stringify(command));
  }

  subscribe(stream, element) {
    const elements = this.sources.get(stream) ?? new Set();
    this.sources.set(stream, elements.add(element));
    if (elements.size === 1) this.send({ command: "subscribe", stream });
    else if (elements.values().next().value.hasAttribute("connected")) element.setAttribute("connected", "");
    this.connect();
  }

  unsubscribe(stream, element) {
    const elements = this.sources.get(stream);
    if (!elements?.delete(element) || elements.size > 0) return;
    this.sources.delete(stream);
    this.send({ command: "unsubscribe", stream });
  }

  receive(message) {
    switch (message.type) {
      case "welcome": {
        const reconnected = this.everConnected;
        this.connected = true;
        this.everConnected = true;
        this.attempts = 0;
        for (const stream of this.sources.keys()) this.send({ command: "subscribe", stream });
        this.dispatchEvent(new CustomEvent("connected", { detail: { reconnected } }));
        return;
      }
      case "confirm":
      case "reject":
        for (const element of this.sources.get(message.stream) ?? []) {
          element.toggleAttribute("connected", message.type === "confirm");
          element.toggleAttribute("rejected", message.type === "reject");
        }
        return;
      case "stream": {
        // Several elements may want the same stream (a page in transition); Turbo renders it once.
        const [element] = this.sources.get(message.stream) ?? [];
        element?.dispatchEvent(new MessageEvent("message", { data: message.html }));
        return;
      }
      default:
        this.dispatchEvent(new CustomEvent(`cable:${message.type}`, { detail: message }));
    }
  }

  lost(socket, code) {
    if (socket !== this.socket) return;
    // 4401: the server says this person may no longer be here (deactivated, banned). Reloading
    // lands on the sign-in page instead of knocking on a closed door forever.
    if (code === 4401) {
      location.reload();
      return;
    }
    this.socket = null;
    this.connected = false;
    for (const elements of this.sources.values())
      for (const element of elements) element.removeAttribute("connected");
    this.dispatchEvent(new CustomEvent("disconnected"));
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempts++);
    setTimeout(() => this.connect(), delay);
  }
}

export const cable = new Cable();

// <cable-stream-source stream="room:5">: a Turbo stream source fed by the shared socket.
class CableStreamSource extends HTMLElement {
  connectedCallback() {
    this.stream = this.getAttribute("stream");
    connectStreamSource(this);
    cable.subscribe(this.stream, this);
  }

  disconnectedCallback() {
    disconnectStreamSource(this);
    cable.unsubscribe(this.stream, this);
    this.removeAttribute("connected");
  }
}
customElements.define("cable-stream-source", CableStreamSource);
