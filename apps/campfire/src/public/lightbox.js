// Clicking an inline image opens the page's lightbox (views/lightbox.ts): the full image with Download
// and Share. Delegated from the document to message lists, so messages that arrive live over the socket
// (and pages Turbo swaps in) need no wiring of their own. Escape, the close button or a click on the
// backdrop closes it.

const dialog = () => document.querySelector("dialog.lightbox");
const COPIED_MS = 1500;

function open(link) {
  const lightbox = dialog();
  if (!lightbox) return false;
  const url = new URL(link.getAttribute("href"), location.href).href;
  const filename = link.dataset.filename ?? "";
  const image = lightbox.querySelector(".lightbox__image");
  image.src = url;
  image.alt = filename;
  lightbox.querySelector(".lightbox__caption").textContent = filename;
  const download = lightbox.querySelector(".lightbox__download");
  download.href = link.dataset.downloadUrl ?? url;
  download.download = filename;
  const share = lightbox.querySelector(".lightbox__share");
  share.dataset.url = url;
  share.dataset.title = filename;
  share.textContent = navigator.share ? "Share" : "Copy link";
  share.classList.remove("copied");
  lightbox.showModal();
  return true;
}

async function share(button) {
  const { url, title } = button.dataset;
  if (navigator.share) {
    await navigator.share({ url, title }).catch(() => {});
    return;
  }
  await navigator.clipboard?.writeText(url).catch(() => {});
  button.classList.add("copied");
  setTimeout(() => button.classList.remove("copied"), COPIED_MS);
}

document.addEventListener("click", (event) => {
  const link = event.target.closest?.(".messages a[data-lightbox]");
  if (link) {
    // A modified click (new tab, save) keeps the link's own behaviour.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (open(link)) event.preventDefault();
    return;
  }
  const lightbox = event.target.closest?.("dialog.lightbox");
  if (!lightbox) return;
  // The dialog fills the viewport; a click that lands on it rather than its contents is the backdrop.
  if (event.target === lightbox || event.target.closest(".lightbox__close")) lightbox.close();
  else if (event.target.closest(".lightbox__share")) share(event.target.closest(".lightbox__share"));
});

// Empties the image once closed, so a closed lightbox holds on to nothing, and before Turbo caches the
// page, so a restored page never shows it open.
document.addEventListener(
  "close",
  (event) => {
    if (event.target.matches?.("dialog.lightbox"))
      event.target.querySelector(".lightbox__image").removeAttribute("src");
  },
  true,
);
document.addEventListener("turbo:before-cache", () => dialog()?.close());
