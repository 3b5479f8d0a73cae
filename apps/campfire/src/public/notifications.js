// Web Push from the browser side: register the service worker, ask permission when the person
// clicks "Enable notifications", subscribe with the server's VAPID key and tell the server; keep the
// server's copy fresh on every visit; and forget this browser's subscription when signing out.
const supported = () => "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
const vapidKey = () => document.querySelector('meta[name="vapid-public-key"]')?.content;
const csrfToken = () => document.querySelector('meta[name="csrf-token"]')?.content ?? "";

function keyBytes(base64url) {
  const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
  return Uint8Array.from(atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4)), (c) => c.charCodeAt(0));
}

const encode = (buffer) =>
  btoa(String.fromCharCode(...new Uint8Array(buffer)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

async function registration() {
  return navigator.serviceWorker.register("/service-worker.js", { scope: "/" });
}

async function subscribe() {
  const worker = await registration();
  const subscription =
    (await worker.pushManager.getSubscription()) ??
    (await worker.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: keyBytes(vapidKey()),
    }));
  await fetch("/users/me/push_subscriptions", {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-CSRF-Token": csrfToken() },
    body: JSON.stringify({
      push_subscription: {
        endpoint: subscription.endpoint,
        p256dh_key: encode(subscription.getKey("p256dh")),
        auth_key: encode(subscription.getKey("auth")),
      },
    }),
  });
}

function showEnableButtons() {
  const ready = supported() && Notification.permission === "granted";
  for (const button of document.querySelectorAll(".notifications-enable"))
    button.hidden = ready || !supported();
}

document.addEventListener("turbo:load", () => {
  showEnableButtons();
  if (supported() && Notification.permission === "granted" && vapidKey()) subscribe().catch(() => {});
});

document.addEventListener("click", async (event) => {
  const button = event.target.closest?.(".notifications-enable");
  if (!button || !supported()) return;
  const permission = await Notification.requestPermission();
  if (permission === "granted") await subscribe().catch(() => {});
  else alert("Notifications aren’t allowed. Allow them for this site in your browser’s settings.");
  showEnableButtons();
});

// Signing out: this browser stops receiving this person's notifications.
document.addEventListener("submit", async (event) => {
  const form = event.target;
  if (form.dataset.signOut === undefined || form.dataset.unsubscribed || !supported()) return;
  event.preventDefault();
  const worker = await navigator.serviceWorker.getRegistration("/");
  const subscription = await worker?.pushManager.getSubscription();
  if (subscription) {
    const field = Object.assign(document.createElement("input"), {
      type: "hidden",
      name: "push_subscription_endpoint",
    });
    field.value = subscription.endpoint;
    form.append(field);
    await subscription.unsubscribe().catch(() => {});
  }
  form.dataset.unsubscribed = "true";
  form.requestSubmit();
});
