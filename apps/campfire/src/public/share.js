// Copy and Share buttons beside links people pass on. Share only shows where the browser can share.
document.addEventListener("click", async (event) => {
  const copy = event.target.closest?.("[data-copy]");
  if (copy) {
    await navigator.clipboard?.writeText(copy.dataset.copy).catch(() => {});
    copy.classList.add("copied");
    setTimeout(() => copy.classList.remove("copied"), 1500);
    return;
  }
  const share = event.target.closest?.("[data-share]");
  if (share) navigator.share?.({ url: share.dataset.share }).catch(() => {});
});

document.addEventListener("turbo:load", () => {
  for (const button of document.querySelectorAll("[data-share]")) button.hidden = !navigator.share;
});
