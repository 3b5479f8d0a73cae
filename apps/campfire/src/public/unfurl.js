// Pasting exactly one link into the composer asks the server for its preview (POST /unfurl_link) and,
// if the link is still in the editor when the answer comes, attaches the card after it. Typing a link
// never unfurls. A newer paste abandons the older request.
import Trix from "/assets/trix.js";

export const OPENGRAPH = "application/vnd.actiontext.opengraph-embed";
const SINGLE_URL = /^(?:[a-z0-9]+:\/\/|www\.)[^\s]+$/i;

let pending = null;

const csrfToken = () => document.querySelector('meta[name="csrf-token"]')?.content ?? "";

// What the editor shows; built with text nodes so the page's title can't become markup.
function cardContent(preview) {
  const card = document.createElement("div");
  card.className = "og-embed";
  const body = document.createElement("div");
  body.className = "og-embed__content";
  const title = document.createElement("div");
  title.className = "og-embed__title";
  title.textContent = preview.title;
  const description = document.createElement("div");
  description.className = "og-embed__description";
  description.textContent = preview.description;
  body.append(title, description);
  card.append(body);
  return card.outerHTML;
}

async function unfurl(editor, url) {
  pending?.abort();
  const controller = new AbortController();
  pending = controller;
  try {
    const response = await fetch("/unfurl_link", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-csrf-token": csrfToken(),
      },
      body: JSON.stringify({ url }),
      signal: controller.signal,
    });
    if (response.status !== 200) return;
    const preview = await response.json();
    if (!editor.editor.getDocument().toString().includes(url)) return;
    const length = editor.editor.getDocument().getLength();
    editor.editor.setSelectedRange([length - 1, length - 1]);
    editor.editor.insertAttachment(
      new Trix.Attachment({
        contentType: OPENGRAPH,
        href: preview.url,
        url: preview.image ?? "",
        filename: preview.title,
        caption: preview.description,
        content: cardContent(preview),
      }),
    );
  } catch {
    // Aborted by a newer paste, or the network failed: the link stays a plain link.
  } finally {
    if (pending === controller) pending = null;
  }
}

document.addEventListener("paste", (event) => {
  const editor = event.target.closest?.("form#composer trix-editor");
  const text = event.clipboardData?.getData("text/plain")?.trim() ?? "";
  if (editor && SINGLE_URL.test(text)) unfurl(editor, text);
});
