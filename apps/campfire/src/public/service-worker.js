// Campfire's service worker: shows pushed notifications and opens their room when clicked. It caches
// nothing (the app needs the server anyway).
self.addEventListener("push", (event) => {
  const { title, options } = event.data?.json() ?? { title: "Campfire", options: {} };
  const badge = options?.data?.badge;
  event.waitUntil(
    Promise.all([
      self.registration.showNotification(title, options),
      typeof badge === "number" && "setAppBadge" in navigator
        ? navigator.setAppBadge(badge).catch(() => {})
        : null,
    ]),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const path = event.notification.data?.path ?? "/";
  const url = new URL(path, self.location.origin).href;
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      const focused = windows.find((client) => client.focused) ?? windows[0];
      if (focused) return focused.navigate(url).then((client) => client?.focus());
      return self.clients.openWindow(url);
    }),
  );
});
