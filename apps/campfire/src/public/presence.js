// <cable-presence room-id="5">: tells the server this tab is looking at the room (features.md §14.2),
// which reads it and keeps unread marks away while it stays visible.
import { cable } from "/assets/cable.js";

const REFRESH_MS = 50_000;
const VISIBILITY_DEBOUNCE_MS = 5_000;

class CablePresence extends HTMLElement {
  connectedCallback() {
    this.roomId = Number(this.getAttribute("room-id"));
    this.state = "absent";
    this.onConnected = () => {
      this.state = "absent";
      if (document.visibilityState === "visible") this.present();
    };
    this.onVisibility = () => {
      clearTimeout(this.debounce);
      const wanted = document.visibilityState === "visible" ? "present" : "absent";
      this.debounce = setTimeout(
        () => (wanted === "present" ? this.present() : this.absent()),
        VISIBILITY_DEBOUNCE_MS,
      );
    };
    cable.addEventListener("connected", this.onConnected);
    document.addEventListener("visibilitychange", this.onVisibility);
    this.refresher = setInterval(() => {
      if (this.state === "present") cable.send({ command: "refresh", room_id: this.roomId });
    }, REFRESH_MS);
    if (cable.connected) this.onConnected();
  }

  disconnectedCallback() {
    this.absent();
    clearTimeout(this.debounce);
    clearInterval(this.refresher);
    cable.removeEventListener("connected", this.onConnected);
    document.removeEventListener("visibilitychange", this.onVisibility);
  }

  present() {
    if (this.state === "present") return;
    this.state = "present";
    cable.send({ command: "present", room_id: this.roomId });
  }

  absent() {
    if (this.state === "absent") return;
    this.state = "absent";
    cable.send({ command: "absent", room_id: this.roomId });
  }
}
customElements.define("cable-presence", CablePresence);
