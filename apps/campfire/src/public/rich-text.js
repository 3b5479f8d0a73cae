// Trix writes mentions and link cards as <figure data-trix-attachment>; they are stored the Action Text
// way, as <action-text-attachment …> with plain attributes, so the server never reads Trix's JSON.
const OPENGRAPH = "application/vnd.actiontext.opengraph-embed";
const CARD_ATTRIBUTES = ["href", "url", "filename", "caption"];

export function toStoredHtml(trixHtml) {
  const template = document.createElement("template");
  template.innerHTML = trixHtml;
  for (const figure of template.content.querySelectorAll("figure[data-trix-attachment]")) {
    let attachment = {};
    try {
      attachment = JSON.parse(figure.dataset.trixAttachment);
    } catch {}
    const stored = document.createElement("action-text-attachment");
    if (attachment.contentType === OPENGRAPH) {
      stored.setAttribute("content-type", OPENGRAPH);
      for (const name of CARD_ATTRIBUTES) stored.setAttribute(name, attachment[name] ?? "");
      figure.replaceWith(stored);
      continue;
    }
    if (!attachment.sgid) {
      figure.remove();
      continue;
    }
    stored.setAttribute("sgid", attachment.sgid);
    stored.setAttribute("content-type", attachment.contentType ?? "");
    figure.replaceWith(stored);
  }
  return template.innerHTML;
}

export const isBlank = (editor) =>
  editor.editor.getDocument().toString().trim() === "" && !editor.querySelector("figure");
